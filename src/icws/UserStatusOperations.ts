import { retryUntilDone } from './Backoff';
import { Emitter } from './events';
import type { FeatureSet } from './features';
import { REQUIRES } from './features';
import type { IcwsHttp } from './http';
import { IcwsError, isFinalFailure } from './IcwsError';
import type { IcwsLog } from './log';
import type { MessageChannel } from './MessageChannel';
import type { StatusMessage, UserStatus, UserStatusUpdate } from './wire';

const STATUS_MESSAGES = '/icws/{sessionId}/status/status-messages';
const USER_STATUS = '/icws/{sessionId}/status/user-statuses/{userId}';
const USER_STATUS_SUBSCRIPTION = '/icws/{sessionId}/messaging/subscriptions/status/user-statuses';

/**
 * Agent status: the server's status messages (cached: they change with configuration, not by the
 * minute), reading and setting a user's status, and watching users' statuses through
 * userStatusMessage. An agent who is not in an ACD status gets no ACD calls.
 */
export class UserStatusOperations {
  private catalog?: Promise<StatusMessage[]>;
  private readonly statuses = new Map<string, UserStatus>();
  private watched: string[] = [];
  private watchedAt?: number;
  private readonly changeEmitter = new Emitter<UserStatus[]>();
  /** Fired with the statuses a userStatusMessage changed. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly http: IcwsHttp,
    private readonly features: FeatureSet,
    channel: MessageChannel,
    private readonly log: IcwsLog,
  ) {
    channel.onMessage((decoded) => {
      if (decoded.kind !== 'userStatus') return;
      const mine = decoded.message.userStatusList.filter((status) => this.watched.includes(status.userId.toLowerCase()));
      for (const status of mine) this.statuses.set(status.userId.toLowerCase(), status);
      if (mine.length) this.changeEmitter.fire(mine);
    });
    // After a gap in the channel, changes may have been missed: ask for a fresh snapshot, backing
    // off until it works (a PUT replaces the watch, so repeating it is safe) or the session ends.
    channel.onDidReconnect(() => {
      const userIds = this.watched;
      if (!userIds.length) return;
      void retryUntilDone(() => this.watch(userIds), http.lifetime, { isFinal: isFinalFailure, onFailure: (error) => this.log.warn(error instanceof Error ? error.message : String(error)) });
    });
  }

  /** The users whose statuses this session watches (lower case), and since when (Date.now()). */
  get watching(): { userIds: readonly string[]; since?: number } {
    return { userIds: this.watched, since: this.watchedAt };
  }

  get isSupported(): boolean {
    return this.features.supports(REQUIRES.userStatus);
  }

  /** The statuses this server offers, in its order (the first call asks the server). */
  statusMessages(): Promise<StatusMessage[]> {
    this.features.require(REQUIRES.userStatus, 'reading the status messages');
    this.catalog ??= this.http
      .request<{ statusMessageList?: StatusMessage[] }>({ method: 'GET', template: STATUS_MESSAGES, operation: 'reading the status messages' })
      .then((result) => result.body?.statusMessageList ?? [])
      .catch((error) => {
        this.catalog = undefined; // try again next time
        throw error;
      });
    return this.catalog;
  }

  /** The last status a userStatusMessage gave for a watched user. */
  current(userId: string): UserStatus | undefined {
    return this.statuses.get(userId.toLowerCase());
  }

  async userStatus(userId: string): Promise<UserStatus> {
    const operation = `reading the status of ${userId}`;
    this.features.require(REQUIRES.userStatus, operation);
    if (!userId.trim()) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'a user ID is required' });
    return (await this.http.request<UserStatus>({ method: 'GET', template: USER_STATUS, params: { userId }, operation })).body;
  }

  /** Sets a user's status (202: the change itself arrives as a userStatusMessage). Sent once. */
  async setUserStatus(userId: string, update: UserStatusUpdate): Promise<void> {
    const operation = `setting the status of ${userId} to ${update.statusId}`;
    this.features.require(REQUIRES.userStatus, operation);
    if (!userId.trim()) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'a user ID is required' });
    if (typeof update.statusId !== 'string' || !update.statusId.trim()) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'a status id is required' });
    const body: UserStatusUpdate = { statusId: update.statusId };
    if (update.notes !== undefined) body.notes = update.notes;
    if (update.forwardNumber !== undefined) body.forwardNumber = update.forwardNumber;
    await this.http.request({ method: 'PUT', template: USER_STATUS, params: { userId }, body, operation });
  }

  /** Watches these users' statuses (replaces the watched list); a snapshot message follows. */
  async watch(userIds: string[]): Promise<void> {
    const operation = `watching the status of ${userIds.join(', ')}`;
    this.features.require(REQUIRES.userStatus, operation);
    if (userIds.length === 0 || userIds.some((id) => !id.trim())) throw new IcwsError({ kind: 'invalid-argument', operation, reason: 'at least one user ID is required' });
    this.watched = userIds.map((id) => id.toLowerCase());
    const made = Date.now();
    await this.http.request({ method: 'PUT', template: USER_STATUS_SUBSCRIPTION, body: { userIds }, operation });
    this.watchedAt ??= made;
  }
}
