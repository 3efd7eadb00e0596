import * as vscode from 'vscode';
import { DisposableOwner } from '../../icws';
import { plainText } from '../display/untrustedText';
import { duration } from './healthLines';
import type { SessionHealthService } from './SessionHealthService';

/**
 * A warning of its own in the status bar while any session's stream has been silent longer than
 * its heartbeat interval (the tree may be out of date); gone when messages come again.
 */
export class StreamSilenceStatusBar extends DisposableOwner implements vscode.Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('icws.streamSilence', vscode.StatusBarAlignment.Left, 49));
  private visible = false;

  constructor(private readonly health: SessionHealthService) {
    super();
    this.item.name = 'ICWS stream silence';
    this.item.command = 'icws.sessionHealth.focus';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.register(health.onDidChangeSilence(() => this.update()));
  }

  /** The text shown now, or undefined while hidden (tests read it). */
  get shown(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private update(): void {
    const silent = this.health.live.filter((session) => this.health.healthOf(session)?.isSilent);
    if (!silent.length) {
      this.visible = false;
      this.item.hide();
      return;
    }
    const lines = silent.map((session) => {
      const stream = this.health.healthOf(session)!.snapshot().stream;
      return `${this.health.nameOf(session)}: no message or heartbeat since ${new Date(stream.silentSince ?? Date.now()).toLocaleTimeString('en-GB')} (expected every ${duration(stream.heartbeatIntervalMs)})`;
    });
    this.item.text = `$(warning) ICWS: stream silent${silent.length > 1 ? ` (${silent.length})` : ''}`;
    this.item.tooltip = plainText(`${lines.join('\n')}\nThe views may be out of date. Click for Session Health.`, 2_000);
    this.visible = true;
    this.item.show();
  }
}
