// Compare runs without VS Code: the charts and queries of a comparison, its one window and period, the
// elapsed-time alignment, the hyperparameter diff, the CSV; and the command's argument.
import * as assert from 'node:assert/strict';
import { parseCompareTarget } from '../../../src/shared/compareTargets';
import { isCompareHostToWebview, isCompareWebviewToHost } from '../../../src/shared/compareProtocol';
import {
  COMPARE_CSV_HEADER,
  alignByElapsed,
  compareCsv,
  comparePeriod,
  compareRange,
  compareSeries,
  compareSpec,
  formatDuration,
  hyperparameterRows,
  type CompareJob,
} from '../../../src/shared/metrics/compare';
import { MAX_DATAPOINTS_PER_CALL, pointsPerSeries } from '../../../src/shared/metrics/period';
import { buildMetricDataRequests } from '../../../src/shared/metrics/requests';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 1, 9, 0);

function job(name: string, over: Partial<CompareJob> = {}): CompareJob {
  return { name, status: 'Completed', startedAt: T0, endedAt: T0 + 30 * MIN, instanceCount: 1, metricNames: ['train:auc', 'validation:auc'], hyperParameters: { eta: '0.1', objective: 'binary:logistic' }, ...over };
}

describe('compare: charts and queries', () => {
  it('one chart per metric of the union (first seen first), one series per job that defines it', () => {
    const spec = compareSpec([job('a'), job('b', { metricNames: ['validation:auc', 'train:loss'] }), job('c', { metricNames: [] })], { instanceMetrics: false, title: 't' });
    assert.deepEqual(spec.charts.map((c) => c.title), ['train:auc', 'validation:auc', 'train:loss']);
    assert.deepEqual(spec.charts.map((c) => c.series.map((s) => s.label)), [['a'], ['a', 'b'], ['b']]);
    const auc = spec.charts[1].series[1];
    assert.equal(auc.namespace, '/aws/sagemaker/TrainingJobs');
    assert.deepEqual(auc.dimensions, [{ Name: 'TrainingJobName', Value: 'b' }]);
    assert.equal(auc.stat, 'Average');
    assert.equal(auc.job, 1);
    const ids = compareSeries(spec).map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'query ids are unique');
    assert.ok(ids.every((id) => /^[a-z][A-Za-z0-9_]*$/.test(id)), 'GetMetricData ids start with a lowercase letter');
  });

  it('instance metrics: CPU, GPU, memory of each job\'s algo-1 (Host dimension, Maximum), only when asked', () => {
    const spec = compareSpec([job('a'), job('b')], { instanceMetrics: true, title: 't' });
    const cpu = spec.charts.find((c) => c.id === 'instance-CPUUtilization');
    assert.ok(cpu);
    assert.deepEqual(cpu.series.map((s) => s.dimensions), [[{ Name: 'Host', Value: 'a/algo-1' }], [{ Name: 'Host', Value: 'b/algo-1' }]]);
    assert.ok(cpu.series.every((s) => s.stat === 'Maximum' && s.namespace === '/aws/sagemaker/TrainingJobs'));
    assert.equal(compareSpec([job('a'), job('b')], { instanceMetrics: false, title: 't' }).charts.some((c) => c.id.startsWith('instance')), false);
  });

  it('six jobs × two metrics are ONE GetMetricData request; 600 queries are two', () => {
    const jobs = Array.from({ length: 6 }, (_, i) => job(`j${i}`, { startedAt: T0 + i * 10 * MIN, endedAt: T0 + i * 10 * MIN + 40 * MIN }));
    const spec = compareSpec(jobs, { instanceMetrics: true, title: 't' });
    const now = T0 + 3 * 3600_000;
    const range = compareRange(jobs, now);
    const series = compareSeries(spec);
    assert.equal(series.length, 6 * 2 + 6 * 3);
    const requests = buildMetricDataRequests(series, range, comparePeriod(range, now, series.length).periodSeconds);
    assert.equal(requests.length, 1);
    assert.equal(requests[0].MetricDataQueries.length, 30);

    // 20 jobs × 30 metrics over a week: the period grows until 500 series fit one call's 100,800 datapoints.
    const many = Array.from({ length: 20 }, (_, i) => job(`k${i}`, { startedAt: T0 - 7 * 86_400_000, endedAt: T0, metricNames: Array.from({ length: 30 }, (_, m) => `m${m}`) }));
    const big = compareSeries(compareSpec(many, { instanceMetrics: false, title: 't' }));
    const wide = compareRange(many, T0 + MIN);
    const period = comparePeriod(wide, T0 + MIN, big.length);
    assert.ok(500 * pointsPerSeries(wide, period.periodSeconds) <= MAX_DATAPOINTS_PER_CALL, `period ${period.periodSeconds}`);
    assert.equal(buildMetricDataRequests(big, wide, period.periodSeconds).length, Math.ceil(600 / 500));
  });

  it('the window spans the first start to the last end (now for a running job), the period honours retention', () => {
    const now = T0 + 20 * 86_400_000;
    const old = job('old', { startedAt: T0, endedAt: T0 + 60 * MIN });
    const running = job('live', { status: 'InProgress', startedAt: now - 30 * MIN, endedAt: undefined });
    const range = compareRange([old, running], now);
    assert.equal(range.start, T0 - 5 * MIN);
    assert.equal(range.end, now);
    // Data older than 15 days is kept at 5 minutes at best.
    assert.equal(comparePeriod(range, now, 4).periodSeconds % 300, 0);
  });
});

