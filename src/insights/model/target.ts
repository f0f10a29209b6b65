/**
 * What `Query Logs…` is asked about (a job, a tuning job's children, an endpoint or variant, a pipeline
 * execution's step jobs) and what that means for a query: which log groups, which `@logStream` filter.
 */
import { PROCESSING_JOBS_LOG_GROUP, TRAINING_JOBS_LOG_GROUP, TRANSFORM_JOBS_LOG_GROUP, endpointLogGroup, inferenceComponentLogGroup } from '../../shared/names';
import { parseTailTarget, type Parsed } from '../../shared/targets';
import { formatHeader, type RangeSpec } from './header';

export type QueryTarget =
  | { readonly kind: 'trainingJob'; readonly trainingJobName: string; readonly host?: string }
  | { readonly kind: 'processingJob'; readonly processingJobName: string; readonly host?: string }
  | { readonly kind: 'transformJob'; readonly transformJobName: string; readonly host?: string }
  | { readonly kind: 'tuningJob'; readonly tuningJobName: string }
  | { readonly kind: 'endpoint'; readonly endpointName: string; readonly variantName?: string; readonly instanceId?: string }
  | { readonly kind: 'inferenceComponent'; readonly endpointName: string; readonly inferenceComponentName: string }
  | { readonly kind: 'pipelineExecution'; readonly pipelineExecutionArn: string };

export interface QueryLogsArgs {
  readonly target: QueryTarget;
  readonly query?: string;
  /** epoch ms */
  readonly startTime?: number;
  readonly endTime?: number;
}

export const QUERY_LOGS_HINT =
  '{ trainingJobName | processingJobName | transformJobName | tuningJobName | endpointName, variantName? | endpointName, inferenceComponentName | pipelineExecutionArn, query?, startTime?, endTime? }';

export const JOB_LOG_GROUPS = {
  training: TRAINING_JOBS_LOG_GROUP,
  processing: PROCESSING_JOBS_LOG_GROUP,
  transform: TRANSFORM_JOBS_LOG_GROUP,
} as const;

export type LogJobKind = keyof typeof JOB_LOG_GROUPS;

const PIPELINE_EXECUTION_ARN = /^arn:aws[\w-]*:sagemaker:[\w-]+:\d{12}:pipeline\/[^/]+\/execution\/[^/]+$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalTime(arg: Record<string, unknown>, key: string): number | undefined | string {
  const v = arg[key];
  if (v === undefined) {
    return undefined;
  }
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) && ms >= 0 ? ms : `"${key}" must be epoch milliseconds or an ISO time`;
}

/** The resource part of a command argument or tree node. */
function parseResource(arg: unknown): Parsed<QueryTarget> {
  if (isObject(arg)) {
    const tuning = arg.tuningJobName;
    if (tuning !== undefined) {
      return typeof tuning === 'string' && /^[A-Za-z0-9](-*[A-Za-z0-9]){0,31}$/.test(tuning)
        ? { ok: true, value: { kind: 'tuningJob', tuningJobName: tuning } }
        : { ok: false, error: `"tuningJobName" must be a tuning job's name. Expected ${QUERY_LOGS_HINT}.` };
    }
    const arn = arg.pipelineExecutionArn ?? (typeof arg.arn === 'string' && arg.arn.includes(':pipeline/') ? arg.arn : undefined);
    if (arn !== undefined) {
      return typeof arn === 'string' && PIPELINE_EXECUTION_ARN.test(arn)
        ? { ok: true, value: { kind: 'pipelineExecution', pipelineExecutionArn: arn } }
        : { ok: false, error: `"pipelineExecutionArn" must be a pipeline execution's ARN. Expected ${QUERY_LOGS_HINT}.` };
    }
  }
  // Plain objects: only the resource's own keys (the time range and query are read separately).
  const resource = isObject(arg) && !('tailTarget' in arg) ? Object.fromEntries(Object.entries(arg).filter(([k]) => !['query', 'startTime', 'endTime'].includes(k))) : arg;
  const tail = parseTailTarget(resource);
  if (!tail.ok) {
    return { ok: false, error: tail.error.replace(/Expected .*$/, `Expected ${QUERY_LOGS_HINT}.`) };
  }
  const t = tail.value;
  switch (t.kind) {
    case 'trainingJob':
      return { ok: true, value: { kind: 'trainingJob', trainingJobName: t.trainingJobName, ...(t.host ? { host: t.host } : {}) } };
    case 'processingJob':
      return { ok: true, value: { kind: 'processingJob', processingJobName: t.processingJobName, ...(t.host ? { host: t.host } : {}) } };
    case 'transformJob':
      return { ok: true, value: { kind: 'transformJob', transformJobName: t.transformJobName, ...(t.host ? { host: t.host } : {}) } };
    case 'endpoint':
      return {
        ok: true,
        value: { kind: 'endpoint', endpointName: t.endpointName, ...(t.variantName ? { variantName: t.variantName } : {}), ...(t.instanceId ? { instanceId: t.instanceId } : {}) },
      };
    case 'inferenceComponent':
      return { ok: true, value: { kind: 'inferenceComponent', endpointName: t.endpointName, inferenceComponentName: t.inferenceComponentName } };
    case 'stream':
      return { ok: false, error: `Query Logs takes a job, tuning job, endpoint or pipeline execution, not a single stream. Expected ${QUERY_LOGS_HINT}.` };
  }
}

