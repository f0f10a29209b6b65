/** Bad input never crashes or hangs the server: deterministic junk for every operation answers a 4xx (or 200). */
import * as assert from 'node:assert/strict';
import { type Clients, destroyClients, startWithClients } from './helpers';

const OPS: Record<string, { target: string; ctype: string; ops: string[] }> = {
  sagemaker: { target: 'SageMaker', ctype: 'application/x-amz-json-1.1', ops: ['ListEndpoints', 'DescribeEndpoint', 'DescribeEndpointConfig', 'ListTrainingJobs', 'DescribeTrainingJob', 'CreateEndpointConfig', 'CreateEndpoint', 'CreateTrainingJob', 'ListProcessingJobs', 'DescribeProcessingJob', 'CreateProcessingJob', 'ListTransformJobs', 'DescribeTransformJob', 'CreateTransformJob', 'ListInferenceComponents', 'DescribeInferenceComponent', 'CreateInferenceComponent', 'DescribeModel', 'CreateModel'] },
  logs: { target: 'Logs_20140328', ctype: 'application/x-amz-json-1.1', ops: ['DescribeLogGroups', 'DescribeLogStreams', 'GetLogEvents', 'FilterLogEvents', 'CreateLogGroup', 'CreateLogStream', 'PutLogEvents', 'StartLiveTail'] },
  cloudwatch: { target: 'GraniteServiceVersion20100801', ctype: 'application/x-amz-json-1.0', ops: ['ListMetrics', 'GetMetricData', 'GetMetricStatistics', 'PutMetricData', 'DescribeAlarms', 'DescribeAlarmsForMetric', 'PutMetricAlarm', 'DeleteAlarms'] },
};

const FIELDS = ['logGroupName', 'logStreamName', 'limit', 'nextToken', 'startTime', 'endTime', 'filterPattern', 'logStreamNames', 'logStreamNamePrefix', 'logEvents', 'orderBy', 'descending', 'logGroupIdentifiers', 'logEventFilterPattern', 'EndpointName', 'EndpointConfigName', 'TrainingJobName', 'MaxResults', 'NextToken', 'SortBy', 'SortOrder', 'StatusEquals', 'CreationTimeAfter', 'ProductionVariants', 'ResourceConfig', 'Namespace', 'MetricName', 'Dimensions', 'MetricDataQueries', 'StartTime', 'EndTime', 'Period', 'Statistics', 'ExtendedStatistics', 'MetricData', 'AlarmNames', 'MaxDatapoints', 'ScanBy', 'Threshold', 'ComparisonOperator', 'EvaluationPeriods', 'ProcessingJobName', 'TransformJobName', 'ModelName', 'RoleArn', 'ProcessingResources', 'AppSpecification', 'ProcessingInputs', 'TransformInput', 'TransformOutput', 'TransformResources', 'InferenceComponentName', 'EndpointNameEquals', 'Specification', 'RuntimeConfig', 'AsyncInferenceConfig', 'MetricsConfig', 'PrimaryContainer'];
const VALUES: unknown[] = [null, 0, -1, 1e300, 10_001, 'x', '', '/aws/sagemaker/TrainingJobs', 'f/99999999999999999999', 'b/1', '{ $.a = ', '"unterminated', '%[%', [], [null], [{}], [{ Name: 1 }], [{ Id: 'A b' }], [{ Id: 'm', MetricStat: {} }], [{ Id: 'm', Expression: 'm/' }], {}, { a: [1, { b: null }] }, true, 'TimestampSideways', [{ timestamp: 'x', message: 5 }],
  [{ Id: 'm', MetricStat: { Metric: { Namespace: 'a', MetricName: 'b', Dimensions: [null] }, Period: 60, Stat: 'Sum' } }],
  [{ Id: 'm', MetricStat: { Metric: null, Period: 'x', Stat: 5 } }],
  { ClusterConfig: { InstanceCount: 'x', InstanceType: 5 } },
  { ImageUri: 5, ContainerEntrypoint: [null] },
  { DataSource: { S3DataSource: 7 } },
  [{ InputName: null, S3Input: [] }],
  [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations' }, Period: 60, Stat: 'p999.9' } }],
  [{ MetricName: 'x', Values: [1, 'a'], Counts: [1] }],
  [{ MetricName: 'x', StatisticValues: { Sum: 1 } }],
  [{ VariantName: 'v', ModelName: 'm', InitialInstanceCount: -1 }],
  [{ VariantName: 'v', ServerlessConfig: { MemorySizeInMB: 'x', MaxConcurrency: null } }],
  { ModelName: 'llama3-8b-chat-model', ComputeResourceRequirements: { MinMemoryRequiredInMb: 'x' }, CopyCount: -1 },
  { OutputConfig: [], EnableEnhancedMetrics: 'x', MetricPublishFrequencyInSeconds: 7, Image: 5, Mode: 'Both' },
  { InstanceCount: 'x', InstanceType: 5 },
  [{ timestamp: 1795500000000, message: 'ok' }],
  'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs:*',
  ['/aws/sagemaker/TrainingJobs'],
  [null, 'x'],
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('simulator: junk input gets error shapes, never a crash or a hang', function () {
  this.timeout(20_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  for (const [service, spec] of Object.entries(OPS)) {
    it(`${service}: 40 junk bodies per operation`, async () => {
      const r = rng(service.length * 7919);
      for (const op of spec.ops) {
        for (let i = 0; i < 40; i++) {
          const body: Record<string, unknown> = {};
          const n = 1 + Math.floor(r() * 5);
          for (let k = 0; k < n; k++) body[FIELDS[Math.floor(r() * FIELDS.length)]] = VALUES[Math.floor(r() * VALUES.length)];
          const ac = new AbortController();
          const timer = setTimeout(() => ac.abort(), 5000);
          const res = await fetch(c.sim.url, {
            method: 'POST',
            signal: ac.signal,
            headers: { 'content-type': spec.ctype, 'x-amz-target': `${spec.target}.${op}`, authorization: `AWS4-HMAC-SHA256 Credential=AKIDSIM/20261124/us-east-1/x/aws4_request, SignedHeaders=host, Signature=00` },
            body: JSON.stringify(body),
          });
          if (op === 'StartLiveTail' && res.status === 200) {
            ac.abort();
            clearTimeout(timer);
            continue;
          }
          const text = await res.text();
          clearTimeout(timer);
          assert.ok(res.status === 200 || (res.status >= 400 && res.status < 500), `${op} ${JSON.stringify(body)} → ${res.status} ${text}`);
          if (res.status >= 400) assert.ok(typeof (JSON.parse(text) as { __type?: unknown }).__type === 'string', text);
        }
      }
    });
  }

  it('awsQuery junk', async () => {
    const r = rng(42);
    for (const op of OPS.cloudwatch.ops) {
      for (let i = 0; i < 20; i++) {
        const params = new URLSearchParams({ Action: op, Version: '2010-08-01' });
        for (let k = 0; k < 4; k++) params.append(`${FIELDS[Math.floor(r() * FIELDS.length)]}${r() < 0.5 ? '.member.1' : ''}${r() < 0.3 ? '.Name' : ''}`, String(VALUES[Math.floor(r() * VALUES.length)]));
        const res = await fetch(c.sim.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=A/20261124/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=00' }, body: params.toString() });
        const text = await res.text();
        assert.ok(res.status === 200 || (res.status >= 400 && res.status < 500), `${op} ${params} → ${res.status} ${text}`);
      }
    }
    await c.sim.control.health();
  });
});
