import * as assert from 'node:assert/strict';
import { AlarmIndex, alarmTargetKeys, endpointAlarmKey, trainingJobAlarmKey, variantAlarmKey, type AlarmInfo } from '../../../src/shared/metrics/alarms';

function alarm(name: string, state: string, namespace: string, dimensions: Record<string, string>): AlarmInfo {
  return {
    alarmName: name,
    state,
    stateReason: `${name} is ${state}`,
    namespace,
    metricName: 'CPUUtilization',
    dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
    stat: 'Maximum',
    periodSeconds: 60,
    threshold: 90,
    comparison: 'GreaterThanThreshold',
    evaluationPeriods: 3,
  };
}

describe('shared/metrics/alarms: badges on explorer nodes', () => {
  it('finds the nodes an alarm watches from each dimension form', () => {
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', 'AWS/SageMaker', { EndpointName: 'ep', VariantName: 'v1' })), [endpointAlarmKey('ep'), variantAlarmKey('ep', 'v1')]);
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', 'AWS/SageMaker', { EndpointName: 'ep' })), ['endpoint:ep']);
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', 'AWS/SageMaker', { InferenceComponentName: 'llama' })), ['inferenceComponent:llama']);
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', '/aws/sagemaker/InferenceComponents', { InferenceComponentName: 'llama' })), ['inferenceComponent:llama']);
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', '/aws/sagemaker/Endpoints', { EndpointName: 'ep', VariantName: 'v1', InstanceId: 'i-1' })), ['endpoint:ep', 'variant:ep/v1']);
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', '/aws/sagemaker/Endpoints', { Host: 'ep/v1/i-0abc' })), ['endpoint:ep', 'variant:ep/v1']);
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', '/aws/sagemaker/TrainingJobs', { Host: 'job-1/algo-2' })), [trainingJobAlarmKey('job-1')]);
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', '/aws/sagemaker/TrainingJobs', { TrainingJobName: 'job-1' })), ['trainingJob:job-1']);
    // A Host value in the wrong namespace's format names nothing.
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', '/aws/sagemaker/TrainingJobs', { Host: 'ep/v1/i-0abc' })), []);
    assert.deepEqual(alarmTargetKeys(alarm('a', 'OK', 'Custom', { QueueName: 'q' })), []);
  });

  it('a node shows its loudest state: ALARM over INSUFFICIENT_DATA over OK', () => {
    const index = new AlarmIndex([
      alarm('ok', 'OK', 'AWS/SageMaker', { EndpointName: 'ep', VariantName: 'v1' }),
      alarm('nodata', 'INSUFFICIENT_DATA', 'AWS/SageMaker', { EndpointName: 'ep', VariantName: 'v2' }),
      alarm('firing', 'ALARM', '/aws/sagemaker/Endpoints', { Host: 'ep/v2/i-1' }),
      alarm('job-ok', 'OK', '/aws/sagemaker/TrainingJobs', { Host: 'job/algo-1' }),
    ]);
    const ep = index.badge(endpointAlarmKey('ep'));
    assert.equal(ep?.state, 'ALARM');
    assert.deepEqual(ep?.alarms.map((a) => a.alarmName), ['firing']);
    assert.equal(ep?.total, 3);
    assert.equal(index.badge(variantAlarmKey('ep', 'v1'))?.state, 'OK');
    assert.equal(index.badge(variantAlarmKey('ep', 'v2'))?.state, 'ALARM');
    assert.equal(index.badge(trainingJobAlarmKey('job'))?.state, 'OK');
    assert.equal(index.badge(endpointAlarmKey('other')), undefined);
    const quiet = new AlarmIndex([alarm('nodata', 'INSUFFICIENT_DATA', 'AWS/SageMaker', { EndpointName: 'ep' })]);
    assert.equal(quiet.badge(endpointAlarmKey('ep'))?.state, 'INSUFFICIENT_DATA');
    assert.equal(quiet.badge(endpointAlarmKey('ep'))?.alarms[0].stateReason, 'nodata is INSUFFICIENT_DATA');
  });
});
