import * as assert from 'node:assert/strict';
import {
  DeleteQueryDefinitionCommand,
  DescribeLogStreamsCommand,
  DescribeQueriesCommand,
  DescribeQueryDefinitionsCommand,
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
  GetLogRecordCommand,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  PutQueryDefinitionCommand,
  type ResultField,
  StartQueryCommand,
  type StartQueryCommandInput,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DEMO, FAILED_JOB_ERROR } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, rejection, startWithClients, T0, waitFor } from './helpers';

const TJ = '/aws/sagemaker/TrainingJobs';
const sec = (ms: number) => Math.floor(ms / 1000);
const HOUR = 3600_000;
const obj = (row: ResultField[]) => Object.fromEntries(row.map((f) => [f.field as string, f.value as string]));

describe('simulator: Logs Insights (StartQuery, GetQueryResults, StopQuery, GetLogRecord, query definitions)', function () {
  this.timeout(20_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));
  afterEach(async () => {
    await c.sim.control.setInsights({ scheduledMs: 0, runningMs: 0, maxConcurrent: 30 });
    await c.sim.control.clearQuirks();
  });

  const start = async (input: Partial<StartQueryCommandInput>) =>
    (await c.logs.send(new StartQueryCommand({ logGroupName: TJ, startTime: sec(T0 - 7 * HOUR), endTime: sec(T0), queryString: 'limit 5', ...input } as StartQueryCommandInput))).queryId as string;

  /** Polls until the query ends: its last answer, the statuses seen (in order, once each) and the answers seen while Running. */
  async function poll(queryId: string) {
    const statuses: string[] = [];
    const running: GetQueryResultsCommandOutput[] = [];
    const last = await waitFor(async () => {
      const r = await c.logs.send(new GetQueryResultsCommand({ queryId }));
      if (statuses[statuses.length - 1] !== r.status) statuses.push(r.status as string);
      if (r.status === 'Running') running.push(r);
      return r.status === 'Scheduled' || r.status === 'Running' ? undefined : r;
    }, 15_000, `query ${queryId} to end`);
    return { last, statuses, running };
  }

  const run = async (input: Partial<StartQueryCommandInput>) => (await poll(await start(input))).last;

  /** Every event FilterLogEvents gives for the same range (the independent answer). */
  async function filterAll(input: FilterLogEventsCommandInput) {
    const out: { timestamp: number; message: string; logStreamName: string }[] = [];
    let nextToken: string | undefined;
    do {
      const r = await c.logs.send(new FilterLogEventsCommand({ ...input, nextToken }));
      for (const e of r.events ?? []) out.push({ timestamp: e.timestamp as number, message: e.message as string, logStreamName: e.logStreamName as string });
      nextToken = r.nextToken;
    } while (nextToken);
    return out;
  }

  it('goes Scheduled → Running (partial results, growing statistics) → Complete; statistics count the range', async () => {
    await c.sim.control.setInsights({ scheduledMs: 150, runningMs: 900, chunk: 200 });
    const from = T0 - 6 * HOUR;
    const { last, statuses, running } = await poll(await start({ startTime: sec(from), queryString: `filter @logStream like /^${DEMO.jobs.inProgress}\\// | stats count(*) as n by bin(30m)` }));
    assert.deepEqual(statuses, ['Scheduled', 'Running', 'Complete']);
    const all = await filterAll({ logGroupName: TJ, startTime: from, endTime: T0 + 999 });
    const mine = all.filter((e) => e.logStreamName.startsWith(`${DEMO.jobs.inProgress}/`));
    assert.equal(last.statistics?.recordsScanned, all.length);
    assert.equal(last.statistics?.recordsMatched, mine.length);
    assert.ok((last.statistics?.bytesScanned ?? 0) > 0);
    assert.equal(last.encryptionKey, undefined);
    const total = (last.results ?? []).reduce((s, r) => s + Number(obj(r).n), 0);
    assert.equal(total, mine.length);
    const partial = running.find((r) => (r.statistics?.recordsScanned ?? 0) > 0 && (r.statistics?.recordsScanned ?? 0) < all.length && (r.results ?? []).length > 0);
    assert.ok(partial, `partial results while Running (scanned: ${running.map((r) => r.statistics?.recordsScanned).join(', ')})`);
    const scanned = running.map((r) => r.statistics?.recordsScanned ?? 0);
    assert.deepEqual(scanned, [...scanned].sort((a, b) => a - b), 'statistics only grow');
  });

  it('demo: errors and tracebacks by host of the failed training job; a row opens its event (GetLogRecord)', async () => {
    const q = `filter @logStream like /${DEMO.jobs.failed}/ and @message like /Traceback|Error/
      | parse @logStream "*/algo-*-*" as job, host, started
      | stats count(*) as lines by host`;
    const byHost = await run({ queryString: q });
    assert.equal(byHost.status, 'Complete');
    // Traceback, the RuntimeError, `ERROR    ExecuteUserScriptError:` and `ErrorMessage "…"` (demo.ts failureLines)
    assert.deepEqual((byHost.results ?? []).map(obj), [{ host: '1', lines: '4' }]);

    const rows = await run({ queryString: `fields @timestamp, @logStream, @message | filter @logStream like /${DEMO.jobs.failed}/ and @message like /^RuntimeError/` });
    assert.equal(rows.results?.length, 1);
    const row = obj(rows.results?.[0] ?? []);
    assert.equal(row['@message'], FAILED_JOB_ERROR);
    assert.match(row['@timestamp'], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    const rec = await c.logs.send(new GetLogRecordCommand({ logRecordPointer: row['@ptr'] }));
    assert.equal(rec.logRecord?.['@message'], FAILED_JOB_ERROR);
    assert.equal(rec.logRecord?.['@logStream'], row['@logStream']);
    assert.equal(rec.logRecord?.['@log'], `123456789012:${TJ}`);
    assert.equal(new Date(Number(rec.logRecord?.['@timestamp'])).toISOString().replace('T', ' ').replace('Z', ''), row['@timestamp']);
    const bad = await rejection(c.logs.send(new GetLogRecordCommand({ logRecordPointer: 'not-a-pointer' })));
    assert.equal(bad.name, 'InvalidParameterException');
  });

  it('demo: stats count(*) by bin(1m) of the live job agrees with FilterLogEvents', async () => {
    const from = T0 - 10 * 60_000;
    const to = T0 - 1000;
    const r = await run({ startTime: sec(from), endTime: sec(to), queryString: `filter @logStream like /^${DEMO.jobs.inProgress}\\// | stats count(*) as n by bin(1m)` });
    const expected = new Map<string, number>();
    for (const e of await filterAll({ logGroupName: TJ, logStreamNamePrefix: `${DEMO.jobs.inProgress}/`, startTime: from, endTime: to + 999 })) {
      const bin = new Date(Math.floor(e.timestamp / 60_000) * 60_000).toISOString().replace('T', ' ').replace('Z', '');
      expected.set(bin, (expected.get(bin) ?? 0) + 1);
    }
    assert.equal(expected.size, 10);
    assert.deepEqual((r.results ?? []).map(obj), [...expected].sort().map(([bin, n]) => ({ 'bin(1m)': bin, n: String(n) })));
  });

  it('demo: endpoint latency (avg, p99) from the access log agrees with the lines themselves', async () => {
    const group = `/aws/sagemaker/Endpoints/${DEMO.endpoints.twoVariants}`;
    const from = T0 - HOUR;
    const re = /" (\d{3}) \d+ "-" "[^"]*" (\d+)ms$/;
    const r = await run({
      logGroupName: group,
      startTime: sec(from),
      queryString: `parse @message /" (?<status>\\d{3}) \\d+ "-" "[^"]*" (?<ms>\\d+)ms$/ | filter ispresent(ms) | stats count(*) as n, avg(ms) as avgMs, pct(ms, 99) as p99 by status`,
    });
    const ms = (await filterAll({ logGroupName: group, startTime: from, endTime: T0 + 999 })).map((e) => re.exec(e.message)).filter((m): m is RegExpExecArray => !!m);
    assert.ok(ms.length > 50, `${ms.length} access-log lines with a latency`);
    const lat = ms.filter((m) => m[1] === '200').map((m) => Number(m[2]));
    const sorted = [...lat].sort((a, b) => a - b);
    const row = (r.results ?? []).map(obj).find((x) => x.status === '200');
    assert.deepEqual(row, {
      status: '200',
      n: String(lat.length),
      avgMs: String(Number((lat.reduce((a, b) => a + b, 0) / lat.length).toPrecision(12))),
      p99: String(sorted[Math.ceil(0.99 * sorted.length) - 1]),
    });
  });

  it('StopQuery: a running query is Cancelled (success), a finished one is not', async () => {
    await c.sim.control.setInsights({ scheduledMs: 0, runningMs: 10_000 });
    const id = await start({ queryString: 'stats count(*)' });
    await waitFor(async () => (await c.logs.send(new GetQueryResultsCommand({ queryId: id }))).status === 'Running', 5000, 'Running');
    assert.deepEqual((await c.logs.send(new StopQueryCommand({ queryId: id }))).success, true);
    assert.equal((await c.logs.send(new GetQueryResultsCommand({ queryId: id }))).status, 'Cancelled');
    assert.equal((await c.logs.send(new StopQueryCommand({ queryId: id }))).success, false);
    const missing = await rejection(c.logs.send(new GetQueryResultsCommand({ queryId: '00000000-0000-0000-0000-000000000000' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
  });

  it('LimitExceededException past the concurrent-query quota; DescribeQueries lists them', async () => {
    await c.sim.control.setInsights({ scheduledMs: 0, runningMs: 10_000, maxConcurrent: 2 });
    const a = await start({ queryString: 'stats count(*) as a' });
    const b = await start({ queryString: 'stats count(*) as b' });
    const over = await rejection(start({ queryString: 'stats count(*) as c' }));
    assert.equal(over.name, 'LimitExceededException');
    assert.match(over.message, /concurrency limit of \[2\]/);
    const listed = await c.logs.send(new DescribeQueriesCommand({ logGroupName: TJ, status: 'Running' }));
    const ids = (listed.queries ?? []).map((q) => q.queryId);
    assert.ok(ids.includes(a) && ids.includes(b), 'both running queries listed');
    await c.logs.send(new StopQueryCommand({ queryId: a }));
    const d = await start({ queryString: 'stats count(*) as d' });
    for (const id of [b, d]) await c.logs.send(new StopQueryCommand({ queryId: id }));
  });

  it('errors: MalformedQueryException (with its location), ResourceNotFoundException, InvalidParameterException', async () => {
    const m = (await rejection(start({ queryString: 'fields @message\n| frobnicate' }))) as Error & { queryCompileError?: { location?: { startCharOffset?: number }; message?: string } };
    assert.equal(m.name, 'MalformedQueryException');
    assert.match(m.message, /frobnicate at line 2 and position 3/);
    assert.equal(m.queryCompileError?.location?.startCharOffset, 18);
    assert.equal((await rejection(start({ logGroupName: '/aws/sagemaker/NoSuchGroup' }))).name, 'ResourceNotFoundException');
    const invalid = async (input: Partial<StartQueryCommandInput>) => (await rejection(start(input))).name;
    assert.equal(await invalid({ limit: 10_001 }), 'InvalidParameterException');
    assert.equal(await invalid({ logGroupName: undefined, logGroupNames: Array.from({ length: 51 }, () => TJ) }), 'InvalidParameterException');
    assert.equal(await invalid({ logGroupName: undefined }), 'InvalidParameterException');
    assert.equal(await invalid({ logGroupNames: [TJ] }), 'InvalidParameterException');
    assert.equal(await invalid({ startTime: sec(T0), endTime: sec(T0 - HOUR) }), 'InvalidParameterException');
    // logGroupIdentifiers take ARNs; the limit caps the rows
    const arn = `arn:aws:logs:us-east-1:123456789012:log-group:${TJ}`;
    const r = await run({ logGroupName: undefined, logGroupIdentifiers: [arn], limit: 3, queryString: 'fields @message' });
    assert.equal(r.results?.length, 3);
  });

  it('query definitions: put (create, update by id), describe by prefix with paging, delete', async () => {
    const put = (input: { name: string; queryString: string; queryDefinitionId?: string; logGroupNames?: string[] }) => c.logs.send(new PutQueryDefinitionCommand(input));
    const a = (await put({ name: 'sagemaker/errors by host', queryString: 'filter @message like /Error/ | stats count(*) by @logStream', logGroupNames: [TJ] })).queryDefinitionId as string;
    const b = (await put({ name: 'sagemaker/oom', queryString: 'filter @message like /CUDA out of memory/' })).queryDefinitionId as string;
    await put({ name: 'other', queryString: 'limit 1' });
    assert.equal((await put({ queryDefinitionId: b, name: 'sagemaker/oom and cuda', queryString: 'filter @message like /CUDA/' })).queryDefinitionId, b);
    const p1 = await c.logs.send(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'sagemaker/', maxResults: 1 }));
    assert.equal(p1.queryDefinitions?.length, 1);
    assert.ok(p1.nextToken);
    const p2 = await c.logs.send(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'sagemaker/', maxResults: 1, nextToken: p1.nextToken }));
    assert.equal(p2.nextToken, undefined);
    const both = [...(p1.queryDefinitions ?? []), ...(p2.queryDefinitions ?? [])];
    assert.deepEqual(both.map((d) => [d.queryDefinitionId, d.name, d.queryString, d.logGroupNames]), [
      [a, 'sagemaker/errors by host', 'filter @message like /Error/ | stats count(*) by @logStream', [TJ]],
      [b, 'sagemaker/oom and cuda', 'filter @message like /CUDA/', undefined],
    ]);
    assert.equal(both[0].lastModified, T0);
    assert.equal((await c.logs.send(new DeleteQueryDefinitionCommand({ queryDefinitionId: a }))).success, true);
    assert.deepEqual(((await c.logs.send(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: 'sagemaker/' }))).queryDefinitions ?? []).map((d) => d.queryDefinitionId), [b]);
    assert.equal((await rejection(c.logs.send(new DeleteQueryDefinitionCommand({ queryDefinitionId: a })))).name, 'ResourceNotFoundException');
    assert.equal((await rejection(put({ queryDefinitionId: a, name: 'x', queryString: 'limit 1' }))).name, 'ResourceNotFoundException');
  });

  it('quirk insightsQueryEnd: queries end Timeout (or Failed) instead of Complete', async () => {
    await c.sim.control.setQuirks({ insightsQueryEnd: 'Timeout' });
    assert.equal((await run({ queryString: 'stats count(*)' })).status, 'Timeout');
    await c.sim.control.setQuirks({ insightsQueryEnd: 'Failed' });
    assert.equal((await run({ queryString: 'stats count(*)' })).status, 'Failed');
  });
});

