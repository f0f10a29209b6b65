import * as assert from 'node:assert/strict';
import { consoleUrl } from '../../../src/shared/console';

describe('shared/console: AWS console links', () => {
  it('links endpoints and training jobs in their region', () => {
    assert.equal(consoleUrl('eu-west-1', { kind: 'endpoint', name: 'ep1' }), 'https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/endpoints/ep1');
    assert.equal(consoleUrl('us-east-1', { kind: 'trainingJob', name: 'job-1' }), 'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/job-1');
  });

  it('uses the partition of China and GovCloud regions', () => {
    assert.match(consoleUrl('cn-north-1', { kind: 'endpoint', name: 'e' }), /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
    assert.match(consoleUrl('us-gov-west-1', { kind: 'endpoint', name: 'e' }), /^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\//);
  });

  it('encodes log group and stream names the way the CloudWatch console does', () => {
    const url = consoleUrl('us-east-1', { kind: 'logStream', logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: 'job-1/algo-1-1700000000' });
    assert.ok(url.endsWith('#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FTrainingJobs/log-events/job-1$252Falgo-1-1700000000'), url);
  });
});
