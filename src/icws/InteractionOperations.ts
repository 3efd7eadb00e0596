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

/** The kinds of secure pause; the wire carries the contract's SecurePauseType numbers. */
export type SecurePause = { type: 'default' } | { type: 'indefinite' } | { type: 'duration'; seconds: number } | { type: 'resume' };
const SECURE_PAUSE_TYPE: Record<SecurePause['type'], number> = { default: 1, indefinite: 2, duration: 3, resume: 4 };

/** What is wrong with DTMF digits, in words; undefined when they can be sent. */
export function checkDtmfDigits(digits: unknown): string | undefined {
  if (typeof digits !== 'string' || !digits.trim()) return 'Enter the digits to send';
  if (!/^[0-9*#A-Da-d]+$/.test(digits.trim())) return 'DTMF digits are 0-9, *, # and A-D (no spaces)';
  if (digits.trim().length > 64) return 'At most 64 digits at a time';
  return undefined;
}

/** Whom the agent speaks to during a consult. */
export type ConsultAudience = 'caller' | 'consulted' | 'both';

const INTERACTION = '/icws/{sessionId}/interactions/{interactionId}';
const CONFERENCES = '/icws/{sessionId}/interactions/conferences';
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

  /** Starts or stops recording (as a supervisor: the recording is the supervisor's, not the agent's). */
  async record(interactionId: string, on: boolean, options: { supervisor?: boolean } = {}): Promise<void> {
    await this.action(interactionId, 'record', `${on ? 'recording' : 'stopping the recording of'} ${interactionId}`, { on, supervisor: options.supervisor === true });
  }

  async pauseRecording(interactionId: string, on: boolean): Promise<void> {
    await this.action(interactionId, 'pause', `${on ? 'pausing' : 'resuming'} the recording of ${interactionId}`, { on });
  }

  /** Secure pause (PCI): for the server's default time, until resumed, for some seconds, or resume. */
  async securePause(interactionId: string, pause: SecurePause): Promise<void> {
    const operation = pause.type === 'resume' ? `resuming the recording of ${interactionId}` : `securely pausing the recording of ${interactionId}`;
    const body: { securePauseType: number; duration?: number } = { securePauseType: SECURE_PAUSE_TYPE[pause.type] };
    if (pause.type === 'duration') {
      if (!Number.isInteger(pause.seconds) || pause.seconds < 1 || pause.seconds > 86_400) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'the pause needs a whole number of seconds from 1 to 86400' });
      body.duration = pause.seconds;
    }
    await this.action(interactionId, 'secure-pause', operation, body);
  }

  /** DTMF digits (0-9, *, #, A-D) into a connected call. The contract has no "play digits" flag. */
  async sendDigits(interactionId: string, digits: string): Promise<void> {
    const operation = `sending digits to ${interactionId}`;
    const problem = checkDtmfDigits(digits);
    if (problem) throw new IcwsError({ kind: 'invalid-argument', operation, reason: problem });
    await this.action(interactionId, 'send-digits', operation, { dtmfDigits: digits.trim() });
  }

  /** Parks the call on a user or a queue; anyone watching it there can pick it up. */
  async park(interactionId: string, destination: Destination): Promise<void> {
    const operation = `parking ${interactionId} on ${describeDestination(destination)}`;
    await this.action(interactionId, 'park', operation, transferParameters(destination, operation));
  }

  /** Transfers the call to a user's voicemail box. */
  async transferToVoicemail(interactionId: string, destination: Destination): Promise<void> {
    const operation = `transferring ${interactionId} to the voicemail of ${describeDestination(destination)}`;
    await this.action(interactionId, 'transfer-to-voicemail', operation, transferParameters(destination, operation));
  }

  /** Sends the call to my own voicemail. */
  async sendToVoicemail(interactionId: string): Promise<void> {
    await this.action(interactionId, 'send-to-voicemail', `sending ${interactionId} to voicemail`);
  }

  async makePrivate(interactionId: string, on: boolean): Promise<void> {
    await this.action(interactionId, 'make-private', `${on ? 'making' : 'unmaking'} ${interactionId} private`, { on });
  }

  /** Makes a conference of two or more of my calls; returns the conference id. */
  async createConference(interactionIds: string[]): Promise<string> {
    const operation = `making a conference of ${interactionIds.join(', ')}`;
    if (new Set(interactionIds.filter((id) => id?.trim())).size < 2) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'a conference needs two or more different interactions' });
    this.features.require(REQUIRES.interactionActions, operation);
    const result = await this.http.request<{ conferenceId?: string }>({ method: 'POST', template: CONFERENCES, body: { interactions: interactionIds }, operation });
    if (typeof result.body?.conferenceId !== 'string') throw new IcwsError({ kind: 'http', operation, status: result.status, serverMessage: 'the server did not return the conference id' });
    return result.body.conferenceId;
  }

  /** Adds more of my calls to a conference. */
  async addToConference(conferenceId: string, interactionIds: string[]): Promise<void> {
    const operation = `adding ${interactionIds.join(', ')} to conference ${conferenceId}`;
    if (!conferenceId || interactionIds.length === 0) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'a conference id and at least one interaction are required' });
    this.features.require(REQUIRES.interactionActions, operation);
    await this.http.request({ method: 'PUT', template: `${CONFERENCES}/{conferenceId}`, params: { conferenceId }, body: { interactions: interactionIds }, operation });
  }

  /** Calls someone into a conference. */
  async inviteToConference(conferenceId: string, target: string): Promise<void> {
    const operation = `inviting ${target} to conference ${conferenceId}`;
    const body = { target: validTarget(target, operation) };
    this.features.require(REQUIRES.interactionActions, operation);
    await this.http.request({ method: 'POST', template: `${CONFERENCES}/{conferenceId}/invite-party`, params: { conferenceId }, body, operation });
  }

  /** Calls someone into this call, which becomes a conference. */
  async inviteParty(interactionId: string, target: string): Promise<void> {
    const operation = `inviting ${target} into ${interactionId}`;
    await this.action(interactionId, 'invite-party', operation, { target: validTarget(target, operation) });
  }

  /** A supervisor listens to another agent's call without being heard (needs the supervisor right). */
  async listen(interactionId: string, on: boolean): Promise<void> {
    await this.action(interactionId, 'listen', `${on ? 'listening to' : 'no longer listening to'} ${interactionId}`, { on, supervisor: true });
  }

  /** A supervisor coaches: the agent hears the supervisor, the caller does not. */
  async coach(interactionId: string, on: boolean): Promise<void> {
    await this.action(interactionId, 'coach', `${on ? 'coaching on' : 'no longer coaching on'} ${interactionId}`, { on, supervisor: true });
  }

  /** A supervisor joins the call: everyone hears everyone. */
  async join(interactionId: string): Promise<void> {
    await this.action(interactionId, 'join', `joining ${interactionId}`);
  }

  /** Writes attributes (how integrations pass data: account numbers, IVR results). */
  async setAttributes(interactionId: string, attributes: Record<string, string>): Promise<void> {
    const operation = `setting attributes of ${interactionId}`;
    const names = Object.keys(attributes);
    if (names.length === 0) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'no attribute was given' });
    const bad = names.find((name) => !name.trim() || typeof attributes[name] !== 'string');
    if (bad !== undefined) throw new IcwsError({ kind: 'invalid-argument', operation, reason: bad.trim() ? `the value of ${bad} is not text` : 'an attribute name is empty' });
    this.features.require(REQUIRES.interactionActions, operation);
    await this.http.request({ method: 'POST', template: INTERACTION, params: { interactionId }, body: { attributes }, operation });
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
    this.features.require(REQUIRES.interactionActions, operation);
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
