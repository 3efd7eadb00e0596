// The simulated telephony: interactions, their states, and which queues they are on.
// Every mutation goes through `change()`, which reports the attributes and queues it touched, so
// queue subscriptions can send exact deltas.

import { Emitter } from '../icws/events';
import { EIC_STATE, QueueType } from '../icws/wire';
import { type DirectoryLookup, type Party, type SimUser } from './directory';
import { SimError, simErrors } from './SimError';
import { MAX_TIMER_MS } from './timers';

export interface SimInteraction {
  readonly id: string;
  /** Keyed by lower-case name; keeps the first spelling for output. */
  readonly attributes: Map<string, { name: string; value: string }>;
  /** Queue keys (see `queueKey`) the interaction is on. */
  queues: Set<string>;
  /** The user whose leg this is (alerting, connected, held at that user). */
  owner?: string;
  /** The ACD workgroup it came through, while it is still that workgroup's. */
  workgroup?: string;
  /** Driven by the demo traffic script until a client acts on it. */
  scripted: boolean;
  /** Agents that let it ring out (not offered again). */
  readonly declinedBy: Set<string>;
  /** The interaction it consults on behalf of (consult legs only). */
  consultOf?: string;
}

export interface InteractionChange {
  interaction: SimInteraction;
  /** Lower-case names of the attributes whose values changed. */
  changed: ReadonlySet<string>;
  queuesBefore: ReadonlySet<string>;
}

export interface Morph {
  from: string;
  to: string;
  /** The session that created the consult transfer. */
  sessionId?: string;
}

export interface ConsultRecord {
  consultId: string;
  originalId: string;
  consultLegId: string;
  sessionId?: string;
  party: Party;
  /** The user who takes the caller on completion (the target user, or a free workgroup member). */
  consultedUser?: SimUser;
}

export interface CallCenterTiming {
  /** How long a simulated remote party (consulted, called) takes to answer. */
  answerDelayMs: number;
  /** How long a disconnected interaction stays visible before it leaves the queues. */
  disconnectLingerMs: number;
  /** How long an ACD call rings at an agent with a live session before it is offered to another. */
  alertTimeoutMs: number;
  /** A cancelled consult leaves the caller held (false) or reconnects it (true). */
  resumeCallerOnCancel: boolean;
  /** How long a secure pause "with the default timeout" lasts (CIC's default is configured per server). */
  securePauseDefaultMs: number;
}

export const DEFAULT_TIMING: CallCenterTiming = {
  answerDelayMs: 800,
  disconnectLingerMs: 2_000,
  alertTimeoutMs: 20_000,
  resumeCallerOnCancel: false,
  securePauseDefaultMs: 60_000,
};

const STATE_TEXT: Record<string, string> = {
  A: 'Alerting',
  C: 'Connected',
  H: 'On Hold',
  O: 'Offering',
  S: 'Dialing',
  R: 'Proceeding',
  I: 'Disconnected',
  E: 'Disconnected',
};

export function queueKey(queueType: QueueType, queueName: string): string {
  return `${queueType}:${queueName.toLowerCase()}`;
}

function userQueues(user: SimUser): string[] {
  return [queueKey(QueueType.User, user.userId), queueKey(QueueType.System, user.userId), queueKey(QueueType.Station, user.extension)];
}

export class CallCenter {
  private readonly interactions = new Map<string, SimInteraction>();
  private readonly consults = new Map<string, ConsultRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly changeEmitter = new Emitter<InteractionChange>();
  private readonly morphEmitter = new Emitter<Morph>();
  readonly onChange = this.changeEmitter.event;
  readonly onMorph = this.morphEmitter.event;
  /** Whether ACD calls may alert an agent (their status); everyone may until told otherwise. */
  acdAvailable: (userId: string) => boolean = () => true;
  private nextId = 1_001_234_500;
  private nextConsult = 1;
  private roundRobin = 0;

