import * as assert from 'node:assert/strict';
import { executionDescription, executionLabel, formatObjective, stepDescription, tuningChildDescription, tuningJobDescription, tuningJobTooltip, tuningProgress } from '../../../src/explorer/model/tuningPipelineText';

const MIN = 60_000;
const counters = { completed: 4, inProgress: 2, retryableError: 0, nonRetryableError: 1, stopped: 1 };

describe('explorer/model/tuningPipelineText: tuning job and pipeline text', () => {
  it('describes a tuning job by status, children done of its budget, and run time', () => {
    assert.equal(tuningProgress(counters, 8), '6 of 8 done');
    assert.equal(tuningProgress(counters, undefined), '6 of 8 done');
    assert.equal(tuningProgress(undefined, 8), undefined);
    assert.equal(tuningJobDescription({ name: 't', arn: 'a', status: 'InProgress', createdAt: 0, counters, maxJobs: 8 }, 14 * MIN), 'InProgress · 6 of 8 done · 14m');
  });

  it('puts the objective, the counters and the best job in the tooltip', () => {
    const j = { name: 'churn-xgb-tuning', arn: 'a', status: 'InProgress', strategy: 'Bayesian', counters, objectiveCounters: { succeeded: 4, pending: 2, failed: 1 }, maxJobs: 8, maxParallelJobs: 2 };
    const tip = tuningJobTooltip(j, { ...j, objective: { type: 'Maximize', metricName: 'validation:auc' }, bestTrainingJobName: 'churn-xgb-tuning-003-abc' });
    assert.match(tip, /Objective: maximize `validation:auc` \(Bayesian search\)/);
    assert.match(tip, /4 completed · 2 in progress · 1 stopped · 1 failed \(of 8, 2 at a time\)/);
    assert.match(tip, /Best so far: churn-xgb-tuning-003-abc/);
    assert.doesNotMatch(tuningJobTooltip(j, undefined), /Objective:/);
  });

  it('describes a child by its rank, objective value, status and run time', () => {
    const c = { name: 'c', arn: 'a', status: 'Completed', startedAt: 0, endedAt: 12 * MIN, objectiveValue: 0.912345, tunedHyperParameters: {} };
    assert.equal(tuningChildDescription(c, 1, 'validation:auc', 99 * MIN), '#1 validation:auc 0.9123 · Completed · 12m');
    assert.equal(tuningChildDescription({ ...c, objectiveValue: undefined, status: 'Failed' }, undefined, 'validation:auc', 99 * MIN), 'Failed · 12m');
    assert.equal(formatObjective(12345.678), '12345.7');
    assert.equal(formatObjective(0.5), '0.5');
  });

  it('labels executions by display name or id, and describes steps', () => {
    const arn = 'arn:aws:sagemaker:us-east-1:1:pipeline/churn-pipeline/execution/k3x9';
    assert.equal(executionLabel({ arn, pipelineName: 'churn-pipeline', status: 'Failed' }), 'k3x9');
    assert.equal(executionLabel({ arn, pipelineName: 'churn-pipeline', status: 'Failed', displayName: 'nightly-2026-12-02' }), 'nightly-2026-12-02');
    assert.match(executionDescription({ arn, pipelineName: 'p', status: 'Failed', startedAt: 0, modifiedAt: 42 * MIN }, 99 * MIN), /^Failed · 42m · /);
    assert.match(executionDescription({ arn, pipelineName: 'p', status: 'Executing', startedAt: 0 }, 5 * MIN), /^Executing · 5m · /);
    assert.equal(stepDescription({ name: 'train', type: 'Training', status: 'Failed', startedAt: 0, endedAt: 3 * MIN }, 99 * MIN), 'Training · Failed · 3m');
    assert.equal(stepDescription({ name: 'check', type: 'Condition', status: 'Succeeded', startedAt: 0, endedAt: 0, note: 'outcome True' }, 99 * MIN), 'Condition · Succeeded · 0s · outcome True');
  });
});
