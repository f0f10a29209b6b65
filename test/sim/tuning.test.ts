import * as assert from 'node:assert/strict';
import {
  CreateHyperParameterTuningJobCommand,
  type CreateHyperParameterTuningJobCommandInput,
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  type HyperParameterTrainingJobSummary,
  ListHyperParameterTuningJobsCommand,
  type ListHyperParameterTuningJobsCommandInput,
  ListPipelinesCommand,
  ListTrainingJobsCommand,
  ListTrainingJobsForHyperParameterTuningJobCommand,
  type ListTrainingJobsForHyperParameterTuningJobCommandInput,
  paginateListHyperParameterTuningJobs,
  paginateListTrainingJobsForHyperParameterTuningJob,
} from '@aws-sdk/client-sagemaker';
import { DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { DEMO } from '../../sim/scenarios/demo';
import { TUNING_FAILED_ERROR } from '../../sim/scenarios/demoWorkflows';
import { type Clients, destroyClients, rejection, startWithClients, T0 } from './helpers';

const TJ = DEMO.tuning;
const K = TJ.children;
const TG = '/aws/sagemaker/TrainingJobs';

async function children(c: Clients, input: Omit<ListTrainingJobsForHyperParameterTuningJobCommandInput, 'HyperParameterTuningJobName'> = {}, name: string = TJ.name): Promise<HyperParameterTrainingJobSummary[]> {
  const out: HyperParameterTrainingJobSummary[] = [];
  for await (const page of paginateListTrainingJobsForHyperParameterTuningJob({ client: c.sagemaker, pageSize: 3 }, { HyperParameterTuningJobName: name, ...input })) out.push(...(page.TrainingJobSummaries ?? []));
  return out;
}

const tuningRequest = (name: string, type: 'Maximize' | 'Minimize', jobs: number, parallel: number): CreateHyperParameterTuningJobCommandInput => ({
  HyperParameterTuningJobName: name,
  HyperParameterTuningJobConfig: {
    Strategy: 'Random',
    HyperParameterTuningJobObjective: { Type: type, MetricName: 'validation:rmse' },
    ResourceLimits: { MaxNumberOfTrainingJobs: jobs, MaxParallelTrainingJobs: parallel },
    ParameterRanges: { IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '10' }], ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.01', MaxValue: '0.3' }] },
  },
  TrainingJobDefinition: {
    AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File', MetricDefinitions: [{ Name: 'validation:rmse', Regex: '.*\\[[0-9]+\\].*#011validation-rmse:([-+]?[0-9]*\\.?[0-9]+).*' }] },
    RoleArn: 'arn:aws:iam::123456789012:role/r',
    OutputDataConfig: { S3OutputPath: 's3://b/out' },
    ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    StaticHyperParameters: { num_round: '100' },
  },
});

