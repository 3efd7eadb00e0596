// Blind transfer, and consult transfer: start, speak to (change audience), complete (conclude),
// cancel.
import { asObject, stringRecord } from '../http/bodies';
import { INTERACTION_PATH, type Reply, type RequestContext, type Route, route } from '../http/routing';
import { simErrors } from '../SimError';
import type { SimulatorContext } from '../SimulatorContext';
import { destination } from './destinations';
import { act } from './interactions';

const CONSULT = `${INTERACTION_PATH}/consult/(?<consultId>[^/]+)`;

export function transferRoutes(sim: SimulatorContext): Route[] {
  return [
    route('POST', `${INTERACTION_PATH}/blind-transfer`, 'session', (c) => act(sim, c, (id, body) => sim.callCenter.blindTransfer(id, destination(sim.directory, body, true)))),
    route('POST', `${INTERACTION_PATH}/consult`, 'session', (c) => startConsult(sim, c)),
    route('POST', `${CONSULT}/change-audience`, 'session', (c) => changeAudience(sim, c)),
    route('POST', `${CONSULT}/conclude`, 'session', (c) => {
      sim.callCenter.concludeConsult(consultFor(sim, c).consultId);
      return { status: 200 };
    }),
    route('DELETE', CONSULT, 'session', (c) => {
      sim.callCenter.cancelConsult(consultFor(sim, c).consultId);
      return { status: 200 };
    }),
  ];
}

function startConsult(sim: SimulatorContext, context: RequestContext): Reply {
  if (!sim.supports('interactions', 6)) throw simErrors.notFound();
  const id = context.params.interactionId!;
  const body = asObject(context.body);
  sim.callCenter.get(id);
  const party = destination(sim.directory, body, sim.supports('interactions', 13));
  // Before interactions 10 the server does not know additionalAttributes and ignores it.
  const attributes = sim.supports('interactions', 10) ? stringRecord(body.additionalAttributes, 'additionalAttributes') : {};
  sim.callCenter.release(id);
  const record = sim.callCenter.startConsult(id, party, attributes, context.session!.id, context.session!.user);
  return {
    status: 201,
    body: { consultId: record.consultId, consultInteractionId: record.consultLegId },
    // Simulator choice: the docs' "URL of the consult transfer" is given as a Location header.
    headers: { location: `/icws/${context.session!.id}/interactions/${id}/consult/${record.consultId}` },
  };
}

function consultFor(sim: SimulatorContext, context: RequestContext) {
  const record = sim.callCenter.consult(context.params.consultId!);
  if (record.originalId !== context.params.interactionId) throw simErrors.consultNotFound(context.params.consultId!);
  return record;
}

function changeAudience(sim: SimulatorContext, context: RequestContext): Reply {
  const record = consultFor(sim, context);
  const body = asObject(context.body);
  if (body.audience === undefined) throw simErrors.missingProperty('audience');
  const audience = asObject(body.audience);
  sim.callCenter.changeAudience(record.consultId, { originalParty: audience.originalParty === true, consultedParty: audience.consultedParty === true });
  return { status: 200 };
}
