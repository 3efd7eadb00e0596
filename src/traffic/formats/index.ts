// Reading and writing saved timelines (JSON lines and HAR 1.2). The extension loads this as its
// own bundle (dist/trafficFiles.js) the first time a file is saved or opened: the schemas and the
// HAR mapping stay out of activation. Not exported by ../index.ts for the same reason.
export { HAR_CREATOR, HarFileError, type HarImport, fromHar, toHar } from './har';
export { parseTrafficLine, readTrafficLines, toJsonLines, TrafficFileError } from './jsonLines';
export { trafficEntrySchema } from './entrySchema';
