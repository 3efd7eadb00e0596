import { type FeatureSet, REQUIRES } from './features';
import type { IcwsHttp } from './http';
import { IcwsError } from './IcwsError';
import { describeQueue } from './QueueSubscriptions';
import {
  type ChangeAudienceParameters,
  type ConsultTransferAudience,
  type ConsultTransferResult,
  type CreateCallParameters,
  type CreateConsultParameters,
  type InteractionAttributes,
  type InteractionCreated,
  type QueueId,
  QueueType,
  type TransferParameters,
  URN,
} from './wire';

/** Where a transfer or consult goes: a number/user/extension, or a queue. Exactly one. */
export type Destination = { target: string; queueID?: undefined } | { queueID: QueueId; target?: undefined };

/** Whom the agent speaks to during a consult. */
export type ConsultAudience = 'caller' | 'consulted' | 'both';

const INTERACTION = '/icws/{sessionId}/interactions/{interactionId}';
const CONSULT = '/icws/{sessionId}/interactions/{interactionId}/consult/{consultId}';

/** A consult transfer in progress: the original (caller) interaction and the consult leg. */
export interface ConsultTransfer extends ConsultTransferResult {
  interactionId: string;
}

/**
 * The interaction actions. Each validates its input and the server's feature versions before
 * sending, and sends exactly once: none is retried, since a repeated transfer moves a live caller.
 */
export class InteractionOperations {
  constructor(
    private readonly http: IcwsHttp,
    private readonly features: FeatureSet,
  ) {}

  async blindTransfer(interactionId: string, destination: Destination): Promise<void> {
    const operation = `blind transfer of ${interactionId} to ${describeDestination(destination)}`;
    const body: TransferParameters = transferParameters(destination, operation);
    await this.action(interactionId, 'blind-transfer', operation, body);
  }

  async consult(interactionId: string, destination: Destination, additionalAttributes?: Record<string, string>): Promise<ConsultTransfer> {
    const operation = `consult transfer of ${interactionId} to ${describeDestination(destination)}`;
    this.features.require(REQUIRES.consult, operation);
    const body: CreateConsultParameters = transferParameters(destination, operation);
    if (body.queueID) this.features.require(REQUIRES.consultToQueue, operation);
    if (additionalAttributes && Object.keys(additionalAttributes).length > 0) {
      this.features.require(REQUIRES.consultAdditionalAttributes, operation);
      body.additionalAttributes = additionalAttributes;
    }
    const result = await this.http.request<Partial<ConsultTransferResult> & { interactionId?: string }>({
      method: 'POST',
      template: `${INTERACTION}/consult`,
      params: { interactionId },
      body,
      operation,
    });
    const consultId = result.body?.consultId;
    // The contract names it consultInteractionId; fall back to interactionId should a server send that.
    const consultInteractionId = result.body?.consultInteractionId ?? result.body?.interactionId;
    if (typeof consultId !== 'string' || typeof consultInteractionId !== 'string') {
      throw new IcwsError({ kind: 'http', operation, status: result.status, serverMessage: 'the server accepted the consult but did not say its consultId and consultInteractionId; check the interaction' });
    }
    return { interactionId, consultId, consultInteractionId };
  }

  async changeConsultAudience(consult: ConsultTransfer, audience: ConsultAudience): Promise<void> {
    const operation = `speaking to ${audienceText(audience)} in the consult on ${consult.interactionId}`;
    const body: ChangeAudienceParameters = { audience: audienceParameters(audience) };
    await this.http.request({ method: 'POST', template: `${CONSULT}/change-audience`, params: consultParams(consult), body, operation });
  }

  /** Completes the transfer: the caller and the consulted party stay, the agent drops out. */
  async concludeConsult(consult: ConsultTransfer): Promise<void> {
    await this.http.request({ method: 'POST', template: `${CONSULT}/conclude`, params: consultParams(consult), operation: `completing the consult transfer of ${consult.interactionId}` });
  }

  /** Cancels: the consult leg ends and the agent is back with the caller. */
  async cancelConsult(consult: ConsultTransfer): Promise<void> {
    await this.http.request({ method: 'DELETE', template: CONSULT, params: consultParams(consult), operation: `cancelling the consult transfer of ${consult.interactionId}` });
  }

