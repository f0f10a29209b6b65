import * as assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  type ListMetricsCommandOutput,
  type MetricDataQuery,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, rejection, startWithClients, T0 } from './helpers';

const epDims = (ep: string, variant = 'AllTraffic') => [
  { Name: 'EndpointName', Value: ep },
  { Name: 'VariantName', Value: variant },
];

describe('simulator: CloudWatch (awsJson1_0 query-compatible + awsQuery)', function () {
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  const q = (id: string, metricName: string, dims: { Name: string; Value: string }[], stat: string, period = 60, namespace = 'AWS/SageMaker'): MetricDataQuery => ({
    Id: id,
    MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dims }, Period: period, Stat: stat },
  });

  it('ListMetrics: all three instance-metric dimension forms exist; name-only dimension filter', async () => {
    const host = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: '/aws/sagemaker/Endpoints', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'Host' }] }));
    assert.equal(host.Metrics?.length, 3);
    for (const m of host.Metrics ?? []) assert.match(m.Dimensions?.[0].Value ?? '', new RegExp(`^${DEMO.endpoints.twoVariants}/(Primary|Canary)/i-0[0-9a-f]{16}$`));
    const inst = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: '/aws/sagemaker/Endpoints', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId' }] }));
    // the bursty endpoint's one instance, and the enhanced-metrics endpoint's two (its per-GPU series add AcceleratorId)
    const instEndpoints = (inst.Metrics ?? []).filter((m) => m.Dimensions?.length === 3).map((m) => m.Dimensions?.find((d) => d.Name === 'EndpointName')?.Value);
    assert.deepEqual(instEndpoints.sort(), [DEMO.endpoints.bursty, DEMO.endpoints.inferenceComponents, DEMO.endpoints.inferenceComponents].sort());
    const variant = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: '/aws/sagemaker/Endpoints', MetricName: 'GPUUtilization', Dimensions: [{ Name: 'EndpointName', Value: DEMO.endpoints.threeInstances }] }));
    assert.equal(variant.Metrics?.length, 1);
    assert.equal(variant.Metrics?.[0].Dimensions?.length, 2);
    const train = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: '/aws/sagemaker/TrainingJobs', Dimensions: [{ Name: 'Host', Value: `${DEMO.jobs.inProgress}/algo-3` }] }));
    assert.ok((train.Metrics ?? []).some((m) => m.MetricName === 'GPUUtilization'));
    const algo = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: '/aws/sagemaker/TrainingJobs', Dimensions: [{ Name: 'TrainingJobName', Value: DEMO.jobs.inProgress }] }));
    assert.deepEqual((algo.Metrics ?? []).map((m) => m.MetricName).sort(), ['train:accuracy', 'train:loss', 'validation:accuracy', 'validation:loss']);
    const inv = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: 'AWS/SageMaker', Dimensions: epDims(DEMO.endpoints.bursty) }));
    for (const name of ['Invocations', 'Invocation4XXErrors', 'Invocation5XXErrors', 'InvocationsPerInstance', 'ModelLatency', 'OverheadLatency', 'InvocationModelErrors', 'ModelSetupTime']) {
      assert.ok((inv.Metrics ?? []).some((m) => m.MetricName === name), name);
    }
  });

  it('ListMetrics: only metrics active in the last two weeks (old training jobs drop out)', async () => {
    const r = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: '/aws/sagemaker/TrainingJobs', Dimensions: [{ Name: 'TrainingJobName', Value: DEMO.jobs.completed }] }));
    assert.equal(r.Metrics?.length, 4);
    await c.sim.control.advanceClock(15 * 86400_000);
    const later = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: '/aws/sagemaker/TrainingJobs', Dimensions: [{ Name: 'TrainingJobName', Value: DEMO.jobs.completed }] }));
    assert.equal(later.Metrics?.length, 0);
    await c.sim.control.reset();
  });

  it('ListMetrics: 500 a page with NextToken (large scenario)', async () => {
    const big = await startWithClients({ scenario: 'large', scenarioOptions: { trainingJobs: 10, endpoints: 100, endpointKinds: 0, logHosts: 1, logLinesPerHost: 10 } });
    try {
      let n = 0;
      let pages = 0;
      let NextToken: string | undefined;
      do {
        const r: ListMetricsCommandOutput = await big.cloudwatch.send(new ListMetricsCommand({ Namespace: 'AWS/SageMaker', NextToken }));
        if (r.NextToken) assert.equal(r.Metrics?.length, 500);
        n += r.Metrics?.length ?? 0;
        NextToken = r.NextToken;
        pages++;
      } while (NextToken);
      assert.equal(n, 100 * 8);
      assert.equal(pages, 2);
      let total = 0;
      NextToken = undefined;
      do {
        const r: ListMetricsCommandOutput = await big.cloudwatch.send(new ListMetricsCommand({ NextToken }));
        total += r.Metrics?.length ?? 0;
        NextToken = r.NextToken;
      } while (NextToken);
      assert.ok(total > 1000, String(total));
    } finally {
      await destroyClients(big);
    }
  });

  it('GetMetricData: Sum/Average/Minimum/Maximum/SampleCount/p99, aligned timestamps, ScanBy', async () => {
    const end = new Date(T0);
    const start = new Date(T0 - 3600_000);
    const dims = epDims(DEMO.endpoints.bursty);
    const r = await c.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: end,
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [q('inv', 'Invocations', dims, 'Sum'), q('lat', 'ModelLatency', dims, 'Average', 300), q('latmin', 'ModelLatency', dims, 'Minimum', 300), q('latmax', 'ModelLatency', dims, 'Maximum', 300), q('n', 'Invocations', dims, 'SampleCount'), q('p99', 'ModelLatency', dims, 'p99', 300), q('err', 'Invocation5XXErrors', dims, 'Average')],
      }),
    );
    const by = Object.fromEntries((r.MetricDataResults ?? []).map((x) => [x.Id, x]));
    assert.equal(by.inv.Timestamps?.length, 60);
    assert.equal(by.inv.StatusCode, 'Complete');
    assert.equal(by.inv.Label, 'Invocations');
    const ts = (by.inv.Timestamps ?? []).map((d: Date) => d.getTime());
    assert.deepEqual(ts, [...ts].sort((a, b) => a - b));
    for (const t of ts) assert.equal(t % 60_000, 0);
    assert.equal(by.lat.Timestamps?.length, 12);
    for (let i = 0; i < 12; i++) {
      const min = by.latmin.Values?.[i] as number;
      const avg = by.lat.Values?.[i] as number;
      const max = by.latmax.Values?.[i] as number;
      const p99 = by.p99.Values?.[i] as number;
      assert.ok(min <= avg && avg <= p99 && p99 <= max, `${min} ${avg} ${p99} ${max}`);
    }
    for (const v of by.err.Values ?? []) assert.ok(v >= 0 && v <= 1);
    const desc = await c.cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, MetricDataQueries: [q('inv', 'Invocations', dims, 'Sum')] }));
    const dts = (desc.MetricDataResults?.[0].Timestamps ?? []).map((d: Date) => d.getTime());
    assert.deepEqual(dts, [...ts].reverse(), 'TimestampDescending by default');
    // deterministic: same values again
    const again = await c.cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', MetricDataQueries: [q('inv', 'Invocations', dims, 'Sum')] }));
    assert.deepEqual(again.MetricDataResults?.[0].Values, by.inv.Values);
  });

  it('GetMetricData: training job algorithm metrics (loss falls, accuracy rises) and host metrics summed over GPUs', async () => {
    const jobDims = [{ Name: 'TrainingJobName', Value: DEMO.jobs.inProgress }];
    const r = await c.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0 - 3600_000),
        EndTime: new Date(T0),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          q('loss', 'train:loss', jobDims, 'Average', 300, '/aws/sagemaker/TrainingJobs'),
          q('acc', 'train:accuracy', jobDims, 'Average', 300, '/aws/sagemaker/TrainingJobs'),
          q('gpu', 'GPUUtilization', [{ Name: 'Host', Value: `${DEMO.jobs.inProgress}/algo-1` }], 'Maximum', 60, '/aws/sagemaker/TrainingJobs'),
        ],
      }),
    );
    const by = Object.fromEntries((r.MetricDataResults ?? []).map((x) => [x.Id, x.Values ?? []]));
    assert.ok(by.loss.length >= 3, 'training started 20 minutes before T0');
    assert.ok(by.loss[by.loss.length - 1] < by.loss[0]);
    assert.ok(by.acc[by.acc.length - 1] > by.acc[0]);
    assert.ok(by.gpu.length >= 15);
    for (const v of by.gpu) assert.ok(v > 0 && v <= 100, String(v));
  });

  it('GetMetricData: retention tiers (60 s for 15 days, 300 s to 63 days, 3600 s to 15 months)', async () => {
    const dims = epDims(DEMO.endpoints.bursty);
    const run = async (daysAgo: number, period: number) => {
      const r = await c.cloudwatch.send(
        new GetMetricDataCommand({ StartTime: new Date(T0 - daysAgo * 86400_000), EndTime: new Date(T0 - daysAgo * 86400_000 + 2 * 3600_000), ScanBy: 'TimestampAscending', MetricDataQueries: [q('m', 'Invocations', dims, 'Sum', period)] }),
      );
      return r.MetricDataResults?.[0];
    };
    assert.equal((await run(10, 60))?.Values?.length, 120);
    const d20 = await run(20, 60);
    assert.equal(d20?.Values?.length, 0);
    assert.ok((d20?.Messages?.length ?? 0) > 0);
    assert.equal((await run(20, 300))?.Values?.length, 24);
    assert.equal((await run(100, 300))?.Values?.length, 0);
    assert.equal((await run(100, 3600))?.Values?.length, 2);
    assert.equal((await run(400, 3600))?.Values?.length, 2);
    assert.equal((await run(470, 3600))?.Values?.length, 0);
    // daily totals over 15 months
    const r = await c.cloudwatch.send(new GetMetricDataCommand({ StartTime: new Date(T0 - 450 * 86400_000), EndTime: new Date(T0), MetricDataQueries: [q('d', 'Invocations', dims, 'Sum', 86400)] }));
    assert.ok((r.MetricDataResults?.[0].Values?.length ?? 0) >= 419, String(r.MetricDataResults?.[0].Values?.length));
  });

  it('GetMetricData: MaxDatapoints paging with NextToken and PartialData', async () => {
    const dims = epDims(DEMO.endpoints.twoVariants, 'Primary');
    const input = { StartTime: new Date(T0 - 3600_000), EndTime: new Date(T0), ScanBy: 'TimestampAscending' as const, MaxDatapoints: 50, MetricDataQueries: [q('a', 'Invocations', dims, 'Sum'), q('b', 'ModelLatency', dims, 'Average')] };
    const p1 = await c.cloudwatch.send(new GetMetricDataCommand(input));
    assert.equal(p1.MetricDataResults?.[0].StatusCode, 'PartialData');
    assert.equal(p1.MetricDataResults?.[0].Values?.length, 50);
    assert.ok(p1.NextToken);
    const got: Record<string, number> = { a: 50 };
    let NextToken: string | undefined = p1.NextToken;
    while (NextToken) {
      const p: GetMetricDataCommandOutput = await c.cloudwatch.send(new GetMetricDataCommand({ ...input, NextToken }));
      for (const r of p.MetricDataResults ?? []) got[r.Id as string] = (got[r.Id as string] ?? 0) + (r.Values?.length ?? 0);
      NextToken = p.NextToken;
    }
    assert.deepEqual(got, { a: 60, b: 60 });
  });

  it('GetMetricData: simple metric math, unsupported expressions and bad input answer errors', async () => {
    const dims = epDims(DEMO.endpoints.bursty);
    const r = await c.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0 - 600_000),
        EndTime: new Date(T0),
        MetricDataQueries: [{ ...q('e', 'Invocation5XXErrors', dims, 'Sum'), ReturnData: false }, { ...q('n', 'Invocations', dims, 'Sum'), ReturnData: false }, { Id: 'rate', Expression: '100 * e / n', Label: '5XX %' }],
      }),
    );
    assert.equal(r.MetricDataResults?.length, 1);
    assert.equal(r.MetricDataResults?.[0].Label, '5XX %');
    assert.equal(r.MetricDataResults?.[0].Values?.length, 10);
    const err = await rejection(c.cloudwatch.send(new GetMetricDataCommand({ StartTime: new Date(T0 - 600_000), EndTime: new Date(T0), MetricDataQueries: [{ Id: 'x', Expression: 'SEARCH(\'{AWS/SageMaker} Invocations\', \'Sum\', 60)' }] })));
    assert.equal(err.name, 'InvalidParameterValueException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.match(err.message, /not supported|supports only/);
    const tooMany = await rejection(c.cloudwatch.send(new GetMetricDataCommand({ StartTime: new Date(T0 - 600_000), EndTime: new Date(T0), MetricDataQueries: Array.from({ length: 501 }, (_, i) => q(`m${i}`, 'Invocations', dims, 'Sum')) })));
    assert.equal(tooMany.name, 'InvalidParameterValueException');
    const badPeriod = await rejection(c.cloudwatch.send(new GetMetricDataCommand({ StartTime: new Date(T0 - 600_000), EndTime: new Date(T0), MetricDataQueries: [q('m', 'Invocations', dims, 'Sum', 45)] })));
    assert.equal(badPeriod.name, 'InvalidParameterValueException');
  });

  it('GetMetricStatistics: statistics and extended statistics; 1,440 datapoint limit', async () => {
    const r = await c.cloudwatch.send(
      new GetMetricStatisticsCommand({ Namespace: 'AWS/SageMaker', MetricName: 'ModelLatency', Dimensions: epDims(DEMO.endpoints.threeInstances), StartTime: new Date(T0 - 3600_000), EndTime: new Date(T0), Period: 300, Statistics: ['Average', 'Maximum', 'SampleCount'], ExtendedStatistics: ['p90'] }),
    );
    assert.equal(r.Datapoints?.length, 12);
    const dp = r.Datapoints?.[0];
    assert.ok(dp?.Timestamp instanceof Date);
    assert.equal(dp?.Unit, 'Microseconds');
    assert.ok((dp?.Maximum ?? 0) >= (dp?.Average ?? 0));
    assert.ok(typeof dp?.ExtendedStatistics?.p90 === 'number');
    const cpu = await c.cloudwatch.send(
      new GetMetricStatisticsCommand({ Namespace: '/aws/sagemaker/Endpoints', MetricName: 'CPUUtilization', Dimensions: [...epDims(DEMO.endpoints.bursty), { Name: 'InstanceId', Value: (await c.sim.control.scenario()).endpoints.find((e) => e.name === DEMO.endpoints.bursty)?.variants[0].instanceIds[0] as string }], StartTime: new Date(T0 - 3600_000), EndTime: new Date(T0), Period: 60, Statistics: ['Maximum'] }),
    );
    assert.equal(cpu.Datapoints?.length, 60);
    for (const d of cpu.Datapoints ?? []) assert.ok((d.Maximum as number) >= 0 && (d.Maximum as number) <= 800, 'CPU summed over 8 cores');
    const err = await rejection(c.cloudwatch.send(new GetMetricStatisticsCommand({ Namespace: 'AWS/SageMaker', MetricName: 'Invocations', StartTime: new Date(T0 - 2 * 86400_000), EndTime: new Date(T0), Period: 60, Statistics: ['Sum'] })));
    assert.equal(err.name, 'InvalidParameterCombinationException');
  });

  it('PutMetricData: small JSON bodies and ≥10 KB gzip bodies from the SDK are both read back', async () => {
    const seen: string[] = [];
    c.cloudwatch.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as { headers: Record<string, string>; body: unknown };
        seen.push(req.headers['content-encoding'] ?? 'identity');
        if (req.headers['content-encoding'] === 'gzip') assert.ok(gunzipSync(Buffer.from(req.body as Uint8Array)).length >= 10_240);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'observeEncoding' },
    );
    const dims = [{ Name: 'Job', Value: 'j1' }];
    await c.cloudwatch.send(new PutMetricDataCommand({ Namespace: 'Custom/Test', MetricData: [{ MetricName: 'small', Dimensions: dims, Timestamp: new Date(T0 - 120_000), Value: 5, Unit: 'Count' }] }));
    const data = Array.from({ length: 400 }, (_, i) => ({ MetricName: 'big', Dimensions: dims, Timestamp: new Date(T0 - 3600_000 + Math.floor(i / 4) * 30_000), Value: i, Unit: 'Count' as const }));
    await c.cloudwatch.send(new PutMetricDataCommand({ Namespace: 'Custom/Test', MetricData: data }));
    c.cloudwatch.middlewareStack.remove('observeEncoding');
    assert.deepEqual(seen, ['identity', 'gzip']);
    const r = await c.cloudwatch.send(
      new GetMetricDataCommand({ StartTime: new Date(T0 - 3600_000), EndTime: new Date(T0), ScanBy: 'TimestampAscending', MetricDataQueries: [q('s', 'small', dims, 'Sum', 60, 'Custom/Test'), q('b', 'big', dims, 'SampleCount', 3600, 'Custom/Test'), q('bs', 'big', dims, 'Sum', 3600, 'Custom/Test')] }),
    );
    const by = Object.fromEntries((r.MetricDataResults ?? []).map((x) => [x.Id, x.Values]));
    assert.deepEqual(by.s, [5]);
    assert.deepEqual(by.b, [400]);
    assert.deepEqual(by.bs, [(399 * 400) / 2]);
    const listed = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: 'Custom/Test' }));
    assert.deepEqual(listed.Metrics?.map((m) => m.MetricName).sort(), ['big', 'small']);
    const reserved = await rejection(c.cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AWS/SageMaker', MetricData: [{ MetricName: 'x', Value: 1 }] })));
    assert.equal(reserved.name, 'InvalidParameterValueException');
  });

  it('alarms: DescribeAlarms, DescribeAlarmsForMetric, PutMetricAlarm, DeleteAlarms', async () => {
    const all = await c.cloudwatch.send(new DescribeAlarmsCommand({}));
    assert.ok((all.MetricAlarms?.length ?? 0) >= 2);
    for (const a of all.MetricAlarms ?? []) assert.ok(['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(a.StateValue as string));
    await c.cloudwatch.send(
      new PutMetricAlarmCommand({ AlarmName: 'test-cpu-high', Namespace: '/aws/sagemaker/Endpoints', MetricName: 'CPUUtilization', Dimensions: epDims(DEMO.endpoints.threeInstances), Statistic: 'Maximum', Period: 60, EvaluationPeriods: 3, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }),
    );
    const forMetric = await c.cloudwatch.send(new DescribeAlarmsForMetricCommand({ Namespace: '/aws/sagemaker/Endpoints', MetricName: 'CPUUtilization', Dimensions: epDims(DEMO.endpoints.threeInstances) }));
    assert.deepEqual(forMetric.MetricAlarms?.map((a) => a.AlarmName), ['test-cpu-high']);
    assert.equal(forMetric.MetricAlarms?.[0].StateValue, 'ALARM');
    const prefix = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'test-' }));
    assert.equal(prefix.MetricAlarms?.length, 1);
    await c.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['test-cpu-high'] }));
    const gone = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['test-cpu-high'] }));
    assert.equal(gone.MetricAlarms?.length, 0);
    const nf = await rejection(c.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['test-cpu-high'] })));
    assert.equal(nf.name, 'ResourceNotFound');
    assert.equal(nf.$metadata?.httpStatusCode, 404);
  });

  it('query-compatible errors carry the x-amzn-query-error header', async () => {
    const res = await fetch(c.sim.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData', 'x-amzn-query-mode': 'true', authorization: 'AWS4-HMAC-SHA256 Credential=AKIDSIM/20261124/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=abcd' },
      body: '{"MetricDataQueries":[]}',
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-amzn-query-error'), 'MissingParameter;Sender');
    const body = (await res.json()) as { __type: string; message: string };
    assert.match(body.__type, /MissingRequiredParameterException$/);
  });

  it('awsQuery: a hand-made form POST of GetMetricData gets AWS\'s XML envelope; errors get the XML error envelope', async () => {
    const auth = 'AWS4-HMAC-SHA256 Credential=AKIDSIM/20261124/us-east-1/monitoring/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd';
    const form = new URLSearchParams({
      Action: 'GetMetricData',
      Version: '2010-08-01',
      'MetricDataQueries.member.1.Id': 'm1',
      'MetricDataQueries.member.1.MetricStat.Metric.Namespace': 'AWS/SageMaker',
      'MetricDataQueries.member.1.MetricStat.Metric.MetricName': 'Invocations',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name': 'EndpointName',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value': DEMO.endpoints.bursty,
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name': 'VariantName',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value': 'AllTraffic',
      'MetricDataQueries.member.1.MetricStat.Period': '60',
      'MetricDataQueries.member.1.MetricStat.Stat': 'Sum',
      StartTime: new Date(T0 - 300_000).toISOString(),
      EndTime: new Date(T0).toISOString(),
      ScanBy: 'TimestampAscending',
    });
    const res = await fetch(c.sim.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: auth }, body: form.toString() });
    assert.equal(res.status, 200);
    const xml = await res.text();
    assert.match(xml, /^<GetMetricDataResponse xmlns="http:\/\/monitoring\.amazonaws\.com\/doc\/2010-08-01\/"><GetMetricDataResult><MetricDataResults><member><Id>m1<\/Id><Label>Invocations<\/Label><Timestamps><member>2026-11-24T11:55:00Z<\/member>/);
    assert.equal((xml.match(/<Timestamps>(.*?)<\/Timestamps>/)?.[1].match(/<member>/g) ?? []).length, 5);
    assert.match(xml, /<StatusCode>Complete<\/StatusCode>/);
    assert.match(xml, /<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/GetMetricDataResponse>/);
    const bad = await fetch(c.sim.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth }, body: 'Action=GetMetricData&Version=2010-08-01' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /^<ErrorResponse xmlns="http:\/\/monitoring\.amazonaws\.com\/doc\/2010-08-01\/"><Error><Type>Sender<\/Type><Code>MissingParameter<\/Code><Message>.*<\/Message><\/Error><RequestId>/);
    const put = await fetch(c.sim.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth }, body: `Action=PutMetricData&Version=2010-08-01&Namespace=Q&MetricData.member.1.MetricName=x&MetricData.member.1.Value=3&MetricData.member.1.Timestamp=${encodeURIComponent(new Date(T0 - 60_000).toISOString())}` });
    assert.match(await put.text(), /^<PutMetricDataResponse xmlns="http:\/\/monitoring\.amazonaws\.com\/doc\/2010-08-01\/"><ResponseMetadata><RequestId>/);
    const list = await fetch(c.sim.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth }, body: 'Action=ListMetrics&Version=2010-08-01&Namespace=Q' });
    assert.match(await list.text(), /<ListMetricsResult><Metrics><member><Namespace>Q<\/Namespace><MetricName>x<\/MetricName><Dimensions\/?>/);
    const unknown = await fetch(c.sim.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth }, body: 'Action=Nope&Version=2010-08-01' });
    assert.equal(unknown.status, 400);
    assert.match(await unknown.text(), /<Code>InvalidAction<\/Code>/);
  });
});
