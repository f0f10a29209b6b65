// The extension's AWS side of processing and transform jobs with the real SDK clients against the simulator's
// demo scenario: one page at a time through the SDK paginators, hosts and instances from their log streams,
// Host metrics, and the tail engine on a transform job's data log or model server alone.
import * as assert from 'node:assert/strict';
import { listProcessingHosts, listTransformInstances } from '../../src/aws/instances';
import { describeProcessingJob, describeTransformJob, listProcessingJobsPage, listTransformJobsPage } from '../../src/aws/jobs';
import { SdkLogSource } from '../../src/aws/logs/source';
import { discoverHostMetrics } from '../../src/aws/metrics';
import { RequestBudget, systemClock } from '../../src/logs/engine/budget';
import { streamQuery } from '../../src/logs/engine/events';
import type { TailSpec, TailUpdate } from '../../src/logs/engine/spec';
import { PollingTail } from '../../src/logs/engine/tail';
import { DEMO } from '../../sim/scenarios/demo';
import { destroyClients, startWithClients, type Clients } from './helpers';

const P = DEMO.processingJobs;
const X = DEMO.transformJobs;

describe('aws: processing and transform jobs against the simulator (real SDK clients)', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  it('lists processing jobs newest first a page at a time, the next page from the token, filtered on the service side', async () => {
    const first = await listProcessingJobsPage(c.sagemaker, { pageSize: 2 });
    assert.equal(first.jobs.length, 2);
    assert.ok(first.nextToken);
    const second = await listProcessingJobsPage(c.sagemaker, { pageSize: 2, nextToken: first.nextToken });
    assert.equal(second.nextToken, undefined);
    const all = [...first.jobs, ...second.jobs];
    assert.deepEqual(new Set(all.map((j) => j.name)), new Set([...Object.values(P), DEMO.pipeline.jobs.evaluate]));
    assert.ok(all.every((j, i) => i === 0 || (all[i - 1].createdAt ?? 0) >= (j.createdAt ?? 0)), 'newest first');
    const failed = await listProcessingJobsPage(c.sagemaker, { status: 'Failed', nameContains: 'churn' });
    assert.deepEqual(failed.jobs.map((j) => j.name), [P.failed]);
    assert.match(failed.jobs[0].failureReason ?? '', /AlgorithmError/);
    assert.match(failed.jobs[0].exitMessage ?? '', /KeyError: 'churned'$/);
  });

  it('describes a processing job and finds its algo hosts from their streams', async () => {
    const job = await describeProcessingJob(c.sagemaker, P.inProgress);
    assert.equal(job.instanceCount, 2);
    assert.equal(job.instanceType, 'ml.m5.2xlarge');
    assert.ok(job.startedAt && job.createdAt && job.startedAt > job.createdAt);
    assert.ok(job.containerEntrypoint.join(' ').includes('features.py'), job.containerEntrypoint.join(' '));
    const hosts = await listProcessingHosts(c.logs, P.inProgress, job.instanceCount);
    assert.deepEqual(hosts.map((h) => [h.host, h.streams.length]), [['algo-1', 1], ['algo-2', 1]]);
    assert.deepEqual(await discoverHostMetrics(c.cloudwatch, '/aws/sagemaker/ProcessingJobs', `${P.inProgress}/algo-1`), ['CPUUtilization', 'DiskUtilization', 'MemoryUtilization']);
  });

  it('lists transform jobs and finds each instance with its model-server and data-log stream', async () => {
    const page = await listTransformJobsPage(c.sagemaker, {});
    assert.deepEqual(new Set(page.jobs.map((j) => j.name)), new Set(Object.values(X)));
    const job = await describeTransformJob(c.sagemaker, X.completed);
    assert.equal(job.status, 'Completed');
    assert.equal(job.instanceCount, 2);
    assert.equal(job.modelName, 'churn-xgb-model-v7');
    const instances = await listTransformInstances(c.logs, X.completed);
    assert.deepEqual(instances.map((i) => i.instanceId), [...(c.sim.state.account('us-east-1').transformJobs.get(X.completed)?.instanceIds ?? [])].sort());
    assert.ok(instances.every((i) => i.streams.length === 1 && i.dataLogStreams.length === 1 && i.dataLogStreams[0].logStreamName === `${i.streams[0].logStreamName}/data-log`));
  });

  async function tail(spec: TailSpec): Promise<{ lines: string[]; updates: TailUpdate[]; foreign: number }> {
    const engine = new PollingTail(new SdkLogSource(c.logs, c.sagemaker), spec, new RequestBudget(1000, 1000, systemClock), systemClock);
    const updates: TailUpdate[] = [];
    for await (const u of engine.run(new AbortController().signal)) {
      updates.push(u);
    }
    const lines = updates.flatMap((u) => (u.kind === 'events' ? u.events.map((e) => `${e.logStreamName} ${e.message}`) : []));
    return { lines, updates, foreign: engine.dropped.foreign };
  }

  it('tails a transform job\'s data log or its model server alone (one prefix, selected by suffix), each line once', async () => {
    const base = { backfillLines: 10_000, pollIntervalMs: 500 };
    const dataLog = await tail({ ...base, query: streamQuery({ kind: 'transformJob', transformJobName: X.completed, dataLog: true }), follow: false });
    assert.ok(dataLog.lines.length > 0 && dataLog.lines.every((l) => /\/data-log .*\[sagemaker logs\]: /.test(l)), dataLog.lines.slice(0, 3).join('\n'));
    assert.equal(dataLog.lines.filter((l) => /part-\d{5}\.csv: Completed$/.test(l)).length, 12);
    assert.equal(new Set(dataLog.lines).size, dataLog.lines.length, 'no line twice');
    const server = await tail({ ...base, query: streamQuery({ kind: 'transformJob', transformJobName: X.completed, dataLog: false }), follow: false });
    assert.ok(server.lines.some((l) => l.includes('POST /invocations')) && server.lines.every((l) => !l.includes('/data-log ')));
    assert.equal(server.foreign + dataLog.foreign, 0, 'the other kind of stream is no misbehaving service');
  });

  it('a followed tail of a finished transform job ends by itself, saying how the job ended', async () => {
    const got = await tail({
      backfillLines: 100,
      pollIntervalMs: 500,
      statusIntervalMs: 500,
      query: streamQuery({ kind: 'transformJob', transformJobName: X.completed, dataLog: true }),
      follow: true,
      job: { kind: 'transform', name: X.completed },
    });
    assert.ok(got.updates.some((u) => u.kind === 'status' && u.text === 'Transform job Completed'), JSON.stringify(got.updates.filter((u) => u.kind === 'status')));
    assert.deepEqual(got.updates.at(-1), { kind: 'ended', reason: 'the transform job has ended' });
  });
});
