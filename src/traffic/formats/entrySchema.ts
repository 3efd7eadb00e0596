// The shape of a saved traffic entry, checked field by field when a file is loaded: a traffic
// file is untrusted input (a colleague's capture, a download), and every field of it ends up in
// the Traffic view. Both file formats (JSON lines, HAR) hold their entries to it.
import { setOwnProperty } from '../../icws/ownProperty';
import * as z from '../../icws/zod';

const count = z.int().check(z.nonnegative());
const milliseconds = z.number().check(z.nonnegative());
/**
 * Header names to values. Built here rather than with z.record, which skips a "__proto__" key (it
 * writes its output by assignment, where that name would set the prototype): every header is kept
 * as an own property, and a value that is not text names its header.
 */
const headers = z.transform((input: unknown, context) => {
  const out: Record<string, string> = {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    context.issues.push({ code: 'invalid_type', expected: 'record', input });
    return out;
  }
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === 'string') setOwnProperty(out, name, value);
    else context.issues.push({ code: 'invalid_type', expected: 'string', input: value, path: [name] });
  }
  return out;
});

const phases = z.object({
  wait: z.optional(milliseconds),
  dns: z.optional(milliseconds),
  connect: z.optional(milliseconds),
  tls: z.optional(milliseconds),
  send: z.optional(milliseconds),
  firstByte: z.optional(milliseconds),
  download: z.optional(milliseconds),
  total: z.optional(milliseconds),
});

const exchange = z.object({
  id: count,
  startedAt: z.number(),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  url: z.string(),
  template: z.string(),
  operation: z.string(),
  requestHeaders: headers,
  requestBody: z.optional(z.unknown()),
  requestBytes: count,
  status: z.optional(z.int().check(z.gte(100), z.lte(599))),
  responseHeaders: z.optional(headers),
  responseBody: z.optional(z.unknown()),
  responseBytes: count,
  durationMs: milliseconds,
  phases: z.optional(phases),
  error: z.optional(z.string()),
  sessionName: z.optional(z.string()),
});

export const trafficEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), seq: count, time: z.number(), exchange }),
  z.object({ kind: z.literal('message'), seq: count, time: z.number(), type: z.string(), subscriptionId: z.optional(z.string()), message: z.unknown(), bytes: count, sessionName: z.optional(z.string()) }),
]);
