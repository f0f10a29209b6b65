import * as assert from 'node:assert/strict';
import { AlarmIndex, alarmTargetKeys, endpointAlarmKey, inferenceComponentAlarmKey, putMetricAlarmInput, seriesForAlarm, validateAlarmForm, type AlarmInfo, type CreateAlarmForm } from '../../../src/shared/metrics/alarms';
import { metricInfo } from '../../../src/shared/metrics/catalogue';
import { inferenceComponentPanel } from '../../../src/shared/metrics/endpointKindPanels';
import { endpointPanel } from '../../../src/shared/metrics/endpointPanel';
import { panelSeries } from '../../../src/shared/metrics/panels';

const asyncPanel = endpointPanel(
  { kind: 'endpoint', endpointName: 'churn-async' },
  { endpointName: 'churn-async', kinds: ['async'], variants: [{ variantName: 'AllTraffic', form: 'Variant', instances: [], instanceMetrics: ['CPUUtilization'] }] },
);
const icPanel = inferenceComponentPanel(
  { kind: 'inferenceComponent', endpointName: 'llm-chat-ic', inferenceComponentName: 'llama3-8b-chat' },
  { inferenceComponentName: 'llama3-8b-chat', endpointName: 'llm-chat-ic', utilizationMetrics: ['GPUUtilizationNormalized'] },
);

function seriesNamed(metricName: string, stat: string, panel = asyncPanel) {
  const s = panelSeries(panel).find((x) => x.metricName === metricName && x.stat === stat);
  assert.ok(s, `${metricName} ${stat}`);
  return s;
}

function statisticsOf(namespace: string, name: string): readonly string[] {
  const info = metricInfo(namespace, name);
  assert.ok(info);
  return info.statistics;
}

describe('shared/metrics/alarms on the metrics of async endpoints and inference components', () => {
  const backlog = seriesNamed('HasBacklogWithoutCapacity', 'Maximum');
  const form: CreateAlarmForm = { seriesId: backlog.id, alarmName: 'churn-async-no-capacity', stat: 'Maximum', threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 1, periodSeconds: 60 };

  it('HasBacklogWithoutCapacity ≥ 1 by EndpointName: a valid form and its PutMetricAlarm input', () => {
    const stats = statisticsOf('AWS/SageMaker', 'HasBacklogWithoutCapacity');
    assert.deepEqual(validateAlarmForm(form, stats), {});
    assert.deepEqual(Object.keys(validateAlarmForm({ ...form, stat: 'Sum' }, stats)), ['stat'], 'Sum is not a statistic of the metric');
    const input = putMetricAlarmInput(form, backlog);
    assert.deepEqual(
      { ns: input.Namespace, name: input.MetricName, dims: input.Dimensions, stat: (input as { Statistic?: string }).Statistic, threshold: input.Threshold, op: input.ComparisonOperator },
      { ns: 'AWS/SageMaker', name: 'HasBacklogWithoutCapacity', dims: [{ Name: 'EndpointName', Value: 'churn-async' }], stat: 'Maximum', threshold: 1, op: 'GreaterThanOrEqualToThreshold' },
    );
  });

  it('the async statistics are the documented ones: counts of the requests by Sum only, the queue by Average/Minimum/Maximum', () => {
    assert.deepEqual(validateAlarmForm({ ...form, stat: 'Average' }, statisticsOf('AWS/SageMaker', 'InvocationsProcesssed')), { stat: 'One of Sum.' });
    assert.deepEqual(validateAlarmForm({ ...form, stat: 'Sum' }, statisticsOf('AWS/SageMaker', 'ApproximateBacklogSize')), { stat: 'One of Average, Minimum, Maximum.' });
  });

  it('an existing alarm is matched to the panel\'s series and badges the endpoint (EndpointName alone) or the component', () => {
    const alarm: AlarmInfo = { alarmName: 'a', state: 'ALARM', namespace: 'AWS/SageMaker', metricName: 'HasBacklogWithoutCapacity', dimensions: [{ Name: 'EndpointName', Value: 'churn-async' }], stat: 'Maximum', periodSeconds: 60, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 1 };
    assert.equal(seriesForAlarm(alarm, panelSeries(asyncPanel)), backlog);
    assert.equal(seriesForAlarm({ ...alarm, dimensions: [{ Name: 'EndpointName', Value: 'other' }] }, panelSeries(asyncPanel)), undefined);
    assert.deepEqual(alarmTargetKeys(alarm), [endpointAlarmKey('churn-async')]);

    const gpu: AlarmInfo = { ...alarm, namespace: '/aws/sagemaker/InferenceComponents', metricName: 'GPUUtilizationNormalized', dimensions: [{ Name: 'InferenceComponentName', Value: 'llama3-8b-chat' }], threshold: 90 };
    assert.equal(seriesForAlarm(gpu, panelSeries(icPanel)), seriesNamed('GPUUtilizationNormalized', 'Maximum', icPanel));
    assert.equal(seriesForAlarm(gpu, panelSeries(asyncPanel)), undefined, 'not on another panel');
    assert.deepEqual(alarmTargetKeys(gpu), [inferenceComponentAlarmKey('llama3-8b-chat')]);
    assert.equal(new AlarmIndex([gpu]).badge(inferenceComponentAlarmKey('llama3-8b-chat'))?.state, 'ALARM');
  });

  it('an inference component\'s p99 latency alarm: ExtendedStatistic by InferenceComponentName, threshold back in µs', () => {
    const p99 = seriesNamed('ModelLatency', 'p99', icPanel);
    const f: CreateAlarmForm = { seriesId: p99.id, alarmName: 'llama-p99', stat: 'p99', threshold: 2000, comparison: 'GreaterThanThreshold', evaluationPeriods: 3, periodSeconds: 60 };
    assert.deepEqual(validateAlarmForm(f, statisticsOf('AWS/SageMaker', 'ModelLatency')), {});
    const input = putMetricAlarmInput(f, p99);
    assert.deepEqual(input.Dimensions, [{ Name: 'InferenceComponentName', Value: 'llama3-8b-chat' }]);
    assert.equal(input.Threshold, 2_000_000);
    assert.equal((input as { ExtendedStatistic?: string }).ExtendedStatistic, 'p99');
    const perCopy = seriesNamed('ConcurrentRequestsPerCopy', 'Maximum', icPanel);
    assert.deepEqual(validateAlarmForm({ ...f, seriesId: perCopy.id, stat: 'Average' }, statisticsOf('AWS/SageMaker', 'ConcurrentRequestsPerCopy')), { stat: 'One of Minimum, Maximum.' });
  });
});
