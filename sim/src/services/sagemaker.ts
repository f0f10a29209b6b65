/** SageMaker (awsJson1_1, `SageMaker.<Op>`, timestamps as Date → epoch seconds). */
import { AwsError, validation } from '../errors';
import { type Endpoint, type EndpointConfig, SECONDARY_MESSAGES, stepsAt, trainingState, type Variant } from '../model/state';
import { addTrainingJob } from '../../scenarios/trainingBuilder';
import { instanceId } from '../model/hash';
import type { Ctx } from './context';
import { type Input, optInt, optNum, optObj, optStr, optStructList, reqStr } from './input';
import { checkName, d, filterSortPage, instanceCores, instanceGpus, listArgs } from './sagemakerCommon';
import { processingTransformOps } from './sagemakerJobs';
import { pipelineOps } from './sagemakerPipelines';
import { tuningJobArnOf, tuningOps } from './sagemakerTuning';
import { withProgress } from './progress';
import { configVariantOut, extrasOut, parseExtras, parseManagedScaling, parseServerless, variantKindOut } from './sagemakerEndpointKinds';
import { inferenceOps } from './sagemakerInference';

export { trainingState };

export function endpointStatus(ep: Endpoint, now: number): { status: string; lastModified: number } {
  const { current } = stepsAt(ep.steps, now);
  return { status: current?.status ?? 'Creating', lastModified: current?.at ?? ep.creationTime };
}

function variantOut(v: Variant, status: string) {
  const serverless = v.ServerlessConfig !== undefined;
  return {
    ...variantKindOut(v),
    VariantName: v.VariantName,
    DeployedImages: [{ SpecifiedImage: v.image, ResolvedImage: v.image.replace(/:.*$/, '') + '@sha256:' + 'ab12'.repeat(16), ResolutionTime: new Date(0) }],
    CurrentWeight: v.InitialVariantWeight,
    DesiredWeight: v.InitialVariantWeight,
    CurrentInstanceCount: status === 'Creating' || serverless ? undefined : v.instanceIds.length,
    DesiredInstanceCount: serverless ? undefined : v.InitialInstanceCount,
  };
}

function describeEndpoint(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'EndpointName', validation);
  const ep = ctx.account.endpoints.get(name);
  if (!ep) throw validation(`Could not find endpoint "${ctx.account.arn('sagemaker', `endpoint/${name.toLowerCase()}`)}".`);
  const st = endpointStatus(ep, ctx.now);
  return {
    EndpointName: ep.name,
    EndpointArn: ctx.account.arn('sagemaker', `endpoint/${ep.name.toLowerCase()}`),
    EndpointConfigName: ep.configName,
    ProductionVariants: st.status === 'Creating' ? undefined : ep.variants.map((v) => variantOut(v, st.status)),
    PendingDeploymentSummary:
      st.status === 'Creating'
        ? { EndpointConfigName: ep.configName, ProductionVariants: ep.variants.map((v) => ({ VariantName: v.VariantName, DesiredInstanceCount: v.InitialInstanceCount, InstanceType: v.InstanceType, CurrentInstanceCount: 0 })) }
        : undefined,
    EndpointStatus: st.status,
    FailureReason: st.status === 'Failed' ? ep.failureReason : undefined,
    CreationTime: d(ep.creationTime),
    LastModifiedTime: d(st.lastModified),
    ...extrasOut(ep),
  };
}

function describeEndpointConfig(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'EndpointConfigName', validation);
  const c = ctx.account.endpointConfigs.get(name);
  if (!c) throw validation(`Could not find endpoint configuration "${ctx.account.arn('sagemaker', `endpoint-config/${name.toLowerCase()}`)}".`);
  return {
    EndpointConfigName: c.name,
    EndpointConfigArn: ctx.account.arn('sagemaker', `endpoint-config/${c.name.toLowerCase()}`),
    ProductionVariants: c.variants.map(configVariantOut),
    CreationTime: d(c.creationTime),
    ...extrasOut(c),
  };
}

