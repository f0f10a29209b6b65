import * as assert from 'node:assert/strict';
import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { DEMO } from '../../sim/scenarios/demo';
import { SdkLogSource } from '../../src/aws/logs/source';
import { describeTrainingJob } from '../../src/aws/sagemaker';
import { RequestBudget, systemClock } from '../../src/logs/engine/budget';
import { readJobLines } from '../../src/logs/jobLines';
import { curveParserOf } from '../../src/shared/logCurves/feeds';
import { JobCurveFeed } from '../../src/shared/logCurves/jobCurveFeed';
import type { JobLinesRequest } from '../../src/shared/logs/jobLines';
import { type Clients, destroyClients, startWithClients } from './helpers';

describe('simulator: the demo jobs\' log lines as curves (MetricDefinitions, Hugging Face dicts), read with the real SDK', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  /** The job's curves as the panel builds them: its parser, and its lines read once by the tail engine. */
  async function curvesOf(trainingJobName: string, request: Partial<JobLinesRequest> = {}): Promise<JobCurveFeed> {
    const job = await describeTrainingJob(c.sagemaker, trainingJobName);
    const feed = new JobCurveFeed(trainingJobName);
    feed.setParser(curveParserOf(job.metricDefinitions, undefined));
    const deps = { source: async () => new SdkLogSource(c.logs, c.sagemaker), budget: async () => new RequestBudget(1000, 1000, systemClock), clock: systemClock, pollIntervalSeconds: () => 1 };
    await readJobLines(deps, { trainingJobName, startTime: 0, follow: false, ...request }, new AbortController().signal, (events) => feed.add(events));
    return feed;
  }

  it('the live job logs lines its MetricDefinitions match: a train:loss and a validation:loss curve per host', async () => {
    const feed = await curvesOf(DEMO.jobs.inProgress);
    assert.equal(feed.source, 'metricDefinitions');
    assert.deepEqual(feed.problems, []);
    const series = feed.snapshot();
    for (const host of ['algo-1', 'algo-2', 'algo-3', 'algo-4']) {
      for (const metric of ['train:loss', 'train:accuracy', 'validation:loss', 'validation:accuracy']) {
        const s = series.find((x) => x.host === host && x.metric === metric);
        assert.ok(s && s.points.length > 0, `${metric} of ${host}`);
        assert.ok(s.points.every((p) => p.value > 0 && p.value < 2), `${metric} values are plausible`);
      }
    }
    // ` loss=([0-9\.]+)` does not match `val_loss=`: the train and validation curves differ in length.
    const train = series.find((x) => x.host === 'algo-1' && x.metric === 'train:loss');
    const validation = series.find((x) => x.host === 'algo-1' && x.metric === 'validation:loss');
    assert.ok(train && validation && train.points.length > validation.points.length);
  });

  it('the Hugging Face job has no MetricDefinitions and no algorithm metrics; its dict lines give curves with the epoch as x', async () => {
    const job = await describeTrainingJob(c.sagemaker, DEMO.jobs.huggingFace);
    assert.equal(job.status, 'Completed');
    assert.deepEqual(job.metricDefinitions, []);
    const listed = await c.cloudwatch.send(new ListMetricsCommand({ Namespace: '/aws/sagemaker/TrainingJobs', Dimensions: [{ Name: 'TrainingJobName', Value: DEMO.jobs.huggingFace }] }));
    assert.deepEqual(listed.Metrics ?? [], []);
    const feed = await curvesOf(DEMO.jobs.huggingFace);
    assert.equal(feed.source, 'logPatterns');
    const series = feed.snapshot();
    const metrics = new Set(series.map((s) => s.metric));
    for (const m of ['loss', 'learning_rate', 'eval_loss', 'eval_accuracy', 'train_loss']) {
      assert.ok(metrics.has(m), `${m} in ${[...metrics].join(', ')}`);
    }
    assert.ok(!metrics.has('epoch'), 'the epoch is the x, not a curve');
    assert.deepEqual(new Set(series.map((s) => s.host)), new Set(['algo-1', 'algo-2']));
    const loss = series.filter((s) => s.metric === 'loss').flatMap((s) => s.points);
    assert.ok(loss.length > 40);
    assert.ok(loss.every((p) => p.epoch !== undefined && p.epoch > 0 && p.epoch <= 3));
    const lr = series.find((s) => s.metric === 'learning_rate')?.points ?? [];
    assert.ok(lr.some((p) => p.value < 1e-4 && p.value > 0), 'learning rates like 2e-05 are read');
  });

  it('a window read ends before its end time: an older part of the log, once, no follow', async () => {
    const whole = await curvesOf(DEMO.jobs.huggingFace);
    const all = whole.snapshot().find((s) => s.host === 'algo-1' && s.metric === 'loss')?.points ?? [];
    const cut = all[Math.floor(all.length / 2)].time;
    const before = await curvesOf(DEMO.jobs.huggingFace, { endTime: cut });
    const older = before.snapshot().find((s) => s.host === 'algo-1' && s.metric === 'loss')?.points ?? [];
    assert.deepEqual(older.map((p) => p.time), all.filter((p) => p.time < cut).map((p) => p.time));
  });
});
