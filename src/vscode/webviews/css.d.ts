// Stylesheets are bundled by esbuild beside the page's script.
declare module '*.css';
