/** What a command offers to pick from when it is run without a target (from the command palette). */
import type { EndpointSummary, TrainingJobSummary } from './model';

export interface TargetChoice {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** The command's plain-object argument for this choice. */
  readonly target: { readonly trainingJobName: string } | { readonly endpointName: string };
  readonly group: 'Training jobs' | 'Endpoints';
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

/** Training jobs newest first with their status, then endpoints by name. */
export function targetChoices(jobs: readonly TrainingJobSummary[], endpoints: readonly EndpointSummary[], now: number): TargetChoice[] {
  const byNewest = [...jobs].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
  const byName = [...endpoints].sort((a, b) => a.name.localeCompare(b.name));
  return [
    ...byNewest.map((j): TargetChoice => {
      const detail = when(j.createdAt, now);
      return {
        label: `${ICON[j.status] ?? '$(circle-outline)'} ${j.name}`,
        description: j.secondaryStatus && j.secondaryStatus !== j.status ? `${j.status} · ${j.secondaryStatus}` : j.status,
        ...(detail ? { detail } : {}),
        target: { trainingJobName: j.name },
        group: 'Training jobs',
      };
    }),
    ...byName.map((e): TargetChoice => ({
      label: `${ICON[e.status] ?? '$(circle-outline)'} ${e.name}`,
      description: e.status,
      target: { endpointName: e.name },
      group: 'Endpoints',
    })),
  ];
}
