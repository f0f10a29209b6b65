// The compare panel's from-logs curves without VS Code: each job's series from its curve messages, one line per
// job (its first host), aligned by time since start or by step / epoch; the CSV with them; the job colours; the
// messages' guards; and the host side: one shared feed reader per job, stopped when the panel lets go.
import * as assert from 'node:assert/strict';
import { CompareCurves } from '../../../src/metrics/compareCurves';
import { isCompareHostToWebview, isCompareViewState, isCompareWebviewToHost, readsLogs, xAxisOf } from '../../../src/shared/compareProtocol';
import { JobCurveFeeds, curveParserOf } from '../../../src/shared/logCurves/feeds';
import type { JobLinesControl, JobLinesRequest } from '../../../src/shared/logs/jobLines';
import type { LogEvent } from '../../../src/shared/logs/source';
import { COMPARE_CSV_HEADER, compareCsv, compareSpec, type CompareJob } from '../../../src/shared/metrics/compare';
import { CompareCurveStore, alignCurve, jobHost } from '../../../src/shared/metrics/compareCurves';
import { COMPARE_PALETTE, compareJobColour, dashedJob } from '../../../src/shared/metrics/comparePalette';
import type { CurvePointData, CurvesMessage } from '../../../src/shared/metrics/curvesProtocol';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 1, 9, 0);

function job(name: string, over: Partial<CompareJob> = {}): CompareJob {
  return { name, status: 'Completed', startedAt: T0, endedAt: T0 + 30 * MIN, instanceCount: 1, metricNames: ['train:loss'], hyperParameters: {}, ...over };
}

function message(series: CurvesMessage['series'], over: Partial<CurvesMessage> = {}): CurvesMessage {
  return { type: 'curves', reset: false, source: 'metricDefinitions', problems: [], reading: 'Read the job\'s logs.', lines: 10, points: series.reduce((n, s) => n + s.points.length, 0), series, ...over };
}

const pt = (minutes: number, v: number, s?: number, e?: number): CurvePointData => ({ t: T0 + minutes * MIN, v, ...(s !== undefined ? { s } : {}), ...(e !== undefined ? { e } : {}) });

