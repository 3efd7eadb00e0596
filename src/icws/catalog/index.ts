export * from './IcwsCatalog';
export * from './loadCatalog';
export * from './documentation';
