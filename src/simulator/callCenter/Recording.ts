// Recording a call: who records it, pausing, and the secure pause (PCI: card numbers must not be recorded).

import type { SimUser } from '../directory';
import { simErrors } from '../SimError';
import { attr, LIST_SEPARATOR, listOf, type SimInteraction } from './interaction';
import type { InteractionStore } from './InteractionStore';
import type { CallCenterTiming } from './timing';

export class Recording {
  constructor(
    private readonly store: InteractionStore,
    private readonly timing: CallCenterTiming,
  ) {}

  /** Starts or stops recording; who records is listed in Eic_Recorders (Eic_RecordersSupv for a supervisor). */
  record(id: string, user: SimUser, on: boolean, supervisor: boolean): void {
    const interaction = this.store.requireState(id, ['C', 'H'], on ? 'record' : 'stop recording');
    const name = supervisor ? 'Eic_RecordersSupv' : 'Eic_Recorders';
    const recorders = listOf(attr(interaction, name)).filter((userId) => userId !== user.userId);
    this.store.change(interaction, (set) => {
      set(name, (on ? [...recorders, user.userId] : recorders).join(LIST_SEPARATOR));
      if (!on && !isRecorded(interaction)) set('Eic_RecordingPaused', '0');
    });
  }

  /** Pauses or resumes a recording (simulator choice: the state shows as Eic_RecordingPaused "1"/"0"). */
  pause(id: string, on: boolean): void {
    const interaction = this.store.requireState(id, ['C', 'H'], on ? 'pause the recording of' : 'resume the recording of');
    if (!isRecorded(interaction)) throw simErrors.invalidState(id, 'pause the recording of', 'not recorded');
    this.store.change(interaction, (set) => set('Eic_RecordingPaused', on ? '1' : '0'));
  }

  /**
   * Type 1 pauses for the server's default time, 2 until resumed, 3 for `durationSeconds`, 4
   * resumes. A timed pause ends by itself; its end shows as Eic_SecurePauseEndTime (simulator
   * choice, so clients can show a countdown).
   */
  securePause(id: string, type: number, durationSeconds?: number): void {
    const { store } = this;
    const interaction = store.requireState(id, ['C', 'H'], type === 4 ? 'resume the recording of' : 'securely pause');
    const durationMs = type === 1 ? this.timing.securePauseDefaultMs : type === 3 ? (durationSeconds ?? 0) * 1_000 : undefined;
    const endsAt = durationMs === undefined ? '' : new Date(store.now().getTime() + durationMs).toISOString();
    store.change(interaction, (set) => {
      set('Eic_SecurePause', type === 4 ? '0' : '1');
      set('Eic_SecurePauseEndTime', type === 4 ? '' : endsAt);
    });
    if (durationMs !== undefined) {
      store.later(durationMs, () => {
        if (store.find(id) !== undefined && attr(interaction, 'Eic_SecurePauseEndTime') === endsAt) this.securePause(id, 4);
      });
    }
  }
}

function isRecorded(interaction: SimInteraction): boolean {
  return listOf(attr(interaction, 'Eic_Recorders')).length + listOf(attr(interaction, 'Eic_RecordersSupv')).length > 0;
}