  constructor(
    readonly directory: DirectoryLookup,
    readonly timing: CallCenterTiming,
    /** Agents with a live ICWS session answer for themselves; others are answered by the script. */
    readonly hasLiveSession: (userId: string) => boolean,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(id: string): SimInteraction {
    const interaction = this.interactions.get(id);
    if (!interaction) throw simErrors.interactionNotFound(id);
    return interaction;
  }

  find(id: string): SimInteraction | undefined {
    return this.interactions.get(id);
  }

  all(): SimInteraction[] {
    return [...this.interactions.values()];
  }

  onQueue(key: string): SimInteraction[] {
    return this.all().filter((i) => i.queues.has(key));
  }

  consult(consultId: string): ConsultRecord {
    const record = this.consults.get(consultId);
    if (!record) throw simErrors.consultNotFound(consultId);
    return record;
  }

  // ---- creating interactions -------------------------------------------------------------

  /** An inbound call from outside to a workgroup, user or extension. */
  createInbound(options: { to: string; from: string; name?: string; scripted?: boolean; attributes?: Record<string, string> }): SimInteraction {
    const party = this.directory.resolveTarget(options.to);
    if (!party || party.kind === 'external') throw simErrors.unknownTarget(options.to);
    const interaction = this.create({
      Eic_CallDirection: 'I',
      Eic_CallType: 'E',
      Eic_RemoteName: options.name ?? options.from,
      Eic_RemoteAddress: options.from,
      Eic_RemoteId: options.from,
      ...options.attributes,
    }, options.scripted ?? false);
    this.deliverTo(interaction, party);
    return interaction;
  }

  /** An outbound call placed by `user`. Remote parties answer after `answerDelayMs`. */
  makeCall(user: SimUser, target: string, extra: Record<string, string> = {}): SimInteraction {
    const party = this.directory.resolveTarget(target);
    if (!party) throw simErrors.unknownTarget(target);
    const interaction = this.create({
      Eic_CallDirection: 'O',
      Eic_CallType: party.kind === 'external' ? 'E' : 'I',
      Eic_RemoteName: partyName(party),
      Eic_RemoteAddress: partyAddress(party),
      ...extra,
    }, false);
    this.change(interaction, (set) => {
      this.assignTo(interaction, user);
      set('Eic_State', EIC_STATE.system);
    });
    this.progressOutbound(interaction);
    return interaction;
  }

  private create(attributes: Record<string, string>, scripted: boolean): SimInteraction {
    const id = String(this.nextId++);
    const now = this.now();
    const interaction: SimInteraction = { id, attributes: new Map(), queues: new Set(), scripted, declinedBy: new Set() };
    this.interactions.set(id, interaction);
    const initial: Record<string, string> = {
      Eic_CallId: id,
      Eic_CallIdKey: id + basicDate(now),
      Eic_ObjectType: 'Call',
      Eic_InitiationTime: basicDateTime(now),
      Eic_Muted: '0',
      Eic_ConferenceId: '',
      ...attributes,
    };
    for (const [name, value] of Object.entries(initial)) interaction.attributes.set(name.toLowerCase(), { name, value });
    return interaction;
  }

  // ---- agent actions ------------------------------------------------------------------------

  pickup(id: string, user: SimUser): void {
    const interaction = this.get(id);
    const state = stateOf(interaction);
    if (!['A', 'O', 'H', 'P', 'X'].includes(state)) throw simErrors.invalidState(id, 'pick up', state);
    this.change(interaction, (set) => {
      this.assignTo(interaction, user);
      if (state !== 'H' && !attr(interaction, 'Eic_ConnectTime')) set('Eic_ConnectTime', basicDateTime(this.now()));
      set('Eic_State', EIC_STATE.connected);
      set('Eic_LocalUserId', user.userId);
      set('Eic_LocalName', user.displayName);
    });
  }

  hold(id: string, on: boolean): void {
    const interaction = this.get(id);
    const state = stateOf(interaction);
    if (on ? state !== 'C' && state !== 'H' : state !== 'H' && state !== 'C') throw simErrors.invalidState(id, on ? 'hold' : 'resume', state);
    this.change(interaction, (set) => set('Eic_State', on ? EIC_STATE.held : EIC_STATE.connected));
  }

  mute(id: string, on: boolean): void {
    const interaction = this.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'mute', stateOf(interaction));
    this.change(interaction, (set) => set('Eic_Muted', on ? '1' : '0'));
  }

