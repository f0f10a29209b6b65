// The tail engine against a service that is not polite: Live Tail sessions that end at once, foreign and
// re-sent events, tokens that do not move, empty pages, a backfill longer than a page. Fake clock, fake Logs.
import * as assert from 'node:assert/strict';
import type { GetEventsPage, GetEventsRequest, LiveTailRequest, LiveTailUpdate } from '../../../../src/shared/logs/source';
import type { TailSpec } from '../../../../src/logs/engine/spec';
import { streamQuery } from '../../../../src/logs/engine/events';
import { FakeClock, FakeError, FakeLiveLogs, FakeLogs, collectTail, messagesOf } from './fakes';

const JOB = 'job';
const s1 = `${JOB}/algo-1-100`;
const s2 = `${JOB}/algo-2-100`;

function spec(over: Partial<TailSpec> = {}): TailSpec {
  return { query: streamQuery({ kind: 'trainingJob', trainingJobName: JOB }), backfillLines: 5, follow: true, pollIntervalMs: 1000, discoverIntervalMs: 6000, ...over };
}

/** Live Tail sessions that end right after they start, having sent `first` (if any). */
class EndingLiveLogs extends FakeLiveLogs {
  first: (request: LiveTailRequest) => LiveTailUpdate[] = () => [];
  override async liveTail(request: LiveTailRequest): Promise<AsyncIterable<LiveTailUpdate>> {
    this.requests.push(request);
    this.sessions++;
    const updates = this.first(request);
    return {
      async *[Symbol.asyncIterator]() {
        yield* updates;
      },
    };
  }
}

function countRepeats(lines: string[]): string[] {
  const seen = new Set<string>();
  return lines.filter((l) => (seen.has(l) ? true : (seen.add(l), false)));
}

