// Recording: record on/off (as agent or supervisor), pause, and secure pause (PCI) with its four
// types: default timeout, no timeout, a given duration, resume.
import { booleanProperty, enumProperty } from '../http/bodies';
import { INTERACTION_PATH, type Route, route } from '../http/routing';
import { simErrors } from '../SimError';
import type { SimulatorContext } from '../SimulatorContext';
import { MAX_TIMER_MS } from '../timers';
import { act } from './interactions';

/** The contract's SecurePauseType. */
export const SECURE_PAUSE_TYPE = { PauseWithDefaultTimeout: 1, PauseWithInfiniteTimeout: 2, PauseWithSpecifiedTimeout: 3, ResumeRecording: 4 } as const;

export function recordingRoutes(sim: SimulatorContext): Route[] {
  return [
    route('POST', `${INTERACTION_PATH}/record`, 'session', (c) =>
      act(sim, c, (id, body) => {
        const on = booleanProperty(body, 'on');
        const supervisor = booleanProperty(body, 'supervisor');
        if (supervisor) requireSupervisor(c.session!.user.rights, c.session!.user.userId);
        sim.callCenter.record(id, c.session!.user, on, supervisor);
      }),
    ),
    route('POST', `${INTERACTION_PATH}/pause`, 'session', (c) => act(sim, c, (id, body) => sim.callCenter.pauseRecording(id, booleanProperty(body, 'on')))),
    route('POST', `${INTERACTION_PATH}/secure-pause`, 'session', (c) =>
      act(sim, c, (id, body) => {
        const type = enumProperty(body, 'securePauseType', SECURE_PAUSE_TYPE, true)!;
        const duration = body.duration;
        if (type === SECURE_PAUSE_TYPE.PauseWithSpecifiedTimeout) {
          if (duration === undefined) throw simErrors.missingProperty('duration');
          // Longer than a timer counts, the pause would end at once.
          if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration * 1_000 > MAX_TIMER_MS) {
            throw simErrors.invalidProperty('duration', `must be a whole number of seconds from 1 to ${Math.floor(MAX_TIMER_MS / 1_000)} (about 24.8 days)`);
          }
        }
        sim.callCenter.securePause(id, type, typeof duration === 'number' ? duration : undefined);
      }),
    ),
  ];
}

export function requireSupervisor(rights: string[] | undefined, userId: string): void {
  if (!(rights ?? []).includes('supervisor')) throw simErrors.accessDenied(`${userId} does not have the supervisor right`);
}
