/** SageMaker processing and transform jobs: List*, Describe*, Create* (awsJson1_1, the SDK's shapes). */
import { AwsError, validation } from '../errors';
import { jobStatusAt, type ProcessingChannel, type StatusStep } from '../model/state';
import { addProcessingJob, addTransformJob } from '../../scenarios/jobBuilders';
import type { Ctx } from './context';
import { type Input, optInt, optObj, optStr, optStrList, optStructList, reqStr } from './input';
import { checkName, d, filterSortPage, instanceCores, instanceGpus, listArgs } from './sagemakerCommon';

const JOB_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];

function jobListArgs(input: Input) {
  const a = listArgs(input);
  if (a.statusEquals !== undefined && !JOB_STATUSES.includes(a.statusEquals)) {
    throw validation(`1 validation error detected: Value '${a.statusEquals}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [${JOB_STATUSES.join(', ')}]`);
  }
  return a;
}

const notFoundJob = (name: string) => validation(`Could not find requested job with name ${name}`);
const visible = (at: number, now: number) => (at <= now ? at : undefined);

function listProcessingJobs(ctx: Ctx, input: Input) {
  const a = jobListArgs(input);
  const rows = [...ctx.account.processingJobs.values()].map((job) => {
    const st = jobStatusAt(job, ctx.now);
    return { job, st, name: job.name, creation: job.creationTime, lastModified: st.lastModified, status: st.status };
  });
  const { page, next } = filterSortPage(rows, a, 'Ascending');
  return {
    ProcessingJobSummaries: page.map(({ job, st }) => ({
      ProcessingJobName: job.name,
      ProcessingJobArn: ctx.account.arn('sagemaker', `processing-job/${job.name.toLowerCase()}`),
      CreationTime: d(job.creationTime),
      ProcessingEndTime: d(st.end),
      LastModifiedTime: d(st.lastModified),
      ProcessingJobStatus: st.status,
      FailureReason: st.status === 'Failed' ? job.failureReason : undefined,
      ExitMessage: st.status === 'Failed' ? job.exitMessage : undefined,
    })),
    NextToken: next,
  };
}

function describeProcessingJob(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'ProcessingJobName', validation);
  const job = ctx.account.processingJobs.get(name);
  if (!job) throw notFoundJob(name);
  const st = jobStatusAt(job, ctx.now);
  return {
    ProcessingInputs: job.inputs.map((c) => ({
      InputName: c.name,
      AppManaged: false,
      S3Input: { S3Uri: c.s3Uri, LocalPath: c.localPath, S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated', S3CompressionType: 'None' },
    })),
    ProcessingOutputConfig: { Outputs: job.outputs.map((c) => ({ OutputName: c.name, S3Output: { S3Uri: c.s3Uri, LocalPath: c.localPath, S3UploadMode: 'EndOfJob' }, AppManaged: false })) },
    ProcessingJobName: job.name,
    ProcessingResources: { ClusterConfig: { InstanceCount: job.instanceCount, InstanceType: job.instanceType, VolumeSizeInGB: job.volumeSizeInGB } },
    StoppingCondition: { MaxRuntimeInSeconds: job.maxRuntimeInSeconds },
    AppSpecification: { ImageUri: job.imageUri, ContainerEntrypoint: job.entrypoint, ContainerArguments: job.arguments.length ? job.arguments : undefined },
    Environment: Object.keys(job.environment).length ? job.environment : undefined,
    RoleArn: job.roleArn,
    ProcessingJobArn: ctx.account.arn('sagemaker', `processing-job/${job.name.toLowerCase()}`),
    ProcessingJobStatus: st.status,
    ExitMessage: st.status === 'Failed' ? job.exitMessage : undefined,
    FailureReason: st.status === 'Failed' ? job.failureReason : undefined,
    ProcessingEndTime: d(st.end),
    ProcessingStartTime: d(visible(job.startTime, ctx.now)),
    LastModifiedTime: d(st.lastModified),
    CreationTime: d(job.creationTime),
  };
}

