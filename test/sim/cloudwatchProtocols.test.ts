/** The same CloudWatch handlers behind the three wire protocols, driven by the real SDK client with each protocol. */
import * as assert from 'node:assert/strict';
import { CloudWatchClient, GetMetricDataCommand, GetMetricStatisticsCommand, ListMetricsCommand, PutMetricDataCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { AwsJson1_0Protocol, AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, credentials, destroyClients, rejection, startWithClients, T0 } from './helpers';

const PROTOCOLS = [
  ['awsJson1_0 (query-compatible, the default)', AwsJson1_0Protocol],
  ['awsQuery (form + XML)', AwsQueryProtocol],
  ['smithy rpc-v2-cbor', AwsSmithyRpcV2CborProtocol],
] as const;

describe('simulator: CloudWatch over each wire protocol with the real SDK client', function () {
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  for (const [label, protocol] of PROTOCOLS) {
    describe(label, () => {
      let cw: CloudWatchClient;
      before(() => {
        cw = new CloudWatchClient({ endpoint: c.sim.url, region: 'us-east-1', credentials, maxAttempts: 1, protocol });
      });
      after(() => cw.destroy());

      it('GetMetricData returns Date timestamps and values', async () => {
        const r = await cw.send(
          new GetMetricDataCommand({
            StartTime: new Date(T0 - 600_000),
            EndTime: new Date(T0),
            ScanBy: 'TimestampAscending',
            MetricDataQueries: [{ Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName', Value: DEMO.endpoints.bursty }, { Name: 'VariantName', Value: 'AllTraffic' }] }, Period: 60, Stat: 'Sum' } }],
          }),
        );
        const res = r.MetricDataResults?.[0];
        assert.equal(res?.Id, 'inv');
        assert.equal(res?.Timestamps?.length, 10);
        assert.ok(res?.Timestamps?.[0] instanceof Date);
        assert.equal(res?.Timestamps?.[0].getTime(), T0 - 600_000);
        assert.equal(typeof res?.Values?.[0], 'number');
        assert.equal(res?.StatusCode, 'Complete');
      });

      it('ListMetrics with a name-only dimension filter; PutMetricData; DescribeAlarms', async () => {
        const r = await cw.send(new ListMetricsCommand({ Namespace: '/aws/sagemaker/Endpoints', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'Host' }] }));
        assert.equal(r.Metrics?.length, 3);
        const ns = `Proto/${label.split(' ')[0]}`;
        await cw.send(new PutMetricDataCommand({ Namespace: ns, MetricData: [{ MetricName: 'x', Timestamp: new Date(T0 - 60_000), Value: 7, Unit: 'Count' }] }));
        const l = await cw.send(new ListMetricsCommand({ Namespace: ns }));
        assert.equal(l.Metrics?.[0].MetricName, 'x');
        const a = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'fraud-' }));
        assert.equal(a.MetricAlarms?.[0].AlarmName, 'fraud-detector-api-5xx-rate');
        assert.ok(a.MetricAlarms?.[0].StateUpdatedTimestamp instanceof Date);
      });

      it('GetMetricStatistics with statistics and an extended statistic (a map member)', async () => {
        const r = await cw.send(
          new GetMetricStatisticsCommand({ Namespace: 'AWS/SageMaker', MetricName: 'ModelLatency', Dimensions: [{ Name: 'EndpointName', Value: DEMO.endpoints.threeInstances }, { Name: 'VariantName', Value: 'AllTraffic' }], StartTime: new Date(T0 - 1800_000), EndTime: new Date(T0), Period: 300, Statistics: ['Average', 'SampleCount'], ExtendedStatistics: ['p90'] }),
        );
        assert.equal(r.Label, 'ModelLatency');
        assert.equal(r.Datapoints?.length, 6);
        const dp = r.Datapoints?.[0];
        assert.ok(dp?.Timestamp instanceof Date);
        assert.equal(typeof dp?.Average, 'number');
        assert.equal(typeof dp?.ExtendedStatistics?.p90, 'number');
        assert.equal(dp?.Unit, 'Microseconds');
      });

      it('errors keep their modeled names and HTTP status', async () => {
        const err = await rejection(cw.send(new GetMetricDataCommand({ StartTime: new Date(T0), EndTime: new Date(T0 - 1000), MetricDataQueries: [{ Id: 'a', Expression: '1' }] })));
        assert.equal(err.name, 'InvalidParameterValueException');
        assert.equal(err.$metadata?.httpStatusCode, 400);
      });
    });
  }
});
