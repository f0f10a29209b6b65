import * as assert from 'node:assert/strict';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateTrainingJobCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListTrainingJobsCommand,
  paginateListTrainingJobs,
} from '@aws-sdk/client-sagemaker';
import { DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, rejection, startWithClients, T0 } from './helpers';

describe('simulator: SageMaker (awsJson1_1)', function () {
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  it('ListEndpoints: demo endpoints, newest first by default, status filter, paging', async () => {
    const all = await c.sagemaker.send(new ListEndpointsCommand({}));
    const names = (all.Endpoints ?? []).map((e) => e.EndpointName);
    assert.deepEqual(new Set(names), new Set(Object.values(DEMO.endpoints)));
    const times = (all.Endpoints ?? []).map((e) => (e.CreationTime as Date).getTime());
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.ok(all.Endpoints?.[0].CreationTime instanceof Date);
    const creating = await c.sagemaker.send(new ListEndpointsCommand({ StatusEquals: 'Creating' }));
    assert.deepEqual(creating.Endpoints?.map((e) => e.EndpointName), [DEMO.endpoints.creating]);
    const paged: (string | undefined)[] = [];
    let pages = 0;
    let NextToken: string | undefined;
    do {
      const p = await c.sagemaker.send(new ListEndpointsCommand({ MaxResults: 2, SortBy: 'Name', SortOrder: 'Ascending', NextToken }));
      assert.equal(p.Endpoints?.length, 2);
      paged.push(...(p.Endpoints ?? []).map((e) => e.EndpointName));
      NextToken = p.NextToken;
      pages++;
    } while (NextToken);
    assert.equal(pages, names.length / 2);
    assert.deepEqual(paged, [...names].sort());
    const contains = await c.sagemaker.send(new ListEndpointsCommand({ NameContains: 'FRAUD' }));
    assert.deepEqual(contains.Endpoints?.map((e) => e.EndpointName), [DEMO.endpoints.bursty]);
  });

  it('DescribeEndpoint / DescribeEndpointConfig: variants, instance counts, weights', async () => {
    const ep = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: DEMO.endpoints.twoVariants }));
    assert.equal(ep.EndpointStatus, 'InService');
    assert.deepEqual(ep.ProductionVariants?.map((v) => [v.VariantName, v.CurrentInstanceCount]), [
      ['Primary', 2],
      ['Canary', 1],
    ]);
    const cfg = await c.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: ep.EndpointConfigName }));
    assert.equal(cfg.ProductionVariants?.[0].InstanceType, 'ml.m5.xlarge');
    const three = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: DEMO.endpoints.threeInstances }));
    assert.equal(three.ProductionVariants?.[0].CurrentInstanceCount, 3);
    const creating = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: DEMO.endpoints.creating }));
    assert.equal(creating.EndpointStatus, 'Creating');
  });

  it('DescribeEndpoint of a missing endpoint is a ValidationException "Could not find endpoint" (as AWS does)', async () => {
    const err = await rejection(c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'nope' })));
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.match(err.message, /Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint\/nope"/);
  });

  it('ListTrainingJobs: status and name filters, creation time window, sort and paging', async () => {
    const all = await c.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: 100 }));
    // the 6 training jobs, the tuning job's 8 children and the pipeline's training job
    const K = DEMO.tuning.children;
    assert.equal(all.TrainingJobSummaries?.length, 15);
    const times = (all.TrainingJobSummaries ?? []).map((j) => (j.CreationTime as Date).getTime());
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'ascending by default');
    const failed = await c.sagemaker.send(new ListTrainingJobsCommand({ StatusEquals: 'Failed' }));
    assert.deepEqual(failed.TrainingJobSummaries?.map((j) => j.TrainingJobName), [DEMO.jobs.failed, K.failed]);
    const recent = await c.sagemaker.send(new ListTrainingJobsCommand({ CreationTimeAfter: new Date(T0 - 12 * 3600_000), SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 20 }));
    const children = [K.inProgress[1], K.completed[3], K.inProgress[0], K.stopped, K.completed[2], K.failed, K.completed[1], K.completed[0]];
    assert.deepEqual(recent.TrainingJobSummaries?.map((j) => j.TrainingJobName), [DEMO.jobs.inProgress, ...children, DEMO.jobs.failed, DEMO.jobs.restarted]);
    const byName = await c.sagemaker.send(new ListTrainingJobsCommand({ NameContains: 'sentiment', SortBy: 'Name', SortOrder: 'Ascending' }));
    assert.deepEqual(byName.TrainingJobSummaries?.map((j) => j.TrainingJobName), ['bert-sentiment-finetune', 'sentiment-bert-ft-live', 'sentiment-distilbert-baseline']);
    const pages: string[] = [];
    for await (const page of paginateListTrainingJobs({ client: c.sagemaker, pageSize: 2 }, {})) pages.push(...(page.TrainingJobSummaries ?? []).map((j) => j.TrainingJobName as string));
    assert.equal(pages.length, 15);
    const err = await rejection(c.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: 101 })));
    assert.equal(err.name, 'ValidationException');
  });

  it('DescribeTrainingJob: InProgress job with SecondaryStatus transitions, 4 hosts, metric definitions, hyperparameters', async () => {
    const j = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.inProgress }));
    assert.equal(j.TrainingJobStatus, 'InProgress');
    assert.equal(j.SecondaryStatus, 'Training');
    assert.deepEqual(j.SecondaryStatusTransitions?.map((t) => t.Status), ['Starting', 'Downloading', 'Training']);
    assert.equal(j.ResourceConfig?.InstanceCount, 4);
    assert.equal(j.ResourceConfig?.InstanceType, 'ml.p3.2xlarge');
    assert.ok(j.AlgorithmSpecification?.MetricDefinitions?.some((m) => m.Name === 'train:loss'));
    assert.equal(j.HyperParameters?.sagemaker_program, '"train.py"');
    assert.match(j.HyperParameters?.sagemaker_submit_directory ?? '', /^"s3:\/\/.*sourcedir\.tar\.gz"$/);
    assert.ok(j.TrainingStartTime instanceof Date);
    assert.equal(j.TrainingEndTime, undefined);
  });

  it('DescribeTrainingJob: Failed (FailureReason), Stopped, restarted; missing job', async () => {
    const f = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.failed }));
    assert.equal(f.TrainingJobStatus, 'Failed');
    assert.match(f.FailureReason ?? '', /^AlgorithmError: ExecuteUserScriptError/);
    assert.ok(f.TrainingEndTime instanceof Date);
    const s = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.stopped }));
    assert.equal(s.TrainingJobStatus, 'Stopped');
    assert.deepEqual(s.SecondaryStatusTransitions?.map((t) => t.Status).slice(-2), ['Stopping', 'Stopped']);
    const r = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.restarted }));
    assert.ok(r.SecondaryStatusTransitions?.some((t) => t.Status === 'Restarting'));
    const done = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.completed }));
    assert.equal(done.TrainingJobStatus, 'Completed');
    assert.match(done.ModelArtifacts?.S3ModelArtifacts ?? '', /model\.tar\.gz$/);
    const err = await rejection(c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'missing-job' })));
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.message, 'Requested resource not found.');
  });

  it('the InProgress job moves Training → Uploading → Completed as the clock advances', async () => {
    await c.sim.control.advanceClock(3 * 3600_000 + 41 * 60_000);
    const up = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.inProgress }));
    assert.equal(up.SecondaryStatus, 'Uploading');
    await c.sim.control.advanceClock(10 * 60_000);
    const done = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.inProgress }));
    assert.equal(done.TrainingJobStatus, 'Completed');
    await c.sim.control.reset();
    const again = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.inProgress }));
    assert.equal(again.TrainingJobStatus, 'InProgress');
  });

  it('CreateEndpointConfig / CreateEndpoint / CreateTrainingJob, and duplicates', async () => {
    await c.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'test-cfg', ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 }] }));
    const created = await c.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'test-ep', EndpointConfigName: 'test-cfg' }));
    assert.match(created.EndpointArn ?? '', /endpoint\/test-ep$/);
    const d = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'test-ep' }));
    assert.equal(d.EndpointStatus, 'Creating');
    const dup = await rejection(c.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'test-ep', EndpointConfigName: 'test-cfg' })));
    assert.equal(dup.name, 'ValidationException');
    const tj = await c.sagemaker.send(
      new CreateTrainingJobCommand({
        TrainingJobName: 'test-job',
        RoleArn: 'arn:aws:iam::123456789012:role/r',
        AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File', MetricDefinitions: [{ Name: 'loss', Regex: 'loss=(\\S+)' }] },
        OutputDataConfig: { S3OutputPath: 's3://b/o' },
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2, VolumeSizeInGB: 10 },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
        HyperParameters: { sagemaker_program: '"train.py"' },
      }),
    );
    assert.match(tj.TrainingJobArn ?? '', /training-job\/test-job$/);
    const dj = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'test-job' }));
    assert.equal(dj.TrainingJobStatus, 'InProgress');
    assert.equal(dj.ResourceConfig?.InstanceCount, 2);
    assert.deepEqual(dj.AlgorithmSpecification?.MetricDefinitions, [{ Name: 'loss', Regex: 'loss=(\\S+)' }]);
    assert.deepEqual(dj.HyperParameters, { sagemaker_program: '"train.py"' });
    // its two hosts start writing logs once it is Downloading
    await c.sim.control.advanceClock(5 * 60_000);
    const streams = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: 'test-job/' }));
    assert.equal(streams.logStreams?.length, 2);
    assert.ok((streams.logStreams ?? []).every((s) => (s.lastEventTimestamp ?? 0) > 0));
    const st = await c.sim.control.setTrainingJobStatus('test-job', 'Failed', { failureReason: 'ClientError: boom' });
    assert.equal(st.TrainingJobStatus, 'Failed');
    const df = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'test-job' }));
    assert.equal(df.FailureReason, 'ClientError: boom');
    await c.sim.control.setEndpointStatus('test-ep', 'Failed', { failureReason: 'capacity' });
    const ef = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'test-ep' }));
    assert.equal(ef.EndpointStatus, 'Failed');
    assert.equal(ef.FailureReason, 'capacity');
  });
});
