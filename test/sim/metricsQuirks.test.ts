/** Metric quirk modes: a service that refuses percentiles (HTML 500, or InternalError per query) and a gateway answering HTML. */
import * as assert from 'node:assert/strict';
import { GetMetricDataCommand, ListMetricsCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DEMO } from '../../sim/scenarios/demo';
import { parseQuirksFlag } from '../../sim/src/quirks';
import { type Clients, destroyClients, rejection, startWithClients, T0 } from './helpers';

const dims = [{ Name: 'EndpointName', Value: DEMO.endpoints.twoVariants }, { Name: 'VariantName', Value: 'Primary' }];
const q = (id: string, stat: string): MetricDataQuery => ({ Id: id, MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'ModelLatency', Dimensions: dims }, Period: 60, Stat: stat } });
const gmd = (c: Clients, queries: MetricDataQuery[]) => c.cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(T0 - 3600_000), EndTime: new Date(T0) }));
const htmlType = (e: unknown) => String((e as { $response?: { headers?: Record<string, string> } }).$response?.headers?.['content-type'] ?? '');

describe('sim: metric quirk modes', () => {
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  afterEach(() => c.sim.control.clearQuirks());
  after(() => destroyClients(c));

  it('metricsPercentile=html500: a batch with a percentile is answered 500 with an HTML page; one without is answered', async () => {
    await c.sim.control.setQuirks({ metricsPercentile: 'html500' });
    const e = await rejection(gmd(c, [q('a', 'Average'), q('b', 'p90')]));
    assert.equal(e.$metadata?.httpStatusCode, 500);
    assert.match(htmlType(e), /text\/html/);
    assert.match(e.message, /not valid JSON/);
    const ok = await gmd(c, [q('a', 'Average'), q('c', 'Sum')]);
    assert.ok((ok.MetricDataResults?.[0].Values?.length ?? 0) > 0);
    await c.sim.control.clearQuirks();
    const all = await gmd(c, [q('a', 'Average'), q('b', 'p90')]);
    assert.ok((all.MetricDataResults?.[1].Values?.length ?? 0) > 0, 'without the quirk p90 is answered');
  });

  it('metricsPercentile=internalError: percentile results say InternalError with a message and no values', async () => {
    await c.sim.control.setQuirks({ metricsPercentile: 'internalError' });
    const out = await gmd(c, [q('a', 'Average'), q('b', 'p99')]);
    const [a, b] = out.MetricDataResults ?? [];
    assert.equal(a.StatusCode, 'Complete');
    assert.ok((a.Values?.length ?? 0) > 0);
    assert.equal(b.StatusCode, 'InternalError');
    assert.deepEqual(b.Values, []);
    assert.match(b.Messages?.[0].Value ?? '', /not supported/);
  });

  it('gatewayHtml: every AWS request is answered 502 with an HTML page; the control API still works', async () => {
    await c.sim.control.setQuirks({ gatewayHtml: true });
    for (const call of [
      () => c.sagemaker.send(new ListEndpointsCommand({})),
      () => c.logs.send(new DescribeLogGroupsCommand({})),
      () => c.cloudwatch.send(new ListMetricsCommand({ Namespace: 'AWS/SageMaker' })),
      () => gmd(c, [q('a', 'Average')]),
    ]) {
      const e = await rejection(call());
      assert.equal(e.$metadata?.httpStatusCode, 502);
      assert.match(htmlType(e), /text\/html/);
    }
    assert.equal((await c.sim.control.quirks()).gatewayHtml, true);
    await c.sim.control.clearQuirks();
    assert.ok((await c.sagemaker.send(new ListEndpointsCommand({}))).Endpoints?.length);
  });

  it('the flag and the control API validate the new quirks; `all` leaves them off', async () => {
    assert.deepEqual(parseQuirksFlag('metricsPercentile=html500,gatewayHtml'), { metricsPercentile: 'html500', gatewayHtml: true });
    assert.throws(() => parseQuirksFlag('metricsPercentile=sometimes'), /one of off, html500, internalError/);
    const all = parseQuirksFlag('all');
    assert.equal(all.metricsPercentile, undefined);
    assert.equal(all.gatewayHtml, undefined);
  });
});
