import * as assert from 'node:assert/strict';
import {
  isRestarted,
  logStreamLabel,
  logStreamTooltip,
  trainingHostDescription,
  trainingHostTooltip,
  trainingJobDescription,
  trainingJobTooltip,
} from '../../../src/explorer/model/trainingJobText';
import type { TrainingHost, TrainingJobDetail, TrainingJobSummary } from '../../../src/shared/model';

const t0 = Date.UTC(2024, 0, 2, 3, 4, 5);
const min = 60_000;
const job = (over: Partial<TrainingJobSummary> = {}): TrainingJobSummary => ({ name: 'bert', arn: 'arn', status: 'InProgress', createdAt: t0, ...over });
const detail = (over: Partial<TrainingJobDetail> = {}): TrainingJobDetail => ({
  ...job(),
  instanceCount: 2,
  instanceType: 'ml.p3.2xlarge',
  transitions: [],
  metricDefinitions: [],
  hyperParameters: {},
  ...over,
});
const host = (streams: number): TrainingHost => ({
  trainingJobName: 'bert',
  host: 'algo-1',
  instanceNumber: 1,
  streams: Array.from({ length: streams }, (_, n) => ({ logStreamName: `bert/algo-1-${n}`, startedAt: t0 / 1000 + n })),
});

describe('explorer/model/trainingJobText: the training job subtree in words', () => {
  it('a running job: the secondary status and how long it has run until now', () => {
    assert.equal(trainingJobDescription(job({ secondaryStatus: 'Training' }), undefined, t0 + 3 * min), 'Training · 3m');
    assert.equal(trainingJobDescription(job({ secondaryStatus: 'InProgress' }), undefined, t0 + 3 * min), 'InProgress · 3m');
  });

  it('a finished job runs until it ended, or was last modified; from its start once read', () => {
    assert.equal(trainingJobDescription(job({ status: 'Completed', endedAt: t0 + 10 * min }), undefined, t0 + 99 * min), 'Completed · 10m');
    assert.equal(trainingJobDescription(job({ status: 'Failed', modifiedAt: t0 + 5 * min }), undefined, t0 + 99 * min), 'Failed · 5m');
    assert.equal(trainingJobDescription(job({ status: 'Stopped' }), undefined, t0 + 99 * min), 'Stopped');
    assert.equal(trainingJobDescription(job({ status: 'Completed', endedAt: t0 + 10 * min }), detail({ startedAt: t0 + 4 * min }), 0), 'Completed · 6m');
  });

  it('the tooltip gains the instances once the job has been read', () => {
    const head = '**bert** — InProgress (Training)\n\nCreated 2024-01-02 03:04:05 UTC  \nEnded —';
    assert.equal(trainingJobTooltip(job({ secondaryStatus: 'Training' }), undefined), head);
    assert.equal(trainingJobTooltip(job({ secondaryStatus: 'Training' }), detail()), `${head}  \n2 × ml.p3.2xlarge`);
    assert.ok(trainingJobTooltip(job(), detail({ instanceType: undefined })).endsWith('2 × instance'));
  });

  it('the tooltip of a job that ended: training and billable seconds and the Spot saving, as the SDK prints them', () => {
    const ended = job({ status: 'Completed', endedAt: t0 + 20 * min });
    const spot = trainingJobTooltip(ended, detail({ ...ended, trainingSeconds: 874, billableSeconds: 262, managedSpot: true }));
    assert.ok(spot.endsWith('2 × ml.p3.2xlarge  \nTraining seconds: 1748  \nBillable seconds: 524  \nManaged Spot Training savings: 70.0%'), spot);
    const onDemand = trainingJobTooltip(ended, detail({ ...ended, trainingSeconds: 600, billableSeconds: 600 }));
    assert.ok(onDemand.endsWith('Training seconds: 1200  \nBillable seconds: 1200'), onDemand);
  });

  it('hosts: no logs yet, one stream, or restarted with several', () => {
    assert.equal(trainingHostDescription(host(0)), 'no logs yet');
    assert.equal(trainingHostDescription(host(1)), undefined);
    assert.equal(trainingHostDescription(host(3)), '3 streams (restarted)');
    assert.deepEqual([0, 1, 2].map((n) => isRestarted(host(n))), [false, false, true]);
    assert.equal(trainingHostTooltip(host(0)), '**bert / algo-1**\n\nNo log streams yet.');
    assert.equal(
      trainingHostTooltip(host(2)),
      '**bert / algo-1**\n\n`bert/algo-1-0` — started 2024-01-02 03:04:05 UTC  \n`bert/algo-1-1` — started 2024-01-02 03:04:06 UTC',
    );
  });

  it('log streams: the last part of the name as label, group, name and last event as tooltip', () => {
    assert.equal(logStreamLabel('bert/algo-1-1700000000'), 'algo-1-1700000000');
    assert.equal(logStreamLabel('plain'), 'plain');
    assert.equal(logStreamTooltip('/aws/sagemaker/TrainingJobs', 'bert/algo-1', undefined), '/aws/sagemaker/TrainingJobs\nbert/algo-1\nLast event: —');
  });
});
