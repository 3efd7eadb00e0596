// Agent status over real HTTP: the simulator's routes (good and bad bodies, rights, gating), the
// client's operations and watched statuses, and status driving ACD routing.
import { strict as assert } from 'node:assert';
import { DEFAULT_ATTRIBUTES, IcwsError, type IcwsSession, QueueType, type UserStatus } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { rawLogin, rawRequest } from '../support/http';
import { control, createCall, loginTo, simulatedState, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

describe('agent status', () => {
  let simulator: IcwsSimulator;
  const sessions: IcwsSession[] = [];
  beforeEach(async () => (simulator = await startSimulator()));
  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.logout().catch(() => undefined);
    await simulator.stop();
  });
  const login = async (userId = 'agent1', options = {}) => {
    const session = await loginTo(simulator, userId, options);
    sessions.push(session);
    return session;
  };

  describe('simulator routes', () => {
    it('lists status messages with the contract properties, and answers a status PUT with 202 and a requestId', async () => {
      const { sessionId, csrfToken, cookie } = await rawLogin(simulator.url);
      const headers = { 'ININ-ICWS-CSRF-Token': csrfToken, cookie, 'content-type': 'application/vnd.inin.icws+JSON' };
      const list = await rawRequest(`${simulator.url}/icws/${sessionId}/status/status-messages`, { headers });
      assert.equal(list.status, 200);
      const available = list.json.statusMessageList.find((m: { statusId: string }) => m.statusId === 'Available');
      for (const property of ['statusId', 'messageText', 'iconUri', 'groupTag', 'canHaveDate', 'canHaveTime', 'isDoNotDisturbStatus', 'isSelectableStatus', 'isPersistentStatus', 'isForwardStatus', 'isAfterCallWorkStatus', 'isAcdStatus', 'isAllowFollowUpStatus', 'systemId']) assert.ok(property in available, property);
      assert.equal(available.isAcdStatus, true);
      const put = await rawRequest(`${simulator.url}/icws/${sessionId}/status/user-statuses/agent1`, { method: 'PUT', headers, body: JSON.stringify({ statusId: 'At Lunch', notes: 'back at 1' }) });
      assert.equal(put.status, 202);
      assert.equal(typeof put.json.requestId, 'string');
      const read = await rawRequest(`${simulator.url}/icws/${sessionId}/status/user-statuses/agent1`, { headers });
      assert.equal(read.json.statusId, 'At Lunch');
      assert.equal(read.json.notes, 'back at 1');
      assert.equal(read.json.loggedIn, true);
    });

    it('answers bad bodies with 400 naming the property, another agent with 403, an unknown user with 404', async () => {
      const { sessionId, csrfToken, cookie } = await rawLogin(simulator.url);
      const headers = { 'ININ-ICWS-CSRF-Token': csrfToken, cookie };
      const put = (userId: string, body: unknown) => rawRequest(`${simulator.url}/icws/${sessionId}/status/user-statuses/${userId}`, { method: 'PUT', headers, body: JSON.stringify(body) });
      const missing = await put('agent1', {});
      assert.equal(missing.status, 400);
      assert.equal(missing.json.propertyName, 'statusId');
      const wrongType = await put('agent1', { statusId: 7 });
      assert.equal(wrongType.status, 400);
      assert.equal(wrongType.json.propertyName, 'statusId');
      const unknown = await put('agent1', { statusId: 'Napping' });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.errorId, 'error.request.status.invalidStatusId');
      const notSelectable = await put('agent1', { statusId: 'ACD - Agent Not Answering' });
      assert.equal(notSelectable.status, 400);
      assert.equal((await put('agent1', { statusId: 'Available', notes: 5 })).json.propertyName, 'notes');
      assert.equal((await put('agent2', { statusId: 'At Lunch' })).status, 403);
      assert.equal((await put('nobody', { statusId: 'At Lunch' })).status, 404);
      const subscription = await rawRequest(`${simulator.url}/icws/${sessionId}/messaging/subscriptions/status/user-statuses`, { method: 'PUT', headers, body: JSON.stringify({ userIds: [] }) });
      assert.equal(subscription.status, 400);
      assert.equal(subscription.json.propertyName, 'userIds');
    });

    it('lets a supervisor set another user status', async () => {
      const supervisor = await login('supervisor');
      await supervisor.status.setUserStatus('agent2', { statusId: 'Do Not Disturb' });
      assert.equal((await supervisor.status.userStatus('agent2')).statusId, 'Do Not Disturb');
    });
  });

  describe('client', () => {
    it('reads the status messages once, sets my status, and hears the change through userStatusMessage', async () => {
      const session = await login();
      session.messages.start();
      const changes: UserStatus[][] = [];
      session.status.onDidChange((statuses) => changes.push(statuses));
      await session.status.watch(['agent1', 'agent2']);
      await waitFor('the snapshot', () => session.status.current('agent2'));
      const messages = await session.status.statusMessages();
      assert.ok(messages.some((m) => m.statusId === 'Available' && m.isAcdStatus));
      assert.equal(await session.status.statusMessages(), messages, 'cached');
      await session.status.setUserStatus('agent1', { statusId: 'Away from desk' });
      await waitFor('my new status', () => session.status.current('agent1')?.statusId === 'Away from desk');
      assert.equal(simulator.requestCounts.get('PUT /icws/{sessionId}/status/user-statuses/{userId}'), 1, 'sent once');
      assert.ok(changes.some((batch) => batch.some((s) => s.userId === 'agent1' && s.statusId === 'Away from desk')));
    });

    it('watches again after a gap, backing off through failures, and hears changes after', async () => {
      const session = await login();
      session.messages.start();
      await session.status.watch(['agent2']);
      await waitFor('the snapshot', () => session.status.current('agent2'));
      const fault = await control(simulator, 'POST', '/simulator/faults', { fail: { match: 'subscriptions/status', status: 500, count: 2 }, dropStreams: true });
      assert.equal(fault.status, 200);
      await waitFor('the failing watches used up', () => simulator.faults.describe().fail.length === 0, 8_000);
      const supervisor = await login('supervisor');
      await supervisor.status.setUserStatus('agent2', { statusId: 'Gone Home' });
      await waitFor('the change heard after the gap', () => session.status.current('agent2')?.statusId === 'Gone Home', 8_000);
    });

    it('checks the input and the feature before sending anything', async () => {
      const old = await loginTo(simulator, 'agent1');
      sessions.push(old);
      await assert.rejects(old.status.setUserStatus('agent1', { statusId: ' ' }), (e: IcwsError) => e.kind === 'invalid-argument');
      await simulator.stop();
      simulator = await startSimulator({ features: { status: 0 } });
      const noStatus = await login();
      assert.equal(noStatus.status.isSupported, false);
      await assert.rejects(noStatus.status.setUserStatus('agent1', { statusId: 'Available' }), (e: IcwsError) => e.kind === 'unsupported' && /agent status needs ICWS feature "status"/.test(e.message));
      assert.equal(simulator.requestCounts.get('PUT /icws/{sessionId}/status/user-statuses/{userId}'), undefined);
    });
  });

  describe('status icons', () => {
    it("fetches a status icon with the session from the session's own server, and refuses any other origin", async () => {
      const session = await login();
      const available = (await session.status.statusMessages()).find((m) => m.statusId === 'Available')!;
      const icon = await session.http.fetchBytes(available.iconUri, 'reading a status icon');
      assert.equal(icon.contentType, 'image/svg+xml');
      assert.match(icon.bytes.toString('utf8'), /^<svg /);
      await assert.rejects(session.http.fetchBytes('http://icons.icws-test.invalid/icon.png', 'reading a status icon'), (e: IcwsError) => e.kind === 'invalid-argument' && /nothing was sent/.test(e.message));
    });
  });

  describe('routing', () => {
    it('alerts only agents in an ACD status, and offers a waiting call once one becomes Available', async () => {
      const agent1 = await login('agent1');
      const agent2 = await login('agent2');
      await agent1.status.setUserStatus('agent1', { statusId: 'At Lunch' });
      await agent2.status.setUserStatus('agent2', { statusId: 'Available, No ACD' });
      agent1.messages.start();
      await agent1.queues.subscribe({ subscriptionId: 'mine', queues: [{ queueType: QueueType.User, queueName: 'agent1' }], attributeNames: [...DEFAULT_ATTRIBUTES] });
      const id = await createCall(simulator, { to: 'Support', name: 'Waiting Caller' });
      assert.equal(simulatedState(simulator, id), 'O', 'nobody is available: the call waits in the queue');
      assert.equal(simulator.callCenter.find(id)?.owner, undefined);
      await agent1.status.setUserStatus('agent1', { statusId: 'Available' });
      await waitFor('the call alerting agent1', () => agent1.queues.cache.get('mine', id));
      assert.equal(simulatedState(simulator, id), 'A');
    });
  });
});
