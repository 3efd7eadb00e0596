import { LineCounter, parseDocument } from 'yaml';
import { type ScenarioDefinition, scenarioSchema } from './scenarioSchema';

/** A scenario file that cannot be used: says which line and which field. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}${line ? `, line ${line}` : ''}${field ? `, field "${field}"` : ''}: ${problem}`);
    this.name = 'ScenarioError';
  }
}

/** Reads a scenario (YAML, or JSON, which is YAML too) and checks it field by field. */
export function loadScenario(text: string, file = 'scenario'): ScenarioDefinition {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [syntax] = document.errors;
  if (syntax) throw new ScenarioError(file, lines.linePos(syntax.pos[0]).line, '', syntax.message.split('\n')[0]!);
  const result = scenarioSchema.safeParse(document.toJS());
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = issue?.path ?? [];
  // The line of the deepest node the path reaches (a missing field: its parent's line).
  let line: number | undefined;
  for (let depth = path.length; depth >= 0 && line === undefined; depth--) {
    const node = document.getIn(path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) line = lines.linePos(node.range[0]).line;
  }
  return fail(file, line, path.map(String).join('.'), issue?.message ?? 'not a scenario');
}

function fail(file: string, line: number | undefined, field: string, problem: string): never {
  throw new ScenarioError(file, line, field, problem);
}