describe('simulator: SageMaker hyperparameter tuning jobs (real SDK clients)', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));
  afterEach(() => c.sim.control.reset());

  it('ListHyperParameterTuningJobs: the demo tuning job with its counters; Name/Ascending by default; filters, sorts and paging', async () => {
    const demo = (await c.sagemaker.send(new ListHyperParameterTuningJobsCommand({}))).HyperParameterTuningJobSummaries ?? [];
    assert.equal(demo.length, 1);
    const s = demo[0];
    assert.deepEqual([s.HyperParameterTuningJobName, s.HyperParameterTuningJobStatus, s.Strategy], [TJ.name, 'InProgress', 'Bayesian']);
    assert.equal(s.HyperParameterTuningJobArn, `arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/${TJ.name}`);
    assert.deepEqual(s.TrainingJobStatusCounters, { Completed: 4, InProgress: 2, RetryableError: 0, NonRetryableError: 1, Stopped: 1 });
    assert.deepEqual(s.ObjectiveStatusCounters, { Succeeded: 5, Pending: 2, Failed: 1 });
    assert.deepEqual(s.ResourceLimits, { MaxNumberOfTrainingJobs: 8, MaxParallelTrainingJobs: 2 });
    assert.ok(s.CreationTime instanceof Date && s.LastModifiedTime instanceof Date && s.HyperParameterTuningEndTime === undefined);
    // three more, an hour apart: b-tune (Minimize), a-tune, c-tune
    for (const name of ['b-tune', 'a-tune', 'c-tune']) {
      await c.sagemaker.send(new CreateHyperParameterTuningJobCommand(tuningRequest(name, 'Minimize', 2, 2)));
      await c.sim.control.advanceClock(3600_000);
    }
    const names = async (input: ListHyperParameterTuningJobsCommandInput) => ((await c.sagemaker.send(new ListHyperParameterTuningJobsCommand(input))).HyperParameterTuningJobSummaries ?? []).map((j) => j.HyperParameterTuningJobName);
    assert.deepEqual(await names({}), ['a-tune', 'b-tune', 'c-tune', TJ.name]);
    assert.deepEqual(await names({ SortBy: 'Name', SortOrder: 'Descending' }), [TJ.name, 'c-tune', 'b-tune', 'a-tune']);
    assert.deepEqual(await names({ SortBy: 'CreationTime', SortOrder: 'Descending' }), ['c-tune', 'a-tune', 'b-tune', TJ.name]);
    assert.deepEqual(await names({ NameContains: 'TUN', SortBy: 'CreationTime' }), [TJ.name, 'b-tune', 'a-tune', 'c-tune']);
    assert.deepEqual(await names({ NameContains: 'TUNE' }), ['a-tune', 'b-tune', 'c-tune']);
    assert.deepEqual(await names({ NameContains: 'xgb' }), [TJ.name]);
    assert.deepEqual(await names({ CreationTimeAfter: new Date(T0 + 30 * 60_000), CreationTimeBefore: new Date(T0 + 90 * 60_000) }), ['a-tune']);
    // 3 h on, everything completed; the demo job ended 15 min after T0 (its last child), the created ones 11.25 min after their creation
    assert.deepEqual(await names({ StatusEquals: 'Completed' }), ['a-tune', 'b-tune', 'c-tune', TJ.name]);
    assert.deepEqual(await names({ StatusEquals: 'InProgress' }), []);
    assert.deepEqual(await names({ LastModifiedTimeBefore: new Date(T0 + 12 * 60_000) }), ['b-tune']);
    assert.deepEqual(await names({ LastModifiedTimeAfter: new Date(T0 + 2 * 3600_000) }), ['c-tune']);
    const paged: string[] = [];
    for await (const page of paginateListHyperParameterTuningJobs({ client: c.sagemaker, pageSize: 1 }, {})) {
      assert.ok((page.HyperParameterTuningJobSummaries ?? []).length <= 1);
      paged.push(...(page.HyperParameterTuningJobSummaries ?? []).map((j) => j.HyperParameterTuningJobName as string));
    }
    assert.deepEqual(paged, ['a-tune', 'b-tune', 'c-tune', TJ.name]);
  });

  it('DescribeHyperParameterTuningJob: config, objective, limits, definition with MetricDefinitions, counters, best job; Completed with the clock', async () => {
    const d = await c.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: TJ.name }));
    assert.equal(d.HyperParameterTuningJobStatus, 'InProgress');
    const cfg = d.HyperParameterTuningJobConfig;
    assert.deepEqual([cfg?.Strategy, cfg?.HyperParameterTuningJobObjective, cfg?.TrainingJobEarlyStoppingType], ['Bayesian', { Type: 'Maximize', MetricName: 'validation:auc' }, 'Auto']);
    assert.deepEqual(cfg?.ResourceLimits, { MaxNumberOfTrainingJobs: 8, MaxParallelTrainingJobs: 2 });
    assert.deepEqual(cfg?.ParameterRanges?.IntegerParameterRanges?.map((r) => [r.Name, r.MinValue, r.MaxValue]), [['max_depth', '3', '12']]);
    assert.deepEqual(cfg?.ParameterRanges?.ContinuousParameterRanges?.map((r) => r.Name), ['eta', 'min_child_weight', 'subsample']);
    const def = d.TrainingJobDefinition;
    assert.match(def?.AlgorithmSpecification?.TrainingImage ?? '', /sagemaker-xgboost/);
    assert.deepEqual(def?.AlgorithmSpecification?.MetricDefinitions?.map((m) => m.Name), ['train:auc', 'validation:auc']);
    assert.equal(def?.StaticHyperParameters?._tuning_objective_metric, 'validation:auc');
    assert.deepEqual([def?.ResourceConfig?.InstanceType, def?.ResourceConfig?.InstanceCount], ['ml.m5.2xlarge', 1]);
    assert.deepEqual(d.TrainingJobStatusCounters, { Completed: 4, InProgress: 2, RetryableError: 0, NonRetryableError: 1, Stopped: 1 });
    assert.deepEqual(d.ObjectiveStatusCounters, { Succeeded: 5, Pending: 2, Failed: 1 });
    assert.equal(d.BestTrainingJob?.TrainingJobName, K.completed[2]);
    assert.deepEqual(d.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric, { Type: 'Maximize', MetricName: 'validation:auc', Value: 0.9021 });
    assert.equal(d.HyperParameterTuningEndTime, undefined);
    assert.equal(d.FailureReason, undefined);
    // the two running children complete within 16 minutes: child 6 becomes the best, the tuning job completes
    await c.sim.control.advanceClock(16 * 60_000);
    const done = await c.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: TJ.name }));
    assert.equal(done.HyperParameterTuningJobStatus, 'Completed');
    assert.deepEqual(done.TrainingJobStatusCounters, { Completed: 6, InProgress: 0, RetryableError: 0, NonRetryableError: 1, Stopped: 1 });
    assert.deepEqual(done.ObjectiveStatusCounters, { Succeeded: 7, Pending: 0, Failed: 1 });
    assert.equal(done.BestTrainingJob?.TrainingJobName, K.inProgress[0]);
    assert.equal(done.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric?.Value, 0.9108);
    assert.ok(done.HyperParameterTuningEndTime instanceof Date);
    assert.equal(done.HyperParameterTuningEndTime?.getTime(), done.LastModifiedTime?.getTime());
  });

  it('ListTrainingJobsForHyperParameterTuningJob: 8 children (4 Completed, 2 InProgress, 1 Failed, 1 Stopped), Name order by default, status filter', async () => {
    const all = await children(c);
    assert.deepEqual(
      all.map((j) => j.TrainingJobName),
      Array.from({ length: 8 }, (_, i) => `${TJ.name}-00${i + 1}-`).map((p) => all.find((j) => j.TrainingJobName?.startsWith(p))?.TrainingJobName),
    );
    const by = (status: string) => all.filter((j) => j.TrainingJobStatus === status).map((j) => j.TrainingJobName);
    assert.deepEqual([by('Completed'), by('InProgress'), by('Failed'), by('Stopped')], [[...K.completed], [...K.inProgress], [K.failed], [K.stopped]]);
    for (const j of all) {
      assert.equal(j.TuningJobName, TJ.name);
      assert.equal(j.TrainingJobArn, `arn:aws:sagemaker:us-east-1:123456789012:training-job/${j.TrainingJobName}`);
      assert.deepEqual(Object.keys(j.TunedHyperParameters ?? {}).sort(), ['eta', 'max_depth', 'min_child_weight', 'subsample']);
      assert.ok(j.CreationTime instanceof Date && j.TrainingStartTime instanceof Date);
      const value = TJ.objectives[j.TrainingJobName as string];
      const reported = j.TrainingJobStatus === 'Completed' || j.TrainingJobStatus === 'Stopped';
      assert.deepEqual(j.FinalHyperParameterTuningJobObjectiveMetric, reported ? { Type: 'Maximize', MetricName: 'validation:auc', Value: value } : undefined, j.TrainingJobName);
      assert.equal(j.ObjectiveStatus, reported ? 'Succeeded' : j.TrainingJobStatus === 'Failed' ? 'Failed' : 'Pending');
      assert.equal(j.TrainingEndTime instanceof Date, j.TrainingJobStatus !== 'InProgress');
    }
    const failed = all.find((j) => j.TrainingJobName === K.failed);
    assert.match(failed?.FailureReason ?? '', /^AlgorithmError: framework error/);
    assert.match(failed?.FailureReason ?? '', /std::bad_alloc/);
    assert.equal(failed?.TunedHyperParameters?.max_depth, '12');
    assert.deepEqual((await children(c, { StatusEquals: 'InProgress' })).map((j) => j.TrainingJobName), [...K.inProgress]);
    const byCreation = (await children(c, { SortBy: 'CreationTime', SortOrder: 'Descending' })).map((j) => j.CreationTime?.getTime() as number);
    assert.deepEqual(byCreation, [...byCreation].sort((a, b) => b - a));
    const byStatus = (await children(c, { SortBy: 'Status' })).map((j) => j.TrainingJobStatus);
    assert.deepEqual(byStatus, ['Completed', 'Completed', 'Completed', 'Completed', 'Failed', 'InProgress', 'InProgress', 'Stopped']);
  });

  it('sort by FinalObjectiveMetricValue: best first with Descending for Maximize; jobs without a final value are not listed (as AWS documents)', async () => {
    const desc = await children(c, { SortBy: 'FinalObjectiveMetricValue', SortOrder: 'Descending' });
    assert.deepEqual(desc.map((j) => j.TrainingJobName), [K.completed[2], K.completed[3], K.completed[1], K.completed[0], K.stopped]);
    assert.deepEqual(desc.map((j) => j.FinalHyperParameterTuningJobObjectiveMetric?.Value), [0.9021, 0.8967, 0.8834, 0.8712, 0.8411]);
    const asc = await children(c, { SortBy: 'FinalObjectiveMetricValue' });
    assert.deepEqual(asc.map((j) => j.TrainingJobName), desc.map((j) => j.TrainingJobName).reverse());
    const best = await c.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: TJ.name }));
    assert.equal(best.BestTrainingJob?.TrainingJobName, desc[0].TrainingJobName);
    // the running ones are listed once they report (paged by 3: two pages)
    await c.sim.control.advanceClock(16 * 60_000);
    const later = await children(c, { SortBy: 'FinalObjectiveMetricValue', SortOrder: 'Descending' });
    assert.deepEqual(later.map((j) => j.FinalHyperParameterTuningJobObjectiveMetric?.Value), [0.9108, 0.9021, 0.8967, 0.8893, 0.8834, 0.8712, 0.8411]);
  });

  it('the children are ordinary training jobs: ListTrainingJobs, DescribeTrainingJob (TuningJobArn), logs `[job]/algo-1-[epoch]` matching the metric definitions, metrics', async () => {
    const listed = (await c.sagemaker.send(new ListTrainingJobsCommand({ NameContains: TJ.name, MaxResults: 100 }))).TrainingJobSummaries ?? [];
    assert.equal(listed.length, 8);
    const tuning = await c.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: TJ.name }));
    const defs = tuning.TrainingJobDefinition?.AlgorithmSpecification?.MetricDefinitions ?? [];
    for (const name of [K.completed[2], K.inProgress[0], K.stopped]) {
      const job = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
      assert.equal(job.TuningJobArn, tuning.HyperParameterTuningJobArn);
      assert.equal(job.HyperParameters?._tuning_objective_metric, 'validation:auc');
      assert.deepEqual(job.AlgorithmSpecification?.MetricDefinitions, defs);
      const final = job.FinalMetricDataList?.find((m) => m.MetricName === 'validation:auc')?.Value;
      assert.equal(final, job.TrainingJobStatus === 'InProgress' ? undefined : TJ.objectives[name]);
      const epoch = Math.floor((job.TrainingStartTime as Date).getTime() / 1000);
      const streams = (await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: TG, logStreamNamePrefix: `${name}/` }))).logStreams ?? [];
      assert.deepEqual(streams.map((s) => s.logStreamName), [`${name}/algo-1-${epoch}`]);
      const ev = await c.logs.send(new GetLogEventsCommand({ logGroupName: TG, logStreamName: streams[0].logStreamName, startFromHead: false, limit: 200 }));
      const regex = new RegExp(defs.find((m) => m.Name === 'validation:auc')?.Regex as string);
      const values = (ev.events ?? []).map((e) => regex.exec(e.message as string)?.[1]).filter((v): v is string => v !== undefined).map(Number);
      assert.ok(values.length > 20, `${name}: ${values.length} validation:auc lines`);
      if (job.TrainingJobStatus !== 'InProgress') assert.ok(Math.abs(values[values.length - 1] - TJ.objectives[name]) < 0.01, `${name} ends near ${TJ.objectives[name]}: ${values[values.length - 1]}`);
      const metrics = (await c.cloudwatch.send(new ListMetricsCommand({ Namespace: TG, Dimensions: [{ Name: 'Host', Value: `${name}/algo-1` }] }))).Metrics ?? [];
      assert.deepEqual(metrics.map((m) => m.MetricName).sort(), ['CPUUtilization', 'DiskUtilization', 'MemoryUtilization']);
      const auc = await c.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: job.CreationTime,
          EndTime: new Date(T0),
          MetricDataQueries: [{ Id: 'auc', MetricStat: { Metric: { Namespace: TG, MetricName: 'validation:auc', Dimensions: [{ Name: 'TrainingJobName', Value: name }] }, Period: 60, Stat: 'Maximum' } }],
        }),
      );
      const points = auc.MetricDataResults?.[0].Values ?? [];
      assert.ok(points.length > 5 && points.every((v) => v > 0.5 && v < 1), `${name}: ${points.length} validation:auc points`);
    }
    const failed = (await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: TG, logStreamNamePrefix: `${K.failed}/` }))).logStreams ?? [];
    const tail = await c.logs.send(new GetLogEventsCommand({ logGroupName: TG, logStreamName: failed[0].logStreamName, startFromHead: false, limit: 20 }));
    const lines = (tail.events ?? []).map((e) => e.message as string);
    assert.ok(lines.includes('Traceback (most recent call last):') && lines.includes(TUNING_FAILED_ERROR), lines.join('\n'));
  });

  it('CreateHyperParameterTuningJob: children launched in waves as the clock runs; Minimize: best first with Ascending', async () => {
    const out = await c.sagemaker.send(new CreateHyperParameterTuningJobCommand(tuningRequest('rmse-tune', 'Minimize', 5, 2)));
    assert.equal(out.HyperParameterTuningJobArn, 'arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/rmse-tune');
    const count = async () => (await children(c, {}, 'rmse-tune')).length;
    assert.equal(await count(), 2, 'the first wave');
    assert.equal((await c.sagemaker.send(new ListTrainingJobsCommand({ NameContains: 'rmse-tune' }))).TrainingJobSummaries?.length, 2);
    await c.sim.control.advanceClock(12 * 60_000);
    assert.equal(await count(), 4);
    const running = await c.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'rmse-tune' }));
    assert.deepEqual([running.HyperParameterTuningJobStatus, running.TrainingJobStatusCounters?.Completed, running.TrainingJobStatusCounters?.InProgress], ['InProgress', 2, 2]);
    await c.sim.control.advanceClock(30 * 60_000);
    const done = await c.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'rmse-tune' }));
    assert.deepEqual([done.HyperParameterTuningJobStatus, done.TrainingJobStatusCounters?.Completed], ['Completed', 5]);
    assert.deepEqual(done.HyperParameterTuningJobConfig?.HyperParameterTuningJobObjective, { Type: 'Minimize', MetricName: 'validation:rmse' });
    assert.deepEqual(done.TrainingJobDefinition?.AlgorithmSpecification?.MetricDefinitions?.map((m) => m.Name), ['validation:rmse']);
    const asc = await children(c, { SortBy: 'FinalObjectiveMetricValue', SortOrder: 'Ascending' }, 'rmse-tune');
    const values = asc.map((j) => j.FinalHyperParameterTuningJobObjectiveMetric?.Value as number);
    assert.equal(values.length, 5);
    assert.deepEqual(values, [...values].sort((a, b) => a - b));
    assert.equal(done.BestTrainingJob?.TrainingJobName, asc[0].TrainingJobName, 'the lowest value is the best for Minimize');
    for (const j of asc) {
      assert.ok(Number(j.TunedHyperParameters?.max_depth) >= 3 && Number(j.TunedHyperParameters?.max_depth) <= 10);
      const job = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: j.TrainingJobName }));
      assert.deepEqual([job.TrainingJobStatus, job.RoleArn, job.HyperParameters?.num_round], ['Completed', 'arn:aws:iam::123456789012:role/r', '100']);
    }
    const dup = await rejection(c.sagemaker.send(new CreateHyperParameterTuningJobCommand(tuningRequest('rmse-tune', 'Minimize', 5, 2))));
    assert.equal(dup.name, 'ResourceInUse');
  });

  it('validation errors and unknown names: ValidationException / ResourceNotFound (HTTP 400)', async () => {
    const cases: [unknown, string][] = [
      [new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'nope' }), 'ResourceNotFound'],
      [new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'nope' }), 'ResourceNotFound'],
      [new DescribeHyperParameterTuningJobCommand({} as never), 'ValidationException'],
      [new ListTrainingJobsForHyperParameterTuningJobCommand({} as never), 'ValidationException'],
      [new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: TJ.name, SortBy: 'Objective' as never }), 'ValidationException'],
      [new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: TJ.name, StatusEquals: 'Running' as never }), 'ValidationException'],
      [new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: TJ.name, MaxResults: 101 }), 'ValidationException'],
      [new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: TJ.name, NextToken: 'junk' }), 'ValidationException'],
      [new ListHyperParameterTuningJobsCommand({ StatusEquals: 'Succeeded' as never }), 'ValidationException'],
      [new ListHyperParameterTuningJobsCommand({ SortBy: 'FinalObjectiveMetricValue' as never }), 'ValidationException'],
      [new ListHyperParameterTuningJobsCommand({ MaxResults: 0 }), 'ValidationException'],
      [new CreateHyperParameterTuningJobCommand({ ...tuningRequest('x', 'Maximize', 2, 1), HyperParameterTuningJobConfig: undefined } as never), 'ValidationException'],
      [new CreateHyperParameterTuningJobCommand(tuningRequest('a-name-longer-than-thirty-two-chars', 'Maximize', 2, 1)), 'ValidationException'],
    ];
    for (const [i, [cmd, name]] of cases.entries()) {
      const err = await rejection(c.sagemaker.send(cmd as never)).catch((e: Error) => assert.fail(`case ${i}: ${e.message}`));
      assert.equal(err.name, name, `${(cmd as object).constructor.name}: ${err.message}`);
      assert.equal(err.$metadata?.httpStatusCode, 400);
    }
    const missing = await rejection(c.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'nope' })));
    assert.equal(missing.message, "Amazon SageMaker can't find a tuning job with name nope");
  });

  it('a fault on ListPipelines (access denied) leaves ListHyperParameterTuningJobs answering; a throttle on it is its own', async () => {
    await c.sim.control.injectFault({ operation: 'ListPipelines', type: 'accessDenied' });
    const denied = await rejection(c.sagemaker.send(new ListPipelinesCommand({})));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.match(denied.message, /sagemaker:ListPipelines/);
    assert.equal((await c.sagemaker.send(new ListHyperParameterTuningJobsCommand({}))).HyperParameterTuningJobSummaries?.length, 1);
    await c.sim.control.clearFaults();
    await c.sim.control.injectFault({ operation: 'sagemaker.ListHyperParameterTuningJobs', type: 'throttle', count: 1 });
    assert.equal((await rejection(c.sagemaker.send(new ListHyperParameterTuningJobsCommand({})))).name, 'ThrottlingException');
    assert.ok((await c.sagemaker.send(new ListPipelinesCommand({}))).PipelineSummaries?.length);
    assert.equal((await c.sagemaker.send(new ListHyperParameterTuningJobsCommand({}))).HyperParameterTuningJobSummaries?.length, 1);
  });
});