  /** The local (CIC-side) party hangs up. */
  disconnect(id: string): void {
    const interaction = this.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'disconnect', stateOf(interaction));
    this.endInteraction(interaction, EIC_STATE.internallyDisconnected);
  }

  /** The remote party hangs up. */
  remoteHangup(id: string): void {
    const interaction = this.get(id);
    if (isDisconnected(interaction)) return;
    this.endInteraction(interaction, EIC_STATE.externallyDisconnected);
  }

  setAttributes(id: string, attributes: Record<string, string>): void {
    const interaction = this.get(id);
    this.change(interaction, (set) => {
      for (const [name, value] of Object.entries(attributes)) set(name, value);
    });
  }

  blindTransfer(id: string, party: Party): void {
    const interaction = this.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'transfer', stateOf(interaction));
    const previousOwner = interaction.owner;
    this.change(interaction, (set) => {
      this.leaveAgent(interaction);
      interaction.workgroup = undefined;
      set('Eic_WorkgroupName', '');
      interaction.queues.clear();
      set('Eic_State', EIC_STATE.offering);
    });
    this.deliverTo(interaction, party);
    if (previousOwner) this.routeWaiting();
  }

  // ---- recording, DTMF, park, voicemail, privacy -------------------------------------------

  /** Starts or stops recording; who records is listed in Eic_Recorders (Eic_RecordersSupv for a supervisor). */
  record(id: string, user: SimUser, on: boolean, supervisor: boolean): void {
    const interaction = this.requireState(id, ['C', 'H'], on ? 'record' : 'stop recording');
    const name = supervisor ? 'Eic_RecordersSupv' : 'Eic_Recorders';
    const recorders = listOf(attr(interaction, name)).filter((userId) => userId !== user.userId);
    this.change(interaction, (set) => {
      set(name, (on ? [...recorders, user.userId] : recorders).join(LIST_SEPARATOR));
      if (!on && !isRecorded(interaction)) set('Eic_RecordingPaused', '0');
    });
  }

  /** Pauses or resumes a recording (simulator choice: the state shows as Eic_RecordingPaused "1"/"0"). */
  pauseRecording(id: string, on: boolean): void {
    const interaction = this.requireState(id, ['C', 'H'], on ? 'pause the recording of' : 'resume the recording of');
    if (!isRecorded(interaction)) throw simErrors.invalidState(id, 'pause the recording of', 'not recorded');
    this.change(interaction, (set) => set('Eic_RecordingPaused', on ? '1' : '0'));
  }

  /**
   * Secure pause (PCI: card numbers must not be recorded). Type 1 pauses for the server's default
   * time, 2 until resumed, 3 for `durationSeconds`, 4 resumes. A timed pause ends by itself; its
   * end shows as Eic_SecurePauseEndTime (simulator choice, so clients can show a countdown).
   */
  securePause(id: string, type: number, durationSeconds?: number): void {
    const interaction = this.requireState(id, ['C', 'H'], type === 4 ? 'resume the recording of' : 'securely pause');
    const durationMs = type === 1 ? this.timing.securePauseDefaultMs : type === 3 ? (durationSeconds ?? 0) * 1_000 : undefined;
    const endsAt = durationMs === undefined ? '' : new Date(this.now().getTime() + durationMs).toISOString();
    this.change(interaction, (set) => {
      set('Eic_SecurePause', type === 4 ? '0' : '1');
      set('Eic_SecurePauseEndTime', type === 4 ? '' : endsAt);
    });
    if (durationMs !== undefined) {
      this.later(durationMs, () => {
        if (this.interactions.has(id) && attr(interaction, 'Eic_SecurePauseEndTime') === endsAt) this.securePause(id, 4);
      });
    }
  }

  /** DTMF into a connected call (simulator choice: the last digits sent show as Eic_LastDtmfDigits). */
  sendDigits(id: string, digits: string): void {
    const interaction = this.requireState(id, ['C'], 'send digits to');
    this.change(interaction, (set) => set('Eic_LastDtmfDigits', digits));
  }

  /** Parks the call on a user's queue or a workgroup queue, where anyone watching it can pick it up. */
  park(id: string, party: Party): void {
    const interaction = this.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'park', stateOf(interaction));
    if (party.kind === 'external') throw simErrors.invalidProperty('target', 'a call is parked on a user or a queue, not on an outside number');
    this.change(interaction, (set) => {
      interaction.queues.clear();
      if (party.kind === 'user') {
        this.assignTo(interaction, party.user);
      } else {
        this.leaveAgent(interaction);
        interaction.queues.add(queueKey(QueueType.Workgroup, party.workgroup.name));
      }
      set('Eic_State', EIC_STATE.parked);
    });
    this.routeWaiting();
  }

  /** The call goes to a voicemail box: it leaves the queues it was on, then ends. */
  toVoicemail(id: string, owner?: SimUser): void {
    const interaction = this.get(id);
    if (isDisconnected(interaction) || stateOf(interaction) === 'M') throw simErrors.invalidState(id, 'send to voicemail', stateOf(interaction));
    this.change(interaction, (set) => {
      this.leaveAgent(interaction);
      interaction.queues.clear();
      interaction.workgroup = undefined;
      if (owner) set('Eic_VoicemailOwner', owner.userId);
      set('Eic_State', EIC_STATE.messaging);
    });
    this.later(this.timing.disconnectLingerMs, () => this.removeNow(interaction));
    this.routeWaiting();
  }

  makePrivate(id: string, on: boolean): void {
    const interaction = this.get(id);
    if (isDisconnected(interaction)) throw simErrors.invalidState(id, 'make private', stateOf(interaction));
    this.change(interaction, (set) => set('Eic_Private', on ? '1' : '0'));
  }

  // ---- conferences -------------------------------------------------------------------------------

  /**
   * Makes a conference of the agent's calls. Simulator choice (the docs do not say how a conference
   * shows in a queue): the conference is an interaction of its own, whose id is the conferenceId,
   * and each party carries Eic_ConferenceId; clients nest the parties under it.
   */
  createConference(ids: string[], agent: SimUser): string {
    const parties = ids.map((id) => this.requireState(id, ['C', 'H'], 'conference'));
    if (new Set(ids).size < 2) throw simErrors.invalidProperty('interactions', 'a conference needs two or more different interactions');
    for (const party of parties) {
      if (attr(party, 'Eic_ConferenceId')) throw simErrors.invalidState(party.id, 'add to a new conference (it is in one)', stateOf(party));
    }
    const conference = this.create({ Eic_CallDirection: 'O', Eic_CallType: 'I', Eic_ObjectType: 'Conference', Eic_RemoteName: 'Conference', Eic_RemoteAddress: '' }, false);
    this.change(conference, (set) => {
      this.assignTo(conference, agent);
      set('Eic_State', EIC_STATE.connected);
      set('Eic_ConnectTime', basicDateTime(this.now()));
    });
    for (const party of parties) this.joinConference(party, conference.id);
    return conference.id;
  }

  /** Adds more of the agent's calls to a conference. */
  addToConference(conferenceId: string, ids: string[]): void {
    this.conference(conferenceId);
    for (const id of ids) this.joinConference(this.requireState(id, ['C', 'H'], 'add to a conference'), conferenceId);
  }

  /** Calls someone into a conference (or into a call, which becomes a conference). */
  inviteParty(conferenceOrCall: string, party: Party, agent: SimUser): string {
    const existing = this.get(conferenceOrCall);
    const conferenceId = attr(existing, 'Eic_ObjectType') === 'Conference' ? existing.id : attr(existing, 'Eic_ConferenceId') || undefined;
    const target = conferenceId ?? this.createConferenceAround(existing, agent);
    const leg = this.create({
      Eic_CallDirection: 'O',
      Eic_CallType: party.kind === 'external' ? 'E' : 'I',
      Eic_RemoteName: partyName(party),
      Eic_RemoteAddress: partyAddress(party),
      Eic_ConferenceId: target,
    }, false);
    this.change(leg, (set) => {
      this.assignTo(leg, agent);
      set('Eic_State', EIC_STATE.system);
    });
    this.progressOutbound(leg);
    return leg.id;
  }

  private createConferenceAround(call: SimInteraction, agent: SimUser): string {
    this.requireState(call.id, ['C', 'H'], 'invite a party to');
    const conference = this.create({ Eic_CallDirection: 'O', Eic_CallType: 'I', Eic_ObjectType: 'Conference', Eic_RemoteName: 'Conference', Eic_RemoteAddress: '' }, false);
    this.change(conference, (set) => {
      this.assignTo(conference, agent);
      set('Eic_State', EIC_STATE.connected);
    });
    this.joinConference(call, conference.id);
    return conference.id;
  }

  private conference(conferenceId: string): SimInteraction {
    const conference = this.interactions.get(conferenceId);
    if (!conference || attr(conference, 'Eic_ObjectType') !== 'Conference') throw new SimError(404, 'error.request.interactions.conferenceNotFound', `The conference ${conferenceId} was not found.`);
    return conference;
  }

  private joinConference(party: SimInteraction, conferenceId: string): void {
    this.change(party, (set) => {
      set('Eic_ConferenceId', conferenceId);
      set('Eic_State', EIC_STATE.connected);
    });
  }

  /** When the last party of a conference is gone, the conference ends too. */
  private endConferenceWithoutParties(conferenceId: string): void {
    const conference = this.interactions.get(conferenceId);
    if (!conference || isDisconnected(conference)) return;
    const live = this.all().some((other) => other.id !== conferenceId && attr(other, 'Eic_ConferenceId') === conferenceId && !isDisconnected(other));
    if (!live) this.endInteraction(conference, EIC_STATE.internallyDisconnected);
  }

  // ---- supervisor monitoring -------------------------------------------------------------------

  /**
   * A supervisor listens (silently), coaches (the agent hears the supervisor, the caller does not)
   * or joins (everyone hears everyone). Simulator choice: who does what shows as Eic_Monitors,
   * Eic_Coaches and Eic_ConferenceMembers, comma-separated user ids; the docs leave it open.
   */
  monitor(id: string, supervisor: SimUser, mode: 'listen' | 'coach' | 'join', on: boolean): void {
    const interaction = this.requireState(id, ['C', 'H'], mode === 'join' ? 'join' : mode);
    if (interaction.owner === supervisor.userId) throw simErrors.invalidState(id, `${mode} (it is your own call)`, stateOf(interaction));
    const names = { listen: 'Eic_Monitors', coach: 'Eic_Coaches', join: 'Eic_ConferenceMembers' } as const;
    this.change(interaction, (set) => {
      for (const [each, name] of Object.entries(names)) {
        const others = listOf(attr(interaction, name)).filter((userId) => userId !== supervisor.userId);
        // One way of monitoring at a time: switching to coach stops listening, and so on.
        set(name, (on && each === mode ? [...others, supervisor.userId] : others).join(LIST_SEPARATOR));
      }
    });
  }

  private requireState(id: string, states: string[], action: string): SimInteraction {
    const interaction = this.get(id);
    if (!states.includes(stateOf(interaction))) throw simErrors.invalidState(id, action, stateOf(interaction));
    return interaction;
  }

  startConsult(id: string, party: Party, additionalAttributes: Record<string, string>, sessionId: string | undefined, agent: SimUser): ConsultRecord {
    const original = this.get(id);
    if (isDisconnected(original)) throw simErrors.invalidState(id, 'consult on', stateOf(original));
    this.change(original, (set) => set('Eic_State', EIC_STATE.held));
    const consultedUser = party.kind === 'user' ? party.user : party.kind === 'workgroup' ? this.freeMember(party.workgroup.name, agent.userId) : undefined;
    const leg = this.create({
      Eic_CallDirection: 'O',
      Eic_CallType: party.kind === 'external' ? 'E' : 'I',
      Eic_RemoteName: consultedUser?.displayName ?? partyName(party),
      Eic_RemoteAddress: consultedUser?.extension ?? partyAddress(party),
      // Attribute name unconfirmed (IceLib speaks of a "ConsultCallId"); kept in one place.
      Eic_ConsultCallId: original.id,
      ...additionalAttributes,
    }, false);
    leg.consultOf = original.id;
    this.change(leg, (set) => {
      this.assignTo(leg, agent);
      if (party.kind === 'workgroup') leg.queues.add(queueKey(QueueType.Workgroup, party.workgroup.name));
      if (consultedUser) for (const key of userQueues(consultedUser)) leg.queues.add(key);
      set('Eic_State', EIC_STATE.system);
    });
    this.progressOutbound(leg);
    const record: ConsultRecord = { consultId: String(this.nextConsult++), originalId: original.id, consultLegId: leg.id, sessionId, party, consultedUser };
    this.consults.set(record.consultId, record);
    return record;
  }

  changeAudience(consultId: string, audience: { originalParty?: boolean; consultedParty?: boolean }): void {
    const record = this.consult(consultId);
    const original = this.get(record.originalId);
    const leg = this.get(record.consultLegId);
    const toCaller = audience.originalParty === true;
    const toConsulted = audience.consultedParty === true;
    if (!toCaller && !toConsulted) throw simErrors.invalidProperty('audience', 'at least one of originalParty and consultedParty must be true');
    this.change(original, (set) => set('Eic_State', toCaller ? EIC_STATE.connected : EIC_STATE.held));
    if (!isDisconnected(leg)) this.change(leg, (set) => set('Eic_State', toConsulted ? EIC_STATE.connected : EIC_STATE.held));
  }

  /**
   * Completes a consult transfer: the caller ends up with the consulted party on a new
   * interaction that replaces the original (the morph), and the agent's two legs leave.
   * Simulator choice: which id survives a consult is not documented (docs/simulator.md).
   */
  concludeConsult(consultId: string): string {
    const record = this.consult(consultId);
    const original = this.get(record.originalId);
    const leg = this.get(record.consultLegId);
    this.consults.delete(consultId);
    const replacement = this.create({
      Eic_CallDirection: attr(original, 'Eic_CallDirection') ?? 'I',
      Eic_CallType: attr(original, 'Eic_CallType') ?? 'E',
      Eic_RemoteName: attr(original, 'Eic_RemoteName') ?? '',
      Eic_RemoteAddress: attr(original, 'Eic_RemoteAddress') ?? '',
      Eic_RemoteId: attr(original, 'Eic_RemoteId') ?? '',
      Eic_ConnectTime: basicDateTime(this.now()),
    }, false);
    const party = record.party;
    this.change(replacement, (set) => {
      if (party.kind === 'workgroup') {
        replacement.workgroup = party.workgroup.name;
        replacement.queues.add(queueKey(QueueType.Workgroup, party.workgroup.name));
        set('Eic_WorkgroupName', party.workgroup.name);
      }
      if (record.consultedUser) {
        this.assignTo(replacement, record.consultedUser);
        set('Eic_LocalUserId', record.consultedUser.userId);
        set('Eic_LocalName', record.consultedUser.displayName);
      }
      set('Eic_State', party.kind === 'workgroup' && !record.consultedUser ? EIC_STATE.offering : EIC_STATE.connected);
    });
    this.morphEmitter.fire({ from: original.id, to: replacement.id, sessionId: record.sessionId });
    this.removeNow(original);
    this.removeNow(leg);
    if (party.kind === 'external') this.later(this.timing.disconnectLingerMs, () => this.removeNow(replacement));
    this.routeWaiting();
    return replacement.id;
  }

  /** Cancels a consult: the consult leg ends, the caller stays held (or resumes, if so configured). */
  cancelConsult(consultId: string): void {
    const record = this.consult(consultId);
    this.consults.delete(consultId);
    const leg = this.find(record.consultLegId);
    if (leg && !isDisconnected(leg)) this.endInteraction(leg, EIC_STATE.internallyDisconnected);
    const original = this.find(record.originalId);
    if (original && this.timing.resumeCallerOnCancel && stateOf(original) === 'H') this.change(original, (set) => set('Eic_State', EIC_STATE.connected));
  }

  /** A client acted on it: the demo script lets go. */
  release(id: string): void {
    const interaction = this.interactions.get(id);
    if (interaction) interaction.scripted = false;
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  later(ms: number, action: () => void): void {
    // Beyond what one timer counts (a long scenario at a low --speed, a long replay), wait in steps.
    if (ms > MAX_TIMER_MS) return this.later(MAX_TIMER_MS, () => this.later(ms - MAX_TIMER_MS, action));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        action();
      } catch (error) {
        // A scripted step can lose a race with a client action (the call already moved on).
        if (!(error instanceof SimError)) throw error;
      }
    }, ms);
    timer.unref?.();
    this.timers.add(timer);
  }

  // ---- routing -------------------------------------------------------------------------------

  private deliverTo(interaction: SimInteraction, party: Party): void {
    if (party.kind === 'external') {
      // Transferred out of CIC: it leaves every queue.
      this.change(interaction, (set) => {
        this.leaveAgent(interaction);
        interaction.queues.clear();
        set('Eic_State', EIC_STATE.connected);
      });
      this.later(this.timing.disconnectLingerMs, () => this.removeNow(interaction));
      return;
    }
    if (party.kind === 'user') {
      this.change(interaction, (set) => {
        this.assignTo(interaction, party.user);
        set('Eic_State', EIC_STATE.alerting);
      });
      return;
    }
    this.change(interaction, (set) => {
      interaction.workgroup = party.workgroup.name;
      interaction.queues.add(queueKey(QueueType.Workgroup, party.workgroup.name));
      set('Eic_WorkgroupName', party.workgroup.name);
      set('Eic_State', EIC_STATE.offering);
    });
    this.route(interaction);
  }

  /** ACD: offer a waiting workgroup call to the next free member. */
  private route(interaction: SimInteraction): void {
    if (stateOf(interaction) !== 'O' || !interaction.workgroup) return;
    const workgroup = this.directory.workgroup(interaction.workgroup);
    if (!workgroup) return;
    const members = workgroup.members;
    for (let i = 0; i < members.length; i++) {
      const userId = members[(this.roundRobin + i) % members.length]!;
      if (interaction.declinedBy.has(userId) || this.isBusy(userId) || !this.acdAvailable(userId)) continue;
      this.roundRobin = (this.roundRobin + i + 1) % members.length;
      const user = this.directory.user(userId)!;
      this.change(interaction, (set) => {
        this.assignTo(interaction, user);
        set('Eic_State', EIC_STATE.alerting);
      });
      if (this.hasLiveSession(userId)) {
        this.later(this.timing.alertTimeoutMs, () => this.ringOut(interaction.id, userId));
      }
      return;
    }
  }

  /** Offers waiting workgroup calls again (an agent became free). */
  routeWaiting(): void {
    for (const interaction of this.interactions.values()) if (stateOf(interaction) === 'O' && interaction.workgroup) this.route(interaction);
  }

  private ringOut(id: string, userId: string): void {
    const interaction = this.interactions.get(id);
    if (!interaction || stateOf(interaction) !== 'A' || interaction.owner !== userId) return;
    interaction.declinedBy.add(userId);
    this.change(interaction, (set) => {
      this.leaveAgent(interaction);
      set('Eic_State', EIC_STATE.offering);
    });
    this.route(interaction);
  }

  private freeMember(workgroupName: string, except: string): SimUser | undefined {
    const workgroup = this.directory.workgroup(workgroupName);
    const userId = workgroup?.members.find((member) => member !== except && !this.isBusy(member));
    return userId ? this.directory.user(userId) : undefined;
  }

  isBusy(userId: string): boolean {
    for (const interaction of this.interactions.values()) {
      if (interaction.owner === userId && !isDisconnected(interaction)) return true;
    }
    return false;
  }

  private progressOutbound(interaction: SimInteraction): void {
    this.later(Math.min(100, this.timing.answerDelayMs / 2), () => {
      if (stateOf(interaction) === 'S') this.change(interaction, (set) => set('Eic_State', EIC_STATE.proceeding));
    });
    this.later(this.timing.answerDelayMs, () => {
      const state = stateOf(interaction);
      if (state !== 'S' && state !== 'R') return;
      this.change(interaction, (set) => {
        set('Eic_State', EIC_STATE.connected);
        set('Eic_ConnectTime', basicDateTime(this.now()));
      });
    });
  }

  private endInteraction(interaction: SimInteraction, state: typeof EIC_STATE.internallyDisconnected | typeof EIC_STATE.externallyDisconnected): void {
    this.change(interaction, (set) => {
      set('Eic_State', state);
      set('Eic_TerminationTime', basicDateTime(this.now()));
    });
    const conferenceId = attr(interaction, 'Eic_ConferenceId');
    if (conferenceId) this.endConferenceWithoutParties(conferenceId);
    // Hanging up a conference hangs up its parties.
    if (attr(interaction, 'Eic_ObjectType') === 'Conference') {
      for (const party of this.all()) if (attr(party, 'Eic_ConferenceId') === interaction.id && !isDisconnected(party)) this.endInteraction(party, state);
    }
    // A consult whose leg or caller is gone cannot be concluded any more.
    for (const [consultId, record] of this.consults) {
      if (record.originalId === interaction.id || record.consultLegId === interaction.id) this.consults.delete(consultId);
    }
    this.later(this.timing.disconnectLingerMs, () => this.removeNow(interaction));
    this.routeWaiting();
  }

  private removeNow(interaction: SimInteraction): void {
    if (!this.interactions.delete(interaction.id)) return;
    this.change(interaction, () => {
      interaction.queues.clear();
    });
    this.routeWaiting();
  }

  private assignTo(interaction: SimInteraction, user: SimUser): void {
    this.leaveAgent(interaction);
    interaction.owner = user.userId;
    for (const key of userQueues(user)) interaction.queues.add(key);
  }

  private leaveAgent(interaction: SimInteraction): void {
    if (!interaction.owner) return;
    const user = this.directory.user(interaction.owner);
    if (user) for (const key of userQueues(user)) interaction.queues.delete(key);
    interaction.owner = undefined;
  }

  /** Applies `mutate`, then reports what changed: attribute names and queue membership. */
  private change(interaction: SimInteraction, mutate: (set: (name: string, value: string) => void) => void): void {
    const queuesBefore = new Set(interaction.queues);
    const changed = new Set<string>();
    const set = (name: string, value: string) => {
      const lower = name.toLowerCase();
      const current = interaction.attributes.get(lower);
      if (current?.value === value) return;
      interaction.attributes.set(lower, { name: current?.name ?? name, value });
      changed.add(lower);
    };
    mutate(set);
    if (changed.has('eic_state')) {
      const state = stateOf(interaction);
      set('Eic_CallStateString', STATE_TEXT[state] ?? '');
      set('Eic_Capabilities', String(capabilities(state)));
    }
    if (changed.size === 0 && sameSet(queuesBefore, interaction.queues)) return;
    this.changeEmitter.fire({ interaction, changed, queuesBefore });
  }
}

