// The last-N backfill with the real SDK client against the simulator: more lines than one GetLogEvents page
// (10,000) per host are read back page by page, over all hosts, exactly N, in time order.
import * as assert from 'node:assert/strict';
import { SdkLogSource } from '../../src/aws/logs/source';
import { RequestBudget, systemClock } from '../../src/logs/engine/budget';
import { PollingTail } from '../../src/logs/engine/tail';
import type { LogEvent } from '../../src/shared/logs/source';
import { destroyClients, startWithClients, T0, type Clients } from './helpers';

describe('Tail engine: a backfill longer than a page', function () {
  this.timeout(60_000);
  let c: Clients | undefined;
  afterEach(() => destroyClients(c));

  it('shows the last 25,000 lines of two hosts (15,000 + 20,000 lines), reading back page by page', async () => {
    c = await startWithClients({ scenario: 'empty' });
    const group = '/test/backfill';
    // Host a writes every 2 ms, host b every 3 ms, interleaved in time.
    await c.sim.control.appendLogEvents(group, 'job/a', Array.from({ length: 15_000 }, (_, i) => ({ timestamp: T0 - 100_000 + 2 * i, message: `a ${i}` })));
    await c.sim.control.appendLogEvents(group, 'job/b', Array.from({ length: 20_000 }, (_, i) => ({ timestamp: T0 - 100_000 + 3 * i + 1, message: `b ${i}` })));
    const engine = new PollingTail(
      new SdkLogSource(c.logs, c.sagemaker),
      { query: { logGroupName: group, prefix: 'job/', tagged: true }, backfillLines: 25_000, follow: false, pollIntervalMs: 1000 },
      new RequestBudget(1000, 1000, systemClock),
      systemClock,
    );
    const got: LogEvent[] = [];
    for await (const u of engine.run(new AbortController().signal)) {
      if (u.kind === 'events') got.push(...u.events);
    }
    const all = [
      ...Array.from({ length: 15_000 }, (_, i) => ({ t: T0 - 100_000 + 2 * i, m: `a ${i}` })),
      ...Array.from({ length: 20_000 }, (_, i) => ({ t: T0 - 100_000 + 3 * i + 1, m: `b ${i}` })),
    ].sort((x, y) => x.t - y.t);
    const expected = all.slice(all.length - 25_000).map((e) => e.m);
    assert.equal(got.length, 25_000);
    assert.deepEqual(got.map((e) => e.message), expected);
    // Two pages of b and one of a were enough: a's older pages could add nothing newer.
    assert.ok(engine.requests.getEvents <= 7, `${engine.requests.getEvents} GetLogEvents`);
  });
});
