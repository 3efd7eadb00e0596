// Thousands of random and mutated messages through the parser and the cache. Invariants: nothing
// throws, and the cache always equals a plain reference model of the ICWS rules.
import { strict as assert } from 'node:assert';
import { decodeMessage, QueueCache } from '../../src/icws';
import { seededRandom } from '../../src/simulator/DemoTraffic';

type Model = Map<string, Map<string, Record<string, string>>>;

/** The rules, written as plainly as possible, for comparison. */
function applyToModel(model: Model, message: { subscriptionId: string; isDelta: boolean; interactionsAdded?: { interactionId: string; attributes: Record<string, string> }[]; interactionsChanged?: { interactionId: string; attributes: Record<string, string> }[]; interactionsRemoved?: string[] }): void {
  const items = message.isDelta ? (model.get(message.subscriptionId) ?? new Map()) : new Map<string, Record<string, string>>();
  model.set(message.subscriptionId, items);
  const lower = (attributes: Record<string, string>) => {
    const out = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(attributes)) out[k.toLowerCase()] = v;
    return out;
  };
  for (const added of message.interactionsAdded ?? []) items.set(added.interactionId, lower(added.attributes));
  for (const changed of message.interactionsChanged ?? []) {
    const item = items.get(changed.interactionId);
    if (item) for (const [k, v] of Object.entries(lower(changed.attributes))) item[k] = v;
    else if (!message.isDelta) items.set(changed.interactionId, lower(changed.attributes));
  }
  for (const id of message.interactionsRemoved ?? []) items.delete(id);
}

const TYPES = ['urn:inin.com:queues:queueContentsMessage', 'urn:inin.com:interactions:interactionMorphedMessage', 'urn:inin.com:connection:connectionStateChangeMessage', 'urn:inin.com:queues:queueSubscriptionStateMessage', 'urn:inin.com:other:message', '', 7];
const NAMES = ['Eic_State', 'EIC_STATE', 'eic_remotename', 'Eic_RemoteName', 'Custom', '__proto__', 'constructor', 'toString'];

function generator(seed: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]) => items[int(items.length)]!;
  const id = () => String(1_001_234_500 + int(40));
  const junk = (): unknown => pick([null, undefined, 3, -1.5, true, 'x', '', [], {}, [1, 'a'], { interactionId: 5 }, 'urn:inin.com:queues:queueContentsMessage']);
  const attributes = () => {
    const out: Record<string, unknown> = {};
    for (let i = int(4); i > 0; i--) out[pick(NAMES)] = random() < 0.9 ? pick(['A', 'C', 'H', 'I', '', 'ACME']) : junk();
    return random() < 0.95 ? out : junk();
  };
  const item = () => (random() < 0.93 ? { interactionId: random() < 0.97 ? id() : junk(), attributes: attributes() } : junk());
  const list = <T>(make: () => T) => (random() < 0.9 ? Array.from({ length: int(5) }, make) : junk());
  return (): unknown => {
    if (random() < 0.05) return junk();
    const type = random() < 0.8 ? TYPES[0] : pick(TYPES);
    const message: Record<string, unknown> = { __type: type, isDelta: random() < 0.8 ? true : random() < 0.5 ? false : junk(), subscriptionId: random() < 0.95 ? pick(['a', 'b']) : junk() };
    if (random() < 0.6) message.interactionsAdded = list(item);
    if (random() < 0.6) message.interactionsChanged = list(item);
    if (random() < 0.5) message.interactionsRemoved = list(() => (random() < 0.95 ? id() : junk()));
    if (type === TYPES[1]) Object.assign(message, { interactionID: random() < 0.9 ? id() : junk(), newInteractionID: id() });
    if (random() < 0.05) delete message.__type;
    if (random() < 0.02) message.interactionsAdded = Array.from({ length: 2_000 }, item); // a huge one
    return message;
  };
}

function cacheAsModel(cache: QueueCache): Model {
  const model: Model = new Map();
  for (const subscriptionId of cache.subscriptionIds()) {
    model.set(subscriptionId, new Map(cache.interactions(subscriptionId).map((item) => [item.id, item.attributes as Record<string, string>])));
  }
  return model;
}

describe('fuzz: message parser and queue cache', () => {
  for (const seed of [1, 2, 3]) {
    it(`applies 4,000 random and mutated messages (seed ${seed}) exactly like the reference model`, () => {
      const next = generator(seed);
      const cache = new QueueCache();
      const model: Model = new Map();
      let applied = 0;
      for (let i = 0; i < 4_000; i++) {
        const raw = next();
        // Round-trip through JSON, as messages arrive on the wire.
        const wire = raw === undefined ? undefined : JSON.parse(JSON.stringify(raw));
        const decoded = decodeMessage(wire);
        if (decoded.kind === 'queueContents') {
          const change = cache.apply(decoded.message);
          applyToModel(model, decoded.message);
          applied++;
          const removed = new Set(change.removed);
          assert.ok(!change.added.some((id) => removed.has(id)), 'an id both added and removed');
          for (const id of [...change.added, ...change.changed]) assert.ok(cache.get(change.subscriptionId, id), `reported ${id} that is not cached`);
          for (const id of change.removed) assert.equal(cache.get(change.subscriptionId, id), undefined);
        } else if (decoded.kind === 'morphed') {
          cache.applyMorph(decoded.message);
        }
        for (const subscriptionId of cache.subscriptionIds()) {
          for (const item of cache.interactions(subscriptionId)) {
            assert.equal(typeof item.id, 'string');
            for (const value of Object.values(item.attributes)) assert.equal(typeof value, 'string');
          }
        }
      }
      assert.ok(applied > 2_000, `only ${applied} queue messages applied`);
      assert.deepEqual(cacheAsModel(cache), model);
    });
  }

  it('follows morph chains without looping', () => {
    const cache = new QueueCache();
    const morph = (from: string, to: string) => cache.applyMorph({ __type: 'urn:inin.com:interactions:interactionMorphedMessage', isDelta: false, interactionID: from, newInteractionID: to });
    morph('1', '2');
    morph('2', '3');
    morph('3', '1');
    assert.ok(['1', '2', '3'].includes(cache.currentId('1')));
  });
});