/** Simulator choice: the docs leave the separator of list attributes (Eic_Recorders) open. */
const LIST_SEPARATOR = ',';

function listOf(value: string | undefined): string[] {
  return (value ?? '').split(LIST_SEPARATOR).filter(Boolean);
}

function isRecorded(interaction: SimInteraction): boolean {
  return listOf(attr(interaction, 'Eic_Recorders')).length + listOf(attr(interaction, 'Eic_RecordersSupv')).length > 0;
}

export function attr(interaction: SimInteraction, name: string): string | undefined {
  return interaction.attributes.get(name.toLowerCase())?.value;
}

export function stateOf(interaction: SimInteraction): string {
  return attr(interaction, 'Eic_State') ?? '';
}

export function isDisconnected(interaction: SimInteraction): boolean {
  const state = stateOf(interaction);
  return state === 'I' || state === 'E';
}

/** Eic_Capabilities bits as one client reports them (unconfirmed): 2 disconnect, 4 pickup, 32 mute, 256 hold. */
function capabilities(state: string): number {
  if (state === 'I' || state === 'E') return 0;
  let bits = 2;
  if (['A', 'O', 'H', 'P', 'X'].includes(state)) bits |= 4;
  if (state === 'C') bits |= 32;
  if (state === 'C' || state === 'H') bits |= 256;
  return bits;
}

function partyName(party: Party): string {
  if (party.kind === 'user') return party.user.displayName;
  if (party.kind === 'workgroup') return party.workgroup.name;
  return party.number;
}

function partyAddress(party: Party): string {
  if (party.kind === 'user') return party.user.extension;
  if (party.kind === 'workgroup') return party.workgroup.name;
  return party.number;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/** `YYYYMMDD`, as in Eic_CallIdKey. */
export function basicDate(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** ISO-8601 basic UTC, e.g. `20240611T140512Z`, as CIC writes time attributes. */
export function basicDateTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
