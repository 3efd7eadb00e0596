// How deep JSON from outside (an answer, a message, a saved file) may nest. JSON.parse copes with
// any depth, but what walks a value afterwards (the redactor, JSON.stringify, the schemas) recurses
// and runs out of stack a few thousand levels down. ICWS bodies are a handful of levels deep, so a
// value nested deeper than the bound is refused where it enters, before anything walks it.

/** The deepest an answer body or a message may nest (`{}` and `[]` are one level; a list answer's items count on their own). */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest a saved entry (a timeline line, a HAR entry, a notebook cell) may nest: it wraps a
 * body in levels of its own (entry, exchange, a list answer), so whatever was recorded loads back.
 */
export const MAX_ENTRY_DEPTH = MAX_JSON_DEPTH + 4;

/** Whether `value` nests deeper than `maxDepth`. Counted with a stack of its own, not by recursion, so it cannot overflow itself. */
export function nestsDeeperThan(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > maxDepth) return true;
    for (const item of Array.isArray(next.value) ? next.value : Object.values(next.value)) {
      if (typeof item === 'object' && item !== null) pending.push({ value: item, depth });
    }
  }
  return false;
}

/**
 * Where JSON text first nests deeper than `maxDepth` (the offset of the bracket that does), or
 * undefined. One pass over the brackets outside strings, for text nothing has parsed yet: a parser
 * that recurses (jsonc-parser's, behind a notebook cell's checks) overflows the stack on it first.
 */
export function textNestsDeeperAt(text: string, maxDepth = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let offset = 0; offset < text.length; offset++) {
    const char = text[offset];
    if (inString) {
      if (char === '\\') offset++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (++depth > maxDepth) return offset;
    } else if ((char === '}' || char === ']') && depth > 0) depth--;
  }
  return undefined;
}

/** The words an error uses for it. */
export function nestedTooDeep(maxDepth = MAX_JSON_DEPTH): string {
  return `nested deeper than ${maxDepth} levels`;
}

/** An answer's body: JSON (an empty body is `undefined`), or why not. */
export type ParsedAnswer = { ok: true; value: unknown; leftOut: readonly number[] } | { ok: false; tooDeep: boolean };

/**
 * An answer's text as JSON (ICWS bodies are JSON whatever the media type says; many successes
 * have none). A body nested too deep is refused whole, except a list whose items are bounded one
 * by one (`eachItem`: the messages poll, whose items the server has dequeued): there only the
 * items nested too deep are refused, and `leftOut` gives their indexes.
 */
export function parseAnswer(text: string, eachItem = false): ParsedAnswer {
  if (text.trim() === '') return { ok: true, value: undefined, leftOut: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, tooDeep: false };
  }
  if (eachItem && Array.isArray(value)) return { ok: true, value, leftOut: value.flatMap((item, index) => (nestsDeeperThan(item) ? [index] : [])) };
  return nestsDeeperThan(value) ? { ok: false, tooDeep: true } : { ok: true, value, leftOut: [] };
}
