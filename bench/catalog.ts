// The notebooks' catalog: what it adds to the extension (the file read on the first notebook),
// how long reading it takes, and how fast a path completes with all of it loaded.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_FILE, IcwsCatalog, loadCatalog } from '../src/icws/catalog';

type Report = (figure: string, measured: string, target: string, met: boolean) => void;

export const CATALOG_FIGURES = ['catalog size (read on the first notebook)', 'catalog load (gunzip, parse, index)', 'path completion, whole catalog, p99'];

export function benchCatalog(report: Report, root: string): void {
  console.log('9. notebooks: the ICWS catalog');
  const file = join(root, 'dist', CATALOG_FILE);
  const bytes = statSync(file).size;
  report('catalog size (read on the first notebook)', `${(bytes / 1024).toFixed(0)} KB gzipped`, '< 300 KB', bytes < 300 * 1024);
  const started = performance.now();
  const catalog: IcwsCatalog = loadCatalog(file);
  const loadMs = performance.now() - started;
  report('catalog load (gunzip, parse, index)', `${loadMs.toFixed(1)} ms for ${catalog.operations.length} operations`, '< 100 ms', loadMs < 100);
  // Every prefix of every operation's path, as a person types it.
  const prefixes = catalog.operations.slice(0, 200).flatMap((operation) => {
    const path = operation.template.replace('/icws/{sessionId}', '');
    return Array.from({ length: path.length }, (_, i) => [operation.method, path.slice(0, i + 1)] as const);
  });
  const times = prefixes.map(([method, typed]) => {
    const t = performance.now();
    catalog.nextSegments(method, typed);
    return performance.now() - t;
  });
  times.sort((a, b) => a - b);
  const p99 = times[Math.floor(times.length * 0.99)]!;
  report('path completion, whole catalog, p99', `${p99.toFixed(2)} ms over ${times.length} prefixes (max ${times.at(-1)!.toFixed(2)} ms)`, '< 50 ms', p99 < 50);
}