describe('simulator: Logs Insights over 200,000 events (large scenario)', function () {
  this.timeout(60_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients({ scenario: 'large', scenarioOptions: { trainingJobs: 100, endpoints: 5, logHosts: 4, logLinesPerHost: 50_000 }, insights: { scheduledMs: 0, runningMs: 0 } });
    // the first Logs request generates the scenario's 200,000 lines: not the queries' doing
    await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: TJ, logStreamNamePrefix: 'bench-logs-job/' }));
  });
  after(() => destroyClients(c));

  /**
   * Runs a query to its end: the longest the event loop (shared with the in-process simulator) was blocked
   * meanwhile, and how many different partial scan counts a turn of the event loop saw (a scan done in one turn: none).
   */
  async function timed(queryString: string) {
    let maxGap = 0;
    let lastTick = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      maxGap = Math.max(maxGap, now - lastTick);
      lastTick = now;
    }, 5);
    const partials = new Set<number>();
    let sampling = true;
    try {
      const { queryId } = await c.logs.send(new StartQueryCommand({ logGroupName: TJ, startTime: sec(T0 - 3 * 24 * HOUR), endTime: sec(T0), queryString }));
      const q = c.sim.state.home().insights.queries.get(queryId as string);
      const sample = () => {
        if (!sampling || !q) return;
        if (q.run.scanned > 0 && q.run.scanned < q.total) partials.add(q.run.scanned);
        setImmediate(sample);
      };
      sample();
      const r = await waitFor(async () => {
        const x = await c.logs.send(new GetQueryResultsCommand({ queryId }));
        return x.status === 'Complete' ? x : undefined;
      }, 50_000, 'the query to complete');
      return { r, maxGap, partials: partials.size };
    } finally {
      sampling = false;
      clearInterval(timer);
    }
  }

  it('counts every event of the log-heavy job without blocking the server for long', async () => {
    const { r, maxGap, partials } = await timed('filter @logStream like /^bench-logs-job\\// | stats count(*) as n, count_distinct(@logStream) as hosts');
    assert.deepEqual((r.results ?? []).map(obj), [{ n: '200000', hosts: '4' }]);
    assert.ok(partials >= 10, `the scan went in turns of the event loop (${partials} partial counts seen)`);
    assert.ok(maxGap < 500, `the event loop was blocked ${maxGap} ms at once`);
  });

  it('rows (newest first, the default limit of 1,000) without blocking the server for long', async () => {
    const { r, maxGap } = await timed('fields @timestamp, @message | filter @logStream like /^bench-logs-job\\//');
    assert.equal(r.results?.length, 1000);
    assert.equal(r.statistics?.recordsMatched, 200_000);
    const times = (r.results ?? []).map((row) => obj(row)['@timestamp']);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    assert.ok(maxGap < 500, `the event loop was blocked ${maxGap} ms at once`);
  });
});
