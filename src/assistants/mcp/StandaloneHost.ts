// The host `icws-mcp` runs the tools over, without VS Code: its own sessions (each watching its
// user's queue and any workgroups asked for), one Traffic timeline they record into, the catalog
// beside the bundle, and the embedded simulator when --simulator started one.
import { type ConnectionProfile, DEFAULT_ATTRIBUTES, IcwsSession, type IcwsLog, QueueType, type QueueId } from '../../icws';
import { type IcwsCatalog, loadCatalog } from '../../icws/catalog';
import { SessionHealth, type SessionHealthSnapshot } from '../../icws/health';
import type { IcwsSimulator } from '../../simulator';
import { TrafficTimeline } from '../../traffic';
import { type AssistantHost, type HostSession, type SimulatorControl, simulatorControl } from '../host';

export interface StandaloneLogin {
  server: string;
  userId: string;
  password: string;
  /** The embedded simulator's session (acting may run without asking there). */
  simulator: boolean;
  /** Workgroup queues to watch besides the user's own. */
  workgroups: readonly string[];
  /** Whether assistants may act on it (icws-mcp's --allow-actions). */
  allowAssistants: boolean;
}

export class StandaloneHost implements AssistantHost {
  private readonly live: HostSession[] = [];
  private readonly healthModels = new Map<IcwsSession, SessionHealth>();
  private readonly recorded = new TrafficTimeline();
  private simulatorControl?: SimulatorControl;
  private loadedCatalog?: IcwsCatalog;

  constructor(private readonly log: IcwsLog) {}

  sessions(): readonly HostSession[] {
    return this.live.filter((s) => s.session.isUp);
  }

  timeline(): TrafficTimeline {
    return this.recorded;
  }

  catalog(): IcwsCatalog {
    return (this.loadedCatalog ??= loadCatalog());
  }

  simulator(): SimulatorControl | undefined {
    return this.simulatorControl;
  }

  health(session: IcwsSession): SessionHealthSnapshot | undefined {
    return this.healthModels.get(session)?.snapshot();
  }

  useSimulator(simulator: IcwsSimulator): void {
    this.simulatorControl = simulatorControl(simulator);
  }

  /** Logs in, watches the queues, starts the message stream and records its Traffic. */
  async login(login: StandaloneLogin): Promise<HostSession> {
    const name = `${login.userId} @ ${new URL(login.server).host}`;
    const session = await IcwsSession.login(
      { server: login.server, applicationName: 'icws-mcp', log: this.log, onExchange: (exchange) => this.recorded.recordExchange({ ...exchange, sessionName: name }) },
      { userId: login.userId, password: login.password },
    );
    session.messages.onMessage((decoded) => this.recorded.recordMessage(decoded, session.http.redactor));
    // Made before the stream starts, so it counts from the first message.
    this.healthModels.set(session, new SessionHealth(session));
    const profile: ConnectionProfile = {
      id: `icws-mcp:${this.live.length + 1}`,
      name,
      serverUrl: session.server,
      userId: session.identity.userId,
      production: false,
      confirmActions: true,
      allowAssistants: login.allowAssistants,
      messaging: 'auto',
      simulator: login.simulator,
    };
    const queues: QueueId[] = [{ queueType: QueueType.User, queueName: session.identity.userId }, ...login.workgroups.map((queueName) => ({ queueType: QueueType.Workgroup, queueName }))];
    session.messages.start();
    for (const queue of queues) {
      await session.queues.subscribe({ subscriptionId: `${QueueType[queue.queueType]}-${queue.queueName}`.toLowerCase(), queues: [queue], attributeNames: [...DEFAULT_ATTRIBUTES] });
    }
    const hostSession = { session, profile };
    this.live.push(hostSession);
    return hostSession;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.live.map((s) => s.session.logout()));
    this.live.length = 0;
    for (const model of this.healthModels.values()) model.dispose();
    this.healthModels.clear();
  }
}
