/**
 * SageMaker Pipelines: ListPipelines, DescribePipeline, CreatePipeline, ListPipelineExecutions,
 * DescribePipelineExecution, ListPipelineExecutionSteps, StartPipelineExecution (the SDK's shapes).
 * A step's Metadata names the job it ran ({TrainingJob: {Arn}}, {ProcessingJob: {Arn}}, …), a job of the account.
 */
import { AwsError, validation } from '../errors';
import { executionState, type JobRef, type Pipeline, type PipelineExecution } from '../model/workflows';
import { executionArn, executionId, pipelineArn } from '../../scenarios/pipelineBuilder';
import { definitionSteps, startExecution } from '../../scenarios/pipelineRun';
import type { Ctx } from './context';
import { decodeToken, type Input, isOffsetToken, optInt, optNum, optObj, optStr, reqStr } from './input';
import { byName, checkEnum, d, pageOf, required } from './sagemakerCommon';

const ORDERS = ['Ascending', 'Descending'];
const PIPELINE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/;
const DISPLAY_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:pipeline\/.*\/execution\/.*$/;

function pagingArgs(input: Input) {
  const sortOrder = optStr(input, 'SortOrder', validation);
  checkEnum(sortOrder, 'sortOrder', ORDERS);
  return {
    after: optNum(input, 'CreatedAfter', validation),
    before: optNum(input, 'CreatedBefore', validation),
    sortBy: optStr(input, 'SortBy', validation),
    sortOrder,
    max: optInt(input, 'MaxResults', validation, 1, 100) ?? 10,
    token: decodeToken(optStr(input, 'NextToken', validation), (m) => validation(m), isOffsetToken),
  };
}

const inWindow = (t: number, a: { after?: number; before?: number }) => (a.after === undefined || t > a.after * 1000) && (a.before === undefined || t < a.before * 1000);

/** A pipeline by name or ARN. */
function pipelineOf(ctx: Ctx, ref: string): Pipeline {
  const m = /^arn:aws[a-z-]*:sagemaker:[^:]*:[0-9]{12}:pipeline\/([^/]+)$/.exec(ref);
  const p = m ? [...ctx.account.pipelines.values()].find((x) => x.name.toLowerCase() === m[1].toLowerCase()) : ctx.account.pipelines.get(ref);
  if (!p) throw new AwsError('ResourceNotFound', `Pipeline '${m ? ref : pipelineArn(ctx.account, ref)}' does not exist.`);
  return p;
}

function executionOf(ctx: Ctx, input: Input): PipelineExecution {
  const arn = optStr(input, 'PipelineExecutionArn', validation);
  if (!arn) throw required('pipelineExecutionArn');
  if (!EXECUTION_ARN.test(arn)) throw validation(`1 validation error detected: Value '${arn}' at 'pipelineExecutionArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:pipeline\\/.*\\/execution\\/.*$`);
  const ex = ctx.account.pipelineExecutions.get(arn.slice(arn.lastIndexOf('/') + 1));
  if (!ex || executionArn(ctx.account, ex.pipeline, ex.id) !== arn.toLowerCase()) throw new AwsError('ResourceNotFound', `Pipeline execution '${arn}' does not exist.`);
  return ex;
}

const lastRun = (ctx: Ctx, p: Pipeline) => Math.max(0, ...p.executions.filter((e) => e.creationTime <= ctx.now).map((e) => e.creationTime)) || undefined;

function listPipelines(ctx: Ctx, input: Input) {
  const a = pagingArgs(input);
  checkEnum(a.sortBy, 'sortBy', ['Name', 'CreationTime']);
  const prefix = optStr(input, 'PipelineNamePrefix', validation);
  const dir = (a.sortOrder ?? 'Descending') === 'Ascending' ? 1 : -1;
  const rows = [...ctx.account.pipelines.values()]
    .filter((p) => (!prefix || p.name.startsWith(prefix)) && inWindow(p.creationTime, a))
    .sort((x, y) => ((a.sortBy === 'Name' ? 0 : x.creationTime - y.creationTime) || byName(x, y)) * dir);
  const { page, next } = pageOf(rows, a);
  return {
    PipelineSummaries: page.map((p) => ({
      PipelineArn: pipelineArn(ctx.account, p.name),
      PipelineName: p.name,
      PipelineDisplayName: p.displayName,
      PipelineDescription: p.description,
      RoleArn: p.roleArn,
      CreationTime: d(p.creationTime),
      LastModifiedTime: d(p.lastModifiedTime),
      LastExecutionTime: d(lastRun(ctx, p)),
    })),
    NextToken: next,
  };
}

function describePipeline(ctx: Ctx, input: Input) {
  const p = pipelineOf(ctx, reqStr(input, 'PipelineName', validation));
  return {
    PipelineArn: pipelineArn(ctx.account, p.name),
    PipelineName: p.name,
    PipelineDisplayName: p.displayName,
    PipelineDefinition: p.definition,
    PipelineDescription: p.description,
    RoleArn: p.roleArn,
    PipelineStatus: 'Active',
    CreationTime: d(p.creationTime),
    LastModifiedTime: d(p.lastModifiedTime),
    LastRunTime: d(lastRun(ctx, p)),
  };
}

