// The README promises a plain Node script can use the client: run the example as a user would.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { IcwsSimulator } from '../../src/simulator';
import { createCall, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

describe('examples/watch-and-consult.js', () => {
  let simulator: IcwsSimulator;
  before(async () => (simulator = await startSimulator({ timing: { answerDelayMs: 200 } })));
  after(() => simulator.stop());

  it('logs in, watches Support, picks up a ringing call and consult-transfers it to Sales', async function () {
    this.timeout(20_000);
    const script = resolve(__dirname, '../../../examples/watch-and-consult.js');
    const child = spawn(process.execPath, [script, '--server', simulator.url, '--once'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    await waitFor('the script to watch', () => output.includes('watching workgroup Support'), 10_000);
    const id = await createCall(simulator, { to: 'Support', from: '+13175550100', name: 'ACME Corp' });
    const code = await exited;
    assert.equal(code, 0, output);
    assert.match(output, new RegExp(`\\+ ${id} A ACME Corp`));
    assert.match(output, new RegExp(`consult transfer of ${id} to Sales completed`));
    const moved = simulator.callCenter.all().find((i) => i.attributes.get('eic_remotename')?.value === 'ACME Corp');
    assert.ok(moved?.queues.has('2:sales'), 'the caller is now in the Sales queue');
  });
});
