import * as assert from 'node:assert/strict';
import { METRIC_CATALOGUE, algorithmMetricInfo, isValidStatistic, metricInfo } from '../../../src/shared/metrics/catalogue';

describe('shared/metrics/catalogue: the documented SageMaker metrics', () => {
  it('has every metric of the seed with its namespace, unit and valid statistics', () => {
    const expect = (ns: string, name: string, unit: string, stats: string[]) => {
      const m = metricInfo(ns, name);
      assert.ok(m, `${ns} ${name}`);
      assert.equal(m.unit, unit);
      for (const s of stats) {
        assert.ok(m.statistics.includes(s as never), `${name} ${s}`);
      }
    };
    expect('AWS/SageMaker', 'ModelLatency', 'Microseconds', ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']);
    expect('AWS/SageMaker', 'Invocation4XXErrors', 'Count', ['Average', 'Sum']);
    expect('AWS/SageMaker', 'Invocation5XXErrors', 'Count', ['Average', 'Sum']);
    expect('AWS/SageMaker', 'Invocations', 'Count', ['Sum', 'SampleCount']);
    expect('AWS/SageMaker', 'InvocationsPerInstance', 'Count', ['Sum']);
    for (const ns of ['/aws/sagemaker/Endpoints', '/aws/sagemaker/TrainingJobs']) {
      for (const name of ['CPUUtilization', 'MemoryUtilization', 'GPUUtilization']) {
        expect(ns, name, 'Percent', ['Maximum']);
      }
    }
  });

  it('has the newer metrics of DESIGN §3', () => {
    for (const name of ['OverheadLatency', 'InvocationModelErrors', 'ModelSetupTime', 'InvocationsPerCopy', 'ModelLoadingWaitTime', 'ModelCacheHit']) {
      assert.ok(metricInfo('AWS/SageMaker', name)?.newer !== undefined || name === 'OverheadLatency', name);
    }
    for (const ns of ['/aws/sagemaker/Endpoints', '/aws/sagemaker/TrainingJobs']) {
      assert.ok(metricInfo(ns, 'GPUMemoryUtilization'));
      assert.ok(metricInfo(ns, 'DiskUtilization'));
    }
  });

  it('offers only the valid statistics (Invocations has no Average; percentiles only on latency)', () => {
    const inv = metricInfo('AWS/SageMaker', 'Invocations');
    assert.ok(inv);
    assert.equal(isValidStatistic(inv, 'Average'), false);
    assert.equal(isValidStatistic(inv, 'Sum'), true);
    const latency = metricInfo('AWS/SageMaker', 'ModelLatency');
    assert.ok(latency && isValidStatistic(latency, 'p99'));
    const errors = metricInfo('AWS/SageMaker', 'Invocation5XXErrors');
    assert.ok(errors && !isValidStatistic(errors, 'p99') && !isValidStatistic(errors, 'Maximum'));
  });

  it('every entry is complete: dimensions, a default among its statistics, a one-line description', () => {
    for (const m of METRIC_CATALOGUE) {
      assert.ok(m.dimensions.length > 0, m.metricName);
      assert.ok(m.statistics.includes(m.defaultStatistic), `${m.metricName} default`);
      assert.ok(m.description.length > 10 && !m.description.includes('\n'), `${m.metricName} description`);
    }
    const keys = METRIC_CATALOGUE.map((m) => `${m.namespace} ${m.metricName}`);
    assert.equal(new Set(keys).size, keys.length, 'no duplicates');
  });

  it('shows ModelLatency (µs) in ms and flags CPU/GPU as summed over cores', () => {
    const latency = metricInfo('AWS/SageMaker', 'ModelLatency');
    assert.deepEqual(latency?.display, { label: 'ms', factor: 0.001 });
    assert.equal(metricInfo('/aws/sagemaker/Endpoints', 'CPUUtilization')?.summedOverCores, 'cpu');
    assert.equal(metricInfo('/aws/sagemaker/TrainingJobs', 'GPUUtilization')?.summedOverCores, 'gpu');
    assert.equal(metricInfo('/aws/sagemaker/Endpoints', 'MemoryUtilization')?.summedOverCores, undefined);
  });

  it('has the metrics of inference components, async, serverless and multi-model endpoints with their documented statistics', () => {
    const stats = (ns: string, name: string) => {
      const m = metricInfo(ns, name);
      assert.ok(m, `${ns} ${name}`);
      return [...m.statistics].sort();
    };
    const sorted = (...s: string[]) => s.sort();
    const ic = 'AWS/SageMaker';
    assert.deepEqual(stats(ic, 'InvocationsPerCopy'), ['Sum']);
    assert.deepEqual(stats(ic, 'ConcurrentRequestsPerCopy'), sorted('Minimum', 'Maximum'));
    for (const name of ['CPUUtilizationNormalized', 'GPUUtilizationNormalized', 'GPUMemoryUtilizationNormalized', 'MemoryUtilizationNormalized']) {
      assert.equal(metricInfo('/aws/sagemaker/InferenceComponents', name)?.unit, 'Percent', name);
      assert.deepEqual(metricInfo('/aws/sagemaker/InferenceComponents', name)?.dimensions[0], ['InferenceComponentName']);
    }
    for (const name of ['CPUReservation', 'GPUReservation', 'MemoryReservation']) {
      assert.deepEqual(metricInfo('/aws/sagemaker/Endpoints', name)?.dimensions[0], ['EndpointName', 'VariantName'], name);
    }
    for (const name of ['Invocations', 'Invocation4XXErrors', 'Invocation5XXErrors', 'ModelLatency']) {
      assert.ok(metricInfo(ic, name)?.dimensions.some((d) => d.join() === 'InferenceComponentName'), `${name} by InferenceComponentName`);
    }
    for (const name of ['ApproximateBacklogSize', 'ApproximateBacklogSizePerInstance', 'ApproximateAgeOfOldestRequest', 'HasBacklogWithoutCapacity']) {
      assert.deepEqual(stats(ic, name), sorted('Average', 'Minimum', 'Maximum'), name);
      assert.deepEqual(metricInfo(ic, name)?.dimensions, [['EndpointName']], name);
    }
    assert.equal(metricInfo(ic, 'ApproximateAgeOfOldestRequest')?.unit, 'Seconds');
    for (const name of ['InvocationsProcesssed', 'InvocationFailures', 'ExpiredRequests']) {
      assert.deepEqual(stats(ic, name), ['Sum'], name);
      assert.deepEqual(metricInfo(ic, name)?.dimensions, [['EndpointName', 'VariantName']], name);
    }
    assert.equal(metricInfo(ic, 'InvocationsProcessed'), undefined, 'AWS spells it InvocationsProcesssed');
    assert.equal(metricInfo(ic, 'TimeInBacklog')?.unit, 'Microseconds');
    assert.equal(metricInfo(ic, 'TotalProcessingTime')?.unit, 'Milliseconds');
    assert.deepEqual(stats(ic, 'ModelSetupTime'), sorted('Average', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p90', 'p99'), 'no Sum');
    for (const name of ['ServerlessConcurrentExecutionsUtilization', 'ServerlessProvisionedConcurrencyExecutions', 'ServerlessProvisionedConcurrencyUtilization', 'ServerlessProvisionedConcurrencyInvocations', 'ServerlessProvisionedConcurrencySpilloverInvocations']) {
      assert.deepEqual(stats(ic, name), sorted('Average', 'Minimum', 'Maximum'), name);
    }
    for (const name of ['ModelLoadingWaitTime', 'ModelLoadingTime', 'ModelDownloadingTime', 'ModelUnloadingTime']) {
      assert.deepEqual(stats(ic, name), sorted('Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'), name);
    }
    assert.deepEqual(stats(ic, 'ModelCacheHit'), sorted('Average', 'Sum', 'SampleCount'));
  });

  it('LoadedModelCount is an instance metric of /aws/sagemaker/Endpoints, not AWS/SageMaker', () => {
    assert.equal(metricInfo('AWS/SageMaker', 'LoadedModelCount'), undefined);
    assert.deepEqual(metricInfo('/aws/sagemaker/Endpoints', 'LoadedModelCount')?.dimensions, [['EndpointName', 'VariantName']]);
  });

  it('enhanced metrics: InstanceId on every endpoint instance metric, AcceleratorId on the GPU ones only', () => {
    const levels = (name: string) => metricInfo('/aws/sagemaker/Endpoints', name)?.dimensions.map((d) => d.join('+'));
    assert.ok(levels('CPUUtilization')?.includes('EndpointName+VariantName+InstanceId'));
    assert.ok(!levels('CPUUtilization')?.some((l) => l.includes('AcceleratorId')));
    assert.ok(levels('GPUUtilization')?.includes('EndpointName+VariantName+InstanceId+AcceleratorId'));
  });

  it('describes algorithm metrics by TrainingJobName', () => {
    const m = algorithmMetricInfo('train:loss');
    assert.equal(m.namespace, '/aws/sagemaker/TrainingJobs');
    assert.deepEqual(m.dimensions, [['TrainingJobName']]);
  });
});