/** `sagemakerMonitor.queryLogs`'s argument: a plain object or a tree node. */
export function parseQueryLogsArgs(arg: unknown): Parsed<QueryLogsArgs> {
  const target = parseResource(arg);
  if (!target.ok) {
    return target;
  }
  const fields = isObject(arg) ? arg : {};
  const query = fields.query;
  if (query !== undefined && (typeof query !== 'string' || query.trim() === '' || query.length > 10_000)) {
    return { ok: false, error: '"query" must be a non-empty query of at most 10,000 characters' };
  }
  const startTime = optionalTime(fields, 'startTime');
  const endTime = optionalTime(fields, 'endTime');
  if (typeof startTime === 'string' || typeof endTime === 'string') {
    return { ok: false, error: typeof startTime === 'string' ? startTime : String(endTime) };
  }
  if (startTime !== undefined && endTime !== undefined && endTime <= startTime) {
    return { ok: false, error: '"endTime" must be after "startTime"' };
  }
  return {
    ok: true,
    value: { target: target.value, ...(typeof query === 'string' ? { query } : {}), ...(startTime !== undefined ? { startTime } : {}), ...(endTime !== undefined ? { endTime } : {}) },
  };
}

export function queryTargetLabel(t: QueryTarget): string {
  switch (t.kind) {
    case 'trainingJob':
      return t.host ? `${t.trainingJobName}/${t.host}` : t.trainingJobName;
    case 'processingJob':
      return t.host ? `${t.processingJobName}/${t.host}` : t.processingJobName;
    case 'transformJob':
      return t.host ? `${t.transformJobName}/${t.host}` : t.transformJobName;
    case 'tuningJob':
      return t.tuningJobName;
    case 'endpoint':
      return [t.endpointName, t.variantName, t.instanceId].filter(Boolean).join('/');
    case 'inferenceComponent':
      return `${t.inferenceComponentName} (${t.endpointName})`;
    case 'pipelineExecution':
      return t.pipelineExecutionArn.replace(/^.*:pipeline\//, '').replace('/execution/', ' ');
  }
}

/** Escapes text for a Logs Insights regex literal `/…/`. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Where a query looks: log groups and the streams of those groups that belong to the target. */
export interface QueryScope {
  readonly label: string;
  readonly logGroups: readonly string[];
  /** Stream name prefixes; none: every stream of the groups. */
  readonly streamPrefixes: readonly string[];
}

/** The jobs a target's logs come from, as Describe/List calls found them. */
export interface ScopeJob {
  readonly kind: LogJobKind;
  readonly name: string;
}

/** The scope of jobs (one job, a tuning job's children, an execution's step jobs). */
export function jobsScope(label: string, jobs: readonly ScopeJob[], host?: string): QueryScope {
  const groups = [...new Set(jobs.map((j) => JOB_LOG_GROUPS[j.kind]))];
  return { label, logGroups: groups, streamPrefixes: jobs.map((j) => `${j.name}/${host ? `${host}-` : ''}`) };
}

/** An inference component's own log group, every copy's stream. */
export function inferenceComponentScope(t: Extract<QueryTarget, { kind: 'inferenceComponent' }>): QueryScope {
  return { label: queryTargetLabel(t), logGroups: [inferenceComponentLogGroup(t.inferenceComponentName)], streamPrefixes: [] };
}

export function endpointScope(t: Extract<QueryTarget, { kind: 'endpoint' }>): QueryScope {
  const prefix = t.variantName ? `${t.variantName}/${t.instanceId ?? ''}` : undefined;
  return { label: queryTargetLabel(t), logGroups: [endpointLogGroup(t.endpointName)], streamPrefixes: prefix ? [prefix] : [] };
}

/** `filter @logStream like /^(a\/|b\/)/`, or nothing when the scope is whole groups. */
export function streamFilter(scope: QueryScope): string | undefined {
  if (scope.streamPrefixes.length === 0) {
    return undefined;
  }
  const alternatives = [...new Set(scope.streamPrefixes)].map(escapeRegex);
  return `filter @logStream like /^${alternatives.length === 1 ? alternatives[0] : `(${alternatives.join('|')})`}/`;
}

export const DEFAULT_QUERY_BODY = ['fields @timestamp, @logStream, @message', 'sort @timestamp desc', 'limit 1000'];

/** The query a scope's editor opens with (or `body` narrowed to the scope's streams). */
export function scopedQuery(scope: QueryScope, body: string = DEFAULT_QUERY_BODY.join('\n| ')): string {
  const filter = streamFilter(scope);
  return filter ? `${filter}\n| ${body.trim()}` : body.trim();
}

/** The whole `.cwlq` document for a scope: header, then the query. */
export function scopedDocument(scope: QueryScope, range: RangeSpec, body?: string): string {
  return `# ${scope.label}\n${formatHeader(scope.logGroups, range)}\n${scopedQuery(scope, body)}\n`;
}
