import * as vscode from 'vscode';
import { DisposableOwner, type IcwsSession, type StatusMessage, type UserStatus } from '../../icws';
import type { IcwsLogChannel } from '../log/IcwsLogChannel';
import type { SessionService } from './SessionService';

/**
 * My agent status, live: watched through the session's user-status subscription when the server
 * offers agent status, with the status message that describes it (for its text and flags).
 */
export class MyStatus extends DisposableOwner implements vscode.Disposable {
  /** Each live session's user's status. */
  private readonly statuses = new Map<IcwsSession, { status: UserStatus; message?: StatusMessage }>();
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly sessions: SessionService,
    private readonly log: IcwsLogChannel,
  ) {
    super();
    this.register(
      sessions.forward((session) => session.status.onDidChange)(({ session, value: statuses }) => {
        const mine = statuses.find((s) => s.userId.toLowerCase() === session.identity.userId.toLowerCase());
        if (mine) void this.show(session, mine);
      }),
    );
    this.register(sessions.onDidAddSession((session) => void this.follow(session)));
    this.register(
      sessions.onDidRemoveSession((session) => {
        this.statuses.delete(session);
        this.changeEmitter.fire();
      }),
    );
  }

  /** The session whose user-status watch the status bar shows first (each live session's user is followed). */
  get session(): IcwsSession | undefined {
    return this.sessions.session;
  }

  /** The first session's user's status (with one session, mine), or undefined when not connected or the server has no agent status. */
  get current(): { status: UserStatus; message?: StatusMessage } | undefined {
    const session = this.sessions.session;
    return session ? this.of(session) : undefined;
  }

  /** The status of a session's user. */
  of(session: IcwsSession): { status: UserStatus; message?: StatusMessage } | undefined {
    return this.statuses.get(session);
  }

  private async follow(session: IcwsSession): Promise<void> {
    this.changeEmitter.fire();
    if (!session.status.isSupported) return;
    const me = session.identity.userId;
    try {
      await session.status.watch([me]);
      await this.show(session, await session.status.userStatus(me));
    } catch (error) {
      this.log.warn(`Could not follow my agent status: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async show(session: IcwsSession, status: UserStatus): Promise<void> {
    const message = (await session.status.statusMessages().catch(() => [])).find((m) => m.statusId === status.statusId);
    if (!this.sessions.sessions.includes(session)) return;
    this.statuses.set(session, { status, message });
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
