// The acting tools: a call-control action by interaction id (only what the interaction's state
// allows, asked of src/icws/interactionActions.ts like the tree's menus), a status change, one
// ICWS request in the notebook's syntax, and a call placed on the simulator. Each sends once.
import { allowedActions, attribute, consultRole, type Destination, type InteractionAction, QueueType } from '../icws';
import { cellRequest } from '../icws/notebook';
import { type CallControlAction, type ToolInput } from './definitions';
import type { AssistantHost, HostSession } from './host';
import { type ConsultBook, findInteraction, pickSession, ToolProblem } from './sessionsView';

/** The rule of interactionActions.ts each tool action is offered by. */
const RULE_OF: Record<CallControlAction, InteractionAction> = {
  pickup: 'pickup',
  disconnect: 'disconnect',
  hold: 'hold',
  unhold: 'hold',
  mute: 'mute',
  unmute: 'mute',
  blindTransfer: 'blindTransfer',
  consult: 'consult',
  completeConsult: 'completeConsult',
  cancelConsult: 'cancelConsult',
  sendDigits: 'sendDigits',
  record: 'record',
  stopRecording: 'record',
  park: 'park',
  sendToVoicemail: 'sendToVoicemail',
};

/** What an acting tool is about to do, in words, and to which session (for a confirmation). */
export interface PlannedAction {
  /** The session it acts on; undefined for the simulator's own control API. */
  target?: HostSession;
  /** "Blind transfer of 1001 to agent2". */
  action: string;
  /** Where it goes: the session's server or the simulator's URL. */
  server: string;
}

function destinationOf(input: ToolInput<'icws_call_control'>): Destination {
  if (input.target?.trim() && input.queue?.trim()) throw new ToolProblem('give target or queue, not both');
  if (input.queue?.trim()) return { queueID: { queueType: QueueType.Workgroup, queueName: input.queue.trim() } };
  if (input.target?.trim()) return { target: input.target.trim() };
  throw new ToolProblem(`${input.action} needs "target" (a user ID, extension or number) or "queue" (a workgroup name)`);
}

function describeCallControl(input: ToolInput<'icws_call_control'>): string {
  const where = input.queue ? ` to workgroup ${input.queue}` : input.target ? ` to ${input.target}` : '';
  const digits = input.action === 'sendDigits' ? ` ${input.digits ?? ''}` : '';
  return `${input.action}${digits} on interaction ${input.interactionId}${['blindTransfer', 'consult', 'park'].includes(input.action) ? where : ''}`;
}

export function planAction(host: AssistantHost, name: string, input: unknown): PlannedAction {
  switch (name) {
    case 'icws_call_control': {
      const typed = input as ToolInput<'icws_call_control'>;
      const { host: target } = findInteraction(host, typed.interactionId, typed.session);
      return { target, action: describeCallControl(typed), server: target.profile.serverUrl };
    }
    case 'icws_set_status': {
      const typed = input as ToolInput<'icws_set_status'>;
      const target = pickSession(host, typed.session);
      return { target, action: `set the status of ${target.session.identity.userId} to "${typed.statusId}"`, server: target.profile.serverUrl };
    }
    case 'icws_run_request': {
      const typed = input as ToolInput<'icws_run_request'>;
      const target = pickSession(host, typed.session);
      const request = cellRequest(typed.request, { userId: target.session.identity.userId, cellAnswer: () => undefined }, host.catalog());
      return { target, action: `send ${request.spec.method} ${request.match?.operation.template ?? request.spec.template}`, server: target.profile.serverUrl };
    }
    case 'icws_create_call': {
      const typed = input as ToolInput<'icws_create_call'>;
      const simulator = host.simulator();
      if (!simulator) throw new ToolProblem('no ICWS simulator is running here; create calls only on the simulator (VS Code: "ICWS: Start Simulator"; icws-mcp: --simulator)');
      return { action: `place a simulated call to ${typed.to}${typed.name ? ` from "${typed.name}"` : ''}`, server: simulator.url };
    }
  }
  throw new ToolProblem(`${name} does not act`);
}

