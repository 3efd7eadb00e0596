// The ICWS client: plain Node, no `vscode` import. Usable from a script or from the extension.
export * from './wire';
export * from './IcwsError';
export * from './events';
export * from './Backoff';
export * from './features';
export * from './http';
export * from './log';
export * from './messages';
export * from './MessageChannel';
export * from './QueueCache';
export * from './QueueSubscriptions';
export * from './InteractionOperations';
export * from './IcwsSession';
export * from './redact';
export * from './inputs';
export * from './SessionCookies';
export * from './TrafficRecorder';
