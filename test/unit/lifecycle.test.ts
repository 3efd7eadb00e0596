// The Disposable base and the live-session forwarder, in plain Node: what a consumer subscribes
// through them is released exactly once, and a session that left is heard by nobody.
import { strict as assert } from 'node:assert';
import { DisposableOwner, DisposableStore, Emitter, type IcwsSession, QueueType, toDisposable } from '../../src/icws';
import type { IcwsSimulator } from '../../src/simulator';
import { LiveSessions } from '../../src/vscode/session/LiveSessions';
import { createCall, loginTo, startSimulator } from '../support/simulator';
import { waitFor } from '../support/waitFor';

class Owner extends DisposableOwner {
  add<T extends { dispose(): void }>(child: T): T {
    return this.register(child);
  }
}

describe('DisposableOwner', () => {
  it('disposes its children once, the last registered first', () => {
    const released: string[] = [];
    const owner = new Owner();
    for (const name of ['emitter', 'listener', 'timer']) owner.add(toDisposable(() => released.push(name)));
    assert.equal(owner.isDisposed, false);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(released, ['timer', 'listener', 'emitter']);
    assert.equal(owner.isDisposed, true);
  });

  it('releases a child registered after disposal at once', () => {
    const owner = new Owner();
    owner.dispose();
    let released = 0;
    const child = owner.add(toDisposable(() => released++));
    assert.equal(released, 1);
    child.dispose();
    assert.equal(released, 1, 'toDisposable releases once');
  });

  it('disposes the other children when one throws', () => {
    const store = new DisposableStore();
    const released: number[] = [];
    store.add(toDisposable(() => released.push(1)));
    store.add(toDisposable(() => {
      throw new Error('boom');
    }));
    store.add(toDisposable(() => released.push(3)));
    const error = console.error;
    console.error = () => undefined;
    try {
      store.dispose();
    } finally {
      console.error = error;
    }
    assert.deepEqual(released, [3, 1]);
  });

  it('detaches a listener it owns from the emitter', () => {
    const emitter = new Emitter<number>();
    const owner = new Owner();
    const heard: number[] = [];
    owner.add(emitter.event((value) => heard.push(value)));
    emitter.fire(1);
    owner.dispose();
    emitter.fire(2);
    assert.deepEqual(heard, [1]);
    assert.equal(emitter.hasListeners, false);
  });
});

/** A session as far as the forwarder cares: something with events. */
class FakeSession {
  readonly said = new Emitter<string>();
  constructor(readonly name: string) {}
}

describe('LiveSessions', () => {
  it('forwards every live session’s event with its session, attaching as sessions come', () => {
    const live = new LiveSessions<FakeSession>();
    const a = new FakeSession('a');
    const b = new FakeSession('b');
    live.add(a);
    const heard: string[] = [];
    const subscription = live.forward((session) => session.said.event)(({ session, value }) => heard.push(`${session.name}:${value}`));
    live.add(b);
    a.said.fire('1');
    b.said.fire('2');
    assert.deepEqual(heard, ['a:1', 'b:2']);
    assert.deepEqual(live.sessions, [a, b]);
    subscription.dispose();
    a.said.fire('3');
    assert.deepEqual(heard, ['a:1', 'b:2']);
    assert.equal(a.said.hasListeners || b.said.hasListeners, false, 'a disposed subscription leaves no listener');
    live.dispose();
  });

  it('detaches from a session that leaves before announcing it, and releases what was tracked for it', () => {
    const live = new LiveSessions<FakeSession>();
    const a = new FakeSession('a');
    const own = new Emitter<void>();
    const heard: string[] = [];
    live.forward((session) => session.said.event)(({ value }) => heard.push(value));
    const stillAttachedWhenRemoved: boolean[] = [];
    live.onDidRemoveSession((session) => stillAttachedWhenRemoved.push(session.said.hasListeners));
    live.add(a, [own.event(() => undefined)]);
    live.track(a, a.said.event(() => undefined));
    assert.equal(own.hasListeners, true);
    live.remove(a);
    assert.deepEqual(stillAttachedWhenRemoved, [false]);
    assert.equal(own.hasListeners, false, 'what the session was added with is released');
    a.said.fire('late');
    assert.deepEqual(heard, []);
    assert.deepEqual(live.sessions, []);
    // Tracking for a session that is not live releases at once.
    live.track(a, a.said.event(() => undefined));
    assert.equal(a.said.hasListeners, false);
    live.dispose();
  });

  it('releases every live session’s listeners when disposed', () => {
    const live = new LiveSessions<FakeSession>();
    const sessions = [new FakeSession('a'), new FakeSession('b')];
    live.forward((session) => session.said.event)(() => undefined);
    for (const session of sessions) live.add(session, [session.said.event(() => undefined)]);
    live.dispose();
    assert.ok(sessions.every((session) => !session.said.hasListeners));
    live.add(new FakeSession('after'));
    assert.deepEqual(live.sessions, []);
  });

  describe('over two sessions on the simulator', () => {
    let simulator: IcwsSimulator;
    let sessions: IcwsSession[];

    before(async () => {
      simulator = await startSimulator();
      sessions = [await loginTo(simulator, 'agent1'), await loginTo(simulator, 'agent2')];
      for (const session of sessions) session.messages.start();
    });
    after(async () => {
      for (const session of sessions) await session.logout().catch(() => undefined);
      await simulator.stop();
    });

    it('tells which session a queue change came from, and hears nothing from one that left', async () => {
      const live = new LiveSessions<IcwsSession>();
      const changes: { userId: string; added: number }[] = [];
      live.forward((session) => session.queues.cache.onDidChange)(({ session, value }) => changes.push({ userId: session.identity.userId, added: value.added.length }));
      for (const session of sessions) live.add(session);
      for (const session of sessions) {
        const userId = session.identity.userId;
        await session.queues.subscribe({ subscriptionId: `mine-${userId}`, queues: [{ queueType: QueueType.User, queueName: userId }], attributeNames: ['Eic_State'] });
      }
      await createCall(simulator, { to: 'agent2' });
      await waitFor('agent2’s new call', () => changes.some((change) => change.userId === 'agent2' && change.added === 1));
      assert.ok(!changes.some((change) => change.userId === 'agent1' && change.added > 0), 'agent1 saw no call');
      live.remove(sessions[1]!);
      const heardBefore = changes.length;
      await createCall(simulator, { to: 'agent2' });
      await waitFor('the cache of the removed session to have the call', () => sessions[1]!.queues.cache.size(`mine-agent2`) === 2);
      assert.equal(changes.length, heardBefore, 'nothing from a removed session');
      await createCall(simulator, { to: 'agent1' });
      await waitFor('agent1’s call, still forwarded', () => changes.some((change) => change.userId === 'agent1' && change.added === 1));
      live.dispose();
    });
  });
});
