import * as assert from 'node:assert/strict';
import { jobOfArn, rankTuningChildren, readStepMetadata, type TuningChild } from '../../../src/shared/tuningPipelines';
import { pipelineNameOfArn } from '../../../src/aws/tuningPipelines';

const child = (name: string, objectiveValue?: number, createdAt = 0): TuningChild => ({ name, arn: `arn:${name}`, status: 'Completed', createdAt, tunedHyperParameters: {}, ...(objectiveValue !== undefined ? { objectiveValue } : {}) });

describe('shared/tuningPipelines: ranking children, reading step metadata', () => {
  it('ranks a maximised objective highest first, children without a value last (newest first)', () => {
    const ranked = rankTuningChildren([child('a', 0.81), child('b'), child('c', 0.93), child('d', undefined, 5), child('e', 0.88)], 'Maximize');
    assert.deepEqual(
      ranked.map((c) => c.name),
      ['c', 'e', 'a', 'd', 'b'],
    );
  });

  it('ranks a minimised objective lowest first', () => {
    const ranked = rankTuningChildren([child('a', 0.41), child('b', 0.12), child('c'), child('d', 0.3)], 'Minimize');
    assert.deepEqual(
      ranked.map((c) => c.name),
      ['b', 'd', 'a', 'c'],
    );
  });

  it('names the job of a step from its ARN, whatever its kind', () => {
    assert.deepEqual(jobOfArn('arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-2'), { kind: 'training', name: 'churn-xgb-2', arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-2' });
    assert.equal(jobOfArn('arn:aws:sagemaker:us-east-1:1:processing-job/p')?.kind, 'processing');
    assert.equal(jobOfArn('arn:aws:sagemaker:us-east-1:1:transform-job/t')?.kind, 'transform');
    assert.equal(jobOfArn('arn:aws:sagemaker:us-east-1:1:hyper-parameter-tuning-job/h')?.kind, 'tuning');
    assert.equal(jobOfArn('arn:aws:sagemaker:us-east-1:1:model-package/churn/3'), undefined);
    assert.equal(jobOfArn('not an arn'), undefined);
  });

  it('reads the step type, its job and a note from whichever metadata key is set', () => {
    assert.deepEqual(readStepMetadata({ TrainingJob: { Arn: 'arn:aws:sagemaker:r:1:training-job/x' } }), { type: 'Training', job: { kind: 'training', name: 'x', arn: 'arn:aws:sagemaker:r:1:training-job/x' } });
    assert.equal(readStepMetadata({ ProcessingJob: { Arn: 'arn:aws:sagemaker:r:1:processing-job/p' } }).type, 'Processing');
    assert.equal(readStepMetadata({ TuningJob: { Arn: 'arn:aws:sagemaker:r:1:hyper-parameter-tuning-job/h' } }).job?.kind, 'tuning');
    assert.deepEqual(readStepMetadata({ Condition: { Outcome: 'True' } }), { type: 'Condition', note: 'outcome True' });
    assert.deepEqual(readStepMetadata({ RegisterModel: { Arn: 'arn:aws:sagemaker:r:1:model-package/churn/3' } }), { type: 'RegisterModel', note: 'model package churn/3' });
    assert.deepEqual(readStepMetadata({ Fail: { ErrorMessage: 'AUC below 0.8' } }), { type: 'Fail', note: 'AUC below 0.8' });
    // An unset key next to a set one (the SDK leaves undefined members out, servers may send null).
    assert.equal(readStepMetadata({ TrainingJob: null, Lambda: { Arn: 'arn:aws:lambda:r:1:function:f' } }).type, 'Lambda');
    assert.deepEqual(readStepMetadata(undefined), { type: 'Unknown' });
    assert.deepEqual(readStepMetadata({}), { type: 'Unknown' });
  });

  it("reads the pipeline's name from its ARN or an execution's", () => {
    assert.equal(pipelineNameOfArn('arn:aws:sagemaker:us-east-1:1:pipeline/churn-pipeline'), 'churn-pipeline');
    assert.equal(pipelineNameOfArn('arn:aws:sagemaker:us-east-1:1:pipeline/churn-pipeline/execution/abc123'), 'churn-pipeline');
    assert.equal(pipelineNameOfArn('arn:aws:sagemaker:us-east-1:1:training-job/x'), undefined);
  });
});
