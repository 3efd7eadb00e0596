export * from './IcwsCatalog';
export * from './loadCatalog';
