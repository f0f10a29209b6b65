import * as assert from 'node:assert/strict';
import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { GetLogEventsCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { type Clients, destroyClients, rejection, startWithClients } from './helpers';

const SIGNED = 'AWS4-HMAC-SHA256 Credential=AKIDSIM/20261124/us-east-1/logs/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd';

describe('simulator: auth, bad input, faults, request counts, control API', function () {
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));
  afterEach(() => c.sim.control.clearFaults());

  const post = (headers: Record<string, string>, body: string) => fetch(c.sim.url, { method: 'POST', headers, body });

  it('unsigned requests are refused with AWS\'s error shape; malformed Authorization too', async () => {
    const res = await post({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' }, '{}');
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    const bad = await post({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SageMaker.ListEndpoints', authorization: 'Bearer abc' }, '{}');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { __type: string }).__type, 'IncompleteSignatureException');
  });

  it('the region comes from the credential scope: other regions are empty accounts', async () => {
    const res = await post({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups', authorization: SIGNED.replace('us-east-1', 'eu-west-1') }, '{}');
    assert.deepEqual(await res.json(), { logGroups: [] });
    const home = await c.logs.send(new DescribeLogGroupsCommand({}));
    assert.ok((home.logGroups?.length ?? 0) > 0);
  });

  it('malformed JSON, unknown operations and unknown targets get error shapes, not crashes', async () => {
    const mal = await post({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.GetLogEvents', authorization: SIGNED }, '{"logGroupName": ');
    assert.equal(mal.status, 400);
    assert.equal(((await mal.json()) as { __type: string }).__type, 'SerializationException');
    const arr = await post({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.GetLogEvents', authorization: SIGNED }, '[1,2]');
    assert.equal(arr.status, 400);
    const unk = await post({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DeleteEverything', authorization: SIGNED }, '{}');
    assert.equal(unk.status, 400);
    assert.equal(((await unk.json()) as { __type: string }).__type, 'UnknownOperationException');
    const wrongTypes = await post({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.GetLogEvents', authorization: SIGNED }, '{"logGroupName": 5, "limit": "x"}');
    assert.equal(wrongTypes.status, 400);
    const none = await post({ 'content-type': 'text/plain', authorization: SIGNED }, 'hello');
    assert.equal(none.status, 400);
    assert.equal((await c.sim.control.health()).ok, true);
  });

  it('fault: throttling the next N calls (ThrottlingException 400), then recovery; SDK retries succeed', async () => {
    await c.sim.control.injectFault({ operation: 'logs.DescribeLogGroups', type: 'throttle', count: 2 });
    const err = await rejection(c.logs.send(new DescribeLogGroupsCommand({})));
    assert.equal(err.name, 'ThrottlingException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    const err2 = await rejection(c.logs.send(new DescribeLogGroupsCommand({})));
    assert.equal(err2.name, 'ThrottlingException');
    const ok = await c.logs.send(new DescribeLogGroupsCommand({}));
    assert.ok(ok.logGroups);
    // a retrying client gets through one throttle
    const retrying = await startWithClients({}, 3);
    try {
      await retrying.sim.control.injectFault({ operation: 'ListEndpoints', type: 'throttle', count: 1 });
      const r = await retrying.sagemaker.send(new ListEndpointsCommand({}));
      assert.equal(r.$metadata.attempts, 2);
    } finally {
      await destroyClients(retrying);
    }
  });

  it('fault: throttling rate is deterministic and partial', async () => {
    await c.sim.control.injectFault({ operation: 'ListEndpoints', type: 'throttle', rate: 0.5 });
    let failures = 0;
    for (let i = 0; i < 40; i++) {
      try {
        await c.sagemaker.send(new ListEndpointsCommand({}));
      } catch (e) {
        assert.equal((e as Error).name, 'ThrottlingException');
        failures++;
      }
    }
    assert.ok(failures > 5 && failures < 35, String(failures));
  });

  it('fault: HTTP 5xx, expired token, access denied (JSON and CloudWatch query-compatible shapes)', async () => {
    await c.sim.control.injectFault({ operation: 'GetLogEvents', type: 'error5xx', status: 503, count: 1 });
    const e5 = await rejection(c.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: 'x' })));
    assert.equal(e5.$metadata?.httpStatusCode, 503);
    assert.equal(e5.name, 'ServiceUnavailableException');
    await c.sim.control.injectFault({ operation: 'sagemaker.*', type: 'expiredToken', count: 1 });
    const et = await rejection(c.sagemaker.send(new ListEndpointsCommand({})));
    assert.equal(et.name, 'ExpiredTokenException');
    assert.equal(et.$metadata?.httpStatusCode, 400);
    await c.sim.control.injectFault({ operation: 'logs.*', type: 'accessDenied', count: 1 });
    const ad = await rejection(c.logs.send(new DescribeLogGroupsCommand({})));
    assert.equal(ad.name, 'AccessDeniedException');
    assert.match(ad.message, /not authorized to perform: logs:DescribeLogGroups/);
    await c.sim.control.injectFault({ operation: 'cloudwatch.ListMetrics', type: 'throttle', count: 1 });
    const cwt = await rejection(c.cloudwatch.send(new ListMetricsCommand({})));
    assert.match(cwt.name, /^Throttling/);
    assert.equal(cwt.$metadata?.httpStatusCode, 400);
    await c.sim.control.injectFault({ operation: 'cloudwatch.ListMetrics', type: 'accessDenied', count: 1 });
    const cwa = await rejection(c.cloudwatch.send(new ListMetricsCommand({})));
    assert.equal(cwa.$metadata?.httpStatusCode, 403);
    assert.match(cwa.name, /AccessDenied/);
  });

  it('fault: added latency and connection reset mid-response', async () => {
    await c.sim.control.injectFault({ operation: 'ListEndpoints', type: 'latency', latencyMs: 150, count: 1 });
    const t = Date.now();
    await c.sagemaker.send(new ListEndpointsCommand({}));
    assert.ok(Date.now() - t >= 140);
    await c.sim.control.injectFault({ operation: 'ListEndpoints', type: 'reset', count: 1 });
    const err = await rejection(c.sagemaker.send(new ListEndpointsCommand({})));
    assert.ok(!err.$metadata?.httpStatusCode || err.$metadata.httpStatusCode === 200, `${err.name}: ${err.message}`);
    const ok = await c.sagemaker.send(new ListEndpointsCommand({}));
    assert.ok(ok.Endpoints);
  });

  it('optional rate limits (token bucket per operation) throttle bursts', async () => {
    await c.sim.control.setRateLimits({ 'logs.DescribeLogGroups': 2 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => c.logs.send(new DescribeLogGroupsCommand({}))));
    const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as Error).name === 'ThrottlingException').length;
    assert.ok(throttled >= 3, String(throttled));
    assert.ok(results.some((r) => r.status === 'fulfilled'));
    assert.ok((await c.sagemaker.send(new ListEndpointsCommand({}))).Endpoints, 'other operations are not limited');
    assert.equal((await c.sim.control.setRateLimits(false)).enabled, false);
    await c.logs.send(new DescribeLogGroupsCommand({}));
  });

  it('request counts per operation, and their reset', async () => {
    await c.sim.control.resetRequestCounts();
    await c.sagemaker.send(new ListEndpointsCommand({}));
    await c.sagemaker.send(new ListEndpointsCommand({}));
    await c.logs.send(new DescribeLogGroupsCommand({}));
    const counts = await c.sim.control.requestCounts();
    assert.deepEqual(counts, { 'logs.DescribeLogGroups': 1, 'sagemaker.ListEndpoints': 2 });
    await c.sim.control.resetRequestCounts();
    assert.deepEqual(await c.sim.control.requestCounts(), {});
  });

  it('control API: health, clock, faults list/remove, unknown routes', async () => {
    const h = await c.sim.control.health();
    assert.equal(h.scenario, 'demo');
    const t = await c.sim.control.now();
    const after = await c.sim.control.advanceClock(1000);
    assert.equal(after.now, t + 1000);
    const f = await c.sim.control.injectFault({ type: 'latency', latencyMs: 1 });
    assert.equal((await c.sim.control.listFaults()).length, 1);
    assert.equal(await c.sim.control.removeFault(f.id), true);
    assert.equal((await c.sim.control.listFaults()).length, 0);
    const r = await fetch(`${c.sim.url}/_sim/nope`);
    assert.equal(r.status, 404);
    await assert.rejects(c.sim.control.injectFault({ type: 'bogus' as never }));
  });
});