function listTransformJobs(ctx: Ctx, input: Input) {
  const a = jobListArgs(input);
  const rows = [...ctx.account.transformJobs.values()].map((job) => {
    const st = jobStatusAt(job, ctx.now);
    return { job, st, name: job.name, creation: job.creationTime, lastModified: st.lastModified, status: st.status };
  });
  const { page, next } = filterSortPage(rows, a, 'Descending');
  return {
    TransformJobSummaries: page.map(({ job, st }) => ({
      TransformJobName: job.name,
      TransformJobArn: ctx.account.arn('sagemaker', `transform-job/${job.name.toLowerCase()}`),
      CreationTime: d(job.creationTime),
      TransformEndTime: d(st.end),
      LastModifiedTime: d(st.lastModified),
      TransformJobStatus: st.status,
      FailureReason: st.status === 'Failed' ? job.failureReason : undefined,
    })),
    NextToken: next,
  };
}

function describeTransformJob(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'TransformJobName', validation);
  const job = ctx.account.transformJobs.get(name);
  if (!job) throw notFoundJob(name);
  const st = jobStatusAt(job, ctx.now);
  return {
    TransformJobName: job.name,
    TransformJobArn: ctx.account.arn('sagemaker', `transform-job/${job.name.toLowerCase()}`),
    TransformJobStatus: st.status,
    FailureReason: st.status === 'Failed' ? job.failureReason : undefined,
    ModelName: job.modelName,
    MaxConcurrentTransforms: job.maxConcurrentTransforms,
    ModelClientConfig: { InvocationsTimeoutInSeconds: 600, InvocationsMaxRetries: 3 },
    MaxPayloadInMB: job.maxPayloadInMB,
    BatchStrategy: job.batchStrategy,
    Environment: job.environment,
    TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: job.inputUri } }, ContentType: job.contentType, CompressionType: 'None', SplitType: job.splitType },
    TransformOutput: { S3OutputPath: job.outputPath, Accept: job.contentType, AssembleWith: 'Line', KmsKeyId: '' },
    TransformResources: { InstanceType: job.instanceType, InstanceCount: job.instanceCount },
    CreationTime: d(job.creationTime),
    TransformStartTime: d(visible(job.startTime, ctx.now)),
    TransformEndTime: d(st.end),
    DataProcessing: { InputFilter: '$', OutputFilter: '$', JoinSource: 'None' },
  };
}

const required = (field: string) => validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);

/** A created job runs like the scenario's: hosts start after 3–4 min, it completes after `runMin` minutes. */
function createdSteps(now: number, runMin: number): StatusStep[] {
  return [
    { status: 'InProgress', at: now },
    { status: 'Completed', at: now + runMin * 60_000 },
  ];
}

function s3Channels(list: Input[] | undefined, nameField: string, s3Field: string): ProcessingChannel[] | undefined {
  if (!list) return undefined;
  return list.map((c) => {
    const s3o = optObj(c, s3Field, validation) ?? {};
    return { name: reqStr(c, nameField, validation), s3Uri: optStr(s3o, 'S3Uri', validation) ?? '', localPath: optStr(s3o, 'LocalPath', validation) ?? '' };
  });
}

const envOf = (input: Input) => Object.fromEntries(Object.entries(optObj(input, 'Environment', validation) ?? {}).map(([k, v]) => [k, String(v)]));

