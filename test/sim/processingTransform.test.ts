import * as assert from 'node:assert/strict';
import {
  CreateProcessingJobCommand,
  CreateTransformJobCommand,
  DescribeProcessingJobCommand,
  DescribeTransformJobCommand,
  ListProcessingJobsCommand,
  ListTransformJobsCommand,
  paginateListProcessingJobs,
  paginateListTransformJobs,
} from '@aws-sdk/client-sagemaker';
import { DescribeLogStreamsCommand, GetLogEventsCommand, type LogStream } from '@aws-sdk/client-cloudwatch-logs';
import { GetMetricDataCommand, ListMetricsCommand, type Metric } from '@aws-sdk/client-cloudwatch';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, rejection, startWithClients, T0 } from './helpers';

const P = DEMO.processingJobs;
/** the pipeline's Evaluate step (churn-pipeline's weekly-retrain execution) is a processing job too */
const EVAL = DEMO.pipeline.jobs.evaluate;
const X = DEMO.transformJobs;
const PG = '/aws/sagemaker/ProcessingJobs';
const XG = '/aws/sagemaker/TransformJobs';

async function streams(c: Clients, group: string, job: string): Promise<LogStream[]> {
  const r = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: `${job}/` }));
  return r.logStreams ?? [];
}

async function hostMetrics(c: Clients, namespace: string, host: string): Promise<string[]> {
  const r = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: namespace, Dimensions: [{ Name: 'Host', Value: host }] }));
  return (r.Metrics ?? []).map((m: Metric) => `${m.MetricName}|${(m.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(',')}`).sort();
}

const utilisation = (host: string, gpu = false) =>
  ['CPUUtilization', 'DiskUtilization', 'MemoryUtilization', ...(gpu ? ['GPUMemoryUtilization', 'GPUUtilization'] : [])].map((m) => `${m}|Host=${host}`).sort();

