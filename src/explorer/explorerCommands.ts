import * as vscode from 'vscode';
import { UserFacingError } from '../platform/errors';
import { consoleUrl } from '../shared/console';
import type { ExplorerProvider } from './explorerProvider';
import { ExplorerNode } from './baseNodes';
import { JobsRootNode } from './jobNodes';
import { JOB_KIND_NOUN, JOB_KINDS, JOB_STATUSES, NAME_ONLY_KINDS, parseJobFilterArgument, type JobFilter, type JobKind, type TrainingJobFilter } from './model/jobPaging';

function nodeOf(arg: unknown, what: string): ExplorerNode {
  if (arg instanceof ExplorerNode) {
    return arg;
  }
  throw new UserFacingError(`${what} works on an item of the SageMaker explorer.`);
}

export async function copyName(arg: unknown): Promise<string> {
  const name = nodeOf(arg, 'Copy Name').resourceName;
  if (!name) {
    throw new UserFacingError('This item has no name to copy.');
  }
  await vscode.env.clipboard.writeText(name);
  return name;
}

export async function copyArn(arg: unknown): Promise<string> {
  const arn = nodeOf(arg, 'Copy ARN').arn;
  if (!arn) {
    throw new UserFacingError('This item has no ARN.');
  }
  await vscode.env.clipboard.writeText(arn);
  return arn;
}

export async function openInConsole(arg: unknown, region: () => Promise<string>): Promise<string> {
  const resource = nodeOf(arg, 'Open in AWS Console').consoleResource;
  if (!resource) {
    throw new UserFacingError('This item has no page in the AWS console.');
  }
  const url = consoleUrl(await region(), resource);
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}

/** The job kind a command's argument names: a group root, `{ kind }`, or the command's own kind. */
function kindOf(arg: unknown, what: string): JobKind | undefined {
  if (arg instanceof JobsRootNode) {
    return arg.kind;
  }
  if (typeof arg === 'object' && arg !== null && 'kind' in arg) {
    const kind = (arg as { kind: unknown }).kind;
    if (!JOB_KINDS.includes(kind as JobKind)) {
      throw new UserFacingError(`${what} takes { kind: ${JOB_KINDS.join(' | ')} }.`);
    }
    return kind as JobKind;
  }
  return undefined;
}

export function loadMoreJobs(explorer: ExplorerProvider, arg?: unknown): Promise<void> {
  const kind = kindOf(arg, 'Load More Jobs');
  const pipelineName = typeof arg === 'object' && arg !== null && 'pipelineName' in arg ? (arg as { pipelineName: unknown }).pipelineName : undefined;
  if (kind === 'pipeline' && typeof pipelineName === 'string') {
    return explorer.loadMoreExecutions(pipelineName);
  }
  if (!kind) {
    throw new UserFacingError('Load More Jobs takes { kind }: the group to page.');
  }
  return explorer.loadMoreJobs(kind);
}

export async function clearJobsFilter(explorer: ExplorerProvider, arg?: unknown): Promise<void> {
  const kind = kindOf(arg, 'Clear Job Filter') ?? (await pickKind('Clear Job Filter'));
  if (kind) {
    explorer.setJobFilter(kind, {});
  }
}

async function pickKind(title: string): Promise<JobKind | undefined> {
  const picked = await vscode.window.showQuickPick(
    JOB_KINDS.map((jobKind) => ({ label: JOB_KIND_NOUN[jobKind].replace(/^./, (c) => c.toUpperCase()), jobKind })),
    { title, placeHolder: 'Which jobs' },
  );
  return picked?.jobKind;
}

/**
 * `filterJobs`: a plain `{ kind, nameContains?, status? }` sets the filter at once; a group root (or the
 * kind of `filterTrainingJobs`) asks for a name fragment and a status; no argument asks for the kind first.
 */
export async function filterJobs(explorer: ExplorerProvider, arg?: unknown, fixedKind?: JobKind): Promise<JobFilter | undefined> {
  const command = fixedKind === 'training' ? 'Filter Training Jobs' : 'Filter Jobs';
  if (typeof arg === 'object' && arg !== null && !(arg instanceof ExplorerNode)) {
    const parsed = parseJobFilterArgument(arg as Record<string, unknown>, fixedKind);
    if ('error' in parsed) {
      throw new UserFacingError(`${command}: ${parsed.error}. It takes { ${fixedKind ? '' : 'kind, '}nameContains?: string, status?: ${JOB_STATUSES.join(' | ')} }.`);
    }
    explorer.setJobFilter(parsed.kind, parsed.filter);
    return parsed.filter;
  }
  const kind = fixedKind ?? kindOf(arg, command) ?? (await pickKind(command));
  if (!kind) {
    return undefined;
  }
  const title = `Filter ${JOB_KIND_NOUN[kind].replace(/\b./g, (c) => c.toUpperCase())}`;
  const current = explorer.jobFilter(kind);
  const nameOnly = NAME_ONLY_KINDS.includes(kind);
  const nameContains = await vscode.window.showInputBox({
    title: nameOnly ? title : `${title} (1/2)`,
    prompt: nameOnly ? 'The start of the pipeline name (empty for any)' : 'Part of the job name (empty for any)',
    value: current.nameContains ?? '',
    validateInput: (v) => (/^[a-zA-Z0-9-]*$/.test(v) ? undefined : 'Job names contain only letters, digits and hyphens'),
  });
  if (nameContains === undefined) {
    return undefined;
  }
  if (nameOnly) {
    const filter: JobFilter = nameContains ? { nameContains } : {};
    explorer.setJobFilter(kind, filter);
    return filter;
  }
  const picked = await vscode.window.showQuickPick(
    [{ label: 'Any status', status: undefined }, ...JOB_STATUSES.map((s) => ({ label: s, status: s }))].map((i) => ({ ...i, picked: i.status === current.status })),
    { title: `${title} (2/2)`, placeHolder: 'Status' },
  );
  if (!picked) {
    return undefined;
  }
  const filter: JobFilter = { ...(nameContains ? { nameContains } : {}), ...(picked.status ? { status: picked.status } : {}) };
  explorer.setJobFilter(kind, filter);
  return filter;
}

/** Asks for a name fragment and a status; an argument `{ nameContains?, status? }` skips the questions. */
export function filterTrainingJobs(explorer: ExplorerProvider, arg?: unknown): Promise<TrainingJobFilter | undefined> {
  return filterJobs(explorer, arg, 'training');
}
