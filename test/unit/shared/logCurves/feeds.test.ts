import * as assert from 'node:assert/strict';
import { JobCurveFeeds, curveParserOf, tailCoverage } from '../../../../src/shared/logCurves/feeds';
import { JobCurveFeed } from '../../../../src/shared/logCurves/jobCurveFeed';
import type { LogEvent } from '../../../../src/shared/logs/source';

const T = Date.UTC(2026, 0, 1);
const JOB = 'bert-ft';
const stream = (host: number) => `${JOB}/algo-${host}-1767225600`;
const ev = (host: number, t: number, message: string): LogEvent => ({ logStreamName: stream(host), timestamp: T + t, message });
const DEFS = [{ name: 'train:loss', regex: ' loss=([0-9\\.]+)' }];
const flush = () => new Promise((r) => setImmediate(r));

describe('shared/logCurves: what a tail covers once its backfill is read', () => {
  const cases: [string, Parameters<typeof tailCoverage>[0], LogEvent[] | undefined, ReturnType<typeof tailCoverage>][] = [
    ['from a time: every line from it on', { startTime: T + 5, backfillLines: 1000, startedAt: T + 99 }, [ev(1, 7, 'x')], T + 5],
    ['no backfill: from when it started', { backfillLines: 0, startedAt: T + 99 }, undefined, T + 99],
    ['fewer lines than asked for: the whole log', { backfillLines: 3, startedAt: T + 99 }, [ev(1, 1, 'a'), ev(2, 2, 'b')], 'all'],
    ['an empty log: all of it', { backfillLines: 3, startedAt: T + 99 }, undefined, 'all'],
    ['the last N lines: from the oldest of them', { backfillLines: 2, startedAt: T + 99 }, [ev(2, 4, 'a'), ev(1, 6, 'b')], T + 4],
  ];
  for (const [what, how, events, expected] of cases) {
    it(what, () => assert.equal(tailCoverage(how, events), expected));
  }
});

