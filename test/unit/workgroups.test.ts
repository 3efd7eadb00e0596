// The workgroup list a consult or transfer to a queue offers: the client reads the server's list.
import { strict as assert } from 'node:assert';
import { IcwsError, listWorkgroups } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { workgroupChoices } from '../../src/vscode/commands/workgroupChoices';
import { control, loginTo, startSimulator } from '../support/simulator';

describe('workgroups', function () {
  this.timeout(15_000);
  let simulator: IcwsSimulator;
  before(async () => {
    simulator = await startSimulator({
      directory: {
        users: [{ userId: 'agent1', displayName: 'Agent One', password: '1234', extension: '7001' }],
        workgroups: [
          { name: 'Support', members: ['agent1'] },
          { name: 'Billing', members: [] },
          { name: 'Sales [East]', members: [] },
        ],
      },
    });
  });
  after(() => simulator.stop());

  it('lists the server’s workgroups by name, sorted', async () => {
    const session = await loginTo(simulator);
    try {
      assert.deepEqual(await listWorkgroups(session.http), ['Billing', 'Sales [East]', 'Support']);
      assert.equal(simulator.requestCounts.get('GET /icws/{sessionId}/configuration/workgroups'), 1);
    } finally {
      await session.logout();
    }
  });

  it('fails in the server’s words when the list is refused', async () => {
    const session = await loginTo(simulator);
    try {
      await control(simulator, 'POST', '/simulator/faults', { fail: { match: 'configuration/workgroups', status: 500, count: 1 } });
      await assert.rejects(listWorkgroups(session.http), (error: IcwsError) => error.status === 500 && /listing the workgroups failed/.test(error.message));
    } finally {
      await control(simulator, 'DELETE', '/simulator/faults');
      await session.logout();
    }
  });

  it('offers the listed names, and a typed name that is not listed first (free text stays allowed)', async () => {
    const session = await loginTo(simulator);
    try {
      const names = await listWorkgroups(session.http);
      assert.deepEqual(workgroupChoices(names, '').map((choice) => choice.name), ['Billing', 'Sales [East]', 'Support']);
      // A listed name (any case) adds nothing; the server's spelling is what is sent.
      assert.deepEqual(workgroupChoices(names, 'support').map((choice) => choice.name), names);
      const typed = workgroupChoices(names, '  Escalations ');
      assert.equal(typed[0]?.name, 'Escalations');
      assert.equal(typed[0]?.alwaysShow, true);
      assert.equal(typed[0]?.problem, undefined);
      assert.equal(typed.length, names.length + 1);
      assert.match(workgroupChoices(names, 'x'.repeat(300))[0]?.problem ?? '', /too long/);
      // A name is the server's text: its label cannot carry an icon.
      assert.equal(workgroupChoices(['$(alert) Urgent'], '')[0]?.label.startsWith('$('), false);
    } finally {
      await session.logout();
    }
  });
});
