import { strict as assert } from 'node:assert';
import type { Locator } from 'playwright-core';
import { createCall } from '../support/simulator';
import { waitFor } from '../support/waitFor';
import { answer, connectFromPalette, contextMenu, openIcwsView, openWorkbenchWithSimulator, pick, screenshot, type Workbench } from './workbench';

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

  it("agent1 consults agent2 from the tree, and the consult call shows in agent2's own tree", async () => {
    const { page, simulator } = workbench;
    const host = new URL(simulator.url).host;
    await openIcwsView(page);
    await connectFromPalette(page, simulator.url, '1234', 'agent1');
    await connectFromPalette(page, simulator.url, '1234', 'agent2');
    const view = await openIcwsView(page);
    // A root per session, each with its own queue beneath; a status item per session.
    for (const user of ['agent1', 'agent2']) {
      await view.locator('.monaco-list-row[aria-level="1"]', { hasText: `${user} @ ${host}` }).waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.statusbar-item', { hasText: `${user} @ ${host}` }).first().waitFor({ state: 'visible' });
    }

    await createCall(simulator, { to: 'agent1', from: '+13175550100', name: 'Initech' });
    const call = view.locator('.monaco-list-row', { hasText: 'Initech' }).first();
    await call.waitFor({ state: 'visible', timeout: 20_000 });
    await contextMenu(page, call, 'Pick Up');
    await view.locator('.monaco-list-row', { hasText: /Initech.*Connected/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await contextMenu(page, view.locator('.monaco-list-row', { hasText: /Initech.*Connected/ }).first(), 'Consult Transfer…');
    await pick(page, 'To a number or user');
    await answer(page, '7002', /Number, extension or user ID/);

    // The consult call shows in agent2's own tree, under agent2's root (the simulator answers for the
    // consulted user after a moment, so the row is seen ringing, then connected).
    const shown = await waitFor("the consult call in agent2's tree", async () => (await rowsUnder(view, `agent2 @ ${host}`)).find((r) => /(Alerting|Offering|Proceeding|Connected)/.test(r.label)), 20_000);
    assert.match(shown.label, /Agent Two|7002|Agent One/);
    await screenshot(page, 'two-sessions-consult');
    const leg = simulator.callCenter.all().find((i) => i.queues.has('1:agent2'));
    assert.ok(leg, "the consult call is in agent2's queue on the server");
    // agent1's call is held with the consult leg beneath it, in agent1's tree only.
    assert.ok((await rowsUnder(view, `agent1 @ ${host}`)).some((r) => /Initech.*Held/.test(r.label)));
    assert.ok(!(await rowsUnder(view, `agent2 @ ${host}`)).some((r) => /Initech/.test(r.label)));
  });
});
