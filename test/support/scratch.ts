// Scratch folders for tests and test launchers: made in the temp folder, removed by whoever made them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One list per process, shared by the bundles that include this file (each test file is bundled on its own).
const REGISTRY = Symbol.for('icws.test.scratch');
const shared = globalThis as { [REGISTRY]?: Set<string> };
const first = !shared[REGISTRY];
const made = (shared[REGISTRY] ??= new Set<string>());
// A run that ends early (a failing hook, a launcher that gives up) still leaves nothing behind.
if (first) process.once('exit', () => removeScratch());

/** A fresh folder `icws-<prefix>-XXXXXX` in the temp folder, removed by removeScratch() or, at the latest, when this process exits. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `icws-${prefix}-`));
  made.add(dir);
  return dir;
}

/** Removes a scratch folder, or every one this process made. Retries, since a stopped server may still be closing files in it. */
export function removeScratch(dir?: string): void {
  for (const each of dir === undefined ? [...made] : [dir]) {
    rmSync(each, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    made.delete(each);
  }
}

/** For a describe block: a scratch folder made before its tests and removed after them. Returns a getter. */
export function useScratch(prefix: string): () => string {
  let dir: string | undefined;
  before(() => {
    dir = scratchDir(prefix);
  });
  after(() => {
    if (dir) removeScratch(dir);
  });
  return () => {
    if (!dir) throw new Error('the scratch folder was not made');
    return dir;
  };
}
