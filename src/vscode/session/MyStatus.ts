import * as vscode from 'vscode';
import { DisposableOwner, type IcwsSession, type StatusMessage, type UserStatus } from '../../icws';
import type { IcwsLogChannel } from '../log/IcwsLogChannel';
import type { SessionService } from './SessionService';

/**
 * My agent status, live: watched through the session's user-status subscription when the server
 * offers agent status, with the status message that describes it (for its text and flags).
 */
export class MyStatus extends DisposableOwner implements vscode.Disposable {
  private status?: UserStatus;
  private message?: StatusMessage;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  /** The session whose user is "me". */
  private followed?: IcwsSession;

  constructor(
    private readonly sessions: SessionService,
    private readonly log: IcwsLogChannel,
  ) {
    super();
    this.register(
      sessions.forward((session) => session.status.onDidChange)(({ session, value: statuses }) => {
        if (session !== this.followed) return;
        const mine = statuses.find((s) => s.userId.toLowerCase() === session.identity.userId.toLowerCase());
        if (mine) void this.show(session, mine);
      }),
    );
    this.register(sessions.onDidAddSession((session) => void this.follow(session)));
    this.register(sessions.onDidRemoveSession((session) => session === this.followed && void this.follow(this.sessions.session)));
  }

  /** The session whose user-status watch follows me (the session health view asks). */
  get session(): IcwsSession | undefined {
    return this.followed;
  }

  /** My status now, or undefined when not connected or the server has no agent status. */
  get current(): { status: UserStatus; message?: StatusMessage } | undefined {
    return this.status ? { status: this.status, message: this.message } : undefined;
  }

  private async follow(session: IcwsSession | undefined): Promise<void> {
    this.followed = session;
    this.status = this.message = undefined;
    this.changeEmitter.fire();
    if (!session?.status.isSupported) return;
    const me = session.identity.userId;
    try {
      await session.status.watch([me]);
      await this.show(session, await session.status.userStatus(me));
    } catch (error) {
      this.log.warn(`Could not follow my agent status: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async show(session: IcwsSession, status: UserStatus): Promise<void> {
    this.status = status;
    this.message = (await session.status.statusMessages().catch(() => [])).find((m) => m.statusId === status.statusId);
    this.changeEmitter.fire();
  }
}

/** A codicon that says what a status means for calls (the server's own icons need its web server). */
export function statusIcon(message: StatusMessage | undefined): string {
  if (!message) return 'circle-large-outline';
  if (message.isDoNotDisturbStatus) return 'circle-slash';
  if (message.isAcdStatus) return 'pass-filled';
  if (message.isAfterCallWorkStatus) return 'edit';
  if (message.isForwardStatus) return 'arrow-swap';
  if (message.groupTag.toLowerCase().startsWith('available')) return 'pass';
  return 'clock';
}
