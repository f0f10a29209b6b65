/**
 * CloudWatch Logs Insights operations (awsJson1_1, `Logs_20140328.<Op>`; StartQuery's times in epoch
 * SECONDS): StartQuery, GetQueryResults, StopQuery, GetLogRecord, DescribeQueries and the saved query
 * definitions. The engine is model/insights/; the queries' pacing model/insights/queries.ts.
 */
import { randomUUID } from 'node:crypto';
import { AwsError, invalidParam, notFound } from '../errors';
import { AccountQuery, DEFAULT_INSIGHTS, type EventRef, type QueryStatus } from '../model/insights/queries';
import { QuerySyntaxError } from '../model/insights/lexer';
import { parseQuery } from '../model/insights/parser';
import { EventRow, formatValue } from '../model/insights/values';
import { ACCOUNT_ID } from '../model/state';
import type { Ctx } from './context';
import { decodeToken, encodeToken, type Input, isOffsetToken, optInt, optNum, optStr, optStrList, reqStr } from './input';
import { groupNameFromIdentifier } from './logs';
import { withProgress } from './progress';

const STATUSES: QueryStatus[] = ['Scheduled', 'Running', 'Complete', 'Failed', 'Cancelled', 'Timeout'];

function malformed(e: QuerySyntaxError): AwsError {
  const err = new AwsError('MalformedQueryException', e.message);
  err.extra = { queryCompileError: { location: { startCharOffset: e.start, endCharOffset: e.end }, message: e.message } };
  return err;
}

const pointerOf = (ref: EventRef): string => Buffer.from(JSON.stringify(ref)).toString('base64url');

