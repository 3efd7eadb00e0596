// DTMF: send digits into a connected call.
import { requiredString } from '../http/bodies';
import { INTERACTION_PATH, type Route, route } from '../http/routing';
import { simErrors } from '../SimError';
import type { SimulatorContext } from '../SimulatorContext';
import { act } from './interactions';

/** The keys of a DTMF keypad, with the four column keys A-D. */
export const DTMF_DIGITS = /^[0-9*#A-Da-d]+$/;

export function dtmfRoutes(sim: SimulatorContext): Route[] {
  return [
    route('POST', `${INTERACTION_PATH}/send-digits`, 'session', (c) =>
      act(sim, c, (id, body) => {
        const digits = requiredString(body, 'dtmfDigits');
        if (!DTMF_DIGITS.test(digits)) throw simErrors.invalidProperty('dtmfDigits', 'only 0-9, *, # and A-D are DTMF digits');
        sim.callCenter.sendDigits(id, digits);
      }),
    ),
  ];
}
