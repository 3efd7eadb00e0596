// Turning untrusted JSON from the messaging channel into typed messages. Lenient in what it
// accepts (unknown properties ignored, one bad item skipped, not the whole message), strict in
// what it passes on (every field the cache relies on has the right type).

import {
  ConnectionState,
  type ConnectionStateChangeMessage,
  type IcwsMessage,
  type InteractionMorphedMessage,
  type QueueContentsMessage,
  type QueueInteraction,
  URN,
  type UserStatus,
  type UserStatusMessage,
} from './wire';

export type DecodedMessage =
  | { kind: 'queueContents'; message: QueueContentsMessage; skippedItems: number }
  | { kind: 'morphed'; message: InteractionMorphedMessage }
  | { kind: 'connectionStateChange'; message: ConnectionStateChangeMessage }
  | { kind: 'queueSubscriptionState'; message: IcwsMessage & { subscriptionId: string; state: number } }
  | { kind: 'userStatus'; message: UserStatusMessage; skippedItems: number }
  | { kind: 'unknown'; message: IcwsMessage }
  | { kind: 'invalid'; reason: string; raw: unknown };

export function decodeMessage(raw: unknown): DecodedMessage {
  if (!isObject(raw)) return invalid('a message is not a JSON object', raw);
  const type = raw.__type;
  if (typeof type !== 'string' || type === '') return invalid('a message has no __type', raw);
  // The hot path (queue contents, hundreds a second) reads the raw object without copying it.
  if (type === URN.queueContentsMessage) return decodeQueueContents(raw as IcwsMessage);
  const message = { ...raw, __type: type, isDelta: raw.isDelta === true } as IcwsMessage;
  switch (type) {
    case URN.interactionMorphedMessage: {
      // The contract spells these with a capital ID; accept the lower-case spelling too.
      const from = raw.interactionID ?? raw.interactionId;
      const to = raw.newInteractionID ?? raw.newInteractionId;
      if (!isNonEmptyString(from) || !isNonEmptyString(to)) return invalid('a morphed message lacks interactionID or newInteractionID', raw);
      return { kind: 'morphed', message: { ...message, __type: URN.interactionMorphedMessage, interactionID: from, newInteractionID: to } };
    }
    case URN.connectionStateChangeMessage:
      return {
        kind: 'connectionStateChange',
        message: {
          ...message,
          __type: URN.connectionStateChangeMessage,
          previousConnectionState: connectionState(raw.previousConnectionState),
          newConnectionState: connectionState(raw.newConnectionState),
          reason: typeof raw.reason === 'string' ? raw.reason : '',
          shouldReconnect: typeof raw.shouldReconnect === 'boolean' ? raw.shouldReconnect : undefined,
        },
      };
    case URN.queueSubscriptionStateMessage:
      if (!isNonEmptyString(raw.subscriptionId) || typeof raw.state !== 'number') return invalid('a subscription state message lacks subscriptionId or state', raw);
      return { kind: 'queueSubscriptionState', message: { ...message, subscriptionId: raw.subscriptionId, state: raw.state } };
    case URN.userStatusMessage: {
      if (!Array.isArray(raw.userStatusList)) return invalid('a user status message has no userStatusList', raw);
      const statuses = raw.userStatusList.filter((item): item is UserStatus => isObject(item) && isNonEmptyString(item.userId) && typeof item.statusId === 'string');
      return { kind: 'userStatus', message: { ...message, userStatusList: statuses }, skippedItems: raw.userStatusList.length - statuses.length };
    }
    default:
      return { kind: 'unknown', message };
  }
}

/** The short name developers read: `queueContentsMessage` for `urn:inin.com:queues:queueContentsMessage`. */
export function shortMessageType(type: string): string {
  const colon = type.lastIndexOf(':');
  return colon >= 0 ? type.slice(colon + 1) : type;
}

function decodeQueueContents(message: IcwsMessage): DecodedMessage {
  if (!isNonEmptyString(message.subscriptionId)) return invalid('a queue contents message has no subscriptionId', message);
  let skippedItems = 0;
  const items = (value: unknown): QueueInteraction[] | undefined => {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      skippedItems++;
      return undefined;
    }
    const out: QueueInteraction[] = [];
    for (const item of value) {
      const decoded = decodeQueueInteraction(item);
      if (decoded) out.push(decoded);
      else skippedItems++;
    }
    return out;
  };
  let removed: string[] | undefined;
  if (Array.isArray(message.interactionsRemoved)) {
    removed = message.interactionsRemoved.filter(isNonEmptyString);
    skippedItems += message.interactionsRemoved.length - removed.length;
  } else if (message.interactionsRemoved !== undefined && message.interactionsRemoved !== null) {
    skippedItems++;
  }
  const decoded: QueueContentsMessage = {
    __type: URN.queueContentsMessage,
    isDelta: message.isDelta === true,
    subscriptionId: message.subscriptionId,
    queueResultLimitExceeded: message.queueResultLimitExceeded === true ? true : undefined,
    interactionsAdded: items(message.interactionsAdded),
    interactionsChanged: items(message.interactionsChanged),
    interactionsRemoved: removed,
  };
  return { kind: 'queueContents', message: decoded, skippedItems };
}

function decodeQueueInteraction(item: unknown): QueueInteraction | undefined {
  if (!isObject(item) || !isNonEmptyString(item.interactionId)) return undefined;
  const attributes = isObject(item.attributes) ? stringAttributes(item.attributes) : (Object.create(null) as Record<string, string>);
  const out: QueueInteraction = { interactionId: item.interactionId, attributes };
  if (isNonEmptyString(item.conferenceParentId)) out.conferenceParentId = item.conferenceParentId;
  return out;
}

/** The attributes as strings. Well-formed ones (all strings) are passed on as they are. */
function stringAttributes(attributes: Record<string, unknown>): Record<string, string> {
  let clean = true;
  for (const name in attributes) {
    if (typeof attributes[name] !== 'string') {
      clean = false;
      break;
    }
  }
  if (clean) return attributes as Record<string, string>;
  const out = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(attributes)) {
    // Attribute values are strings on the wire; a number or flag sent bare is kept as text.
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
  }
  return out;
}

/** The contract says an integer; the official example compares with the string 'down'. Accept both. */
function connectionState(value: unknown): ConnectionState {
  if (value === ConnectionState.Up || value === 'up') return ConnectionState.Up;
  if (value === ConnectionState.Down || value === 'down') return ConnectionState.Down;
  return ConnectionState.None;
}

function invalid(reason: string, raw: unknown): DecodedMessage {
  return { kind: 'invalid', reason, raw };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
