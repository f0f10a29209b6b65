/** What a command offers to pick from when it is run without a target (from the command palette). */
import { jobArgument, type HostJobKind, type JobRef } from './jobRef';
import type { EndpointSummary, ProcessingJobSummary, TrainingJobSummary, TransformJobSummary } from './model';

/** The command's plain-object argument for a choice. */
export type ChoiceTarget =
  | { readonly trainingJobName: string; readonly host?: string }
  | { readonly processingJobName: string; readonly host?: string }
  | { readonly transformJobName: string; readonly host?: string }
  | { readonly endpointName: string };

export type ChoiceGroup = 'Training jobs' | 'Processing jobs' | 'Transform jobs' | 'Endpoints';

/** The groups in the order the pick shows them (a separator each). */
export const CHOICE_GROUPS: readonly ChoiceGroup[] = ['Training jobs', 'Processing jobs', 'Transform jobs', 'Endpoints'];

export const JOB_CHOICE_GROUP: Readonly<Record<HostJobKind, ChoiceGroup>> = {
  training: 'Training jobs',
  processing: 'Processing jobs',
  transform: 'Transform jobs',
};

export interface TargetChoice {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly target: ChoiceTarget;
  readonly group: ChoiceGroup;
  /** The job a job's choice stands for (its hosts can be picked next). */
  readonly job?: JobRef;
}

/** What the pick lists, each read with one call (a group that could not be read is left out). */
export interface ChoiceSources {
  readonly training?: readonly TrainingJobSummary[];
  readonly processing?: readonly ProcessingJobSummary[];
  readonly transform?: readonly TransformJobSummary[];
  readonly endpoints?: readonly EndpointSummary[];
}

const ICON: Record<string, string> = {
  InProgress: '$(sync~spin)',
  Completed: '$(pass)',
  Failed: '$(error)',
  Stopping: '$(debug-stop)',
  Stopped: '$(debug-stop)',
  InService: '$(pass)',
  Creating: '$(sync~spin)',
  Updating: '$(sync~spin)',
  SystemUpdating: '$(sync~spin)',
  RollingBack: '$(history)',
  Deleting: '$(trash)',
  OutOfService: '$(circle-slash)',
  UpdateRollbackFailed: '$(error)',
};

const icon = (status: string) => ICON[status] ?? '$(circle-outline)';

function when(ms: number | undefined, now: number): string | undefined {
  if (ms === undefined) {
    return undefined;
  }
  const minutes = Math.max(0, Math.round((now - ms) / 60_000));
  if (minutes < 60) {
    return `created ${minutes} min ago`;
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `created ${hours} h ago` : `created ${Math.round(hours / 24)} days ago`;
}

type AnyJobSummary = { readonly name: string; readonly status: string; readonly secondaryStatus?: string; readonly createdAt?: number; readonly failureReason?: string };

function jobChoice(kind: HostJobKind, j: AnyJobSummary, now: number): TargetChoice {
  const job = { kind, name: j.name };
  const detail = when(j.createdAt, now);
  return {
    label: `${icon(j.status)} ${j.name}`,
    description: j.secondaryStatus && j.secondaryStatus !== j.status ? `${j.status} · ${j.secondaryStatus}` : j.status,
    ...(detail ? { detail } : {}),
    target: jobArgument(job),
    group: JOB_CHOICE_GROUP[kind],
    job,
  };
}

const newestFirst = <T extends { readonly createdAt?: number }>(list: readonly T[] | undefined) => [...(list ?? [])].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));

/** Training, processing and transform jobs newest first with their status, then endpoints by name. */
export function targetChoices(sources: ChoiceSources, now: number): TargetChoice[] {
  return [
    ...newestFirst(sources.training).map((j) => jobChoice('training', j, now)),
    ...newestFirst(sources.processing).map((j) => jobChoice('processing', j, now)),
    ...newestFirst(sources.transform).map((j) => jobChoice('transform', j, now)),
    ...[...(sources.endpoints ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e): TargetChoice => ({ label: `${icon(e.status)} ${e.name}`, description: e.status, target: { endpointName: e.name }, group: 'Endpoints' })),
  ];
}

/** The first line of a FailureReason, cut to fit a pick's description. */
function shortReason(reason: string | undefined): string | undefined {
  const first = reason?.split(/\r?\n/)[0].trim();
  return first ? (first.length > 90 ? `${first.slice(0, 89)}…` : first) : undefined;
}

/** Failed jobs of the three kinds, newest first in each, their FailureReason (when listed) as description. */
export function failedJobChoices(sources: Omit<ChoiceSources, 'endpoints'>, now: number): TargetChoice[] {
  const failed = (kind: HostJobKind, list: readonly AnyJobSummary[] | undefined) =>
    newestFirst(list)
      .filter((j) => j.status === 'Failed')
      .map((j) => {
        const choice = jobChoice(kind, j, now);
        const reason = shortReason(j.failureReason);
        return reason ? { ...choice, description: reason } : choice;
      });
  return [...failed('training', sources.training), ...failed('processing', sources.processing), ...failed('transform', sources.transform)];
}

/** After a job with several hosts: the whole job first, then each host (`algo-2`, a transform instance's id). */
export function hostChoices(job: JobRef, hosts: readonly string[]): { readonly label: string; readonly description?: string; readonly target: ChoiceTarget }[] {
  const noun = job.kind === 'transform' ? 'instances' : 'hosts';
  return [
    { label: `$(layers) All ${hosts.length} ${noun}`, description: job.name, target: jobArgument(job) },
    ...hosts.map((host) => ({ label: `$(vm) ${host}`, description: job.name, target: { ...jobArgument(job), host } })),
  ];
}
