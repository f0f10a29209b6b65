/**
 * Hyperparameter tuning jobs and pipelines. Neither owns jobs of its own: a tuning job's children are training
 * jobs of the account, a pipeline step points at a job of the account; their statuses are derived from those
 * jobs' statuses at the simulated now, so they move on with the clock (and with the control API) like the jobs.
 */
import { jobStatusAt, stepsAt, trainingState, type Account, type MetricDefinition, type StatusStep } from './state';

export type ObjectiveType = 'Maximize' | 'Minimize';

export interface TuningChild {
  /** a training job of the account */
  name: string;
  /** TunedHyperParameters */
  tuned: Record<string, string>;
  /** final objective metric value (reported once the job completes or is stopped early) */
  objective?: number;
  /** a failure the tuning job may retry (RetryableError; default NonRetryableError) */
  retryable?: boolean;
}

export interface TuningJob {
  name: string;
  creationTime: number;
  strategy: string;
  objective: { Type: ObjectiveType; MetricName: string };
  maxJobs: number;
  maxParallel: number;
  maxRuntimeInSeconds?: number;
  earlyStopping: 'Auto' | 'Off';
  /** ParameterRanges as the API has them */
  ranges: Record<string, unknown>;
  staticHyperParameters: Record<string, string>;
  /** the children's TrainingJobDefinition */
  image: string;
  metricDefinitions: MetricDefinition[];
  instanceType: string;
  instanceCount: number;
  volumeSizeInGB: number;
  roleArn: string;
  outputPath: string;
  inputChannels: string[];
  jobMaxRuntimeInSeconds: number;
  /** launched children, in launch order */
  children: TuningChild[];
  /** explicit statuses (Stopping, Stopped, Failed) over the derived one */
  steps: StatusStep[];
  failureReason?: string;
}

export interface JobRef {
  kind: 'training' | 'processing' | 'transform' | 'tuning';
  name: string;
}

export interface StepRun {
  name: string;
  displayName?: string;
  description?: string;
  /** the definition's step Type (Processing, Training, Transform, Tuning, RegisterModel, Model, Condition, Fail, …) */
  type: string;
  /** planned start and end (epoch ms) */
  start: number;
  end: number;
  /** the job the step runs: its status is the job's (set when the job is created) */
  job?: JobRef;
  /** steps without a job: the status reached at `end` */
  outcome: 'Succeeded' | 'Failed' | 'Stopped';
  failureReason?: string;
  /** Metadata other than the job's ARN ({RegisterModel: {Arn}}, {Condition: {Outcome}}, {Fail: {ErrorMessage}}, …) */
  metadata?: Record<string, unknown>;
}

export interface PipelineExecution {
  /** the last part of the ARN: 12 lowercase letters and digits */
  id: string;
  pipeline: string;
  displayName: string;
  description?: string;
  creationTime: number;
  /** in order; a step shows once it started and every step before it succeeded */
  steps: StepRun[];
  /** what its metrics have published so far (pipelineBuilder.ts) */
  published?: { started?: boolean; starts: number; ends: number };
}

export interface Pipeline {
  name: string;
  displayName: string;
  description?: string;
  roleArn: string;
  definition: string;
  creationTime: number;
  lastModifiedTime: number;
  executions: PipelineExecution[];
}

/** A job to create when the clock reaches `at` (a later pipeline step, a later tuning child). */
export interface PendingLaunch {
  at: number;
  /** 'wait': not yet (e.g. the previous step still runs); 'cancel': never (the previous step failed) */
  ready(acc: Account, now: number): 'go' | 'wait' | 'cancel';
  launch(acc: Account): void;
}

/** Creates the pending jobs whose time has come, in time order; true when something was created. */
export function launchPending(acc: Account, now: number): boolean {
  let changed = false;
  for (;;) {
    const due = acc.pending.filter((p) => p.at <= now).sort((a, b) => a.at - b.at);
    let launched = false;
    for (const p of due) {
      const r = p.ready(acc, now);
      if (r === 'wait') continue;
      acc.pending.splice(acc.pending.indexOf(p), 1);
      if (r === 'go') {
        p.launch(acc);
        launched = changed = true;
        break; // a launch may add or settle other launches
      }
    }
    if (!launched) return changed;
  }
}

// ------------------------------------------------------------------ tuning jobs

export type ObjectiveStatus = 'Succeeded' | 'Pending' | 'Failed';

/** A child at `now`: its training state, ObjectiveStatus and final objective value (undefined until reported). */
export function childState(acc: Account, child: TuningChild, now: number) {
  const job = acc.trainingJobs.get(child.name);
  if (!job || job.creationTime > now) return undefined;
  const st = trainingState(job, now);
  const reported = (st.status === 'Completed' || st.status === 'Stopped') && child.objective !== undefined;
  const objectiveStatus: ObjectiveStatus = reported ? 'Succeeded' : st.status === 'InProgress' || st.status === 'Stopping' ? 'Pending' : 'Failed';
  return { job, st, objectiveStatus, final: reported ? child.objective : undefined };
}

export const better = (type: ObjectiveType, a: number, b: number) => (type === 'Maximize' ? a > b : a < b);

