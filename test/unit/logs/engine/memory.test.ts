// Memory: a long Live Tail session keeps nothing per update, and a tail that stopped can be collected.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RequestBudget } from '../../../../src/logs/engine/budget';
import { streamQuery } from '../../../../src/logs/engine/events';
import { PollingTail } from '../../../../src/logs/engine/tail';
import { TailSession } from '../../../../src/logs/tailSession';
import { FakeClock, FakeLiveLogs } from './fakes';

/** A function that collects garbage now (mocha runs without --expose-gc). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const s1 = 'job/algo-1-1';

describe('logs/engine: memory stays bounded', function () {
  this.timeout(120_000);

  it('a Live Tail session of 20,000 updates holds none of them once they are shown', async () => {
    const gc = collector();
    const logs = new FakeLiveLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: 1, message: 'before' });
    const engine = new PollingTail(logs, { query: streamQuery({ kind: 'trainingJob', trainingJobName: 'job' }), backfillLines: 0, follow: true, pollIntervalMs: 1000, liveTail: true }, new RequestBudget(1000, 1000, clock), clock);
    const abort = new AbortController();
    const updates = 20_000;
    let sent = 0;
    let shown = 0;
    let before = 0;
    // Each update carries one line of 1 KB: kept per update, they would hold 20 MB and more.
    const pushNext = () => {
      sent++;
      logs.push({ events: [{ logStreamName: s1, timestamp: 10 + sent, message: `${sent} ${'x'.repeat(1024)}` }], sampled: false });
    };
    try {
      for await (const u of engine.run(abort.signal)) {
        if (u.kind === 'mode' && u.mode === 'liveTail') {
          gc();
          before = process.memoryUsage().heapUsed;
          pushNext();
        } else if (u.kind === 'events') {
          shown += u.events.length;
          if (sent < updates) {
            pushNext();
          } else {
            abort.abort();
          }
        }
      }
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AbortError')) throw e;
    }
    gc();
    const growth = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    assert.equal(shown, updates);
    assert.ok(growth < 8, `the heap grew by ${growth.toFixed(1)} MB over ${updates} updates`);
  });

  it('a tail that stopped lets its engine, positions and text go', async () => {
    const gc = collector();
    const clock = new FakeClock();
    const logs = new FakeLiveLogs();
    logs.append(s1, ...Array.from({ length: 2000 }, (_, i) => ({ timestamp: i, message: `${i} ${'y'.repeat(500)}` })));
    const channel = { append: () => undefined, replace: () => undefined, clear: () => undefined };
    let session: TailSession | undefined = new TailSession(
      'SageMaker Logs: job',
      'job',
      channel as never,
      { query: streamQuery({ kind: 'trainingJob', trainingJobName: 'job' }), backfillLines: 2000, follow: true, pollIntervalMs: 1000, liveTail: true },
      { timestamps: 'none', tagged: true },
      { source: async () => logs, budget: new RequestBudget(1000, 1000, clock), clock, onChange: () => undefined, log: { error: () => undefined, warn: () => undefined } as never },
    );
    while (session.eventCount < 2000 || session.mode !== 'liveTail') {
      await new Promise((r) => setImmediate(r));
    }
    assert.ok(session.text.length > 1_000_000, 'the text is kept while the tail runs (for trimming)');
    const engineRef = new WeakRef((session as unknown as { engine: object }).engine);
    session.stop();
    await session.done;
    assert.equal(session.text, '', 'no transcript unless asked for');
    assert.equal(session.requests.getEvents > 0, true, 'the counts stay');
    const settle = async (ref: WeakRef<object>) => {
      for (let i = 0; i < 5 && ref.deref() !== undefined; i++) {
        await new Promise((r) => setImmediate(r));
        gc();
      }
    };
    // The window keeps finished tails (their channel and counts): their engine goes all the same.
    await settle(engineRef);
    assert.equal(engineRef.deref(), undefined, 'the engine was collected while the finished tail is still listed');
    const sessionRef = new WeakRef(session);
    session = undefined;
    await settle(sessionRef);
    assert.equal(sessionRef.deref(), undefined, 'nothing else holds the stopped tail');
  });
});