describe('compare: alignment and table', () => {
  it('points are minutes since the job started, before the start left out, in display units', () => {
    const data = { id: 'c0', timestamps: [T0 - 5 * MIN, T0, T0 + MIN, T0 + 90 * 1000], values: [9, 1, 2, 3] };
    assert.deepEqual(alignByElapsed(data, T0, 100), [{ x: 0, y: 100 }, { x: 1, y: 200 }, { x: 1.5, y: 300 }]);
    assert.deepEqual(alignByElapsed(data, undefined), []);
    assert.deepEqual(alignByElapsed(undefined, T0), []);
  });

  it('hyperparameters: all names sorted, marked where the jobs differ (a missing one differs)', () => {
    const rows = hyperparameterRows([
      job('a', { hyperParameters: { eta: '0.1', objective: 'binary:logistic', num_round: '100' } }),
      job('b', { hyperParameters: { eta: '0.2', objective: 'binary:logistic', num_round: '100' } }),
      job('c', { hyperParameters: { eta: '0.1', objective: 'binary:logistic' } }),
    ]);
    assert.deepEqual(rows.map((r) => [r.name, r.differs]), [['eta', true], ['num_round', true], ['objective', false]]);
    assert.deepEqual(rows[1].values, ['100', '100', undefined]);
  });

  it('durations', () => {
    assert.equal(formatDuration(job('a'), 0), '30 min');
    assert.equal(formatDuration(job('a', { endedAt: T0 + 65 * MIN }), 0), '1 h 05 min');
    assert.equal(formatDuration(job('a', { status: 'InProgress', endedAt: undefined }), T0 + 42_000), '42 s');
    assert.equal(formatDuration(job('a', { startedAt: undefined }), 0), '—');
  });

  it('CSV: a row per datapoint with the minutes since its job started', () => {
    const spec = compareSpec([job('a'), job('b,c', { startedAt: T0 + 10 * MIN })], { instanceMetrics: false, title: 't' });
    const [a, b] = spec.charts[0].series;
    const csv = compareCsv(spec, [{ id: a.id, timestamps: [T0 + MIN], values: [0.5] }, { id: b.id, timestamps: [T0 + 12 * MIN], values: [0.75] }]);
    assert.deepEqual(csv.trim().split('\n'), [
      COMPARE_CSV_HEADER,
      `train:auc,a,/aws/sagemaker/TrainingJobs,train:auc,Average,1.00,${new Date(T0 + MIN).toISOString()},0.5,,CloudWatch,,,`,
      `train:auc,"b,c",/aws/sagemaker/TrainingJobs,train:auc,Average,2.00,${new Date(T0 + 12 * MIN).toISOString()},0.75,,CloudWatch,,,`,
    ]);
  });
});

