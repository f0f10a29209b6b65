/**
 * A job of one of the kinds whose logs SageMaker writes per host (training, processing, transform): what
 * Show Failure, jump to source and Tail Logs From say and ask about, whichever kind it is.
 */
import { parseTailTarget, type TailTarget } from './targets';

/**
 * The kinds of job that run on hosts and write their logs per host (`[job]/algo-[n]-[epoch]`,
 * `[job]/[instance-id]-[epoch]`): what Show Failure, jump to source and Tail Logs From know how to read.
 * (The explorer's groups have more kinds: tuning jobs and pipelines.)
 */
export type HostJobKind = 'training' | 'processing' | 'transform';

export interface JobRef {
  readonly kind: HostJobKind;
  readonly name: string;
}

/** `training job`, `processing job`, `transform job`. */
export function jobNoun(kind: HostJobKind): string {
  return `${kind} job`;
}

/** `Training job`, for the start of a sentence. */
export function jobNounCapitalised(kind: HostJobKind): string {
  const noun = jobNoun(kind);
  return noun[0].toUpperCase() + noun.slice(1);
}

/** The job of a tail target (its host, stream kind and time range left out); undefined for endpoints and streams. */
export function jobRefOfTarget(target: TailTarget): JobRef | undefined {
  switch (target.kind) {
    case 'trainingJob':
      return { kind: 'training', name: target.trainingJobName };
    case 'processingJob':
      return { kind: 'processing', name: target.processingJobName };
    case 'transformJob':
      return { kind: 'transform', name: target.transformJobName };
    default:
      return undefined;
  }
}

/**
 * `{ trainingJobName }`, `{ processingJobName }`, `{ transformJobName }` or a tree node of such a job (or
 * of one of its hosts) as a job; undefined for anything else.
 */
export function parseJobRef(arg: unknown): JobRef | undefined {
  const parsed = parseTailTarget(arg);
  return parsed.ok ? jobRefOfTarget(parsed.value) : undefined;
}

/** The plain-object command argument of a job: `{ processingJobName: 'x' }`. */
export function jobArgument(job: JobRef): { trainingJobName: string } | { processingJobName: string } | { transformJobName: string } {
  switch (job.kind) {
    case 'training':
      return { trainingJobName: job.name };
    case 'processing':
      return { processingJobName: job.name };
    case 'transform':
      return { transformJobName: job.name };
  }
}

/** One key per job for maps (`processing:churn-features`): names are unique per kind, not across kinds. */
export function jobKey(job: JobRef): string {
  return `${job.kind}:${job.name}`;
}