export async function callControl(host: AssistantHost, input: ToolInput<'icws_call_control'>, consults: ConsultBook): Promise<unknown> {
  const { host: target, item } = findInteraction(host, input.interactionId, input.session);
  const { session } = target;
  const id = item.id;
  const book = consults.get(session) ?? new Map();
  consults.set(session, book);
  const known = book.get(id);
  const allowed = allowedActions(item, { ...consultRole(item, known), me: session.identity.userId });
  if (!allowed.has(RULE_OF[input.action])) {
    const state = attribute(item, 'Eic_CallStateString') || attribute(item, 'Eic_State') || 'unknown';
    throw new ToolProblem(`${input.action} is not possible on interaction ${id} in its state (${state}); its state allows: ${[...allowed].join(', ') || 'nothing'}`);
  }
  const ops = session.interactions;
  const done = (extra: Record<string, unknown> = {}) => ({ session: target.profile.name, interactionId: id, action: input.action, sent: true, ...extra });
  switch (input.action) {
    case 'pickup':
      await ops.pickup(id);
      return done();
    case 'disconnect':
      await ops.disconnect(id);
      return done();
    case 'hold':
    case 'unhold':
      await ops.hold(id, input.action === 'hold');
      return done();
    case 'mute':
    case 'unmute':
      await ops.mute(id, input.action === 'mute');
      return done();
    case 'record':
    case 'stopRecording':
      await ops.record(id, input.action === 'record');
      return done();
    case 'sendDigits':
      await ops.sendDigits(id, input.digits ?? '');
      return done();
    case 'sendToVoicemail':
      await ops.sendToVoicemail(id);
      return done();
    case 'blindTransfer':
      await ops.blindTransfer(id, destinationOf(input));
      return done();
    case 'park':
      await ops.park(id, destinationOf(input));
      return done();
    case 'consult': {
      const consult = await ops.consult(id, destinationOf(input));
      book.set(id, consult);
      return done({ consultId: consult.consultId, consultInteractionId: consult.consultInteractionId });
    }
    case 'completeConsult':
    case 'cancelConsult': {
      const consult = input.consultId ? { interactionId: id, consultId: input.consultId, consultInteractionId: known?.consultInteractionId ?? '' } : known;
      if (!consult) throw new ToolProblem(`no consult of interaction ${id} was started by this tool; pass "consultId"`);
      if (input.action === 'completeConsult') await ops.concludeConsult(consult);
      else await ops.cancelConsult(consult);
      book.delete(id);
      return done({ consultId: consult.consultId });
    }
  }
}

export async function setStatus(host: AssistantHost, input: ToolInput<'icws_set_status'>): Promise<unknown> {
  const target = pickSession(host, input.session);
  const userId = target.session.identity.userId;
  await target.session.status.setUserStatus(userId, { statusId: input.statusId.trim() });
  return { session: target.profile.name, userId, statusId: input.statusId.trim(), sent: true };
}

export async function runRequest(host: AssistantHost, input: ToolInput<'icws_run_request'>): Promise<unknown> {
  const target = pickSession(host, input.session);
  const request = cellRequest(input.request, { userId: target.session.identity.userId, cellAnswer: () => undefined }, host.catalog());
  const result = await target.session.http.request({ ...request.spec, operation: `assistant: ${request.spec.operation.replace(/^notebook: /, '')}` });
  return {
    session: target.profile.name,
    method: request.spec.method,
    template: request.match?.operation.template,
    status: result.status,
    body: result.body,
  };
}

export function createCall(host: AssistantHost, input: ToolInput<'icws_create_call'>): unknown {
  const simulator = host.simulator();
  if (!simulator) throw new ToolProblem('no ICWS simulator is running here; calls are created only on the simulator');
  if (!input.to.trim()) throw new ToolProblem('"to" is empty: name a user ID, extension or workgroup');
  const interactionId = simulator.createCall({ to: input.to.trim(), from: input.from, name: input.name, attributes: input.attributes });
  return { simulator: simulator.url, interactionId, to: input.to.trim() };
}
