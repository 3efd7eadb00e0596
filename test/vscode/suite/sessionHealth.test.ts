// The Session Health view inside VS Code: a silent stream shows as a gap and a status-bar warning
// within its heartbeat interval; a duplicate subscription is flagged; a line opens its Traffic entry.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { QueueType } from '../../../src/icws';
import type { TrafficEntry } from '../../../src/traffic';
import { type HealthNode, SHOW_HEALTH_TRAFFIC } from '../../../src/vscode/health/HealthTreeProvider';
import type { IcwsSimulator } from '../../../src/simulator';
import { control, startSimulator } from '../../support/simulator';
import { waitFor } from '../../support/waitFor';
import { connect, extensionApi } from './support';

/** The rendered children of a node, with their tree items. */
async function rendered(node?: HealthNode): Promise<{ node: HealthNode; item: vscode.TreeItem }[]> {
  const api = await extensionApi();
  return api.healthTree.getChildren(node).map((child) => ({ node: child, item: api.healthTree.getTreeItem(child) }));
}

async function section(label: string): Promise<{ node: HealthNode; item: vscode.TreeItem }[]> {
  const [root] = await rendered();
  assert.ok(root, 'a root for the live session');
  const found = (await rendered(root.node)).find((child) => child.item.label === label);
  assert.ok(found, `no ${label} section`);
  return rendered(found.node);
}

const isWarning = (item: vscode.TreeItem) => item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'warning';

describe('session health (inside VS Code)', () => {
  let simulator: IcwsSimulator;
  before(async () => {
    simulator = await startSimulator({ pace: 'extension', keepAliveMs: 300 });
    await connect(simulator);
  });
  after(async () => {
    await vscode.commands.executeCommand('icws.disconnect', { forgetPassword: true });
    await simulator.stop();
  });

  it('shows a silent stream as a gap, with a status-bar warning within its heartbeat interval, gone when it speaks again', async () => {
    const api = await extensionApi();
    const [root] = await rendered();
    assert.match(String(root?.item.label), /agent1 @ /, 'the root is named by the profile');
    const session = api.sessions.session!;
    const model = api.health.healthOf(session)!;
    const learned = await waitFor('a measured heartbeat interval', () => model.snapshot().stream.intervalLearned && model.snapshot().stream, 5_000);
    assert.equal(api.healthStatus.shown, undefined, 'no warning while the stream speaks');
    // A busy machine may have made a gap already (the extension host starting): the stall adds one.
    const gapsBefore = model.snapshot().stream.gapCount;
    const gapCount = (label: unknown) => Number(/^Gaps: (\d+)$/.exec(String(label))?.[1] ?? -1);
    let gapKey = '';
    await control(simulator, 'POST', '/simulator/faults', { stallStreams: true });
    try {
      const stalled = Date.now();
      await waitFor('the status-bar warning', () => api.healthStatus.shown, learned.allowedSilenceMs + learned.heartbeatIntervalMs + 1_000);
      assert.ok(Date.now() - stalled <= learned.allowedSilenceMs + learned.heartbeatIntervalMs + 1_000);
      assert.match(api.healthStatus.shown!, /stream silent/);
      const stream = await section('Stream');
      const silent = stream.find((line) => String(line.item.label).startsWith('Silent for'));
      assert.ok(silent && isWarning(silent.item), 'a warning line says the stream is silent');
      const gaps = stream.find((line) => gapCount(line.item.label) > gapsBefore);
      assert.ok(gaps && isWarning(gaps.item), `the gap is counted: ${stream.map((line) => line.item.label).join(', ')}`);
      const [gap] = await rendered(gaps.node);
      assert.equal(gap?.item.description, 'going on');
      gapKey = gap.node.key;
    } finally {
      await control(simulator, 'DELETE', '/simulator/faults');
    }
    await waitFor('the warning gone', () => api.healthStatus.shown === undefined, 5_000);
    const gaps = (await section('Stream')).find((line) => gapCount(line.item.label) > gapsBefore);
    assert.ok(gaps, 'the gap stays counted');
    const gap = (await rendered(gaps.node)).find((line) => line.node.key === gapKey);
    assert.match(String(gap?.item.description), /^until /, 'the same gap, ended');
  });

  it('flags a duplicate subscription no view needs, and opens the request that made it in Traffic', async () => {
    const api = await extensionApi();
    const session = api.sessions.session!;
    await waitFor('the watched queue subscribed', () => session.queues.specs().length > 0 && session.queues.subscribedAt(session.queues.specs()[0]!.subscriptionId));
    const mine = session.queues.specs()[0]!.subscriptionId;
    await session.queues.subscribe({ subscriptionId: 'health-test-duplicate', queues: [{ queueType: QueueType.User, queueName: 'agent1' }], attributeNames: ['Eic_State'] });
    try {
      const lines = await section('Subscriptions');
      const duplicate = lines.find((line) => line.item.label === 'health-test-duplicate');
      assert.ok(duplicate && isWarning(duplicate.item), 'the duplicate has the warning icon');
      assert.match(String(duplicate.item.description), new RegExp(`duplicate of ${mine}.*no view needs it`));
      const original = lines.find((line) => line.item.label === mine);
      assert.match(String(original?.item.description), /duplicate of health-test-duplicate/);
      assert.doesNotMatch(String(original?.item.description), /no view needs it/);
      assert.equal(duplicate.item.command?.command, SHOW_HEALTH_TRAFFIC);
      const entry = await vscode.commands.executeCommand<TrafficEntry | undefined>(SHOW_HEALTH_TRAFFIC, ...(duplicate.item.command?.arguments ?? []));
      assert.ok(entry?.kind === 'call', 'the line opened its Traffic entry');
      assert.equal(entry.exchange.method, 'PUT');
      assert.match(entry.exchange.url, /health-test-duplicate$/);
    } finally {
      await session.queues.unsubscribe('health-test-duplicate');
    }
    const after = await section('Subscriptions');
    assert.ok(!after.some((line) => isWarning(line.item)), 'nothing flagged once it is gone');
  });
});
