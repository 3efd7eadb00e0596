// The notebooks a run is given: files, and folders searched for *.icws-notebook. Every file is
// read and checked before anything runs, so a bad one stops the run with its name and field.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type NotebookFile, NotebookFileError, readNotebookFile } from '../icws/notebook/notebookFile';

export class UsageError extends Error {}

export const NOTEBOOK_EXTENSION = '.icws-notebook';
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

export interface NotebookToRun {
  /** As shown in reports: relative to the current folder. */
  file: string;
  content: NotebookFile;
  /** The metadata's scenario, resolved against the notebook's folder. */
  scenarioFile?: string;
  seed?: number;
}

/** The notebook files under the given paths, sorted, each once. */
export function findNotebooks(paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`${path} does not exist`);
    }
    if (stats.isDirectory()) {
      const before = found.size;
      walk(resolve(path), found);
      if (found.size === before) throw new UsageError(`no ${NOTEBOOK_EXTENSION} files in ${path}`);
    } else if (path.endsWith(NOTEBOOK_EXTENSION)) found.add(resolve(path));
    else throw new UsageError(`${path} is not an ${NOTEBOOK_EXTENSION} file`);
  }
  return [...found].sort();
}

function walk(dir: string, found: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name), found);
    else if (entry.isFile() && entry.name.endsWith(NOTEBOOK_EXTENSION)) found.add(join(dir, entry.name));
  }
}

export function readNotebooks(files: readonly string[]): NotebookToRun[] {
  return files.map((path) => {
    const file = relative(process.cwd(), path) || path;
    let content: NotebookFile;
    try {
      content = readNotebookFile(readFileSync(path, 'utf8'));
    } catch (error) {
      if (error instanceof NotebookFileError) throw new UsageError(`${file} is not an ICWS notebook: ${error.message}`);
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const metadata = content.metadata;
    return { file, content, ...(metadata?.scenario ? { scenarioFile: resolve(dirname(path), metadata.scenario) } : {}), ...(metadata?.seed !== undefined ? { seed: metadata.seed } : {}) };
  });
}
