// Certificate checks stay on: a server signed by an internal CA works only with that CA given,
// and a certificate for another name is refused with a message that says what to do.
import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IcwsError, IcwsSession, isCertificateRefusal } from '../../src/icws';
import { withCertificateSetting } from '../../src/vscode/session/certificateSetting';
import type { IcwsSimulator } from '../../src/simulator';
import { removeScratch, scratchDir } from '../support/scratch';
import { startSimulator } from '../support/simulator';

/** A throwaway CA and a server certificate for 127.0.0.1 and cic-sim.test (not "localhost"). */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=ICWS Test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=cic-sim.test');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:cic-sim.test\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return { ca: read('ca.pem'), key: read('server.key'), cert: read('server.pem') };
}

describe('TLS and certificate authorities', function () {
  this.timeout(20_000);
  let dir: string;
  let pems: { ca: string; key: string; cert: string };
  let simulator: IcwsSimulator;
  before(async () => {
    dir = scratchDir('tls');
    pems = makeCertificates(dir);
    simulator = await startSimulator({ tls: { key: pems.key, cert: pems.cert } });
  });
  after(async () => {
    await simulator.stop();
    removeScratch(dir);
  });

  it('refuses a server signed by an unknown CA, and asks for its CA certificate without naming a setting', async () => {
    await assert.rejects(IcwsSession.login({ server: simulator.url }, { userId: 'agent1', password: '1234' }), (error: IcwsError) => {
      assert.equal(error.kind, 'network');
      assert.match(error.message, /certificate was refused/);
      assert.match(error.message, /give that CA's certificate/);
      // The transport knows no settings; the extension names its own where it shows the error.
      assert.doesNotMatch(error.message, /icws\./);
      assert.ok(isCertificateRefusal(error));
      const shown = withCertificateSetting(error) as IcwsError;
      assert.equal(shown.kind, 'network');
      assert.equal(shown.message, `${error.message}. In VS Code, set "icws.certificateAuthorityFile" to that PEM file`);
      return true;
    });
  });

  it('logs in over HTTPS when the internal CA is given', async () => {
    const session = await IcwsSession.login({ server: simulator.url, certificateAuthority: pems.ca }, { userId: 'agent1', password: '1234' });
    assert.match(session.server, /^https:/);
    await session.logout();
  });

  it('refuses a certificate issued for another name, and says which name to use', async () => {
    const byName = simulator.url.replace('127.0.0.1', 'localhost');
    await assert.rejects(IcwsSession.login({ server: byName, certificateAuthority: pems.ca }, { userId: 'agent1', password: '1234' }), (error: IcwsError) => /connect with the name the certificate was issued for/.test(error.message));
  });

  it('keeps https for an alternate host, whatever the entry says', async () => {
    const plain = await startSimulator();
    const partner = await startSimulator({ tls: { key: pems.key, cert: pems.cert } });
    const inactive = await startSimulator({ tls: { key: pems.key, cert: pems.cert } });
    try {
      const plainHost = new URL(plain.url).host;
      const partnerHost = new URL(partner.url).host;
      // Set directly: the control API of a TLS simulator needs the test CA, which fetch cannot take.
      inactive.config.acceptSessions = false;
      inactive.config.alternateHosts = [`http://${plainHost}`, `https://${plainHost}`, partnerHost];
      const exchanges: string[] = [];
      const session = await IcwsSession.login({ server: inactive.url, certificateAuthority: pems.ca, onExchange: (exchange) => exchanges.push(exchange.url) }, { userId: 'agent1', password: '1234' });
      assert.equal(session.server, partner.url);
      assert.equal(plain.requestsServed, 0, 'the password went to the plain-HTTP server');
      for (const url of exchanges) assert.match(url, /^https:/);
      await session.logout();
    } finally {
      await Promise.all([plain.stop(), partner.stop(), inactive.stop()]);
    }
  });

  it('adds the internal CA to what is trusted already, instead of replacing it', async () => {
    // "Trusted already" here: a second CA given to Node by NODE_EXTRA_CA_CERTS, as an OS store would be.
    const otherDir = scratchDir('tls-other');
    const other = makeCertificates(otherDir);
    const otherServer = await startSimulator({ tls: { key: other.key, cert: other.cert } });
    try {
      const script = `require(${JSON.stringify(join(__dirname, '../../../dist/icws.js'))}).IcwsSession.login({ server: process.argv[1], certificateAuthority: process.argv[2] }, { userId: 'agent1', password: '1234' }).then((s) => s.logout()).then(() => console.log('logged in'), (e) => console.log(e.message))`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, otherServer.url, pems.ca], { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(otherDir, 'ca.pem') } });
      assert.equal(stdout.trim(), 'logged in');
    } finally {
      await otherServer.stop();
      removeScratch(otherDir);
    }
  });
});
