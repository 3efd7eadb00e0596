// The .icws-notebook file: JSON a person can read and review, with Markdown and request cells and
// each request cell's last answer. A file is untrusted (a colleague's, a download): it is checked
// field by field when opened. Answers are stored as the session's redactor left them, and are
// scrubbed again on save, by field name and by the session's known secret values (an echoing
// header holds the token under any name), so a shared file carries no session id, token or cookie.
import { MAX_ENTRY_DEPTH, nestedTooDeep, nestsDeeperThan } from '../jsonDepth';
import * as z from '../zod';
import { Redactor } from '../redact';

export interface CellAnswer {
  status: number;
  durationMs: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface NotebookCellData {
  kind: 'markdown' | 'request';
  source: string;
  answer?: CellAnswer;
}

/** How a test run sets up the simulator for this notebook (docs/testing.md). */
export interface NotebookMetadata {
  /** A scenario file (YAML or JSON), relative to the notebook. */
  scenario?: string;
  seed?: number;
  /** Written for the simulator (the starter): it refuses to run on a production profile. */
  simulatorOnly?: boolean;
}

export interface NotebookFile {
  cells: NotebookCellData[];
  metadata?: NotebookMetadata;
}

const answerSchema = z.object({
  status: z.int().check(z.gte(100), z.lte(599)),
  durationMs: z.number().check(z.nonnegative()),
  headers: z.record(z.string(), z.string()),
  body: z.optional(z.unknown()),
});
const fileSchema = z.object({
  icwsNotebook: z.literal(1),
  cells: z.array(z.object({ kind: z.enum(['markdown', 'request']), source: z.string(), answer: z.optional(answerSchema) })),
  metadata: z.optional(z.object({ scenario: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))), seed: z.optional(z.int()), simulatorOnly: z.optional(z.boolean()) })),
});

export class NotebookFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookFileError';
  }
}

export function readNotebookFile(text: string): NotebookFile {
  if (!text.trim()) return { cells: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new NotebookFileError('not JSON');
  }
  // Refused before anything walks it (the schema, the scrub on save).
  const cells = (value as { cells?: unknown } | null)?.cells;
  const tooDeep = Array.isArray(cells) ? cells.findIndex((cell) => nestsDeeperThan(cell, MAX_ENTRY_DEPTH)) : -1;
  if (tooDeep >= 0) throw new NotebookFileError(`cells.${tooDeep}: ${nestedTooDeep(MAX_ENTRY_DEPTH)}`);
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NotebookFileError(`${issue?.path.map(String).join('.') || 'file'}: ${issue?.message ?? 'not an ICWS notebook'}`);
  }
  const metadata = parsed.data.metadata;
  return {
    cells: parsed.data.cells.map((cell) => ({ kind: cell.kind, source: cell.source, ...(cell.answer ? { answer: cell.answer as CellAnswer } : {}) })),
    ...(metadata ? { metadata: { ...(metadata.scenario !== undefined ? { scenario: metadata.scenario } : {}), ...(metadata.seed !== undefined ? { seed: metadata.seed } : {}), ...(metadata.simulatorOnly !== undefined ? { simulatorOnly: metadata.simulatorOnly } : {}) } } : {}),
  };
}

/** `secrets`: the current session's redactor, when there is one; without it, secrets are masked by field name only. */
export function writeNotebookFile(file: NotebookFile, secrets: Redactor = new Redactor()): string {
  const cells = file.cells.map((cell) => ({ kind: cell.kind, source: cell.source, ...(cell.answer ? { answer: { ...cell.answer, headers: secrets.headers(cell.answer.headers), body: secrets.json(cell.answer.body) } } : {}) }));
  return `${JSON.stringify({ icwsNotebook: 1, ...(file.metadata && Object.keys(file.metadata).length ? { metadata: file.metadata } : {}), cells }, null, 2)}\n`;
}
