import * as assert from 'node:assert/strict';
import { GetMetricDataCommand, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import { instanceCores } from '../../src/shared/metrics/panels';
import { trainingHostDimension } from '../../src/shared/names';
import { type Clients, destroyClients, startWithClients } from './helpers';

// CPUUtilization is summed over vCPUs: a host's value lies in 0..100 × the vCPUs of its instance type, as the
// extension knows them (its per-CPU view divides by that count). Every 1-minute datapoint of every host of every
// training job of the demo scenario, over the whole run (the clock advanced past the live job's end).
describe('simulator: training host CPUUtilization stays within 0..100 % × vCPUs (demo scenario)', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
    await c.sim.control.advanceClock(6 * 3600_000);
  });
  after(() => destroyClients(c));

  it('every datapoint of every training host, from the job\'s creation to its end', async () => {
    const jobs = (await c.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: 100 }))).TrainingJobSummaries ?? [];
    // 6 training jobs, the tuning job's 8 children and the pipeline's training job
    assert.equal(jobs.length, 15);
    let checked = 0;
    for (const summary of jobs) {
      const job = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: summary.TrainingJobName }));
      const name = job.TrainingJobName as string;
      assert.ok(['Completed', 'Failed', 'Stopped'].includes(job.TrainingJobStatus as string), `${name} ended (${job.TrainingJobStatus})`);
      const type = job.ResourceConfig?.InstanceType as string;
      const vcpus = instanceCores(type).cpus;
      assert.ok(vcpus, `vCPUs of ${type}`);
      const start = job.CreationTime as Date;
      const end = new Date((job.LastModifiedTime as Date).getTime() + 60_000);
      const hosts = job.ResourceConfig?.InstanceCount as number;
      const queries = Array.from({ length: hosts }, (_, i) =>
        (['Maximum', 'Minimum'] as const).map((stat) => ({
          Id: `h${i + 1}${stat.toLowerCase()}`,
          MetricStat: { Metric: { Namespace: '/aws/sagemaker/TrainingJobs', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'Host', Value: trainingHostDimension(name, i + 1) }] }, Period: 60, Stat: stat },
        })),
      ).flat();
      const r = await c.cloudwatch.send(new GetMetricDataCommand({ StartTime: start, EndTime: end, MetricDataQueries: queries }));
      assert.equal(r.NextToken, undefined);
      const results = new Map((r.MetricDataResults ?? []).map((m): [string, MetricDataResult] => [m.Id as string, m]));
      const runMinutes = (end.getTime() - start.getTime()) / 60_000;
      for (let h = 1; h <= hosts; h++) {
        const max = results.get(`h${h}maximum`)?.Values ?? [];
        const min = results.get(`h${h}minimum`)?.Values ?? [];
        // the host publishes from the download on: most of the run, not a handful of points
        assert.ok(max.length >= runMinutes / 2, `${name}/algo-${h}: ${max.length} datapoints over ${runMinutes.toFixed(0)} min`);
        const top = Math.max(...max);
        const bottom = Math.min(...min);
        assert.ok(top <= 100 * vcpus, `${name}/algo-${h} on ${type} (${vcpus} vCPUs): CPUUtilization up to ${top} % > ${100 * vcpus} %`);
        assert.ok(bottom >= 0, `${name}/algo-${h}: CPUUtilization down to ${bottom} %`);
        checked += max.length;
      }
    }
    assert.ok(checked > 1000, `${checked} datapoints checked`);
  });
});
