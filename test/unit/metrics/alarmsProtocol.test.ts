import * as assert from 'node:assert/strict';
import { putMetricAlarmInput, seriesForAlarm, validateAlarmForm, type AlarmInfo, type CreateAlarmForm } from '../../../src/shared/metrics/alarms';
import type { SeriesSpec } from '../../../src/shared/metrics/panels';
import { isMetricsHostToWebview, isMetricsWebviewToHost } from '../../../src/shared/metricsProtocol';

const dims = [
  { Name: 'EndpointName', Value: 'fraud' },
  { Name: 'VariantName', Value: 'AllTraffic' },
];
const latencyP99: SeriesSpec = { id: 'm9', label: 'ModelLatency (p99) · AllTraffic', namespace: 'AWS/SageMaker', metricName: 'ModelLatency', dimensions: dims, stat: 'p99', factor: 0.001 };
const rate: SeriesSpec = { id: 'm4', label: 'Invocation5XXErrors (Average)', namespace: 'AWS/SageMaker', metricName: 'Invocation5XXErrors', dimensions: dims, stat: 'Average', factor: 100 };
const count: SeriesSpec = { ...rate, id: 'm2', stat: 'Sum', factor: 1 };

const form: CreateAlarmForm = { seriesId: 'm9', alarmName: 'fraud-p99', stat: 'p99', threshold: 100, comparison: 'GreaterThanThreshold', evaluationPeriods: 3, periodSeconds: 300 };

describe('shared/metrics/alarms and metricsProtocol', () => {
  it('matches an alarm to the series with its metric, dimensions and statistic', () => {
    const alarm: AlarmInfo = { alarmName: 'a', state: 'ALARM', namespace: 'AWS/SageMaker', metricName: 'Invocation5XXErrors', dimensions: [...dims].reverse(), stat: 'Average', periodSeconds: 60, threshold: 0.05, comparison: 'GreaterThanThreshold', evaluationPeriods: 5 };
    assert.equal(seriesForAlarm(alarm, [count, rate]), rate);
    assert.equal(seriesForAlarm(alarm, [count]), undefined, 'no threshold line on a Sum chart for an Average alarm');
    assert.equal(seriesForAlarm(alarm, [count], false), count);
    assert.equal(seriesForAlarm({ ...alarm, dimensions: [dims[0]] }, [rate]), undefined);
  });

  it('validates the Create alarm form', () => {
    assert.deepEqual(validateAlarmForm(form, ['Average', 'p99']), {});
    const bad = validateAlarmForm({ ...form, alarmName: '', stat: 'p42', threshold: NaN, comparison: 'Above', evaluationPeriods: 0, periodSeconds: 45, snsTopicArn: 'topic' }, ['Average', 'p99']);
    assert.deepEqual(Object.keys(bad).sort(), ['alarmName', 'comparison', 'evaluationPeriods', 'periodSeconds', 'snsTopicArn', 'stat', 'threshold']);
    assert.deepEqual(validateAlarmForm({ ...form, snsTopicArn: 'arn:aws:sns:us-east-1:123456789012:ml-oncall' }, ['p99']), {});
  });

  it('builds PutMetricAlarm with the threshold back in CloudWatch units and percentiles as ExtendedStatistic', () => {
    const input = putMetricAlarmInput({ ...form, snsTopicArn: 'arn:aws:sns:us-east-1:123456789012:ml-oncall' }, latencyP99);
    assert.equal(input.Threshold, 100_000, '100 ms = 100,000 µs');
    assert.equal((input as { ExtendedStatistic?: string }).ExtendedStatistic, 'p99');
    assert.equal((input as { Statistic?: string }).Statistic, undefined);
    assert.deepEqual(input.AlarmActions, ['arn:aws:sns:us-east-1:123456789012:ml-oncall']);
    assert.deepEqual(input.Dimensions, dims);
    const r = putMetricAlarmInput({ ...form, stat: 'Average', threshold: 5 }, rate);
    assert.equal(r.Threshold, 0.05, '5 % = 0.05');
    assert.equal((r as { Statistic?: string }).Statistic, 'Average');
  });

  it('guards messages both ways', () => {
    const view = { range: { kind: 'preset', preset: '3h' }, autoRefresh: '1m' };
    assert.ok(isMetricsWebviewToHost({ type: 'setView', view }));
    assert.ok(!isMetricsWebviewToHost({ type: 'setView', view: { ...view, autoRefresh: '2m' } }));
    assert.ok(!isMetricsWebviewToHost({ type: 'setView', view: { ...view, range: { kind: 'custom', start: 5, end: 1 } } }));
    assert.ok(!isMetricsWebviewToHost({ type: 'setView', view: { ...view, periodSeconds: 90 } }));
    assert.ok(isMetricsWebviewToHost({ type: 'showLogs', time: 1, periodSeconds: 60 }));
    assert.ok(!isMetricsWebviewToHost({ type: 'showLogs', time: 'now', periodSeconds: 60 }));
    assert.ok(isMetricsWebviewToHost({ type: 'saveFile', kind: 'csv', fileName: 'a.csv', content: 'x' }));
    assert.ok(!isMetricsWebviewToHost({ type: 'saveFile', kind: 'exe', fileName: 'a', content: 'x' }));
    assert.ok(!isMetricsWebviewToHost({ type: 'eval', code: '1' }));
    const data = { type: 'data', range: { start: 0, end: 1 }, periodSeconds: 60, periodReason: 'x', series: [{ id: 'm0', timestamps: [1], values: [2] }], calls: 1, messages: [], fetchedAt: 1, unavailable: [] };
    assert.ok(isMetricsHostToWebview(data));
    assert.ok(!isMetricsHostToWebview({ ...data, series: [{ id: 'm0', timestamps: [1, 2], values: [2] }] }));
    assert.ok(isMetricsHostToWebview({ type: 'loading' }));
    assert.ok(!isMetricsHostToWebview({ ...data, unavailable: [{ ids: [7], reason: 'x' }] }));
    assert.ok(!isMetricsHostToWebview({ type: 'error', message: 'x', lastGoodAt: 'yesterday' }));
    assert.ok(!isMetricsWebviewToHost({ type: 'shown', state: 'done', text: '', stale: false, unavailable: [] }));
    assert.ok(!isMetricsHostToWebview({ type: 'init', panel: {}, view }));
  });
});