describe('shared/logCurves: a job\'s curve feed', () => {
  it('lines before the parser wait for it; hosts come from the stream names', () => {
    const feed = new JobCurveFeed(JOB);
    const seen: string[] = [];
    feed.onChange((changes) => changes.forEach((c) => seen.push(`${c.host} ${c.metric} ${c.appended.map((p) => p.value).join(',')}`)));
    feed.add([ev(1, 1, 'step 1 loss=0.9'), ev(2, 1, 'step 1 loss=0.8')]);
    assert.equal(feed.ready, false);
    assert.deepEqual(feed.counters, { lines: 2, points: 0 });
    feed.setParser(curveParserOf(DEFS, undefined));
    assert.deepEqual(seen, ['algo-1 train:loss 0.9', 'algo-2 train:loss 0.8']);
    feed.add([ev(1, 2, 'step 2 loss=0.7')]);
    assert.deepEqual(feed.snapshot().map((s) => [s.host, s.points.map((p) => p.value)]), [['algo-1', [0.9, 0.7]], ['algo-2', [0.8]]]);
  });

  it('a second live reader\'s repeats are dropped (per stream, to the millisecond); an older window is kept', () => {
    const feed = new JobCurveFeed(JOB);
    feed.setParser(curveParserOf(DEFS, undefined));
    feed.add([ev(1, 10, ' loss=1'), ev(1, 11, ' loss=2'), ev(1, 11, ' loss=3')]);
    // The tail's backfill and the panel's reader overlap: the same lines again, and one new line of the same ms.
    feed.add([ev(1, 10, ' loss=1'), ev(1, 11, ' loss=3'), ev(1, 11, ' loss=4'), ev(1, 12, ' loss=5')]);
    feed.add([ev(1, 5, ' loss=0.5')], 'keep');
    assert.deepEqual(feed.snapshot()[0].points.map((p) => p.value), [1, 2, 3, 4, 5, 0.5]);
    assert.equal(feed.resumeFrom(), T + 12);
  });

  it('repeats are told apart per stream; a read of an older window moves no stream\'s newest line', () => {
    const feed = new JobCurveFeed(JOB);
    feed.setParser(curveParserOf(DEFS, undefined));
    feed.add([ev(2, 3, ' loss=7')], 'keep');
    assert.equal(feed.resumeFrom(), undefined, 'kept lines are no live reader\'s');
    // Three lines of one millisecond on host 1, the same text at the same time on host 2 (not a repeat).
    feed.add([ev(1, 10, ' loss=1'), ev(1, 10, ' loss=2'), ev(1, 10, ' loss=3'), ev(2, 10, ' loss=1')]);
    feed.add([ev(1, 10, ' loss=3'), ev(1, 10, ' loss=2'), ev(2, 10, ' loss=1'), ev(1, 10, ' loss=4'), ev(2, 9, ' loss=9')]);
    assert.deepEqual(
      feed.snapshot().map((s) => [s.host, s.points.map((p) => p.value)]),
      [
        ['algo-2', [7, 1]],
        ['algo-1', [1, 2, 3, 4]],
      ],
    );
    assert.equal(feed.resumeFrom(), T + 10);
  });

  it('more streams than it looks for by identity (20 hosts, interleaved, a name string per event or per page): each line is its host\'s once; no listener, the same series', () => {
    const hosts = Array.from({ length: 20 }, (_, i) => i + 1);
    const pageNames = new Map(hosts.map((h) => [h, stream(h)]));
    const pages = Array.from({ length: 6 }, (_, p) =>
      hosts.flatMap((h) => [0, 1].map((k): LogEvent => ({ logStreamName: p % 2 === 0 ? stream(h) : (pageNames.get(h) ?? ''), timestamp: T + p * 10 + k, message: `step ${p} loss=${h}.${p}${k}` }))),
    );
    const told = new JobCurveFeed(JOB, 4);
    const quiet = new JobCurveFeed(JOB, 4);
    const heard: number[] = [];
    told.onChange((changes) => heard.push(changes.length));
    for (const f of [told, quiet]) {
      f.setParser(curveParserOf(DEFS, undefined));
      pages.forEach((page) => f.add(page));
      // A second reader gives the last page again: nothing new.
      f.add(pages[pages.length - 1]);
    }
    assert.deepEqual(heard, [20, 20, 20, 20, 20, 20]);
    const series = told.snapshot();
    assert.deepEqual(series.map((s) => s.host), hosts.map((h) => `algo-${h}`));
    for (const s of series) {
      const h = Number(s.host.slice('algo-'.length));
      assert.equal(s.latest.value, Number(`${h}.51`), s.host);
      assert.ok(s.points.every((p) => Math.floor(p.value) === h), `${s.host}: ${s.points.map((p) => p.value)}`);
      assert.equal(s.stride, 4, `${s.host}: 12 points through a bound of 4`);
    }
    assert.deepEqual(quiet.snapshot(), series);
    assert.deepEqual(quiet.counters, { lines: 240, points: 240 });
  });

  it('MetricDefinitions JavaScript cannot express are named with why; none usable → the log patterns, their problems too', () => {
    const bad = curveParserOf([{ name: 'x', regex: '(?P<v' }], [{ regex: 'no groups' }]);
    assert.equal(bad.source, 'logPatterns');
    assert.equal(bad.problems.length, 2);
    assert.match(bad.problems[0], /^MetricDefinition x: /);
    assert.match(bad.problems[1], /^logPatterns\[0\]: needs a \(\?<value>/);
  });
});

describe('shared/logCurves: the window\'s feeds and the tails that feed them', () => {
  const feeds = (parser = async () => curveParserOf(DEFS, undefined)) => new JobCurveFeeds(parser);

  it('one feed per job while held; released with the last holder (a new one starts empty)', async () => {
    const f = feeds();
    const a = f.acquire(JOB);
    const b = f.acquire(JOB);
    assert.equal(a.feed, b.feed);
    await flush();
    a.feed.add([ev(1, 1, ' loss=1')]);
    a.release();
    a.release();
    assert.equal(f.peek(JOB), b.feed);
    b.release();
    assert.equal(f.peek(JOB), undefined);
    const c = f.acquire(JOB);
    await flush();
    assert.deepEqual(c.feed.snapshot(), []);
  });

  it('a tail feeds every line it reads; its coverage is known after its backfill; a filter pattern or its end detaches it', async () => {
    const f = feeds();
    const panel = f.acquire(JOB);
    await flush();
    const tap = f.attachTail(JOB, { backfillLines: 2, startedAt: T });
    assert.equal(panel.feed.tailCount, 1);
    assert.equal(panel.feed.tailCoverage, undefined, 'not before its backfill');
    tap.update({ kind: 'notice', text: 'No log streams yet' } as never);
    assert.equal(panel.feed.tailCoverage, undefined);
    tap.update({ kind: 'events', events: [ev(1, 4, ' loss=1'), ev(2, 6, ' loss=2')] });
    assert.equal(panel.feed.tailCoverage, T + 4);
    tap.update({ kind: 'events', events: [ev(1, 8, ' loss=3')] });
    assert.equal(panel.feed.tailCoverage, T + 4);
    assert.equal(panel.feed.counters.points, 3);
    tap.update({ kind: 'filter', filterPattern: 'ERROR' });
    assert.equal(panel.feed.tailCount, 0);
    tap.update({ kind: 'events', events: [ev(1, 9, ' loss=9')] });
    assert.equal(panel.feed.counters.points, 3, 'nothing after the filter');
    const other = f.attachTail(JOB, { backfillLines: 1000, startedAt: T });
    other.update({ kind: 'mode', mode: 'polling' } as never);
    assert.equal(panel.feed.tailCoverage, 'all', 'an empty backfill: the log was empty');
    other.detach();
    other.detach();
    assert.equal(panel.feed.tailCount, 0);
    panel.release();
    assert.equal(f.peek(JOB), undefined);
  });

  it('a tail keeps the job\'s feed (and its points) while no panel is open', async () => {
    const f = feeds();
    const tap = f.attachTail(JOB, { backfillLines: 10, startedAt: T });
    tap.update({ kind: 'events', events: [ev(1, 1, ' loss=1')] });
    await flush();
    const panel = f.acquire(JOB);
    assert.deepEqual(panel.feed.snapshot().map((s) => s.points.length), [1]);
    assert.equal(panel.feed.tailCoverage, 'all');
  });

  it('a tail that attaches while a reader of the job\'s own follows it holds its lines until the reader stopped; they go in after the reader\'s', async () => {
    const f = feeds();
    const panel = f.acquire(JOB);
    await flush();
    const stopped = f.readerFollowing(JOB);
    panel.feed.add([ev(1, 1, ' loss=1')]);
    const tap = f.attachTail(JOB, { backfillLines: 0, startedAt: T + 10 });
    // The tail starts from later than the reader got: lines 2 and 3 only the reader gives, after the tail's.
    tap.update({ kind: 'events', events: [ev(1, 4, ' loss=4')] });
    assert.equal(panel.feed.tailCoverage, T + 10);
    assert.deepEqual(panel.feed.snapshot()[0].points.map((p) => p.value), [1]);
    panel.feed.add([ev(1, 2, ' loss=2'), ev(1, 3, ' loss=3'), ev(1, 4, ' loss=4')]);
    tap.update({ kind: 'events', events: [ev(1, 5, ' loss=5')] });
    // The tail stops before the reader has: its lines still go in, and the feed stays until then.
    tap.detach();
    panel.release();
    assert.ok(f.peek(JOB), 'held by the lines the tail holds back');
    const feed = panel.feed;
    stopped();
    stopped();
    assert.deepEqual(feed.snapshot()[0].points.map((p) => p.value), [1, 2, 3, 4, 5]);
    assert.equal(f.peek(JOB), undefined, 'then let go');
    // No reader now: a new tail's lines go in at once.
    const later = f.attachTail(JOB, { backfillLines: 0, startedAt: T });
    later.update({ kind: 'events', events: [ev(1, 6, ' loss=6')] });
    assert.deepEqual(f.peek(JOB)?.counters.lines, 1);
    later.detach();
  });

  it('a job that cannot be described: no curves, and why', async () => {
    const f = feeds(async () => {
      throw new Error('AccessDenied: sagemaker:DescribeTrainingJob');
    });
    const ref = f.acquire(JOB);
    await flush();
    ref.feed.add([ev(1, 1, ' loss=1')]);
    assert.equal(ref.feed.failed, 'AccessDenied: sagemaker:DescribeTrainingJob');
    assert.deepEqual(ref.feed.snapshot(), []);
  });
});