describe('compare: from-logs series', () => {
  it('keeps each job\'s series apart: replace, append in time order, a reset forgets only that job', () => {
    const store = new CompareCurveStore();
    store.apply(0, message([{ host: 'algo-1', metric: 'loss', replace: true, points: [pt(2, 0.8), pt(1, 0.9)] }], { reset: true }));
    store.apply(1, message([{ host: 'algo-1', metric: 'acc', replace: true, points: [pt(1, 0.5)] }, { host: 'algo-1', metric: 'loss', replace: true, points: [pt(1, 1.2)] }], { reset: true }));
    store.apply(0, message([{ host: 'algo-1', metric: 'loss', replace: false, points: [pt(3, 0.7), pt(1.5, 0.85)] }]));
    assert.deepEqual(store.curve(0, 'loss')?.points.map((p) => p.v), [0.9, 0.85, 0.8, 0.7]);
    assert.deepEqual(store.metrics(), ['loss', 'acc'], 'first seen first');
    store.apply(1, message([{ host: 'algo-1', metric: 'loss', replace: true, points: [pt(1, 1.1)] }], { reset: true }));
    assert.equal(store.curve(1, 'acc'), undefined, 'the reset forgot job 1\'s acc');
    assert.deepEqual(store.metrics(), ['loss'], 'no job has acc points: no chart');
    assert.deepEqual(store.curve(0, 'loss')?.points.length, 4, 'job 0 untouched');
    assert.equal(store.status(1)?.points, 1);
    assert.equal(store.status(2), undefined);
  });

  it('one line per job: algo-1, else the first host by number that logged the metric; the CSV keeps every host', () => {
    const byHost = (hosts: string[]) => new Map(hosts.map((h) => [h, [pt(1, 1)]]));
    assert.equal(jobHost(byHost(['algo-2', 'algo-10', 'algo-1'])), 'algo-1');
    assert.equal(jobHost(byHost(['algo-10', 'algo-3'])), 'algo-3');
    assert.equal(jobHost(new Map([['algo-1', []], ['algo-2', [pt(1, 1)]]])), 'algo-2', 'a host without points is not the job\'s line');
    const store = new CompareCurveStore();
    store.apply(0, message([{ host: 'algo-2', metric: 'loss', replace: true, points: [pt(1, 2)] }, { host: 'algo-1', metric: 'loss', replace: true, points: [pt(1, 1)] }], { reset: true }));
    assert.deepEqual({ ...store.curve(0, 'loss'), points: undefined }, { host: 'algo-1', hostCount: 2, points: undefined });
    const spec = compareSpec([job('a')], { instanceMetrics: false, title: 't' });
    const csv = compareCsv(spec, [], store).trim().split('\n');
    assert.deepEqual(csv, [
      COMPARE_CSV_HEADER,
      `From logs: loss,a,,loss,,1.00,${new Date(T0 + MIN).toISOString()},1,,logs,algo-1,,`,
      `From logs: loss,a,,loss,,1.00,${new Date(T0 + MIN).toISOString()},2,,logs,algo-2,,`,
    ]);
  });

  it('CSV: CloudWatch rows say their source; from-logs rows carry step and epoch', () => {
    const spec = compareSpec([job('a'), job('b', { startedAt: T0 + 10 * MIN })], { instanceMetrics: false, title: 't' });
    const store = new CompareCurveStore();
    store.apply(1, message([{ host: 'algo-1', metric: 'loss', replace: true, points: [pt(12, 0.5, 40, 1.5)] }], { reset: true }));
    const csv = compareCsv(spec, [{ id: spec.charts[0].series[0].id, timestamps: [T0 + MIN], values: [0.25] }], store).trim().split('\n');
    assert.deepEqual(csv.slice(1), [
      `train:loss,a,/aws/sagemaker/TrainingJobs,train:loss,Average,1.00,${new Date(T0 + MIN).toISOString()},0.25,,CloudWatch,,,`,
      `From logs: loss,b,,loss,,2.00,${new Date(T0 + 12 * MIN).toISOString()},0.5,,logs,algo-1,40,1.5`,
    ]);
  });

  it('aligns by minutes since the job started (lines before it left out), or by step / epoch (lines without one left out, sorted)', () => {
    const points = [pt(-5, 9), pt(0.5, 1, 10), pt(2, 0.8), pt(3, 0.7, 5, 1)];
    assert.deepEqual(alignCurve(points, 'time', T0), [{ x: 0.5, y: 1 }, { x: 2, y: 0.8 }, { x: 3, y: 0.7 }]);
    assert.deepEqual(alignCurve(points, 'time', undefined), [], 'no start: no time axis');
    assert.deepEqual(alignCurve(points, 'step', T0), [{ x: 5, y: 0.7 }, { x: 10, y: 1 }]);
    assert.deepEqual(alignCurve(points, 'epoch', T0), [{ x: 1, y: 0.7 }]);
    // Two jobs started 10 minutes apart: the same minute since start is the same x.
    assert.deepEqual(alignCurve([pt(14, 0.3)], 'time', T0 + 10 * MIN), [{ x: 4, y: 0.3 }]);
  });

  it('offers step / epoch only once some job\'s lines carry them', () => {
    const store = new CompareCurveStore();
    store.apply(0, message([{ host: 'algo-1', metric: 'loss', replace: true, points: [pt(1, 1)] }], { reset: true }));
    assert.deepEqual(store.axes(), ['time']);
    store.apply(1, message([{ host: 'algo-1', metric: 'loss', replace: true, points: [pt(1, 1, undefined, 0.5)] }], { reset: true }));
    assert.deepEqual(store.axes(), ['time', 'epoch']);
    store.apply(0, message([{ host: 'algo-2', metric: 'loss', replace: false, points: [pt(2, 1, 100)] }]));
    assert.deepEqual(store.axes(), ['time', 'step', 'epoch']);
  });
});

