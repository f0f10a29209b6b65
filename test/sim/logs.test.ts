import * as assert from 'node:assert/strict';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, rejection, startWithClients, T0 } from './helpers';

const TJ = '/aws/sagemaker/TrainingJobs';

describe('simulator: CloudWatch Logs (awsJson1_1)', function () {
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  async function streamsOf(group: string, prefix?: string): Promise<string[]> {
    const out: string[] = [];
    let nextToken: string | undefined;
    do {
      const r = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: prefix, nextToken }));
      out.push(...(r.logStreams ?? []).map((s) => s.logStreamName as string));
      nextToken = r.nextToken;
    } while (nextToken);
    return out;
  }

  it('DescribeLogGroups: training and endpoint groups, prefix, limit and paging', async () => {
    const r = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/sagemaker/' }));
    const names = (r.logGroups ?? []).map((g) => g.logGroupName);
    assert.ok(names.includes(TJ));
    for (const ep of [DEMO.endpoints.twoVariants, DEMO.endpoints.threeInstances, DEMO.endpoints.bursty]) assert.ok(names.includes(`/aws/sagemaker/Endpoints/${ep}`), ep);
    const p1 = await c.logs.send(new DescribeLogGroupsCommand({ limit: 2 }));
    assert.equal(p1.logGroups?.length, 2);
    assert.ok(p1.nextToken);
    const err = await rejection(c.logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    assert.equal(err.name, 'InvalidParameterException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  it('DescribeLogStreams: stream name formats; the restarted host has two streams', async () => {
    const live = await streamsOf(TJ, `${DEMO.jobs.inProgress}/`);
    assert.equal(live.length, 4);
    for (const s of live) assert.match(s, new RegExp(`^${DEMO.jobs.inProgress}/algo-[1-4]-\\d{10}$`));
    const restarted = await streamsOf(TJ, `${DEMO.jobs.restarted}/algo-1-`);
    assert.equal(restarted.length, 2);
    const byArn = await c.logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${TJ}`, logStreamNamePrefix: `${DEMO.jobs.inProgress}/` }));
    assert.equal(byArn.logStreams?.length, 4);
    const ep = await streamsOf(`/aws/sagemaker/Endpoints/${DEMO.endpoints.twoVariants}`);
    assert.equal(ep.length, 3);
    for (const s of ep) assert.match(s, /^(Primary|Canary)\/i-0[0-9a-f]{16}$/);
  });

  it('DescribeLogStreams: 50 a page, orderBy LastEventTime descending, prefix+LastEventTime is invalid', async () => {
    const g = 'paging-group';
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: g }));
    for (let i = 0; i < 120; i++) await c.sim.control.appendLogEvents(g, `s-${String(i).padStart(3, '0')}`, [{ timestamp: T0 - 3600_000 + i * 1000, message: `m${i}` }]);
    const p1 = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: g }));
    assert.equal(p1.logStreams?.length, 50);
    assert.equal(p1.logStreams?.[0].logStreamName, 's-000');
    const all = await streamsOf(g);
    assert.equal(all.length, 120);
    assert.deepEqual(all, [...all].sort());
    const recent = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: g, orderBy: 'LastEventTime', descending: true, limit: 3 }));
    assert.deepEqual(recent.logStreams?.map((s) => s.logStreamName), ['s-119', 's-118', 's-117']);
    assert.equal(recent.logStreams?.[0].lastEventTimestamp, T0 - 3600_000 + 119_000);
    const bad = await rejection(c.logs.send(new DescribeLogStreamsCommand({ logGroupName: g, orderBy: 'LastEventTime', logStreamNamePrefix: 's-1' })));
    assert.equal(bad.name, 'InvalidParameterException');
    const nf = await rejection(c.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'no-such-group' })));
    assert.equal(nf.name, 'ResourceNotFoundException');
    assert.equal(nf.$metadata?.httpStatusCode, 400);
  });

  it('GetLogEvents: forward paging from the head ends when the same token comes back', async () => {
    const g = 'gle-group';
    const s = 'stream-a';
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: g }));
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: g, logStreamName: s }));
    const events = Array.from({ length: 2500 }, (_, i) => ({ timestamp: T0 - 7200_000 + i * 100, message: `line ${i}` }));
    await c.logs.send(new PutLogEventsCommand({ logGroupName: g, logStreamName: s, logEvents: events }));
    const seen: string[] = [];
    let token: string | undefined;
    let calls = 0;
    for (;;) {
      const r = await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: s, startFromHead: true, limit: 1000, nextToken: token }));
      calls++;
      seen.push(...(r.events ?? []).map((e) => e.message as string));
      assert.match(r.nextForwardToken ?? '', /^f\//);
      assert.match(r.nextBackwardToken ?? '', /^b\//);
      if (r.nextForwardToken === token) {
        assert.equal(r.events?.length, 0);
        break;
      }
      token = r.nextForwardToken;
      assert.ok(calls < 10);
    }
    assert.equal(seen.length, 2500);
    assert.equal(seen[0], 'line 0');
    assert.equal(seen[2499], 'line 2499');
    // new events after the end are picked up with the same token
    await c.sim.control.appendLogEvents(g, s, [{ timestamp: T0 - 1000, message: 'late line' }]);
    const more = await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: s, startFromHead: true, nextToken: token }));
    assert.deepEqual(more.events?.map((e) => e.message), ['late line']);
  });

  it('GetLogEvents: default is the newest events; backward paging; time window; bad token and limit', async () => {
    const g = 'gle-group';
    const s = 'stream-a';
    const tail = await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: s, limit: 3 }));
    assert.deepEqual(tail.events?.map((e) => e.message), ['line 2498', 'line 2499', 'late line']);
    const back = await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: s, limit: 3, nextToken: tail.nextBackwardToken }));
    assert.deepEqual(back.events?.map((e) => e.message), ['line 2495', 'line 2496', 'line 2497']);
    const win = await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: s, startFromHead: true, startTime: T0 - 7200_000 + 1000, endTime: T0 - 7200_000 + 1500 }));
    assert.deepEqual(win.events?.map((e) => e.message), ['line 10', 'line 11', 'line 12', 'line 13', 'line 14']);
    const badTok = await rejection(c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: s, nextToken: 'garbage' })));
    assert.equal(badTok.name, 'InvalidParameterException');
    const badLimit = await rejection(c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: s, limit: 10_001 })));
    assert.equal(badLimit.name, 'InvalidParameterException');
    const nf = await rejection(c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 'nope' })));
    assert.equal(nf.name, 'ResourceNotFoundException');
  });

  it('GetLogEvents: 1 MB page cap', async () => {
    const g = 'gle-group';
    const big = 'x'.repeat(200_000);
    await c.sim.control.appendLogEvents(g, 'big', Array.from({ length: 8 }, (_, i) => ({ timestamp: T0 - 60_000 + i, message: big })));
    const r = await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 'big', startFromHead: true }));
    assert.equal(r.events?.length, 5);
    const r2 = await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 'big', startFromHead: true, nextToken: r.nextForwardToken }));
    assert.equal(r2.events?.length, 3);
  });

  it('the InProgress job hosts append lines as the clock advances; lines match the MetricDefinitions', async () => {
    const [stream] = await streamsOf(TJ, `${DEMO.jobs.inProgress}/algo-1-`);
    const before = await c.logs.send(new GetLogEventsCommand({ logGroupName: TJ, logStreamName: stream, limit: 1 }));
    await c.sim.control.advanceClock(60_000);
    const after = await c.logs.send(new GetLogEventsCommand({ logGroupName: TJ, logStreamName: stream, startFromHead: true, nextToken: before.nextForwardToken }));
    assert.ok((after.events?.length ?? 0) >= 10, `got ${after.events?.length}`);
    const losses = (after.events ?? []).filter((e) => / loss=([0-9.]+)/.test(e.message ?? ''));
    assert.ok(losses.length > 5);
    assert.ok((after.events ?? []).some((e) => / accuracy=([0-9.]+)/.test(e.message ?? '')));
    const ts = (after.events ?? []).map((e) => e.timestamp as number);
    assert.deepEqual(ts, [...ts].sort((a, b) => a - b));
  });

  it('FilterLogEvents: interleaved across streams, prefix, no nextToken at the end', async () => {
    const all: { logStreamName?: string; timestamp?: number }[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const r = await c.logs.send(new FilterLogEventsCommand({ logGroupName: TJ, logStreamNamePrefix: `${DEMO.jobs.inProgress}/`, limit: 200, nextToken }));
      all.push(...(r.events ?? []));
      nextToken = r.nextToken;
      pages++;
      if (nextToken) assert.equal(r.events?.length, 200);
      assert.ok(pages < 100);
    } while (nextToken);
    assert.ok(all.length > 400);
    const ts = all.map((e) => e.timestamp as number);
    assert.deepEqual(ts, [...ts].sort((a, b) => a - b));
    assert.equal(new Set(all.map((e) => e.logStreamName)).size, 4);
    const ids = new Set(all.map((e) => JSON.stringify(e)));
    assert.equal(ids.size, all.length, 'no duplicates across pages');
  });

  it('FilterLogEvents: patterns (terms, quoted phrase, ?OR, -exclusion, JSON), logStreamNames, searchedLogStreams', async () => {
    const g = 'filter-group';
    await c.sim.control.appendLogEvents(g, 'a', [
      { timestamp: T0 - 5000, message: 'ERROR disk full on /opt/ml' },
      { timestamp: T0 - 3000, message: 'WARN retrying upload' },
      { timestamp: T0 - 1000, message: '{"level":"ERROR","latency":250,"path":"/invocations"}' },
    ]);
    await c.sim.control.appendLogEvents(g, 'b', [
      { timestamp: T0 - 4000, message: 'ERROR Retrying connection' },
      { timestamp: T0 - 2000, message: 'Traceback (most recent call last):' },
      { timestamp: T0 - 500, message: '{"level":"INFO","latency":12,"path":"/ping"}' },
    ]);
    const f = async (filterPattern: string, extra: Record<string, unknown> = {}) =>
      ((await c.logs.send(new FilterLogEventsCommand({ logGroupName: g, filterPattern, ...extra }))).events ?? []).map((e) => e.message);
    const json = '{"level":"ERROR","latency":250,"path":"/invocations"}';
    assert.deepEqual(await f('ERROR'), ['ERROR disk full on /opt/ml', 'ERROR Retrying connection', json]);
    assert.deepEqual(await f('ERROR -Retrying'), ['ERROR disk full on /opt/ml', json]);
    assert.deepEqual(await f('ERROR -level'), ['ERROR disk full on /opt/ml', 'ERROR Retrying connection']);
    assert.deepEqual(await f('"most recent call"'), ['Traceback (most recent call last):']);
    assert.deepEqual(await f('?WARN ?Traceback'), ['WARN retrying upload', 'Traceback (most recent call last):']);
    assert.deepEqual(await f('{ $.level = "ERROR" }'), ['{"level":"ERROR","latency":250,"path":"/invocations"}']);
    assert.deepEqual(await f('{ $.latency > 100 || $.path = "/pi*" }'), ['{"level":"ERROR","latency":250,"path":"/invocations"}', '{"level":"INFO","latency":12,"path":"/ping"}']);
    assert.deepEqual(await f('ERROR', { logStreamNames: ['b'] }), ['ERROR Retrying connection']);
    const r = await c.logs.send(new FilterLogEventsCommand({ logGroupName: g, startTime: T0 - 3500, endTime: T0 - 1500 }));
    assert.deepEqual(r.events?.map((e) => e.message), ['WARN retrying upload', 'Traceback (most recent call last):']);
    assert.equal(r.nextToken, undefined);
    assert.deepEqual(r.searchedLogStreams?.map((s) => s.logStreamName), ['a', 'b']);
    const both = await rejection(c.logs.send(new FilterLogEventsCommand({ logGroupName: g, logStreamNames: ['a'], logStreamNamePrefix: 'a' })));
    assert.equal(both.name, 'InvalidParameterException');
    const tooMany = await rejection(c.logs.send(new FilterLogEventsCommand({ logGroupName: g, logStreamNames: Array.from({ length: 101 }, (_, i) => `s${i}`) })));
    assert.equal(tooMany.name, 'InvalidParameterException');
    const badTok = await rejection(c.logs.send(new FilterLogEventsCommand({ logGroupName: g, nextToken: '!!' })));
    assert.equal(badTok.name, 'InvalidParameterException');
  });

  it('FilterLogEvents finds the Failed job traceback', async () => {
    const r = await c.logs.send(new FilterLogEventsCommand({ logGroupName: TJ, logStreamNamePrefix: `${DEMO.jobs.failed}/`, filterPattern: '"File \\"/opt/ml/code/"' }));
    assert.ok((r.events?.length ?? 0) >= 4, JSON.stringify(r.events?.map((e) => e.message)));
  });

  it('CreateLogGroup / CreateLogStream / PutLogEvents: errors and ordering', async () => {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: 'w' }));
    const dup = await rejection(c.logs.send(new CreateLogGroupCommand({ logGroupName: 'w' })));
    assert.equal(dup.name, 'ResourceAlreadyExistsException');
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: 'w', logStreamName: 's' }));
    const dupS = await rejection(c.logs.send(new CreateLogStreamCommand({ logGroupName: 'w', logStreamName: 's' })));
    assert.equal(dupS.name, 'ResourceAlreadyExistsException');
    const unordered = await rejection(
      c.logs.send(new PutLogEventsCommand({ logGroupName: 'w', logStreamName: 's', logEvents: [{ timestamp: T0, message: 'b' }, { timestamp: T0 - 1, message: 'a' }] })),
    );
    assert.equal(unordered.name, 'InvalidParameterException');
    const missing = await rejection(c.logs.send(new PutLogEventsCommand({ logGroupName: 'w', logStreamName: 'nope', logEvents: [{ timestamp: T0, message: 'x' }] })));
    assert.equal(missing.name, 'ResourceNotFoundException');
    const old = await c.logs.send(new PutLogEventsCommand({ logGroupName: 'w', logStreamName: 's', logEvents: [{ timestamp: T0 - 20 * 86400_000, message: 'old' }] }));
    assert.equal(old.rejectedLogEventsInfo?.tooOldLogEventEndIndex, 1);
    const span = await rejection(c.logs.send(new PutLogEventsCommand({ logGroupName: 'w', logStreamName: 's', logEvents: [{ timestamp: T0 - 25 * 3600_000, message: 'a' }, { timestamp: T0, message: 'b' }] })));
    assert.equal(span.name, 'InvalidParameterException');
    await c.logs.send(new PutLogEventsCommand({ logGroupName: 'w', logStreamName: 's', logEvents: [{ timestamp: T0, message: 'ok' }] }));
    const r = await c.logs.send(new GetLogEventsCommand({ logGroupName: 'w', logStreamName: 's', startFromHead: true }));
    assert.deepEqual(r.events?.map((e) => e.message), ['ok']);
  });
});
