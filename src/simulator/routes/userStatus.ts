// Agent status: the status message catalog, reading and setting a user's status, and the
// user-status subscription whose messages tell watchers about changes.
import { asObject, requiredString, stringArray, stringProperty } from '../http/bodies';
import { type Reply, type RequestContext, type Route, route, SESSION_PATH } from '../http/routing';
import { SimError, simErrors } from '../SimError';
import type { SimulatorContext } from '../SimulatorContext';
import { statusIconSvg } from '../UserStatuses';

export const USER_STATUS_MESSAGE = 'urn:inin.com:status:userStatusMessage';

export function userStatusRoutes(sim: SimulatorContext): Route[] {
  const gated = (handler: (c: RequestContext) => Reply) => (c: RequestContext) => {
    if (!sim.supports('status', 1)) throw simErrors.notFound();
    return handler(c);
  };
  return [
    route('GET', `${SESSION_PATH}/status/status-messages`, 'session', gated(() => ({ status: 200, body: { statusMessageList: sim.statuses.catalog } }))),
    route('GET', `${SESSION_PATH}/status/user-statuses/(?<userId>[^/]+)`, 'session', gated((c) => ({ status: 200, body: sim.statuses.get(c.params.userId!) }))),
    route('PUT', `${SESSION_PATH}/status/user-statuses/(?<userId>[^/]+)`, 'session', gated((c) => setStatus(sim, c))),
    route('PUT', `${SESSION_PATH}/messaging/subscriptions/status/user-statuses`, 'session', gated((c) => watch(sim, c))),
    route('DELETE', `${SESSION_PATH}/messaging/subscriptions/status/user-statuses`, 'session', gated((c) => {
      c.session!.watchedStatuses.clear();
      return { status: 200 };
    })),
    route('GET', '/simulator/status-icons/(?<file>[^/]+)\\.svg', 'none', (c) => statusIcon(sim, c)),
  ];
}

function setStatus(sim: SimulatorContext, context: RequestContext): Reply {
  const session = context.session!;
  const userId = sim.statuses.get(context.params.userId!).userId; // 404 for an unknown user
  // Setting someone else's status takes a supervisor's rights.
  if (userId.toLowerCase() !== session.user.userId.toLowerCase() && !(session.user.rights ?? []).includes('supervisor')) {
    throw new SimError(403, 'error.request.accessDenied', `${session.user.userId} may not set the status of ${userId}.`);
  }
  const body = asObject(context.body);
  const statusId = requiredString(body, 'statusId');
  for (const name of ['notes', 'forwardNumber']) if (body[name] !== undefined && typeof body[name] !== 'string') throw simErrors.invalidProperty(name, 'must be a string');
  sim.statuses.set(userId, { statusId, notes: stringProperty(body, 'notes'), forwardNumber: stringProperty(body, 'forwardNumber') });
  // The change itself is announced by userStatusMessage; the answer only says it was accepted.
  return { status: 202, body: { requestId: `status-${Date.now()}` } };
}

function watch(sim: SimulatorContext, context: RequestContext): Reply {
  const userIds = stringArray(asObject(context.body), 'userIds', { minItems: 1 });
  const statuses = userIds.map((userId) => sim.statuses.get(userId));
  const session = context.session!;
  session.watchedStatuses = new Set(statuses.map((status) => status.userId.toLowerCase()));
  session.send({ __type: USER_STATUS_MESSAGE, isDelta: false, userStatusList: statuses } as never);
  return { status: 200 };
}

function statusIcon(sim: SimulatorContext, context: RequestContext): Reply {
  const message = sim.statuses.message(decodeURIComponent(context.params.file!));
  if (!message) throw simErrors.notFound();
  return { status: 200, body: statusIconSvg(message), headers: { 'content-type': 'image/svg+xml' }, raw: true };
}
