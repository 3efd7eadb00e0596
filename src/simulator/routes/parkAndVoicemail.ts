// Park, transfer to someone's voicemail, send to my voicemail, and the private flag.
import { booleanProperty } from '../http/bodies';
import { INTERACTION_PATH, type Route, route } from '../http/routing';
import { simErrors } from '../SimError';
import type { SimulatorContext } from '../SimulatorContext';
import { destination } from './destinations';
import { act } from './interactions';

export function parkAndVoicemailRoutes(sim: SimulatorContext): Route[] {
  return [
    route('POST', `${INTERACTION_PATH}/park`, 'session', (c) => act(sim, c, (id, body) => sim.callCenter.park(id, destination(sim.directory, body, true)))),
    route('POST', `${INTERACTION_PATH}/transfer-to-voicemail`, 'session', (c) =>
      act(sim, c, (id, body) => {
        const party = destination(sim.directory, body, true);
        if (party.kind !== 'user') throw simErrors.invalidProperty(party.kind === 'workgroup' ? 'queueID' : 'target', 'only a user has a voicemail box');
        sim.callCenter.toVoicemail(id, party.user);
      }),
    ),
    route('POST', `${INTERACTION_PATH}/send-to-voicemail`, 'session', (c) => act(sim, c, (id) => sim.callCenter.toVoicemail(id, c.session!.user))),
    route('POST', `${INTERACTION_PATH}/make-private`, 'session', (c) => act(sim, c, (id, body) => sim.callCenter.makePrivate(id, booleanProperty(body, 'on')))),
  ];
}
