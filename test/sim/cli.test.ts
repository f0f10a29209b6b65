/** The CLI prints the endpoint and the environment, serves, and stops cleanly on SIGTERM; other scenarios start. */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ListEndpointsCommand, ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { destroyClients, startWithClients, waitFor } from './helpers';

const CLI = resolve(__dirname, '..', '..', 'sim', 'src', 'cli.js');

describe('simulator: CLI and scenarios', function () {
  this.timeout(15_000);

  it('`cli.js --port 0` prints the URL and env, serves the control API, exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--scenario', 'demo', '--port', '0', '--speed', '0', '--now', '2026-11-24T12:00:00Z'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const url = await waitFor(() => /^export AWS_ENDPOINT_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1], 10_000, 'the CLI banner');
      assert.match(out, /^export AWS_REGION=us-east-1$/m);
      assert.match(out, /^export AWS_ACCESS_KEY_ID=\S+$/m);
      assert.match(out, /^export AWS_SECRET_ACCESS_KEY=\S+$/m);
      const health = (await (await fetch(`${url}/_sim/health`)).json()) as { ok: boolean; nowIso: string; speed: number };
      assert.equal(health.ok, true);
      assert.equal(health.nowIso, '2026-11-24T12:00:00.000Z');
      assert.equal(health.speed, 0);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });

  it('a JSON scenario file describes an account (sim/scenarios/example.json)', async () => {
    const file = resolve(__dirname, '..', '..', '..', 'sim', 'scenarios', 'example.json');
    const c = await startWithClients({ scenario: file });
    try {
      const eps = await c.sagemaker.send(new ListEndpointsCommand({}));
      assert.deepEqual(eps.Endpoints?.map((e) => [e.EndpointName, e.EndpointStatus]), [['my-endpoint', 'InService']]);
      const jobs = await c.sagemaker.send(new ListTrainingJobsCommand({}));
      assert.deepEqual(jobs.TrainingJobSummaries?.map((j) => [j.TrainingJobName, j.TrainingJobStatus, j.SecondaryStatus]), [['my-training-job', 'InProgress', 'Training']]);
      const groups = (await c.logs.send(new DescribeLogGroupsCommand({}))).logGroups?.map((g) => g.logGroupName);
      assert.deepEqual(groups, ['/aws/sagemaker/Endpoints/my-endpoint', '/aws/sagemaker/TrainingJobs', '/my/app']);
    } finally {
      await destroyClients(c);
    }
  });

  it('the empty scenario is an empty account; the large one has 5,000+ jobs (paged by 100)', async () => {
    const empty = await startWithClients({ scenario: 'empty' });
    try {
      assert.deepEqual((await empty.sagemaker.send(new ListEndpointsCommand({}))).Endpoints, []);
      assert.deepEqual((await empty.logs.send(new DescribeLogGroupsCommand({}))).logGroups, []);
    } finally {
      await destroyClients(empty);
    }
    const large = await startWithClients({ scenario: 'large', scenarioOptions: { endpoints: 10, endpointKinds: 0, logHosts: 1, logLinesPerHost: 100 } });
    try {
      let n = 0;
      let NextToken: string | undefined;
      do {
        const r = await large.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: 100, NextToken }));
        n += r.TrainingJobSummaries?.length ?? 0;
        NextToken = r.NextToken;
      } while (NextToken);
      // 5,000 jobs + the log-heavy one, the 500 tuning jobs' children and the 200 pipelines' training steps
      const acc = large.sim.state.home();
      const children = [...acc.tuningJobs.values()].reduce((sum, t) => sum + t.children.length, 0);
      const steps = [...acc.trainingJobs.keys()].filter((k) => k.startsWith('pipelines-')).length;
      assert.deepEqual([acc.tuningJobs.size, acc.pipelines.size], [500, 200]);
      assert.ok(children >= 1000 && steps >= 200, `${children} children, ${steps} pipeline training jobs`);
      assert.equal(n, 5001 + children + steps);
      assert.equal((await large.sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }))).Endpoints?.length, 10);
    } finally {
      await destroyClients(large);
    }
  });
});
