// Reading the catalog file (dist/icws-catalog.json.gz: the committed data/icws-catalog.json,
// gzipped by the build, 60 KB instead of 470). Read once per process, on first use.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type CatalogData, IcwsCatalog } from './IcwsCatalog';

export const CATALOG_FILE = 'icws-catalog.json.gz';

const loaded = new Map<string, IcwsCatalog>();

/**
 * The catalog in `file`, or found beside this bundle (dist/, where the CLI, the simulator and the
 * extension run from) or in the project's dist/ (bundles built for tests run from out/).
 */
export function loadCatalog(file = findCatalogFile()): IcwsCatalog {
  let catalog = loaded.get(file);
  if (!catalog) {
    const data = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as CatalogData;
    catalog = new IcwsCatalog(data);
    loaded.set(file, catalog);
  }
  return catalog;
}

function findCatalogFile(): string {
  const candidates = [join(__dirname, CATALOG_FILE), join(__dirname, '..', '..', 'dist', CATALOG_FILE), join(__dirname, '..', '..', '..', 'dist', CATALOG_FILE)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`the ICWS catalog (${CATALOG_FILE}) is missing beside ${__dirname}; run npm run build`);
  return found;
}
