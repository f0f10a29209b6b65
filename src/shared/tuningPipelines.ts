/**
 * Hyperparameter tuning jobs and pipelines as the tree, the commands and the panels see them (no SDK types:
 * src/aws maps the SDK's shapes to these), and the pure rules about them: how children rank, which job a
 * pipeline step ran.
 */
import type { JobStatus } from './model';

export interface TuningCounters {
  readonly completed: number;
  readonly inProgress: number;
  readonly retryableError: number;
  readonly nonRetryableError: number;
  readonly stopped: number;
}

export interface TuningJobSummary {
  readonly name: string;
  readonly arn: string;
  /** The five job statuses (plus Deleting, DeleteFailed). */
  readonly status: JobStatus | string;
  readonly strategy?: string;
  readonly createdAt?: number;
  readonly endedAt?: number;
  readonly modifiedAt?: number;
  readonly counters?: TuningCounters;
  readonly objectiveCounters?: { readonly succeeded: number; readonly pending: number; readonly failed: number };
  readonly maxJobs?: number;
  readonly maxParallelJobs?: number;
}

export interface TuningObjective {
  /** `Maximize` or `Minimize`. */
  readonly type: string;
  readonly metricName: string;
}

export interface TuningJobDetail extends TuningJobSummary {
  readonly objective?: TuningObjective;
  readonly failureReason?: string;
  readonly bestTrainingJobName?: string;
}

/** A training job a tuning job launched, with the objective value it reached. */
export interface TuningChild {
  readonly name: string;
  readonly arn: string;
  readonly status: JobStatus | string;
  readonly createdAt?: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly failureReason?: string;
  readonly objectiveValue?: number;
  /** `Succeeded`, `Pending` or `Failed`: whether the objective metric was read. */
  readonly objectiveStatus?: string;
  readonly tunedHyperParameters: Readonly<Record<string, string>>;
}

export interface PipelineSummary {
  readonly name: string;
  readonly arn: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly createdAt?: number;
  readonly modifiedAt?: number;
  readonly lastExecutionAt?: number;
}

export type PipelineExecutionStatus = 'Executing' | 'Stopping' | 'Stopped' | 'Failed' | 'Succeeded';

export interface PipelineExecution {
  readonly arn: string;
  readonly pipelineName: string;
  readonly displayName?: string;
  readonly status: PipelineExecutionStatus | string;
  readonly startedAt?: number;
  /** When it last changed (the end, once it ended): DescribePipelineExecution only. */
  readonly modifiedAt?: number;
  readonly failureReason?: string;
}

/** The kinds of job a pipeline step can run that the tree shows with their own subtree. */
export type StepJobKind = 'training' | 'processing' | 'transform' | 'tuning';

export interface StepJob {
  readonly kind: StepJobKind;
  readonly name: string;
  readonly arn: string;
}

export interface PipelineStep {
  readonly name: string;
  readonly displayName?: string;
  /** The step's type as its metadata says (`Training`, `Processing`, `RegisterModel`, `Condition`, …). */
  readonly type: string;
  readonly status: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly failureReason?: string;
  readonly attempts?: number;
  /** The job the step ran, when it ran one the tree knows. */
  readonly job?: StepJob;
  /** One line of what else the metadata says (a condition's outcome, a registered model package). */
  readonly note?: string;
}

export function isTerminalExecutionStatus(status: string): boolean {
  return status === 'Succeeded' || status === 'Failed' || status === 'Stopped';
}

/**
 * The children of a tuning job, best first: by the objective value (highest first when maximising, lowest
 * when minimising); children without a value follow, newest first. AWS sorts by FinalObjectiveMetricValue
 * too; sorting again keeps the order right across pages and on servers that ignore SortBy.
 */
export function rankTuningChildren(children: readonly TuningChild[], objectiveType: string | undefined): TuningChild[] {
  const sign = objectiveType === 'Minimize' ? 1 : -1;
  return [...children].sort((a, b) => {
    const av = a.objectiveValue;
    const bv = b.objectiveValue;
    if (av !== undefined && bv !== undefined && av !== bv) {
      return sign * (av - bv);
    }
    if (av !== undefined && bv === undefined) {
      return -1;
    }
    if (av === undefined && bv !== undefined) {
      return 1;
    }
    return (b.createdAt ?? 0) - (a.createdAt ?? 0) || a.name.localeCompare(b.name);
  });
}

const STEP_JOB_ARN = /^arn:[^:]+:sagemaker:[^:]*:[^:]*:(training-job|processing-job|transform-job|hyper-parameter-tuning-job)\/(.+)$/;
const KIND_OF_RESOURCE: Readonly<Record<string, StepJobKind>> = {
  'training-job': 'training',
  'processing-job': 'processing',
  'transform-job': 'transform',
  'hyper-parameter-tuning-job': 'tuning',
};

/**
 * The job an ARN names. SageMaker writes job names in lower case in ARNs; the Describe calls find the job
 * by that name all the same, and the tree shows the name Describe returns.
 */
export function jobOfArn(arn: string): StepJob | undefined {
  const m = STEP_JOB_ARN.exec(arn);
  return m ? { kind: KIND_OF_RESOURCE[m[1]], name: m[2], arn } : undefined;
}

/** A step's metadata as the SDK returns it, reduced to what this reads. */
export type StepMetadata = Readonly<Record<string, unknown>>;

const JOB_METADATA: Readonly<Record<string, StepJobKind>> = { TrainingJob: 'training', ProcessingJob: 'processing', TransformJob: 'transform', TuningJob: 'tuning' };

/** The step's type, its job and a note, from its metadata (whichever key is set names the type). */
export function readStepMetadata(metadata: StepMetadata | undefined): { type: string; job?: StepJob; note?: string } {
  const key = Object.keys(metadata ?? {}).find((k) => metadata?.[k] !== undefined && metadata[k] !== null);
  if (!key || !metadata) {
    return { type: 'Unknown' };
  }
  const value = metadata[key] as Record<string, unknown>;
  const type = key.replace(/(.)Job$/, '$1');
  if (key in JOB_METADATA && typeof value.Arn === 'string') {
    const job = jobOfArn(value.Arn);
    return { type, ...(job ? { job } : {}) };
  }
  if (key === 'Condition' && typeof value.Outcome === 'string') {
    return { type, note: `outcome ${value.Outcome}` };
  }
  if (key === 'RegisterModel' && typeof value.Arn === 'string') {
    return { type, note: value.Arn.replace(/^.*:model-package\//, 'model package ') };
  }
  if (key === 'Fail' && typeof value.ErrorMessage === 'string') {
    return { type, note: value.ErrorMessage };
  }
  const arn = typeof value.Arn === 'string' ? value.Arn : undefined;
  return { type, ...(arn ? { note: arn } : {}) };
}
