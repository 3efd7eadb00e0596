// Agent status ("Available", "At lunch", …): the catalog of status messages, each user's current
// status, and who watches whom. An ACD call alerts only agents whose status is an ACD status, as
// in CIC: an agent who is not Available gets no ACD calls.

import { Emitter } from '../icws/events';
import type { StatusMessage } from '../icws/wire';
import type { DirectoryLookup } from './directory';
import { SimError } from './SimError';

/** A status message as the contract has it. */
export type SimStatusMessage = StatusMessage;

export interface SimUserStatus {
  userId: string;
  statusId: string;
  notes?: string;
  forwardNumber?: string;
  statusChanged: string;
  loggedIn: boolean;
  onPhone: boolean;
  stations: string[];
  icServers: string[];
}

function status(statusId: string, messageText: string, groupTag: string, flags: Partial<SimStatusMessage> = {}): SimStatusMessage {
  return {
    statusId,
    messageText,
    // Simulator choice: CIC serves status icons from its own web server; the path is not in the docs.
    iconUri: `/simulator/status-icons/${encodeURIComponent(statusId)}.svg`,
    groupTag,
    canHaveDate: false,
    canHaveTime: false,
    isDoNotDisturbStatus: false,
    isSelectableStatus: true,
    isPersistentStatus: false,
    isForwardStatus: false,
    isAfterCallWorkStatus: false,
    isAcdStatus: false,
    isAllowFollowUpStatus: false,
    systemId: statusId,
    ...flags,
  };
}

/** The stock CIC statuses a new server has (ids as CIC spells them). */
export const DEFAULT_STATUS_MESSAGES: readonly SimStatusMessage[] = [
  status('Available', 'Available', 'Available', { isAcdStatus: true, isAllowFollowUpStatus: true }),
  status('Available, No ACD', 'Available, No ACD', 'Available'),
  status('Available, Forward', 'Available, Forward', 'Available', { isForwardStatus: true }),
  status('Follow Up', 'Follow Up', 'Available', { isAfterCallWorkStatus: true, isAllowFollowUpStatus: true }),
  status('Away from desk', 'Away from desk', 'Away', { canHaveTime: true }),
  status('At Lunch', 'At Lunch', 'Away', { canHaveTime: true }),
  status('In a Meeting', 'In a Meeting', 'Away', { canHaveDate: true, canHaveTime: true }),
  status('Do Not Disturb', 'Do Not Disturb', 'Do Not Disturb', { isDoNotDisturbStatus: true }),
  status('Gone Home', 'Gone Home', 'Away', { isPersistentStatus: true }),
  status('ACD - Agent Not Answering', 'ACD - Agent Not Answering', 'Away', { isSelectableStatus: false }),
];

export class UserStatuses {
  private readonly current = new Map<string, SimUserStatus>();
  private readonly changeEmitter = new Emitter<SimUserStatus>();
  /** Fired with a user's new status. */
  readonly onChange = this.changeEmitter.event;

  constructor(
    private readonly directory: DirectoryLookup,
    readonly catalog: readonly SimStatusMessage[] = DEFAULT_STATUS_MESSAGES,
    private readonly isLoggedIn: (userId: string) => boolean = () => false,
  ) {}

  message(statusId: string): SimStatusMessage | undefined {
    return this.catalog.find((message) => message.statusId.toLowerCase() === statusId.toLowerCase());
  }

  /** A user's status; everyone starts Available (simulator choice, so demo calls route at once). */
  get(userId: string): SimUserStatus {
    const user = this.directory.user(userId);
    if (!user) throw new SimError(404, 'error.request.status.userNotFound', `The user "${userId}" was not found.`);
    const known = this.current.get(user.userId);
    const status = known ?? { userId: user.userId, statusId: 'Available', statusChanged: new Date(0).toISOString(), loggedIn: false, onPhone: false, stations: [user.extension], icServers: ['cic-simulator'] };
    return { ...status, loggedIn: this.isLoggedIn(user.userId) };
  }

  set(userId: string, update: { statusId: string; notes?: string; forwardNumber?: string }): SimUserStatus {
    const message = this.message(update.statusId);
    if (!message) throw new SimError(400, 'error.request.status.invalidStatusId', `"${update.statusId}" is not a status message of this server.`, { __type: 'urn:inin.com:common:invalidPropertyError', propertyName: 'statusId' });
    if (!message.isSelectableStatus) throw new SimError(400, 'error.request.status.statusNotSelectable', `"${message.statusId}" is set by the system and cannot be chosen.`);
    const status: SimUserStatus = { ...this.get(userId), statusId: message.statusId, notes: update.notes, forwardNumber: update.forwardNumber, statusChanged: new Date().toISOString() };
    this.current.set(status.userId, status);
    this.changeEmitter.fire(status);
    return status;
  }

  /** Whether ACD calls may alert this agent now. */
  isAcdAvailable(userId: string): boolean {
    const message = this.message(this.get(userId).statusId);
    return message?.isAcdStatus ?? false;
  }
}

/** A simple round icon per status group, so clients that show status icons have one to show. */
export function statusIconSvg(message: SimStatusMessage): string {
  const color = message.isAcdStatus ? '#2ea043' : message.isDoNotDisturbStatus ? '#d1242f' : message.groupTag === 'Available' ? '#57ab5a' : '#d4a72c';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6" fill="${color}"/></svg>`;
}
