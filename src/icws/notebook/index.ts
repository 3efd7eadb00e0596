export * from './requestCell';
export * from './notebookFile';
export * from './cellDirectives';
