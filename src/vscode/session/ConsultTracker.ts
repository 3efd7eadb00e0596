import * as vscode from 'vscode';
import { attribute, type ConsultTransfer, type QueueCache } from '../../icws';

const STATE_KEY = 'icws.consults';

/** A consult and the profile (id) of the session that started it. */
type OwnedConsult = ConsultTransfer & { owner?: string };

/**
 * The consult transfers started from here and not finished, by original interaction id, each with
 * the profile of the session that started it: agent2 seeing agent1's consult call is not in a
 * consult of its own. Kept in global state (ids only, no secrets) so "complete" and "cancel" still
 * work after a reload.
 */
export class ConsultTracker implements vscode.Disposable {
  private readonly consults = new Map<string, OwnedConsult>();
  private readonly changeEmitter = new vscode.EventEmitter<string[]>();
  /** Fires the interaction ids (original and consult leg) whose consult role changed. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly state: vscode.Memento) {
    for (const consult of state.get<OwnedConsult[]>(STATE_KEY, [])) this.consults.set(consult.interactionId, consult);
  }

  /** A consult started in the session of profile `owner`. */
  add(consult: ConsultTransfer, owner?: string): void {
    this.consults.set(consult.interactionId, owner ? { ...consult, owner } : consult);
    this.persist([consult.interactionId, consult.consultInteractionId]);
  }

  remove(consult: ConsultTransfer): void {
    if (this.consults.delete(consult.interactionId)) this.persist([consult.interactionId, consult.consultInteractionId]);
  }

  /** The consult an interaction takes part in, as the original or as the consult leg; of profile `owner`'s session when named. */
  find(interactionId: string, cache?: QueueCache, owner?: string): ConsultTransfer | undefined {
    const mine = (consult: OwnedConsult | undefined) => (consult && (!owner || !consult.owner || consult.owner === owner) ? consult : undefined);
    const direct = mine(this.consults.get(interactionId));
    if (direct) return direct;
    for (const consult of this.consults.values()) if (consult.consultInteractionId === interactionId && mine(consult)) return consult;
    // A consult leg carries its original's id (attribute name unconfirmed: see docs/protocol.md).
    const original = cache ? attribute(cache.find(interactionId), 'Eic_ConsultCallId') : undefined;
    return original ? mine(this.consults.get(original)) : undefined;
  }

  /** The original interaction a consult leg belongs to, when it is known. */
  originalOf(interactionId: string, cache: QueueCache): string | undefined {
    for (const consult of this.consults.values()) if (consult.consultInteractionId === interactionId) return consult.interactionId;
    return attribute(cache.find(interactionId), 'Eic_ConsultCallId') || undefined;
  }

  /** The consults in progress; of profile `owner`'s session when named. */
  all(owner?: string): ConsultTransfer[] {
    return [...this.consults.values()].filter((consult) => !owner || !consult.owner || consult.owner === owner);
  }

  /** Forgets consults whose interactions are gone (completed or cancelled elsewhere). */
  prune(isLive: (interactionId: string) => boolean): void {
    const gone = this.all().filter((consult) => !isLive(consult.interactionId) && !isLive(consult.consultInteractionId));
    for (const consult of gone) this.consults.delete(consult.interactionId);
    if (gone.length) this.persist(gone.flatMap((c) => [c.interactionId, c.consultInteractionId]));
  }

  private persist(changed: string[]): void {
    void this.state.update(STATE_KEY, this.all());
    this.changeEmitter.fire(changed);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
