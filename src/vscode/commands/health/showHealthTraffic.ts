import * as vscode from 'vscode';
import { SHOW_HEALTH_TRAFFIC, type HealthNode } from '../../health/HealthTreeProvider';
import type { SessionHealthService } from '../../health/SessionHealthService';
import type { TrafficRecording } from '../../traffic/TrafficRecording';
import { TRAFFIC_COMMAND } from '../traffic/trafficCommandIds';

/**
 * A Session Health line's Traffic entries: its session's exchanges (by id, and by being that
 * session's: every session numbers its exchanges from 1) found in the timeline, then shown.
 */
export function registerHealthCommands(health: SessionHealthService, recording: TrafficRecording): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(SHOW_HEALTH_TRAFFIC, async (node?: HealthNode) => {
      if (node?.kind !== 'line') return undefined;
      const model = health.healthOf(node.session);
      const ids = new Set(node.line.exchangeIds);
      const seqs: number[] = [];
      for (const entry of recording.timeline.entries()) {
        if (entry.kind === 'call' && ids.has(entry.exchange.id) && model?.owns(entry.exchange)) seqs.push(entry.seq);
      }
      return vscode.commands.executeCommand(TRAFFIC_COMMAND.revealEntries, seqs);
    }),
  ];
}
