/**
 * `sagemakerMonitor.compareJobs`: the jobs of a comparison (the named training jobs, or a tuning job's best
 * children by its objective), described once, and the command that opens their panel.
 */
import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import { UserFacingError } from '../platform/errors';
import { parseCompareTarget, type CompareTarget } from '../shared/compareTargets';
import type { CompareJob } from '../shared/metrics/compare';
import type { TrainingJobDetail } from '../shared/model';
import { rankTuningChildren } from '../shared/tuningPipelines';
import type { ComparePanel } from './comparePanel';
import type { ComparePanels } from './comparePanels';

export interface ComparedJobs {
  readonly jobs: CompareJob[];
  readonly title: string;
  readonly objective?: { readonly type: string; readonly metricName: string };
}

export function compareJobOf(detail: TrainingJobDetail, objectiveValue?: number): CompareJob {
  return {
    name: detail.name,
    status: detail.status,
    ...(detail.startedAt !== undefined ? { startedAt: detail.startedAt } : {}),
    ...(detail.createdAt !== undefined ? { createdAt: detail.createdAt } : {}),
    ...(detail.endedAt !== undefined ? { endedAt: detail.endedAt } : {}),
    ...(detail.instanceType ? { instanceType: detail.instanceType } : {}),
    instanceCount: detail.instanceCount,
    metricNames: detail.metricDefinitions.map((d) => d.name),
    hyperParameters: detail.hyperParameters,
    ...(objectiveValue !== undefined ? { objectiveValue } : {}),
  };
}

/** Describes the compared jobs (a tuning job: its children ranked by the objective, the best `top`). */
export async function loadComparedJobs(target: CompareTarget, catalog: ResourceCatalog, signal?: AbortSignal): Promise<ComparedJobs> {
  if (target.kind === 'trainingJobs') {
    const details = await Promise.all(target.trainingJobNames.map((name) => catalog.describeTrainingJob(name, signal)));
    return { jobs: details.map((d) => compareJobOf(d)), title: `Compare: ${details.length} training jobs` };
  }
  const [tuning, children] = await Promise.all([catalog.describeTuningJob(target.tuningJobName, signal), catalog.listTuningChildren(target.tuningJobName, signal)]);
  const best = rankTuningChildren(children, tuning.objective?.type).slice(0, target.top);
  if (best.length < 2) {
    throw new UserFacingError(`Compare: ${target.tuningJobName} has launched ${best.length === 0 ? 'no training job' : 'one training job'} yet; there is nothing to compare.`);
  }
  const details = await Promise.all(best.map((c) => catalog.describeTrainingJob(c.name, signal)));
  return {
    jobs: details.map((d, i) => compareJobOf(d, best[i].objectiveValue)),
    title: `Compare: ${target.tuningJobName} (best ${details.length}${tuning.objective ? ` by ${tuning.objective.metricName}` : ''})`,
    ...(tuning.objective ? { objective: tuning.objective } : {}),
  };
}

/** The command: `(node, selectedNodes)` from the tree, or a plain object. */
export function compareJobs(panels: ComparePanels, arg: unknown, selected?: unknown): ComparePanel {
  const parsed = parseCompareTarget(arg, selected);
  if (!parsed.ok) {
    throw new UserFacingError(`Compare: ${parsed.error}`);
  }
  return panels.show(parsed.value);
}

/** From the command palette: the newest training jobs to tick (two or more). */
export async function pickJobsToCompare(catalog: ResourceCatalog): Promise<{ trainingJobNames: string[] } | undefined> {
  const { jobs } = await catalog.listTrainingJobs({ pageSize: 100 });
  const picked = await vscode.window.showQuickPick(
    jobs.map((j) => ({ label: j.name, description: j.status })),
    { canPickMany: true, title: 'Compare Training Jobs', placeHolder: 'Tick two or more training jobs' },
  );
  return picked && picked.length > 0 ? { trainingJobNames: picked.map((p) => p.label) } : undefined;
}