function startQuery(ctx: Ctx, input: Input) {
  const queryString = reqStr(input, 'queryString', invalidParam);
  if (queryString.length > 10_000) throw invalidParam("1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length less than or equal to 10000");
  const startTime = optNum(input, 'startTime', invalidParam);
  const endTime = optNum(input, 'endTime', invalidParam);
  if (startTime === undefined) throw invalidParam("1 validation error detected: Value null at 'startTime' failed to satisfy constraint: Member must not be null");
  if (endTime === undefined) throw invalidParam("1 validation error detected: Value null at 'endTime' failed to satisfy constraint: Member must not be null");
  if (startTime < 0 || endTime < 0) throw invalidParam('startTime and endTime must be non-negative epoch seconds.');
  if (endTime < startTime) throw invalidParam('End time should not be before the start time.');
  const limit = optInt(input, 'limit', invalidParam, 1, 10_000) ?? 1000;
  const name = optStr(input, 'logGroupName', invalidParam);
  const names = optStrList(input, 'logGroupNames', invalidParam);
  const ids = optStrList(input, 'logGroupIdentifiers', invalidParam);
  const given = [name, names, ids].filter((x) => x !== undefined).length;
  if (given !== 1) throw invalidParam('Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
  for (const [list, member] of [[names, 'logGroupNames'], [ids, 'logGroupIdentifiers']] as const) {
    if (list && (list.length < 1 || list.length > 50)) {
      throw invalidParam(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length ${list.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 50'}`);
    }
  }
  const groupNames = name !== undefined ? [name] : names ?? (ids as string[]).map(groupNameFromIdentifier);
  let query;
  try {
    query = parseQuery(queryString);
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw malformed(e);
    throw e;
  }
  const groups = [...new Set(groupNames)].map((n) => {
    const g = ctx.account.logs.groups.get(n);
    if (!g) throw notFound(`Log group '${n}' does not exist for account ID '${ACCOUNT_ID}'`);
    return g;
  });
  const cfg = ctx.insights ?? DEFAULT_INSIGHTS;
  const store = ctx.account.insights;
  if (store.activeCount >= cfg.maxConcurrent) {
    throw new AwsError('LimitExceededException', `Account maximum query concurrency limit of [${cfg.maxConcurrent}] reached. Please wait for running queries to finish or stop them.`);
  }
  const q = new AccountQuery(randomUUID(), queryString, query, groups, startTime * 1000, endTime * 1000 + 999, limit, ctx.now, ACCOUNT_ID, ctx.now, (e) => pointerOf(e.ref as EventRef));
  store.add(q);
  const end = ctx.quirks?.current.insightsQueryEnd;
  q.start(cfg, end === 'Failed' || end === 'Timeout' ? end : undefined);
  return { queryId: q.id };
}

function findQuery(ctx: Ctx, input: Input): AccountQuery {
  const id = reqStr(input, 'queryId', invalidParam);
  const q = ctx.account.insights.queries.get(id);
  if (!q) throw notFound(`Query does not exist: ${id}`);
  return q;
}

function getQueryResults(ctx: Ctx, input: Input) {
  const q = findQuery(ctx, input);
  const r = q.status === 'Scheduled' ? { rows: [] } : q.run.result(q.limit);
  return {
    queryLanguage: 'CWLI',
    results: r.rows,
    statistics: { recordsMatched: q.run.matched, recordsScanned: q.run.scanned, bytesScanned: q.run.bytes },
    status: q.status,
  };
}

function stopQuery(ctx: Ctx, input: Input) {
  return { success: findQuery(ctx, input).cancel() };
}

function getLogRecord(ctx: Ctx, input: Input) {
  const ptr = reqStr(input, 'logRecordPointer', invalidParam);
  const bad = () => invalidParam(`The specified logRecordPointer is not valid: ${ptr}`);
  let ref: EventRef;
  try {
    ref = JSON.parse(Buffer.from(ptr, 'base64url').toString('utf8')) as EventRef;
  } catch {
    throw bad();
  }
  if (typeof ref !== 'object' || ref === null || typeof ref.g !== 'string' || typeof ref.s !== 'string' || !Number.isInteger(ref.i) || typeof ref.t !== 'number') throw bad();
  const s = ctx.account.logs.groups.get(ref.g)?.streams.get(ref.s);
  if (!s) throw bad();
  // an event stored since (out of order) may have moved it: look for it from its timestamp
  let i = ref.i;
  if (s.ts[i] !== ref.t) {
    i = s.ts.indexOf(ref.t);
    if (i < 0) throw bad();
  }
  const row = new EventRow({ timestamp: s.ts[i], message: s.msg[i], ingestionTime: s.ingest[i], logStream: s.name, log: `${ACCOUNT_ID}:${ref.g}` });
  const logRecord: Record<string, string> = {};
  for (const [k, v] of row.all()) if (v !== undefined) logRecord[k] = formatValue(v, false) as string;
  Object.assign(logRecord, { '@timestamp': String(s.ts[i]), '@message': s.msg[i], '@logStream': s.name, '@log': `${ACCOUNT_ID}:${ref.g}`, '@ingestionTime': String(s.ingest[i]) });
  return { logRecord };
}

function describeQueries(ctx: Ctx, input: Input) {
  const group = optStr(input, 'logGroupName', invalidParam);
  const status = optStr(input, 'status', invalidParam);
  if (status !== undefined && !STATUSES.includes(status as QueryStatus)) throw invalidParam(`1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
  const max = optInt(input, 'maxResults', invalidParam, 1, 1000) ?? 1000;
  const tok = decodeToken(optStr(input, 'nextToken', invalidParam), () => invalidParam('The specified nextToken is invalid.'), isOffsetToken);
  const all = [...ctx.account.insights.queries.values()]
    .filter((q) => (group === undefined || q.groups.some((g) => g.name === group)) && (status === undefined || q.status === status))
    .reverse();
  const off = tok?.o ?? 0;
  return {
    queries: all.slice(off, off + max).map((q) => ({ queryLanguage: 'CWLI', queryId: q.id, queryString: q.queryString, status: q.status, createTime: q.createTime, logGroupName: q.groups[0]?.name })),
    nextToken: off + max < all.length ? encodeToken({ o: off + max }) : undefined,
  };
}

function describeQueryDefinitions(ctx: Ctx, input: Input) {
  const prefix = optStr(input, 'queryDefinitionNamePrefix', invalidParam);
  const max = optInt(input, 'maxResults', invalidParam, 1, 1000) ?? 1000;
  const tok = decodeToken(optStr(input, 'nextToken', invalidParam), () => invalidParam('The specified nextToken is invalid.'), isOffsetToken);
  const all = [...ctx.account.insights.definitions.values()]
    .filter((d) => prefix === undefined || d.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.queryDefinitionId < b.queryDefinitionId ? -1 : 1));
  const off = tok?.o ?? 0;
  return {
    queryDefinitions: all.slice(off, off + max).map((d) => ({ queryLanguage: 'CWLI', ...d })),
    nextToken: off + max < all.length ? encodeToken({ o: off + max }) : undefined,
  };
}

function putQueryDefinition(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'name', invalidParam);
  if (name.length > 255) throw invalidParam("1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length less than or equal to 255");
  const queryString = reqStr(input, 'queryString', invalidParam);
  if (queryString.length > 10_000) throw invalidParam("1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length less than or equal to 10000");
  const logGroupNames = optStrList(input, 'logGroupNames', invalidParam);
  const id = optStr(input, 'queryDefinitionId', invalidParam);
  const defs = ctx.account.insights.definitions;
  if (id !== undefined && !defs.has(id)) throw notFound(`Query definition does not exist: ${id}`);
  const queryDefinitionId = id ?? randomUUID();
  defs.set(queryDefinitionId, { queryDefinitionId, name, queryString, logGroupNames: logGroupNames?.length ? logGroupNames : undefined, lastModified: ctx.now });
  return { queryDefinitionId };
}

function deleteQueryDefinition(ctx: Ctx, input: Input) {
  const id = reqStr(input, 'queryDefinitionId', invalidParam);
  if (!ctx.account.insights.definitions.delete(id)) throw notFound(`Query definition does not exist: ${id}`);
  return { success: true };
}

export const insightsOps: Record<string, (ctx: Ctx, input: Input) => unknown> = withProgress<unknown>({
  StartQuery: startQuery,
  GetQueryResults: getQueryResults,
  StopQuery: stopQuery,
  GetLogRecord: getLogRecord,
  DescribeQueries: describeQueries,
  DescribeQueryDefinitions: describeQueryDefinitions,
  PutQueryDefinition: putQueryDefinition,
  DeleteQueryDefinition: deleteQueryDefinition,
});
