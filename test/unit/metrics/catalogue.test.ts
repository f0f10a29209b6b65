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

  it('describes algorithm metrics by TrainingJobName', () => {
    const m = algorithmMetricInfo('train:loss');
    assert.equal(m.namespace, '/aws/sagemaker/TrainingJobs');
    assert.deepEqual(m.dimensions, [['TrainingJobName']]);
  });
});
