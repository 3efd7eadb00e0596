// A failed login reads as what to do, for each failure the simulator can produce as CIC does; the
// server's error id stays on the error (and so in the log).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { IcwsError, IcwsSession, loginProblem, type LoginProblemKind, type SessionOptions } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { removeScratch, scratchDir } from '../support/scratch';
import { control, startSimulator } from '../support/simulator';

async function failedLogin(options: SessionOptions, userId = 'agent1', password = '1234'): Promise<IcwsError> {
  try {
    const session = await IcwsSession.login(options, { userId, password });
    await session.logout();
  } catch (error) {
    assert.ok(error instanceof IcwsError, `expected an IcwsError, got ${String(error)}`);
    return error;
  }
  throw new Error('the login succeeded');
}

function expectProblem(error: IcwsError, server: string, kind: LoginProblemKind, headline: RegExp): void {
  const problem = loginProblem(error, { userId: 'agent1', server });
  assert.equal(problem.kind, kind, `${error.message} → ${problem.kind}`);
  assert.match(problem.headline, headline);
  assert.ok(problem.advice.length > 10);
}

describe('login problems in words', function () {
  this.timeout(20_000);
  let simulator: IcwsSimulator;
  before(async () => {
    simulator = await startSimulator();
  });
  afterEach(async () => {
    await control(simulator, 'DELETE', '/simulator/faults');
    await control(simulator, 'POST', '/simulator/config', { acceptSessions: true, alternateHosts: [] });
  });
  after(() => simulator.stop());

  it('leads a wrong password with "Wrong user ID or password", keeping the server id on the error', async () => {
    const error = await failedLogin({ server: simulator.url }, 'agent1', 'wrong');
    assert.equal(error.errorId, 'error.request.connection.authenticationFailure');
    const problem = loginProblem(error, { userId: 'agent1', server: simulator.url });
    assert.equal(problem.kind, 'credentials');
    assert.equal(problem.headline, 'Wrong user ID or password for agent1 on 127.0.0.1');
    assert.equal(problem.retryable, false);
    assert.doesNotMatch(problem.headline, /error\.request|HTTP/);
  });

  it('says the same for a user CIC does not know (CIC does not tell them apart)', async () => {
    expectProblem(await failedLogin({ server: simulator.url }, 'nobody'), simulator.url, 'credentials', /^Wrong user ID or password/);
  });

  it('names a server that is not accepting sessions (a switchover partner with no alternate)', async () => {
    await control(simulator, 'POST', '/simulator/config', { acceptSessions: false, alternateHosts: [] });
    expectProblem(await failedLogin({ server: simulator.url }), simulator.url, 'not-accepting', /is not accepting sessions/);
  });

  it('calls any other 503 "not available", and a 500 a server failure, both worth a retry', async () => {
    await control(simulator, 'POST', '/simulator/faults', { fail: { match: 'POST /icws/connection', status: 503, count: 1 } });
    const unavailable = await failedLogin({ server: simulator.url });
    expectProblem(unavailable, simulator.url, 'unavailable', /not available/);
    assert.ok(loginProblem(unavailable, { userId: 'agent1', server: simulator.url }).retryable);
    await control(simulator, 'POST', '/simulator/faults', { fail: { match: 'POST /icws/connection', status: 500, count: 1 } });
    expectProblem(await failedLogin({ server: simulator.url }), simulator.url, 'server-error', /failed while logging in agent1/);
  });

  it('says an address that is not an ICWS server is one', async () => {
    expectProblem(await failedLogin({ server: `${simulator.url}/not-icws` }), simulator.url, 'not-icws', /does not answer as an ICWS server/);
  });

  it('says a server that does not answer did not answer in time', async () => {
    await control(simulator, 'POST', '/simulator/faults', { loseResponse: { match: 'POST /icws/connection', mode: 'hang', count: 1 } });
    expectProblem(await failedLogin({ server: simulator.url, timeouts: { responseHeaders: 300, total: 600 } }), simulator.url, 'timeout', /did not answer in time/);
  });

  it('says a closed port cannot be reached', async () => {
    const port = await closedPort();
    const server = `http://127.0.0.1:${port}`;
    expectProblem(await failedLogin({ server }), server, 'unreachable', /^127\.0\.0\.1 cannot be reached$/);
  });

  it('maps licence and station refusals by their error ids', () => {
    const licence = IcwsError.fromResponse('logging in as agent1', 400, { errorId: 'error.request.connection.licenseNotAvailable', message: 'No licence.' });
    expectProblem(licence, 'https://cic-dev:8019', 'license', /^cic-dev has no ICWS licence free for agent1$/);
    const station = IcwsError.fromResponse('logging in as agent1', 400, { errorId: '-2147221496', message: 'No station.' });
    expectProblem(station, 'https://cic-dev:8019', 'station', /refused the station for agent1/);
  });

  describe('over TLS', () => {
    let dir: string;
    let tlsSimulator: IcwsSimulator;
    let cert: string;
    before(async () => {
      dir = scratchDir('login-tls');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=cic-sim.test', '-addext', 'subjectAltName=IP:127.0.0.1'], { cwd: dir, stdio: 'pipe' });
      cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      tlsSimulator = await startSimulator({ tls: { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert } });
    });
    after(async () => {
      await tlsSimulator.stop();
      removeScratch(dir);
    });

    it('says an untrusted certificate is not trusted', async () => {
      expectProblem(await failedLogin({ server: tlsSimulator.url }), tlsSimulator.url, 'certificate', /certificate is not trusted/);
    });

    it('says a certificate for another name was issued for another name', async () => {
      const byName = tlsSimulator.url.replace('127.0.0.1', 'localhost');
      expectProblem(await failedLogin({ server: byName, certificateAuthority: cert }), byName, 'host-name', /^localhost's certificate was issued for another name$/);
    });
  });
});

/** A loopback port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
