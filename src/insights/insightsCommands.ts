/**
 * The Logs Insights commands: Query Logs… (a target's logs in a new editor, or run at once with `query`),
 * Run Query (the editor's query with its header), Open Saved Query… and Save Query….
 */
import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import type { AwsClients } from '../aws/clients';
import { loadBackend } from '../aws/loadBackend';
import { UserFacingError, errorMessage } from '../platform/errors';
import type { QueryResult } from '../shared/insights/results';
import { formatHeader, parseQueryDocument, resolveRange, type RangeSpec } from './model/header';
import { LIBRARY, type LibraryQuery } from './model/library';
import { JOB_LOG_GROUPS, parseQueryLogsArgs, scopedDocument, scopedQuery } from './model/target';
import type { InsightsViews } from './insightsViews';
import { resolveScope } from './queryScope';

export const CWLQ_LANGUAGE_ID = 'cwlq';

export interface InsightsCommandServices {
  readonly views: InsightsViews;
  readonly catalog: ResourceCatalog;
  readonly clients: () => Promise<AwsClients>;
  /** The service's clock (a simulator may run shifted). */
  readonly now: () => number;
  readonly pick?: (title: string) => Promise<unknown>;
}

/** What `queryLogs` with a query resolves to. */
export type QueryLogsResult = Pick<QueryResult, 'status' | 'statistics' | 'fields' | 'rows'>;

async function openQueryEditor(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: CWLQ_LANGUAGE_ID, content });
  return vscode.window.showTextDocument(document, { preview: false });
}

/** `sagemakerMonitor.queryLogs`: without `query` opens an editor on the target's logs; with it, runs it. */
export async function queryLogs(s: InsightsCommandServices, arg: unknown): Promise<vscode.TextEditor | QueryLogsResult | undefined> {
  if (arg === undefined && s.pick) {
    arg = await s.pick('Query Logs');
    if (arg === undefined) {
      return undefined;
    }
  }
  const parsed = parseQueryLogsArgs(arg);
  if (!parsed.ok) {
    throw new UserFacingError(`Query Logs: ${parsed.error}`);
  }
  const { target, query, startTime, endTime } = parsed.value;
  const resolved = await resolveScope(target, s.catalog, s.now());
  const { scope } = resolved;
  if (scope.logGroups.length === 0) {
    throw new UserFacingError(`Query Logs: ${scope.label} has no job whose logs could be queried yet.`);
  }
  const start = startTime ?? resolved.start;
  const end = endTime ?? (startTime !== undefined ? Math.max(startTime + 60_000, s.now()) : resolved.end);
  if (query === undefined) {
    const range: RangeSpec = resolved.rangeKind === 'lastHour' && startTime === undefined && endTime === undefined ? { kind: 'last', ms: 3_600_000, text: '1h' } : { kind: 'absolute', start, end };
    return openQueryEditor(scopedDocument(scope, range));
  }
  const panel = s.views.show(`queryLogs:${scope.label}`, `Logs Insights: ${scope.label}`);
  const result = await panel.run({ logGroupNames: scope.logGroups, queryString: scopedQuery(scope, query), startTime: start, endTime: end }, `Logs Insights: ${scope.label}`);
  return { status: result.status, statistics: result.statistics, fields: result.fields, rows: result.rows };
}

async function documentOf(arg: unknown): Promise<vscode.TextDocument> {
  if (arg instanceof vscode.Uri) {
    return vscode.workspace.openTextDocument(arg);
  }
  const uri = typeof arg === 'object' && arg !== null ? (arg as { uri?: unknown }).uri : undefined;
  if (uri instanceof vscode.Uri || typeof uri === 'string') {
    return vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== CWLQ_LANGUAGE_ID) {
    throw new UserFacingError('Run Query works on a Logs Insights (.cwlq) editor: open one with Query Logs… or Open Saved Query….');
  }
  return editor.document;
}

/** `sagemakerMonitor.runQuery`: the editor's query over its header's log groups and range. */
export async function runEditorQuery(s: InsightsCommandServices, arg: unknown): Promise<QueryLogsResult> {
  const document = await documentOf(arg);
  const parsed = parseQueryDocument(document.getText());
  if (parsed.problems.length > 0) {
    const p = parsed.problems[0];
    throw new UserFacingError(`Line ${p.line + 1} of the header: ${p.message}.`);
  }
  if (parsed.logGroups.length === 0) {
    throw new UserFacingError('Name the log groups in the header first, e.g. "# logGroups: /aws/sagemaker/TrainingJobs".');
  }
  if (parsed.query === '') {
    throw new UserFacingError('The editor has no query below its header.');
  }
  const { start, end } = resolveRange(parsed.range, s.now());
  const name = document.isUntitled ? 'Untitled query' : vscode.workspace.asRelativePath(document.uri);
  const panel = s.views.show(`editor:${document.uri.toString()}`, `Logs Insights: ${name}`);
  const result = await panel.run({ logGroupNames: parsed.logGroups, queryString: parsed.query, startTime: start, endTime: end }, `Logs Insights: ${name}`);
  return { status: result.status, statistics: result.statistics, fields: result.fields, rows: result.rows };
}

