import * as assert from 'node:assert/strict';
import type { TailSpec } from '../../../../src/logs/engine/spec';
import { streamQuery } from '../../../../src/logs/engine/events';
import { FakeClock, FakeError, FakeLiveLogs, FakeLogs, collectTail, messagesOf } from './fakes';

const JOB = 'job';
const s1 = `${JOB}/algo-1-100`;
const s2 = `${JOB}/algo-2-100`;

function spec(over: Partial<TailSpec> = {}): TailSpec {
  return { query: streamQuery({ kind: 'trainingJob', trainingJobName: JOB }), backfillLines: 10, follow: true, pollIntervalMs: 2000, discoverIntervalMs: 6000, ...over };
}

const drive = collectTail;
const messages = messagesOf;

describe('logs/engine: changing a running tail (filter pattern, who watches)', () => {
  it('polling: switches to a pattern and back from the newest line shown, each event once, under throttling', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    const t0 = clock.now();
    for (let i = 0; i < 6; i++) logs.append(i % 2 ? s1 : s2, { timestamp: t0 - 30_000 + i * 1000, message: i % 2 ? `ERROR old ${i}` : `INFO old ${i}` });
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    logs.fault = (op) => {
      if (op !== 'trainingJob' && random() < 0.2) throw new FakeError('throttled');
    };
    let phase = 0;
    const all = await drive(logs, clock, spec(), (u, tail) => {
      const got = messages(u);
      if (phase === 0 && got.length === 6) {
        phase = 1;
        tail.setFilterPattern('ERROR');
        assert.equal(tail.filterPattern, 'ERROR');
        const t = clock.now();
        logs.append(s1, { timestamp: t + 10, message: 'INFO while filtered' }, { timestamp: t + 20, message: 'ERROR while filtered' });
      } else if (phase === 1 && got.includes('ERROR while filtered')) {
        phase = 2;
        tail.setFilterPattern('');
        const t = clock.now();
        logs.append(s2, { timestamp: t + 30, message: 'INFO after clearing' }, { timestamp: t + 40, message: 'ERROR after clearing' });
      }
      return phase === 2 && got.includes('ERROR after clearing') && got.includes('INFO after clearing');
    });
    const got = messages(all);
    assert.deepEqual(got.slice(6), ['ERROR while filtered', 'INFO after clearing', 'ERROR after clearing']);
    assert.equal(new Set(got).size, got.length, 'no duplicates');
    const filters = all.flatMap((u) => (u.kind === 'filter' ? [u.filterPattern ?? '(none)'] : []));
    assert.deepEqual(filters, ['ERROR', '(none)']);
    assert.ok(logs.calls.filterEvents > 0 && logs.calls.getEvents > 0);
  });

  it('polling: from one pattern to another, older matches of the new one are not added', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    const t0 = clock.now();
    logs.append(s1, { timestamp: t0 - 20_000, message: 'WARN before' }, { timestamp: t0 - 10_000, message: 'ERROR before' });
    let changed = false;
    const all = await drive(logs, clock, spec({ filterPattern: 'ERROR' }), (u, tail) => {
      const got = messages(u);
      if (!changed && got.includes('ERROR before')) {
        changed = true;
        tail.setFilterPattern('WARN');
        logs.append(s1, { timestamp: clock.now() + 5, message: 'ERROR after' }, { timestamp: clock.now() + 6, message: 'WARN after' });
      }
      return got.includes('WARN after');
    });
    assert.deepEqual(messages(all), ['ERROR before', 'WARN after']);
  });

  it('Live Tail: a new pattern starts a new session with it and covers the moment between the two', async () => {
    const logs = new FakeLiveLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: clock.now() - 1000, message: 'INFO backfilled' });
    let phase = 0;
    const all = await drive(logs, clock, spec({ liveTail: true }), (u, tail) => {
      const last = u.at(-1);
      if (phase === 0 && last?.kind === 'mode' && last.mode === 'liveTail') {
        phase = 1;
        // Written during the first session's catch-up read, after its pages: only the new session's catch-up can show it.
        logs.afterRead = () => {
          logs.afterRead = () => undefined;
          logs.append(s2, { timestamp: clock.now() + 1, message: 'INFO gap' }, { timestamp: clock.now() + 2, message: 'ERROR gap' });
          tail.setFilterPattern('ERROR');
        };
      } else if (phase === 1 && logs.sessions === 2 && messages(u).includes('ERROR gap')) {
        phase = 2;
        logs.push({ events: [{ logStreamName: s1, timestamp: clock.now() + 3, message: 'ERROR live', eventId: 'e1' }], sampled: false });
      }
      return messages(u).includes('ERROR live');
    });
    assert.deepEqual(messages(all), ['INFO backfilled', 'ERROR gap', 'ERROR live']);
    assert.deepEqual(
      logs.requests.map((r) => r.filterPattern),
      [undefined, 'ERROR'],
    );
  });

  it('Live Tail nobody watches: the session ends, slower polling takes over, a new session when watched again', async () => {
    const logs = new FakeLiveLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: clock.now() - 1000, message: 'backfilled' });
    const hiddenReads: number[] = [];
    let phase = 0;
    const all = await drive(logs, clock, spec({ liveTail: true, unwatchedPollIntervalMs: 30_000 }), (u, tail) => {
      const last = u.at(-1);
      if (phase === 0 && last?.kind === 'mode' && last.mode === 'liveTail') {
        phase = 1;
        tail.setWatched(false);
        logs.afterRead = () => {
          hiddenReads.push(clock.now());
          if (hiddenReads.length === 4) logs.append(s2, { timestamp: clock.now(), message: 'while hidden' });
        };
      } else if (phase === 1 && messages(u).includes('while hidden')) {
        phase = 2;
        assert.equal(logs.open, 0, 'no Live Tail session while nobody watches');
        logs.afterRead = () => undefined;
        tail.setWatched(true);
      } else if (phase === 2 && last?.kind === 'mode' && last.mode === 'liveTail') {
        phase = 3;
        logs.push({ events: [{ logStreamName: s1, timestamp: clock.now(), message: 'live again', eventId: 'x' }], sampled: false });
      }
      return messages(u).includes('live again');
    });
    assert.deepEqual(messages(all), ['backfilled', 'while hidden', 'live again']);
    assert.equal(logs.sessions, 2);
    const polls = [...new Set(hiddenReads)];
    assert.ok(polls.length >= 3, String(polls));
    for (let i = 1; i < polls.length; i++) assert.ok(polls[i] - polls[i - 1] >= 30_000, `polled ${polls[i] - polls[i - 1]} ms apart while hidden`);
    const notices = all.flatMap((u) => (u.kind === 'notice' ? [u.text] : []));
    assert.deepEqual(notices, ['Nobody is watching: Live Tail paused, polling every 30 s until the channel is shown again.']);
  });
});
