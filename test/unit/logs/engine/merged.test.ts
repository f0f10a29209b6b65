// Merged follow rounds: one FilterLogEvents a round for every host, exact whatever the ingestion delay; the pace
// slows when nobody looks or nothing comes (fake clock, fake Logs).
import * as assert from 'node:assert/strict';
import { RequestBudget } from '../../../../src/logs/engine/budget';
import { mergedStart } from '../../../../src/logs/engine/merged';
import { PollingTail } from '../../../../src/logs/engine/tail';
import type { TailSpec, TailUpdate } from '../../../../src/logs/engine/spec';
import { streamQuery } from '../../../../src/logs/engine/events';
import { FakeClock, FakeError, FakeLiveLogs, FakeLogs, collectTail, messagesOf } from './fakes';

const JOB = 'job';
const host = (h: number) => `${JOB}/algo-${h}-100`;

function spec(over: Partial<TailSpec> = {}): TailSpec {
  return { query: streamQuery({ kind: 'trainingJob', trainingJobName: JOB }), backfillLines: 0, follow: true, pollIntervalMs: 1000, discoverIntervalMs: 5000, mergedMinStreams: 1, ...over };
}

/** Each host's lines, in the order the tail delivered them. */
function perHost(all: TailUpdate[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const u of all) {
    if (u.kind === 'events') {
      for (const e of u.events) out.set(e.logStreamName, [...(out.get(e.logStreamName) ?? []), e.message]);
    }
  }
  return out;
}