function createProcessingJob(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'ProcessingJobName', validation);
  checkName(name, 'processingJobName');
  const arn = ctx.account.arn('sagemaker', `processing-job/${name.toLowerCase()}`);
  if (ctx.account.processingJobs.has(name)) throw new AwsError('ResourceInUse', `Job names must be unique within an AWS account and region, and a job with this name already exists (${arn})`);
  const cluster = optObj(optObj(input, 'ProcessingResources', validation) ?? {}, 'ClusterConfig', validation);
  if (!cluster) throw required('processingResources');
  const app = optObj(input, 'AppSpecification', validation);
  if (!app) throw required('appSpecification');
  const roleArn = reqStr(input, 'RoleArn', validation);
  const instanceType = optStr(cluster, 'InstanceType', validation) ?? 'ml.m5.xlarge';
  const entrypoint = optStrList(app, 'ContainerEntrypoint', validation) ?? [];
  const environment = envOf(input);
  const script = (entrypoint.find((e) => e.endsWith('.py')) ?? 'processing.py').replace(/^.*\//, '');
  const job = addProcessingJob(ctx.account, {
    name,
    instanceType,
    hosts: optInt(cluster, 'InstanceCount', validation, 1, 100) ?? 1,
    cores: instanceCores(instanceType),
    gpus: instanceGpus(instanceType),
    steps: createdSteps(ctx.now, 15),
    imageUri: reqStr(app, 'ImageUri', validation),
    script,
    arguments: optStrList(app, 'ContainerArguments', validation),
    inputs: s3Channels(optStructList(input, 'ProcessingInputs', validation), 'InputName', 'S3Input'),
    outputs: s3Channels(optStructList(optObj(input, 'ProcessingOutputConfig', validation) ?? {}, 'Outputs', validation), 'OutputName', 'S3Output'),
    volumeSizeInGB: optInt(cluster, 'VolumeSizeInGB', validation, 1, 16384) ?? 30,
    maxRuntimeInSeconds: optInt(optObj(input, 'StoppingCondition', validation) ?? {}, 'MaxRuntimeInSeconds', validation, 1, 777600) ?? 86400,
  });
  if (entrypoint.length) job.entrypoint = entrypoint;
  job.roleArn = roleArn;
  job.environment = environment;
  return { ProcessingJobArn: arn };
}

function createTransformJob(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'TransformJobName', validation);
  checkName(name, 'transformJobName');
  const arn = ctx.account.arn('sagemaker', `transform-job/${name.toLowerCase()}`);
  if (ctx.account.transformJobs.has(name)) throw new AwsError('ResourceInUse', `Job names must be unique within an AWS account and region, and a job with this name already exists (${arn})`);
  const modelName = reqStr(input, 'ModelName', validation);
  const tin = optObj(input, 'TransformInput', validation);
  if (!tin) throw required('transformInput');
  const tout = optObj(input, 'TransformOutput', validation);
  if (!tout) throw required('transformOutput');
  const res = optObj(input, 'TransformResources', validation);
  if (!res) throw required('transformResources');
  const instanceType = reqStr(res, 'InstanceType', validation);
  const strategy = optStr(input, 'BatchStrategy', validation);
  const environment = envOf(input);
  const src = optObj(optObj(tin, 'DataSource', validation) ?? {}, 'S3DataSource', validation);
  if (!src) throw required('transformInput.dataSource.s3DataSource');
  const job = addTransformJob(ctx.account, {
    name,
    modelName,
    instanceType,
    instances: optInt(res, 'InstanceCount', validation, 1, 100) ?? 1,
    cores: instanceCores(instanceType),
    gpus: instanceGpus(instanceType),
    steps: createdSteps(ctx.now, 12),
    contentType: optStr(tin, 'ContentType', validation),
    maxConcurrentTransforms: optInt(input, 'MaxConcurrentTransforms', validation, 0, 1000) || undefined,
    maxPayloadInMB: optInt(input, 'MaxPayloadInMB', validation, 0, 100) || undefined,
    batchStrategy: strategy === 'SingleRecord' ? 'SingleRecord' : 'MultiRecord',
    inputUri: reqStr(src, 'S3Uri', validation),
    outputPath: reqStr(tout, 'S3OutputPath', validation),
    splitType: optStr(tin, 'SplitType', validation) ?? 'None',
  });
  job.environment = environment;
  return { TransformJobArn: arn };
}

export const processingTransformOps: Record<string, (ctx: Ctx, input: Input) => unknown> = {
  ListProcessingJobs: listProcessingJobs,
  DescribeProcessingJob: describeProcessingJob,
  CreateProcessingJob: createProcessingJob,
  ListTransformJobs: listTransformJobs,
  DescribeTransformJob: describeTransformJob,
  CreateTransformJob: createTransformJob,
};
