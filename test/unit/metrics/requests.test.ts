import * as assert from 'node:assert/strict';
import { endpointPanel } from '../../../src/shared/metrics/endpointPanel';
import { instanceCores, jobHostsPanel, panelSeries, trainingPanel, type EndpointMetricsContext, type SeriesSpec } from '../../../src/shared/metrics/panels';
import { buildMetricDataRequests, callsPerRefresh } from '../../../src/shared/metrics/requests';

const NOW = Date.UTC(2026, 10, 24, 12);
const THREE_HOURS = { start: NOW - 3 * 3600_000, end: NOW };

const variantDims = (variant: string) => [
  { Name: 'EndpointName', Value: 'churn' },
  { Name: 'VariantName', Value: variant },
];

function endpointContext(form: 'Host' | 'InstanceId' | 'Variant'): EndpointMetricsContext {
  return {
    endpointName: 'churn',
    variants: [{ variantName: 'Primary', instanceType: 'ml.m5.xlarge', form, instances: form === 'Variant' ? [] : ['i-1', 'i-2'], instanceMetrics: ['CPUUtilization', 'DiskUtilization', 'MemoryUtilization'] }],
  };
}

describe('shared/metrics: the GetMetricData request of each panel kind', () => {
  it('endpoint variant with the Host dimension: every series in one exact request', () => {
    const panel = endpointPanel({ kind: 'endpoint', endpointName: 'churn' }, endpointContext('Host'));
    const requests = buildMetricDataRequests(panelSeries(panel), THREE_HOURS, 60);
    assert.equal(requests.length, 1);
    const r = requests[0];
    assert.deepEqual(r.StartTime, new Date(THREE_HOURS.start));
    assert.deepEqual(r.EndTime, new Date(NOW));
    assert.equal(r.ScanBy, 'TimestampAscending');
    const q = r.MetricDataQueries.map((x) => [x.Id, x.MetricStat.Metric.Namespace, x.MetricStat.Metric.MetricName, x.MetricStat.Stat, x.MetricStat.Metric.Dimensions.map((d) => `${d.Name}=${d.Value}`).join(','), x.MetricStat.Period]);
    const v = 'EndpointName=churn,VariantName=Primary';
    assert.deepEqual(q, [
      ['m0', 'AWS/SageMaker', 'Invocations', 'Sum', v, 60],
      ['m1', 'AWS/SageMaker', 'Invocation4XXErrors', 'Sum', v, 60],
      ['m2', 'AWS/SageMaker', 'Invocation5XXErrors', 'Sum', v, 60],
      ['m3', 'AWS/SageMaker', 'Invocation4XXErrors', 'Average', v, 60],
      ['m4', 'AWS/SageMaker', 'Invocation5XXErrors', 'Average', v, 60],
      ['m5', 'AWS/SageMaker', 'ModelLatency', 'Average', v, 60],
      ['m6', 'AWS/SageMaker', 'ModelLatency', 'Maximum', v, 60],
      ['m7', 'AWS/SageMaker', 'ModelLatency', 'p50', v, 60],
      ['m8', 'AWS/SageMaker', 'ModelLatency', 'p90', v, 60],
      ['m9', 'AWS/SageMaker', 'ModelLatency', 'p99', v, 60],
      ['m10', 'AWS/SageMaker', 'InvocationsPerInstance', 'Sum', v, 60],
      ['m11', '/aws/sagemaker/Endpoints', 'CPUUtilization', 'Maximum', 'Host=churn/Primary/i-1', 60],
      ['m12', '/aws/sagemaker/Endpoints', 'CPUUtilization', 'Maximum', 'Host=churn/Primary/i-2', 60],
      ['m13', '/aws/sagemaker/Endpoints', 'MemoryUtilization', 'Maximum', 'Host=churn/Primary/i-1', 60],
      ['m14', '/aws/sagemaker/Endpoints', 'MemoryUtilization', 'Maximum', 'Host=churn/Primary/i-2', 60],
      ['m15', '/aws/sagemaker/Endpoints', 'DiskUtilization', 'Maximum', 'Host=churn/Primary/i-1', 60],
      ['m16', '/aws/sagemaker/Endpoints', 'DiskUtilization', 'Maximum', 'Host=churn/Primary/i-2', 60],
    ]);
    assert.deepEqual(r.MetricDataQueries[0], {
      Id: 'm0',
      Label: 'Invocations (Sum) · Primary',
      MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: variantDims('Primary') }, Period: 60, Stat: 'Sum' },
      ReturnData: true,
    });
    assert.ok(panel.charts.every((c) => c.id !== 'GPUUtilization'), 'no GPU charts on a CPU instance');
    assert.deepEqual(panel.notes, []);
  });

  it('endpoint with enhanced metrics uses InstanceId; without either, per variant with the note', () => {
    const byId = panelSeries(endpointPanel({ kind: 'endpoint', endpointName: 'churn' }, endpointContext('InstanceId'))).filter((s) => s.metricName === 'CPUUtilization');
    assert.deepEqual(byId.map((s) => s.dimensions), [[...variantDims('Primary'), { Name: 'InstanceId', Value: 'i-1' }], [...variantDims('Primary'), { Name: 'InstanceId', Value: 'i-2' }]]);
    const perVariant = endpointPanel({ kind: 'endpoint', endpointName: 'churn' }, endpointContext('Variant'));
    assert.deepEqual(panelSeries(perVariant).filter((s) => s.metricName === 'CPUUtilization').map((s) => s.dimensions), [variantDims('Primary')]);
    assert.match(perVariant.notes.join(' '), /Per-instance metrics need enhanced metrics on the endpoint/);
    const cpu = perVariant.charts.find((c) => c.id === 'CPUUtilization');
    assert.equal(cpu?.perCore, 'cpu');
    assert.match(cpu?.note ?? '', /400 % on 4 CPUs/);
    assert.equal(cpu?.series[0].cores, 4);
  });

  it('a variant target charts only that variant', () => {
    const context: EndpointMetricsContext = { endpointName: 'churn', variants: [...endpointContext('Host').variants, { variantName: 'Canary', form: 'Host', instances: ['i-3'], instanceMetrics: ['CPUUtilization'] }] };
    const series = panelSeries(endpointPanel({ kind: 'endpoint', endpointName: 'churn', variantName: 'Canary' }, context));
    assert.ok(series.every((s) => s.dimensions.some((d) => d.Value === 'Canary' || d.Value === 'churn/Canary/i-3')));
  });

  it('training job: host metrics per algo host and the MetricDefinitions as curves, in one request', () => {
    const panel = trainingPanel({ kind: 'trainingJob', trainingJobName: 'bert' }, {
      trainingJobName: 'bert',
      hosts: ['algo-1', 'algo-2'],
      instanceType: 'ml.p3.2xlarge',
      algorithmMetrics: ['train:loss', 'validation:accuracy'],
      instanceMetrics: ['CPUUtilization', 'DiskUtilization', 'GPUMemoryUtilization', 'GPUUtilization', 'MemoryUtilization'],
    });
    const [r, ...more] = buildMetricDataRequests(panelSeries(panel), THREE_HOURS, 60);
    assert.equal(more.length, 0);
    // What 100 % means on this instance type (8 vCPUs, 1 GPU), not a fixed example.
    assert.equal(panel.charts.find((c) => c.id === 'CPUUtilization')?.note, 'Summed over CPUs: up to 800 % on 8 CPUs (ml.p3.2xlarge).');
    assert.equal(panel.charts.find((c) => c.id === 'GPUUtilization')?.note, 'Summed over GPUs: up to 100 % on 1 GPU (ml.p3.2xlarge).');
    const q = r.MetricDataQueries.map((x) => `${x.MetricStat.Metric.MetricName}/${x.MetricStat.Stat}/${x.MetricStat.Metric.Dimensions.map((d) => `${d.Name}=${d.Value}`).join(',')}`);
    assert.deepEqual(q, [
      'CPUUtilization/Maximum/Host=bert/algo-1',
      'CPUUtilization/Maximum/Host=bert/algo-2',
      'MemoryUtilization/Maximum/Host=bert/algo-1',
      'MemoryUtilization/Maximum/Host=bert/algo-2',
      'GPUUtilization/Maximum/Host=bert/algo-1',
      'GPUUtilization/Maximum/Host=bert/algo-2',
      'GPUMemoryUtilization/Maximum/Host=bert/algo-1',
      'GPUMemoryUtilization/Maximum/Host=bert/algo-2',
      'DiskUtilization/Maximum/Host=bert/algo-1',
      'DiskUtilization/Maximum/Host=bert/algo-2',
      'train:loss/Average/TrainingJobName=bert',
      'validation:accuracy/Average/TrainingJobName=bert',
    ]);
    assert.ok(r.MetricDataQueries.every((x) => x.MetricStat.Metric.Namespace === '/aws/sagemaker/TrainingJobs'));
    const gpu = panel.charts.find((c) => c.id === 'GPUUtilization');
    assert.equal(gpu?.series[0].cores, 1);
  });

  it('a training host target charts that host only', () => {
    const panel = trainingPanel({ kind: 'trainingJob', trainingJobName: 'bert', host: 'algo-2' }, { trainingJobName: 'bert', hosts: ['algo-1', 'algo-2'], algorithmMetrics: [], instanceMetrics: [] });
    assert.ok(panelSeries(panel).every((s) => s.dimensions[0].Value === 'bert/algo-2'));
    assert.match(panel.notes.join(' '), /no MetricDefinitions/);
  });

  it('aligns the window to whole periods', () => {
    const r = buildMetricDataRequests([series('m0')], { start: NOW - 3600_000 + 17_000, end: NOW + 17_000 }, 300)[0];
    assert.equal(r.StartTime.getTime() % 300_000, 0);
    assert.equal(r.EndTime.getTime() % 300_000, 0);
  });

  it('splits only past 500 queries or 100,800 datapoints: calls = ⌈series / 500⌉', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => series(`m${i}`));
    assert.equal(buildMetricDataRequests(many(500), THREE_HOURS, 60).length, 1);
    const split = buildMetricDataRequests(many(501), THREE_HOURS, 60);
    assert.deepEqual(split.map((r) => r.MetricDataQueries.length), [500, 1]);
    assert.equal(callsPerRefresh(1200, THREE_HOURS, 60), 3);
    // 1 day at 60 s = 1,440 points; 100,800 / 1,440 = 70 series a call.
    const day = { start: NOW - 86_400_000, end: NOW };
    const byPoints = buildMetricDataRequests(many(100), day, 60);
    assert.deepEqual(byPoints.map((r) => r.MetricDataQueries.length), [70, 30]);
    assert.equal(callsPerRefresh(100, day, 60), 2);
    assert.deepEqual(buildMetricDataRequests([], THREE_HOURS, 60), []);
  });

  it('knows cores of common instance types', () => {
    assert.deepEqual(instanceCores('ml.m5.xlarge'), { cpus: 4 });
    assert.deepEqual(instanceCores('ml.c5.2xlarge'), { cpus: 8 });
    assert.deepEqual(instanceCores('ml.g4dn.xlarge'), { cpus: 4, gpus: 1 });
    assert.deepEqual(instanceCores('ml.p3.8xlarge'), { cpus: 32, gpus: 4 });
    assert.deepEqual(instanceCores(undefined), {});
  });

  it('charts a processing job per Host job/algo-N and a transform job per Host job/instance-id, in their namespaces', () => {
    const processing = jobHostsPanel({ kind: 'processingJob', processingJobName: 'prep' }, { jobName: 'prep', hosts: ['algo-1', 'algo-2'], instanceType: 'ml.m5.2xlarge', instanceMetrics: ['CPUUtilization', 'DiskUtilization', 'MemoryUtilization'] });
    assert.deepEqual(processing.charts.map((c) => c.id), ['CPUUtilization', 'MemoryUtilization', 'DiskUtilization']);
    const all = panelSeries(processing);
    assert.ok(all.every((s) => s.namespace === '/aws/sagemaker/ProcessingJobs'), all.map((s) => s.namespace).join());
    assert.deepEqual([...new Set(all.map((s) => s.dimensions.map((d) => `${d.Name}=${d.Value}`).join()))], ['Host=prep/algo-1', 'Host=prep/algo-2']);
    assert.equal(processing.charts[0].note, 'Summed over CPUs: up to 800 % on 8 CPUs (ml.m5.2xlarge).');
    const [r, ...more] = buildMetricDataRequests(all, THREE_HOURS, 60);
    assert.equal(more.length, 0);
    assert.equal(r.MetricDataQueries.length, 6);

    const transform = jobHostsPanel({ kind: 'transformJob', transformJobName: 'score', host: 'i-0b' }, { jobName: 'score', hosts: ['i-0a', 'i-0b'], instanceMetrics: ['CPUUtilization', 'GPUUtilization'] });
    assert.deepEqual(transform.charts.map((c) => c.id), ['CPUUtilization', 'MemoryUtilization', 'GPUUtilization', 'DiskUtilization']);
    assert.ok(panelSeries(transform).every((s) => s.namespace === '/aws/sagemaker/TransformJobs' && s.dimensions[0].Value === 'score/i-0b'));
    assert.equal(transform.title, 'Metrics: score / i-0b');
    assert.match(jobHostsPanel({ kind: 'transformJob', transformJobName: 'score' }, { jobName: 'score', hosts: [], instanceMetrics: [] }).notes[0], /No instance/);
  });
});

function series(id: string): SeriesSpec {
  return { id, label: id, namespace: 'AWS/SageMaker', metricName: 'Invocations', dimensions: variantDims('Primary'), stat: 'Sum', factor: 1 };
}
