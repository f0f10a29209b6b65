/**
 * The target of a command run from the command palette with no argument: a quick pick of training jobs
 * (newest first, with status) and endpoints, read from the same catalogue as the explorer.
 */
import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import { targetChoices, type TargetChoice } from '../shared/targetChoices';
import { UserFacingError, errorMessage } from './errors';

export type PickableTarget = TargetChoice['target'];

/** Asks for a training job or endpoint; undefined when the pick is dismissed. */
export type TargetPicker = (title: string) => Promise<PickableTarget | undefined>;

type Item = vscode.QuickPickItem & { target?: PickableTarget };

export function targetPicker(catalog: Pick<ResourceCatalog, 'listTrainingJobs' | 'listEndpoints'>, now: () => number = () => Date.now()): TargetPicker {
  return async (title) => {
    const abort = new AbortController();
    const items = (async (): Promise<Item[]> => {
      const [jobs, endpoints] = await Promise.allSettled([catalog.listTrainingJobs({ pageSize: 50 }, abort.signal), catalog.listEndpoints(abort.signal)]);
      if (jobs.status === 'rejected' && endpoints.status === 'rejected') {
        throw new UserFacingError(`${title}: could not list training jobs or endpoints (${errorMessage(jobs.reason)}).`);
      }
      const choices = targetChoices(jobs.status === 'fulfilled' ? jobs.value.jobs : [], endpoints.status === 'fulfilled' ? endpoints.value : [], now());
      const out: Item[] = [];
      for (const group of ['Training jobs', 'Endpoints'] as const) {
        const inGroup = choices.filter((c) => c.group === group);
        const failed = (group === 'Training jobs' ? jobs : endpoints).status === 'rejected';
        if (inGroup.length > 0 || failed) {
          out.push({ label: group, kind: vscode.QuickPickItemKind.Separator });
        }
        if (failed) {
          out.push({ label: `$(warning) Could not list ${group.toLowerCase()}`, description: 'see the SageMaker Monitor output' });
        }
        out.push(...inGroup.map((c) => ({ label: c.label, ...(c.description ? { description: c.description } : {}), ...(c.detail ? { detail: c.detail } : {}), target: c.target })));
      }
      if (!out.some((i) => i.target)) {
        throw new UserFacingError(`${title}: no training jobs or endpoints in this account and region.`);
      }
      return out;
    })();
    try {
      const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a training job or endpoint', matchOnDescription: true });
      return picked?.target;
    } finally {
      abort.abort();
    }
  };
}
