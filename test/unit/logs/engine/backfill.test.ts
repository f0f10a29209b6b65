import * as assert from 'node:assert/strict';
import { RequestBudget } from '../../../../src/logs/engine/budget';
import { PollingTail } from '../../../../src/logs/engine/tail';
import type { TailSpec, TailUpdate } from '../../../../src/logs/engine/spec';
import { mergeByTimestamp, streamQuery, streamTag } from '../../../../src/logs/engine/events';
import type { LogEvent } from '../../../../src/shared/logs/source';
import { formatBatch, formatEvent, MAX_MESSAGE_CHARS, type LineFormat } from '../../../../src/logs/engine/format';
import { FakeClock, FakeError, FakeLogs } from './fakes';

const JOB = 'job';
const hosts = [1, 2, 3].map((h) => `${JOB}/algo-${h}-100`);

async function run(logs: FakeLogs, clock: FakeClock, over: Partial<TailSpec>): Promise<TailUpdate[]> {
  const spec: TailSpec = { query: streamQuery({ kind: 'trainingJob', trainingJobName: JOB }), backfillLines: 0, follow: false, pollIntervalMs: 2000, ...over };
  const all: TailUpdate[] = [];
  for await (const u of new PollingTail(logs, spec, new RequestBudget(1000, 1000, clock), clock).run(new AbortController().signal)) {
    all.push(u);
  }
  return all;
}

const batches = (all: TailUpdate[]) => all.flatMap((u) => (u.kind === 'events' ? [u.events] : []));

describe('logs/engine: a backfill from a time hands out merged batches while it reads', () => {
  it('delivers every event once, in the order of one merge at the end, in more than one batch', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    // Hosts write at different paces, with ties between them; pages of 3 (FakeLogs) make many reads a host.
    hosts.forEach((s, h) => logs.append(s, ...Array.from({ length: 30 + 7 * h }, (_, i) => ({ timestamp: 1000 + Math.floor((i * (h + 2)) / 2), message: `${h}:${i}` }))));
    const all = await run(logs, clock, { startTime: 0, endTime: 1_000_000 });
    const got = batches(all);
    assert.ok(got.length > 1, `${got.length} batch(es)`);
    const expected = mergeByTimestamp(hosts.map((s) => logs.streams.get(s)!.map((e) => ({ ...e, logStreamName: s }))));
    assert.deepEqual(
      got.flat().map((e) => `${e.logStreamName} ${e.timestamp} ${e.message}`),
      expected.map((e) => `${e.logStreamName} ${e.timestamp} ${e.message}`),
    );
    assert.deepEqual(all.at(-1), { kind: 'ended', reason: 'window read' });
  });

  it('keeps reading the other hosts while one is throttled, and loses nothing', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    hosts.forEach((s, h) => logs.append(s, ...Array.from({ length: 20 }, (_, i) => ({ timestamp: 1000 + i, message: `${h}:${i}` }))));
    let n = 0;
    logs.fault = (op) => {
      if (op === 'getEvents' && n++ % 4 === 1) throw new FakeError('throttled');
    };
    const got = batches(await run(logs, clock, { startTime: 0, endTime: 1_000_000 })).flat();
    assert.equal(got.length, 60);
    assert.equal(new Set(got.map((e) => `${e.logStreamName}${e.message}`)).size, 60);
    assert.deepEqual(
      got.map((e) => e.timestamp),
      [...got.map((e) => e.timestamp)].sort((a, b) => a - b),
    );
  });

  it('fails the tail on a fatal error of one host, and stops reading the others', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    hosts.forEach((s) => logs.append(s, ...Array.from({ length: 60 }, (_, i) => ({ timestamp: 1000 + i, message: `${i}` }))));
    let reads = 0;
    logs.fault = (op) => {
      if (op === 'getEvents' && ++reads === 5) throw new FakeError('other');
    };
    await assert.rejects(run(logs, clock, { startTime: 0, endTime: 1_000_000 }), (e: unknown) => e instanceof FakeError && e.kind === 'other');
    const after = logs.calls.getEvents;
    await new Promise((r) => setImmediate(r));
    assert.ok(logs.calls.getEvents <= after + hosts.length, `${logs.calls.getEvents - after} reads after the failure`);
  });
});

describe('logs/engine/format: a batch is the lines of formatEvent', () => {
  it('gives the same text as formatting each event, for plain, JSON, multi-line and hostile messages', () => {
    const messages = ['plain step 1 loss=0.5', '{"a": 1}', '  {"b": [1, 2]}', '[1, 2]', 'line\ntwo', 'tab\there', 'ends with newline\n', 'bell\u0007', 'ansi \u001b[31mred\u001b[0m', '', ' leading space', 'x'.repeat(MAX_MESSAGE_CHARS + 10), 'ümlaut ✓'];
    const events: LogEvent[] = messages.map((message, i) => ({ logStreamName: hosts[i % hosts.length], timestamp: 1_764_000_000_000 + i * 500, message }));
    const formats: LineFormat[] = [{ timestamps: 'utc', tag: streamTag }, { timestamps: 'none', tag: streamTag }, { timestamps: 'local' }, { timestamps: 'none' }, { timestamps: 'utc', prettyJson: true }];
    for (const f of formats) {
      assert.equal(formatBatch(events, f), `${events.map((e) => formatEvent(e, f)).join('\n')}\n`);
    }
  });
});