function listEndpoints(ctx: Ctx, input: Input) {
  const a = listArgs(input);
  const rows = [...ctx.account.endpoints.values()].map((ep) => {
    const st = endpointStatus(ep, ctx.now);
    return { ep, name: ep.name, creation: ep.creationTime, lastModified: st.lastModified, status: st.status };
  });
  const { page, next } = filterSortPage(rows, a, 'Descending');
  return {
    Endpoints: page.map((r) => ({
      EndpointName: r.name,
      EndpointArn: ctx.account.arn('sagemaker', `endpoint/${r.name.toLowerCase()}`),
      CreationTime: d(r.creation),
      LastModifiedTime: d(r.lastModified),
      EndpointStatus: r.status,
    })),
    NextToken: next,
  };
}

function listTrainingJobs(ctx: Ctx, input: Input) {
  const a = listArgs(input);
  const rows = [...ctx.account.trainingJobs.values()].map((job) => {
    const st = trainingState(job, ctx.now);
    return { job, st, name: job.name, creation: job.creationTime, lastModified: st.lastModified, status: st.status };
  });
  const { page, next } = filterSortPage(rows, a, 'Ascending');
  return {
    TrainingJobSummaries: page.map((r) => ({
      TrainingJobName: r.name,
      TrainingJobArn: ctx.account.arn('sagemaker', `training-job/${r.name.toLowerCase()}`),
      CreationTime: d(r.creation),
      TrainingEndTime: d(r.st.end),
      LastModifiedTime: d(r.lastModified),
      TrainingJobStatus: r.status,
      SecondaryStatus: r.st.secondary,
    })),
    NextToken: next,
  };
}

function describeTrainingJob(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'TrainingJobName', validation);
  const job = ctx.account.trainingJobs.get(name);
  if (!job) throw validation('Requested resource not found.');
  const st = trainingState(job, ctx.now);
  const transitions = st.visible.map((s, i) => ({
    Status: s.status,
    StartTime: d(s.at),
    EndTime: i + 1 < st.visible.length ? d(st.visible[i + 1].at) : ['Completed', 'Failed', 'Stopped'].includes(s.status) ? d(s.at) : undefined,
    StatusMessage: s.message ?? SECONDARY_MESSAGES[s.status] ?? s.status,
  }));
  // present once the job has ended, as in AWS
  const trainingSecs = st.trainingStart !== undefined && st.end !== undefined ? Math.round((st.end - st.trainingStart) / 1000) : undefined;
  return {
    TrainingJobName: job.name,
    TrainingJobArn: ctx.account.arn('sagemaker', `training-job/${job.name.toLowerCase()}`),
    TuningJobArn: tuningJobArnOf(ctx, job),
    ModelArtifacts: { S3ModelArtifacts: st.status === 'Completed' ? `${job.outputPath}/${job.name}/output/model.tar.gz` : '' },
    TrainingJobStatus: st.status,
    SecondaryStatus: st.secondary,
    FailureReason: st.status === 'Failed' ? job.failureReason : undefined,
    HyperParameters: job.hyperParameters,
    AlgorithmSpecification: {
      TrainingImage: job.image,
      TrainingInputMode: 'File',
      MetricDefinitions: job.metricDefinitions,
      EnableSageMakerMetricsTimeSeries: true,
    },
    RoleArn: job.roleArn,
    InputDataConfig: job.inputChannels.map((c) => ({
      ChannelName: c,
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://sagemaker-${ctx.region}-123456789012/${job.name}/data/${c}`, S3DataDistributionType: 'FullyReplicated' } },
      CompressionType: 'None',
      RecordWrapperType: 'None',
    })),
    OutputDataConfig: { KmsKeyId: '', S3OutputPath: job.outputPath },
    ResourceConfig: { InstanceType: job.instanceType, InstanceCount: job.instanceCount, VolumeSizeInGB: job.volumeSizeInGB },
    StoppingCondition: { MaxRuntimeInSeconds: job.maxRuntimeInSeconds, MaxWaitTimeInSeconds: job.spot ? job.maxRuntimeInSeconds * 2 : undefined },
    CreationTime: d(job.creationTime),
    TrainingStartTime: d(st.trainingStart),
    TrainingEndTime: d(st.end),
    LastModifiedTime: d(st.lastModified),
    SecondaryStatusTransitions: transitions,
    FinalMetricDataList: (st.status === 'Completed' || st.status === 'Stopped') && job.finalMetrics ? job.finalMetrics.map((m) => ({ ...m, Timestamp: d(st.end) })) : undefined,
    EnableNetworkIsolation: false,
    EnableInterContainerTrafficEncryption: false,
    EnableManagedSpotTraining: !!job.spot,
    TrainingTimeInSeconds: trainingSecs,
    BillableTimeInSeconds: trainingSecs !== undefined ? (job.spot ? Math.round(trainingSecs * 0.3) : trainingSecs) : undefined,
  };
}

