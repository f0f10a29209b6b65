/**
 * Logs Insights through the SDK: start, read results, stop, read one record, saved query definitions, and
 * log groups by prefix. Thin wrappers: the polling schedule lives with the feature (src/insights).
 */
import {
  DescribeLogGroupsCommand,
  DescribeQueryDefinitionsCommand,
  GetLogRecordCommand,
  GetQueryResultsCommand,
  PutQueryDefinitionCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
  type ResultField,
} from '@aws-sdk/client-cloudwatch-logs';
import { fieldsOf, type QueryResult, type QueryStatus, type ResultRow } from '../shared/insights/results';

export interface StartQueryRequest {
  readonly logGroupNames: readonly string[];
  readonly queryString: string;
  /** epoch ms (sent as whole seconds, as the API wants) */
  readonly startTime: number;
  readonly endTime: number;
  /** at most 10,000 (the default: as many rows as the service returns; a `limit` command still applies) */
  readonly limit?: number;
}

export const MAX_RESULT_ROWS = 10_000;

export async function startQuery(client: CloudWatchLogsClient, request: StartQueryRequest, signal?: AbortSignal): Promise<string> {
  const out = await client.send(
    new StartQueryCommand({
      logGroupNames: [...request.logGroupNames],
      queryString: request.queryString,
      startTime: Math.floor(request.startTime / 1000),
      endTime: Math.ceil(request.endTime / 1000),
      limit: request.limit ?? MAX_RESULT_ROWS,
    }),
    { abortSignal: signal },
  );
  if (!out.queryId) {
    throw new Error('StartQuery answered without a query id');
  }
  return out.queryId;
}

function rowOf(fields: readonly ResultField[]): ResultRow {
  const row: Record<string, string> = {};
  for (const f of fields) {
    if (f.field !== undefined && f.value !== undefined) {
      row[f.field] = f.value;
    }
  }
  return row;
}

export async function getQueryResults(client: CloudWatchLogsClient, queryId: string, signal?: AbortSignal): Promise<QueryResult> {
  const out = await client.send(new GetQueryResultsCommand({ queryId }), { abortSignal: signal });
  const rows = (out.results ?? []).map(rowOf);
  return {
    status: (out.status ?? 'Unknown') as QueryStatus,
    statistics: {
      recordsMatched: out.statistics?.recordsMatched ?? 0,
      recordsScanned: out.statistics?.recordsScanned ?? 0,
      bytesScanned: out.statistics?.bytesScanned ?? 0,
    },
    fields: fieldsOf(rows),
    rows,
  };
}

export async function stopQuery(client: CloudWatchLogsClient, queryId: string): Promise<boolean> {
  const out = await client.send(new StopQueryCommand({ queryId }));
  return out.success ?? false;
}

/** The event a result row's `@ptr` points at: every field the service knows of it. */
export async function getLogRecord(client: CloudWatchLogsClient, logRecordPointer: string, signal?: AbortSignal): Promise<Record<string, string>> {
  const out = await client.send(new GetLogRecordCommand({ logRecordPointer }), { abortSignal: signal });
  return { ...(out.logRecord ?? {}) };
}

export interface SavedQuery {
  readonly id: string;
  readonly name: string;
  readonly queryString: string;
  readonly logGroupNames: readonly string[];
}

/** Every saved query definition of the account and region (paged, 1,000 a page). */
export async function describeQueryDefinitions(client: CloudWatchLogsClient, signal?: AbortSignal): Promise<SavedQuery[]> {
  const found: SavedQuery[] = [];
  let nextToken: string | undefined;
  do {
    const out = await client.send(new DescribeQueryDefinitionsCommand({ maxResults: 1000, ...(nextToken ? { nextToken } : {}) }), { abortSignal: signal });
    for (const d of out.queryDefinitions ?? []) {
      if (d.queryDefinitionId && d.name && d.queryString) {
        found.push({ id: d.queryDefinitionId, name: d.name, queryString: d.queryString, logGroupNames: d.logGroupNames ?? [] });
      }
    }
    nextToken = out.nextToken;
  } while (nextToken);
  return found;
}

/** Creates a saved query, or updates it when `id` is given; returns its id. */
export async function putQueryDefinition(client: CloudWatchLogsClient, query: { id?: string; name: string; queryString: string; logGroupNames: readonly string[] }): Promise<string> {
  const out = await client.send(
    new PutQueryDefinitionCommand({
      name: query.name,
      queryString: query.queryString,
      ...(query.logGroupNames.length ? { logGroupNames: [...query.logGroupNames] } : {}),
      ...(query.id ? { queryDefinitionId: query.id } : {}),
    }),
  );
  return out.queryDefinitionId ?? query.id ?? '';
}

/** Log group names starting with `prefix`, at most `max` of them. */
export async function logGroupsWithPrefix(client: CloudWatchLogsClient, prefix: string, max = 50, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const out = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, ...(nextToken ? { nextToken } : {}) }), { abortSignal: signal });
    names.push(...(out.logGroups ?? []).flatMap((g) => (g.logGroupName ? [g.logGroupName] : [])));
    nextToken = out.nextToken;
  } while (nextToken && names.length < max);
  return names.slice(0, max);
}
