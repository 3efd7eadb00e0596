// Bundles the extension, the simulator and the tests with esbuild.
// `--only simulator` builds just the simulator CLI (for `npm run simulator`).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const production = process.argv.includes('--production');

// got's HTTP/2, cache and DNS-cache modules are replaced by stubs (see scripts/stubs/gotUnusedFeatures.cjs).
const GOT_UNUSED = { 'http2-wrapper': 'http2wrapper', 'cacheable-request': 'CacheableRequest', 'cacheable-lookup': 'CacheableLookup' };
const gotUnusedFeatures = {
  name: 'got-unused-features',
  setup(builder) {
    const filter = new RegExp(`^(${Object.keys(GOT_UNUSED).join('|')})$`);
    builder.onResolve({ filter }, (args) => (/[\\/]got[\\/]/.test(args.importer) ? { path: args.path, namespace: 'got-unused' } : undefined));
    builder.onLoad({ filter: /.*/, namespace: 'got-unused' }, (args) => ({
      resolveDir: join(process.cwd(), 'scripts', 'stubs'),
      contents: args.path === 'cacheable-request'
        ? "const s = require('./gotUnusedFeatures.cjs'); export default s.CacheableRequest; export const CacheError = s.CacheError;"
        : `const s = require('./gotUnusedFeatures.cjs'); export default s.${GOT_UNUSED[args.path]};`,
      loader: 'js',
    }));
  },
};

const common = {
  plugins: [gotUnusedFeatures],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return /\.test\.ts$|\.bench\.ts$|^index\.ts$/.test(name) ? [path] : [];
  });
}

// Benchmarks run activate() and a command in plain Node, against a minimal vscode shim.
const benchBuild = () => build({ ...common, entryPoints: ['bench/run.ts'], outfile: 'out/bench/run.js', alias: { vscode: './bench/vscodeShim.ts' }, external: ['playwright-core'], sourcemap: 'inline' });
if (only === 'bench') {
  await benchBuild();
  process.exit(0);
}
if (only !== 'simulator') rmSync('dist', { recursive: true, force: true });
const jobs = [];
jobs.push(
  build({ ...common, entryPoints: ['src/simulator/cli.ts'], outfile: 'dist/simulator-cli.js' }),
  // The client library and the simulator as plain Node modules, for scripts and the extension.
  build({ ...common, entryPoints: ['src/icws/index.ts'], outfile: 'dist/icws.js' }),
  build({ ...common, entryPoints: ['src/simulator/index.ts'], outfile: 'dist/simulator.js' }),
);
// icws-test: notebooks' expectations headless, for CI (package.json "bin").
if (only !== 'simulator') jobs.push(build({ ...common, entryPoints: ['src/testing/cli.ts'], outfile: 'dist/icws-test.js', banner: { js: '#!/usr/bin/env node' } }));
if (only !== 'simulator') {
  // `icws-mcp`: the assistant tools as an MCP server (plain Node, stdio); and the same tools for the
  // extension, loaded with the first tool call.
  const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
  jobs.push(build({ ...common, entryPoints: ['src/assistants/mcp/cli.ts'], outfile: 'dist/icws-mcp.js', banner: { js: '#!/usr/bin/env node' }, define: { ICWS_MCP_VERSION: JSON.stringify(version) } }));
  jobs.push(build({ ...common, entryPoints: ['src/assistants/index.ts'], outfile: 'dist/assistants.js' }));
}
if (only !== 'simulator') {
  if (existsSync('src/extension.ts')) {
    jobs.push(build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }));
    // Loaded by the extension when a traffic file is first saved or opened.
    jobs.push(build({ ...common, entryPoints: ['src/traffic/formats/index.ts'], outfile: 'dist/trafficFiles.js' }));
    // Loaded by the Traffic panel with the page's first message: the checks of what a page may say.
    jobs.push(build({ ...common, entryPoints: ['src/vscode/traffic/pageMessages.ts'], outfile: 'dist/trafficPage.js' }));
    // Loaded by the extension when the first ICWS notebook opens.
    // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ES module build bundles cleanly.
    jobs.push(build({ ...common, entryPoints: ['src/vscode/notebooks/lazy/index.ts'], outfile: 'dist/notebooks.js', external: ['vscode'], mainFields: ['module', 'main'] }));
    // Loaded by Test Explorer with the first run of ICWS notebook tests (the runner and the simulator).
    jobs.push(build({ ...common, entryPoints: ['src/vscode/testing/lazy/index.ts'], outfile: 'dist/testing.js', external: ['vscode'] }));
  }
  // Webview pages run in the browser frame of a view: a script and the stylesheet it imports.
  jobs.push(build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { traffic: 'src/vscode/webviews/traffic/main.ts' }, outdir: 'dist/webviews' }));
  // The codicon font and its stylesheet, which @vscode-elements' icons draw with.
  jobs.push(
    (async () => {
      mkdirSync('dist/webviews', { recursive: true });
      for (const name of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${name}`, `dist/webviews/${name}`);
    })(),
  );
}
// A production build (the VSIX) leaves the test bundles alone: tests may be running from them.
if (only !== 'simulator' && !production) {
  rmSync('out', { recursive: true, force: true });
  const tests = [...testFiles('test'), 'test/vscode/runTests.ts', 'test/soak/soak.ts'];
  // Started by @vscode/test-electron as if it were the VS Code executable.
  jobs.push(build({ ...common, entryPoints: ['test/vscode/launcher.ts'], outfile: 'out/test/vscode/launcher.js', external: ['playwright-core'], banner: { js: '#!/usr/bin/env node' }, sourcemap: 'inline' }));
  jobs.push(benchBuild()); // the test run includes a smoke pass of the benchmarks
  if (tests.length > 0) {
    jobs.push(build({ ...common, entryPoints: tests, outdir: 'out/test', outbase: 'test', external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'], sourcemap: 'inline' }));
  }
}
await Promise.all(jobs);
// The ICWS operation catalog (committed as JSON; scripts/build-icws-catalog.mjs makes it), gzipped.
mkdirSync('dist', { recursive: true });
writeFileSync('dist/icws-catalog.json.gz', gzipSync(readFileSync('data/icws-catalog.json'), { level: 9 }));
// The scenario file format as a JSON schema, for editors (contributed to VS Code in package.json).
const { scenarioJsonSchema } = createRequire(import.meta.url)('../dist/simulator.js');
writeFileSync('dist/scenario.schema.json', `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
