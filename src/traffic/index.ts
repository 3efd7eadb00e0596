// Traffic: the timeline of what a client sent and received, and what is made of it (rows,
// filters, relations, copy as code, sending a call again). Plain Node, no `vscode` import; it uses
// the client (src/icws) and the client never uses it. The file formats are in ./formats, loaded
// on their own (see formats/index.ts).
export * from './entry';
export * from './rows';
export * from './relations';
export * from './filter';
export * from './TrafficTimeline';
export * from './copyAs';
export * from './resend';
