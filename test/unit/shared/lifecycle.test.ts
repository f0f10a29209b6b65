import * as assert from 'node:assert/strict';
import { Disposable, toDisposable } from '../../../src/shared/lifecycle';

class Owner extends Disposable {
  add(fn: () => void) {
    return this._register(toDisposable(fn));
  }
}

describe('shared/lifecycle: Disposable base', () => {
  it('disposes what it owns once, in reverse order', () => {
    const order: number[] = [];
    const owner = new Owner();
    owner.add(() => order.push(1));
    owner.add(() => order.push(2));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(order, [2, 1]);
  });

  it('disposes at once what is registered after disposal', () => {
    const owner = new Owner();
    owner.dispose();
    let disposed = false;
    owner.add(() => (disposed = true));
    assert.ok(disposed);
  });

  it('disposes everything even when one throws, then reports the failure', () => {
    const owner = new Owner();
    let second = false;
    owner.add(() => (second = true));
    owner.add(() => {
      throw new Error('first fails');
    });
    assert.throws(() => owner.dispose(), /first fails/);
    assert.ok(second);
  });
});
