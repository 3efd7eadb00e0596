import { strict as assert } from 'node:assert';
import type { IcwsSimulator } from '../../src/simulator';
import { rawRequest } from '../support/http';
import { startSimulator } from '../support/simulator';

describe('simulator CORS', () => {
  let simulator: IcwsSimulator | undefined;
  afterEach(async () => simulator?.stop());

  it('answers a preflight with 204, echoing the origin, credentials, the methods and the requested headers', async () => {
    simulator = await startSimulator();
    const answer = await rawRequest(`${simulator.url}/icws/connection`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, accept-language' } });
    assert.equal(answer.status, 204);
    assert.equal(answer.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.equal(answer.headers['access-control-allow-credentials'], 'true');
    assert.match(String(answer.headers['access-control-allow-methods']), /POST/);
    assert.equal(answer.headers['access-control-allow-headers'], 'content-type, accept-language');
  });

  it('marks every answer to an allowed origin, exposing the ICWS headers, and no answer to others', async () => {
    simulator = await startSimulator({ corsOrigins: ['http://app.test'] });
    const allowed = await rawRequest(`${simulator.url}/icws/connection/version`, { headers: { Origin: 'http://app.test' } });
    assert.equal(allowed.headers['access-control-allow-origin'], 'http://app.test');
    assert.match(String(allowed.headers['access-control-expose-headers']), /ININ-ICWS-CSRF-Token.*ININ-ICWS-Session-ID.*Location/);
    const other = await rawRequest(`${simulator.url}/icws/connection/version`, { headers: { Origin: 'http://evil.test' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const preflight = await rawRequest(`${simulator.url}/icws/connection`, { method: 'OPTIONS', headers: { Origin: 'http://evil.test', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(preflight.status, 403);
  });
});
