import * as assert from 'node:assert/strict';
import { failedJobChoices, hostChoices, targetChoices } from '../../../src/shared/targetChoices';

describe('shared/targetChoices: picking a target from the command palette', () => {
  const now = Date.UTC(2026, 10, 24, 12);

  it('lists training, processing and transform jobs newest first with their status, then endpoints by name', () => {
    const choices = targetChoices(
      {
        training: [
          { name: 'old-job', arn: 'a1', status: 'Completed', createdAt: now - 3 * 86_400_000 },
          { name: 'new-job', arn: 'a2', status: 'InProgress', secondaryStatus: 'Training', createdAt: now - 5 * 60_000 },
        ],
        processing: [
          { name: 'features', arn: 'p1', status: 'Failed', createdAt: now - 2 * 3600_000 },
          { name: 'features-live', arn: 'p2', status: 'InProgress', createdAt: now - 60_000 },
        ],
        transform: [{ name: 'scoring', arn: 't1', status: 'Completed', createdAt: now - 86_400_000 }],
        endpoints: [
          { name: 'zeta', arn: 'e1', status: 'InService' },
          { name: 'alpha', arn: 'e2', status: 'Updating' },
        ],
      },
      now,
    );
    assert.deepEqual(
      choices.map((c) => [c.group, c.label, c.description, c.target]),
      [
        ['Training jobs', '$(sync~spin) new-job', 'InProgress · Training', { trainingJobName: 'new-job' }],
        ['Training jobs', '$(pass) old-job', 'Completed', { trainingJobName: 'old-job' }],
        ['Processing jobs', '$(sync~spin) features-live', 'InProgress', { processingJobName: 'features-live' }],
        ['Processing jobs', '$(error) features', 'Failed', { processingJobName: 'features' }],
        ['Transform jobs', '$(pass) scoring', 'Completed', { transformJobName: 'scoring' }],
        ['Endpoints', '$(sync~spin) alpha', 'Updating', { endpointName: 'alpha' }],
        ['Endpoints', '$(pass) zeta', 'InService', { endpointName: 'zeta' }],
      ],
    );
    assert.equal(choices[0].detail, 'created 5 min ago');
    assert.equal(choices[1].detail, 'created 3 days ago');
    assert.deepEqual(choices[3].job, { kind: 'processing', name: 'features' });
    assert.equal(choices[5].job, undefined);
  });

  it('offers failed jobs only, of the three kinds, with the first line of their FailureReason', () => {
    const long = `ClientError: ${'x'.repeat(200)}`;
    const choices = failedJobChoices(
      {
        training: [
          { name: 'ok', arn: 'a1', status: 'Completed' },
          { name: 'bad', arn: 'a2', status: 'Failed', createdAt: now - 60_000 },
        ],
        processing: [{ name: 'bad', arn: 'p1', status: 'Failed', failureReason: 'AlgorithmError: See job logs\nmore' }],
        transform: [
          { name: 'scoring', arn: 't1', status: 'Failed', failureReason: long },
          { name: 'live', arn: 't2', status: 'InProgress' },
        ],
      },
      now,
    );
    assert.deepEqual(
      choices.map((c) => [c.group, c.job, c.description]),
      [
        ['Training jobs', { kind: 'training', name: 'bad' }, 'Failed'],
        ['Processing jobs', { kind: 'processing', name: 'bad' }, 'AlgorithmError: See job logs'],
        ['Transform jobs', { kind: 'transform', name: 'scoring' }, `${long.slice(0, 89)}…`],
      ],
    );
  });

  it('after a job with several hosts: the whole job, then each host as a target of that kind', () => {
    assert.deepEqual(
      hostChoices({ kind: 'processing', name: 'features' }, ['algo-1', 'algo-2']).map((c) => [c.label, c.target]),
      [
        ['$(layers) All 2 hosts', { processingJobName: 'features' }],
        ['$(vm) algo-1', { processingJobName: 'features', host: 'algo-1' }],
        ['$(vm) algo-2', { processingJobName: 'features', host: 'algo-2' }],
      ],
    );
    assert.deepEqual(hostChoices({ kind: 'transform', name: 's' }, ['i-1', 'i-2'])[0].label, '$(layers) All 2 instances');
    assert.deepEqual(hostChoices({ kind: 'training', name: 't' }, ['algo-1', 'algo-2'])[2].target, { trainingJobName: 't', host: 'algo-2' });
  });
});