describe('logs/engine: merged follow rounds', () => {
  it('reads from the oldest position inside the window behind the newest line', () => {
    assert.equal(mergedStart([100_000, 95_000, 10_000], undefined, 200_000, 60_000), 95_000, 'a stream far behind is left to its own read');
    assert.equal(mergedStart([-Infinity, 50_000], 52_000, 200_000, 60_000), 50_000);
    assert.equal(mergedStart([-Infinity], undefined, 200_000, 60_000), 140_000, 'nothing shown yet: the window behind now');
  });

  it('16 hosts each writing a line a round: one FilterLogEvents a round, every line once, in order per host', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    for (let h = 1; h <= 16; h++) logs.append(host(h), { timestamp: clock.now() - 10_000, message: `h${h} old` });
    let round = 0;
    logs.afterRead = () => undefined;
    const all = await collectTail(logs, clock, spec(), (u) => {
      const last = u.at(-1);
      if (last?.kind === 'mode' || (last?.kind === 'events' && round < 30)) {
        round++;
        for (let h = 1; h <= 16; h++) logs.append(host(h), { timestamp: clock.now(), message: `h${h} ${round}` });
      }
      return messagesOf(u).length >= 16 * 30;
    });
    const got = perHost(all);
    for (let h = 1; h <= 16; h++) {
      assert.deepEqual(got.get(host(h)), Array.from({ length: 30 }, (_, i) => `h${h} ${i + 1}`), `host ${h}`);
    }
    // GetLogEvents only for the backfill's 16 and the minute's sweep; one listing (the fake pages FilterLogEvents
    // two events a page, so its count says nothing here: the benchmark counts the real thing).
    assert.ok(logs.calls.getEvents <= 16 + 2, `${logs.calls.getEvents} GetLogEvents`);
    assert.ok(logs.calls.listStreams <= 2, `${logs.calls.listStreams} listings`);
  });

  it('a host whose lines are ingested 15 s late loses nothing: the window stays open behind it', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(host(1), { timestamp: clock.now() - 1000, message: 'a before' });
    logs.append(host(2), { timestamp: clock.now() - 1000, message: 'b before' });
    const late: { at: number; ts: number; message: string }[] = [];
    let i = 0;
    logs.afterRead = () => {
      // Host 1 writes at once; host 2's lines become readable 15 s after their time.
      if (i < 40) {
        logs.append(host(1), { timestamp: clock.now(), message: `a ${i}` });
        late.push({ at: clock.now() + 15_000, ts: clock.now(), message: `b ${i}` });
        i++;
      }
      while (late.length > 0 && late[0].at <= clock.now()) {
        const e = late.shift() as (typeof late)[number];
        logs.append(host(2), { timestamp: e.ts, message: e.message });
      }
    };
    const all = await collectTail(logs, clock, spec(), (u) => (perHost(u).get(host(2))?.length ?? 0) >= 40);
    const got = perHost(all);
    assert.deepEqual(got.get(host(2)), Array.from({ length: 40 }, (_, k) => `b ${k}`));
    assert.deepEqual(got.get(host(1))?.slice(0, 40), Array.from({ length: 40 }, (_, k) => `a ${k}`));
  });

  it('a line ingested later than the window, of a host that wrote nothing newer, is found by the sweep', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(host(1), { timestamp: clock.now() - 1000, message: 'a 0' });
    logs.append(host(2), { timestamp: clock.now() - 1000, message: 'b 0' });
    const t0 = clock.now();
    let written = false;
    let last = 0;
    logs.afterRead = () => {
      if (clock.now() === last) return;
      last = clock.now();
      logs.append(host(1), { timestamp: clock.now(), message: `a ${clock.now() - t0}` });
      if (!written && clock.now() - t0 > 20_000) {
        written = true;
        // Readable only now, 15 s older than host 1's newest line: outside a 5 s window.
        logs.append(host(2), { timestamp: clock.now() - 15_000, message: 'b late' });
      }
    };
    const all = await collectTail(logs, clock, spec({ mergedLookbackMs: 5000, sweepIntervalMs: 10_000 }), (u) => messagesOf(u).includes('b late'));
    assert.ok(messagesOf(all).includes('b late'));
    assert.equal(messagesOf(all).filter((m) => m === 'b late').length, 1);
  });

  it('a quiet host that wakes with lines older than the window is read from its position: nothing jumped over', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(host(1), { timestamp: clock.now() - 1000, message: 'a 0' });
    logs.append(host(2), { timestamp: clock.now() - 1000, message: 'b 0' });
    const t0 = clock.now();
    let burst = false;
    let last = 0;
    logs.afterRead = () => {
      if (clock.now() === last) return;
      last = clock.now();
      logs.append(host(1), { timestamp: clock.now(), message: `a ${clock.now() - t0}` });
      if (!burst && clock.now() - t0 > 120_000) {
        burst = true;
        // Two minutes quiet, then three lines readable at once: 90 s old, 30 s old and now.
        logs.append(host(2), { timestamp: clock.now() - 90_000, message: 'b old' }, { timestamp: clock.now() - 30_000, message: 'b mid' }, { timestamp: clock.now(), message: 'b new' });
      }
    };
    const all = await collectTail(logs, clock, spec({ sweepIntervalMs: 3600_000 }), (u) => messagesOf(u).includes('b new'));
    assert.deepEqual(perHost(all).get(host(2)), ['b old', 'b mid', 'b new']);
  });

  it('Live Tail starting after merged rounds: a line of a host behind the window, older than it, is not lost', async () => {
    const logs = new FakeLiveLogs();
    const clock = new FakeClock();
    logs.append(host(1), { timestamp: clock.now() - 1000, message: 'a 0' });
    logs.append(host(2), { timestamp: clock.now() - 1000, message: 'b 0' });
    const t0 = clock.now();
    let phase = 0;
    let last = 0;
    const all = await collectTail(logs, clock, spec({ liveTail: true, unwatchedPollIntervalMs: 1000, mergedLookbackMs: 5000, sweepIntervalMs: 3600_000 }), (u, tail) => {
      const latest = u.at(-1);
      if (phase === 0 && latest?.kind === 'mode' && latest.mode === 'liveTail') {
        // Nobody watches: merged polling rounds; host 1 writes, host 2 is quiet and falls behind the window.
        phase = 1;
        tail.setWatched(false);
        logs.afterRead = () => {
          if (clock.now() === last) return;
          last = clock.now();
          logs.append(host(1), { timestamp: clock.now(), message: `a ${clock.now() - t0}` });
          if (phase === 1 && clock.now() - t0 > 20_000) {
            // Readable now, 15 s old: older than the window, so no merged round sees it. Then Live Tail starts.
            phase = 2;
            logs.append(host(2), { timestamp: clock.now() - 15_000, message: 'b late' });
            tail.setWatched(true);
          }
        };
      } else if (phase === 2 && latest?.kind === 'mode' && latest.mode === 'liveTail') {
        // The session sends a newer line of host 2: had the catch-up missed 'b late', it would be lost for good.
        phase = 3;
        logs.afterRead = () => undefined;
        logs.push({ events: [{ logStreamName: host(2), timestamp: clock.now(), message: 'b live', eventId: 'live-1' }], sampled: false });
      }
      return messagesOf(u).includes('b live');
    });
    assert.deepEqual(perHost(all).get(host(2)), ['b late', 'b live']);
  });

  it('FilterLogEvents refused (a role without logs:FilterLogEvents): polling goes on per stream, nothing lost', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(host(1), { timestamp: clock.now() - 1000, message: 'a 0' });
    logs.append(host(2), { timestamp: clock.now() - 1000, message: 'b 0' });
    logs.fault = (op) => {
      if (op === 'filterEvents') throw new FakeError('accessDenied');
    };
    let n = 0;
    let last = 0;
    let following = false;
    logs.afterRead = () => {
      if (!following || n >= 10 || clock.now() === last) return;
      last = clock.now();
      n++;
      logs.append(host(1 + (n % 2)), { timestamp: clock.now(), message: `x ${n}` });
    };
    const all = await collectTail(logs, clock, spec(), (u) => {
      following ||= u.some((x) => x.kind === 'mode');
      return messagesOf(u).filter((m) => m.startsWith('x')).length >= 10;
    });
    assert.deepEqual(messagesOf(all).filter((m) => m.startsWith('x')), Array.from({ length: 10 }, (_, i) => `x ${i + 1}`));
    assert.ok(!all.some((u) => u.kind === 'ended'), 'the tail goes on');
    const said = all.flatMap((u) => (u.kind === 'diagnostic' ? [u.text] : []));
    assert.equal(said.filter((t) => t.startsWith('FilterLogEvents was refused')).length, 1, said.join('\n'));
    assert.equal(logs.calls.filterEvents, 1, 'asked once, then never again');
  });

  it('slows to the idle pace after 30 s without a line and out of sight; back to full speed when shown', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(host(1), { timestamp: clock.now() - 1000, message: 'a' });
    logs.append(host(2), { timestamp: clock.now() - 1000, message: 'b' });
    const tail = new PollingTail(logs, spec(), new RequestBudget(1000, 1000, clock), clock);
    const t0 = clock.now();
    const filterAt: number[] = [];
    const abort = new AbortController();
    // Driven by the tail's own requests: quiet for a minute, out of sight for the next, shown again after.
    logs.fault = (op) => {
      if (op !== 'filterEvents') return;
      const t = clock.now() - t0;
      filterAt.push(t);
      if (t > 60_000 && t < 120_000) tail.setInSight(false);
      if (t >= 120_000) tail.setInSight(true);
      if (t > 135_000) abort.abort();
    };
    const paces: [boolean, number][] = [];
    try {
      for await (const u of tail.run(abort.signal)) {
        if (u.kind === 'pace') paces.push([u.idle, u.intervalMs]);
      }
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AbortError')) throw e;
    }
    assert.deepEqual(paces, [[true, 6000], [false, 1100]], 'idle once quiet for 30 s, full speed again when shown');
    const gaps = (from: number, to: number) => filterAt.filter((t) => t > from && t < to).map((t, k, a) => (k > 0 ? t - a[k - 1] : 0)).slice(1);
    assert.ok(gaps(2_000, 29_000).every((g) => g >= 1100 && g < 1500), `full speed at first: ${gaps(2_000, 29_000)}`);
    assert.ok(gaps(40_000, 118_000).every((g) => g >= 6000), `idle: a round every 6 s: ${gaps(40_000, 118_000)}`);
    assert.ok(gaps(121_000, 135_000).every((g) => g < 1500), `shown again: full speed: ${gaps(121_000, 135_000)}`);
  });

  it('a single stream, polled with GetLogEvents, slows down out of sight too, and speeds up when shown', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    const stream = host(1);
    logs.append(stream, { timestamp: clock.now() - 1000, message: 'a' });
    const one = spec({ query: streamQuery({ kind: 'stream', logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: stream }) });
    const tail = new PollingTail(logs, one, new RequestBudget(1000, 1000, clock), clock);
    const t0 = clock.now();
    const readAt: number[] = [];
    const abort = new AbortController();
    // A line every 2 s, so never quiet: only sight decides. Out of sight from 10 s to 60 s.
    logs.fault = (op) => {
      if (op !== 'getEvents') return;
      const t = clock.now() - t0;
      readAt.push(t);
      logs.append(stream, { timestamp: clock.now(), message: `at ${t}` });
      if (t > 10_000 && t < 60_000) tail.setInSight(false);
      if (t >= 60_000) tail.setInSight(true);
      if (t > 70_000) abort.abort();
    };
    const paces: [boolean, number][] = [];
    try {
      for await (const u of tail.run(abort.signal)) {
        if (u.kind === 'pace') paces.push([u.idle, u.intervalMs]);
      }
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AbortError')) throw e;
    }
    assert.deepEqual(paces, [[true, 6000], [false, 1000]], 'idle out of sight, the polling interval when shown');
    const gaps = (from: number, to: number) => readAt.filter((t) => t > from && t < to).map((t, k, a) => (k > 0 ? t - a[k - 1] : 0)).slice(1);
    assert.ok(gaps(2_000, 10_000).every((g) => g >= 1000 && g < 1500), `in sight: every second: ${gaps(2_000, 10_000)}`);
    assert.ok(gaps(13_000, 58_000).every((g) => g >= 6000), `out of sight: every 6 s: ${gaps(13_000, 58_000)}`);
    assert.ok(gaps(61_000, 70_000).every((g) => g < 1500), `shown again: every second: ${gaps(61_000, 70_000)}`);
  });
});
