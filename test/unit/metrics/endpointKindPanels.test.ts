import * as assert from 'node:assert/strict';
import { isValidStatistic, metricInfo } from '../../../src/shared/metrics/catalogue';
import { inferenceComponentPanel } from '../../../src/shared/metrics/endpointKindPanels';
import { endpointPanel } from '../../../src/shared/metrics/endpointPanel';
import { panelSeries, type EndpointMetricsContext, type PanelSpec, type VariantMetricsInfo } from '../../../src/shared/metrics/panels';
import { buildMetricDataRequests } from '../../../src/shared/metrics/requests';

const NOW = Date.UTC(2026, 10, 24, 12);
const THREE_HOURS = { start: NOW - 3 * 3600_000, end: NOW };
const IC_TARGET = { kind: 'inferenceComponent', endpointName: 'llm-chat-ic', inferenceComponentName: 'llama3-8b-chat' } as const;

function variant(extra: Partial<VariantMetricsInfo> = {}): VariantMetricsInfo {
  return { variantName: 'AllTraffic', instanceType: 'ml.g5.12xlarge', form: 'Variant', instances: [], instanceMetrics: ['CPUUtilization', 'MemoryUtilization'], ...extra };
}

function panelOf(kinds: string[] | undefined, v: VariantMetricsInfo = variant()): PanelSpec {
  const context: EndpointMetricsContext = { endpointName: 'ep', variants: [v], ...(kinds ? { kinds } : {}) };
  return endpointPanel({ kind: 'endpoint', endpointName: 'ep' }, context);
}

/** `namespace metric stat dims` of each query of the panel's one request (period 60). */
function queries(panel: PanelSpec): string[] {
  const requests = buildMetricDataRequests(panelSeries(panel), THREE_HOURS, 60);
  assert.equal(requests.length, 1, 'one GetMetricData call per refresh');
  return requests[0].MetricDataQueries.map((q) => {
    assert.equal(q.MetricStat.Period, 60);
    return `${q.MetricStat.Metric.Namespace} ${q.MetricStat.Metric.MetricName} ${q.MetricStat.Stat} ${q.MetricStat.Metric.Dimensions.map((d) => `${d.Name}=${d.Value}`).join(',')}`;
  });
}

const chartIds = (panel: PanelSpec) => panel.charts.map((c) => c.id);
const VARIANT = 'EndpointName=ep,VariantName=AllTraffic';