describe('compare: job colours', () => {
  const channel = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const luminance = (hex: string) => {
    const [r, g, b] = rgb(hex).map(channel);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const lab = (hex: string) => {
    const [r, g, b] = rgb(hex).map(channel);
    const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    const [x, y, z] = [(r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047, r * 0.2126 + g * 0.7152 + b * 0.0722, (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883].map(f);
    return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
  };
  const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

  it('every colour reads on a light and a dark editor (3:1), and no two look alike (ΔE ≥ 30)', () => {
    for (const c of COMPARE_PALETTE) {
      assert.ok(contrast(c, '#ffffff') >= 3, `${c} on white: ${contrast(c, '#ffffff').toFixed(2)}`);
      assert.ok(contrast(c, '#1e1e1e') >= 3, `${c} on #1e1e1e: ${contrast(c, '#1e1e1e').toFixed(2)}`);
    }
    for (let i = 0; i < COMPARE_PALETTE.length; i++) {
      for (let j = i + 1; j < COMPARE_PALETTE.length; j++) {
        const d = deltaE(COMPARE_PALETTE[i], COMPARE_PALETTE[j]);
        assert.ok(d >= 30, `colours ${i + 1} and ${j + 1} (${COMPARE_PALETTE[i]}, ${COMPARE_PALETTE[j]}) are ΔE ${d.toFixed(1)} apart`);
      }
    }
    // VS Code's light theme orange and yellow (the old colours 2 and 5) fail this.
    assert.ok(deltaE('#d18616', '#bf8803') < 30);
  });

  it('jobs past the palette take its colours again, dashed', () => {
    const n = COMPARE_PALETTE.length;
    assert.equal(compareJobColour(n + 1), compareJobColour(1));
    assert.deepEqual([dashedJob(n - 1), dashedJob(n)], [false, true]);
  });
});

describe('compare: from-logs messages and view', () => {
  it('the view: x axis and from-logs default to time and on; old saved views still read', () => {
    assert.equal(isCompareViewState({ instanceMetrics: false }), true);
    assert.equal(isCompareViewState({ instanceMetrics: false, xAxis: 'step', fromLogs: false }), true);
    assert.equal(isCompareViewState({ instanceMetrics: false, xAxis: 'iteration' }), false);
    assert.equal(isCompareViewState({ instanceMetrics: false, fromLogs: 'yes' }), false);
    assert.deepEqual([xAxisOf({ instanceMetrics: false }), readsLogs({ instanceMetrics: false }), readsLogs({ instanceMetrics: false, fromLogs: false })], ['time', true, false]);
  });

  it('a job\'s curves message and the page\'s report of them are checked on arrival', () => {
    const curves = message([{ host: 'algo-1', metric: 'loss', replace: true, points: [pt(1, 1, 2)] }], { reset: true });
    assert.equal(isCompareHostToWebview({ type: 'curves', job: 1, curves }), true);
    assert.equal(isCompareHostToWebview({ type: 'curves', job: -1, curves }), false);
    assert.equal(isCompareHostToWebview({ type: 'curves', job: 0.5, curves }), false);
    assert.equal(isCompareHostToWebview({ type: 'curves', job: 0, curves: { ...curves, series: [{ host: 'algo-1', metric: 'loss', replace: true, points: [{ t: 1, v: NaN }] }] } }), false);
    const shown = { type: 'shown', state: 'data', text: '', hyperparameters: [], points: {} };
    const logs = { axis: 'step', cloudWatchHidden: true, series: [{ job: 'a', metric: 'loss', host: 'algo-1', points: 3 }], notes: ['a: …'] };
    assert.equal(isCompareWebviewToHost({ ...shown, logs }), true);
    assert.equal(isCompareWebviewToHost({ ...shown, logs: { ...logs, axis: 'minute' } }), false);
    assert.equal(isCompareWebviewToHost({ ...shown, logs: { ...logs, series: [{ job: 'a', metric: 'loss', host: 'algo-1', points: Infinity }] } }), false);
  });
});

describe('compare: the host reads each job\'s lines through the shared feeds', () => {
  const flush = () => new Promise((r) => setImmediate(r));
  const ev = (name: string, t: number, message: string): LogEvent => ({ logStreamName: `${name}/algo-1-1767225600`, timestamp: T0 + t, message });

  it('a completed job is read once, a running one followed, a tailed one not read; closing stops the reads and lets the feeds go', async () => {
    const feeds = new JobCurveFeeds(async () => curveParserOf([{ name: 'loss', regex: 'loss=([0-9.]+)' }], undefined));
    const reads: { request: JobLinesRequest; signal: AbortSignal; control: JobLinesControl | undefined }[] = [];
    const read = (request: JobLinesRequest, signal: AbortSignal, onEvents: (e: readonly LogEvent[]) => void, onFollowing?: () => void, control?: JobLinesControl) =>
      new Promise<void>((resolve) => {
        reads.push({ request, signal, control });
        onEvents([ev(request.trainingJobName, 1000, 'loss=0.5')]);
        if (request.follow) onFollowing?.();
        else resolve();
        signal.addEventListener('abort', () => resolve());
      });
    const tap = feeds.attachTail('c', { backfillLines: 100, startedAt: T0 });
    tap.update({ kind: 'events', events: [ev('c', 5, 'loss=0.9')] });
    const posted: { job: number; points: number }[] = [];
    const jobs = [job('a'), job('b', { status: 'InProgress', endedAt: undefined }), job('c', { status: 'InProgress', endedAt: undefined })];
    const curves = new CompareCurves(jobs, { feeds, read, warn: () => undefined }, (m) => posted.push({ job: m.job, points: m.curves.points }));
    await flush();
    await flush();
    assert.deepEqual(reads.map((r) => [r.request.trainingJobName, r.request.startTime, r.request.follow]), [['a', T0, false], ['b', T0, true]]);
    assert.deepEqual(curves.readings, ['done', 'following', 'tail']);
    assert.deepEqual([0, 1, 2].map((j) => posted.filter((p) => p.job === j).pop()?.points), [1, 1, 1]);
    // The panel out of sight: the running job's reader slows to the idle pace, and comes back when shown.
    curves.setVisible(false);
    assert.equal(reads[1].control?.inSight, false);
    curves.setVisible(true);
    assert.equal(reads[1].control?.inSight, true);
    curves.dispose();
    assert.equal(reads[1].signal.aborted, true, 'the follow stops with the panel');
    assert.deepEqual(['a', 'b'].map((n) => feeds.peek(n)), [undefined, undefined]);
    assert.ok(feeds.peek('c'), 'the tail still holds its feed');
  });
});
