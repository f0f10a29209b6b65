import * as assert from 'node:assert/strict';
import { alarmResource } from '../../../src/notifications/model/alarmResources';

const dims = (o: Record<string, string>) => Object.entries(o).map(([Name, Value]) => ({ Name, Value }));

describe('notifications: the resource an alarm watches', () => {
  it('names the most specific resource of the tree and its Open Metrics argument', () => {
    const cases: [string, Record<string, string>, { key: string; label: string; metrics?: Record<string, string> } | undefined][] = [
      ['AWS/SageMaker', { EndpointName: 'e' }, { key: 'endpoint:e', label: 'endpoint e', metrics: { endpointName: 'e' } }],
      ['AWS/SageMaker', { EndpointName: 'e', VariantName: 'v' }, { key: 'variant:e/v', label: 'endpoint e / v', metrics: { endpointName: 'e', variantName: 'v' } }],
      ['/aws/sagemaker/Endpoints', { Host: 'e/v/i-1' }, { key: 'variant:e/v', label: 'endpoint e / v', metrics: { endpointName: 'e', variantName: 'v' } }],
      ['/aws/sagemaker/TrainingJobs', { Host: 'bert/algo-2' }, { key: 'trainingJob:bert', label: 'training job bert', metrics: { trainingJobName: 'bert' } }],
      ['/aws/sagemaker/TrainingJobs', { TrainingJobName: 'bert' }, { key: 'trainingJob:bert', label: 'training job bert', metrics: { trainingJobName: 'bert' } }],
      ['AWS/SageMaker', { InferenceComponentName: 'ic', EndpointName: 'e' }, { key: 'inferenceComponent:ic', label: 'inference component ic', metrics: { endpointName: 'e', inferenceComponentName: 'ic' } }],
      ['/aws/sagemaker/InferenceComponents', { InferenceComponentName: 'ic' }, { key: 'inferenceComponent:ic', label: 'inference component ic' }],
      ['Custom', { Queue: 'q' }, undefined],
      ['/aws/sagemaker/TrainingJobs', { Host: 'not-a-host' }, undefined],
    ];
    for (const [namespace, d, expected] of cases) {
      assert.deepEqual(alarmResource({ namespace, dimensions: dims(d) }), expected, `${namespace} ${JSON.stringify(d)}`);
    }
  });
});
