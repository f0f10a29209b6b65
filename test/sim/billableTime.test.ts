import * as assert from 'node:assert/strict';
import { CreateTrainingJobCommand, DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { DEMO } from '../../sim/scenarios/demo';
import { describeTrainingJob } from '../../src/aws/sagemaker';
import { billableTimeLines } from '../../src/shared/billableTime';
import { type Clients, destroyClients, startWithClients } from './helpers';

describe('simulator: DescribeTrainingJob training and billable time, Managed Spot Training', function () {
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  it('a Spot job that ended: TrainingTimeInSeconds, a smaller BillableTimeInSeconds, EnableManagedSpotTraining', async () => {
    const j = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.restarted }));
    assert.equal(j.TrainingJobStatus, 'Completed');
    assert.equal(j.EnableManagedSpotTraining, true);
    assert.ok((j.TrainingTimeInSeconds ?? 0) > 0);
    assert.ok((j.BillableTimeInSeconds ?? 0) > 0 && (j.BillableTimeInSeconds ?? 0) < (j.TrainingTimeInSeconds ?? 0));
    // as the extension reads it, and as the tooltip and Show Failure print it
    const d = await describeTrainingJob(c.sagemaker, DEMO.jobs.restarted);
    assert.equal(d.trainingSeconds, j.TrainingTimeInSeconds);
    assert.equal(d.billableSeconds, j.BillableTimeInSeconds);
    assert.equal(d.managedSpot, true);
    const lines = billableTimeLines(d);
    assert.equal(lines.length, 3);
    assert.match(lines[2], /^Managed Spot Training savings: \d+\.\d%$/);
  });

  it('an on-demand job that ended: billable = training time, no Spot', async () => {
    const j = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.completed }));
    assert.equal(j.EnableManagedSpotTraining, false);
    assert.ok((j.TrainingTimeInSeconds ?? 0) > 0);
    assert.equal(j.BillableTimeInSeconds, j.TrainingTimeInSeconds);
    const d = await describeTrainingJob(c.sagemaker, DEMO.jobs.completed);
    assert.equal(d.managedSpot, undefined);
    assert.equal(billableTimeLines(d).length, 2);
  });

  it('a job still running has neither time (as in AWS); a Spot job created with the SDK has both once it ends', async () => {
    const running = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: DEMO.jobs.inProgress }));
    assert.equal(running.TrainingJobStatus, 'InProgress');
    assert.equal(running.TrainingTimeInSeconds, undefined);
    assert.equal(running.BillableTimeInSeconds, undefined);
    assert.deepEqual(billableTimeLines(await describeTrainingJob(c.sagemaker, DEMO.jobs.inProgress)), []);

    await c.sagemaker.send(
      new CreateTrainingJobCommand({
        TrainingJobName: 'spot-job',
        RoleArn: 'arn:aws:iam::123456789012:role/r',
        AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File' },
        OutputDataConfig: { S3OutputPath: 's3://b/o' },
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 },
        StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 },
        EnableManagedSpotTraining: true,
      }),
    );
    const started = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'spot-job' }));
    assert.equal(started.EnableManagedSpotTraining, true);
    assert.equal(started.BillableTimeInSeconds, undefined);
    await c.sim.control.advanceClock(30 * 60_000);
    const ended = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'spot-job' }));
    assert.equal(ended.TrainingJobStatus, 'Completed');
    assert.ok((ended.BillableTimeInSeconds ?? 0) > 0 && (ended.BillableTimeInSeconds ?? 0) < (ended.TrainingTimeInSeconds ?? 0));
  });
});
