// Interactions: make a call, read and write attributes, and the basic call actions (pick up,
// disconnect, hold, mute).
import { setOwnProperty } from '../../icws/ownProperty';
import { asObject, booleanProperty, stringProperty, stringRecord } from '../http/bodies';
import { INTERACTION_PATH, type Reply, type RequestContext, type Route, route, SESSION_PATH } from '../http/routing';
import { simErrors } from '../SimError';
import type { SimulatorContext } from '../SimulatorContext';

export function interactionRoutes(sim: SimulatorContext): Route[] {
  return [
    route('POST', `${SESSION_PATH}/interactions`, 'session', (c) => makeCall(sim, c)),
    route('GET', INTERACTION_PATH, 'session', (c) => readAttributes(sim, c)),
    route('POST', INTERACTION_PATH, 'session', (c) => writeAttributes(sim, c)),
    route('POST', `${INTERACTION_PATH}/pickup`, 'session', (c) => act(sim, c, (id) => sim.callCenter.pickup(id, c.session!.user))),
    route('POST', `${INTERACTION_PATH}/disconnect`, 'session', (c) => act(sim, c, (id) => sim.callCenter.disconnect(id))),
    route('POST', `${INTERACTION_PATH}/hold`, 'session', (c) => act(sim, c, (id, body) => sim.callCenter.hold(id, booleanProperty(body, 'on')))),
    route('POST', `${INTERACTION_PATH}/mute`, 'session', (c) => act(sim, c, (id, body) => sim.callCenter.mute(id, booleanProperty(body, 'on')))),
  ];
}

/**
 * Runs an action on an existing interaction (404 otherwise); an agent acting on a call takes it
 * from the demo script (`keepOwner`: a supervisor monitoring someone else's call does not).
 * Actions answer 200 with no body.
 */
export function act(sim: SimulatorContext, context: RequestContext, action: (id: string, body: Record<string, unknown>) => void, options: { keepOwner?: boolean } = {}): Reply {
  const id = context.params.interactionId!;
  const body = asObject(context.body);
  sim.callCenter.get(id);
  if (!options.keepOwner) sim.callCenter.release(id);
  action(id, body);
  return { status: 200 };
}

function makeCall(sim: SimulatorContext, context: RequestContext): Reply {
  const body = asObject(context.body);
  const target = stringProperty(body, 'target');
  if (!target) throw simErrors.missingProperty('target');
  const extra = stringRecord(body.additionalAttributes, 'additionalAttributes');
  const workgroup = stringProperty(body, 'workgroup');
  if (workgroup && !sim.directory.workgroup(workgroup)) throw simErrors.unknownQueue(workgroup);
  const interaction = sim.callCenter.makeCall(context.session!.user, target, workgroup ? { ...extra, Eic_WorkgroupName: workgroup } : extra);
  return { status: 201, body: { interactionId: interaction.id }, headers: { location: `/icws/${context.session!.id}/interactions/${interaction.id}` } };
}

function readAttributes(sim: SimulatorContext, context: RequestContext): Reply {
  const interaction = sim.callCenter.get(context.params.interactionId!);
  const select = context.url.searchParams.get('select');
  const attributes: Record<string, string> = {};
  if (!select) {
    attributes.Eic_CallId = interaction.id;
  } else {
    const wanted = select === '*' ? [...interaction.attributes.keys()] : select.split(',').map((name) => name.trim().toLowerCase());
    for (const name of wanted) {
      const attribute = interaction.attributes.get(name);
      if (attribute) setOwnProperty(attributes, attribute.name, attribute.value);
    }
  }
  return { status: 200, body: { attributes } };
}

function writeAttributes(sim: SimulatorContext, context: RequestContext): Reply {
  const body = asObject(context.body);
  if (body.attributes === undefined) throw simErrors.missingProperty('attributes');
  sim.callCenter.setAttributes(context.params.interactionId!, stringRecord(body.attributes, 'attributes'));
  return { status: 200 };
}
