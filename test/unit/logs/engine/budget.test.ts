import * as assert from 'node:assert/strict';
import { FILTER_LOG_EVENTS_COST, LOGS_BUDGET, RequestBudget, backoffDelayMs, systemClock } from '../../../../src/logs/engine/budget';
import { FakeClock } from './fakes';

describe('logs/engine/budget: request budget and back-off', () => {
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

  it('charges a request by its share of its own quota: FilterLogEvents takes 5 tokens where GetLogEvents takes 1', async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(10, 30, clock);
    for (let i = 0; i < 6; i++) {
      assert.equal(budget.tryTake(FILTER_LOG_EVENTS_COST), 0);
    }
    // The burst is spent: the next FilterLogEvents waits for 5 tokens at 10 a second.
    assert.equal(budget.tryTake(FILTER_LOG_EVENTS_COST), 500);
    const t0 = clock.now();
    for (let i = 0; i < 4; i++) {
      await budget.take(undefined, FILTER_LOG_EVENTS_COST);
    }
    // Sustained: 2 a second, 40 % of FilterLogEvents' 5 TPS, as 10 a second is 40 % of GetLogEvents' 25.
    assert.equal(clock.now() - t0, 2000);
    // A cost above the burst is charged as the whole burst rather than never let through.
    clock.t += 10_000;
    assert.equal(budget.tryTake(1000), 0);
  });

  it('lets the pages of a 4-host backfill through at once, then holds the tails to 10 a second', async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(LOGS_BUDGET.ratePerSecond, LOGS_BUDGET.burst, clock);
    const t0 = clock.now();
    for (let i = 0; i < 29; i++) {
      await budget.take();
    }
    assert.equal(clock.now() - t0, 0);
    for (let i = 0; i < 101; i++) {
      await budget.take();
    }
    // 1 token left from the burst, then 100 more at 10 a second.
    assert.equal(clock.now() - t0, 10_000);
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

  it('sleeps in real time with the system clock, and an abort ends the sleep with an AbortError', async () => {
    const t0 = Date.now();
    await systemClock.sleep(20);
    assert.ok(Date.now() - t0 >= 15);
    const ac = new AbortController();
    const slept = systemClock.sleep(60_000, ac.signal);
    ac.abort();
    await assert.rejects(slept, (e: Error) => e.name === 'AbortError');
    await assert.rejects(systemClock.sleep(10, ac.signal), (e: Error) => e.name === 'AbortError');
    await systemClock.sleep(-5);
  });
});
