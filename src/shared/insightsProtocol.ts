/**
 * Messages between the Logs Insights results view and the extension host. Both sides check what arrives
 * with the guards below.
 */
import { isBaseHostToWebview, isBoundedString, isRecord, type BaseHostToWebview, type BaseWebviewToHost } from './webviewProtocol';
import type { QueryResult, QueryStatistics, QueryStatus } from './insights/results';

/** A run began: what it asks and where. */
export interface RunMessage {
  readonly type: 'run';
  readonly runId: number;
  readonly title: string;
  readonly queryString: string;
  readonly logGroupNames: readonly string[];
  readonly startTime: number;
  readonly endTime: number;
}

/** Results so far (`final` once the query ended). */
export interface ResultsMessage extends QueryResult {
  readonly type: 'results';
  readonly runId: number;
  readonly final: boolean;
  readonly elapsedMs: number;
}

export interface RunErrorMessage {
  readonly type: 'runError';
  readonly runId: number;
  readonly message: string;
}

/** Waiting for a free query slot (the account's concurrent query quota). */
export interface WaitingMessage {
  readonly type: 'waiting';
  readonly runId: number;
}

/** The event a row points at (GetLogRecord). */
export interface RecordMessage {
  readonly type: 'record';
  readonly ptr: string;
  readonly record: Readonly<Record<string, string>>;
}

/**
 * What a results view keeps across a window reload (the page's webview state, handed to the serializer):
 * the query and where it ran, and the query id to read its results again with GetQueryResults (the
 * service keeps them for days). No rows: 10,000 of them would be megabytes of state written on each update.
 */
export interface PersistedInsights {
  readonly version: 1;
  /** The view's key (`editor:<uri>`, `queryLogs:<target>`): Run Query from the same editor finds it again. */
  readonly key: string;
  readonly title: string;
  readonly request: { readonly logGroupNames: readonly string[]; readonly queryString: string; readonly startTime: number; readonly endTime: number };
  /** Undefined when the query had not started. */
  readonly queryId?: string;
}

/** Keep this state for the page (it saves it with setState). */
export interface PersistMessage {
  readonly type: 'persist';
  readonly state: PersistedInsights;
}

export type InsightsHostToWebview = RunMessage | ResultsMessage | RunErrorMessage | WaitingMessage | RecordMessage | PersistMessage | BaseHostToWebview;

export type CopyFormatName = 'csv' | 'json' | 'markdown';

export type InsightsWebviewToHost =
  | { readonly type: 'copy'; readonly format: CopyFormatName; readonly sortField?: string; readonly descending?: boolean }
  | { readonly type: 'openRecord'; readonly ptr: string }
  | { readonly type: 'tailFrom'; readonly logGroupName: string; readonly logStreamName: string; readonly time: number }
  | { readonly type: 'logsAround'; readonly logGroupName: string; readonly logStreamName: string; readonly time: number }
  | { readonly type: 'openSource'; readonly path: string; readonly line: number; readonly logStreamName?: string }
  | { readonly type: 'stop' }
  | { readonly type: 'rerun' }
  /** What the page shows, for tests and diagnostics. */
  | { readonly type: 'shown'; readonly rows: number; readonly renderedRows: number; readonly chart: boolean; readonly status: string; readonly sortField?: string };