describe('simulator: SageMaker processing and transform jobs (awsJson1_1, real SDK clients)', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  it('ListProcessingJobs: every demo job, ascending by creation by default; status, name and time filters; sort', async () => {
    const all = await c.sagemaker.send(new ListProcessingJobsCommand({}));
    const rows = all.ProcessingJobSummaries ?? [];
    assert.deepEqual(rows.map((j) => j.ProcessingJobName), [P.completed, EVAL, P.failed, P.inProgress]);
    assert.deepEqual(rows.map((j) => j.ProcessingJobStatus), ['Completed', 'Completed', 'Failed', 'InProgress']);
    assert.ok(rows[0].CreationTime instanceof Date && rows[0].ProcessingEndTime instanceof Date && rows[0].LastModifiedTime instanceof Date);
    assert.equal(rows[3].ProcessingEndTime, undefined, 'a running job has no end time');
    assert.equal(rows[0].ProcessingJobArn, `arn:aws:sagemaker:us-east-1:123456789012:processing-job/${P.completed}`);
    const failed = rows[2];
    assert.match(failed.FailureReason ?? '', /^AlgorithmError/);
    assert.match(failed.ExitMessage ?? '', /KeyError: 'churned'$/);
    const byStatus = await c.sagemaker.send(new ListProcessingJobsCommand({ StatusEquals: 'Failed' }));
    assert.deepEqual(byStatus.ProcessingJobSummaries?.map((j) => j.ProcessingJobName), [P.failed]);
    const byName = await c.sagemaker.send(new ListProcessingJobsCommand({ NameContains: 'FEATURES', SortBy: 'Name', SortOrder: 'Descending' }));
    assert.deepEqual(byName.ProcessingJobSummaries?.map((j) => j.ProcessingJobName), [P.completed, P.inProgress]);
    const recent = await c.sagemaker.send(new ListProcessingJobsCommand({ CreationTimeAfter: new Date(T0 - 12 * 3600_000), SortOrder: 'Descending' }));
    assert.deepEqual(recent.ProcessingJobSummaries?.map((j) => j.ProcessingJobName), [P.inProgress, P.failed]);
    const older = await c.sagemaker.send(new ListProcessingJobsCommand({ CreationTimeBefore: new Date(T0 - 12 * 3600_000) }));
    assert.deepEqual(older.ProcessingJobSummaries?.map((j) => j.ProcessingJobName), [P.completed, EVAL]);
    // the running job was last modified at its creation; the failed one when it failed (4 h ago + 5 min)
    const lm = await c.sagemaker.send(new ListProcessingJobsCommand({ LastModifiedTimeAfter: new Date(T0 - 5 * 3600_000), LastModifiedTimeBefore: new Date(T0 - 30 * 60_000) }));
    assert.deepEqual(lm.ProcessingJobSummaries?.map((j) => j.ProcessingJobName), [P.failed]);
    const byStatusSort = await c.sagemaker.send(new ListProcessingJobsCommand({ SortBy: 'Status', SortOrder: 'Ascending' }));
    assert.deepEqual(byStatusSort.ProcessingJobSummaries?.map((j) => j.ProcessingJobStatus), ['Completed', 'Completed', 'Failed', 'InProgress']);
  });

  it('ListProcessingJobs / ListTransformJobs paging: every job exactly once, NextToken only while more remain', async () => {
    for (const size of [1, 2]) {
      const names: string[] = [];
      for await (const page of paginateListProcessingJobs({ client: c.sagemaker, pageSize: size }, {})) names.push(...(page.ProcessingJobSummaries ?? []).map((j) => j.ProcessingJobName as string));
      assert.deepEqual([...names].sort(), [...Object.values(P), EVAL].sort());
      const tnames: string[] = [];
      for await (const page of paginateListTransformJobs({ client: c.sagemaker, pageSize: size }, {})) tnames.push(...(page.TransformJobSummaries ?? []).map((j) => j.TransformJobName as string));
      assert.deepEqual([...tnames].sort(), Object.values(X).sort());
    }
    const p1 = await c.sagemaker.send(new ListProcessingJobsCommand({ MaxResults: 2 }));
    assert.equal(p1.ProcessingJobSummaries?.length, 2);
    assert.ok(p1.NextToken);
    const p2 = await c.sagemaker.send(new ListProcessingJobsCommand({ MaxResults: 2, NextToken: p1.NextToken }));
    assert.equal(p2.ProcessingJobSummaries?.length, 2);
    assert.equal(p2.NextToken, undefined);
  });

  it('List*: bad MaxResults, status, sort and token are ValidationExceptions', async () => {
    for (const cmd of [
      new ListProcessingJobsCommand({ MaxResults: 101 }),
      new ListProcessingJobsCommand({ MaxResults: 0 }),
      new ListProcessingJobsCommand({ StatusEquals: 'Running' as never }),
      new ListTransformJobsCommand({ SortBy: 'Size' as never }),
      new ListTransformJobsCommand({ NextToken: 'not-a-token' }),
    ]) {
      const err = await rejection(c.sagemaker.send(cmd as never));
      assert.equal(err.name, 'ValidationException', String(err.message));
      assert.equal(err.$metadata?.httpStatusCode, 400);
    }
  });

  it('ListTransformJobs: newest first by default, status filter', async () => {
    const all = await c.sagemaker.send(new ListTransformJobsCommand({}));
    assert.deepEqual(all.TransformJobSummaries?.map((j) => [j.TransformJobName, j.TransformJobStatus]), [
      [X.endsSoon, 'InProgress'],
      [X.inProgress, 'InProgress'],
      [X.completed, 'Completed'],
    ]);
    const done = all.TransformJobSummaries?.[2];
    assert.ok(done?.TransformEndTime instanceof Date && done.LastModifiedTime instanceof Date);
    assert.equal(done?.TransformJobArn, `arn:aws:sagemaker:us-east-1:123456789012:transform-job/${X.completed}`);
    const ip = await c.sagemaker.send(new ListTransformJobsCommand({ StatusEquals: 'InProgress', SortOrder: 'Ascending' }));
    assert.deepEqual(ip.TransformJobSummaries?.map((j) => j.TransformJobName), [X.inProgress, X.endsSoon]);
  });

  it('DescribeProcessingJob: resources, app, inputs/outputs, times; failure fields only when Failed', async () => {
    const live = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: P.inProgress }));
    assert.equal(live.ProcessingJobStatus, 'InProgress');
    assert.deepEqual([live.ProcessingResources?.ClusterConfig?.InstanceCount, live.ProcessingResources?.ClusterConfig?.InstanceType], [2, 'ml.m5.2xlarge']);
    assert.deepEqual(live.AppSpecification?.ContainerEntrypoint, ['python3', '/opt/ml/processing/input/code/features.py']);
    assert.match(live.AppSpecification?.ImageUri ?? '', /sagemaker-scikit-learn/);
    assert.ok(live.ProcessingStartTime instanceof Date && live.CreationTime instanceof Date);
    assert.equal(live.ProcessingEndTime, undefined);
    assert.equal(live.FailureReason, undefined);
    assert.equal(live.ProcessingInputs?.[0].S3Input?.LocalPath, '/opt/ml/processing/input/data');
    assert.ok(live.ProcessingOutputConfig?.Outputs?.every((o) => o.S3Output?.S3Uri?.startsWith('s3://') && o.S3Output.S3UploadMode === 'EndOfJob'));
    assert.equal(live.StoppingCondition?.MaxRuntimeInSeconds, 86400);
    const failed = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: P.failed }));
    assert.equal(failed.ProcessingJobStatus, 'Failed');
    assert.equal(failed.FailureReason, 'AlgorithmError: See job logs for more information');
    assert.match(failed.ExitMessage ?? '', /^Traceback \(most recent call last\):\n/);
    assert.ok(failed.ProcessingEndTime instanceof Date);
    assert.equal(failed.LastModifiedTime?.getTime(), failed.ProcessingEndTime?.getTime());
  });

  it('DescribeTransformJob: model, input/output, resources, start and end times', async () => {
    const done = await c.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: X.completed }));
    assert.equal(done.TransformJobStatus, 'Completed');
    assert.equal(done.ModelName, 'churn-xgb-model-v7');
    assert.deepEqual([done.TransformResources?.InstanceType, done.TransformResources?.InstanceCount], ['ml.m5.xlarge', 2]);
    assert.match(done.TransformInput?.DataSource?.S3DataSource?.S3Uri ?? '', /^s3:\/\//);
    assert.equal(done.TransformInput?.ContentType, 'text/csv');
    assert.match(done.TransformOutput?.S3OutputPath ?? '', /^s3:\/\//);
    assert.equal(done.BatchStrategy, 'MultiRecord');
    assert.ok(done.TransformStartTime instanceof Date && done.TransformEndTime instanceof Date && done.CreationTime instanceof Date);
    assert.ok((done.TransformEndTime as Date) > (done.TransformStartTime as Date));
    const live = await c.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: X.inProgress }));
    assert.equal(live.TransformJobStatus, 'InProgress');
    assert.equal(live.TransformEndTime, undefined);
  });

  it('Describe* of a missing job is a ValidationException "Could not find requested job with name …"', async () => {
    for (const cmd of [new DescribeProcessingJobCommand({ ProcessingJobName: 'nope' }), new DescribeTransformJobCommand({ TransformJobName: 'nope' })]) {
      const err = await rejection(c.sagemaker.send(cmd as never));
      assert.equal(err.name, 'ValidationException');
      assert.equal(err.$metadata?.httpStatusCode, 400);
      assert.equal(err.message, 'Could not find requested job with name nope');
    }
  });

  it('processing logs: one stream `[job]/algo-[n]-[epoch]` per host, epoch = ProcessingStartTime, with lines', async () => {
    for (const name of Object.values(P)) {
      const job = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }));
      const hosts = job.ProcessingResources?.ClusterConfig?.InstanceCount as number;
      const epoch = Math.floor((job.ProcessingStartTime as Date).getTime() / 1000);
      const got = (await streams(c, PG, name)).map((s) => s.logStreamName);
      assert.deepEqual(got, Array.from({ length: hosts }, (_, i) => `${name}/algo-${i + 1}-${epoch}`));
      const ev = await c.logs.send(new GetLogEventsCommand({ logGroupName: PG, logStreamName: got[0], startFromHead: true, limit: 5 }));
      assert.ok((ev.events ?? []).length > 0, `${got[0]} has events`);
    }
  });

  it('transform logs: `[job]/[instance-id]-[epoch]` and `…/data-log` per instance; the data log names every input object once', async () => {
    const job = await c.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: X.completed }));
    const epoch = Math.floor((job.TransformStartTime as Date).getTime() / 1000);
    const names = (await streams(c, XG, X.completed)).map((s) => s.logStreamName as string);
    assert.equal(names.length, 4);
    const ids = names.filter((n) => !n.endsWith('/data-log')).map((n) => new RegExp(`^${X.completed}/(i-0[0-9a-f]{16})-${epoch}$`).exec(n)?.[1]);
    assert.equal(ids.length, 2);
    assert.ok(ids.every((id) => id), names.join(', '));
    assert.deepEqual(names.filter((n) => n.endsWith('/data-log')).sort(), ids.map((id) => `${X.completed}/${id}-${epoch}/data-log`).sort());
    const objects: string[] = [];
    for (const n of names.filter((s) => s.endsWith('/data-log'))) {
      const ev = await c.logs.send(new GetLogEventsCommand({ logGroupName: XG, logStreamName: n, startFromHead: true }));
      const lines = (ev.events ?? []).map((e) => e.message as string);
      assert.match(lines[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}:\[sagemaker logs\]: MaxConcurrentTransforms=4, MaxPayloadInMB=6, BatchStrategy=MULTI_RECORD$/);
      for (const l of lines.slice(1)) objects.push(/\]: (s3:\/\/\S+): Completed$/.exec(l)?.[1] ?? `unexpected: ${l}`);
    }
    const input = job.TransformInput?.DataSource?.S3DataSource?.S3Uri;
    assert.deepEqual(objects.sort(), Array.from({ length: 12 }, (_, f) => `${input}/part-${String(f).padStart(5, '0')}.csv`));
    const server = await c.logs.send(new GetLogEventsCommand({ logGroupName: XG, logStreamName: `${X.completed}/${ids[0]}-${epoch}`, startFromHead: true, limit: 20 }));
    assert.ok((server.events ?? []).some((e) => e.message?.includes('POST /invocations')));
  });

  it('host metrics: `/aws/sagemaker/ProcessingJobs` · Host `[job]/algo-[n]`, `/aws/sagemaker/TransformJobs` · Host `[job]/[instance-id]`', async () => {
    for (const h of [1, 2]) assert.deepEqual(await hostMetrics(c, PG, `${P.inProgress}/algo-${h}`), utilisation(`${P.inProgress}/algo-${h}`));
    assert.deepEqual(await hostMetrics(c, PG, `${P.inProgress}/algo-3`), []);
    assert.deepEqual(await hostMetrics(c, PG, `${P.failed}/algo-1`), utilisation(`${P.failed}/algo-1`));
    const ids = (await streams(c, XG, X.completed)).map((s) => /^[^/]+\/(i-[0-9a-f]+)-\d+$/.exec(s.logStreamName as string)?.[1]).filter((id): id is string => !!id);
    assert.equal(ids.length, 2);
    for (const id of ids) assert.deepEqual(await hostMetrics(c, XG, `${X.completed}/${id}`), utilisation(`${X.completed}/${id}`));
  });

  it('host metrics cover the job\'s run, CPUUtilization within 0..100 % × vCPUs', async () => {
    const job = await c.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: X.completed }));
    const ids = (await streams(c, XG, X.completed)).map((s) => /^[^/]+\/(i-[0-9a-f]+)-\d+$/.exec(s.logStreamName as string)?.[1]).filter((id): id is string => !!id);
    const start = job.TransformStartTime as Date;
    const end = job.TransformEndTime as Date;
    const r = await c.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start.getTime() - 3600_000),
        EndTime: new Date(end.getTime() + 3600_000),
        MetricDataQueries: ids.map((id, i) => ({ Id: `h${i}`, MetricStat: { Metric: { Namespace: XG, MetricName: 'CPUUtilization', Dimensions: [{ Name: 'Host', Value: `${X.completed}/${id}` }] }, Period: 60, Stat: 'Maximum' } })),
      }),
    );
    const minutes = (end.getTime() - start.getTime()) / 60_000;
    for (const m of r.MetricDataResults ?? []) {
      const ts = (m.Timestamps ?? []).map((t) => t.getTime());
      assert.ok(ts.length >= minutes - 2 && ts.length <= minutes + 1, `${m.Id}: ${ts.length} points over ${minutes} min`);
      assert.ok(ts.every((t) => t >= start.getTime() - 60_000 && t <= end.getTime()), 'only during the run');
      assert.ok((m.Values ?? []).every((v) => v >= 0 && v <= 400), 'ml.m5.xlarge: 4 vCPUs');
    }
    assert.equal(r.MetricDataResults?.length, 2);
  });

  it('CreateProcessingJob: runs with hosts, logs and GPU metrics on a GPU type, completes; duplicate and missing fields rejected', async () => {
    const name = 'created-processing-gpu';
    const req = {
      ProcessingJobName: name,
      RoleArn: 'arn:aws:iam::123456789012:role/R',
      AppSpecification: { ImageUri: '123.dkr.ecr.us-east-1.amazonaws.com/proc:1', ContainerEntrypoint: ['python3', '/opt/ml/processing/input/code/embed.py'] },
      ProcessingResources: { ClusterConfig: { InstanceCount: 2, InstanceType: 'ml.g4dn.xlarge' as const, VolumeSizeInGB: 50 } },
      ProcessingInputs: [{ InputName: 'raw', S3Input: { S3Uri: 's3://b/raw', LocalPath: '/opt/ml/processing/input/raw', S3DataType: 'S3Prefix' as const } }],
    };
    const out = await c.sagemaker.send(new CreateProcessingJobCommand(req));
    assert.equal(out.ProcessingJobArn, `arn:aws:sagemaker:us-east-1:123456789012:processing-job/${name}`);
    const dup = await rejection(c.sagemaker.send(new CreateProcessingJobCommand(req)));
    assert.equal(dup.name, 'ResourceInUse');
    const bad = await rejection(c.sagemaker.send(new CreateProcessingJobCommand({ ...req, ProcessingJobName: 'other', ProcessingResources: undefined as never })));
    assert.equal(bad.name, 'ValidationException');
    const job = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }));
    assert.equal(job.ProcessingJobStatus, 'InProgress');
    assert.deepEqual(job.ProcessingInputs?.map((i) => [i.InputName, i.S3Input?.S3Uri]), [['raw', 's3://b/raw']]);
    assert.equal(job.ProcessingResources?.ClusterConfig?.VolumeSizeInGB, 50);
    // hosts publish once they start (3 min after creation): nothing listed before
    assert.deepEqual(await hostMetrics(c, PG, `${name}/algo-2`), []);
    await c.sim.control.advanceClock(20 * 60_000);
    assert.deepEqual(await hostMetrics(c, PG, `${name}/algo-2`), utilisation(`${name}/algo-2`, true));
    const done = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }));
    assert.equal(done.ProcessingJobStatus, 'Completed');
    assert.ok(done.ProcessingEndTime instanceof Date);
    assert.equal((await streams(c, PG, name)).length, 2);
  });

  it('CreateTransformJob: runs on its instances with data logs, completes; duplicate and missing fields rejected', async () => {
    const name = 'created-transform';
    const req = {
      TransformJobName: name,
      ModelName: 'm',
      TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: 's3://b/in' } }, ContentType: 'application/jsonlines', SplitType: 'Line' as const },
      TransformOutput: { S3OutputPath: 's3://b/out' },
      TransformResources: { InstanceType: 'ml.m5.large' as const, InstanceCount: 1 },
      BatchStrategy: 'SingleRecord' as const,
    };
    const out = await c.sagemaker.send(new CreateTransformJobCommand(req));
    assert.equal(out.TransformJobArn, `arn:aws:sagemaker:us-east-1:123456789012:transform-job/${name}`);
    assert.equal((await rejection(c.sagemaker.send(new CreateTransformJobCommand(req)))).name, 'ResourceInUse');
    assert.equal((await rejection(c.sagemaker.send(new CreateTransformJobCommand({ ...req, TransformJobName: 'other', TransformOutput: undefined as never })))).name, 'ValidationException');
    const job = await c.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: name }));
    assert.deepEqual([job.TransformJobStatus, job.ModelName, job.TransformInput?.DataSource?.S3DataSource?.S3Uri, job.TransformOutput?.S3OutputPath, job.BatchStrategy], ['InProgress', 'm', 's3://b/in', 's3://b/out', 'SingleRecord']);
    await c.sim.control.advanceClock(15 * 60_000);
    const done = await c.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: name }));
    assert.equal(done.TransformJobStatus, 'Completed');
    const names = (await streams(c, XG, name)).map((s) => s.logStreamName as string);
    assert.equal(names.length, 2);
    const dataLog = names.find((n) => n.endsWith('/data-log')) as string;
    const ev = await c.logs.send(new GetLogEventsCommand({ logGroupName: XG, logStreamName: dataLog, startFromHead: true }));
    assert.match(ev.events?.[0].message ?? '', /BatchStrategy=SINGLE_RECORD/);
    assert.ok((ev.events ?? []).some((e) => e.message?.includes('s3://b/in/part-00000.csv')));
  });

  it('the large scenario takes processingJobs / transformJobs counts: each listed once through paging, statuses cycle', async () => {
    const large = await startWithClients({ scenario: 'large', scenarioOptions: { trainingJobs: 0, endpoints: 0, logHosts: 0, processingJobs: 250, transformJobs: 120, tuningJobs: 0, pipelines: 0 } });
    try {
      const p: string[] = [];
      for await (const page of paginateListProcessingJobs({ client: large.sagemaker, pageSize: 100 }, {})) p.push(...(page.ProcessingJobSummaries ?? []).map((j) => j.ProcessingJobName as string));
      assert.equal(new Set(p).size, 250);
      assert.equal(p.length, 250);
      const x: string[] = [];
      for await (const page of paginateListTransformJobs({ client: large.sagemaker, pageSize: 100 }, { StatusEquals: 'Failed' })) x.push(...(page.TransformJobSummaries ?? []).map((j) => j.TransformJobName as string));
      assert.equal(x.length, Array.from({ length: 120 }, (_, i) => i + 1).filter((i) => i % 7 === 3).length);
      const one = await large.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'bench-proc-00001' }));
      assert.equal(one.ProcessingJobStatus, 'Completed');
    } finally {
      await destroyClients(large);
    }
  });
});
