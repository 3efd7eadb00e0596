// The ICWS operation catalog (issue 15): matching paths to operations, checking bodies against
// contracts, and the simulator naming an operation it does not implement (501, not 404).
import { strict as assert } from 'node:assert';
import { IcwsError } from '../../src/icws';
import { loadCatalog } from '../../src/icws/catalog';
import type { IcwsSimulator } from '../../src/simulator';
import { loginTo, startSimulator } from '../support/simulator';

describe('ICWS catalog', () => {
  const catalog = loadCatalog();

  it('holds every operation of the API, with its contracts', () => {
    assert.ok(catalog.operations.length > 800, `${catalog.operations.length} operations`);
    const consult = catalog.match('POST', '/icws/{sessionId}/interactions/1001234567/consult');
    assert.equal(consult?.operation.name, 'consult');
    assert.deepEqual(consult?.params, { sessionId: '{sessionId}', interactionId: '1001234567' });
    const parameters = catalog.contract(consult!.operation.request!);
    assert.deepEqual(parameters?.properties.map((p) => p.name), ['target', 'queueID', 'callMadeStage', 'additionalAttributes']);
    assert.equal(catalog.match('GET', '/icws/{sessionId}/interactions/1001234567/consult'), undefined, 'no GET on that path');
    assert.ok(catalog.operationsOnPath('/icws/1/interactions/2/consult').some((op) => op.method === 'POST'));
  });

  it('prefers a literal segment to a {name} one', () => {
    assert.equal(catalog.match('POST', '/icws/1/interactions/conferences')?.operation.template, '/icws/{sessionId}/interactions/conferences');
  });

  it('checks a body: unknown and missing properties, wrong types, enum values', () => {
    const consult = catalog.match('POST', '/icws/1/interactions/2/consult')!.operation;
    assert.deepEqual(catalog.checkBody(consult.request!, { target: '7002' }), []);
    const problems = catalog.checkBody(consult.request!, { target: 7002, queueId: {}, queueID: { queueType: 9, queueName: 'Sales' }, additionalAttributes: { a: 1 } });
    const messages = problems.map((p) => `${p.path}: ${p.message}`);
    assert.ok(messages.includes('target: target should be a string'), messages.join('\n'));
    assert.ok(messages.includes('queueId: CreateConsultParameters has no property "queueId"'), messages.join('\n'));
    assert.ok(messages.some((m) => /^queueID\.queueType: .*should be one of QueueType: .*2 \(Workgroup\)/.test(m)), messages.join('\n'));
    assert.ok(messages.includes('additionalAttributes.a: additionalAttributes.a should be a string'), messages.join('\n'));
    const status = catalog.match('PUT', '/icws/1/status/user-statuses/agent1')!.operation;
    assert.ok(catalog.checkBody(status.request!, {}).some((p) => /requires "statusId"/.test(p.message)));
  });

  describe('the simulator names what it does not implement', () => {
    let simulator: IcwsSimulator;
    before(async () => (simulator = await startSimulator()));
    after(() => simulator.stop());

    it('answers 501 naming the operation for a real ICWS path, and 404 for a wrong one', async () => {
      const session = await loginTo(simulator);
      const notSimulated = await session.http.request({ method: 'GET', template: '/icws/{sessionId}/directories', operation: 'directories' }).catch((e: unknown) => e);
      assert.ok(notSimulated instanceof IcwsError);
      assert.equal(notSimulated.status, 501);
      assert.match(notSimulated.message, /does not implement Directories getDirectories \(GET \/icws\/\{sessionId\}\/directories\)/);
      const wrong = await session.http.request({ method: 'GET', template: '/icws/{sessionId}/no-such-thing', operation: 'nothing' }).catch((e: unknown) => e);
      assert.ok(wrong instanceof IcwsError);
      assert.equal(wrong.status, 404);
      await session.logout();
    });
  });
});
