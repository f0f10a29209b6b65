import * as assert from 'node:assert/strict';
import {
  CreatePipelineCommand,
  DescribePipelineCommand,
  DescribePipelineExecutionCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  ListPipelineExecutionsCommand,
  type ListPipelineExecutionsCommandInput,
  ListPipelineExecutionStepsCommand,
  ListPipelinesCommand,
  type ListPipelinesCommandInput,
  ListTrainingJobsCommand,
  paginateListPipelineExecutionSteps,
  paginateListPipelines,
  type PipelineExecutionStep,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import { GetMetricDataCommand, ListMetricsCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, rejection, startWithClients, T0 } from './helpers';

const PL = DEMO.pipeline;
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012';
const execArn = (id: string, pipeline: string = PL.name) => `${ARN}:pipeline/${pipeline}/execution/${id}`;
const NS = 'AWS/Sagemaker/ModelBuildingPipeline';
const ROLE = 'arn:aws:iam::123456789012:role/r';

async function steps(c: Clients, arn: string, sortOrder?: 'Ascending' | 'Descending'): Promise<PipelineExecutionStep[]> {
  const out: PipelineExecutionStep[] = [];
  for await (const page of paginateListPipelineExecutionSteps({ client: c.sagemaker, pageSize: 2 }, { PipelineExecutionArn: arn, SortOrder: sortOrder })) out.push(...(page.PipelineExecutionSteps ?? []));
  return out;
}

/** The job a step's Metadata names, described by its own Describe* call (it must exist). */
async function stepJob(c: Clients, s: PipelineExecutionStep): Promise<{ kind: string; name: string; status: string }> {
  const m = s.Metadata ?? {};
  const arn = (m.TrainingJob ?? m.ProcessingJob)?.Arn as string;
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  if (m.TrainingJob) return { kind: 'training', name, status: (await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))).TrainingJobStatus as string };
  return { kind: 'processing', name, status: (await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }))).ProcessingJobStatus as string };
}

const definition = (stepsJson: unknown[]) => JSON.stringify({ Version: '2020-12-01', Parameters: [], Steps: stepsJson });
const RUN = [
  { Name: 'Prep', Type: 'Processing', Arguments: { ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1 } }, AppSpecification: { ContainerEntrypoint: ['python3', '/opt/ml/processing/input/code/prep.py'] } } },
  { Name: 'Fit', Type: 'Training', Arguments: { ResourceConfig: { InstanceType: 'ml.g5.xlarge', InstanceCount: 1 } } },
  { Name: 'Good', Type: 'Condition', Arguments: { IfSteps: [{ Name: 'Reg', Type: 'RegisterModel', Arguments: { ModelPackageGroupName: 'MyModels' } }], ElseSteps: [] } },
];

