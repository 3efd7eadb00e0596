// A supervisor on an agent's call: listening (silently), coaching (the agent hears the supervisor,
// the caller does not) or joining (everyone hears everyone).

import type { SimUser } from '../directory';
import { simErrors } from '../SimError';
import { attr, LIST_SEPARATOR, listOf, stateOf } from './interaction';
import type { InteractionStore } from './InteractionStore';

/** Simulator choice: who does what shows as these attributes, comma-separated user ids; the docs leave it open. */
const MONITOR_ATTRIBUTES = { listen: 'Eic_Monitors', coach: 'Eic_Coaches', join: 'Eic_ConferenceMembers' } as const;

export class Monitoring {
  constructor(private readonly store: InteractionStore) {}

  monitor(id: string, supervisor: SimUser, mode: 'listen' | 'coach' | 'join', on: boolean): void {
    const interaction = this.store.requireState(id, ['C', 'H'], mode === 'join' ? 'join' : mode);
    if (interaction.owner === supervisor.userId) throw simErrors.invalidState(id, `${mode} (it is your own call)`, stateOf(interaction));
    this.store.change(interaction, (set) => {
      for (const [each, name] of Object.entries(MONITOR_ATTRIBUTES)) {
        const others = listOf(attr(interaction, name)).filter((userId) => userId !== supervisor.userId);
        // One way of monitoring at a time: switching to coach stops listening, and so on.
        set(name, (on && each === mode ? [...others, supervisor.userId] : others).join(LIST_SEPARATOR));
      }
    });
  }
}
