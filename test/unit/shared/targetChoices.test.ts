import * as assert from 'node:assert/strict';
import { targetChoices } from '../../../src/shared/targetChoices';

describe('shared/targetChoices: picking a target from the command palette', () => {
  it('lists training jobs newest first with their status, then endpoints by name', () => {
    const now = Date.UTC(2026, 10, 24, 12);
    const choices = targetChoices(
      [
        { name: 'old-job', arn: 'a1', status: 'Completed', createdAt: now - 3 * 86_400_000 },
        { name: 'new-job', arn: 'a2', status: 'InProgress', secondaryStatus: 'Training', createdAt: now - 5 * 60_000 },
      ],
      [
        { name: 'zeta', arn: 'e1', status: 'InService' },
        { name: 'alpha', arn: 'e2', status: 'Updating' },
      ],
      now,
    );
    assert.deepEqual(
      choices.map((c) => [c.group, c.label, c.description, c.target]),
      [
        ['Training jobs', '$(sync~spin) new-job', 'InProgress · Training', { trainingJobName: 'new-job' }],
        ['Training jobs', '$(pass) old-job', 'Completed', { trainingJobName: 'old-job' }],
        ['Endpoints', '$(sync~spin) alpha', 'Updating', { endpointName: 'alpha' }],
        ['Endpoints', '$(pass) zeta', 'InService', { endpointName: 'zeta' }],
      ],
    );
    assert.equal(choices[0].detail, 'created 5 min ago');
    assert.equal(choices[1].detail, 'created 3 days ago');
  });
});
