/** SageMaker hyperparameter tuning jobs: List*, Describe*, ListTrainingJobsForHyperParameterTuningJob, Create* (the SDK's shapes). */
import { AwsError, validation } from '../errors';
import { type TrainingJob } from '../model/state';
import { type childState, type ObjectiveType, type TuningChild, type TuningJob, tuningState } from '../model/workflows';
import { startTuningJob } from '../../scenarios/tuningBuilder';
import type { Ctx } from './context';
import { type Input, optInt, optObj, optStr, optStructList, reqStr } from './input';
import { byName, checkEnum, d, filterSortPage, instanceCores, instanceGpus, listArgs, pageOf, required } from './sagemakerCommon';

const TUNING_STATUSES = ['Completed', 'InProgress', 'Failed', 'Stopped', 'Stopping', 'Deleting', 'DeleteFailed'];
const TRAINING_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];
const CHILD_SORTS = ['Name', 'CreationTime', 'Status', 'FinalObjectiveMetricValue'];
const ORDERS = ['Ascending', 'Descending'];
const TUNING_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/;

const tuningArn = (ctx: Ctx, name: string) => ctx.account.arn('sagemaker', `hyper-parameter-tuning-job/${name.toLowerCase()}`);
const notFound = (name: string) => new AwsError('ResourceNotFound', `Amazon SageMaker can't find a tuning job with name ${name}`);

function tuningJobOf(ctx: Ctx, input: Input): TuningJob {
  const name = reqStr(input, 'HyperParameterTuningJobName', validation);
  const tj = ctx.account.tuningJobs.get(name);
  if (!tj) throw notFound(name);
  return tj;
}

function childSummary(ctx: Ctx, tj: TuningJob, c: TuningChild, s: NonNullable<ReturnType<typeof childState>>) {
  return {
    TrainingJobName: c.name,
    TrainingJobArn: ctx.account.arn('sagemaker', `training-job/${c.name.toLowerCase()}`),
    TuningJobName: tj.name,
    CreationTime: d(s.job.creationTime),
    TrainingStartTime: d(s.st.trainingStart),
    TrainingEndTime: d(s.st.end),
    TrainingJobStatus: s.st.status,
    TunedHyperParameters: c.tuned,
    FailureReason: s.st.status === 'Failed' ? s.job.failureReason : undefined,
    FinalHyperParameterTuningJobObjectiveMetric: s.final !== undefined ? { Type: tj.objective.Type, MetricName: tj.objective.MetricName, Value: s.final } : undefined,
    ObjectiveStatus: s.objectiveStatus,
  };
}

function resourceLimits(tj: TuningJob) {
  return { MaxNumberOfTrainingJobs: tj.maxJobs, MaxParallelTrainingJobs: tj.maxParallel, MaxRuntimeInSeconds: tj.maxRuntimeInSeconds };
}

function listHyperParameterTuningJobs(ctx: Ctx, input: Input) {
  const a = listArgs(input);
  checkEnum(a.statusEquals, 'statusEquals', TUNING_STATUSES);
  const rows = [...ctx.account.tuningJobs.values()].map((tj) => {
    const st = tuningState(ctx.account, tj, ctx.now);
    return { tj, st, name: tj.name, creation: tj.creationTime, lastModified: st.lastModified, status: st.status };
  });
  // AWS: SortBy defaults to Name, SortOrder to Ascending
  const { page, next } = filterSortPage(rows, { ...a, sortBy: a.sortBy ?? 'Name' }, 'Ascending');
  return {
    HyperParameterTuningJobSummaries: page.map(({ tj, st }) => ({
      HyperParameterTuningJobName: tj.name,
      HyperParameterTuningJobArn: tuningArn(ctx, tj.name),
      HyperParameterTuningJobStatus: st.status,
      Strategy: tj.strategy,
      CreationTime: d(tj.creationTime),
      HyperParameterTuningEndTime: d(st.end),
      LastModifiedTime: d(st.lastModified),
      TrainingJobStatusCounters: st.counters,
      ObjectiveStatusCounters: st.objectives,
      ResourceLimits: resourceLimits(tj),
    })),
    NextToken: next,
  };
}

