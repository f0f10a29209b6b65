// A panel's own reader of a job's log and a tail of the job that starts while it follows: the reader hands over
// (reads what is there, stops), the tail's lines go on from there — no line lost, none doubled, no more requests
// from the panel — and when the tail stops the panel follows again from where it got to. The real tail engine on
// both sides, a fake clock and a fake CloudWatch Logs (each side its own request counters, one log).
import * as assert from 'node:assert/strict';
import { RequestBudget } from '../../../src/logs/engine/budget';
import { streamQuery } from '../../../src/logs/engine/events';
import { PollingTail } from '../../../src/logs/engine/tail';
import { readJobLines } from '../../../src/logs/jobLines';
import { PanelCurves } from '../../../src/metrics/panelCurves';
import { JobCurveFeeds, curveParserOf } from '../../../src/shared/logCurves/feeds';
import type { JobLineReader, JobLinesControl, JobLinesRequest } from '../../../src/shared/logs/jobLines';
import type { GetEventsPage, GetEventsRequest } from '../../../src/shared/logs/source';
import { waitFor } from '../../waitFor';
import { FakeClock, FakeLogs } from '../logs/engine/fakes';

const JOB = 'bert-ft';
const S1 = `${JOB}/algo-1-1767225600`;
const S2 = `${JOB}/algo-2-1767225600`;
const DEFS = [{ name: 'train:loss', regex: ' loss=([0-9\\.]+)' }];

/** One log, seen by each reader through its own counters; `hold` keeps a reader's requests waiting. */
class SideLogs extends FakeLogs {
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  constructor(shared?: FakeLogs) {
    super();
    if (shared) {
      Object.assign(this, { streams: shared.streams });
    }
  }
  hold(): void {
    this.gate = new Promise((r) => (this.open = r));
  }
  release(): void {
    this.gate = undefined;
    this.open?.();
  }
  override async getEvents(r: GetEventsRequest): Promise<GetEventsPage> {
    await this.gate;
    return super.getEvents(r);
  }
  get requests(): number {
    return this.calls.getEvents + this.calls.filterEvents;
  }
}

/** What each test started, stopped after it whatever happened (a failed test must not leave readers polling). */
const cleanups: (() => void)[] = [];

function world(options: { repeats?: boolean } = {}) {
  const clock = new FakeClock();
  const start = clock.now();
  const panelSide = new SideLogs();
  const tailSide = new SideLogs(panelSide);
  if (options.repeats) {
    // A server that sends the last page again now and then (its token does not move): both readers see it.
    for (const side of [panelSide, tailSide]) {
      const get = side.getEvents.bind(side);
      let n = 0;
      side.getEvents = async (r) => {
        const page = await get(r);
        return ++n % 3 === 0 && r.nextToken ? { ...page, nextForwardToken: r.nextToken } : page;
      };
    }
  }
  const feeds = new JobCurveFeeds(async () => curveParserOf(DEFS, undefined));
  const reads: { request: JobLinesRequest; control: JobLinesControl | undefined }[] = [];
  const warnings: string[] = [];
  const read: JobLineReader = (request, signal, onEvents, onFollowing, control) => {
    reads.push({ request, control });
    const deps = { source: async () => panelSide, budget: async () => new RequestBudget(1000, 1000, clock), clock, pollIntervalSeconds: () => 1 };
    return readJobLines(deps, request, signal, onEvents, onFollowing, control);
  };
  const curves = new PanelCurves(JOB, { start, running: true }, { feeds, read, post: () => undefined, warn: (t) => warnings.push(t) });
  cleanups.push(() => curves.dispose());
  let written = 0;
  /** `loss=<n>` lines, alternately on the two hosts, at the (fake) time now. */
  const write = (count: number) => {
    for (let i = 0; i < count; i++, written++) {
      panelSide.append(written % 2 ? S2 : S1, { timestamp: clock.now(), message: ` loss=${written}` });
    }
  };
  /** A tail of the whole job, as the logs feature starts one: its own engine, its lines through the tap. */
  const startTail = (backfillLines: number) => {
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    const tap = feeds.attachTail(JOB, { backfillLines, startedAt: clock.now() });
    const tail = new PollingTail(tailSide, { query: streamQuery({ kind: 'trainingJob', trainingJobName: JOB }), backfillLines, follow: true, pollIntervalMs: 1000, discoverIntervalMs: 5000, trainingJobName: JOB }, new RequestBudget(1000, 1000, clock), clock);
    const done = (async () => {
      try {
        for await (const u of tail.run(abort.signal)) {
          tap.update(u);
        }
      } catch {
        // stopped
      } finally {
        tap.detach();
      }
    })();
    return { stop: () => abort.abort(), done };
  };
  /** Every point's value (the line's number), per host, in the feed's order. */
  const points = () =>
    curves.feed
      .snapshot()
      .sort((a, b) => a.host.localeCompare(b.host))
      .map((s) => s.points.map((p) => p.value));
  const expected = () => [0, 1].map((odd) => Array.from({ length: written }, (_, i) => i).filter((i) => i % 2 === odd));
  const allOnce = (what: string) => waitFor(what, () => (JSON.stringify(points()) === JSON.stringify(expected()) ? true : undefined), 5000, 5);
  return { clock, panelSide, tailSide, feeds, reads, warnings, curves, write, startTail, points, expected, allOnce };
}