describe('logs/engine: hand-overs continue from positions, whatever the service does', () => {
  it('a Live Tail session that ends right after it starts: polling goes on from the last line, nothing shown twice', async () => {
    const logs = new EndingLiveLogs();
    const clock = new FakeClock();
    // A long history: an hour of two hosts, far more than the backfill and older than any look-back.
    for (let i = 0; i < 120; i++) {
      logs.append(i % 2 ? s1 : s2, { timestamp: clock.now() - 3600_000 + i * 30_000, message: `old ${i}` });
    }
    let written = 0;
    logs.afterRead = () => {
      if (written < 40) {
        logs.append(written % 2 ? s1 : s2, { timestamp: clock.now(), message: `new ${written++}` });
      }
    };
    const all = await collectTail(logs, clock, spec({ liveTail: true, backfillLines: 10 }), (u) => messagesOf(u).filter((m) => m.startsWith('new')).length >= 40);
    const got = messagesOf(all);
    assert.deepEqual(countRepeats(got), []);
    assert.deepEqual(got.slice(0, 10), Array.from({ length: 10 }, (_, i) => `old ${110 + i}`));
    // Every line once, in order per host (the two hosts' lines of one millisecond may come in either order).
    const fresh = got.filter((m) => m.startsWith('new'));
    assert.deepEqual([...fresh].sort(), Array.from({ length: 40 }, (_, i) => `new ${i}`).sort());
    for (const odd of [0, 1]) {
      const host = fresh.filter((m) => Number(m.slice(4)) % 2 === odd);
      assert.deepEqual(host, Array.from({ length: 20 }, (_, i) => `new ${2 * i + odd}`), `host ${odd + 1} in order`);
    }
    assert.ok(logs.sessions >= 1);
    assert.ok(all.some((u) => u.kind === 'notice' && /session ended; polling from the last line shown/.test(u.text)));
  });

  it('tries Live Tail again after it was lost, later and later, and keeps every line once across the hand-overs', async () => {
    const logs = new EndingLiveLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: clock.now() - 1, message: 'before the tail' });
    let written = 0;
    // Each session re-sends the last two lines written and sends one line it makes up for another group.
    logs.first = () => {
      const list = logs.streams.get(s1) ?? [];
      return [
        {
          events: [
            ...list.slice(-2).map((e) => ({ ...e, logStreamName: s1 })),
            { logStreamName: s1, timestamp: clock.now(), message: 'FOREIGN', logGroupIdentifier: 'arn:aws:logs:us-east-1:1:log-group:/aws/sagemaker/Endpoints/other' },
          ],
          sampled: false,
        },
      ];
    };
    logs.afterRead = () => {
      if (written < 200) {
        logs.append(s1, { timestamp: clock.now(), message: `line ${written++}` });
      }
    };
    const all = await collectTail(logs, clock, spec({ liveTail: true, backfillLines: 0 }), (u) => messagesOf(u).length >= 200 && written >= 200);
    const got = messagesOf(all);
    assert.deepEqual(countRepeats(got), []);
    assert.ok(!got.includes('FOREIGN'));
    assert.deepEqual(got, Array.from({ length: 200 }, (_, i) => `line ${i}`));
    const diagnostics = all.filter((u) => u.kind === 'diagnostic');
    assert.equal(diagnostics.length, 1, 'said once');
    assert.match(diagnostics[0].kind === 'diagnostic' ? diagnostics[0].text : '', /outside \/aws\/sagemaker\/TrainingJobs streams job\/\*/);
    assert.ok(logs.sessions >= 2, `${logs.sessions} sessions`);
  });

  it('reads on past empty pages and pages whose token did not move, each line once', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    for (let i = 0; i < 30; i++) {
      logs.append(s1, { timestamp: 1000 + i, message: `h ${i}` });
    }
    // Every other forward page is empty with a new token; every third non-empty one keeps the token it was asked with.
    const plain = logs.getEvents.bind(logs);
    let n = 0;
    logs.getEvents = async (r: GetEventsRequest): Promise<GetEventsPage> => {
      const page = await plain(r);
      if (!r.startFromHead && !r.nextToken?.startsWith('f/')) return page;
      n++;
      if (n % 2 === 0 && page.events.length > 0) return { events: [], nextForwardToken: `${r.nextToken ?? 'f/0'}#${n}`.replace(/#.*#/, '#') };
      if (n % 3 === 0 && r.nextToken) return { ...page, nextForwardToken: r.nextToken };
      return page;
    };
    // Tokens with a suffix are the same position.
    const inner = logs.getEvents;
    logs.getEvents = (r) => inner({ ...r, ...(r.nextToken ? { nextToken: r.nextToken.replace(/#\d+$/, '') } : {}) });
    const all = await collectTail(logs, clock, spec({ startTime: 0, follow: false }), () => false);
    assert.deepEqual(messagesOf(all), Array.from({ length: 30 }, (_, i) => `h ${i}`));
  });

  it('a service that no longer knows its tokens (it restarted): each stream goes on by time from its last line', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: clock.now() - 10, message: 'before' });
    let written = 0;
    let refused = 0;
    const plain = logs.getEvents.bind(logs);
    logs.getEvents = async (r) => {
      // After ten lines every token is refused once, as by a service that lost them.
      if (written >= 10 && refused < 1 && r.nextToken) {
        refused++;
        throw new FakeError('invalidToken');
      }
      const page = await plain(r);
      if (written < 30) logs.append(written % 2 ? s1 : s2, { timestamp: clock.now() + written, message: `line ${written++}` });
      return page;
    };
    const all = await collectTail(logs, clock, spec({ backfillLines: 1 }), (u) => messagesOf(u).length >= 31);
    const events = all.flatMap((u) => (u.kind === 'events' ? u.events : []));
    // Every line once, in order per host.
    assert.deepEqual(events.filter((e) => e.logStreamName === s1).map((e) => e.message), ['before', ...Array.from({ length: 15 }, (_, i) => `line ${2 * i + 1}`)]);
    assert.deepEqual(events.filter((e) => e.logStreamName === s2).map((e) => e.message), Array.from({ length: 15 }, (_, i) => `line ${2 * i}`));
    assert.equal(refused, 1);
  });

  it('a Live Tail session is shown only after a catch-up read to each stream\'s end, past an empty page', async () => {
    const logs = new (class extends FakeLiveLogs {
      override async liveTail(request: LiveTailRequest, signal?: AbortSignal): Promise<AsyncIterable<LiveTailUpdate>> {
        const session = await super.liveTail(request, signal);
        // Written just before the session started (so it will not send them), and one line after it.
        this.append(s1, { timestamp: 2, message: 'A' }, { timestamp: 3, message: 'B' }, { timestamp: 4, message: 'C' });
        emptyNext = true;
        this.push({ events: [{ logStreamName: s1, timestamp: 4, message: 'C' }], sampled: false });
        return session;
      }
    })();
    let emptyNext = false;
    logs.append(s1, { timestamp: 1, message: 'before' });
    const plain = logs.getEvents.bind(logs);
    logs.getEvents = async (r) => {
      // The first read of the catch-up is an empty page with a new token, though more lines are there.
      if (emptyNext && r.nextToken) {
        emptyNext = false;
        return { events: [], nextForwardToken: `${r.nextToken}#e` };
      }
      return plain({ ...r, ...(r.nextToken ? { nextToken: r.nextToken.replace(/#e$/, '') } : {}) });
    };
    const all = await collectTail(logs, new FakeClock(), spec({ liveTail: true, backfillLines: 1 }), (u) => messagesOf(u).includes('C'));
    assert.deepEqual(messagesOf(all), ['before', 'A', 'B', 'C']);
  });

  it('reads "from now" in the service\'s time: a filter set before any line shows still finds the lines of a service days behind', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    // A simulator started ten days in the past (or a laptop clock that is off).
    const skew = 10 * 24 * 3600_000;
    logs.serviceNow = () => clock.now() - skew;
    logs.append(s1, { timestamp: clock.now() - skew - 5000, message: 'old' });
    let written = 0;
    logs.afterRead = () => {
      if (written < 4) logs.append(s1, { timestamp: clock.now() - skew, message: `ERROR ${written++}` });
    };
    const all = await collectTail(logs, clock, spec({ backfillLines: 0 }), (u, tail) => {
      if (u.length === 1) tail.setFilterPattern('ERROR');
      return messagesOf(u).length >= 4;
    });
    assert.deepEqual(messagesOf(all), ['ERROR 0', 'ERROR 1', 'ERROR 2', 'ERROR 3']);
  });

  it('a last-N backfill longer than a page reads back page by page until it has N lines over all hosts', async () => {
    const logs = new FakeLogs();
    for (let i = 0; i < 40; i++) {
      logs.append(s1, { timestamp: 1000 + i * 2, message: `a ${i}` });
      logs.append(s2, { timestamp: 1001 + i * 2, message: `b ${i}` });
    }
    // An idle host whose lines are all older: one page of it is enough to know it adds nothing.
    logs.append(`${JOB}/algo-3-100`, ...Array.from({ length: 30 }, (_, i) => ({ timestamp: i, message: `idle ${i}` })));
    const all = await collectTail(logs, new FakeClock(), spec({ follow: false, backfillLines: 25 }), () => false);
    const got = messagesOf(all);
    assert.equal(got.length, 25);
    assert.equal(got[0], 'b 27');
    assert.equal(got.at(-1), 'b 39');
    // Pages of 3: about 13 per busy host, and one for the idle one (plus the stream listing).
    assert.ok(logs.calls.getEvents <= 30, `${logs.calls.getEvents} requests`);
  });

  it('a stream prefix the service ignores: other streams of the group never show', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: clock.now() - 1000, message: 'ERROR ours' });
    logs.append('other-job/algo-1-1', { timestamp: clock.now() - 500, message: 'ERROR theirs' });
    const plainFilter = logs.filterEvents.bind(logs);
    logs.filterEvents = (r) => plainFilter({ ...r, logStreamNamePrefix: undefined });
    const plainList = logs.listStreams.bind(logs);
    logs.listStreams = () => plainList('', undefined);
    const filtered = await collectTail(logs, clock, spec({ follow: false, filterPattern: 'ERROR' }), () => false);
    assert.deepEqual(messagesOf(filtered), ['ERROR ours']);
    const plain = await collectTail(logs, clock, spec({ follow: false }), () => false);
    assert.deepEqual(messagesOf(plain), ['ERROR ours']);
  });
});

describe('logs/engine: finishing — another reader takes over', () => {
  it('finish(): one complete round (a stream that appeared since included, pages repeated by the service dropped), then the tail ends', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: clock.now(), message: 'a' });
    // Every other forward page comes back with the token it was asked with: its lines come again.
    const get = logs.getEvents.bind(logs);
    let n = 0;
    logs.getEvents = async (r: GetEventsRequest): Promise<GetEventsPage> => {
      const page = await get(r);
      return ++n % 2 === 0 && r.nextToken?.startsWith('f/') ? { ...page, nextForwardToken: r.nextToken } : page;
    };
    let asked = false;
    const all = await collectTail(logs, clock, spec({ backfillLines: 5, discoverIntervalMs: 3_600_000 }), (u, tail) => {
      if (!asked && u.some((x) => x.kind === 'mode')) {
        asked = true;
        for (let i = 0; i < 7; i++) {
          logs.append(s1, { timestamp: clock.now() + i, message: `b${i}` });
        }
        logs.append(s2, { timestamp: clock.now(), message: 'c' });
        tail.finish();
      }
      return false;
    });
    const calls = { ...logs.calls };
    assert.deepEqual([...messagesOf(all)].sort(), ['a', 'b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'c']);
    assert.deepEqual(all[all.length - 1], { kind: 'ended', reason: 'handed over' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(logs.calls, calls, 'nothing asked after it ended');
  });
});
