// The call center's interactions and its timers. Every mutation goes through `change()`, which
// reports the attributes and queues it touched, so queue subscriptions can send exact deltas.

import { Emitter } from '../../icws/events';
import type { DirectoryLookup, SimUser } from '../directory';
import { SimError, simErrors } from '../SimError';
import { MAX_TIMER_MS } from '../timers';
import { basicDate, basicDateTime, type InteractionChange, type SimInteraction, stateOf, userQueues } from './interaction';

const STATE_TEXT: Record<string, string> = {
  A: 'Alerting',
  C: 'Connected',
  H: 'On Hold',
  O: 'Offering',
  S: 'Dialing',
  R: 'Proceeding',
  I: 'Disconnected',
  E: 'Disconnected',
};

/** The id the simulator gives its first interaction; the next ones count up (Save as Test relies on it). */
export const FIRST_INTERACTION_ID = 1_001_234_500;

export class InteractionStore {
  private readonly interactions = new Map<string, SimInteraction>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly changeEmitter = new Emitter<InteractionChange>();
  readonly onChange = this.changeEmitter.event;
  private nextId = FIRST_INTERACTION_ID;

  constructor(
    readonly directory: DirectoryLookup,
    readonly now: () => Date,
    /** Called when an interaction left for good: a waiting ACD call may be offered now. */
    private readonly removed: () => void,
  ) {}

  get(id: string): SimInteraction {
    const interaction = this.interactions.get(id);
    if (!interaction) throw simErrors.interactionNotFound(id);
    return interaction;
  }

  find(id: string): SimInteraction | undefined {
    return this.interactions.get(id);
  }

  all(): SimInteraction[] {
    return [...this.interactions.values()];
  }

  /** The interactions as they are while iterated (one added meanwhile is visited too). */
  values(): IterableIterator<SimInteraction> {
    return this.interactions.values();
  }

  onQueue(key: string): SimInteraction[] {
    return this.all().filter((i) => i.queues.has(key));
  }

  requireState(id: string, states: string[], action: string): SimInteraction {
    const interaction = this.get(id);
    if (!states.includes(stateOf(interaction))) throw simErrors.invalidState(id, action, stateOf(interaction));
    return interaction;
  }

  create(attributes: Record<string, string>, scripted: boolean): SimInteraction {
    const id = String(this.nextId++);
    const now = this.now();
    const interaction: SimInteraction = { id, attributes: new Map(), queues: new Set(), scripted, declinedBy: new Set() };
    this.interactions.set(id, interaction);
    const initial: Record<string, string> = {
      Eic_CallId: id,
      Eic_CallIdKey: id + basicDate(now),
      Eic_ObjectType: 'Call',
      Eic_InitiationTime: basicDateTime(now),
      Eic_Muted: '0',
      Eic_ConferenceId: '',
      ...attributes,
    };
    for (const [name, value] of Object.entries(initial)) interaction.attributes.set(name.toLowerCase(), { name, value });
    return interaction;
  }

  /** Applies `mutate`, then reports what changed: attribute names and queue membership. */
  change(interaction: SimInteraction, mutate: (set: (name: string, value: string) => void) => void): void {
    const queuesBefore = new Set(interaction.queues);
    const changed = new Set<string>();
    const set = (name: string, value: string) => {
      const lower = name.toLowerCase();
      const current = interaction.attributes.get(lower);
      if (current?.value === value) return;
      interaction.attributes.set(lower, { name: current?.name ?? name, value });
      changed.add(lower);
    };
    mutate(set);
    if (changed.has('eic_state')) {
      const state = stateOf(interaction);
      set('Eic_CallStateString', STATE_TEXT[state] ?? '');
      set('Eic_Capabilities', String(capabilities(state)));
    }
    if (changed.size === 0 && sameSet(queuesBefore, interaction.queues)) return;
    this.changeEmitter.fire({ interaction, changed, queuesBefore });
  }

  /** Makes it `user`'s leg: on the user's queues, off the previous owner's. Call inside `change()`. */
  assignTo(interaction: SimInteraction, user: SimUser): void {
    this.leaveAgent(interaction);
    interaction.owner = user.userId;
    for (const key of userQueues(user)) interaction.queues.add(key);
  }

  /** Takes it off its owner's queues. Call inside `change()`. */
  leaveAgent(interaction: SimInteraction): void {
    if (!interaction.owner) return;
    const user = this.directory.user(interaction.owner);
    if (user) for (const key of userQueues(user)) interaction.queues.delete(key);
    interaction.owner = undefined;
  }

  removeNow(interaction: SimInteraction): void {
    if (!this.interactions.delete(interaction.id)) return;
    this.change(interaction, () => {
      interaction.queues.clear();
    });
    this.removed();
  }

  /** A client acted on it: the demo script lets go. */
  release(id: string): void {
    const interaction = this.interactions.get(id);
    if (interaction) interaction.scripted = false;
  }

  later(ms: number, action: () => void): void {
    // Beyond what one timer counts (a long scenario at a low --speed, a long replay), wait in steps.
    if (ms > MAX_TIMER_MS) return this.later(MAX_TIMER_MS, () => this.later(ms - MAX_TIMER_MS, action));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        action();
      } catch (error) {
        // A scripted step can lose a race with a client action (the call already moved on).
        if (!(error instanceof SimError)) throw error;
      }
    }, ms);
    timer.unref?.();
    this.timers.add(timer);
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Eic_Capabilities bits as one client reports them (unconfirmed): 2 disconnect, 4 pickup, 32 mute, 256 hold. */
function capabilities(state: string): number {
  if (state === 'I' || state === 'E') return 0;
  let bits = 2;
  if (['A', 'O', 'H', 'P', 'X'].includes(state)) bits |= 4;
  if (state === 'C') bits |= 32;
  if (state === 'C' || state === 'H') bits |= 256;
  return bits;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}
