// One failing round backs a tail off one step, however many streams it reads (fake clock, fake Logs).
import * as assert from 'node:assert/strict';
import { RequestBudget } from '../../../../src/logs/engine/budget';
import { PollingTail } from '../../../../src/logs/engine/tail';
import type { TailUpdate } from '../../../../src/logs/engine/spec';
import { streamQuery } from '../../../../src/logs/engine/events';
import { FakeClock, FakeError, FakeLogs } from './fakes';

describe('logs/engine: back-off per round, not per stream', () => {
  it('a round in which all 30 hosts fail once delays the next poll by one step, not thirty', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    const hosts = Array.from({ length: 30 }, (_, i) => `job/algo-${i + 1}-100`);
    for (const h of hosts) logs.append(h, { timestamp: 1, message: `${h} start` });
    const tail = new PollingTail(logs, { query: streamQuery({ kind: 'trainingJob', trainingJobName: 'job' }), backfillLines: 0, follow: true, pollIntervalMs: 1000, discoverIntervalMs: 600_000, mergedPolling: false }, new RequestBudget(1000, 1000, clock), clock);
    const abort = new AbortController();
    let failAt: number | undefined;
    let deliveredAt: number | undefined;
    let failing = 0;
    logs.fault = (op) => {
      if (op === 'getEvents' && failing > 0) {
        failing--;
        throw new FakeError('serverError');
      }
    };
    try {
      for await (const u of tail.run(abort.signal) as AsyncGenerator<TailUpdate>) {
        if (u.kind === 'mode' && failAt === undefined) {
          // Following: the next round fails for every host, then the hosts write.
          failing = hosts.length;
          failAt = clock.now();
          for (const h of hosts) logs.append(h, { timestamp: 2, message: `${h} after` });
        }
        if (u.kind === 'events' && u.events.some((e) => e.message.endsWith('after'))) {
          deliveredAt = clock.now();
          abort.abort();
        }
        assert.ok(clock.now() < Date.UTC(2026, 10, 25), 'the tail never delivered');
      }
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AbortError')) throw e;
    }
    assert.ok(failAt !== undefined && deliveredAt !== undefined);
    // The failed round, then one back-off step (2 × 1 s at most, with jitter), then the round that reads.
    assert.ok(deliveredAt - failAt <= 5_000, `delivered ${deliveredAt - failAt} ms after the failed round`);
  });

  it('a merged round (one request) failing ten times in a row waits at most the idle 6 s between tries', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    for (let h = 1; h <= 16; h++) logs.append(`job/algo-${h}-100`, { timestamp: clock.now() - 1000, message: `h${h}` });
    const tail = new PollingTail(logs, { query: streamQuery({ kind: 'trainingJob', trainingJobName: 'job' }), backfillLines: 0, follow: true, pollIntervalMs: 1000, discoverIntervalMs: 600_000 }, new RequestBudget(1000, 1000, clock), clock);
    const abort = new AbortController();
    const triedAt: number[] = [];
    let failing = 0;
    logs.fault = (op) => {
      if (op !== 'filterEvents') return;
      if (failing > 0) {
        triedAt.push(clock.now());
        if (--failing === 0) abort.abort();
        throw new FakeError('serverError');
      }
    };
    try {
      for await (const u of tail.run(abort.signal) as AsyncGenerator<TailUpdate>) {
        if (u.kind === 'mode' && triedAt.length === 0) failing = 10;
      }
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AbortError')) throw e;
    }
    const gaps = triedAt.slice(1).map((t, i) => t - triedAt[i]);
    assert.equal(triedAt.length, 10);
    assert.ok(gaps.every((g) => g <= 6000 * 1.25 + 50), `gaps between failed rounds: ${gaps}`);
    assert.ok(gaps.at(-1)! >= 6000, `backs off up to the idle pace: ${gaps}`);
  });
});