describe('shared/metrics/endpointKindPanels: panels of endpoints as deployed today', () => {
  it('inference component: its requests by InferenceComponentName and its copies\' normalized utilization, in one request', () => {
    const panel = inferenceComponentPanel(IC_TARGET, {
      inferenceComponentName: 'llama3-8b-chat',
      endpointName: 'llm-chat-ic',
      utilizationMetrics: ['CPUUtilizationNormalized', 'GPUMemoryUtilizationNormalized', 'GPUUtilizationNormalized', 'MemoryUtilizationNormalized'],
    });
    const ic = 'InferenceComponentName=llama3-8b-chat';
    assert.deepEqual(queries(panel), [
      `AWS/SageMaker Invocations Sum ${ic}`,
      `AWS/SageMaker Invocation4XXErrors Sum ${ic}`,
      `AWS/SageMaker Invocation5XXErrors Sum ${ic}`,
      `AWS/SageMaker Invocation4XXErrors Average ${ic}`,
      `AWS/SageMaker Invocation5XXErrors Average ${ic}`,
      `AWS/SageMaker ModelLatency Average ${ic}`,
      `AWS/SageMaker ModelLatency p50 ${ic}`,
      `AWS/SageMaker ModelLatency p90 ${ic}`,
      `AWS/SageMaker ModelLatency p99 ${ic}`,
      `AWS/SageMaker InvocationsPerCopy Sum ${ic}`,
      `AWS/SageMaker ConcurrentRequestsPerCopy Maximum ${ic}`,
      `/aws/sagemaker/InferenceComponents CPUUtilizationNormalized Maximum ${ic}`,
      `/aws/sagemaker/InferenceComponents MemoryUtilizationNormalized Maximum ${ic}`,
      `/aws/sagemaker/InferenceComponents GPUUtilizationNormalized Maximum ${ic}`,
      `/aws/sagemaker/InferenceComponents GPUMemoryUtilizationNormalized Maximum ${ic}`,
    ]);
    assert.equal(panel.title, 'Metrics: llama3-8b-chat (on llm-chat-ic)');
    assert.deepEqual(panel.notes, []);
  });

  it('inference component: GPU charts only where listed, a series per container with enhanced metrics, a note when nothing is listed', () => {
    const cpu = inferenceComponentPanel(IC_TARGET, { inferenceComponentName: 'llama3-8b-chat', endpointName: 'llm-chat-ic', utilizationMetrics: ['CPUUtilizationNormalized'], copies: [{ instanceId: 'i-1', containerId: 'c-1' }, { containerId: 'c-2' }] });
    assert.ok(!chartIds(cpu).some((id) => id.startsWith('GPU')));
    const perContainer = cpu.charts.find((c) => c.id === 'CPUUtilizationNormalized');
    assert.deepEqual(perContainer?.series.map((s) => s.dimensions.map((d) => d.Value).join('/')), ['llama3-8b-chat', 'llama3-8b-chat/i-1/c-1', 'llama3-8b-chat/c-2']);
    const none = inferenceComponentPanel(IC_TARGET, { inferenceComponentName: 'llama3-8b-chat', endpointName: 'llm-chat-ic', utilizationMetrics: [] });
    assert.match(none.notes[0], /No utilization metrics found/);
  });

  it('async: the queue by EndpointName, the requests by variant, and no Invocations or InvocationsPerInstance', () => {
    const q = queries(panelOf(['async']));
    assert.ok(!q.some((x) => / (Invocations|InvocationsPerInstance|OverheadLatency) /.test(x)), q.join('\n'));
    for (const expected of [
      'AWS/SageMaker ApproximateBacklogSize Maximum EndpointName=ep',
      'AWS/SageMaker ApproximateBacklogSize Average EndpointName=ep',
      'AWS/SageMaker ApproximateBacklogSizePerInstance Maximum EndpointName=ep',
      'AWS/SageMaker ApproximateAgeOfOldestRequest Maximum EndpointName=ep',
      'AWS/SageMaker HasBacklogWithoutCapacity Maximum EndpointName=ep',
      `AWS/SageMaker TimeInBacklog Average ${VARIANT}`,
      `AWS/SageMaker TotalProcessingTime Maximum ${VARIANT}`,
      `AWS/SageMaker InvocationsProcesssed Sum ${VARIANT}`,
      `AWS/SageMaker InvocationFailures Sum ${VARIANT}`,
      `AWS/SageMaker ExpiredRequests Sum ${VARIANT}`,
    ]) {
      assert.ok(q.includes(expected), expected);
    }
    // The async page lists no percentiles for ModelLatency.
    assert.ok(!q.some((x) => x.includes('ModelLatency p')));
    const timeInBacklog = panelSeries(panelOf(['async'])).find((s) => s.metricName === 'TimeInBacklog');
    assert.equal(timeInBacklog?.factor, 0.001, 'TimeInBacklog is in µs, shown in ms');
  });

  it('serverless: cold starts and concurrency, no per-instance charts; provisioned concurrency only when configured', () => {
    // Even were instance ids listed, a serverless variant is charted per variant: memory only, where listed.
    const onDemand = panelOf(['serverless'], variant({ instanceType: undefined, form: 'InstanceId', instances: ['i-1'] }));
    const q = queries(onDemand);
    assert.deepEqual(q.filter((x) => x.startsWith('/aws/sagemaker/Endpoints ')), [`/aws/sagemaker/Endpoints MemoryUtilization Maximum ${VARIANT}`], 'no per-instance metrics');
    assert.ok(!queries(panelOf(['serverless'], variant({ instanceMetrics: [] }))).some((x) => x.startsWith('/aws/sagemaker/Endpoints ')));
    assert.ok(!q.some((x) => x.includes('InvocationsPerInstance')));
    assert.ok(q.includes(`AWS/SageMaker ModelSetupTime Average ${VARIANT}`) && q.includes(`AWS/SageMaker OverheadLatency Maximum ${VARIANT}`));
    assert.ok(q.includes(`AWS/SageMaker ServerlessConcurrentExecutionsUtilization Maximum ${VARIANT}`));
    assert.ok(q.includes(`AWS/SageMaker Invocations Sum ${VARIANT}`));
    assert.ok(!q.some((x) => x.includes('ServerlessProvisioned')));
    assert.match(onDemand.notes.join(' '), /no per-instance metrics/);
    const provisioned = queries(panelOf(['serverless'], variant({ serverless: { provisionedConcurrency: 2 } })));
    for (const name of ['Executions', 'Utilization', 'Invocations', 'SpilloverInvocations']) {
      assert.ok(provisioned.includes(`AWS/SageMaker ServerlessProvisionedConcurrency${name} Maximum ${VARIANT}`), name);
    }
  });

  it('multi-model: model loading times, cache hit rate and loaded models (in /aws/sagemaker/Endpoints)', () => {
    const panel = panelOf(['multiModel']);
    const q = queries(panel);
    for (const expected of [
      `AWS/SageMaker ModelLoadingWaitTime Average ${VARIANT}`,
      `AWS/SageMaker ModelDownloadingTime Average ${VARIANT}`,
      `AWS/SageMaker ModelLoadingTime Average ${VARIANT}`,
      `AWS/SageMaker ModelUnloadingTime Average ${VARIANT}`,
      `AWS/SageMaker ModelCacheHit Average ${VARIANT}`,
      `/aws/sagemaker/Endpoints LoadedModelCount Average ${VARIANT}`,
    ]) {
      assert.ok(q.includes(expected), expected);
    }
    assert.equal(panelSeries(panel).find((s) => s.metricName === 'ModelCacheHit')?.factor, 100, 'the hit rate in %');
    assert.ok(q.includes(`AWS/SageMaker Invocations Sum ${VARIANT}`), 'and the generic charts');
  });

  it('inference-component endpoint: CPU, GPU (where published) and memory reservation per variant', () => {
    const withGpu = queries(panelOf(['inferenceComponents'], variant({ instanceMetrics: ['CPUReservation', 'CPUUtilization', 'GPUReservation', 'MemoryReservation'] })));
    for (const name of ['CPUReservation', 'GPUReservation', 'MemoryReservation']) {
      assert.ok(withGpu.includes(`/aws/sagemaker/Endpoints ${name} Maximum ${VARIANT}`), name);
    }
    const cpuOnly = panelOf(['inferenceComponents']);
    assert.deepEqual(chartIds(cpuOnly).filter((id) => id.endsWith('Reservation')), ['CPUReservation', 'MemoryReservation']);
  });

  it('inference-component endpoint: requests charted per component (InferenceComponentName), invocations per copy instead of per instance', () => {
    const context: EndpointMetricsContext = {
      endpointName: 'ep',
      kinds: ['inferenceComponents'],
      variants: [variant()],
      inferenceComponents: [
        { name: 'llama', variantName: 'AllTraffic' },
        { name: 'mistral', variantName: 'Other' },
      ],
    };
    const q = queries(endpointPanel({ kind: 'endpoint', endpointName: 'ep' }, context));
    assert.deepEqual(q.filter((x) => x.includes(' Invocations ')), ['AWS/SageMaker Invocations Sum InferenceComponentName=llama', 'AWS/SageMaker Invocations Sum InferenceComponentName=mistral']);
    assert.ok(q.includes('AWS/SageMaker InvocationsPerCopy Sum InferenceComponentName=mistral'));
    assert.ok(q.includes('AWS/SageMaker ModelLatency p99 InferenceComponentName=llama'));
    assert.ok(!q.some((x) => x.includes('InvocationsPerInstance') || (x.startsWith('AWS/SageMaker ') && x.includes('VariantName'))), 'nothing per variant in AWS/SageMaker');
    const one = queries(endpointPanel({ kind: 'endpoint', endpointName: 'ep', variantName: 'Other' }, { ...context, variants: [variant({ variantName: 'Other' })] }));
    assert.ok(!one.some((x) => x.includes('llama')), 'a variant target: its components only');
  });

  it('a kind nobody recognises, or none, gets the generic real-time charts', () => {
    const generic = panelOf(undefined);
    assert.deepEqual(panelOf(['realtime']), generic);
    assert.deepEqual(panelOf(['quantumInference']), generic);
    assert.deepEqual(chartIds(generic), ['invocations', 'errors', 'errorRate', 'latency', 'invocationsPerInstance', 'CPUUtilization', 'MemoryUtilization', 'DiskUtilization']);
  });

  it('enhanced metrics: a per-GPU chart (AcceleratorId) where ListMetrics shows that level', () => {
    const panel = panelOf(undefined, variant({ form: 'InstanceId', instances: ['i-1'], instanceMetrics: ['CPUUtilization', 'GPUUtilization'], accelerators: [{ instanceId: 'i-1', acceleratorId: '0' }, { instanceId: 'i-1', acceleratorId: '1' }] }));
    const perGpu = panel.charts.find((c) => c.id === 'GPUUtilizationPerGpu');
    assert.ok(perGpu);
    assert.deepEqual(
      perGpu.series.map((s) => s.dimensions.map((d) => `${d.Name}=${d.Value}`).join(',')),
      ['0', '1'].map((g) => `${VARIANT},InstanceId=i-1,AcceleratorId=${g}`),
    );
    assert.ok(!panel.charts.some((c) => c.id === 'CPUUtilizationPerGpu'));
  });

  it('every series of every kind asks for a statistic its metric accepts, with unique ids', () => {
    const all = [
      panelOf(['async', 'multiModel', 'inferenceComponents'], variant({ instanceMetrics: ['GPUReservation', 'GPUUtilization'] })),
      panelOf(['serverless'], variant({ serverless: { provisionedConcurrency: 1 } })),
      inferenceComponentPanel(IC_TARGET, { inferenceComponentName: 'x', endpointName: 'e', utilizationMetrics: ['GPUUtilizationNormalized', 'GPUMemoryUtilizationNormalized'], copies: [{ instanceId: 'i', containerId: 'c' }] }),
    ];
    for (const panel of all) {
      const s = panelSeries(panel);
      assert.equal(new Set(s.map((x) => x.id)).size, s.length);
      for (const x of s) {
        const info = metricInfo(x.namespace, x.metricName);
        assert.ok(info, `${x.namespace} ${x.metricName} is catalogued`);
        assert.ok(isValidStatistic(info, x.stat), `${x.metricName} ${x.stat}`);
        const names = x.dimensions.map((d) => d.Name).join(',');
        assert.ok(info.dimensions.some((set) => set.join(',') === names), `${x.metricName} by ${names}`);
      }
    }
  });

  it('a panel past 500 queries is split in ⌈queries / 500⌉ calls, never more', () => {
    const many = Array.from({ length: 40 }, (_, i) => variant({ variantName: `v${i}` }));
    const panel = endpointPanel({ kind: 'endpoint', endpointName: 'ep' }, { endpointName: 'ep', variants: many, kinds: ['async'] });
    const n = panelSeries(panel).length;
    assert.ok(n > 500 && n <= 1000, `${n} series`);
    assert.equal(buildMetricDataRequests(panelSeries(panel), THREE_HOURS, 60).length, 2);
  });
});
