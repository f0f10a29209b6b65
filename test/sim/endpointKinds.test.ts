import * as assert from 'node:assert/strict';
import {
  CreateEndpointConfigCommand,
  CreateInferenceComponentCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeInferenceComponentCommand,
  DescribeModelCommand,
  ListInferenceComponentsCommand,
} from '@aws-sdk/client-sagemaker';
import { DescribeAlarmsCommand, GetMetricDataCommand, ListMetricsCommand, type Dimension } from '@aws-sdk/client-cloudwatch';
import { DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, rejection, startWithClients, T0 } from './helpers';

const EP = DEMO.endpoints;
const IC = DEMO.inferenceComponents;
const MIN = 60_000;

describe('simulator: endpoint kinds (inference components, async, serverless, multi-model)', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  const metrics = async (Namespace: string, Dimensions: Dimension[]) => {
    const r = await c.cloudwatch.send(new ListMetricsCommand({ Namespace, Dimensions }));
    return (r.Metrics ?? []).map((m) => ({ name: m.MetricName as string, dims: (m.Dimensions ?? []).map((d) => d.Name as string).sort().join('+') }));
  };
  const series = async (Namespace: string, MetricName: string, Dimensions: Dimension[], Stat: string, minutes: number, period = 60) => {
    const r = await c.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0 - minutes * MIN),
        EndTime: new Date(T0),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace, MetricName, Dimensions }, Period: period, Stat } }],
      }),
    );
    return r.MetricDataResults?.[0].Values ?? [];
  };

  it('ListInferenceComponents: filters, sort, paging, enum errors', async () => {
    const all = await c.sagemaker.send(new ListInferenceComponentsCommand({}));
    assert.deepEqual(all.InferenceComponents?.map((i) => i.InferenceComponentName), [IC.updating, IC.inService], 'newest first');
    const s = all.InferenceComponents?.[1];
    assert.equal(s?.EndpointName, EP.inferenceComponents);
    assert.equal(s?.VariantName, 'AllTraffic');
    assert.equal(s?.InferenceComponentStatus, 'InService');
    assert.match(s?.InferenceComponentArn ?? '', /^arn:aws:sagemaker:us-east-1:123456789012:inference-component\/llama3-8b-chat$/);
    assert.ok(s?.CreationTime instanceof Date && s.LastModifiedTime instanceof Date);
    const updating = await c.sagemaker.send(new ListInferenceComponentsCommand({ StatusEquals: 'Updating' }));
    assert.deepEqual(updating.InferenceComponents?.map((i) => i.InferenceComponentName), [IC.updating]);
    const byEndpoint = await c.sagemaker.send(new ListInferenceComponentsCommand({ EndpointNameEquals: EP.twoVariants }));
    assert.deepEqual(byEndpoint.InferenceComponents, []);
    const byVariant = await c.sagemaker.send(new ListInferenceComponentsCommand({ EndpointNameEquals: EP.inferenceComponents, VariantNameEquals: 'Other' }));
    assert.deepEqual(byVariant.InferenceComponents, []);
    const named = await c.sagemaker.send(new ListInferenceComponentsCommand({ NameContains: 'LLAMA' }));
    assert.deepEqual(named.InferenceComponents?.map((i) => i.InferenceComponentName), [IC.inService]);
    const recent = await c.sagemaker.send(new ListInferenceComponentsCommand({ CreationTimeAfter: new Date(T0 - 5 * 86400_000) }));
    assert.deepEqual(recent.InferenceComponents?.map((i) => i.InferenceComponentName), [IC.updating]);
    const p1 = await c.sagemaker.send(new ListInferenceComponentsCommand({ SortBy: 'Name', SortOrder: 'Ascending', MaxResults: 1 }));
    assert.deepEqual(p1.InferenceComponents?.map((i) => i.InferenceComponentName), [IC.inService]);
    const p2 = await c.sagemaker.send(new ListInferenceComponentsCommand({ SortBy: 'Name', SortOrder: 'Ascending', MaxResults: 1, NextToken: p1.NextToken }));
    assert.deepEqual(p2.InferenceComponents?.map((i) => i.InferenceComponentName), [IC.updating]);
    assert.equal(p2.NextToken, undefined);
    const bad = await rejection(c.sagemaker.send(new ListInferenceComponentsCommand({ StatusEquals: 'Running' as never })));
    assert.equal(bad.name, 'ValidationException');
  });

  it('DescribeInferenceComponent: specification, copies, an update that completes with the clock; unknown name', async () => {
    const llama = await c.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: IC.inService }));
    assert.equal(llama.InferenceComponentStatus, 'InService');
    assert.equal(llama.Specification?.ModelName, 'llama3-8b-chat-model');
    assert.deepEqual(llama.Specification?.ComputeResourceRequirements, { NumberOfAcceleratorDevicesRequired: 1, NumberOfCpuCoresRequired: 2, MinMemoryRequiredInMb: 24576 });
    assert.ok(llama.Specification?.Container?.DeployedImage?.SpecifiedImage?.includes('djl-inference'));
    assert.deepEqual(llama.RuntimeConfig, { DesiredCopyCount: 2, CurrentCopyCount: 2 });
    assert.equal(llama.LastDeploymentConfig, undefined);
    const mistral = await c.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: IC.updating }));
    assert.equal(mistral.InferenceComponentStatus, 'Updating');
    assert.deepEqual(mistral.RuntimeConfig, { DesiredCopyCount: 3, CurrentCopyCount: 1 });
    assert.equal(mistral.LastDeploymentConfig?.RollingUpdatePolicy?.MaximumBatchSize?.Type, 'COPY_COUNT');
    await c.sim.control.advanceClock(13 * MIN);
    try {
      const done = await c.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: IC.updating }));
      assert.equal(done.InferenceComponentStatus, 'InService');
      assert.deepEqual(done.RuntimeConfig, { DesiredCopyCount: 3, CurrentCopyCount: 3 });
    } finally {
      await c.sim.control.reset();
    }
    const err = await rejection(c.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'nope' })));
    assert.equal(err.name, 'ValidationException');
    assert.match(err.message, /Could not find inference component "arn:aws:sagemaker:us-east-1:123456789012:inference-component\/nope"/);
  });

  it('CreateInferenceComponent: validated, Creating then InService with its copies', async () => {
    const base = { EndpointName: EP.inferenceComponents, VariantName: 'AllTraffic', Specification: { ModelName: 'llama3-8b-chat-model', ComputeResourceRequirements: { MinMemoryRequiredInMb: 8192, NumberOfAcceleratorDevicesRequired: 1 } }, RuntimeConfig: { CopyCount: 2 } };
    try {
      const r = await c.sagemaker.send(new CreateInferenceComponentCommand({ ...base, InferenceComponentName: 'llama3-8b-canary' }));
      assert.match(r.InferenceComponentArn ?? '', /inference-component\/llama3-8b-canary$/);
      const created = await c.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'llama3-8b-canary' }));
      assert.equal(created.InferenceComponentStatus, 'Creating');
      assert.deepEqual(created.RuntimeConfig, { DesiredCopyCount: 2, CurrentCopyCount: 0 });
      await c.sim.control.advanceClock(5 * MIN);
      const up = await c.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'llama3-8b-canary' }));
      assert.deepEqual([up.InferenceComponentStatus, up.RuntimeConfig?.CurrentCopyCount], ['InService', 2]);
      const dup = await rejection(c.sagemaker.send(new CreateInferenceComponentCommand({ ...base, InferenceComponentName: 'llama3-8b-canary' })));
      assert.match(`${dup.name} ${dup.message}`, /ValidationException Cannot create already existing inference component/);
      const noEndpoint = await rejection(c.sagemaker.send(new CreateInferenceComponentCommand({ ...base, InferenceComponentName: 'x1', EndpointName: 'nope' })));
      assert.match(`${noEndpoint.name} ${noEndpoint.message}`, /ValidationException Could not find endpoint/);
      const noModel = await rejection(c.sagemaker.send(new CreateInferenceComponentCommand({ ...base, InferenceComponentName: 'x2', Specification: { ...base.Specification, ModelName: 'nope' } })));
      assert.match(`${noModel.name} ${noModel.message}`, /ValidationException Could not find model/);
      const modelVariant = await rejection(c.sagemaker.send(new CreateInferenceComponentCommand({ ...base, InferenceComponentName: 'x3', EndpointName: EP.twoVariants, VariantName: 'Primary' })));
      assert.equal(modelVariant.name, 'ValidationException');
      const noCopies = await rejection(c.sagemaker.send(new CreateInferenceComponentCommand({ ...base, InferenceComponentName: 'x4', RuntimeConfig: undefined })));
      assert.equal(noCopies.name, 'ValidationException');
    } finally {
      await c.sim.control.reset();
    }
  });

  it('DescribeEndpoint / DescribeEndpointConfig / DescribeModel per kind', async () => {
    const ic = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: EP.inferenceComponents }));
    assert.deepEqual(ic.MetricsConfig, { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 60 });
    assert.equal(ic.ProductionVariants?.[0].CurrentInstanceCount, 2);
    assert.equal(ic.ProductionVariants?.[0].ManagedInstanceScaling?.Status, 'ENABLED');
    const icCfg = await c.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: ic.EndpointConfigName }));
    assert.equal(icCfg.ProductionVariants?.[0].ModelName, undefined, 'an IC variant names no model');
    assert.equal(icCfg.ProductionVariants?.[0].InstanceType, 'ml.g5.12xlarge');
    assert.equal(icCfg.MetricsConfig?.EnableEnhancedMetrics, true);

    const async = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: EP.async }));
    assert.match(async.AsyncInferenceConfig?.OutputConfig?.S3OutputPath ?? '', /^s3:\/\/.*\/churn-async\/output$/);
    assert.equal(async.AsyncInferenceConfig?.ClientConfig?.MaxConcurrentInvocationsPerInstance, 4);
    assert.equal(async.MetricsConfig, undefined);
    const asyncCfg = await c.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: async.EndpointConfigName }));
    assert.ok(asyncCfg.AsyncInferenceConfig?.OutputConfig?.S3FailurePath);

    const sl = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: EP.serverless }));
    const v = sl.ProductionVariants?.[0];
    assert.deepEqual(v?.CurrentServerlessConfig, { MemorySizeInMB: 4096, MaxConcurrency: 20, ProvisionedConcurrency: 2 });
    assert.deepEqual(v?.DesiredServerlessConfig, v?.CurrentServerlessConfig);
    assert.equal(v?.CurrentInstanceCount, undefined);
    const slCfg = await c.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: sl.EndpointConfigName }));
    assert.deepEqual([slCfg.ProductionVariants?.[0].InstanceType, slCfg.ProductionVariants?.[0].InitialInstanceCount], [undefined, undefined]);
    assert.equal(slCfg.ProductionVariants?.[0].ServerlessConfig?.MemorySizeInMB, 4096);

    const mme = await c.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: (await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: EP.multiModel }))).EndpointConfigName }));
    const model = await c.sagemaker.send(new DescribeModelCommand({ ModelName: mme.ProductionVariants?.[0].ModelName }));
    assert.equal(model.PrimaryContainer?.Mode, 'MultiModel');
    assert.match(model.PrimaryContainer?.ModelDataUrl ?? '', /\/$/);
    const single = await c.sagemaker.send(new DescribeModelCommand({ ModelName: 'churn-xgb-model-v7' }));
    assert.equal(single.PrimaryContainer?.Mode, 'SingleModel');
    const err = await rejection(c.sagemaker.send(new DescribeModelCommand({ ModelName: 'nope' })));
    assert.match(`${err.name} ${err.message}`, /ValidationException Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model\/nope"/);
  });

  it('CreateEndpointConfig takes ServerlessConfig, AsyncInferenceConfig, MetricsConfig and model-less variants', async () => {
    await c.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'kinds-cfg',
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-xgb-model-v7', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }],
        AsyncInferenceConfig: { OutputConfig: { S3OutputPath: 's3://b/out' } },
        MetricsConfig: { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 10 },
      }),
    );
    const cfg = await c.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'kinds-cfg' }));
    assert.deepEqual(cfg.ProductionVariants?.[0].ServerlessConfig, { MemorySizeInMB: 2048, MaxConcurrency: 5 });
    assert.equal(cfg.AsyncInferenceConfig?.OutputConfig?.S3OutputPath, 's3://b/out');
    assert.deepEqual(cfg.MetricsConfig, { EnableEnhancedMetrics: true, MetricPublishFrequencyInSeconds: 10 });
    await c.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'kinds-ic-cfg', ProductionVariants: [{ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }] }));
    const bad = await rejection(
      c.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'kinds-bad', ProductionVariants: [{ VariantName: 'A', ModelName: 'm', InstanceType: 'ml.m5.large' }], MetricsConfig: { MetricPublishFrequencyInSeconds: 45 as never } })),
    );
    assert.equal(bad.name, 'ValidationException');
    const badMem = await rejection(c.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'kinds-bad2', ProductionVariants: [{ VariantName: 'A', ModelName: 'm', ServerlessConfig: { MemorySizeInMB: 1500, MaxConcurrency: 5 } }] })));
    assert.equal(badMem.name, 'ValidationException');
    const noOutput = await rejection(c.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'kinds-bad3', ProductionVariants: [{ VariantName: 'A', ModelName: 'm' }], AsyncInferenceConfig: { OutputConfig: {} } })));
    assert.equal(noOutput.name, 'ValidationException');
    await c.sim.control.reset();
  });

  it('ListMetrics: the namespaces and dimensions of each kind', async () => {
    const icInv = await metrics('AWS/SageMaker', [{ Name: 'InferenceComponentName', Value: IC.inService }]);
    const perComponent = icInv.filter((m) => m.dims === 'InferenceComponentName').map((m) => m.name).sort();
    assert.deepEqual(perComponent, ['ConcurrentRequestsPerCopy', 'Invocation4XXErrors', 'Invocation5XXErrors', 'Invocations', 'InvocationsPerCopy', 'ModelLatency']);
    assert.ok(icInv.some((m) => m.dims === 'ContainerId+InferenceComponentName+InstanceId'), 'enhanced: per copy');
    const icUtil = await metrics('/aws/sagemaker/InferenceComponents', [{ Name: 'InferenceComponentName', Value: IC.inService }]);
    assert.deepEqual(icUtil.filter((m) => m.dims === 'InferenceComponentName').map((m) => m.name).sort(), ['CPUUtilizationNormalized', 'GPUMemoryUtilizationNormalized', 'GPUUtilizationNormalized', 'MemoryUtilizationNormalized']);
    const icEp = await metrics('/aws/sagemaker/Endpoints', [{ Name: 'EndpointName', Value: EP.inferenceComponents }]);
    const variantLevel = icEp.filter((m) => m.dims === 'EndpointName+VariantName').map((m) => m.name);
    for (const r of ['CPUReservation', 'GPUReservation', 'MemoryReservation', 'CPUUtilization', 'GPUUtilization', 'MemoryUtilization']) assert.ok(variantLevel.includes(r), r);
    assert.equal(icEp.filter((m) => m.dims === 'EndpointName+InstanceId+VariantName' && m.name === 'CPUUtilization').length, 2, 'per instance');
    assert.equal(icEp.filter((m) => m.dims === 'AcceleratorId+EndpointName+InstanceId+VariantName' && m.name === 'GPUUtilization').length, 8, 'per GPU: 2 instances × 4');

    const async = await metrics('AWS/SageMaker', [{ Name: 'EndpointName', Value: EP.async }]);
    assert.deepEqual(async.filter((m) => m.dims === 'EndpointName').map((m) => m.name).sort(), ['ApproximateAgeOfOldestRequest', 'ApproximateBacklogSize', 'ApproximateBacklogSizePerInstance', 'HasBacklogWithoutCapacity']);
    const asyncVariant = async.filter((m) => m.dims === 'EndpointName+VariantName').map((m) => m.name);
    for (const n of ['TimeInBacklog', 'TotalProcessingTime', 'InvocationsProcesssed', 'InvocationFailures', 'ExpiredRequests', 'ModelLatency']) assert.ok(asyncVariant.includes(n), n);
    assert.ok(!asyncVariant.includes('Invocations') && !asyncVariant.includes('InvocationsPerInstance'), 'no Invocations for async');

    const sl = await metrics('AWS/SageMaker', [{ Name: 'EndpointName', Value: EP.serverless }]);
    for (const n of ['ModelSetupTime', 'OverheadLatency', 'ServerlessConcurrentExecutionsUtilization', 'ServerlessProvisionedConcurrencyExecutions', 'ServerlessProvisionedConcurrencyUtilization', 'ServerlessProvisionedConcurrencyInvocations', 'ServerlessProvisionedConcurrencySpilloverInvocations', 'Invocations', 'ModelLatency']) {
      assert.ok(sl.some((m) => m.name === n), n);
    }
    assert.ok(!sl.some((m) => m.name === 'InvocationsPerInstance'));
    const slHost = await metrics('/aws/sagemaker/Endpoints', [{ Name: 'EndpointName', Value: EP.serverless }]);
    assert.deepEqual(slHost, [{ name: 'MemoryUtilization', dims: 'EndpointName+VariantName' }], 'no instance metrics');

    const mme = await metrics('AWS/SageMaker', [{ Name: 'EndpointName', Value: EP.multiModel }]);
    for (const n of ['ModelLoadingWaitTime', 'ModelUnloadingTime', 'ModelDownloadingTime', 'ModelLoadingTime', 'ModelCacheHit', 'Invocations']) assert.ok(mme.some((m) => m.name === n && m.dims === 'EndpointName+VariantName'), n);
    const mmeHost = await metrics('/aws/sagemaker/Endpoints', [{ Name: 'EndpointName', Value: EP.multiModel }]);
    assert.ok(mmeHost.some((m) => m.name === 'LoadedModelCount' && m.dims === 'EndpointName+VariantName'));
  });

  it('GetMetricData: the async backlog rises then drains, with a stretch without capacity; cache misses; cold starts; reservation', async () => {
    const ep = [{ Name: 'EndpointName', Value: EP.async }];
    const backlog = await series('AWS/SageMaker', 'ApproximateBacklogSize', ep, 'Average', 180, 300);
    assert.equal(backlog.length, 36);
    const peak = Math.max(...backlog);
    const at = backlog.indexOf(peak);
    assert.ok(peak > 1000, `peak ${peak}`);
    assert.ok(backlog[0] < 100 && backlog[backlog.length - 1] < 100, `${backlog[0]} … ${backlog[backlog.length - 1]}`);
    assert.ok(at > 3 && at < 30, `peak at bucket ${at}`);
    const noCapacity = await series('AWS/SageMaker', 'HasBacklogWithoutCapacity', ep, 'Maximum', 180);
    const ones = noCapacity.filter((x) => x === 1).length;
    assert.equal(ones, 30, 'scaled to 0 for 30 minutes');
    assert.equal(noCapacity[noCapacity.length - 1], 0);
    const processed = await series('AWS/SageMaker', 'InvocationsProcesssed', [...ep, { Name: 'VariantName', Value: 'AllTraffic' }], 'Sum', 180);
    assert.ok(processed.includes(0) && Math.max(...processed) > 0);

    const variant = (name: string) => [{ Name: 'EndpointName', Value: name }, { Name: 'VariantName', Value: 'AllTraffic' }];
    const hit = await series('AWS/SageMaker', 'ModelCacheHit', variant(EP.multiModel), 'Average', 60);
    assert.ok(hit.length > 50 && hit.every((h) => h < 1 && h > 0.5), hit.join());
    const loaded = await series('/aws/sagemaker/Endpoints', 'LoadedModelCount', variant(EP.multiModel), 'Average', 180);
    assert.ok(new Set(loaded).size > 3, 'LoadedModelCount varies');

    const overhead = await series('AWS/SageMaker', 'OverheadLatency', variant(EP.serverless), 'Maximum', 24 * 60, 3600);
    assert.ok(Math.max(...overhead) > 5e6 && Math.min(...overhead) < 1e6, 'cold starts take seconds, warm requests milliseconds');
    const setup = await series('AWS/SageMaker', 'ModelSetupTime', variant(EP.serverless), 'SampleCount', 24 * 60, 3600);
    assert.ok(setup.length > 3, 'model set up at cold starts');

    const gpu = await series('/aws/sagemaker/Endpoints', 'GPUReservation', variant(EP.inferenceComponents), 'Average', 5);
    assert.deepEqual(gpu, Array(5).fill(37.5), '3 of 8 GPUs reserved (2 llama copies + 1 mistral copy)');
  });

  it('logs: component streams per copy, async data-log, serverless without instance ids, multi-model cache misses', async () => {
    const streams = async (g: string) => ((await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: g }))).logStreams ?? []).map((s) => s.logStreamName as string);
    const events = async (g: string, s: string) => ((await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: s, startFromHead: false, limit: 200 }))).events ?? []).map((e) => e.message as string);
    const acc = c.sim.state.home();
    const llama = acc.inferenceComponents.get(IC.inService)!;
    assert.deepEqual((await streams(`/aws/sagemaker/InferenceComponents/${IC.inService}`)).sort(), llama.copies.map((cp) => `${cp.instanceId}/${cp.containerId}`).sort());
    const copy = llama.copies[0];
    assert.ok((await events(`/aws/sagemaker/InferenceComponents/${IC.inService}`, `${copy.instanceId}/${copy.containerId}`)).some((m) => m.includes('POST /invocations')));
    const ids = acc.endpoints.get(EP.inferenceComponents)!.variants[0].instanceIds;
    assert.deepEqual((await streams(`/aws/sagemaker/Endpoints/${EP.inferenceComponents}`)).sort(), ids.map((i) => `AllTraffic/${i}`).sort());

    const asyncStreams = await streams(`/aws/sagemaker/Endpoints/${EP.async}`);
    assert.equal(asyncStreams.length, 4, asyncStreams.join());
    const dataLogs = asyncStreams.filter((s) => /^AllTraffic\/i-[0-9a-f]{17}\/data-log$/.test(s));
    assert.equal(dataLogs.length, 2, 'the instance before the scale-in and the one after');
    const now = acc.endpoints.get(EP.async)!.variants[0].instanceIds[0];
    const lines = await events(`/aws/sagemaker/Endpoints/${EP.async}`, `AllTraffic/${now}/data-log`);
    assert.ok(lines.some((m) => m.includes('from the queue')) && lines.some((m) => m.includes('written to s3://')), lines.slice(0, 3).join('\n'));

    const sl = await streams(`/aws/sagemaker/Endpoints/${EP.serverless}`);
    assert.equal(sl.length, 2);
    assert.ok(sl.every((s) => /^AllTraffic\/[0-9a-f]{32}$/.test(s)), sl.join());

    const mme = await streams(`/aws/sagemaker/Endpoints/${EP.multiModel}`);
    assert.equal(mme.length, 2);
    const mmeLines = await events(`/aws/sagemaker/Endpoints/${EP.multiModel}`, mme[0]);
    assert.ok(mmeLines.some((m) => m.includes('cache miss')) && mmeLines.some((m) => m.includes('Unloading model')));
  });

  it('the async alarm on HasBacklogWithoutCapacity ≥ 1', async () => {
    const r = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['churn-async-backlog-without-capacity'] }));
    const a = r.MetricAlarms?.[0];
    assert.equal(a?.MetricName, 'HasBacklogWithoutCapacity');
    assert.deepEqual(a?.Dimensions, [{ Name: 'EndpointName', Value: EP.async }]);
    assert.deepEqual([a?.ComparisonOperator, a?.Threshold], ['GreaterThanOrEqualToThreshold', 1]);
  });
});
