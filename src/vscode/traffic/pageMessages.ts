// What the Traffic page may say to the extension, checked field by field before use. Its own bundle
// (dist/trafficPage.js), loaded when the panel is first shown: the schema library is not needed to
// activate. No `vscode` import.
import * as z from '../../icws/zod';

const seq = z.int();
/** The most rows the timeline holds (icws.traffic.capacity's maximum). */
export const MAX_SELECTED = 100_000;
export const fromTrafficPageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('select'), seq }),
  // The selected rows (Ctrl/Cmd+A may select the whole timeline: at most icws.traffic.capacity's maximum).
  z.object({ type: z.literal('selection'), seqs: z.array(seq).check(z.maxLength(MAX_SELECTED)) }),
  z.object({ type: z.literal('saveAsTest') }),
  z.object({ type: z.literal('copy'), seq, as: z.enum(['json', 'curl', 'fetch']) }),
  z.object({ type: z.literal('replay'), seq }),
  z.object({ type: z.literal('toNotebook'), seq }),
  z.object({ type: z.literal('openDocs'), seq }),
  z.object({ type: z.literal('reveal'), interactionId: z.string().check(z.regex(/^\d{1,20}$/)) }),
  z.object({ type: z.literal('revealSessionId') }),
  z.object({ type: z.literal('save'), format: z.enum(['jsonl', 'har']) }),
  z.object({ type: z.literal('open') }),
  z.object({ type: z.literal('clear') }),
  z.object({ type: z.literal('filter'), text: z.string().check(z.maxLength(1_000)) }),
  // Column ids are short lower-case words; a page says at most a few dozen of them.
  z.object({ type: z.literal('columns'), choices: z.record(z.string().check(z.regex(/^[a-z]{1,20}$/)), z.boolean()).check(z.refine((choices) => Object.keys(choices).length <= 32, 'too many columns')) }),
]);

export type FromTrafficPage = z.infer<typeof fromTrafficPageSchema>;

/** The message, or undefined when it is not one the page may send. */
export function parsePageMessage(raw: unknown): FromTrafficPage | undefined {
  const parsed = fromTrafficPageSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
