import { strict as assert } from 'node:assert';
import { type HttpExchange, IcwsError, IcwsSession, QueueType } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { control, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

describe('IcwsSession', () => {
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator()));
  after(() => simulator.stop());

  it('logs in, reads features and version, and logs out', async () => {
    const session = await loginTo(simulator);
    assert.equal(session.identity.userId, 'agent1');
    assert.equal(session.features.version('interactions'), 13);
    assert.equal(session.version?.majorVersion, '25');
    const ended: string[] = [];
    session.onDidEnd((end) => ended.push(end.reason));
    await session.logout();
    assert.equal(session.isUp, false);
    assert.deepEqual(ended, ['logged out']);
  });

  it('fails a wrong password with the server message and errorId', async () => {
    await assert.rejects(
      IcwsSession.login({ server: simulator.url }, { userId: 'agent1', password: 'nope' }),
      (error: IcwsError) => error instanceof IcwsError && error.status === 400 && error.errorId === 'error.request.connection.authenticationFailure' && /authentication process failed/.test(error.message),
    );
  });

  it('sends Accept-Language, the CSRF header and the cookie, and redacts them in its trace', async () => {
    const exchanges: HttpExchange[] = [];
    const session = await loginTo(simulator, 'agent1', { onExchange: (exchange) => exchanges.push(exchange) });
    await session.connectionState();
    const login = exchanges.find((e) => e.template === '/icws/connection')!;
    assert.equal(login.requestHeaders['accept-language'], 'en-us');
    assert.deepEqual(login.requestBody, { __type: 'urn:inin.com:connection:icAuthConnectionRequestSettings', applicationName: 'ICWS Interactions for VS Code', userID: 'agent1', password: '<redacted>' });
    const state = exchanges.find((e) => e.template === '/icws/{sessionId}/connection')!;
    assert.equal(state.status, 200);
    assert.equal(state.requestHeaders['inin-icws-csrf-token'], '<redacted>');
    assert.equal(state.url, `${simulator.url}/icws/{sessionId}/connection`);
    const saved = await session.save();
    const everything = JSON.stringify(exchanges);
    for (const secret of [saved.csrfToken, saved.sessionId, saved.cookie.split('=')[1]!]) assert.ok(!everything.includes(secret), 'a secret leaked into the trace');
    await session.logout();
  });

  it('resumes a saved session that the server still has', async () => {
    const first = await loginTo(simulator);
    const saved = await first.save();
    assert.match(saved.cookie, new RegExp(`^icws_${saved.sessionId}=`));
    const resumed = await IcwsSession.resume({ server: simulator.url }, saved);
    assert.equal(resumed.sessionId, first.sessionId);
    assert.equal((await resumed.connectionState()).connectionState, 1);
    assert.equal(resumed.features.version('messaging'), 2);
    await resumed.logout();
  });

  it('refuses to resume a session that was logged out', async () => {
    const first = await loginTo(simulator);
    const saved = await first.save();
    await first.logout();
    await assert.rejects(IcwsSession.resume({ server: simulator.url }, saved), (error: IcwsError) => error.kind === 'session-ended');
  });

  it('marks the session ended on a 401 and says so', async () => {
    const session = await loginTo(simulator);
    const saved = await session.save();
    // End it behind the client's back (as an expiry would).
    await control(simulator, 'POST', `/simulator/sessions/${saved.sessionId}/end`, {});
    await assert.rejects(session.interactions.pickup('1001234500'), (error: IcwsError) => error.kind === 'session-ended' && error.status === 401);
    assert.equal(session.isUp, false);
  });

  it('ends the session when the server says connectionState down, and stops the channel', async () => {
    const session = await loginTo(simulator);
    session.messages.start();
    await waitFor('channel open', () => session.messages.state === 'open');
    const ended = new Promise<string>((resolve) => session.onDidEnd((end) => resolve(end.reason)));
    await control(simulator, 'POST', `/simulator/sessions/${session.sessionId}/end`, { reason: 'Logged off by administrator' });
    assert.equal(await ended, 'Logged off by administrator');
    assert.equal(session.messages.state, 'stopped');
  });

  it('says the server cannot be reached, without retrying the login', async () => {
    const gone = await startSimulator();
    const url = gone.url;
    await gone.stop();
    await assert.rejects(IcwsSession.login({ server: url }, { userId: 'agent1', password: '1234' }), (error: IcwsError) => error.kind === 'network' && /could not be reached/.test(error.message));
  });

  it('rejects an empty user ID before sending anything', async () => {
    const before = simulator.requestsServed;
    await assert.rejects(IcwsSession.login({ server: simulator.url }, { userId: ' ', password: 'x' }), (error: IcwsError) => error.kind === 'invalid-argument');
    assert.equal(simulator.requestsServed, before);
  });

  describe('version gating', () => {
    it('refuses a consult on a server with interactions 5, before any request', async () => {
      const old = await startSimulator({ features: { interactions: 5 } });
      try {
        const session = await loginTo(old);
        const before = old.requestsServed;
        await assert.rejects(session.interactions.consult('1001234500', { target: '7002' }), (error: IcwsError) => error.kind === 'unsupported' && /"interactions" version 6 or later; this server has "interactions" 5/.test(error.message));
        assert.equal(old.requestsServed, before);
        await session.logout();
      } finally {
        await old.stop();
      }
    });

    it('refuses a consult to a queue on interactions 12, and additional attributes on 9', async () => {
      const old = await startSimulator({ features: { interactions: 9 } });
      try {
        const session = await loginTo(old);
        await assert.rejects(session.interactions.consult('1', { queueID: { queueType: QueueType.Workgroup, queueName: 'Sales' } }), /consult transfer to a queue needs ICWS feature "interactions" version 13/);
        await assert.rejects(session.interactions.consult('1', { target: '7002' }, { Custom: 'x' }), /additional attributes on a consult needs ICWS feature "interactions" version 10/);
        await session.logout();
      } finally {
        await old.stop();
      }
    });

    it('uses short polling when the server has messaging 1, and refuses forced SSE', async () => {
      const old = await startSimulator({ features: { messaging: 1 } });
      try {
        const session = await loginTo(old);
        assert.equal(session.messages.mode, 'polling');
        await session.logout();
        await assert.rejects(loginTo(old, 'agent1', { messaging: 'sse' }), /server-sent events needs ICWS feature "messaging" version 2/);
      } finally {
        await old.stop();
      }
    });

    it('uses server-sent events when the server has messaging 2', async () => {
      const session = await loginTo(simulator);
      assert.equal(session.messages.mode, 'sse');
      await session.logout();
    });
  });
});