/** The panel's reader sends nothing more: its counter stays put while the tail polls on. */
async function panelQuiet(w: ReturnType<typeof world>): Promise<void> {
  const before = w.panelSide.requests;
  const tailBefore = w.tailSide.requests;
  await waitFor('the tail to poll on', () => (w.tailSide.requests > tailBefore + 20 ? true : undefined), 5000, 5);
  assert.equal(w.panelSide.requests, before, 'the panel\'s reader sent no request after handing over');
}

describe('metrics/panelCurves: a tail that starts while the panel follows the job takes over', function () {
  this.timeout(20_000);
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('the tail starts later than the reader got (no backfill): the reader reads the lines in between, stops; each point once', async () => {
    const w = world();
    w.write(6);
    await w.allOnce('the panel\'s reader to read the first lines');
    await waitFor('the panel to follow', () => (w.curves.reading === 'following' ? true : undefined), 5000, 5);
    // Lines the panel's reader has not read yet when the tail starts from the end of the log: only it can give them.
    w.panelSide.hold();
    w.write(6);
    const tail = w.startTail(0);
    await waitFor('the tail to read where the streams end', () => (w.feeds.peek(JOB)?.tailCoverage !== undefined ? true : undefined), 5000, 5);
    w.write(4);
    // The tail reads those before the reader may go on: they wait for the reader's last lines.
    const tailAt = w.tailSide.requests;
    await waitFor('the tail to poll', () => (w.tailSide.requests > tailAt + 10 ? true : undefined), 5000, 5);
    assert.deepEqual(w.points(), [[0, 2, 4], [1, 3, 5]], 'the tail\'s lines wait for the reader');
    w.panelSide.release();
    await waitFor('the hand-over', () => (w.curves.reading === 'tail' ? true : undefined), 5000, 5);
    w.write(4);
    await w.allOnce('every line once, in order per host');
    await panelQuiet(w);
    w.write(2);
    await w.allOnce('a line logged after the hand-over, once');
    assert.deepEqual(w.warnings, []);
    tail.stop();
    await tail.done;
    w.curves.dispose();
  });

  it('the tail read the whole log (its backfill had fewer lines than it asked for): the reader stops at once; the tail\'s repeats are dropped', async () => {
    const w = world();
    w.write(10);
    await w.allOnce('the panel\'s reader to read the lines');
    await waitFor('the panel to follow', () => (w.curves.reading === 'following' ? true : undefined), 5000, 5);
    const tail = w.startTail(1000);
    await waitFor('the hand-over', () => (w.curves.reading === 'tail' ? true : undefined), 5000, 5);
    w.write(5);
    await w.allOnce('every line once');
    await panelQuiet(w);
    tail.stop();
    await tail.done;
    w.curves.dispose();
  });

  it('the tail read the last N lines (from earlier than the reader got): one last round, then the tail alone; the tail stops: the panel follows from where it got to', async () => {
    const w = world({ repeats: true });
    w.write(20);
    await w.allOnce('the panel\'s reader to read the lines');
    await waitFor('the panel to follow', () => (w.curves.reading === 'following' ? true : undefined), 5000, 5);
    const tail = w.startTail(6);
    await waitFor('the hand-over', () => (w.curves.reading === 'tail' ? true : undefined), 5000, 5);
    w.write(7);
    await w.allOnce('every line once');
    await panelQuiet(w);
    tail.stop();
    await tail.done;
    await waitFor('the panel to follow again', () => (w.curves.reading === 'following' && w.reads.length === 2 ? true : undefined), 5000, 5);
    const lastLine = Math.max(...[...w.panelSide.streams.values()].map((l) => l[l.length - 1].timestamp));
    assert.equal(w.reads[1].request.startTime, Math.min(...[...w.panelSide.streams.values()].map((l) => l[l.length - 1].timestamp)), 'from the older of the streams\' newest lines');
    assert.ok(w.reads[1].request.startTime > w.reads[0].request.startTime && w.reads[1].request.startTime <= lastLine);
    w.write(5);
    await w.allOnce('lines after the tail stopped, once');
    w.curves.dispose();
  });

  it('hidden, the panel\'s reader polls at the idle pace; shown again, at full speed', async () => {
    const w = world();
    w.write(2);
    await w.allOnce('the first lines');
    await waitFor('the panel to follow', () => (w.curves.reading === 'following' ? true : undefined), 5000, 5);
    const control = w.reads[0].control;
    assert.ok(control);
    // The job logs a line at every read: never quiet, so only the panel's visibility sets the pace.
    let lastRead = 0;
    w.panelSide.afterRead = () => {
      lastRead = w.clock.now();
      w.write(1);
    };
    /** Fake time per request (two hosts: a request per host a round). */
    const pace = async () => {
      const t0 = w.clock.now();
      const r0 = w.panelSide.requests;
      await waitFor('requests', () => (w.panelSide.requests >= r0 + 20 ? true : undefined), 5000, 5);
      return (lastRead - t0) / (w.panelSide.requests - r0);
    };
    w.curves.setVisible(false);
    assert.equal(control.inSight, false);
    const hidden = await pace();
    w.curves.setVisible(true);
    assert.equal(control.inSight, true);
    const shown = await pace();
    assert.ok(hidden >= 2000 && shown <= 800, `hidden: a request every ${hidden} ms of fake time, shown: every ${shown} ms`);
    w.panelSide.afterRead = () => undefined;
    await w.allOnce('every line once');
  });
});