  async pickup(interactionId: string): Promise<void> {
    await this.action(interactionId, 'pickup', `pickup of ${interactionId}`);
  }

  async disconnect(interactionId: string): Promise<void> {
    await this.action(interactionId, 'disconnect', `disconnect of ${interactionId}`);
  }

  async hold(interactionId: string, on: boolean): Promise<void> {
    await this.action(interactionId, 'hold', `${on ? 'hold' : 'resume'} of ${interactionId}`, { on });
  }

  async mute(interactionId: string, on: boolean): Promise<void> {
    await this.action(interactionId, 'mute', `${on ? 'mute' : 'unmute'} of ${interactionId}`, { on });
  }

  /** Places an outbound call; returns the new interaction id. */
  async makeCall(target: string, options: { workgroup?: string; additionalAttributes?: Record<string, string> } = {}): Promise<string> {
    const operation = `calling ${target}`;
    const trimmed = validTarget(target, operation);
    const body: CreateCallParameters = { __type: URN.createCallParameters, target: trimmed, ...options };
    const result = await this.http.request<InteractionCreated>({ method: 'POST', template: '/icws/{sessionId}/interactions', body, operation });
    if (typeof result.body?.interactionId !== 'string') {
      throw new IcwsError({ kind: 'http', operation, status: result.status, serverMessage: 'the server did not return the new interaction id' });
    }
    return result.body.interactionId;
  }

  async getAttributes(interactionId: string, attributeNames: string[]): Promise<Record<string, string>> {
    const result = await this.http.request<InteractionAttributes>({
      method: 'GET',
      template: INTERACTION,
      params: { interactionId },
      searchParams: { select: attributeNames.join(',') },
      operation: `reading attributes of ${interactionId}`,
    });
    return result.body?.attributes ?? {};
  }

  private async action(interactionId: string, action: string, operation: string, body?: unknown): Promise<void> {
    if (!interactionId) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'no interaction id was given' });
    await this.http.request({ method: 'POST', template: `${INTERACTION}/${action}`, params: { interactionId }, body, operation });
  }
}

export function describeDestination(destination: Partial<Destination>): string {
  if (destination.queueID && typeof destination.queueID === 'object') return describeQueue(destination.queueID);
  if (typeof destination.target === 'string') return destination.target;
  return 'nowhere';
}

/** Exactly one of target and queueID, checked before anything is sent. */
export function transferParameters(destination: Partial<Destination> | undefined, operation: string): TransferParameters {
  const hasTarget = destination?.target !== undefined;
  const hasQueue = destination?.queueID !== undefined;
  if (hasTarget === hasQueue) {
    throw new IcwsError({ kind: 'invalid-argument', operation, reason: hasTarget ? 'give either a target or a queue, not both' : 'give a target (number or user) or a queue' });
  }
  if (hasTarget) return { target: validTarget(destination!.target!, operation) };
  const queue = destination!.queueID!;
  if (typeof queue !== 'object' || !(queue.queueType in QueueType) || typeof queue.queueName !== 'string' || !queue.queueName.trim()) {
    throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'a queue needs a queue type (0 system, 1 user, 2 workgroup, 3 station) and a name' });
  }
  return { queueID: { queueType: queue.queueType, queueName: queue.queueName.trim() } };
}

function validTarget(target: unknown, operation: string): string {
  if (typeof target !== 'string' || !target.trim()) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'the target is empty' });
  return target.trim();
}

function consultParams(consult: ConsultTransfer): Record<string, string> {
  return { interactionId: consult.interactionId, consultId: consult.consultId };
}

export function audienceParameters(audience: ConsultAudience): ConsultTransferAudience {
  switch (audience) {
    case 'caller':
      return { originalParty: true, consultedParty: false };
    case 'consulted':
      return { originalParty: false, consultedParty: true };
    case 'both':
      return { originalParty: true, consultedParty: true };
  }
}

function audienceText(audience: ConsultAudience): string {
  return audience === 'caller' ? 'the caller' : audience === 'consulted' ? 'the consulted party' : 'both parties';
}