function createEndpointConfig(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'EndpointConfigName', validation);
  checkName(name, 'endpointConfigName');
  if (ctx.account.endpointConfigs.has(name)) throw validation(`Cannot create already existing endpoint configuration "${ctx.account.arn('sagemaker', `endpoint-config/${name.toLowerCase()}`)}".`);
  const pvs = optStructList(input, 'ProductionVariants', validation);
  if (!pvs || pvs.length === 0) throw validation("1 validation error detected: Value null at 'productionVariants' failed to satisfy constraint: Member must not be null");
  const variants: Variant[] = pvs.map((pv) => {
    const vn = reqStr(pv, 'VariantName', validation);
    const serverless = parseServerless(pv);
    const count = serverless ? 0 : (optInt(pv, 'InitialInstanceCount', validation, 1, 1000) ?? 1);
    const modelName = optStr(pv, 'ModelName', validation);
    // a variant without a model hosts inference components (it needs instances)
    if (modelName === undefined && serverless) throw validation("1 validation error detected: Value null at 'productionVariants.1.member.modelName' failed to satisfy constraint: Member must not be null");
    return {
      VariantName: vn,
      ModelName: modelName,
      InstanceType: serverless ? undefined : (optStr(pv, 'InstanceType', validation) ?? 'ml.m5.large'),
      InitialInstanceCount: count,
      InitialVariantWeight: optNum(pv, 'InitialVariantWeight', validation) ?? 1,
      image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310',
      instanceIds: Array.from({ length: count }, (_, i) => instanceId(`${name}/${vn}/${i}`)),
      ServerlessConfig: serverless,
      ManagedInstanceScaling: parseManagedScaling(pv),
    };
  });
  const c: EndpointConfig = { name, creationTime: ctx.now, variants, ...parseExtras(input) };
  ctx.account.endpointConfigs.set(name, c);
  return { EndpointConfigArn: ctx.account.arn('sagemaker', `endpoint-config/${name.toLowerCase()}`) };
}

function createEndpoint(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'EndpointName', validation);
  checkName(name, 'endpointName');
  const configName = reqStr(input, 'EndpointConfigName', validation);
  if (ctx.account.endpoints.has(name)) throw validation(`Cannot create already existing endpoint "${ctx.account.arn('sagemaker', `endpoint/${name.toLowerCase()}`)}".`);
  const c = ctx.account.endpointConfigs.get(configName);
  if (!c) throw validation(`Could not find endpoint configuration "${ctx.account.arn('sagemaker', `endpoint-config/${configName.toLowerCase()}`)}".`);
  const ep: Endpoint = {
    name,
    configName,
    creationTime: ctx.now,
    asyncConfig: c.asyncConfig,
    metricsConfig: c.metricsConfig,
    variants: c.variants.map((v) => ({ ...v, instanceIds: Array.from({ length: v.InitialInstanceCount }, (_, i) => instanceId(`${name}/${v.VariantName}/${i}`)) })),
    steps: [
      { status: 'Creating', at: ctx.now },
      { status: 'InService', at: ctx.now + 5 * 60_000 },
    ],
  };
  ctx.account.endpoints.set(name, ep);
  return { EndpointArn: ctx.account.arn('sagemaker', `endpoint/${name.toLowerCase()}`) };
}

