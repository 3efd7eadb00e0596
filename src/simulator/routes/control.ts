// The simulator's own control API beside ICWS (not part of ICWS): inbound calls, hang-ups,
// switchover, faults, raw messages, session ends, and a look at the state.
import type { FaultRequest } from '../Faults';
import { asObject, stringProperty, stringRecord } from '../http/bodies';
import { type Reply, type RequestContext, type Route, route } from '../http/routing';
import { simErrors } from '../SimError';
import type { SimulatorContext } from '../SimulatorContext';

export interface ControlHooks {
  applyFaults(request: FaultRequest): unknown;
  health(): unknown;
  describeInteractions(): unknown;
}

export function controlRoutes(sim: SimulatorContext, hooks: ControlHooks): Route[] {
  return [
    route('GET', '/simulator/health', 'none', () => ({ status: 200, body: hooks.health() })),
    route('GET', '/simulator/interactions', 'none', () => ({ status: 200, body: hooks.describeInteractions() })),
    route('POST', '/simulator/calls', 'none', (c) => createCall(sim, c)),
    route('POST', '/simulator/calls/(?<interactionId>[^/]+)/hangup', 'none', (c) => {
      sim.callCenter.remoteHangup(c.params.interactionId!);
      return { status: 200 };
    }),
    route('POST', '/simulator/config', 'none', (c) => configure(sim, c)),
    route('POST', '/simulator/faults', 'none', (c) => ({ status: 200, body: hooks.applyFaults(asObject(c.body) as FaultRequest) })),
    route('DELETE', '/simulator/faults', 'none', () => {
      sim.faults.reset();
      return { status: 200, body: sim.faults.describe() };
    }),
    route('POST', '/simulator/sessions/(?<sessionId>[^/]+)/messages', 'none', (c) => {
      const session = sim.sessions.get(c.params.sessionId!);
      if (!session?.up) throw simErrors.notFound();
      // Raw messages, as given: duplicates, disorder, unknown types and garbage included.
      for (const message of Array.isArray(c.body) ? c.body : [c.body]) session.send(message as never);
      return { status: 200 };
    }),
    route('POST', '/simulator/sessions/(?<sessionId>[^/]+)/end', 'none', (c) => {
      const body = asObject(c.body);
      const ended = sim.endSession(c.params.sessionId!, stringProperty(body, 'reason') ?? 'Logged off by the administrator.', body.shouldReconnect === true);
      if (!ended) throw simErrors.notFound();
      return { status: 200 };
    }),
  ];
}

function createCall(sim: SimulatorContext, context: RequestContext): Reply {
  const body = asObject(context.body);
  const to = stringProperty(body, 'to');
  if (!to) throw simErrors.missingProperty('to');
  const from = stringProperty(body, 'from') ?? '+13175550100';
  const interaction = sim.callCenter.createInbound({ to, from, name: stringProperty(body, 'name'), attributes: stringRecord(body.attributes, 'attributes') });
  return { status: 201, body: { interactionId: interaction.id } };
}

function configure(sim: SimulatorContext, context: RequestContext): Reply {
  const body = asObject(context.body);
  if (typeof body.acceptSessions === 'boolean') sim.config.acceptSessions = body.acceptSessions;
  if (Array.isArray(body.alternateHosts)) sim.config.alternateHosts = body.alternateHosts.filter((host): host is string => typeof host === 'string');
  return { status: 200, body: sim.config };
}
