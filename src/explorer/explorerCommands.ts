import * as vscode from 'vscode';
import { UserFacingError } from '../platform/errors';
import { consoleUrl } from '../shared/console';
import type { ExplorerProvider } from './explorerProvider';
import { ExplorerNode } from './baseNodes';
import { TRAINING_JOB_STATUSES, type TrainingJobFilter } from './model/trainingJobPaging';

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

/** Asks for a name fragment and a status; an argument `{ nameContains?, status? }` skips the questions. */
export async function filterTrainingJobs(explorer: ExplorerProvider, arg?: unknown): Promise<TrainingJobFilter | undefined> {
  if (typeof arg === 'object' && arg !== null && !(arg instanceof ExplorerNode)) {
    const { nameContains, status } = arg as { nameContains?: unknown; status?: unknown };
    if ((nameContains !== undefined && typeof nameContains !== 'string') || (status !== undefined && !TRAINING_JOB_STATUSES.includes(status as never))) {
      throw new UserFacingError(`Filter Training Jobs takes { nameContains?: string, status?: ${TRAINING_JOB_STATUSES.join(' | ')} }.`);
    }
    const filter: TrainingJobFilter = { ...(nameContains ? { nameContains } : {}), ...(status ? { status: status as TrainingJobFilter['status'] } : {}) };
    explorer.setTrainingJobFilter(filter);
    return filter;
  }
  const current = explorer.trainingJobFilter;
  const nameContains = await vscode.window.showInputBox({
    title: 'Filter Training Jobs (1/2)',
    prompt: 'Part of the job name (empty for any)',
    value: current.nameContains ?? '',
    validateInput: (v) => (/^[a-zA-Z0-9-]*$/.test(v) ? undefined : 'Training job names contain only letters, digits and hyphens'),
  });
  if (nameContains === undefined) {
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    [{ label: 'Any status', status: undefined }, ...TRAINING_JOB_STATUSES.map((s) => ({ label: s, status: s }))].map((i) => ({ ...i, picked: i.status === current.status })),
    { title: 'Filter Training Jobs (2/2)', placeHolder: 'Status' },
  );
  if (!picked) {
    return undefined;
  }
  const filter: TrainingJobFilter = { ...(nameContains ? { nameContains } : {}), ...(picked.status ? { status: picked.status } : {}) };
  explorer.setTrainingJobFilter(filter);
  return filter;
}