function createTrainingJob(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'TrainingJobName', validation);
  checkName(name, 'trainingJobName');
  if (ctx.account.trainingJobs.has(name)) throw new AwsError('ResourceInUse', `Training job names must be unique within an AWS account and region, and a training job with this name already exists (${ctx.account.arn('sagemaker', `training-job/${name.toLowerCase()}`)})`);
  const algo = optObj(input, 'AlgorithmSpecification', validation) ?? {};
  const rc = optObj(input, 'ResourceConfig', validation);
  if (!rc) throw validation("1 validation error detected: Value null at 'resourceConfig' failed to satisfy constraint: Member must not be null");
  const out = optObj(input, 'OutputDataConfig', validation);
  const stop = optObj(input, 'StoppingCondition', validation) ?? {};
  const hp = optObj(input, 'HyperParameters', validation) ?? {};
  const inputs = optStructList(input, 'InputDataConfig', validation) ?? [];
  const t = ctx.now;
  const instanceType = optStr(rc, 'InstanceType', validation) ?? 'ml.m5.xlarge';
  const hyperParameters = Object.fromEntries(Object.entries(hp).map(([k, v]) => [k, String(v)]));
  // the job gets hosts that write logs and metrics like the scenario's jobs (20 min of training)
  const job = addTrainingJob(ctx.account, {
    name,
    instanceType,
    hosts: optInt(rc, 'InstanceCount', validation, 1, 1000) ?? 1,
    cores: instanceCores(instanceType),
    gpus: instanceGpus(instanceType),
    epochs: Math.max(1, Math.min(100, Number(String(hyperParameters.epochs ?? '4').replace(/"/g, '')) || 4)),
    stepsPerEpoch: 400,
    lineIntervalMs: 5000,
    steps: [
      { status: 'Starting', at: t, message: 'Preparing the instances for training' },
      { status: 'Downloading', at: t + 90_000 },
      { status: 'Training', at: t + 180_000 },
      { status: 'Uploading', at: t + 180_000 + 20 * 60_000 },
      { status: 'Completed', at: t + 180_000 + 21 * 60_000 },
    ],
  });
  job.hyperParameters = hyperParameters;
  job.volumeSizeInGB = optInt(rc, 'VolumeSizeInGB', validation, 1, 16384) ?? 30;
  job.image = optStr(algo, 'TrainingImage', validation) ?? job.image;
  const defs = (optStructList(algo, 'MetricDefinitions', validation) ?? []).map((m) => ({ Name: String(m.Name), Regex: String(m.Regex) }));
  if (defs.length) job.metricDefinitions = defs;
  job.roleArn = reqStr(input, 'RoleArn', validation);
  job.outputPath = out ? (optStr(out, 'S3OutputPath', validation) ?? '') : '';
  job.maxRuntimeInSeconds = optInt(stop, 'MaxRuntimeInSeconds', validation, 1, 28 * 86400) ?? 86400;
  job.spot = input.EnableManagedSpotTraining === true;
  job.inputChannels = inputs.map((c) => String(c.ChannelName ?? 'train'));
  return { TrainingJobArn: ctx.account.arn('sagemaker', `training-job/${name.toLowerCase()}`) };
}

export const sagemakerOps: Record<string, (ctx: Ctx, input: Input) => unknown> = withProgress<unknown>({
  ListEndpoints: listEndpoints,
  DescribeEndpoint: describeEndpoint,
  DescribeEndpointConfig: describeEndpointConfig,
  ListTrainingJobs: listTrainingJobs,
  DescribeTrainingJob: describeTrainingJob,
  CreateEndpointConfig: createEndpointConfig,
  CreateEndpoint: createEndpoint,
  CreateTrainingJob: createTrainingJob,
  ...processingTransformOps,
  ...tuningOps,
  ...pipelineOps,
  ...inferenceOps,
});
