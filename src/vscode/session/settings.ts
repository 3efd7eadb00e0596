import * as vscode from 'vscode';
import { type MessagingMode, type QueueId, QueueType } from '../../icws';

export type QueueTypeName = 'workgroup' | 'user' | 'station' | 'system';

export interface WatchedQueueSetting {
  type: QueueTypeName;
  name: string;
}

const TYPE_NUMBERS: Record<QueueTypeName, QueueType> = {
  system: QueueType.System,
  user: QueueType.User,
  workgroup: QueueType.Workgroup,
  station: QueueType.Station,
};

export function queueTypeName(type: QueueType): QueueTypeName {
  return (Object.keys(TYPE_NUMBERS) as QueueTypeName[]).find((name) => TYPE_NUMBERS[name] === type) ?? 'workgroup';
}

/** Typed access to the `icws.*` settings (all application-scoped). */
export class IcwsSettings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('icws');
  }

  get serverUrl(): string {
    return this.config.get<string>('serverUrl', '').trim();
  }

  get userId(): string {
    return this.config.get<string>('userId', '').trim();
  }

  get applicationName(): string {
    return this.config.get<string>('applicationName', 'ICWS Interactions for VS Code');
  }

  get language(): string {
    return this.config.get<string>('language', 'en-us');
  }

  get messagingMode(): MessagingMode | 'auto' {
    return this.config.get<MessagingMode | 'auto'>('messagingMode', 'auto');
  }

  get watchMyQueue(): boolean {
    return this.config.get<boolean>('watchMyQueue', true);
  }

  get extraAttributes(): string[] {
    return this.config.get<string[]>('extraAttributes', []).filter((name) => typeof name === 'string' && name.trim() !== '');
  }

  get trafficCapacity(): number {
    const value = this.config.get<number>('traffic.capacity', 5_000);
    return Number.isFinite(value) && value >= 100 ? Math.floor(value) : 5_000;
  }

  get maxRowsPerQueue(): number {
    const value = this.config.get<number>('maxRowsPerQueue', 500);
    return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 500;
  }

  get certificateAuthorityFile(): string {
    return this.config.get<string>('certificateAuthorityFile', '').trim();
  }

  /** The watched queues other than "my queue", as queue ids; malformed entries are skipped. */
  get watchedQueues(): QueueId[] {
    const raw = this.config.get<unknown[]>('watchedQueues', []);
    const out: QueueId[] = [];
    for (const entry of Array.isArray(raw) ? raw : []) {
      const { type, name } = (entry ?? {}) as Partial<WatchedQueueSetting>;
      if (typeof name !== 'string' || !name.trim() || !(type && type in TYPE_NUMBERS)) continue;
      out.push({ queueType: TYPE_NUMBERS[type], queueName: name.trim() });
    }
    return out;
  }

  async setWatchedQueues(queues: QueueId[]): Promise<void> {
    const value: WatchedQueueSetting[] = queues.map((q) => ({ type: queueTypeName(q.queueType), name: q.queueName }));
    await this.config.update('watchedQueues', value, vscode.ConfigurationTarget.Global);
  }

  async setWatchMyQueue(on: boolean): Promise<void> {
    await this.config.update('watchMyQueue', on, vscode.ConfigurationTarget.Global);
  }

  async rememberLogin(serverUrl: string, userId: string): Promise<void> {
    if (this.serverUrl !== serverUrl) await this.config.update('serverUrl', serverUrl, vscode.ConfigurationTarget.Global);
    if (this.userId !== userId) await this.config.update('userId', userId, vscode.ConfigurationTarget.Global);
  }
}
