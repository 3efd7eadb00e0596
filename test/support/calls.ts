// A call that rings and is picked up, as seen from the side a test drives: a client session here,
// the extension's tree in the VS Code suite (test/vscode/suite/support.ts).
import { attribute, EIC_STATE, type IcwsSession } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { createCall } from './simulator';
import { waitFor } from './waitFor';

/** The side that sees and answers a call. */
export interface CallSide {
  /** Whether this side shows the call in this state. */
  shows(interactionId: string, state: typeof EIC_STATE.alerting | typeof EIC_STATE.connected): boolean | Promise<boolean>;
  pickup(interactionId: string): Promise<unknown>;
}

export interface Caller {
  /** Who is called: a user or a workgroup (agent1 by default). */
  to?: string;
  from?: string;
  name?: string;
}

/** A new inbound call, seen ringing on `side`, picked up there, and seen connected. Returns its id. */
export async function connectedCall(simulator: IcwsSimulator, side: CallSide, caller: Caller = {}): Promise<string> {
  const id = await createCall(simulator, { to: 'agent1', from: '+13175550100', name: 'ACME Corp', ...caller });
  await waitFor(`call ${id} ringing`, () => side.shows(id, EIC_STATE.alerting));
  await side.pickup(id);
  await waitFor(`call ${id} connected`, () => side.shows(id, EIC_STATE.connected));
  return id;
}

/** A client session's side: its queue cache (one subscription's, or any) and its interactions. */
export function sessionSide(session: IcwsSession, subscriptionId?: string): CallSide {
  return {
    shows: (id, state) => attribute(subscriptionId === undefined ? session.queues.cache.find(id) : session.queues.cache.get(subscriptionId, id), 'Eic_State') === state,
    pickup: (id) => session.interactions.pickup(id),
  };
}
