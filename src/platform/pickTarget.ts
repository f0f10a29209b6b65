/**
 * The target of a command run from the command palette with no argument: a quick pick of training,
 * processing and transform jobs (newest first, with status) and endpoints, one separator per kind, read from
 * the same catalogue as the explorer; a job with several hosts then offers them. Show Failure picks among
 * failed jobs only.
 */
import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import type { JobRef } from '../shared/jobRef';
import { CHOICE_GROUPS, failedJobChoices, hostChoices, targetChoices, type ChoiceGroup, type ChoiceSources, type ChoiceTarget, type TargetChoice } from '../shared/targetChoices';
import { UserFacingError, errorMessage } from './errors';

export type PickableTarget = ChoiceTarget;

/** Asks for a job (or one of its hosts) or an endpoint; undefined when the pick is dismissed. */
export type TargetPicker = (title: string) => Promise<PickableTarget | undefined>;

/** Asks for a failed job; undefined when the pick is dismissed. */
export type FailedJobPicker = (title: string) => Promise<JobRef | undefined>;

export type PickCatalog = Pick<
  ResourceCatalog,
  | 'listTrainingJobs'
  | 'listProcessingJobs'
  | 'listTransformJobs'
  | 'listEndpoints'
  | 'describeTrainingJob'
  | 'listTrainingHosts'
  | 'describeProcessingJob'
  | 'listProcessingHosts'
  | 'listTransformInstances'
>;

type Item = vscode.QuickPickItem & { choice?: TargetChoice };

const PAGE = 50;

/** One listing per group, all at once; the groups that could not be listed are named. */
async function listAll(catalog: PickCatalog, signal: AbortSignal, failedOnly: boolean): Promise<{ sources: ChoiceSources; failed: Map<ChoiceGroup, unknown> }> {
  const status = failedOnly ? { status: 'Failed' as const } : {};
  const reads: [ChoiceGroup, Promise<unknown>][] = [
    ['Training jobs', catalog.listTrainingJobs({ pageSize: PAGE, ...status }, signal).then((p) => p.jobs)],
    ['Processing jobs', catalog.listProcessingJobs({ pageSize: PAGE, ...status }, signal).then((p) => p.jobs)],
    ['Transform jobs', catalog.listTransformJobs({ pageSize: PAGE, ...status }, signal).then((p) => p.jobs)],
    ...(failedOnly ? [] : [['Endpoints', catalog.listEndpoints(signal)] as [ChoiceGroup, Promise<unknown>]]),
  ];
  const settled = await Promise.allSettled(reads.map(([, p]) => p));
  const got = new Map<ChoiceGroup, unknown>();
  const failed = new Map<ChoiceGroup, unknown>();
  settled.forEach((r, i) => (r.status === 'fulfilled' ? got.set(reads[i][0], r.value) : failed.set(reads[i][0], r.reason)));
  const sources = {
    training: got.get('Training jobs'),
    processing: got.get('Processing jobs'),
    transform: got.get('Transform jobs'),
    endpoints: got.get('Endpoints'),
  } as ChoiceSources;
  return { sources, failed };
}

/** The quick pick's items: a separator per group that has choices (or could not be listed), in CHOICE_GROUPS order. */
function grouped(choices: readonly TargetChoice[], failed: ReadonlyMap<ChoiceGroup, unknown>): Item[] {
  const out: Item[] = [];
  for (const group of CHOICE_GROUPS) {
    const inGroup = choices.filter((c) => c.group === group);
    if (inGroup.length > 0 || failed.has(group)) {
      out.push({ label: group, kind: vscode.QuickPickItemKind.Separator });
    }
    if (failed.has(group)) {
      out.push({ label: `$(warning) Could not list ${group.toLowerCase()}`, description: 'see the SageMaker Monitor output' });
    }
    out.push(...inGroup.map((c) => ({ label: c.label, ...(c.description ? { description: c.description } : {}), ...(c.detail ? { detail: c.detail } : {}), choice: c })));
  }
  return out;
}

async function pickChoice(title: string, placeHolder: string, items: Promise<Item[]>, abort: AbortController): Promise<TargetChoice | undefined> {
  try {
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true });
    return picked?.choice;
  } finally {
    abort.abort();
  }
}

/** The hosts of a job, when it has several: `algo-1 …`, or a transform job's instances (known once they logged). */
async function hostsOf(catalog: PickCatalog, job: JobRef): Promise<string[]> {
  switch (job.kind) {
    case 'training':
      return (await catalog.listTrainingHosts(job.name, (await catalog.describeTrainingJob(job.name)).instanceCount)).map((h) => h.host);
    case 'processing':
      return (await catalog.listProcessingHosts(job.name, (await catalog.describeProcessingJob(job.name)).instanceCount)).map((h) => h.host);
    case 'transform':
      return (await catalog.listTransformInstances(job.name)).map((i) => i.instanceId);
  }
}

/** After a job: the whole job or one host, asked only when it has several (undefined: dismissed). */
async function pickHost(catalog: PickCatalog, title: string, choice: TargetChoice): Promise<ChoiceTarget | undefined> {
  const job = choice.job;
  if (!job) {
    return choice.target;
  }
  // The hosts cannot be listed (a permission, a network fault): the whole job is still a target.
  const hosts = await hostsOf(catalog, job).catch(() => [] as string[]);
  if (hosts.length <= 1) {
    return choice.target;
  }
  const picked = await vscode.window.showQuickPick(hostChoices(job, hosts), { title: `${title}: ${job.name}`, placeHolder: 'The whole job, or one host' });
  return picked?.target;
}

export function targetPicker(catalog: PickCatalog, now: () => number = () => Date.now()): TargetPicker {
  return async (title) => {
    const abort = new AbortController();
    const items = (async (): Promise<Item[]> => {
      const { sources, failed } = await listAll(catalog, abort.signal, false);
      if (failed.size === CHOICE_GROUPS.length) {
        throw new UserFacingError(`${title}: could not list jobs or endpoints (${errorMessage(failed.values().next().value)}).`);
      }
      const out = grouped(targetChoices(sources, now()), failed);
      if (!out.some((i) => i.choice)) {
        throw new UserFacingError(`${title}: no jobs or endpoints in this account and region.`);
      }
      return out;
    })();
    const choice = await pickChoice(title, 'Pick a job or endpoint', items, abort);
    return choice ? pickHost(catalog, title, choice) : undefined;
  };
}

export function failedJobPicker(catalog: PickCatalog, now: () => number = () => Date.now()): FailedJobPicker {
  return async (title) => {
    const abort = new AbortController();
    const items = (async (): Promise<Item[]> => {
      const { sources, failed } = await listAll(catalog, abort.signal, true);
      if (failed.size === 3) {
        throw new UserFacingError(`${title}: could not list failed jobs (${errorMessage(failed.values().next().value)}).`);
      }
      const out = grouped(failedJobChoices(sources, now()), failed);
      if (!out.some((i) => i.choice)) {
        throw new UserFacingError(`${title}: no failed training, processing or transform jobs in this account and region.`);
      }
      return out;
    })();
    return (await pickChoice(title, 'Pick a failed job', items, abort))?.job;
  };
}
