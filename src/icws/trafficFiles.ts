// Reading and writing saved timelines (JSON lines and HAR 1.2), as one module the extension loads
// only when a file is saved or opened: the schemas and the HAR mapping stay out of activation.
export { HarFileError, fromHar, toHar } from './har';
export { readTrafficLines, TrafficFileError } from './trafficSchema';
