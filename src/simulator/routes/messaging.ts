// The message channel (short polling or server-sent events on the same resource), heartbeat,
// and queue subscriptions.
import { asObject } from '../http/bodies';
import { type Reply, type RequestContext, type Route, route, SESSION_PATH } from '../http/routing';
import { simErrors } from '../SimError';
import type { SimulatorContext } from '../SimulatorContext';
import { resolveQueue } from './destinations';

const QUEUE_SUBSCRIPTION = `${SESSION_PATH}/messaging/subscriptions/queues/(?<subscriptionId>[^/]+)`;

export function messagingRoutes(sim: SimulatorContext): Route[] {
  return [
    route('GET', `${SESSION_PATH}/messaging/messages`, 'cookie', (c) => messages(sim, c)),
    route('POST', `${SESSION_PATH}/messaging/heartbeat`, 'session', () => ({ status: 200 })),
    route('PUT', QUEUE_SUBSCRIPTION, 'session', (c) => subscribeToQueues(sim, c)),
    route('DELETE', QUEUE_SUBSCRIPTION, 'session', (c) => {
      sim.feeds.unsubscribe(c.session!, c.params.subscriptionId!);
      return { status: 204 };
    }),
  ];
}

async function messages(sim: SimulatorContext, context: RequestContext): Promise<Reply> {
  const session = context.session!;
  const wantsStream = (context.request.headers.accept ?? '').includes('text/event-stream');
  if (wantsStream && sim.supports('messaging', 2)) {
    session.attachStream(context.response, sim.options.keepAliveMs ?? 15_000, () => sim.faults.stallStreams, sim.corsHeaders(context.request));
    return { status: 200, streaming: true };
  }
  // An old server (messaging 1) ignores the Accept header and answers a short poll.
  if (sim.faults.pollDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, sim.faults.pollDelayMs));
  return { status: 200, body: session.drain() };
}

function subscribeToQueues(sim: SimulatorContext, context: RequestContext): Reply {
  if (!sim.supports('queues', 1)) throw simErrors.notFound();
  const body = asObject(context.body);
  if (!Array.isArray(body.queueIds) || body.queueIds.length === 0) throw simErrors.missingProperty('queueIds');
  if (!Array.isArray(body.attributeNames) || body.attributeNames.length === 0) throw simErrors.missingProperty('attributeNames');
  if (!body.attributeNames.every((name) => typeof name === 'string' && name !== '')) throw simErrors.invalidProperty('attributeNames', 'every attribute name must be a non-empty string');
  // A replayed capture answers its own subscriptions with what the real server sent.
  if (sim.replay?.subscribed(context.session!, context.params.subscriptionId!)) return { status: 200 };
  const keys = body.queueIds.map((queue) => resolveQueue(sim.directory, queue, 'queueIds').key);
  sim.feeds.subscribe(context.session!, context.params.subscriptionId!, keys, body.attributeNames as string[]);
  return { status: 200 };
}