function listPipelineExecutions(ctx: Ctx, input: Input) {
  const p = pipelineOf(ctx, reqStr(input, 'PipelineName', validation));
  const a = pagingArgs(input);
  checkEnum(a.sortBy, 'sortBy', ['CreationTime', 'PipelineExecutionArn']);
  const dir = (a.sortOrder ?? 'Descending') === 'Ascending' ? 1 : -1;
  const rows = p.executions
    .filter((e) => e.creationTime <= ctx.now && inWindow(e.creationTime, a))
    .sort((x, y) => (a.sortBy === 'PipelineExecutionArn' ? (x.id < y.id ? -1 : 1) : x.creationTime - y.creationTime || (x.id < y.id ? -1 : 1)) * dir);
  const { page, next } = pageOf(rows, a);
  return {
    PipelineExecutionSummaries: page.map((e) => {
      const st = executionState(ctx.account, e, ctx.now);
      return {
        PipelineExecutionArn: executionArn(ctx.account, p.name, e.id),
        StartTime: d(e.creationTime),
        PipelineExecutionStatus: st.status,
        PipelineExecutionDescription: e.description,
        PipelineExecutionDisplayName: e.displayName,
        PipelineExecutionFailureReason: st.failureReason,
      };
    }),
    NextToken: next,
  };
}

function describePipelineExecution(ctx: Ctx, input: Input) {
  const e = executionOf(ctx, input);
  const st = executionState(ctx.account, e, ctx.now);
  return {
    PipelineArn: pipelineArn(ctx.account, e.pipeline),
    PipelineExecutionArn: executionArn(ctx.account, e.pipeline, e.id),
    PipelineExecutionDisplayName: e.displayName,
    PipelineExecutionStatus: st.status,
    PipelineExecutionDescription: e.description,
    PipelineExperimentConfig: { ExperimentName: e.pipeline, TrialName: e.id },
    FailureReason: st.failureReason,
    CreationTime: d(e.creationTime),
    LastModifiedTime: d(st.lastModified),
  };
}

const JOB_METADATA: Record<JobRef['kind'], [string, string]> = {
  training: ['TrainingJob', 'training-job'],
  processing: ['ProcessingJob', 'processing-job'],
  transform: ['TransformJob', 'transform-job'],
  tuning: ['TuningJob', 'hyper-parameter-tuning-job'],
};

function listPipelineExecutionSteps(ctx: Ctx, input: Input) {
  const e = executionOf(ctx, input);
  const a = pagingArgs(input);
  // AWS lists the steps newest first unless asked otherwise
  const shown = executionState(ctx.account, e, ctx.now).shown.map((s, i) => ({ ...s, i }));
  shown.sort((x, y) => (x.step.start - y.step.start || x.i - y.i) * ((a.sortOrder ?? 'Descending') === 'Ascending' ? 1 : -1));
  const { page, next } = pageOf(shown, a);
  return {
    PipelineExecutionSteps: page.map(({ step, state }) => {
      const meta: Record<string, unknown> = { ...step.metadata };
      if (step.job) {
        const [key, kind] = JOB_METADATA[step.job.kind];
        meta[key] = { Arn: ctx.account.arn('sagemaker', `${kind}/${step.job.name.toLowerCase()}`) };
      }
      return {
        StepName: step.name,
        StepDisplayName: step.displayName,
        StepDescription: step.description,
        StartTime: d(step.start),
        EndTime: d(state.end),
        StepStatus: state.status,
        AttemptCount: 1,
        FailureReason: state.failureReason,
        Metadata: Object.keys(meta).length ? meta : undefined,
      };
    }),
    NextToken: next,
  };
}

function createPipeline(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'PipelineName', validation);
  if (name.length > 256) throw validation(`1 validation error detected: Value '${name}' at 'pipelineName' failed to satisfy constraint: Member must have length less than or equal to 256`);
  if (!PIPELINE_NAME.test(name)) throw validation(`1 validation error detected: Value '${name}' at 'pipelineName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}`);
  const roleArn = reqStr(input, 'RoleArn', validation);
  if (optObj(input, 'PipelineDefinitionS3Location', validation)) throw validation('PipelineDefinitionS3Location is not simulated: give the PipelineDefinition');
  const definition = reqStr(input, 'PipelineDefinition', validation);
  if (ctx.account.pipelines.has(name)) throw validation(`Pipeline names must be unique within an AWS account and region. Pipeline with name (${name}) already exists.`);
  try {
    definitionSteps(definition);
  } catch (e) {
    throw validation((e as Error).message);
  }
  const displayName = optStr(input, 'PipelineDisplayName', validation) ?? name;
  ctx.account.pipelines.set(name, { name, displayName, description: optStr(input, 'PipelineDescription', validation), roleArn, definition, creationTime: ctx.now, lastModifiedTime: ctx.now, executions: [] });
  return { PipelineArn: pipelineArn(ctx.account, name) };
}

function startPipelineExecution(ctx: Ctx, input: Input) {
  const p = pipelineOf(ctx, reqStr(input, 'PipelineName', validation));
  const displayName = optStr(input, 'PipelineExecutionDisplayName', validation) ?? `execution-${ctx.now}`;
  if (displayName.length > 82 || !DISPLAY_NAME.test(displayName)) throw validation(`1 validation error detected: Value '${displayName}' at 'pipelineExecutionDisplayName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}`);
  let n = p.executions.length;
  let id = executionId(`${p.name}/${n}/${ctx.now}`);
  while (ctx.account.pipelineExecutions.has(id)) id = executionId(`${p.name}/${++n}/${ctx.now}`);
  const e = startExecution(ctx.account, p, { id, displayName, description: optStr(input, 'PipelineExecutionDescription', validation), now: ctx.now });
  return { PipelineExecutionArn: executionArn(ctx.account, p.name, e.id) };
}

export const pipelineOps: Record<string, (ctx: Ctx, input: Input) => unknown> = {
  ListPipelines: listPipelines,
  DescribePipeline: describePipeline,
  CreatePipeline: createPipeline,
  ListPipelineExecutions: listPipelineExecutions,
  DescribePipelineExecution: describePipelineExecution,
  ListPipelineExecutionSteps: listPipelineExecutionSteps,
  StartPipelineExecution: startPipelineExecution,
};
