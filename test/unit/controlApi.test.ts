// What the simulator takes from a web page the developer happens to open: a page may send "simple"
// cross-site requests (text/plain POSTs) without asking, and may reach 127.0.0.1 under its own
// name (DNS rebinding). The control API must not be driven that way; ICWS apps keep their CORS.
import { strict as assert } from 'node:assert';
import type { IcwsSimulator } from '../../src/simulator';
import { rawRequest } from '../support/http';
import { control, startSimulator } from '../support/simulator';

describe('simulator control API and web pages', () => {
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator()));
  after(() => simulator.stop());

  it('refuses a text/plain POST (a page sends one without a preflight) with 415, and changes nothing', async () => {
    const calls = simulator.callCenter.all().length;
    const config = await rawRequest(`${simulator.url}/simulator/config`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.example' }, body: JSON.stringify({ acceptSessions: false, alternateHosts: ['evil.example'] }) });
    assert.equal(config.status, 415);
    assert.match(config.json.message, /Content-Type: application\/json/);
    assert.deepEqual(simulator.config, { acceptSessions: true, alternateHosts: [] });
    assert.equal(config.headers['access-control-allow-origin'], undefined);
    const call = await rawRequest(`${simulator.url}/simulator/calls`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: JSON.stringify({ to: 'Support' }) });
    assert.equal(call.status, 415);
    const untyped = await rawRequest(`${simulator.url}/simulator/faults`, { method: 'DELETE' });
    assert.equal(untyped.status, 415);
    assert.equal(simulator.callCenter.all().length, calls);
  });

  it('takes a JSON request from a script', async () => {
    const response = await control(simulator, 'POST', '/simulator/config', { acceptSessions: false, alternateHosts: ['cic02:8018'] });
    assert.equal(response.status, 200);
    assert.deepEqual(simulator.config, { acceptSessions: false, alternateHosts: ['cic02:8018'] });
    assert.equal((await control(simulator, 'POST', '/simulator/config', { acceptSessions: true, alternateHosts: [] })).status, 200);
  });

  it('answers no preflight and gives no CORS headers under /simulator/, so a page can neither send JSON there nor read it', async () => {
    const preflight = await rawRequest(`${simulator.url}/simulator/config`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    assert.equal(preflight.headers['access-control-allow-methods'], undefined);
    const health = await rawRequest(`${simulator.url}/simulator/health`, { headers: { origin: 'http://evil.example' } });
    assert.equal(health.status, 200);
    assert.equal(health.headers['access-control-allow-origin'], undefined);
  });

  it('keeps CORS for ICWS routes and the status icons their answers point to', async () => {
    const login = await rawRequest(`${simulator.url}/icws/connection`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    assert.equal(login.status, 204);
    assert.equal(login.headers['access-control-allow-origin'], 'http://localhost:3000');
    const icon = await rawRequest(`${simulator.url}/simulator/status-icons/Available.svg`, { headers: { origin: 'http://localhost:3000' } });
    assert.equal(icon.status, 200);
    assert.equal(icon.headers['access-control-allow-origin'], 'http://localhost:3000');
  });

  it('refuses a request whose Host is not the address it listens on (DNS rebinding), ICWS routes included', async () => {
    const port = new URL(simulator.url).port;
    for (const path of ['/simulator/health', '/icws/connection/version']) {
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `localhost.:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
        const answer = await rawRequest(`${simulator.url}${path}`, { headers: { host } });
        assert.equal(answer.status, 421, `${path} with Host ${host}`);
        assert.ok(answer.json.message.includes(`"${host}"`), answer.json.message);
      }
    }
    const config = await rawRequest(`${simulator.url}/simulator/config`, { method: 'POST', headers: { host: `evil.example:${port}`, 'content-type': 'application/json' }, body: JSON.stringify({ acceptSessions: false }) });
    assert.equal(config.status, 421);
    assert.equal(simulator.config.acceptSessions, true);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `sim.localhost:${port}`, `127.4.5.6:${port}`, `[::1]:${port}`]) {
      assert.equal((await rawRequest(`${simulator.url}/icws/connection/version`, { headers: { host } })).status, 200, host);
    }
  });
});