function describeHyperParameterTuningJob(ctx: Ctx, input: Input) {
  const tj = tuningJobOf(ctx, input);
  const st = tuningState(ctx.account, tj, ctx.now);
  return {
    HyperParameterTuningJobName: tj.name,
    HyperParameterTuningJobArn: tuningArn(ctx, tj.name),
    HyperParameterTuningJobConfig: {
      Strategy: tj.strategy,
      HyperParameterTuningJobObjective: tj.objective,
      ResourceLimits: resourceLimits(tj),
      ParameterRanges: tj.ranges,
      TrainingJobEarlyStoppingType: tj.earlyStopping,
    },
    TrainingJobDefinition: {
      StaticHyperParameters: tj.staticHyperParameters,
      AlgorithmSpecification: { TrainingImage: tj.image, TrainingInputMode: 'File', MetricDefinitions: tj.metricDefinitions },
      RoleArn: tj.roleArn,
      InputDataConfig: tj.inputChannels.map((c) => ({
        ChannelName: c,
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://sagemaker-${ctx.region}-123456789012/${tj.name}/data/${c}`, S3DataDistributionType: 'FullyReplicated' } },
        ContentType: 'text/csv',
        CompressionType: 'None',
      })),
      OutputDataConfig: { S3OutputPath: tj.outputPath },
      ResourceConfig: { InstanceType: tj.instanceType, InstanceCount: tj.instanceCount, VolumeSizeInGB: tj.volumeSizeInGB },
      StoppingCondition: { MaxRuntimeInSeconds: tj.jobMaxRuntimeInSeconds },
      EnableNetworkIsolation: false,
      EnableInterContainerTrafficEncryption: false,
      EnableManagedSpotTraining: false,
    },
    HyperParameterTuningJobStatus: st.status,
    CreationTime: d(tj.creationTime),
    HyperParameterTuningEndTime: d(st.end),
    LastModifiedTime: d(st.lastModified),
    TrainingJobStatusCounters: st.counters,
    ObjectiveStatusCounters: st.objectives,
    BestTrainingJob: st.best ? childSummary(ctx, tj, st.best.c, st.best.s) : undefined,
    FailureReason: st.status === 'Failed' ? tj.failureReason : undefined,
    ConsumedResources: { RuntimeInSeconds: Math.round(((st.end ?? ctx.now) - tj.creationTime) / 1000) },
  };
}

function listTrainingJobsForHyperParameterTuningJob(ctx: Ctx, input: Input) {
  const tj = tuningJobOf(ctx, input);
  const a = listArgs(input);
  checkEnum(a.statusEquals, 'statusEquals', TRAINING_STATUSES);
  checkEnum(a.sortBy, 'sortBy', CHILD_SORTS);
  checkEnum(a.sortOrder, 'sortOrder', ORDERS);
  const st = tuningState(ctx.account, tj, ctx.now);
  let rows = st.kids.map((k) => ({ ...k, name: k.c.name }));
  if (a.statusEquals) rows = rows.filter((k) => k.s.st.status === a.statusEquals);
  const by = a.sortBy ?? 'Name';
  // AWS: "If the value of this field is FinalObjectiveMetricValue, any training jobs that did not return an objective metric are not listed."
  if (by === 'FinalObjectiveMetricValue') rows = rows.filter((k) => k.s.final !== undefined);
  const dir = (a.sortOrder ?? 'Ascending') === 'Ascending' ? 1 : -1;
  rows.sort((x, y) => {
    let c = 0;
    if (by === 'CreationTime') c = x.s.job.creationTime - y.s.job.creationTime;
    else if (by === 'Status') c = x.s.st.status < y.s.st.status ? -1 : x.s.st.status > y.s.st.status ? 1 : 0;
    else if (by === 'FinalObjectiveMetricValue') c = (x.s.final as number) - (y.s.final as number);
    return (c || byName(x, y)) * dir;
  });
  const { page, next } = pageOf(rows, a);
  return { TrainingJobSummaries: page.map((k) => childSummary(ctx, tj, k.c, k.s)), NextToken: next };
}