describe('simulator: SageMaker Pipelines (real SDK clients)', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));
  afterEach(() => c.sim.control.reset());

  it('ListPipelines / DescribePipeline: the demo pipeline; newest first by default; prefix, creation window, Name sort, paging', async () => {
    const demo = (await c.sagemaker.send(new ListPipelinesCommand({}))).PipelineSummaries ?? [];
    assert.deepEqual(demo.map((p) => [p.PipelineName, p.PipelineArn]), [[PL.name, `${ARN}:pipeline/${PL.name}`]]);
    assert.ok(demo[0].CreationTime instanceof Date && demo[0].LastModifiedTime instanceof Date);
    assert.equal(demo[0].LastExecutionTime?.getTime(), T0 - 4 * 3600_000 - 8000, 'the nightly execution');
    const d = await c.sagemaker.send(new DescribePipelineCommand({ PipelineName: PL.name }));
    assert.deepEqual([d.PipelineStatus, d.PipelineDisplayName, d.RoleArn?.startsWith('arn:aws:iam::')], ['Active', 'Churn model build', true]);
    assert.deepEqual((JSON.parse(d.PipelineDefinition as string) as { Steps: { Name: string }[] }).Steps.map((s) => s.Name), [...PL.steps]);
    assert.equal((await c.sagemaker.send(new DescribePipelineCommand({ PipelineName: `${ARN}:pipeline/${PL.name}` }))).PipelineName, PL.name, 'by ARN');
    for (const name of ['beta-pipe', 'alpha-pipe', 'gamma-pipe']) {
      await c.sagemaker.send(new CreatePipelineCommand({ PipelineName: name, RoleArn: ROLE, PipelineDefinition: definition(RUN) }));
      await c.sim.control.advanceClock(60_000);
    }
    const names = async (input: ListPipelinesCommandInput) => ((await c.sagemaker.send(new ListPipelinesCommand(input))).PipelineSummaries ?? []).map((p) => p.PipelineName);
    assert.deepEqual(await names({}), ['gamma-pipe', 'alpha-pipe', 'beta-pipe', PL.name]);
    assert.deepEqual(await names({ SortOrder: 'Ascending' }), [PL.name, 'beta-pipe', 'alpha-pipe', 'gamma-pipe']);
    assert.deepEqual(await names({ SortBy: 'Name', SortOrder: 'Ascending' }), ['alpha-pipe', 'beta-pipe', PL.name, 'gamma-pipe']);
    assert.deepEqual(await names({ PipelineNamePrefix: 'churn' }), [PL.name]);
    assert.deepEqual(await names({ CreatedAfter: new Date(T0 + 30_000), CreatedBefore: new Date(T0 + 90_000) }), ['alpha-pipe']);
    assert.deepEqual(await names({ CreatedBefore: new Date(T0) }), [PL.name]);
    const paged: string[] = [];
    for await (const page of paginateListPipelines({ client: c.sagemaker, pageSize: 1 }, { SortBy: 'Name' })) paged.push(...(page.PipelineSummaries ?? []).map((p) => p.PipelineName as string));
    assert.deepEqual(paged, ['gamma-pipe', PL.name, 'beta-pipe', 'alpha-pipe']);
  });

  it('ListPipelineExecutions / DescribePipelineExecution: newest first; Failed with its reason, Succeeded; sorts, window, paging', async () => {
    const list = async (input: Omit<ListPipelineExecutionsCommandInput, 'PipelineName'> = {}) => (await c.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: PL.name, ...input }))).PipelineExecutionSummaries ?? [];
    const all = await list();
    assert.deepEqual(
      all.map((e) => [e.PipelineExecutionArn, e.PipelineExecutionDisplayName, e.PipelineExecutionStatus]),
      [
        [execArn(PL.failed.id), PL.failed.displayName, 'Failed'],
        [execArn(PL.succeeded.id), PL.succeeded.displayName, 'Succeeded'],
      ],
    );
    assert.equal(all[0].PipelineExecutionFailureReason, 'Step failure: One or multiple steps failed.');
    assert.equal(all[1].PipelineExecutionFailureReason, undefined);
    assert.ok(all.every((e) => e.StartTime instanceof Date));
    assert.deepEqual((await list({ SortOrder: 'Ascending' })).map((e) => e.PipelineExecutionDisplayName), [PL.succeeded.displayName, PL.failed.displayName]);
    const byArn = (await list({ SortBy: 'PipelineExecutionArn', SortOrder: 'Ascending' })).map((e) => e.PipelineExecutionArn as string);
    assert.deepEqual(byArn, [...byArn].sort());
    assert.deepEqual((await list({ CreatedAfter: new Date(T0 - 24 * 3600_000) })).map((e) => e.PipelineExecutionDisplayName), [PL.failed.displayName]);
    const p1 = await c.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: `${ARN}:pipeline/${PL.name}`, MaxResults: 1 }));
    assert.equal(p1.PipelineExecutionSummaries?.[0].PipelineExecutionDisplayName, PL.failed.displayName);
    const p2 = await c.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: PL.name, MaxResults: 1, NextToken: p1.NextToken }));
    assert.deepEqual([p2.PipelineExecutionSummaries?.[0].PipelineExecutionDisplayName, p2.NextToken], [PL.succeeded.displayName, undefined]);
    const failed = await c.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: execArn(PL.failed.id) }));
    assert.deepEqual([failed.PipelineArn, failed.PipelineExecutionStatus, failed.FailureReason], [`${ARN}:pipeline/${PL.name}`, 'Failed', 'Step failure: One or multiple steps failed.']);
    assert.equal((failed.LastModifiedTime as Date).getTime() - (failed.CreationTime as Date).getTime(), 5 * 60_000 + 8000, 'ended when its step failed');
    const ok = await c.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: execArn(PL.succeeded.id) }));
    assert.deepEqual([ok.PipelineExecutionStatus, ok.PipelineExecutionDisplayName, ok.FailureReason], ['Succeeded', PL.succeeded.displayName, undefined]);
  });

  it('ListPipelineExecutionSteps: newest first; every job step names a job of the account; Condition and RegisterModel metadata', async () => {
    const ok = await steps(c, execArn(PL.succeeded.id));
    assert.deepEqual(ok.map((s) => s.StepName), [...PL.steps].reverse());
    assert.ok(ok.every((s) => s.StepStatus === 'Succeeded' && s.StartTime instanceof Date && s.EndTime instanceof Date && s.FailureReason === undefined));
    const starts = ok.map((s) => (s.StartTime as Date).getTime());
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a));
    assert.deepEqual((await steps(c, execArn(PL.succeeded.id), 'Ascending')).map((s) => s.StepName), [...PL.steps]);
    const jobs = await Promise.all(ok.filter((s) => s.Metadata?.TrainingJob || s.Metadata?.ProcessingJob).map((s) => stepJob(c, s)));
    assert.deepEqual(jobs.reverse(), [
      { kind: 'processing', name: DEMO.processingJobs.completed, status: 'Completed' },
      { kind: 'training', name: PL.jobs.train, status: 'Completed' },
      { kind: 'processing', name: PL.jobs.evaluate, status: 'Completed' },
    ]);
    const train = ok.find((s) => s.StepName === 'Train') as PipelineExecutionStep;
    const job = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: PL.jobs.train }));
    assert.equal(train.EndTime?.getTime(), job.TrainingEndTime?.getTime(), "the step ends with its job");
    assert.deepEqual(ok.find((s) => s.StepName === 'CheckAUC')?.Metadata, { Condition: { Outcome: 'True' } });
    assert.deepEqual(ok.find((s) => s.StepName === 'Register')?.Metadata, { RegisterModel: { Arn: PL.modelPackageArn } });
    const bad = await steps(c, execArn(PL.failed.id));
    assert.deepEqual(bad.map((s) => [s.StepName, s.StepStatus, s.FailureReason]), [['Preprocess', 'Failed', 'AlgorithmError: See job logs for more information']]);
    assert.deepEqual(await stepJob(c, bad[0]), { kind: 'processing', name: DEMO.processingJobs.failed, status: 'Failed' });
  });

  it('pipeline metrics: AWS/Sagemaker/ModelBuildingPipeline Execution* by PipelineName, Step* by PipelineName and StepName (ListMetrics, GetMetricData)', async () => {
    const listed = (await c.cloudwatch.send(new ListMetricsCommand({ Namespace: NS }))).Metrics ?? [];
    const keys = listed.map((m) => `${m.MetricName}|${(m.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).sort().join(',')}`);
    const P = `PipelineName=${PL.name}`;
    for (const m of ['ExecutionStarted', 'ExecutionSucceeded', 'ExecutionFailed', 'ExecutionDuration']) assert.ok(keys.includes(`${m}|${P}`), m);
    for (const s of PL.steps) for (const m of ['StepStarted', 'StepSucceeded', 'StepDuration']) assert.ok(keys.includes(`${m}|${P},StepName=${s}`), `${m} ${s}`);
    assert.ok(keys.includes(`StepFailed|${P},StepName=Preprocess`));
    assert.ok(!keys.some((k) => k.startsWith('ExecutionStopped')), 'nothing was stopped');
    const q = (id: string, name: string, stat: string, step?: string): MetricDataQuery => ({
      Id: id,
      MetricStat: { Metric: { Namespace: NS, MetricName: name, Dimensions: [{ Name: 'PipelineName', Value: PL.name }, ...(step ? [{ Name: 'StepName', Value: step }] : [])] }, Period: 3600, Stat: stat },
    });
    const r = await c.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0 - 3 * 86400_000),
        EndTime: new Date(T0),
        MetricDataQueries: [q('started', 'ExecutionStarted', 'Sum'), q('failed', 'ExecutionFailed', 'Sum'), q('ok', 'ExecutionSucceeded', 'Sum'), q('dur', 'ExecutionDuration', 'Maximum'), q('trainDur', 'StepDuration', 'Maximum', 'Train'), q('prepFail', 'StepFailed', 'Sum', 'Preprocess')],
      }),
    );
    const v: Record<string, { t: number[]; v: number[] }> = Object.fromEntries((r.MetricDataResults ?? []).map((m) => [m.Id as string, { t: (m.Timestamps ?? []).map((d) => d.getTime()), v: m.Values ?? [] }]));
    const sum = (id: string) => v[id].v.reduce((a, b) => a + b, 0);
    assert.deepEqual([sum('started'), sum('failed'), sum('ok'), sum('prepFail')], [2, 1, 1, 1]);
    assert.deepEqual(v.failed.t, [Math.floor((T0 - 4 * 3600_000 + 5 * 60_000) / 3600_000) * 3600_000], 'published when the execution failed');
    const ok = await c.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: execArn(PL.succeeded.id) }));
    const failed = await c.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: execArn(PL.failed.id) }));
    const ms = (e: typeof ok) => (e.LastModifiedTime as Date).getTime() - (e.CreationTime as Date).getTime();
    assert.deepEqual([...v.dur.v].sort((a, b) => a - b), [ms(failed), ms(ok)].sort((a, b) => a - b));
    const train = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: PL.jobs.train }));
    const trainStep = (await steps(c, execArn(PL.succeeded.id))).find((s) => s.StepName === 'Train') as PipelineExecutionStep;
    assert.deepEqual(v.trainDur.v, [(train.TrainingEndTime as Date).getTime() - (trainStep.StartTime as Date).getTime()]);
  });

  it('CreatePipeline + StartPipelineExecution: each step creates its job when it starts; the execution follows its jobs; metrics as it goes', async () => {
    await c.sagemaker.send(new CreatePipelineCommand({ PipelineName: 'fit-pipe', RoleArn: ROLE, PipelineDefinition: definition(RUN), PipelineDisplayName: 'Fit' }));
    const { PipelineExecutionArn: arn } = await c.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: 'fit-pipe', PipelineExecutionDisplayName: 'first-run' }));
    assert.match(arn ?? '', new RegExp(`^${ARN}:pipeline/fit-pipe/execution/[a-z0-9]{12}$`));
    const status = async () => (await c.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }))).PipelineExecutionStatus;
    assert.equal(await status(), 'Executing');
    let now = await steps(c, arn as string);
    assert.deepEqual(now.map((s) => [s.StepName, s.StepStatus]), [['Prep', 'Executing']]);
    assert.deepEqual(await stepJob(c, now[0]), { kind: 'processing', name: now[0].Metadata?.ProcessingJob?.Arn?.split('/').pop(), status: 'InProgress' });
    assert.match(now[0].Metadata?.ProcessingJob?.Arn ?? '', /processing-job\/pipelines-[a-z0-9]{12}-prep-[a-z0-9]{10}$/);
    const fits = async () => ((await c.sagemaker.send(new ListTrainingJobsCommand({ NameContains: '-fit-' }))).TrainingJobSummaries ?? []).map((j) => j.TrainingJobName);
    assert.deepEqual(await fits(), [], 'the training job does not exist before its step starts');
    await c.sim.control.advanceClock(9 * 60_000);
    now = await steps(c, arn as string);
    assert.deepEqual(now.map((s) => [s.StepName, s.StepStatus]), [
      ['Fit', 'Executing'],
      ['Prep', 'Succeeded'],
    ]);
    const fit = await stepJob(c, now[0]);
    assert.deepEqual([fit.kind, fit.status, await fits()], ['training', 'InProgress', [fit.name]]);
    const created = (await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: fit.name }))).CreationTime;
    assert.equal(created?.getTime(), now[0].StartTime?.getTime(), 'created when its step started');
    await c.sim.control.advanceClock(15 * 60_000);
    assert.equal(await status(), 'Succeeded');
    now = await steps(c, arn as string, 'Ascending');
    assert.deepEqual(now.map((s) => [s.StepName, s.StepStatus]), ['Prep', 'Fit', 'Good', 'Reg'].map((n) => [n, 'Succeeded']));
    assert.deepEqual(now[3].Metadata, { RegisterModel: { Arn: `${ARN}:model-package/mymodels/1` } });
    const m = await c.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0 - 3600_000),
        EndTime: new Date(T0 + 3600_000),
        MetricDataQueries: [{ Id: 'ok', MetricStat: { Metric: { Namespace: NS, MetricName: 'ExecutionSucceeded', Dimensions: [{ Name: 'PipelineName', Value: 'fit-pipe' }] }, Period: 60, Stat: 'Sum' } }],
      }),
    );
    assert.deepEqual(m.MetricDataResults?.[0].Values, [1]);
  });

  it('a step whose job fails (control API) fails the execution; later steps never start; a Fail step fails it with its message', async () => {
    await c.sagemaker.send(new CreatePipelineCommand({ PipelineName: 'fit-pipe', RoleArn: ROLE, PipelineDefinition: definition(RUN) }));
    const { PipelineExecutionArn: arn } = await c.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: 'fit-pipe' }));
    await c.sim.control.advanceClock(10 * 60_000);
    const fit = await stepJob(c, (await steps(c, arn as string))[0]);
    await c.sim.control.setTrainingJobStatus(fit.name, 'Failed', { failureReason: 'AlgorithmError: boom' });
    await c.sim.control.advanceClock(30 * 60_000);
    const d = await c.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
    assert.equal(d.PipelineExecutionStatus, 'Failed');
    assert.deepEqual((await steps(c, arn as string)).map((s) => [s.StepName, s.StepStatus, s.FailureReason]), [
      ['Fit', 'Failed', 'AlgorithmError: boom'],
      ['Prep', 'Succeeded', undefined],
    ]);
    await c.sagemaker.send(new CreatePipelineCommand({ PipelineName: 'fail-pipe', RoleArn: ROLE, PipelineDefinition: definition([{ Name: 'Stop', Type: 'Fail', Arguments: { ErrorMessage: 'AUC too low' } }]) }));
    const { PipelineExecutionArn: f } = await c.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: 'fail-pipe' }));
    await c.sim.control.advanceClock(5000);
    assert.equal((await c.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: f }))).PipelineExecutionStatus, 'Failed');
    assert.deepEqual((await steps(c, f as string)).map((s) => [s.StepStatus, s.FailureReason, s.Metadata?.Fail?.ErrorMessage]), [['Failed', 'AUC too low', 'AUC too low']]);
  });

  it('validation errors and unknown names: ValidationException / ResourceNotFound (HTTP 400)', async () => {
    await c.sagemaker.send(new CreatePipelineCommand({ PipelineName: 'dup-pipe', RoleArn: ROLE, PipelineDefinition: definition(RUN) }));
    const unknownExec = execArn('zzzzzzzzzzzz');
    const cases: [unknown, string][] = [
      [new DescribePipelineCommand({ PipelineName: 'nope' }), 'ResourceNotFound'],
      [new ListPipelineExecutionsCommand({ PipelineName: 'nope' }), 'ResourceNotFound'],
      [new StartPipelineExecutionCommand({ PipelineName: 'nope' }), 'ResourceNotFound'],
      [new DescribePipelineExecutionCommand({ PipelineExecutionArn: unknownExec }), 'ResourceNotFound'],
      [new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: unknownExec }), 'ResourceNotFound'],
      [new DescribePipelineExecutionCommand({ PipelineExecutionArn: 'not-an-arn' }), 'ValidationException'],
      [new ListPipelineExecutionStepsCommand({}), 'ValidationException'],
      [new ListPipelineExecutionsCommand({} as never), 'ValidationException'],
      [new DescribePipelineCommand({} as never), 'ValidationException'],
      [new ListPipelinesCommand({ SortBy: 'Status' as never }), 'ValidationException'],
      [new ListPipelinesCommand({ MaxResults: 101 }), 'ValidationException'],
      [new ListPipelineExecutionsCommand({ PipelineName: PL.name, SortBy: 'Name' as never }), 'ValidationException'],
      [new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: execArn(PL.failed.id), SortOrder: 'Newest' as never }), 'ValidationException'],
      [new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: execArn(PL.failed.id), NextToken: 'junk' }), 'ValidationException'],
      [new CreatePipelineCommand({ PipelineName: 'dup-pipe', RoleArn: ROLE, PipelineDefinition: definition(RUN) }), 'ValidationException'],
      [new CreatePipelineCommand({ PipelineName: 'bad-json', RoleArn: ROLE, PipelineDefinition: '{"Steps": [' }), 'ValidationException'],
      [new CreatePipelineCommand({ PipelineName: 'no-role', PipelineDefinition: definition(RUN) } as never), 'ValidationException'],
      [new StartPipelineExecutionCommand({ PipelineName: 'dup-pipe', PipelineExecutionDisplayName: 'not valid!' }), 'ValidationException'],
    ];
    for (const [i, [cmd, name]] of cases.entries()) {
      const err = await rejection(c.sagemaker.send(cmd as never)).catch((e: Error) => assert.fail(`case ${i}: ${e.message}`));
      assert.equal(err.name, name, `case ${i} ${(cmd as object).constructor.name}: ${err.message}`);
      assert.equal(err.$metadata?.httpStatusCode, 400);
    }
    const missing = await rejection(c.sagemaker.send(new DescribePipelineCommand({ PipelineName: 'nope' })));
    assert.equal(missing.message, `Pipeline '${ARN}:pipeline/nope' does not exist.`);
  });
});
