import { strict as assert } from 'node:assert';
import { Coalescer } from '../../src/icws';
import { waitFor } from '../support/waitFor';

describe('Coalescer', () => {
  it('delivers what a window gathered once, at its end, then starts a new batch', async () => {
    const delivered: { at: number; batch: number[] }[] = [];
    const coalescer = new Coalescer<number[]>(50, () => [], (batch) => delivered.push({ at: performance.now(), batch }));
    const opened = performance.now();
    for (let i = 0; i < 5; i++) coalescer.add((batch) => batch.push(i));
    await waitFor('a delivery', () => delivered.length === 1);
    assert.deepEqual(delivered[0]!.batch, [0, 1, 2, 3, 4]);
    assert.ok(delivered[0]!.at - opened >= 49, 'not before the window ends');
    coalescer.add((batch) => batch.push(5));
    await waitFor('a second delivery', () => delivered.length === 2);
    assert.deepEqual(delivered[1]!.batch, [5]);
    coalescer.dispose();
  });

  it('delivers now on flush; a discarded batch still ends its window, empty; dispose delivers nothing', async () => {
    const delivered: number[][] = [];
    const coalescer = new Coalescer<number[]>(30, () => [], (batch) => delivered.push(batch));
    coalescer.add((batch) => batch.push(1));
    coalescer.flush();
    assert.deepEqual(delivered, [[1]]);
    coalescer.add((batch) => batch.push(2));
    coalescer.discard();
    await waitFor('the window to end', () => delivered.length === 2);
    assert.deepEqual(delivered[1], []);
    coalescer.add((batch) => batch.push(3));
    coalescer.dispose();
    // A later window shows the disposed one delivered nothing.
    const after = new Coalescer<number[]>(40, () => [], (batch) => delivered.push(batch));
    after.add((batch) => batch.push(4));
    await waitFor('the later delivery', () => delivered.length === 3);
    assert.deepEqual(delivered[2], [4]);
  });
});