function createHyperParameterTuningJob(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'HyperParameterTuningJobName', validation);
  if (name.length > 32) throw validation(`1 validation error detected: Value '${name}' at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must have length less than or equal to 32`);
  if (!TUNING_NAME.test(name)) throw validation(`1 validation error detected: Value '${name}' at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}`);
  if (ctx.account.tuningJobs.has(name)) throw new AwsError('ResourceInUse', `Hyperparameter tuning job names must be unique within an AWS account and region, and a hyperparameter tuning job with this name already exists (${tuningArn(ctx, name)})`);
  const cfg = optObj(input, 'HyperParameterTuningJobConfig', validation);
  if (!cfg) throw required('hyperParameterTuningJobConfig');
  const strategy = reqStr(cfg, 'Strategy', validation);
  checkEnum(strategy, 'hyperParameterTuningJobConfig.strategy', ['Bayesian', 'Random', 'Hyperband', 'Grid']);
  const obj = optObj(cfg, 'HyperParameterTuningJobObjective', validation);
  if (!obj) throw required('hyperParameterTuningJobConfig.hyperParameterTuningJobObjective');
  const type = reqStr(obj, 'Type', validation);
  checkEnum(type, 'hyperParameterTuningJobConfig.hyperParameterTuningJobObjective.type', ['Maximize', 'Minimize']);
  const limits = optObj(cfg, 'ResourceLimits', validation);
  if (!limits) throw required('hyperParameterTuningJobConfig.resourceLimits');
  const maxParallel = optInt(limits, 'MaxParallelTrainingJobs', validation, 1, 100);
  if (maxParallel === undefined) throw required('hyperParameterTuningJobConfig.resourceLimits.maxParallelTrainingJobs');
  const def = optObj(input, 'TrainingJobDefinition', validation);
  if (!def) throw validation('A training job definition is required: specify TrainingJobDefinition (TrainingJobDefinitions is not simulated)');
  const algo = optObj(def, 'AlgorithmSpecification', validation);
  if (!algo) throw required('trainingJobDefinition.algorithmSpecification');
  const rc = optObj(def, 'ResourceConfig', validation) ?? {};
  const instanceType = optStr(rc, 'InstanceType', validation) ?? 'ml.m5.xlarge';
  const early = optStr(cfg, 'TrainingJobEarlyStoppingType', validation) ?? 'Off';
  checkEnum(early, 'hyperParameterTuningJobConfig.trainingJobEarlyStoppingType', ['Off', 'Auto']);
  const statics = Object.fromEntries(Object.entries(optObj(def, 'StaticHyperParameters', validation) ?? {}).map(([k, v]) => [k, String(v)]));
  const defs = (optStructList(algo, 'MetricDefinitions', validation) ?? []).map((m) => ({ Name: String(m.Name), Regex: String(m.Regex) }));
  startTuningJob(
    ctx.account,
    {
      name,
      created: ctx.now,
      strategy,
      objective: { Type: type as ObjectiveType, MetricName: reqStr(obj, 'MetricName', validation) },
      maxJobs: optInt(limits, 'MaxNumberOfTrainingJobs', validation, 1, 500) ?? 10,
      maxParallel,
      earlyStopping: early as 'Off' | 'Auto',
      ranges: optObj(cfg, 'ParameterRanges', validation) ?? {},
      staticHyperParameters: statics,
      instanceType,
      cores: instanceCores(instanceType),
      gpus: instanceGpus(instanceType),
      image: optStr(algo, 'TrainingImage', validation),
      roleArn: reqStr(def, 'RoleArn', validation),
      outputPath: optStr(optObj(def, 'OutputDataConfig', validation) ?? {}, 'S3OutputPath', validation),
      maxRuntimeInSeconds: optInt(limits, 'MaxRuntimeInSeconds', validation, 120, 15_768_000),
      children: [],
    },
    defs,
  );
  return { HyperParameterTuningJobArn: tuningArn(ctx, name) };
}

/** TuningJobArn of a training job launched by a tuning job (DescribeTrainingJob). */
export function tuningJobArnOf(ctx: Ctx, job: TrainingJob): string | undefined {
  return job.tuningJobName ? tuningArn(ctx, job.tuningJobName) : undefined;
}

export const tuningOps: Record<string, (ctx: Ctx, input: Input) => unknown> = {
  ListHyperParameterTuningJobs: listHyperParameterTuningJobs,
  DescribeHyperParameterTuningJob: describeHyperParameterTuningJob,
  ListTrainingJobsForHyperParameterTuningJob: listTrainingJobsForHyperParameterTuningJob,
  CreateHyperParameterTuningJob: createHyperParameterTuningJob,
};
