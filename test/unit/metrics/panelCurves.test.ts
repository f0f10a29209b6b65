import * as assert from 'node:assert/strict';
import { PanelCurves } from '../../../src/metrics/panelCurves';
import { JobCurveFeeds, curveParserOf } from '../../../src/shared/logCurves/feeds';
import type { JobLinesRequest } from '../../../src/shared/logs/jobLines';
import type { LogEvent } from '../../../src/shared/logs/source';
import type { CurvesMessage } from '../../../src/shared/metrics/curvesProtocol';
import { waitFor } from '../../waitFor';

const T = Date.UTC(2026, 0, 1);
const JOB = 'bert-ft';
const ev = (host: number, t: number, message: string): LogEvent => ({ logStreamName: `${JOB}/algo-${host}-1767225600`, timestamp: T + t, message });
const DEFS = [{ name: 'train:loss', regex: ' loss=([0-9\\.]+)' }];
const flush = () => new Promise((r) => setImmediate(r));

/** A reader that records its requests; each read hands out `lines` and waits until released. */
function fakeReader(lines: LogEvent[] = []) {
  const reads: { request: JobLinesRequest; signal: AbortSignal; push: (e: LogEvent[]) => void; finish: () => void }[] = [];
  const read = (request: JobLinesRequest, signal: AbortSignal, onEvents: (e: readonly LogEvent[]) => void, onFollowing?: () => void) =>
    new Promise<void>((resolve) => {
      reads.push({ request, signal, push: (e) => onEvents(e), finish: resolve });
      onEvents(lines);
      if (request.follow) onFollowing?.();
      signal.addEventListener('abort', () => resolve());
    });
  return { reads, read };
}

function setup(job: { start: number; running: boolean }, lines: LogEvent[] = []) {
  const feeds = new JobCurveFeeds(async () => curveParserOf(DEFS, undefined));
  const reader = fakeReader(lines);
  const posted: CurvesMessage[] = [];
  const make = () => new PanelCurves(JOB, job, { feeds, read: reader.read, post: (m) => posted.push(m), warn: () => undefined });
  return { feeds, reader, posted, make };
}

describe('metrics/panelCurves: a training job panel\'s from-logs curves', () => {
  it('no tail: the job\'s log is read once from its start and followed while it runs; new lines reach the page in a batch', async () => {
    const s = setup({ start: T, running: true }, [ev(1, 1, ' loss=1')]);
    const curves = s.make();
    await flush();
    assert.deepEqual(s.reader.reads.map((r) => r.request), [{ trainingJobName: JOB, startTime: T, follow: true }]);
    assert.equal(curves.reading, 'following');
    const first = s.posted.find((m) => m.reset);
    assert.ok(first);
    assert.deepEqual(first.series.map((x) => [x.host, x.metric, x.replace, x.points.map((p) => p.v)]), [['algo-1', 'train:loss', true, [1]]]);
    const before = s.posted.length;
    s.reader.reads[0].push([ev(1, 2, ' loss=0.9'), ev(2, 2, ' loss=0.8')]);
    s.reader.reads[0].push([ev(1, 3, ' loss=0.7')]);
    const batch = await waitFor('the batch', () => s.posted.slice(before).find((m) => m.series.length > 0), 1000, 5);
    assert.deepEqual(batch.series.map((x) => [x.host, x.replace, x.points.map((p) => p.v)]), [['algo-1', false, [0.9, 0.7]], ['algo-2', false, [0.8]]]);
    assert.equal(batch.lines, 4);
    curves.dispose();
    assert.equal(s.reader.reads[0].signal.aborted, true);
    assert.equal(s.feeds.peek(JOB), undefined, 'the points go with the panel');
  });

  it('a tail that read the whole log: no request at all, its points are there', async () => {
    const s = setup({ start: T, running: true });
    const tap = s.feeds.attachTail(JOB, { backfillLines: 1000, startedAt: T + 50 });
    tap.update({ kind: 'events', events: [ev(1, 1, ' loss=1'), ev(1, 2, ' loss=0.5')] });
    await flush();
    const curves = s.make();
    await flush();
    assert.equal(s.reader.reads.length, 0);
    assert.equal(curves.reading, 'tail');
    assert.deepEqual(s.posted.find((m) => m.reset)?.series[0].points.map((p) => p.v), [1, 0.5]);
    assert.match(s.posted[s.posted.length - 1].reading, /running tail/);
    curves.dispose();
    assert.ok(s.feeds.peek(JOB), 'the tail still holds the feed');
  });

  it('a tail that read the last N lines: only the older part is read, once, up to where the tail\'s begin; then the tail stops and the panel follows', async () => {
    const s = setup({ start: T, running: true }, [ev(1, 1, ' loss=2')]);
    const tap = s.feeds.attachTail(JOB, { backfillLines: 1, startedAt: T + 50 });
    const curves = s.make();
    await flush();
    assert.equal(s.reader.reads.length, 0, 'waits for the tail\'s backfill');
    assert.equal(curves.reading, 'waiting');
    tap.update({ kind: 'events', events: [ev(1, 10, ' loss=1')] });
    await flush();
    assert.deepEqual(s.reader.reads.map((r) => r.request), [{ trainingJobName: JOB, startTime: T, endTime: T + 10, follow: false }]);
    s.reader.reads[0].finish();
    await flush();
    assert.deepEqual(curves.feed.snapshot()[0].points.map((p) => p.value), [1, 2]);
    tap.update({ kind: 'events', events: [ev(1, 20, ' loss=0.5')] });
    tap.detach();
    await flush();
    assert.deepEqual(s.reader.reads.map((r) => r.request).slice(1), [{ trainingJobName: JOB, startTime: T + 20, follow: true }], 'from where the tail was');
    curves.dispose();
  });

  it('a job that ended, read once: no follow, and no second read when the page reloads', async () => {
    const s = setup({ start: T, running: false }, [ev(1, 1, ' loss=1')]);
    const curves = s.make();
    await flush();
    s.reader.reads[0].finish();
    await flush();
    assert.equal(curves.reading, 'done');
    curves.resend();
    await flush();
    assert.equal(s.reader.reads.length, 1);
    assert.equal(s.posted.filter((m) => m.reset).length, 2);
    curves.dispose();
  });
});
