// The scenario file format: who works here, what statuses they start in, which calls arrive and
// when, what simulated agents do, and what happens at given times (status changes, faults,
// switchover). YAML or JSON. Checked field by field; unknown fields are refused (a typo would
// otherwise be silently ignored). `scenarioJsonSchema()` gives editors completion and checks.
import * as z from '../../icws/zod';
import { MAX_TIMER_MS, MAX_TIMER_TEXT } from '../timers';

/**
 * The most calls and events a run may hold, repeats counted: each is a timer and a closure, so a
 * small file of large repeats (5,000 x 10,000) would otherwise run the process out of memory.
 */
export const MAX_SCENARIO_STEPS = 100_000;

const DURATION_TEXT = /^(\d+(?:\.\d+)?)(ms|s|m)$/;
const tooLong = `at most ${MAX_TIMER_TEXT}`;
/** Seconds as a number, or text with a unit: "500ms", "5s", "2m". At most what a timer counts. */
const duration = z.union([
  z.number().check(z.nonnegative(), z.lte(MAX_TIMER_MS / 1_000, tooLong)),
  z.string().check(
    z.regex(DURATION_TEXT, 'a duration such as 5, "500ms", "5s" or "2m"'),
    z.refine((text) => !DURATION_TEXT.test(text) || milliseconds(text) <= MAX_TIMER_MS, tooLong),
    // A pattern cannot say the bound; editors show this.
    z.describe(`a duration such as "500ms", "5s" or "2m"; ${tooLong}`),
  ),
]);
const text = z.string().check(z.minLength(1));

const user = z.strictObject({
  userId: text,
  displayName: text,
  password: z.string(),
  extension: text,
  rights: z.optional(z.array(z.enum(['supervisor']))),
});

const workgroup = z.strictObject({ name: text, members: z.array(text) });

const call = z.strictObject({
  /** When the (first) call arrives, from the start of the run. */
  at: duration,
  /** A workgroup, user ID or extension. */
  to: text,
  from: z.optional(text),
  name: z.optional(z.string()),
  attributes: z.optional(z.record(z.string(), z.string())),
  /** More calls like it: `count` in all, one every `every`, each up to `jitter` later. */
  repeat: z.optional(z.strictObject({ count: z.int().check(z.gte(1), z.lte(10_000)), every: duration, jitter: z.optional(duration) })),
});

const agent = z.strictObject({
  /** A simulated agent (not logged in through ICWS) answers an alerting call after this long. */
  answerAfter: z.optional(duration),
  /** Then talks this long before hanging up or transferring. */
  talkFor: z.optional(duration),
  /** Instead of hanging up: a blind transfer to this user, extension or workgroup. */
  transferTo: z.optional(text),
});

const event = z.strictObject({
  at: duration,
  /** Users' new statuses, by user ID. */
  status: z.optional(z.record(z.string(), text)),
  /** A fault request, as `POST /simulator/faults` takes it (checked here as far as a wait goes). */
  fault: z.optional(z.looseObject({ pollDelayMs: z.optional(z.number().check(z.nonnegative(), z.lte(MAX_TIMER_MS, tooLong))) })),
  /** Logins answer 503 with these alternates while `acceptSessions` is false. */
  switchover: z.optional(z.strictObject({ acceptSessions: z.boolean(), alternateHosts: z.optional(z.array(text)) })),
  /** For people reading the file; the run ignores it. */
  note: z.optional(z.string()),
});

export const scenarioSchema = z.strictObject({
  name: text,
  description: z.optional(z.string()),
  /** The seed of the jitter; `--seed` overrides it. Same seed, same run. */
  seed: z.optional(z.int()),
  directory: z.optional(z.strictObject({ users: z.array(user).check(z.minLength(1)), workgroups: z.array(workgroup) })),
  /** Statuses at the start, by user ID (everyone else starts Available). */
  statuses: z.optional(z.record(z.string(), text)),
  agents: z.optional(z.record(z.string(), agent)),
  calls: z.optional(z.array(call)),
  events: z.optional(z.array(event)),
}).check(
  z.describe(`A scenario for the ICWS simulator: at most ${MAX_SCENARIO_STEPS} calls and events in all (repeats counted).`),
  z.superRefine((scenario, context) => {
    const steps = scenarioSteps(scenario);
    if (steps > MAX_SCENARIO_STEPS) context.addIssue({ code: 'custom', path: ['calls'], message: `${steps} calls and events in all (repeats counted); at most ${MAX_SCENARIO_STEPS}`, input: scenario });
  }),
);

export type ScenarioDefinition = z.infer<typeof scenarioSchema>;
export type ScenarioDuration = z.infer<typeof duration>;

/** The JSON schema of the format, for editors (contributed to VS Code). */
export function scenarioJsonSchema(): object {
  return { ...z.toJSONSchema(scenarioSchema), title: 'ICWS simulator scenario' };
}

/** How many calls and events a run holds, repeats counted (arithmetic: nothing is expanded). */
export function scenarioSteps(scenario: Pick<ScenarioDefinition, 'calls' | 'events'>): number {
  return (scenario.calls ?? []).reduce((sum, call) => sum + (call.repeat?.count ?? 1), 0) + (scenario.events?.length ?? 0);
}

/** A duration in milliseconds. */
export function milliseconds(value: number | string): number {
  if (typeof value === 'number') return value * 1_000;
  const match = DURATION_TEXT.exec(value)!;
  const amount = Number(match[1]);
  return match[2] === 'ms' ? amount : match[2] === 's' ? amount * 1_000 : amount * 60_000;
}
