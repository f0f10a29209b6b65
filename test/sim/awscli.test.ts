/** The AWS CLI against the simulator (runs where `aws` is installed; skipped otherwise). */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, startWithClients, T0 } from './helpers';

function aws(url: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'aws',
      [...args, '--output', 'json'],
      {
        timeout: 20_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          AWS_ENDPOINT_URL: url,
          AWS_REGION: 'us-east-1',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'AKIDSIM',
          AWS_SECRET_ACCESS_KEY: 'x',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
      },
      (err, stdout, stderr) => (err ? reject(new Error(`aws ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout)),
    );
  });
}

function awsAvailable(): Promise<boolean> {
  return new Promise((resolve) => execFile('aws', ['--version'], { timeout: 10_000 }, (err) => resolve(!err)));
}

describe('simulator: the AWS CLI (when installed)', function () {
  this.timeout(30_000);
  let c: Clients | undefined;
  before(async function () {
    if (!(await awsAvailable())) this.skip();
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  it('aws logs describe-log-streams + get-log-events read the Failed job traceback', async () => {
    const url = (c as Clients).sim.url;
    const streams = JSON.parse(await aws(url, ['logs', 'describe-log-streams', '--log-group-name', '/aws/sagemaker/TrainingJobs', '--log-stream-name-prefix', `${DEMO.jobs.failed}/`])) as { logStreams: { logStreamName: string }[] };
    assert.equal(streams.logStreams.length, 1);
    const out = JSON.parse(await aws(url, ['logs', 'get-log-events', '--log-group-name', '/aws/sagemaker/TrainingJobs', '--log-stream-name', streams.logStreams[0].logStreamName, '--limit', '50'])) as { events: { message: string }[]; nextForwardToken: string };
    assert.ok(out.events.some((e) => e.message === 'Traceback (most recent call last):'));
    assert.match(out.nextForwardToken, /^f\//);
  });

  it('aws logs filter-log-events (interleaved, paginated by the CLI)', async () => {
    const url = (c as Clients).sim.url;
    const out = JSON.parse(await aws(url, ['logs', 'filter-log-events', '--log-group-name', '/aws/sagemaker/TrainingJobs', '--log-stream-name-prefix', `${DEMO.jobs.inProgress}/`, '--filter-pattern', 'val_loss'])) as { events: { timestamp: number }[] };
    assert.ok(out.events.length >= 4);
    const ts = out.events.map((e) => e.timestamp);
    assert.deepEqual(ts, [...ts].sort((a, b) => a - b));
  });

  it('aws cloudwatch get-metric-data and list-metrics', async () => {
    const url = (c as Clients).sim.url;
    const queries = JSON.stringify([
      { Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName', Value: DEMO.endpoints.bursty }, { Name: 'VariantName', Value: 'AllTraffic' }] }, Period: 60, Stat: 'Sum' } },
    ]);
    const out = JSON.parse(await aws(url, ['cloudwatch', 'get-metric-data', '--metric-data-queries', queries, '--start-time', new Date(T0 - 600_000).toISOString(), '--end-time', new Date(T0).toISOString()])) as { MetricDataResults: { Id: string; Values: number[]; StatusCode: string }[] };
    assert.equal(out.MetricDataResults[0].Values.length, 10);
    assert.equal(out.MetricDataResults[0].StatusCode, 'Complete');
    const lm = JSON.parse(await aws(url, ['cloudwatch', 'list-metrics', '--namespace', '/aws/sagemaker/Endpoints', '--metric-name', 'CPUUtilization', '--dimensions', 'Name=Host'])) as { Metrics: unknown[] };
    assert.equal(lm.Metrics.length, 3);
  });

  it('aws sagemaker describe-training-job', async () => {
    const out = JSON.parse(await aws((c as Clients).sim.url, ['sagemaker', 'describe-training-job', '--training-job-name', DEMO.jobs.failed])) as { TrainingJobStatus: string; FailureReason: string };
    assert.equal(out.TrainingJobStatus, 'Failed');
    assert.match(out.FailureReason, /^AlgorithmError/);
  });
});