/** A tuning job at `now`: status, counters, best child, end and last modification. */
export function tuningState(acc: Account, tj: TuningJob, now: number) {
  const kids = tj.children.map((c) => ({ c, s: childState(acc, c, now) })).filter((k) => k.s !== undefined) as { c: TuningChild; s: NonNullable<ReturnType<typeof childState>> }[];
  const counters = { Completed: 0, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 0 };
  const objectives = { Succeeded: 0, Pending: 0, Failed: 0 };
  let best: (typeof kids)[number] | undefined;
  let lastChange = tj.creationTime;
  let lastEnd = 0;
  for (const k of kids) {
    const status = k.s.st.status;
    if (status === 'Completed') counters.Completed++;
    else if (status === 'Stopped') counters.Stopped++;
    else if (status === 'Failed') counters[k.c.retryable ? 'RetryableError' : 'NonRetryableError']++;
    else counters.InProgress++;
    objectives[k.s.objectiveStatus]++;
    if (k.s.final !== undefined && (!best || better(tj.objective.Type, k.s.final, best.s.final as number))) best = k;
    lastChange = Math.max(lastChange, k.s.st.lastModified);
    if (k.s.st.end !== undefined) lastEnd = Math.max(lastEnd, k.s.st.end);
  }
  const explicit = stepsAt(tj.steps, now).current;
  let status: string;
  let end: number | undefined;
  if (explicit) {
    status = explicit.status;
    end = ['Completed', 'Failed', 'Stopped'].includes(status) ? explicit.at : undefined;
    lastChange = Math.max(lastChange, explicit.at);
  } else if (kids.length < tj.maxJobs || counters.InProgress > 0) {
    status = 'InProgress';
  } else {
    status = 'Completed';
    end = lastEnd;
  }
  return { status, counters, objectives, best, end, lastModified: lastChange, kids };
}

// ------------------------------------------------------------------ pipelines

const STEP_OF_JOB: Record<string, string> = { InProgress: 'Executing', Completed: 'Succeeded', Failed: 'Failed', Stopping: 'Stopping', Stopped: 'Stopped' };

/** The primary status of a referenced job at `now` (undefined: not created yet). */
export function jobRefState(acc: Account, ref: JobRef, now: number): { status: string; end?: number; failureReason?: string } | undefined {
  if (ref.kind === 'training') {
    const job = acc.trainingJobs.get(ref.name);
    if (!job || job.creationTime > now) return undefined;
    const st = trainingState(job, now);
    return { status: st.status, end: st.end, failureReason: job.failureReason };
  }
  if (ref.kind === 'tuning') {
    const tj = acc.tuningJobs.get(ref.name);
    if (!tj || tj.creationTime > now) return undefined;
    const st = tuningState(acc, tj, now);
    return { status: st.status, end: st.end, failureReason: tj.failureReason ?? 'Tuning job failed' };
  }
  const job = ref.kind === 'processing' ? acc.processingJobs.get(ref.name) : acc.transformJobs.get(ref.name);
  if (!job || job.creationTime > now) return undefined;
  const st = jobStatusAt(job, now);
  return { status: st.status, end: st.end, failureReason: job.failureReason };
}

/** A step at `now`: StepStatus (Starting, Executing, Stopping, Stopped, Failed, Succeeded), end and failure. */
export function stepState(acc: Account, step: StepRun, now: number): { status: string; end?: number; failureReason?: string } {
  if (step.job) {
    const js = jobRefState(acc, step.job, now);
    if (!js) return { status: 'Starting' };
    const status = STEP_OF_JOB[js.status] ?? 'Executing';
    return { status, end: js.end, failureReason: status === 'Failed' ? (step.failureReason ?? js.failureReason) : undefined };
  }
  if (now < step.end) return { status: 'Executing' };
  return { status: step.outcome, end: step.end, failureReason: step.outcome === 'Failed' ? step.failureReason : undefined };
}

export const STEP_FAILURE = 'Step failure: One or multiple steps failed.';

/** An execution at `now`: status, failure reason, last modification and the steps shown (in order). */
export function executionState(acc: Account, ex: PipelineExecution, now: number) {
  const shown: { step: StepRun; state: ReturnType<typeof stepState> }[] = [];
  let lastModified = ex.creationTime;
  for (const step of ex.steps) {
    if (step.start > now) break;
    if (shown.length && shown[shown.length - 1].state.status !== 'Succeeded') break;
    const state = stepState(acc, step, now);
    shown.push({ step, state });
    lastModified = Math.max(lastModified, step.start, state.end ?? 0);
  }
  const statuses = shown.map((s) => s.state.status);
  let status = 'Executing';
  if (statuses.includes('Failed')) status = 'Failed';
  else if (statuses.includes('Stopped')) status = 'Stopped';
  else if (statuses.includes('Stopping')) status = 'Stopping';
  else if (shown.length === ex.steps.length && statuses.every((s) => s === 'Succeeded')) status = 'Succeeded';
  return { status, failureReason: status === 'Failed' ? STEP_FAILURE : undefined, lastModified, shown, end: ['Failed', 'Stopped', 'Succeeded'].includes(status) ? lastModified : undefined };
}
