// The simulated telephony: interactions, their states, and which queues they are on. The routes,
// the scenarios and the demo traffic talk to this one object; the work is done by the parts in
// callCenter/, one job each, over one store of interactions (InteractionStore, which reports every
// change so queue subscriptions can send exact deltas).

import type { Event } from '../icws/events';
import type { DirectoryLookup, Party, SimUser } from './directory';
import { Calls } from './callCenter/Calls';
import { Conferences } from './callCenter/Conferences';
import { type ConsultRecord, Consults, type Morph } from './callCenter/Consults';
import type { InteractionChange, SimInteraction } from './callCenter/interaction';
import { InteractionStore } from './callCenter/InteractionStore';
import { Monitoring } from './callCenter/Monitoring';
import { Recording } from './callCenter/Recording';
import { Routing } from './callCenter/Routing';
import type { CallCenterTiming } from './callCenter/timing';

export { attr, type InteractionChange, isDisconnected, queueKey, type SimInteraction, stateOf } from './callCenter/interaction';
export { type CallCenterTiming, DEFAULT_TIMING } from './callCenter/timing';
export type { ConsultRecord, Morph } from './callCenter/Consults';

export class CallCenter {
  private readonly store: InteractionStore;
  private readonly routing: Routing;
  private readonly calls: Calls;
  private readonly consults: Consults;
  private readonly conferences: Conferences;
  private readonly recording: Recording;
  private readonly monitoring: Monitoring;
  readonly onChange: Event<InteractionChange>;
  readonly onMorph: Event<Morph>;
  /** Whether ACD calls may alert an agent (their status); everyone may until told otherwise. */
  acdAvailable: (userId: string) => boolean = () => true;

  constructor(
    readonly directory: DirectoryLookup,
    readonly timing: CallCenterTiming,
    /** Agents with a live ICWS session answer for themselves; others are answered by the script. */
    readonly hasLiveSession: (userId: string) => boolean,
    now: () => Date = () => new Date(),
  ) {
    this.store = new InteractionStore(directory, now, () => this.routing.routeWaiting());
    this.routing = new Routing(this.store, timing, hasLiveSession, (userId) => this.acdAvailable(userId));
    this.calls = new Calls(this.store, this.routing, timing);
    this.consults = new Consults(this.store, this.calls, this.routing, timing);
    this.conferences = new Conferences(this.store, this.calls);
    this.recording = new Recording(this.store, timing);
    this.monitoring = new Monitoring(this.store);
    // When a call ends, its conference first (which may end too), then the consults on it.
    this.calls.whenEnded((interaction, state) => this.conferences.ended(interaction, state));
    this.calls.whenEnded((interaction) => this.consults.ended(interaction));
    this.onChange = this.store.onChange;
    this.onMorph = this.consults.onMorph;
  }

  // ---- the interactions ---------------------------------------------------------------------

  get(id: string): SimInteraction {
    return this.store.get(id);
  }

  find(id: string): SimInteraction | undefined {
    return this.store.find(id);
  }

  all(): SimInteraction[] {
    return this.store.all();
  }

  onQueue(key: string): SimInteraction[] {
    return this.store.onQueue(key);
  }

  /** A client acted on it: the demo script lets go. */
  release(id: string): void {
    this.store.release(id);
  }

  later(ms: number, action: () => void): void {
    this.store.later(ms, action);
  }

  dispose(): void {
    this.store.dispose();
  }

  // ---- calls ---------------------------------------------------------------------------------

  /** An inbound call from outside to a workgroup, user or extension. */
  createInbound(options: { to: string; from: string; name?: string; scripted?: boolean; attributes?: Record<string, string> }): SimInteraction {
    return this.calls.createInbound(options);
  }

  /** An outbound call placed by `user`. Remote parties answer after `answerDelayMs`. */
  makeCall(user: SimUser, target: string, extra: Record<string, string> = {}): SimInteraction {
    return this.calls.makeCall(user, target, extra);
  }

  pickup(id: string, user: SimUser): void {
    this.calls.pickup(id, user);
    this.consults.pickedUp(this.store.get(id));
  }

  hold(id: string, on: boolean): void {
    this.calls.hold(id, on);
  }

  mute(id: string, on: boolean): void {
    this.calls.mute(id, on);
  }

  /** The local (CIC-side) party hangs up. */
  disconnect(id: string): void {
    this.calls.disconnect(id);
  }

  /** The remote party hangs up. */
  remoteHangup(id: string): void {
    this.calls.remoteHangup(id);
  }

  setAttributes(id: string, attributes: Record<string, string>): void {
    this.calls.setAttributes(id, attributes);
  }

  blindTransfer(id: string, party: Party): void {
    this.calls.blindTransfer(id, party);
  }

  sendDigits(id: string, digits: string): void {
    this.calls.sendDigits(id, digits);
  }

  makePrivate(id: string, on: boolean): void {
    this.calls.makePrivate(id, on);
  }

  // ---- routing -------------------------------------------------------------------------------

  park(id: string, party: Party): void {
    this.routing.park(id, party);
  }

  toVoicemail(id: string, owner?: SimUser): void {
    this.routing.toVoicemail(id, owner);
  }

  /** Offers waiting workgroup calls again (an agent became free). */
  routeWaiting(): void {
    this.routing.routeWaiting();
  }

  isBusy(userId: string): boolean {
    return this.routing.isBusy(userId);
  }

  // ---- consults ------------------------------------------------------------------------------

  consult(consultId: string): ConsultRecord {
    return this.consults.get(consultId);
  }

  startConsult(id: string, party: Party, additionalAttributes: Record<string, string>, sessionId: string | undefined, agent: SimUser): ConsultRecord {
    return this.consults.start(id, party, additionalAttributes, sessionId, agent);
  }

  changeAudience(consultId: string, audience: { originalParty?: boolean; consultedParty?: boolean }): void {
    this.consults.changeAudience(consultId, audience);
  }

  concludeConsult(consultId: string): string {
    return this.consults.conclude(consultId);
  }

  cancelConsult(consultId: string): void {
    this.consults.cancel(consultId);
  }

  // ---- conferences ---------------------------------------------------------------------------

  createConference(ids: string[], agent: SimUser): string {
    return this.conferences.create(ids, agent);
  }

  addToConference(conferenceId: string, ids: string[]): void {
    this.conferences.add(conferenceId, ids);
  }

  inviteParty(conferenceOrCall: string, party: Party, agent: SimUser): string {
    return this.conferences.invite(conferenceOrCall, party, agent);
  }

  // ---- recording and monitoring --------------------------------------------------------------

  record(id: string, user: SimUser, on: boolean, supervisor: boolean): void {
    this.recording.record(id, user, on, supervisor);
  }

  pauseRecording(id: string, on: boolean): void {
    this.recording.pause(id, on);
  }

  securePause(id: string, type: number, durationSeconds?: number): void {
    this.recording.securePause(id, type, durationSeconds);
  }

  monitor(id: string, supervisor: SimUser, mode: 'listen' | 'coach' | 'join', on: boolean): void {
    this.monitoring.monitor(id, supervisor, mode, on);
  }
}
