// Compare runs, "from logs", against the simulator: each compared job's curves from its log lines beside the
// CloudWatch charts (still one GetMetricData call per refresh), one line per job; the epoch as the x axis for
// Hugging Face Trainer jobs (the CloudWatch charts hidden then); tailed jobs cost no log request of the panel's;
// closing the panel stops its reads.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { type CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTrainingJobCommand, DescribeTrainingJobCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { ComparePanel } from '../../../src/metrics/comparePanel';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, setSetting, simulatorClients, simulatorForExtension, waitFor } from '../helpers';
import { assertOnlyTailsRead, openCompare } from './panelHelpers';

const GROUP = '/aws/sagemaker/TrainingJobs';
const LOG_OPS = [['logs.GetLogEvents', 'getEvents'], ['logs.FilterLogEvents', 'filterEvents']] as const;

describe('Compare runs: from logs', function () {
  this.timeout(180_000);
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
    api.compare.panels.forEach((p) => p.dispose());
    await waitFor('the compare tabs to close', () => (vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview)) ? undefined : true));
  });

  after(async () => {
    await setSetting('logs.liveTail', undefined);
    sagemaker?.destroy();
    logs?.destroy();
    await sim?.close();
  });

  /** A new running training job with an algo-1 stream holding `lines`. */
  async function newJob(prefix: string, definitions: { Name: string; Regex: string }[], lines: string[]): Promise<string> {
    const name = `${prefix}-${Date.now()}-${++n}`;
    await sagemaker.send(
      new CreateTrainingJobCommand({
        TrainingJobName: name,
        RoleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
        AlgorithmSpecification: { TrainingImage: 'huggingface-pytorch-training:2.1.0', TrainingInputMode: 'File', MetricDefinitions: definitions },
        HyperParameters: { learning_rate: String(n) },
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
        OutputDataConfig: { S3OutputPath: 's3://bucket/out' },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      }),
    );
    const stream = `${name}/algo-1-${Math.floor(Date.now() / 1000)}`;
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: stream }));
    // The lines come after the job's creation on the service's clock (the x axis is the time since it).
    const created = (await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))).CreationTime?.getTime() ?? Date.now();
    const at = Math.max(created, Date.now());
    await logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents: lines.map((message, i) => ({ timestamp: at + i, message })) }));
    return name;
  }

  const logsSeries = (panel: ComparePanel, metric: string) => panel.shown?.logs?.series.filter((s) => s.metric === metric) ?? [];

  it('two demo jobs with MetricDefinitions: a from-logs line per job (the two-host job\'s algo-1) beside CloudWatch, still one GetMetricData call', async () => {
    const names = [DEMO.jobs.completed, DEMO.jobs.restarted];
    await sim.control.resetRequestCounts();
    const panel = await openCompare({ trainingJobNames: names });
    assert.strictEqual((await sim.control.requestCounts())['cloudwatch.GetMetricData'], 1, 'one call for both jobs');
    await waitFor(`both jobs' logs read (${panel.curves?.readings.join()})`, () => (panel.curves?.readings.every((r) => r === 'done') ? true : undefined), 120_000);
    const shown = await waitFor('a from-logs train:loss line per job', () => (logsSeries(panel, 'train:loss').length === 2 && logsSeries(panel, 'train:loss').every((s) => s.points > 0) ? panel.shown?.logs : undefined));
    assert.deepStrictEqual(logsSeries(panel, 'train:loss').map((s) => [s.job, s.host]), [[names[0], 'algo-1'], [names[1], 'algo-1']]);
    assert.strictEqual(shown.axis, 'time');
    assert.strictEqual(shown.cloudWatchHidden, false);
    assert.deepStrictEqual(shown.notes.filter((t) => /No line gave a value/.test(t)), [], 'both jobs gave points');
    assert.ok(Object.values(panel.shown?.points ?? {}).every((p) => p > 0), `the CloudWatch charts still drawn: ${JSON.stringify(panel.shown?.points)}`);
    // The x axis "step" is not offered: MetricDefinitions capture values, no step; asking for it anyway hides
    // CloudWatch and draws nothing misleading.
    await panel.receive({ type: 'setView', view: { instanceMetrics: false, xAxis: 'step' } });
    const step = await waitFor('the step axis', () => (panel.shown?.logs?.axis === 'step' ? panel.shown.logs : undefined));
    assert.strictEqual(step.cloudWatchHidden, true);
    assert.ok(step.series.every((s) => s.points === 0), JSON.stringify(step.series));
    assert.strictEqual(step.notes.filter((t) => /carry no step/.test(t)).length, 2, step.notes.join('\n'));
    // Off: no log line is read any more, the section goes.
    await panel.receive({ type: 'setView', view: { instanceMetrics: false, fromLogs: false } });
    assert.strictEqual(panel.curves, undefined);
    await waitFor('the from-logs section gone', () => (panel.shown && panel.shown.logs === undefined ? true : undefined));
  });

  it('Hugging Face Trainer jobs (no MetricDefinitions): aligned by epoch, the CloudWatch charts hidden with a note', async () => {
    const lines = [0.5, 1, 1.5, 2].map((epoch, i) => `{'loss': ${(0.7 - i / 10).toFixed(2)}, 'learning_rate': 2e-05, 'epoch': ${epoch}}`);
    // The simulator gives a job created without MetricDefinitions PyTorch's; one JavaScript cannot express is
    // as good as none: the log patterns read the lines (and the note says why).
    const other = await newJob('hf-compare', [{ Name: 'odd:metric', Regex: '(?(1)a|b)(\\d)' }], lines);
    const panel = await openCompare({ trainingJobNames: [DEMO.jobs.huggingFace, other] });
    await waitFor('both jobs\' loss', () => (logsSeries(panel, 'loss').length === 2 && logsSeries(panel, 'loss').every((s) => s.points > 0) ? true : undefined), 120_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${panel.curves?.readings.join()} ${JSON.stringify(panel.shown?.logs)}`);
    });
    assert.deepStrictEqual(panel.spec?.charts.map((c) => c.series.map((x) => x.label)), [[other]], 'the Hugging Face job has no CloudWatch algorithm series');
    await panel.receive({ type: 'setView', view: { instanceMetrics: false, xAxis: 'epoch' } });
    const shown = await waitFor('the epoch axis', () => (panel.shown?.logs?.axis === 'epoch' ? panel.shown.logs : undefined));
    assert.strictEqual(shown.cloudWatchHidden, true);
    const loss = shown.series.filter((s) => s.metric === 'loss');
    assert.deepStrictEqual(loss.map((s) => s.job), [DEMO.jobs.huggingFace, other]);
    assert.ok(loss.every((s) => s.points > 0), JSON.stringify(loss));
    assert.strictEqual(loss[1].points, 4, 'every line of the new job has an epoch');
    assert.ok(shown.series.some((s) => s.metric === 'eval_loss' && s.job === DEMO.jobs.huggingFace && s.points > 0));
    assert.match(shown.notes[1], new RegExp(`^${other}: .*regexes: sagemakerMonitor\\.metrics\\.logPatterns.*MetricDefinition odd:metric: .*conditional groups`));
  });

  it('jobs already tailed: the compare panel asks for no log page of its own; closing it stops its reads', async () => {
    const defs = [{ Name: 'train:loss', Regex: ' loss=([0-9\\.]+)' }];
    const jobs = [await newJob('cmp-tail', defs, ['step 1 loss=0.9', 'step 2 loss=0.8']), await newJob('cmp-tail', defs, ['step 1 loss=0.7'])];
    for (const name of jobs) {
      await vscode.commands.executeCommand(CommandId.TailLogs, { trainingJobName: name });
    }
    const tails = () => jobs.map((name) => api.logTails().find((t) => t.channelName === logChannelName(name)));
    await waitFor('the tails to read their lines', () => (tails().every((t) => t?.state === 'running' && t.eventCount >= 1) ? true : undefined));
    // The tails poll every second: a request they counted may not have reached the simulator yet. Take the two counts
    // in a moment when no tail sends anything for 600 ms around the simulator's count, so both count the same requests.
    const settled = async () => {
      for (;;) {
        const tailCounts = tails().map((t) => JSON.stringify(t?.requests));
        await new Promise((r) => setTimeout(r, 300));
        const simCounts = await sim.control.requestCounts();
        await new Promise((r) => setTimeout(r, 300));
        if (tails().every((t, i) => JSON.stringify(t?.requests) === tailCounts[i])) {
          return { simCounts, tailCounts: tailCounts.map((c) => (c ? JSON.parse(c) : {}) as Record<string, number>) };
        }
      }
    };
    const { simCounts: before, tailCounts: tailBefore } = await settled();
    const panel = await openCompare({ trainingJobNames: jobs });
    await waitFor('both jobs\' points', () => (logsSeries(panel, 'train:loss').map((s) => s.points).join() === '2,1' ? true : undefined));
    assert.deepStrictEqual(panel.curves?.readings, ['tail', 'tail']);
    const { simCounts: after, tailCounts: tailAfter } = await settled();
    assertOnlyTailsRead(before, after, tailBefore, tailAfter);
    // Stop the tails: the panel follows the running jobs itself; closing it ends that.
    for (const t of tails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t?.resourceName });
    }
    await waitFor(`the panel to follow (${panel.curves?.readings.join()})`, () => (panel.curves?.readings.every((r) => r === 'following') ? true : undefined));
    panel.dispose();
    assert.strictEqual(panel.curves, undefined);
    const closed = await sim.control.requestCounts();
    await new Promise((r) => setTimeout(r, 5_000));
    const later = await sim.control.requestCounts();
    for (const [op] of LOG_OPS) {
      assert.strictEqual(later[op] ?? 0, closed[op] ?? 0, `${op} after the panel closed`);
    }
  });
});
