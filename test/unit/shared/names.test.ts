import * as assert from 'node:assert/strict';
import {
  ENDPOINT_INSTANCE_NAMESPACE,
  TRAINING_INSTANCE_NAMESPACE,
  endpointHostDimension,
  endpointLogGroup,
  endpointNameOfLogGroup,
  isResourceName,
  parseEndpointStream,
  parseHostDimension,
  parseTrainingStream,
  trainingHostDimension,
  trainingStreamPrefix,
} from '../../../src/shared/names';

describe('shared/names: SageMaker log and dimension formats (seed document)', () => {
  it('accepts SageMaker resource names and rejects others', () => {
    assert.ok(isResourceName('xgboost-churn-2024-11-01-12-00-00-123'));
    assert.ok(isResourceName('a'));
    assert.ok(!isResourceName('-leading'));
    assert.ok(!isResourceName('trailing-'));
    assert.ok(!isResourceName('under_score'));
    assert.ok(!isResourceName('x'.repeat(64)));
  });

  it('parses training streams [job]/algo-[n]-[epoch]', () => {
    assert.deepEqual(parseTrainingStream('job-1/algo-1-1700000000'), {
      trainingJobName: 'job-1',
      host: 'algo-1',
      instanceNumber: 1,
      startedAt: 1700000000,
    });
    assert.equal(parseTrainingStream('job-1/algo-12-1700000000')?.host, 'algo-12');
    assert.equal(parseTrainingStream('job-1/algo-0-1700000000'), undefined);
    assert.equal(parseTrainingStream('job-1/algo-1'), undefined);
    assert.equal(parseTrainingStream('AllTraffic/i-0abc'), undefined);
  });

  it('builds stream prefixes that select a job or one host of it', () => {
    assert.equal(trainingStreamPrefix('job-1'), 'job-1/');
    assert.equal(trainingStreamPrefix('job-1', 'algo-1'), 'job-1/algo-1-');
    // algo-1- must not select algo-10's streams.
    assert.ok(!'job-1/algo-10-1700000000'.startsWith(trainingStreamPrefix('job-1', 'algo-1')));
  });

  it('parses endpoint streams [variant]/[instance-id] with optional suffixes', () => {
    assert.deepEqual(parseEndpointStream('AllTraffic/i-0123456789abcdef0'), { variantName: 'AllTraffic', instanceId: 'i-0123456789abcdef0' });
    assert.deepEqual(parseEndpointStream('AllTraffic/i-0123/data-log'), { variantName: 'AllTraffic', instanceId: 'i-0123', suffix: 'data-log' });
    assert.equal(parseEndpointStream('no-slash'), undefined);
  });

  it('maps endpoint log groups both ways', () => {
    assert.equal(endpointLogGroup('ep1'), '/aws/sagemaker/Endpoints/ep1');
    assert.equal(endpointNameOfLogGroup('/aws/sagemaker/Endpoints/ep1'), 'ep1');
    assert.equal(endpointNameOfLogGroup('/aws/sagemaker/TrainingJobs'), undefined);
  });

  it('formats and parses the Host dimension in each namespace', () => {
    const endpointHost = endpointHostDimension('ep1', 'AllTraffic', 'i-0abc');
    assert.equal(endpointHost, 'ep1/AllTraffic/i-0abc');
    assert.deepEqual(parseHostDimension(ENDPOINT_INSTANCE_NAMESPACE, endpointHost), {
      kind: 'endpoint',
      endpointName: 'ep1',
      variantName: 'AllTraffic',
      instanceId: 'i-0abc',
    });
    const trainingHost = trainingHostDimension('job-1', 3);
    assert.equal(trainingHost, 'job-1/algo-3');
    assert.deepEqual(parseHostDimension(TRAINING_INSTANCE_NAMESPACE, trainingHost), {
      kind: 'training',
      trainingJobName: 'job-1',
      host: 'algo-3',
      instanceNumber: 3,
    });
    // Each format belongs to its own namespace only.
    assert.equal(parseHostDimension(TRAINING_INSTANCE_NAMESPACE, endpointHost), undefined);
    assert.equal(parseHostDimension(ENDPOINT_INSTANCE_NAMESPACE, trainingHost), undefined);
  });
});
