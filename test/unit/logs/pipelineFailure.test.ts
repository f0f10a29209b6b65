import * as assert from 'node:assert/strict';
import { failedStep, jobFailureArgument, pipelineExecutionArnOf, stepFailureSentence } from '../../../src/logs/model/pipelineFailure';
import type { PipelineStep } from '../../../src/shared/tuningPipelines';

const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn-pipeline/execution/k3x9';
const step = (name: string, status: string, startedAt: number, extra: Partial<PipelineStep> = {}): PipelineStep => ({ name, type: 'Training', status, startedAt, ...extra });

describe('logs/model/pipelineFailure: where a pipeline execution failed', () => {
  it('picks the step that failed first, by start time', () => {
    const steps = [step('Register', 'Failed', 30), step('Train', 'Failed', 20), step('Process', 'Succeeded', 10)];
    assert.equal(failedStep(steps)?.name, 'Train');
    assert.equal(failedStep([step('Process', 'Succeeded', 10)]), undefined);
  });

  it("turns the step's job into Show Failure's argument; other steps have none", () => {
    const job = (kind: 'training' | 'processing' | 'transform' | 'tuning') => step('s', 'Failed', 0, { job: { kind, name: 'j', arn: 'a' } });
    assert.deepEqual(jobFailureArgument(job('training')), { trainingJobName: 'j' });
    assert.deepEqual(jobFailureArgument(job('processing')), { processingJobName: 'j' });
    assert.deepEqual(jobFailureArgument(job('transform')), { transformJobName: 'j' });
    assert.equal(jobFailureArgument(job('tuning')), undefined);
    assert.equal(jobFailureArgument(step('Check', 'Failed', 0, { type: 'Condition' })), undefined);
  });

  it('reads { pipelineExecutionArn } or a node whose ARN is an execution', () => {
    assert.equal(pipelineExecutionArnOf({ pipelineExecutionArn: ARN }), ARN);
    assert.equal(pipelineExecutionArnOf({ arn: ARN }), ARN);
    assert.equal(pipelineExecutionArnOf({ arn: 'arn:aws:sagemaker:us-east-1:1:training-job/x' }), undefined);
    assert.equal(pipelineExecutionArnOf({ trainingJobName: 'x' }), undefined);
    assert.equal(pipelineExecutionArnOf(undefined), undefined);
    assert.equal(pipelineExecutionArnOf(ARN), undefined);
  });

  it('says where and why', () => {
    assert.equal(stepFailureSentence('churn-pipeline', 'k3x9', step('Train', 'Failed', 0, { failureReason: 'ClientError: boom' }), undefined), 'churn-pipeline k3x9 failed at step Train (Training): ClientError: boom.');
    assert.equal(stepFailureSentence('churn-pipeline', 'k3x9', undefined, 'Stopped by user'), 'churn-pipeline k3x9 failed: Stopped by user (no step failed).');
  });
});
