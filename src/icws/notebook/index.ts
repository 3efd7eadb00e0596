export * from './requestCell';
export * from './notebookFile';
