import { strict as assert } from 'node:assert';
import { createCall } from '../support/simulator';
import { waitFor } from '../support/waitFor';
import { answer, connectedWorkbench, contextMenu, contextMenuEntries, openIcwsView, screenshot } from './workbench';

describe('UI: call actions from the context menu (code-server + Chromium)', function () {
  const current = connectedWorkbench('call-actions');

  it('sends digits, records and pauses the recording of a call, offering each only when it applies', async () => {
    const workbench = current();
    const { page, simulator } = workbench;
    const view = await openIcwsView(page);
    const id = await createCall(simulator, { to: 'agent1', from: '+13175550142', name: 'Stark Industries' });
    const row = view.locator('.monaco-list-row', { hasText: 'Stark Industries' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    const ringing = await contextMenuEntries(page, row);
    assert.ok(!ringing.includes('Send Digits…') && !ringing.includes('Record / Stop Recording'), `offered while ringing: ${ringing.join(', ')}`);
    await contextMenu(page, row, 'Pick Up');
    await view.locator('.monaco-list-row', { hasText: /Stark Industries.*Connected/ }).first().waitFor({ state: 'visible' });
    const connected = await contextMenuEntries(page, row);
    assert.ok(connected.includes('Send Digits…') && connected.includes('Record / Stop Recording'), connected.join(', '));
    assert.ok(!connected.includes('Pause / Resume Recording'), 'pause offered before recording');

    await contextMenu(page, row, 'Send Digits…');
    await answer(page, '1234#', /DTMF digits/);
    await waitFor('the digits at the simulator', () => simulator.callCenter.find(id)?.attributes.get('eic_lastdtmfdigits')?.value === '1234#', 10_000);
    // The server may tell of a change before it answers the request: the row offers its actions
    // again (and drops "sending digits…") once the answer is in.
    const idleRow = () => view.locator('.monaco-list-row', { hasText: 'Stark Industries' }).filter({ hasNotText: '…' }).first().waitFor({ state: 'visible' });
    await idleRow();

    await contextMenu(page, row, 'Record / Stop Recording');
    await view.locator('.monaco-list-row', { hasText: /Stark Industries.*· recording/ }).first().waitFor({ state: 'visible' });
    await idleRow();
    await contextMenu(page, row, 'Pause / Resume Recording');
    await view.locator('.monaco-list-row', { hasText: /Stark Industries.*recording paused/ }).first().waitFor({ state: 'visible' });
    await screenshot(page, 'recording-paused');
  });
});