interface QueryPick extends vscode.QuickPickItem {
  readonly library?: LibraryQuery;
  readonly saved?: { name: string; queryString: string; logGroupNames: readonly string[] };
}

/** The log groups a library query opens with: the active editor's, else the job groups or every endpoint's. */
async function groupsFor(s: InsightsCommandServices, scope: LibraryQuery['scope']): Promise<string[]> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === CWLQ_LANGUAGE_ID) {
    const groups = parseQueryDocument(active.getText()).logGroups;
    if (groups.length > 0) {
      return [...groups];
    }
  }
  if (scope === 'jobs') {
    return Object.values(JOB_LOG_GROUPS);
  }
  const [backend, clients] = await Promise.all([loadBackend(), s.clients()]);
  return backend.logGroupsWithPrefix(clients.logs, '/aws/sagemaker/Endpoints/');
}

/** `sagemakerMonitor.openSavedQuery`: the built-in library and the account's saved queries; `{ id }` or `{ name }` picks one. */
export async function openSavedQuery(s: InsightsCommandServices, arg: unknown): Promise<vscode.TextEditor | undefined> {
  const items: QueryPick[] = [{ label: 'SageMaker library', kind: vscode.QuickPickItemKind.Separator }];
  items.push(...LIBRARY.map((q) => ({ label: q.name, detail: q.description, description: q.scope === 'jobs' ? 'job logs' : 'endpoint logs', library: q })));
  items.push({ label: 'Saved in CloudWatch Logs', kind: vscode.QuickPickItemKind.Separator });
  try {
    const [backend, clients] = await Promise.all([loadBackend(), s.clients()]);
    const saved = await backend.describeQueryDefinitions(clients.logs);
    items.push(...saved.map((d) => ({ label: d.name, detail: d.queryString.replace(/\s+/g, ' ').slice(0, 200), description: d.logGroupNames.join(', '), saved: d })));
    if (saved.length === 0) {
      items.push({ label: 'No saved queries in this account and region', saved: undefined });
    }
  } catch (error) {
    items.push({ label: `Saved queries could not be read: ${errorMessage(error)}` });
  }
  const wanted = typeof arg === 'object' && arg !== null ? (arg as { id?: unknown; name?: unknown }) : {};
  const picked =
    wanted.id !== undefined || wanted.name !== undefined
      ? items.find((i) => (i.library && (i.library.id === wanted.id || i.library.name === wanted.name)) || (i.saved && i.saved.name === wanted.name))
      : await vscode.window.showQuickPick(items, { title: 'Open Saved Query', matchOnDetail: true, placeHolder: 'A SageMaker library query or one saved in CloudWatch Logs' });
  if (!picked || (!picked.library && !picked.saved)) {
    if (wanted.id !== undefined || wanted.name !== undefined) {
      throw new UserFacingError(`No saved query ${String(wanted.id ?? wanted.name)}.`);
    }
    return undefined;
  }
  const groups = picked.saved?.logGroupNames.length ? [...picked.saved.logGroupNames] : await groupsFor(s, picked.library?.scope ?? 'jobs');
  const text = picked.library?.query ?? picked.saved?.queryString ?? '';
  const range: RangeSpec = { kind: 'last', ms: 86_400_000, text: '1d' };
  return openQueryEditor(`# ${picked.label}\n${formatHeader(groups, range)}\n${text}\n`);
}

/** `sagemakerMonitor.saveQuery`: the editor's query as a CloudWatch Logs query definition; `{ name }` skips the prompt. */
export async function saveQuery(s: InsightsCommandServices, arg: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== CWLQ_LANGUAGE_ID) {
    throw new UserFacingError('Save Query works on a Logs Insights (.cwlq) editor.');
  }
  const parsed = parseQueryDocument(editor.document.getText());
  if (parsed.query === '') {
    throw new UserFacingError('The editor has no query to save.');
  }
  const given = typeof arg === 'object' && arg !== null ? (arg as { name?: unknown }).name : undefined;
  const name =
    typeof given === 'string' && given.trim() !== ''
      ? given.trim()
      : await vscode.window.showInputBox({ title: 'Save Query', prompt: 'A name for the saved query (folders with /, as in the console)', validateInput: (v) => (v.trim() === '' ? 'A name is needed' : v.length > 255 ? 'At most 255 characters' : undefined) });
  if (!name) {
    return undefined;
  }
  const [backend, clients] = await Promise.all([loadBackend(), s.clients()]);
  const existing = (await backend.describeQueryDefinitions(clients.logs)).find((d) => d.name === name.trim());
  const id = await backend.putQueryDefinition(clients.logs, { ...(existing ? { id: existing.id } : {}), name: name.trim(), queryString: parsed.query, logGroupNames: parsed.logGroups });
  void vscode.window.showInformationMessage(`${existing ? 'Updated' : 'Saved'} query "${name.trim()}" in CloudWatch Logs.`);
  return id;
}
