// The house's layout rules, checked on the source itself: no import cycle anywhere in src/, the
// protocol client and the simulator never import `vscode`, and no source file over 400 lines.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SRC = join(ROOT, 'src');
const MAX_LINES = 400;

/** Rooms that must work without VS Code (plain Node: the CLI, scripts, the benchmarks). */
const WITHOUT_VSCODE = ['src/icws', 'src/simulator', 'src/traffic', 'src/testing', 'src/assistants'];

// Removed by the redesign (issue 20): each part that lands empties its entries. A cycle here may
// shrink but not grow; any other cycle fails.
const KNOWN_CYCLES: readonly (readonly string[])[] = [
];

// Removed by the redesign (issue 20).
const KNOWN_OVERSIZED: readonly string[] = [];

/** Every .ts file under `dir`, as a path relative to the repository root with `/` separators. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const file = (path: string) => relative(ROOT, path).split(sep).join('/');

function lineCount(path: string): number {
  const text = readFileSync(path, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

// `import ... from '...'`, `import type ...`, `export ... from '...'`, `import '...'`, over several
// lines when the names are listed one a line. Dynamic `import()` and `require()` are not edges: the
// lazily loaded bundles are reached that way on purpose, after every module has loaded.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\bfrom\s*)?['"]([^'"]+)['"]/gm;

function specifiers(text: string): string[] {
  return [...text.matchAll(STATIC_IMPORT)].map((match) => match[1]!);
}

/** The source file a relative specifier names (`./x` is `x.ts` or `x/index.ts`), if it is one. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of files) {
    const targets = specifiers(readFileSync(path, 'utf8')).flatMap((specifier) => resolveSpecifier(path, specifier) ?? []);
    graph.set(file(path), [...new Set(targets.map(file))]);
  }
  return graph;
}

/** The strongly connected components with a cycle (Tarjan), each sorted, largest first. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found.sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
}

/** One concrete loop through a component, `a -> b -> a`, so the failure says which imports to cut. */
function loopThrough(component: readonly string[], graph: ReadonlyMap<string, readonly string[]>): string {
  const inside = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!inside.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start].join(' -> ');
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return component.join(', ');
}

describe('architecture', () => {
  const files = sourceFiles(SRC);
  const graph = importGraph(files);

  it('reads the imports of every source file', () => {
    // Guards the checker itself: a regular expression that stopped matching would pass everything.
    assert.ok(files.length > 100, `${files.length} files`);
    assert.deepEqual(graph.get('src/simulator/routes/dtmf.ts')?.includes('src/simulator/http/routing.ts'), true);
    assert.deepEqual(specifiers("import {\n  a,\n  type B,\n} from './x';\nexport * from \"../y\";\nimport type { C } from './z';\nimport './side';\nconst s = 'import q from \"./no\"';"), ['./x', '../y', './z', './side']);
    assert.deepEqual(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]])), [['a', 'b', 'c'], ['e']]);
  });

  it('has no import cycle in src/ (but the known ones, which may only shrink)', () => {
    const fresh = cycles(graph).filter((component) => !KNOWN_CYCLES.some((known) => component.every((member) => known.includes(member))));
    assert.deepEqual(fresh.map((component) => loopThrough(component, graph)), [], `new import cycles:\n${fresh.map((c) => `  ${c.join(', ')}`).join('\n')}`);
  });

  it('has no source file over 400 lines (but the known ones)', () => {
    const oversized = files.map((path) => ({ path: file(path), lines: lineCount(path) })).filter(({ lines }) => lines > MAX_LINES);
    assert.deepEqual(oversized.filter(({ path }) => !KNOWN_OVERSIZED.includes(path)), []);
  });

  it('lists as known only cycles and oversized files that are still there', () => {
    const current = cycles(graph);
    assert.deepEqual(KNOWN_CYCLES.filter((known) => !current.some((component) => component.every((member) => known.includes(member)))), [], 'a known cycle is gone: remove it from KNOWN_CYCLES');
    const stillLong = (path: string) => existsSync(join(ROOT, path)) && lineCount(join(ROOT, path)) > MAX_LINES;
    assert.deepEqual(KNOWN_OVERSIZED.filter((path) => !stillLong(path)), [], 'a known oversized file is short now: remove it from KNOWN_OVERSIZED');
  });

  it('keeps `vscode` out of the protocol client, the traffic model and the simulator', () => {
    const vscodeImport = /(?:\bfrom\s*|^\s*import\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]vscode['"]/m;
    const offenders = files.map(file).filter((path) => WITHOUT_VSCODE.some((room) => path.startsWith(`${room}/`)) && vscodeImport.test(readFileSync(join(ROOT, path), 'utf8')));
    assert.ok(files.some((path) => file(path).startsWith('src/simulator/')), 'no simulator files read');
    assert.deepEqual(offenders, []);
    assert.ok(vscodeImport.test("import * as vscode from 'vscode';") && vscodeImport.test("const v = require('vscode');"), 'the check recognises an import of vscode');
  });
});
