// What an interaction's state allows: the one answer the tree's menus, the palette's pick lists
// and any other client (a script, an assistant's tool) ask. Pure, over cached attributes. The
// server still decides: an action offered here can be refused, and one not offered can be sent.

import { attribute, type CachedInteraction } from './QueueCache';
import { EIC_STATE } from './wire';

/** Whether the interaction takes part in a consult transfer, as the original or as the leg. */
export interface ConsultRole {
  /** The interaction has a consult in progress (it is the caller's leg). */
  hasConsult: boolean;
  /** The interaction is the consult leg of another. */
  isConsultLeg: boolean;
}

/** What the attributes do not say: the consult role, who I am, what the server refused before. */
export interface ActionContext extends ConsultRole {
  /** My user id: monitoring is offered on other agents' calls only. */
  me?: string;
  /** The server answered 403 to monitoring in this session. */
  monitorDenied?: boolean;
}

/** The facts the rules read, worked out once per interaction. */
interface Facts {
  /** Whether the `Eic_State` letter is one of these. */
  in(...states: string[]): boolean;
  live: boolean;
  inConsult: boolean;
  recorded: boolean;
  /** Another agent's call, and monitoring not refused. */
  monitorable: boolean;
}

const { alerting, offering, connected, held, parked, suspended } = EIC_STATE;

/** When each action is offered (in the order the tree's context value lists them). */
const RULES = {
  disconnect: (f: Facts) => f.live,
  pickup: (f: Facts) => f.in(alerting, offering, parked, held, suspended),
  hold: (f: Facts) => f.in(connected, held),
  mute: (f: Facts) => f.in(connected),
  blindTransfer: (f: Facts) => f.in(alerting, offering, connected, held, parked) && !f.inConsult,
  consult: (f: Facts) => f.in(connected, held) && !f.inConsult,
  // Whatever the state: finishing a consult must stay possible after a leg ends.
  consultSpeakTo: (f: Facts) => f.inConsult,
  completeConsult: (f: Facts) => f.inConsult,
  cancelConsult: (f: Facts) => f.inConsult,
  record: (f: Facts) => f.in(connected, held),
  securePause: (f: Facts) => f.in(connected, held),
  pauseRecording: (f: Facts) => f.in(connected, held) && f.recorded,
  sendDigits: (f: Facts) => f.in(connected),
  park: (f: Facts) => f.in(alerting, offering, connected, held) && !f.inConsult,
  transferToVoicemail: (f: Facts) => f.in(alerting, offering, connected, held) && !f.inConsult,
  sendToVoicemail: (f: Facts) => f.in(alerting, offering, connected, held) && !f.inConsult,
  makePrivate: (f: Facts) => f.live,
  setAttributes: (f: Facts) => f.live,
  conference: (f: Facts) => f.in(connected, held) && !f.inConsult,
  listen: (f: Facts) => f.in(connected, held) && f.monitorable,
  coach: (f: Facts) => f.in(connected, held) && f.monitorable,
  join: (f: Facts) => f.in(connected, held) && f.monitorable,
} satisfies Record<string, (facts: Facts) => boolean>;

export type InteractionAction = keyof typeof RULES;

/** Every action, in a stable order. */
export const INTERACTION_ACTIONS = Object.keys(RULES) as InteractionAction[];

/** The actions an interaction's state allows now. */
export function allowedActions(item: CachedInteraction, context: ActionContext): Set<InteractionAction> {
  const state = attribute(item, 'Eic_State') ?? '';
  const owner = attribute(item, 'Eic_LocalUserId');
  const facts: Facts = {
    in: (...states) => states.includes(state),
    live: !isDisconnected(item),
    // A leg names its original even when the consult was started elsewhere (see consultRole).
    inConsult: context.hasConsult || context.isConsultLeg || Boolean(attribute(item, 'Eic_ConsultCallId')),
    recorded: isRecorded(item),
    monitorable: Boolean(owner && context.me && owner.toLowerCase() !== context.me.toLowerCase()) && !context.monitorDenied,
  };
  return new Set(INTERACTION_ACTIONS.filter((action) => RULES[action](facts)));
}

/**
 * The role of an interaction given the consult this user started that it belongs to (if any). A
 * leg of a consult started elsewhere still names its original (attribute name unconfirmed: see
 * docs/protocol.md).
 */
export function consultRole(item: CachedInteraction, consult: { interactionId: string } | undefined): ConsultRole {
  return {
    hasConsult: consult?.interactionId === item.id,
    isConsultLeg: (consult !== undefined && consult.interactionId !== item.id) || Boolean(attribute(item, 'Eic_ConsultCallId')),
  };
}

export function isDisconnected(item: CachedInteraction): boolean {
  const state = attribute(item, 'Eic_State');
  return state === EIC_STATE.internallyDisconnected || state === EIC_STATE.externallyDisconnected;
}

/** Whether anyone records the call now (what the record toggle and pause act on). */
export function isRecorded(item: CachedInteraction): boolean {
  return Boolean(attribute(item, 'Eic_Recorders') || attribute(item, 'Eic_RecordersSupv'));
}
