import { strict as assert } from 'node:assert';
import type { Locator } from 'playwright-core';
import { createCall } from '../support/simulator';
import { waitFor } from '../support/waitFor';
import { answer, connectFromPalette, contextMenu, openIcwsView, openWorkbenchWithSimulator, pick, runCommand, screenshot, type Workbench } from './workbench';

/** The rows drawn under a session's root (up to the next root), as aria labels. */
async function rowsUnder(view: Locator, root: string): Promise<{ label: string; row: Locator }[]> {
  const rows = view.locator('.monaco-list-row');
  const out: { label: string; row: Locator }[] = [];
  let inside = false;
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const level = await row.getAttribute('aria-level');
    const label = (await row.getAttribute('aria-label')) ?? '';
    if (level === '1') inside = label.includes(root);
    else if (inside) out.push({ label, row });
  }
  return out;
}

describe('UI: agent1 and agent2 side by side (code-server + Chromium)', function () {
  let workbench: Workbench;
  before(async () => (workbench = await openWorkbenchWithSimulator()));
  after(async () => {
    if (workbench) {
      await screenshot(workbench.page, 'sessions-final');
      await workbench.close();
    }
  });

  it("agent1 consults agent2 from the tree; agent2's row alerts, agent2 picks it up, and both see it connected", async () => {
    const { page, simulator } = workbench;
    const host = new URL(simulator.url).host;
    const agent1Root = `agent1 @ ${host}`;
    const agent2Root = `agent2 @ ${host}`;
    await openIcwsView(page);
    await connectFromPalette(page, simulator.url, '1234', 'agent1');
    await connectFromPalette(page, simulator.url, '1234', 'agent2');
    const view = await openIcwsView(page);
    // A root per session, each with its own queue beneath; a status item per session.
    for (const root of [agent1Root, agent2Root]) {
      await view.locator('.monaco-list-row[aria-level="1"]', { hasText: root }).waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.statusbar-item', { hasText: root }).first().waitFor({ state: 'visible' });
    }

    await createCall(simulator, { to: 'agent1', from: '+13175550100', name: 'Initech' });
    const call = view.locator('.monaco-list-row', { hasText: 'Initech' }).first();
    await call.waitFor({ state: 'visible', timeout: 20_000 });
    await contextMenu(page, call, 'Pick Up');
    await view.locator('.monaco-list-row', { hasText: /Initech.*Connected/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await contextMenu(page, view.locator('.monaco-list-row', { hasText: /Initech.*Connected/ }).first(), 'Consult Transfer…');
    await pick(page, 'To a number or user');
    await answer(page, '7002', /Number, extension or user ID/);

    // agent2 is logged in, so the consult call rings on agent2's own queue (from Agent One) and waits
    // for agent2; agent1's consult leg rings (proceeding) meanwhile.
    const fromAgent1 = (label: string) => /Agent One|7001/.test(label);
    const toAgent2 = (label: string) => /Agent Two|7002/.test(label);
    await waitFor("the consult call alerting in agent2's tree", async () => (await rowsUnder(view, agent2Root)).some((r) => fromAgent1(r.label) && /Alerting/.test(r.label)), 20_000);
    await waitFor("agent1's consult leg ringing", async () => (await rowsUnder(view, agent1Root)).some((r) => toAgent2(r.label) && /Proceeding/.test(r.label)), 20_000);
    // The README's picture: the two roots, agent2's row ringing (no password prompts, health folded away).
    await runCommand(page, 'Notifications: Clear All Notifications');
    const health = page.locator('.sidebar .pane-header[aria-expanded="true"]', { hasText: /Session Health/i });
    if (await health.count()) await health.first().click();
    await screenshot(page, 'two-agents-consult', { forReadme: true });
    // agent1's call is held with the consult leg beneath it, in agent1's tree only.
    assert.ok((await rowsUnder(view, agent1Root)).some((r) => /Initech.*Held/.test(r.label)));
    assert.ok(!(await rowsUnder(view, agent2Root)).some((r) => /Initech/.test(r.label)));

    // agent2 answers from its own row; both legs connect.
    await contextMenu(page, view.locator('.monaco-list-row', { hasText: /Agent One.*Alerting|Alerting.*Agent One/ }).first(), 'Pick Up');
    await waitFor("agent2's consult call connected", async () => (await rowsUnder(view, agent2Root)).some((r) => fromAgent1(r.label) && /Connected/.test(r.label)), 20_000);
    await waitFor("agent1's consult leg connected", async () => (await rowsUnder(view, agent1Root)).some((r) => toAgent2(r.label) && /Connected/.test(r.label)), 20_000);
    const leg = simulator.callCenter.all().find((i) => i.queues.has('1:agent2'));
    assert.equal(leg?.owner, 'agent2', "the consult call is agent2's on the server");
    assert.equal(leg?.attributes.get('eic_state')?.value, 'C');
  });
});
