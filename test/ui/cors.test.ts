// The vendor SDK's pattern, in a real browser: a page on another origin logs in with XHR and
// credentials, reads the CSRF header, subscribes with fetch, and opens an EventSource with
// credentials, then sees a call arrive.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import type { IcwsSimulator } from '../../src/simulator';
import { launchBrowser } from '../support/codeServer';
import { createCall, startSimulator } from '../support/simulator';

/** The application page: plain browser JavaScript, as an ICWS web app would have it. */
function appPage(simulatorUrl: string): string {
  return `<!DOCTYPE html><html><body><script>
window.messages = [];
(async () => {
  const base = ${JSON.stringify(simulatorUrl)};
  const xhr = new XMLHttpRequest();
  xhr.open('POST', base + '/icws/connection?include=features');
  xhr.withCredentials = true;
  xhr.setRequestHeader('Content-Type', 'application/vnd.inin.icws+JSON; charset=utf-8');
  xhr.setRequestHeader('Accept-Language', 'en-us');
  const login = await new Promise((resolve, reject) => {
    xhr.onload = () => resolve({ status: xhr.status, body: JSON.parse(xhr.responseText), csrf: xhr.getResponseHeader('ININ-ICWS-CSRF-Token') });
    xhr.onerror = () => reject(new Error('login blocked'));
    xhr.send(JSON.stringify({ __type: 'urn:inin.com:connection:icAuthConnectionRequestSettings', applicationName: 'browser app', userID: 'agent1', password: '1234' }));
  });
  const session = login.body.sessionId;
  const put = await fetch(base + '/icws/' + session + '/messaging/subscriptions/queues/mine', {
    method: 'PUT', credentials: 'include',
    headers: { 'ININ-ICWS-CSRF-Token': login.csrf, 'Content-Type': 'application/vnd.inin.icws+JSON' },
    body: JSON.stringify({ queueIds: [{ queueType: 1, queueName: 'agent1' }], attributeNames: ['Eic_RemoteName', 'Eic_State'] }),
  });
  const events = new EventSource(base + '/icws/' + session + '/messaging/messages', { withCredentials: true });
  events.onmessage = (event) => window.messages.push(JSON.parse(event.data));
  events.onopen = () => (window.result = { loginStatus: login.status, csrfReadable: Boolean(login.csrf), putStatus: put.status });
})().catch((error) => (window.result = { error: String(error) }));
</script></body></html>`;
}

describe('UI: a web app on another origin uses the simulator (Chromium)', function () {
  this.timeout(120_000);
  let simulator: IcwsSimulator;
  let app: Server;
  let browser: Browser;
  before(async () => {
    simulator = await startSimulator();
    app = createServer((_request, response) => response.end(appPage(simulator.url))).listen(0, '127.0.0.1');
    await new Promise((done) => app.once('listening', done));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((done) => app?.close(done));
    await simulator?.stop();
  });

  it('logs in with XHR and credentials, subscribes, and receives a call over EventSource with credentials', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(app.address() as { port: number }).port}/`);
    await page.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 20_000 });
    const result = await page.evaluate(() => (globalThis as unknown as { result: Record<string, unknown> }).result);
    assert.deepEqual(result, { loginStatus: 201, csrfReadable: true, putStatus: 200 });
    const id = await createCall(simulator, { to: 'agent1', name: 'Browser Caller' });
    await page.waitForFunction((callId) => (globalThis as unknown as { messages: { interactionsAdded?: { interactionId: string }[] }[] }).messages.some((m) => m.interactionsAdded?.some((i) => i.interactionId === callId)), id, { timeout: 20_000 });
  });
});
