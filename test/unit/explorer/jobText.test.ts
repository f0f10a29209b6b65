import * as assert from 'node:assert/strict';
import { failureText, jobDescription, processingJobTooltip, transformInstanceDescription, transformJobTooltip } from '../../../src/explorer/model/jobText';

const MIN = 60_000;

describe('explorer/model/jobText: processing and transform job text', () => {
  it('describes a job by its status and how long it ran', () => {
    assert.equal(jobDescription({ status: 'Completed', createdAt: 0, endedAt: 38 * MIN }, undefined, 99 * MIN), 'Completed · 38m');
    // From its start once read, not its creation; until now while it runs.
    assert.equal(jobDescription({ status: 'InProgress', createdAt: 0 }, { startedAt: 3 * MIN }, 18 * MIN), 'InProgress · 15m');
    // Over without an end time: until it was last modified.
    assert.equal(jobDescription({ status: 'Stopped', createdAt: 0, modifiedAt: 5 * MIN }, undefined, 99 * MIN), 'Stopped · 5m');
    assert.equal(jobDescription({ status: 'InProgress' }, undefined, 0), 'InProgress');
  });

  it('adds instances and the container command to the tooltip once the job is read', () => {
    const j = { name: 'churn-features-live', arn: 'arn', status: 'InProgress', createdAt: 0 };
    assert.ok(!processingJobTooltip(j, undefined).includes('×'));
    const tip = processingJobTooltip(j, { ...j, instanceCount: 2, instanceType: 'ml.m5.2xlarge', containerEntrypoint: ['python3', '/opt/ml/processing/input/code/features.py'], containerArguments: ['--window-days', '90'], inputs: [] });
    assert.match(tip, /^\*\*churn-features-live\*\* — InProgress/);
    assert.match(tip, /2 × ml\.m5\.2xlarge/);
    assert.match(tip, /`python3 \/opt\/ml\/processing\/input\/code\/features\.py --window-days 90`/);
    const t = { name: 'churn-batch-scoring', arn: 'arn', status: 'Completed' };
    assert.match(transformJobTooltip(t, { ...t, instanceCount: 2, instanceType: 'ml.m5.xlarge', modelName: 'churn-xgb-model-v7' }), /2 × ml\.m5\.xlarge  \nModel churn-xgb-model-v7/);
  });

  it('shows the failure reason and the last lines of the exit message', () => {
    assert.deepEqual(failureText({}), {});
    assert.deepEqual(failureText({ failureReason: 'AlgorithmError: x' }), { reason: 'AlgorithmError: x' });
    const traceback = ['Traceback (most recent call last):', '  File "a.py", line 1, in <module>', '    main()', '  File "a.py", line 9, in main', "    df['churned']", "KeyError: 'churned'", ''].join('\n');
    assert.deepEqual(failureText({ failureReason: 'AlgorithmError', exitMessage: traceback }), {
      reason: 'AlgorithmError',
      exitMessage: `…\n    main()\n  File "a.py", line 9, in main\n    df['churned']\nKeyError: 'churned'`,
    });
    assert.deepEqual(failureText({ exitMessage: 'one line' }), { exitMessage: 'one line' });
  });

  it("says which streams a transform instance has", () => {
    const s = { logStreamName: 'j/i-1-1700000000', startedAt: 1700000000 };
    const d = { logStreamName: 'j/i-1-1700000000/data-log', startedAt: 1700000000 };
    assert.equal(transformInstanceDescription({ transformJobName: 'j', instanceId: 'i-1', streams: [s], dataLogStreams: [d] }), 'model server · data log');
    assert.equal(transformInstanceDescription({ transformJobName: 'j', instanceId: 'i-1', streams: [s], dataLogStreams: [] }), 'model server');
    assert.equal(transformInstanceDescription({ transformJobName: 'j', instanceId: 'i-1', streams: [], dataLogStreams: [] }), 'no logs yet');
  });
});
