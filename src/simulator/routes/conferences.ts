// Conferences: make one of two or more calls, add calls to it, and invite a party (into a
// conference, or into a call, which then becomes one).
import { asObject, enumProperty, requiredString, stringArray } from '../http/bodies';
import { INTERACTION_PATH, type Reply, type RequestContext, type Route, route, SESSION_PATH } from '../http/routing';
import type { SimulatorContext } from '../SimulatorContext';
import { partyForTarget } from './destinations';

const CONFERENCE = `${SESSION_PATH}/interactions/conferences/(?<conferenceId>[^/]+)`;
/** The contract's CallMadeStorageTypes (how far the call must be before the answer; the simulator answers at once). */
const CALL_MADE_STAGE = { None: 0, Allocated: 1, Started: 2, Completed: 3 } as const;

export function conferenceRoutes(sim: SimulatorContext): Route[] {
  return [
    route('POST', `${SESSION_PATH}/interactions/conferences`, 'session', (c) => createConference(sim, c)),
    route('PUT', CONFERENCE, 'session', (c) => {
      sim.callCenter.addToConference(c.params.conferenceId!, stringArray(asObject(c.body), 'interactions', { minItems: 1 }));
      return { status: 200 };
    }),
    route('POST', `${CONFERENCE}/invite-party`, 'session', (c) => invite(sim, c, c.params.conferenceId!)),
    route('POST', `${INTERACTION_PATH}/invite-party`, 'session', (c) => invite(sim, c, c.params.interactionId!)),
  ];
}

function createConference(sim: SimulatorContext, context: RequestContext): Reply {
  const ids = stringArray(asObject(context.body), 'interactions', { minItems: 2 });
  const conferenceId = sim.callCenter.createConference(ids, context.session!.user);
  return { status: 201, body: { conferenceId } };
}

function invite(sim: SimulatorContext, context: RequestContext, conferenceOrCall: string): Reply {
  const body = asObject(context.body);
  const target = requiredString(body, 'target');
  enumProperty(body, 'callMadeStage', CALL_MADE_STAGE, false);
  sim.callCenter.inviteParty(conferenceOrCall, partyForTarget(sim.directory, target), context.session!.user);
  return { status: 200 };
}
