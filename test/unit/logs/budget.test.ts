import * as assert from 'node:assert/strict';
import { RequestBudget, backoffDelayMs } from '../../../src/shared/logs/budget';
import { FakeClock } from './fakes';

describe('shared/logs/budget: request budget and back-off', () => {
  it('backs off exponentially with a cap and bounded jitter', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 10].map((n) => backoffDelayMs(n, 1000, 8000)), [0, 1000, 2000, 4000, 8000, 8000]);
    assert.equal(backoffDelayMs(2, 1000, 30_000, 0.999), Math.round(2000 * 1.24975));
  });

  it('lets a burst through, then spaces requests at the rate', async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(4, 2, clock);
    const start = clock.now();
    for (let i = 0; i < 10; i++) {
      await budget.take();
    }
    // 2 from the burst, 8 more at 4 a second
    assert.equal(clock.now() - start, 2000);
  });

  it('pauses everyone sharing it after throttling, longer each time, until a request succeeds', async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(100, 100, clock);
    assert.equal(budget.throttled(), 500);
    assert.ok(budget.backingOff);
    assert.equal(budget.tryTake(), 500);
    assert.equal(budget.throttled(), 1000);
    const t0 = clock.now();
    await budget.take();
    assert.equal(clock.now() - t0, 1000);
    budget.succeeded();
    assert.equal(budget.throttled(), 500);
  });
});
