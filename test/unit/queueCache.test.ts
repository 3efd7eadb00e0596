import { strict as assert } from 'node:assert';
import { attribute, decodeMessage, QueueCache, type QueueContentsMessage } from '../../src/icws';

// Fixtures follow the ICWS queue message examples (docs/protocol.md), not the simulator's output.
const SNAPSHOT = {
  __type: 'urn:inin.com:queues:queueContentsMessage',
  isDelta: false,
  subscriptionId: 'my-queue',
  interactionsAdded: [
    {
      interactionId: '1001234567',
      attributes: { Eic_State: 'A', Eic_CallDirection: 'I', Eic_ObjectType: 'Call', Eic_RemoteName: 'ACME Corp', Eic_RemoteAddress: '+13175550100', Eic_CallIdKey: '100123456720240611' },
    },
  ],
};
const HELD = { __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'my-queue', interactionsChanged: [{ interactionId: '1001234567', attributes: { Eic_State: 'H' } }] };
const REMOVED = { __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 'my-queue', interactionsRemoved: ['1001234567'] };

function queueMessage(raw: unknown): QueueContentsMessage {
  const decoded = decodeMessage(raw);
  assert.equal(decoded.kind, 'queueContents');
  return (decoded as { message: QueueContentsMessage }).message;
}

describe('QueueCache', () => {
  it('fills a subscription from a snapshot', () => {
    const cache = new QueueCache();
    const change = cache.apply(queueMessage(SNAPSHOT));
    assert.deepEqual({ ...change, message: undefined }, { subscriptionId: 'my-queue', replaced: true, added: ['1001234567'], changed: [], removed: [], message: undefined });
    assert.equal(attribute(cache.get('my-queue', '1001234567'), 'Eic_RemoteName'), 'ACME Corp');
  });

  it('applies a delta without dropping unchanged attributes', () => {
    const cache = new QueueCache();
    cache.apply(queueMessage(SNAPSHOT));
    const change = cache.apply(queueMessage(HELD));
    assert.deepEqual(change.changed, ['1001234567']);
    const item = cache.get('my-queue', '1001234567');
    assert.equal(attribute(item, 'Eic_State'), 'H');
    assert.equal(attribute(item, 'Eic_RemoteName'), 'ACME Corp');
    assert.equal(attribute(item, 'Eic_CallIdKey'), '100123456720240611');
  });

  it('removes interactions named in interactionsRemoved', () => {
    const cache = new QueueCache();
    cache.apply(queueMessage(SNAPSHOT));
    const change = cache.apply(queueMessage(REMOVED));
    assert.deepEqual(change.removed, ['1001234567']);
    assert.equal(cache.size('my-queue'), 0);
  });

  it('replaces the whole subscription on a later snapshot and reports what left', () => {
    const cache = new QueueCache();
    cache.apply(queueMessage(SNAPSHOT));
    const change = cache.apply(queueMessage({ ...SNAPSHOT, interactionsAdded: [{ interactionId: '1001234599', attributes: { Eic_State: 'O' } }] }));
    assert.deepEqual({ ...change, message: undefined }, { subscriptionId: 'my-queue', replaced: true, added: ['1001234599'], changed: [], removed: ['1001234567'], message: undefined });
    assert.equal(cache.get('my-queue', '1001234567'), undefined);
  });

  it('reports an interaction present before and after a snapshot as changed, not added', () => {
    const cache = new QueueCache();
    cache.apply(queueMessage(SNAPSHOT));
    const change = cache.apply(queueMessage(SNAPSHOT));
    assert.deepEqual([change.added, change.changed, change.removed], [[], ['1001234567'], []]);
  });

  it('ignores changes and removals of interactions it never saw (no phantom rows)', () => {
    const cache = new QueueCache();
    cache.apply(queueMessage(SNAPSHOT));
    const change = cache.apply(queueMessage({ ...HELD, interactionsChanged: [{ interactionId: '999', attributes: { Eic_State: 'C' } }], interactionsRemoved: ['998'] }));
    assert.deepEqual([change.added, change.changed, change.removed], [[], [], []]);
    assert.equal(cache.size('my-queue'), 1);
  });

  it('treats attribute names case-insensitively and keeps the server spelling for display', () => {
    const cache = new QueueCache();
    cache.apply(queueMessage(SNAPSHOT));
    cache.apply(queueMessage({ ...HELD, interactionsChanged: [{ interactionId: '1001234567', attributes: { EIC_STATE: 'C' } }] }));
    const item = cache.get('my-queue', '1001234567')!;
    assert.equal(attribute(item, 'eic_state'), 'C');
    assert.equal(Object.keys(item.attributes).filter((name) => name === 'eic_state').length, 1);
    assert.equal(cache.attributesForDisplay(item).Eic_State, 'C');
  });

  it('processes added, then changed, then removed within one message', () => {
    const cache = new QueueCache();
    cache.apply(queueMessage(SNAPSHOT));
    const change = cache.apply(
      queueMessage({
        ...HELD,
        interactionsAdded: [{ interactionId: '2', attributes: { Eic_State: 'A' } }],
        interactionsChanged: [{ interactionId: '2', attributes: { Eic_State: 'C' } }],
        interactionsRemoved: ['1001234567'],
      }),
    );
    assert.deepEqual([change.added, change.changed, change.removed], [['2'], [], ['1001234567']]);
    assert.equal(attribute(cache.get('my-queue', '2'), 'Eic_State'), 'C');
  });

  it('keeps subscriptions apart', () => {
    const cache = new QueueCache();
    cache.apply(queueMessage(SNAPSHOT));
    cache.apply(queueMessage({ ...SNAPSHOT, subscriptionId: 'other', interactionsAdded: [] }));
    assert.equal(cache.size('my-queue'), 1);
    assert.equal(cache.size('other'), 0);
  });

  it('follows an interaction replaced by a morph, and leaves rows to the queue messages', () => {
    const cache = new QueueCache();
    cache.apply(queueMessage(SNAPSHOT));
    const replacements: unknown[] = [];
    cache.onDidMorph((replacement) => replacements.push(replacement));
    const morph = decodeMessage({ __type: 'urn:inin.com:interactions:interactionMorphedMessage', isDelta: false, interactionID: '1001234567', newInteractionID: '1001234590' });
    assert.equal(morph.kind, 'morphed');
    cache.applyMorph((morph as { message: any }).message);
    assert.equal(cache.currentId('1001234567'), '1001234590');
    assert.deepEqual(replacements, [{ from: '1001234567', to: '1001234590' }]);
    // The queue's removal of the old id and addition of the new one then apply as usual.
    cache.apply(queueMessage({ ...REMOVED }));
    assert.equal(cache.find('1001234567'), undefined);
    cache.apply(queueMessage({ ...HELD, interactionsChanged: undefined, interactionsAdded: [{ interactionId: '1001234590', attributes: { Eic_State: 'C' } }] }));
    assert.equal(attribute(cache.find('1001234567'), 'Eic_State'), 'C', 'found through the replacement');
    assert.equal(cache.size('my-queue'), 1);
  });

  it('emits exactly one change event per applied message', () => {
    const cache = new QueueCache();
    let count = 0;
    cache.onDidChange(() => count++);
    cache.apply(queueMessage(SNAPSHOT));
    cache.apply(queueMessage(HELD));
    cache.apply(queueMessage(REMOVED));
    assert.equal(count, 3);
  });
});

