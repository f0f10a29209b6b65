// A training job panel's curves from log lines ("from logs"), against the simulator, with the real SDK writing
// the lines: live within 2 s, no second read of what a running tail read, the default patterns for a job without
// MetricDefinitions, and a note for a definition JavaScript cannot express.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { type CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTrainingJobCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { MetricsPanel } from '../../../src/metrics/metricsPanel';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, setSetting, simulatorClients, simulatorForExtension, waitFor } from '../helpers';
import { assertOnlyTailsRead, closePanels, openPanel } from './panelHelpers';

const GROUP = '/aws/sagemaker/TrainingJobs';
const LOSS = [{ Name: 'train:loss', Regex: ' loss=([0-9\\.]+)' }];

describe('Metrics: curves from logs in the training job panel', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let sagemaker: SageMakerClient;
  let logs: CloudWatchLogsClient;
  let n = 0;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    ({ sagemaker, logs } = simulatorClients(sim));
    // Polling tails: their own requests are counted exactly (Live Tail would be a session instead).
    await setSetting('logs.liveTail', 'never');
  });

  afterEach(async () => {
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    await closePanels(api);
  });

  after(async () => {
    await setSetting('logs.liveTail', undefined);
    sagemaker?.destroy();
    logs?.destroy();
    await sim?.close();
  });

  /** A new training job (Starting: CloudWatch has no algorithm datapoint for minutes) and its algo-1 stream. */
  async function newJob(prefix: string, definitions: { Name: string; Regex: string }[], lines: string[]): Promise<{ name: string; put: (messages: string[]) => Promise<number> }> {
    const name = `${prefix}-${Date.now()}-${++n}`;
    await sagemaker.send(
      new CreateTrainingJobCommand({
        TrainingJobName: name,
        RoleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
        AlgorithmSpecification: { TrainingImage: 'pytorch-training:2.1.0', TrainingInputMode: 'File', MetricDefinitions: definitions },
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
        OutputDataConfig: { S3OutputPath: 's3://bucket/out' },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      }),
    );
    const stream = `${name}/algo-1-${Math.floor(Date.now() / 1000)}`;
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: stream }));
    const put = async (messages: string[]) => {
      const at = Date.now();
      await logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents: messages.map((message, i) => ({ timestamp: at + i, message })) }));
      return at;
    };
    await put(lines);
    return { name, put };
  }

  const shownPoints = (panel: MetricsPanel, metric: string, host = 'algo-1') => panel.curves?.shown?.series.find((s) => s.metric === metric && s.host === host)?.points ?? 0;

  /** The panel's CloudWatch series of an algorithm metric, and how many datapoints the last refresh gave them. */
  function cloudWatchPoints(panel: MetricsPanel, metricName: string): number {
    const series = panel.spec?.charts.flatMap((c) => c.series).filter((s) => s.metricName === metricName) ?? [];
    assert.ok(series.length > 0, `a CloudWatch series of ${metricName} in ${panel.spec?.charts.map((c) => c.id).join()}`);
    return series.reduce((sum, s) => sum + (panel.lastData?.series.find((d) => d.id === s.id)?.values.length ?? 0), 0);
  }

  it('a from-logs point appears in the panel within 2 s of PutLogEvents, while the CloudWatch algorithm series is still empty', async () => {
    const job = await newJob('curves-live', LOSS, ['Invoking user training script.']);
    const panel = await openPanel({ trainingJobName: job.name });
    assert.strictEqual(cloudWatchPoints(panel, 'train:loss'), 0);
    await waitFor(`the panel to follow the job's logs (${panel.curves?.reading})`, () => (panel.curves?.reading === 'following' ? true : undefined));
    assert.strictEqual(shownPoints(panel, 'train:loss'), 0);
    const sent = await job.put(['2026-12-04 10:00:00,000 utils.training INFO [Epoch 1] step 20/400 loss=0.6931 accuracy=0.5012']);
    await waitFor('the point drawn by the page', () => (shownPoints(panel, 'train:loss') === 1 ? true : undefined), 10_000, 20);
    const elapsed = Date.now() - sent;
    assert.ok(elapsed < 2000, `the point took ${elapsed} ms`);
    await panel.refresh();
    assert.strictEqual(cloudWatchPoints(panel, 'train:loss'), 0, 'CloudWatch still has nothing');
  });

  it('with a tail of the job running, opening its panel asks for none of the pages the tail read; the tail\'s new lines reach the chart', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `step ${i} loss=${(1 - i / 100).toFixed(2)}`);
    const job = await newJob('curves-tail', LOSS, lines);
    await vscode.commands.executeCommand(CommandId.TailLogs, { trainingJobName: job.name });
    const tailOf = () => api.logTails().find((t) => t.channelName === logChannelName(job.name));
    await waitFor('the tail to read the 30 lines', () => ((tailOf()?.eventCount ?? 0) >= 30 && tailOf()?.state === 'running' ? true : undefined));
    const tail = tailOf();
    assert.ok(tail);
    const before = await sim.control.requestCounts();
    const tailBefore = tail.requests;
    const panel = await openPanel({ trainingJobName: job.name });
    await waitFor('the tail\'s 30 points in the page', () => (shownPoints(panel, 'train:loss') === 30 ? true : undefined));
    assert.strictEqual(panel.curves?.reading, 'tail');
    await job.put(['step 30 loss=0.69']);
    await waitFor('the tail\'s new line in the page', () => (shownPoints(panel, 'train:loss') === 31 ? true : undefined));
    const after = await sim.control.requestCounts();
    const tailAfter = tail.requests;
    assertOnlyTailsRead(before, after, [tailBefore], [tailAfter]);
  });

  /**
   * Opens the job's panel (its own reader follows the job), then starts a tail of the job: once the tail has taken
   * over, every GetLogEvents / FilterLogEvents the simulator counts is the tail's, and a line logged afterwards is
   * one point more.
   */
  async function handOver(prefix: string): Promise<void> {
    const lines = Array.from({ length: 8 }, (_, i) => `step ${i} loss=${(1 - i / 100).toFixed(2)}`);
    const job = await newJob(prefix, LOSS, lines);
    const panel = await openPanel({ trainingJobName: job.name });
    await waitFor(`the panel to follow the job (${panel.curves?.reading})`, () => (panel.curves?.reading === 'following' && shownPoints(panel, 'train:loss') === 8 ? true : undefined));
    await job.put(['step 8 loss=0.91']);
    await vscode.commands.executeCommand(CommandId.TailLogs, { trainingJobName: job.name });
    const tailOf = () => api.logTails().find((t) => t.channelName === logChannelName(job.name) && t.state === 'running');
    await waitFor(`the panel's reader to hand over (${panel.curves?.reading})`, () => (panel.curves?.reading === 'tail' && tailOf() ? true : undefined));
    const tail = tailOf();
    assert.ok(tail);
    const polls = () => (tail.requests.getEvents ?? 0) + (tail.requests.filterEvents ?? 0);
    // A request of the reader's still on its way when it stopped (it polled until the tail had read its backfill)
    // reaches the simulator within a poll or two of the tail's.
    const settled = polls() + 2;
    await waitFor('the tail to poll twice', () => (polls() >= settled ? true : undefined));
    const before = await sim.control.requestCounts();
    const tailBefore = { ...tail.requests };
    await job.put(['step 9 loss=0.90']);
    await waitFor('the new line in the page', () => (shownPoints(panel, 'train:loss') >= 10 ? true : undefined));
    // Several more polls of the tail: a reader of the panel's still polling would have polled too.
    const more = polls() + 4;
    await waitFor('the tail to poll on', () => (polls() >= more ? true : undefined));
    const after = await sim.control.requestCounts();
    const tailAfter = tail.requests;
    assertOnlyTailsRead(before, after, [tailBefore], [tailAfter]);
    assert.strictEqual(shownPoints(panel, 'train:loss'), 10, 'every line once');
    const values = panel.curves?.feed.snapshot().find((s) => s.metric === 'train:loss')?.points.map((p) => p.value);
    assert.deepStrictEqual(values, [1, 0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.93, 0.91, 0.9]);
  }

  it('a tail started after the panel opened takes over: the panel\'s reader sends no more requests, a line logged afterwards is one point', async () => {
    await handOver('curves-handover');
  });

  it('the same hand-over from a tail of the last 3 lines, against a server that repeats pages and sends empty ones', async () => {
    await setSetting('logs.backfillLines', 3);
    await sim.control.setQuirks({ getEventsRepeatToken: true, getEventsEmptyPages: true, seed: 19 });
    try {
      await handOver('curves-handover-quirks');
    } finally {
      await sim.control.clearQuirks();
      await setSetting('logs.backfillLines', undefined);
    }
  });

  it('the same hand-over to a Live Tail whose sessions end early and re-send events (the tail polls in between)', async () => {
    await setSetting('logs.liveTail', 'auto');
    await sim.control.setQuirks({ liveTailEnd: 'afterUpdates', liveTailEndAfterUpdates: 1, liveTailResend: true, seed: 19 });
    try {
      await handOver('curves-handover-live');
    } finally {
      await sim.control.clearQuirks();
      await setSetting('logs.liveTail', 'never');
    }
  });

  it('the Hugging Face job (no MetricDefinitions) gets curves from the default log patterns, the epoch on the x axis', async () => {
    const panel = await openPanel({ trainingJobName: DEMO.jobs.huggingFace });
    const shown = await waitFor('the curves drawn', () => (panel.curves?.reading === 'done' && shownPoints(panel, 'loss') > 0 ? panel.curves.shown : undefined));
    assert.strictEqual(shown.axis, 'epoch');
    const metrics = new Set(shown.series.map((s) => s.metric));
    for (const m of ['loss', 'learning_rate', 'eval_loss', 'eval_accuracy']) {
      assert.ok(metrics.has(m), `${m} among ${[...metrics].join(', ')}`);
    }
    assert.deepStrictEqual(new Set(shown.series.map((s) => s.host)), new Set(['algo-1', 'algo-2']));
    assert.deepStrictEqual(shown.notes, []);
    assert.strictEqual(panel.curves?.feed.source, 'logPatterns');
  });

  it('a MetricDefinition JavaScript cannot express: a note naming it and why; the others still give curves', async () => {
    const job = await newJob('curves-note', [{ Name: 'odd:metric', Regex: '(?(1)a|b)(\\d)' }, ...LOSS], ['step 1 loss=0.5']);
    const panel = await openPanel({ trainingJobName: job.name });
    const shown = await waitFor('the note', () => (panel.curves?.shown?.notes.length ? panel.curves.shown : undefined));
    assert.strictEqual(shown.notes.length, 1);
    assert.match(shown.notes[0], /^MetricDefinition odd:metric: .*conditional groups/);
    await waitFor('the other definition\'s point', () => (shownPoints(panel, 'train:loss') === 1 ? true : undefined));
  });
});