describe('compare: the command\'s argument', () => {
  const node = (name: string, host?: string) => ({ metricsTarget: () => ({ kind: 'trainingJob', trainingJobName: name, ...(host ? { host } : {}) }), tailTarget: () => undefined });

  it('accepts two or more training jobs (trimmed, duplicates dropped) or a tuning job with top (default 6)', () => {
    assert.deepEqual(parseCompareTarget({ trainingJobNames: ['a', ' b ', 'a'] }), { ok: true, value: { kind: 'trainingJobs', trainingJobNames: ['a', 'b'] } });
    assert.deepEqual(parseCompareTarget({ tuningJobName: 'tj' }), { ok: true, value: { kind: 'tuningJob', tuningJobName: 'tj', top: 6 } });
    assert.deepEqual(parseCompareTarget({ tuningJobName: 'tj', top: 3 }), { ok: true, value: { kind: 'tuningJob', tuningJobName: 'tj', top: 3 } });
  });

  it('refuses what it cannot compare, saying why and what it expects', () => {
    const error = (arg: unknown, selected?: unknown) => {
      const r = parseCompareTarget(arg, selected);
      assert.equal(r.ok, false);
      return r.ok ? '' : r.error;
    };
    assert.match(error(undefined), /^Nothing to compare given\. Expected \{ trainingJobNames/);
    assert.match(error({ trainingJobNames: ['a'] }), /two or more different training jobs, got 1/);
    assert.match(error({ trainingJobNames: ['a', 'a'] }), /got 1/);
    assert.match(error({ trainingJobNames: 'a,b' }), /No "trainingJobNames" or "tuningJobName"/);
    assert.match(error({ trainingJobNames: ['a', 'bad name!'] }), /"bad name!" in "trainingJobNames" is not a valid/);
    assert.match(error({ trainingJobNames: ['a', 7] }), /7 in "trainingJobNames"/);
    assert.match(error({ trainingJobNames: Array.from({ length: 21 }, (_, i) => `j${i}`) }), /at most 20/);
    assert.match(error({ tuningJobName: 'tj', top: 1 }), /"top" must be a whole number from 2 to 20/);
    assert.match(error({ tuningJobName: 'tj', top: 2.5 }), /"top"/);
    assert.match(error({ tuningJobName: 'tj', trainingJobNames: ['a', 'b'] }), /takes \{ tuningJobName, top\? \}, not trainingJobNames/);
    assert.match(error(node('a'), [node('a')]), /Select two or more training jobs to compare \(only a is selected\)/);
    assert.match(error(node('a'), [node('a'), { metricsTarget: () => ({ kind: 'endpoint', endpointName: 'e' }), tailTarget: () => undefined }]), /training jobs only/);
    assert.match(error(node('a'), [node('a'), node('a', 'algo-1')]), /training jobs only/);
  });

  it('from the tree: the selected training jobs; a tuning job\'s node', () => {
    assert.deepEqual(parseCompareTarget(node('a'), [node('a'), node('b'), node('c')]), { ok: true, value: { kind: 'trainingJobs', trainingJobNames: ['a', 'b', 'c'] } });
    assert.deepEqual(parseCompareTarget({ compareTarget: () => ({ tuningJobName: 'tj' }) }, [{}]), { ok: true, value: { kind: 'tuningJob', tuningJobName: 'tj', top: 6 } });
  });
});

describe('compare: protocol guards', () => {
  it('accept the messages each side sends and refuse malformed ones', () => {
    const spec = compareSpec([job('a'), job('b')], { instanceMetrics: false, title: 't' });
    assert.equal(isCompareHostToWebview({ type: 'init', spec, view: { instanceMetrics: false }, now: T0 }), true);
    assert.equal(isCompareHostToWebview({ type: 'init', spec, view: { instanceMetrics: 'yes' }, now: T0 }), false);
    assert.equal(isCompareHostToWebview({ type: 'data', range: { start: 0, end: 1 }, periodSeconds: 60, periodReason: 'r', series: [{ id: 'c0', timestamps: [1], values: [] }], calls: 1, fetchedAt: 1, unavailable: [] }), false);
    assert.equal(isCompareWebviewToHost({ type: 'setView', view: { instanceMetrics: true } }), true);
    assert.equal(isCompareWebviewToHost({ type: 'shown', state: 'data', text: '', hyperparameters: ['eta'], points: { metric0: 3 } }), true);
    assert.equal(isCompareWebviewToHost({ type: 'shown', state: 'data', text: '', hyperparameters: ['eta'], points: { metric0: NaN } }), false);
    assert.equal(isCompareWebviewToHost({ type: 'saveFile', kind: 'exe', fileName: 'x', content: '' }), false);
  });
});
