import * as assert from 'node:assert/strict';
import { FIRST_POLL_MS, LIMIT_RETRY_MS, MAX_POLL_MS, pollDelay } from '../../../src/insights/model/polling';
import { followQuery, QueryLimitError, runQuery, type InsightsCalls } from '../../../src/insights/model/runner';
import type { QueryResult, QueryStatus } from '../../../src/shared/insights/results';

const request = { logGroupNames: ['/g'], queryString: 'fields @message', startTime: 0, endTime: 1000 };

function result(status: QueryStatus, rows = 0): QueryResult {
  return { status, statistics: { recordsMatched: rows, recordsScanned: rows, bytesScanned: rows * 10 }, fields: rows ? ['@message'] : [], rows: Array.from({ length: rows }, (_, i) => ({ '@message': `m${i}` })) };
}

/** A fake service: answers the statuses in turn and records every call; time is the sum of the waits. */
function fake(statuses: QueryStatus[], opts: { limitTimes?: number } = {}) {
  const calls: string[] = [];
  const waits: number[] = [];
  let limit = opts.limitTimes ?? 0;
  let i = 0;
  const api: InsightsCalls = {
    start: async () => {
      calls.push('start');
      if (limit-- > 0) throw Object.assign(new Error('Account maximum query concurrency limit reached'), { name: 'LimitExceededException' });
      return 'q-1';
    },
    results: async () => {
      calls.push('results');
      const status = statuses[Math.min(i, statuses.length - 1)];
      return result(status, ++i);
    },
    stop: async (id) => {
      calls.push(`stop ${id}`);
      return true;
    },
  };
  const sleep = async (ms: number, signal: AbortSignal) => {
    waits.push(ms);
    if (signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
  };
  return { api, calls, waits, sleep };
}

describe('insights/model/runner: start, poll with back-off, stop', () => {
  it('the back-off schedule: 250 ms doubling to 2 s, then 2 s', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 20].map(pollDelay), [250, 500, 1000, 2000, 2000, 2000, 2000]);
    assert.equal(FIRST_POLL_MS, 250);
    assert.equal(MAX_POLL_MS, 2000);
  });

  it('polls until the query ends, handing on each answer (partial results while Running)', async () => {
    const f = fake(['Scheduled', 'Running', 'Running', 'Running', 'Running', 'Complete']);
    const seen: string[] = [];
    const r = await runQuery(f.api, request, new AbortController().signal, { sleep: f.sleep, onResults: (x) => seen.push(`${x.status}:${x.rows.length}`) });
    assert.equal(r.status, 'Complete');
    assert.deepEqual(seen, ['Scheduled:1', 'Running:2', 'Running:3', 'Running:4', 'Running:5', 'Complete:6']);
    assert.deepEqual(f.waits, [250, 500, 1000, 2000, 2000, 2000]);
    assert.deepEqual(f.calls, ['start', ...Array(6).fill('results')]);
  });

  it('Failed, Timeout and Cancelled end it too, without StopQuery', async () => {
    for (const end of ['Failed', 'Timeout', 'Cancelled'] as const) {
      const f = fake(['Running', end]);
      assert.equal((await runQuery(f.api, request, new AbortController().signal, { sleep: f.sleep })).status, end);
      assert.ok(!f.calls.some((c) => c.startsWith('stop')));
    }
  });

  it('aborting (the view closed, a new run) sends StopQuery once and rejects with an AbortError', async () => {
    const f = fake(['Running']);
    const controller = new AbortController();
    let polls = 0;
    await assert.rejects(
      runQuery(f.api, request, controller.signal, {
        sleep: f.sleep,
        onResults: () => {
          if (++polls === 2) controller.abort();
        },
      }),
      { name: 'AbortError' },
    );
    assert.deepEqual(f.calls.filter((c) => c.startsWith('stop')), ['stop q-1']);
  });

  it('the concurrent query quota: asks once; waiting retries StartQuery every 5 s until a slot is free', async () => {
    const f = fake(['Complete'], { limitTimes: 3 });
    let asked = 0;
    let waited = 0;
    const r = await runQuery(f.api, request, new AbortController().signal, { sleep: f.sleep, onLimitExceeded: async () => (++asked, true), onWaiting: () => waited++ });
    assert.equal(r.status, 'Complete');
    assert.equal(asked, 1);
    assert.equal(waited, 3);
    assert.deepEqual(f.calls.filter((c) => c === 'start').length, 4);
    assert.deepEqual(f.waits.slice(0, 3), [LIMIT_RETRY_MS, LIMIT_RETRY_MS, LIMIT_RETRY_MS]);
  });

  it('the quota, declined: a clear error, no retry', async () => {
    const f = fake(['Complete'], { limitTimes: 1 });
    await assert.rejects(runQuery(f.api, request, new AbortController().signal, { sleep: f.sleep, onLimitExceeded: async () => false }), (e: unknown) => e instanceof QueryLimitError && /concurrent query quota/.test(e.message));
    assert.deepEqual(f.calls, ['start']);
  });

  it('other StartQuery errors (a malformed query) pass through', async () => {
    const api: InsightsCalls = { start: async () => Promise.reject(Object.assign(new Error('unexpected symbol'), { name: 'MalformedQueryException' })), results: async () => result('Complete'), stop: async () => true };
    await assert.rejects(runQuery(api, request, new AbortController().signal), { name: 'MalformedQueryException' });
  });
});

describe('insights/model/runner: followQuery (a restored view reads its query again)', () => {
  it('reads a query that has ended at once, once, and stops nothing', async () => {
    const f = fake(['Complete']);
    const seen: QueryResult[] = [];
    const r = await followQuery(f.api, 'q-old', new AbortController().signal, { sleep: f.sleep, readAtOnce: true, onResults: (x) => seen.push(x) });
    assert.equal(r.status, 'Complete');
    assert.deepEqual(f.calls, ['results']);
    assert.deepEqual(f.waits, []);
    assert.equal(seen.length, 1);
  });

  it('follows one still running on the back-off schedule, and stops it when given up', async () => {
    const f = fake(['Running', 'Running', 'Complete']);
    const r = await followQuery(f.api, 'q-old', new AbortController().signal, { sleep: f.sleep, readAtOnce: true });
    assert.equal(r.status, 'Complete');
    assert.deepEqual(f.calls, ['results', 'results', 'results']);
    assert.deepEqual(f.waits, [pollDelay(1), pollDelay(2)]);
    const g = fake(['Running']);
    const controller = new AbortController();
    await assert.rejects(
      followQuery(g.api, 'q-old', controller.signal, { sleep: g.sleep, readAtOnce: true, onResults: () => controller.abort() }),
      (e: Error) => e.name === 'AbortError',
    );
    assert.deepEqual(g.calls, ['results', 'stop q-old']);
  });
});