describe('decodeMessage', () => {
  it('accepts the lower-case spelling of the morph ids too', () => {
    const decoded = decodeMessage({ __type: 'urn:inin.com:interactions:interactionMorphedMessage', isDelta: false, interactionId: '1', newInteractionId: '2' });
    assert.equal(decoded.kind, 'morphed');
  });

  it('accepts newConnectionState as the integer 2 or the string "down"', () => {
    for (const value of [2, 'down']) {
      const decoded = decodeMessage({ __type: 'urn:inin.com:connection:connectionStateChangeMessage', isDelta: false, previousConnectionState: 1, newConnectionState: value, reason: 'admin' });
      assert.equal(decoded.kind === 'connectionStateChange' && decoded.message.newConnectionState, 2);
    }
  });

  it('flags messages without __type, and passes unknown types on as unknown', () => {
    assert.equal(decodeMessage({ isDelta: true }).kind, 'invalid');
    assert.equal(decodeMessage('text').kind, 'invalid');
    assert.equal(decodeMessage({ __type: 'urn:inin.com:chat:chatContentsMessage', isDelta: true }).kind, 'unknown');
    assert.equal(decodeMessage({ __type: 'urn:inin.com:status:userStatusMessage', isDelta: true }).kind, 'invalid', 'a user status message without its list');
  });

  it('skips malformed items of a queue message and keeps the good ones', () => {
    const decoded = decodeMessage({ ...SNAPSHOT, interactionsAdded: [{ interactionId: 5 }, null, { interactionId: 'ok', attributes: { Eic_State: 'C', n: 3, bad: {} } }], interactionsRemoved: 'x' });
    assert.equal(decoded.kind, 'queueContents');
    if (decoded.kind !== 'queueContents') return;
    assert.equal(decoded.skippedItems, 3);
    const added = decoded.message.interactionsAdded?.map((item) => ({ ...item, attributes: { ...item.attributes } }));
    assert.deepEqual(added, [{ interactionId: 'ok', attributes: { Eic_State: 'C', n: '3' } }]);
  });
});

describe('cache changes', () => {
  it('carry the message applied, so a view can tell what a delta changed', () => {
    const cache = new QueueCache();
    cache.apply({ __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: false, subscriptionId: 's', interactionsAdded: [{ interactionId: '1', attributes: { Eic_State: 'A' } }] });
    const delta: QueueContentsMessage = { __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 's', interactionsChanged: [{ interactionId: '1', attributes: { Eic_State: 'C' } }] };
    assert.equal(cache.apply(delta).message, delta);
  });
});