const FORMATS: ReadonlySet<unknown> = new Set(['csv', 'json', 'markdown']);

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function hasOnly(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

export function isInsightsWebviewToHost(value: unknown): value is InsightsWebviewToHost {
  if (!isRecord(value)) {
    return false;
  }
  switch (value.type) {
    case 'copy':
      return FORMATS.has(value.format) && (value.sortField === undefined || isBoundedString(value.sortField, 1000)) && (value.descending === undefined || typeof value.descending === 'boolean') && hasOnly(value, ['type', 'format', 'sortField', 'descending']);
    case 'openRecord':
      return isBoundedString(value.ptr, 2000) && value.ptr.length > 0 && hasOnly(value, ['type', 'ptr']);
    case 'tailFrom':
    case 'logsAround':
      return isBoundedString(value.logGroupName, 512) && isBoundedString(value.logStreamName, 512) && isTime(value.time) && hasOnly(value, ['type', 'logGroupName', 'logStreamName', 'time']);
    case 'openSource':
      return isBoundedString(value.path, 4096) && isCount(value.line) && value.line > 0 && (value.logStreamName === undefined || isBoundedString(value.logStreamName, 512)) && hasOnly(value, ['type', 'path', 'line', 'logStreamName']);
    case 'stop':
    case 'rerun':
      return Object.keys(value).length === 1;
    case 'shown':
      return isCount(value.rows) && isCount(value.renderedRows) && typeof value.chart === 'boolean' && isBoundedString(value.status, 1000) && (value.sortField === undefined || isBoundedString(value.sortField, 1000));
    default:
      return false;
  }
}

const STATUSES: ReadonlySet<unknown> = new Set<QueryStatus>(['Scheduled', 'Running', 'Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown']);

function isStatistics(v: unknown): v is QueryStatistics {
  return isRecord(v) && typeof v.recordsMatched === 'number' && typeof v.recordsScanned === 'number' && typeof v.bytesScanned === 'number';
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isRow(v: unknown): v is Record<string, string> {
  return isRecord(v) && Object.values(v).every((s) => typeof s === 'string');
}

/** Logs Insights' own bounds: 50 log groups a query, 10,000 characters of query. */
const MAX_GROUPS = 50;
const MAX_QUERY = 10_000;

/** A restored state is untrusted input (a saved workspace file): checked field by field, nothing else kept. */
export function isPersistedInsights(v: unknown): v is PersistedInsights {
  if (!isRecord(v) || v.version !== 1 || !hasOnly(v, ['version', 'key', 'title', 'request', 'queryId'])) {
    return false;
  }
  const r = v.request;
  return (
    isBoundedString(v.key, 4096) &&
    /^(editor|queryLogs):./.test(v.key) &&
    isBoundedString(v.title, 1000) &&
    (v.queryId === undefined || (isBoundedString(v.queryId, 256) && /^[A-Za-z0-9-]+$/.test(v.queryId))) &&
    isRecord(r) &&
    hasOnly(r, ['logGroupNames', 'queryString', 'startTime', 'endTime']) &&
    Array.isArray(r.logGroupNames) &&
    r.logGroupNames.length > 0 &&
    r.logGroupNames.length <= MAX_GROUPS &&
    r.logGroupNames.every((g) => isBoundedString(g, 512) && g.length > 0) &&
    isBoundedString(r.queryString, MAX_QUERY) &&
    r.queryString.trim() !== '' &&
    isTime(r.startTime) &&
    isTime(r.endTime) &&
    r.startTime <= r.endTime
  );
}

export function isInsightsHostToWebview(value: unknown): value is InsightsHostToWebview {
  if (isBaseHostToWebview(value)) {
    return true;
  }
  if (!isRecord(value)) {
    return false;
  }
  switch (value.type) {
    case 'run':
      return isCount(value.runId) && typeof value.title === 'string' && typeof value.queryString === 'string' && isStringList(value.logGroupNames) && isTime(value.startTime) && isTime(value.endTime);
    case 'results':
      return (
        isCount(value.runId) && STATUSES.has(value.status) && isStatistics(value.statistics) && isStringList(value.fields) && Array.isArray(value.rows) && value.rows.every(isRow) && typeof value.final === 'boolean' && isTime(value.elapsedMs)
      );
    case 'runError':
      return isCount(value.runId) && typeof value.message === 'string';
    case 'waiting':
      return isCount(value.runId);
    case 'record':
      return typeof value.ptr === 'string' && isRow(value.record);
    case 'persist':
      return isPersistedInsights(value.state);
    default:
      return false;
  }
}

export type { BaseWebviewToHost };
