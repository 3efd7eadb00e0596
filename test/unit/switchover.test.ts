// A 503 login answer names alternate hosts (a switchover). The password goes to each of them under
// the same rule as to the first server: never over plain HTTP to another machine without consent,
// never with a scheme, credentials or path taken from the answer.
import { strict as assert } from 'node:assert';
import { alternateServer, type HttpExchange, IcwsError, IcwsSession } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { control, startSimulator } from '../support/simulator';

const AGENT = { userId: 'agent1', password: '1234' };
/** A reserved name that resolves nowhere: if anything were sent there, it could not leave the machine. */
const REMOTE_NAME = 'cic02.icws-test.invalid';

describe('login switchover (503 with alternate hosts)', () => {
  const started: IcwsSimulator[] = [];
  async function inactiveWith(alternateHosts: string[]): Promise<IcwsSimulator> {
    const inactive = await startSimulator();
    started.push(inactive);
    const response = await control(inactive, 'POST', '/simulator/config', { acceptSessions: false, alternateHosts });
    assert.equal(response.status, 200);
    return inactive;
  }
  async function partner(): Promise<IcwsSimulator> {
    const simulator = await startSimulator();
    started.push(simulator);
    return simulator;
  }
  afterEach(async () => {
    await Promise.all(started.splice(0).map((simulator) => simulator.stop()));
  });

  it('tries the alternate hosts of a 503 and logs in there, without asking for a loopback one', async () => {
    const active = await partner();
    const inactive = await inactiveWith([new URL(active.url).host]);
    const asked: string[] = [];
    const session = await IcwsSession.login({ server: inactive.url, maySendPasswordTo: (server) => (asked.push(server), false) }, AGENT);
    assert.equal(session.server, active.url);
    assert.equal(active.sessionCount(), 1);
    assert.deepEqual(asked, []);
    await session.logout();
  });

  it('reports a 503 without alternates with the server message', async () => {
    const inactive = await inactiveWith([]);
    await assert.rejects(IcwsSession.login({ server: inactive.url }, AGENT), (error: IcwsError) => error.status === 503 && error.errorId === 'error.server.notAcceptingConnections');
  });

  it('asks before sending the password to a plain-HTTP alternate on another machine, and sends nothing there when refused', async () => {
    const inactive = await inactiveWith([REMOTE_NAME]);
    const remote = `http://${REMOTE_NAME}:${new URL(inactive.url).port}`;
    const asked: string[] = [];
    const exchanges: HttpExchange[] = [];
    const login = IcwsSession.login({ server: inactive.url, onExchange: (exchange) => exchanges.push(exchange), maySendPasswordTo: async (server) => (asked.push(server), false) }, AGENT);
    await assert.rejects(login, (error: IcwsError) => {
      assert.equal(error.status, 503);
      assert.ok(error.message.includes(`skipped ${remote} (plain HTTP to another machine was not allowed)`), error.message);
      return true;
    });
    assert.deepEqual(asked, [remote]);
    assert.deepEqual(exchanges.map((exchange) => new URL(exchange.url).origin), [inactive.url], 'a request went to the refused alternate');
  });

  it('without a consent hook, sends the password to no plain-HTTP alternate on another machine', async () => {
    const inactive = await inactiveWith([REMOTE_NAME]);
    const exchanges: HttpExchange[] = [];
    await assert.rejects(IcwsSession.login({ server: inactive.url, onExchange: (exchange) => exchanges.push(exchange) }, AGENT), (error: IcwsError) => error.status === 503 && /skipped http:\/\/cic02\.icws-test\.invalid:\d+ \(plain HTTP/.test(error.message));
    assert.deepEqual(exchanges.map((exchange) => new URL(exchange.url).origin), [inactive.url]);
  });

  it('asks about the first server too, and sends nothing when refused', async () => {
    const first = `http://${REMOTE_NAME}:8018`;
    const asked: string[] = [];
    const exchanges: HttpExchange[] = [];
    await assert.rejects(
      IcwsSession.login({ server: first, onExchange: (exchange) => exchanges.push(exchange), maySendPasswordTo: (server) => (asked.push(server), false) }, AGENT),
      (error: IcwsError) => error.kind === 'invalid-argument' && error.message.includes(`${first} (plain HTTP to another machine was not allowed)`),
    );
    assert.deepEqual(asked, [first]);
    assert.deepEqual(exchanges, []);
  });

  it('refuses alternate entries that are more than a host and a port: a scheme, credentials, a path, a query', async () => {
    const active = await partner();
    const host = new URL(active.url).host;
    const odd = [`${host}/elsewhere`, `${host}?x=1`, `${host}#x`, `agent:pw@${host}`, `http://${host}`, `${host}:1`, 'bad host', `${REMOTE_NAME}:99999`];
    const inactive = await inactiveWith(odd);
    const exchanges: HttpExchange[] = [];
    await assert.rejects(IcwsSession.login({ server: inactive.url, onExchange: (exchange) => exchanges.push(exchange) }, AGENT), (error: IcwsError) => {
      assert.equal(error.status, 503);
      for (const entry of odd) assert.ok(error.message.includes(`skipped "${entry}" (not a host name with an optional port)`), `${entry} in: ${error.message}`);
      return true;
    });
    assert.equal(active.requestsServed, 0, 'the partner was reached through an odd entry');
    assert.deepEqual(exchanges.map((exchange) => new URL(exchange.url).origin), [inactive.url]);
  });

  it('reads an entry as a host name or address with an optional port, keeping the scheme and path prefix', () => {
    const base = 'https://cic01.example.local:8019/api/cic01';
    assert.equal(alternateServer(base, 'cic02.example.local'), 'https://cic02.example.local:8019/api/cic01');
    assert.equal(alternateServer(base, 'CIC02:9019'), 'https://cic02:9019/api/cic01');
    assert.equal(alternateServer(base, '10.0.0.2'), 'https://10.0.0.2:8019/api/cic01');
    assert.equal(alternateServer(base, '[fe80::2]:8019'), 'https://[fe80::2]:8019/api/cic01');
    for (const odd of ['https://cic02', 'cic02/icws', 'cic02:0', '[cic02]', 'fe80::2', '2130706433', 'cic02.', '-cic02', 'cic%302']) assert.equal(alternateServer(base, odd), undefined, odd);
  });
});
