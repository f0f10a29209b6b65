// Notifications when a watched job ends and when an alarm enters ALARM, against the simulator: what is shown,
// that its actions work, that nothing is shown when it should not be, and what it costs in requests.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { ShownNotice } from '../../../src/notifications/notifications';
import { FailureTriage } from '../../../src/logs/triage';
import { CommandId } from '../../../src/shared/ids';
import type { JobRef } from '../../../src/shared/jobRef';
import { DEMO } from '../../../sim/scenarios/demo';
import { addTrainingJob } from '../../../sim/scenarios/trainingBuilder';
import type { Simulator } from '../../../sim/src/server';
import { child, children, extensionApi, setSetting, simulatorForExtension, waitFor } from '../helpers';
import { closePanels } from '../metrics/panelHelpers';

const MIN = 60_000;

describe('Notifications: watched jobs that end and alarms that fire', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let wasVisible: boolean;
  /** The action the fake user clicks on the next notifications. */
  let answer: string | undefined;
  let firstNotice = 0;
  let realPresenter: SageMakerMonitorApi['notifications']['present'];

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    // The test polls by hand: the explorer's own timers would add requests at random moments.
    wasVisible = api.explorer.isVisible;
    api.explorer.setVisible(false);
    // Nor the watch poller's timer: an hour apart.
    await setSetting('explorer.pollIntervalSeconds', 3600);
    realPresenter = api.notifications.present;
    api.notifications.present = async () => answer;
  });

  beforeEach(async () => {
    answer = undefined;
    firstNotice = api.notifications.shown.length;
    for (const job of api.notifications.watched()) {
      await vscode.commands.executeCommand(CommandId.Unwatch, argOf(job));
    }
  });

  afterEach(async () => {
    await setSetting('notifications', undefined);
    for (const t of api.logTails().filter((t) => t.state === 'starting' || t.state === 'running')) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    await closePanels(api);
  });

  after(async () => {
    api.notifications.present = realPresenter;
    await setSetting('explorer.pollIntervalSeconds', undefined);
    api.explorer.setVisible(wasVisible);
    await sim?.close();
  });

  const argOf = (job: JobRef) => (job.kind === 'training' ? { trainingJobName: job.name } : job.kind === 'processing' ? { processingJobName: job.name } : { transformJobName: job.name });
  /** The notifications of this test about jobs (`job:`) or one alarm resource (`alarm:variant:e/v`). */
  const shown = (prefix: string): ShownNotice[] => api.notifications.shown.slice(firstNotice).filter((n) => n.key.startsWith(prefix));
  const account = () => sim.state.account('us-east-1');

  /** A training job of this test only, running for hours from now (the demo's names are used by other tests). */
  function newTrainingJob(name: string): string {
    const now = sim.state.clock.now();
    addTrainingJob(account(), {
      name,
      instanceType: 'ml.g5.xlarge',
      hosts: 1,
      cores: 4,
      gpus: 1,
      epochs: 3,
      stepsPerEpoch: 500,
      lineIntervalMs: 5000,
      steps: [
        { status: 'Starting', at: now - 10 * MIN },
        { status: 'Downloading', at: now - 8 * MIN },
        { status: 'Training', at: now - 5 * MIN },
        { status: 'Completed', at: now + 10 * 60 * MIN },
      ],
    });
    return name;
  }

  /** The Training Jobs group as the tree shows it after a refresh (the poller reads these). */
  async function trainingJobs() {
    api.explorer.refresh();
    return children(api, (await child(api, undefined, 'Training Jobs')).node);
  }

  it('a job marked Watch in the tree that fails raises exactly one error notification, whose actions work', async () => {
    const name = newTrainingJob('notify-watched-fails');
    const job = (await trainingJobs()).find((j) => j.label === name);
    assert.ok(job, 'the new job is listed');
    assert.strictEqual(job.item.contextValue, 'trainingJob');
    await vscode.commands.executeCommand(CommandId.Watch, job.node);
    const marked = api.explorer.getTreeItem(job.node);
    assert.strictEqual(marked.contextValue, 'trainingJobWatched');
    assert.match(String(marked.description), /^Training · \d+m · watched$/);

    answer = 'Show Failure';
    await sim.control.setTrainingJobStatus(name, 'Failed', { failureReason: 'AlgorithmError: CUDA out of memory\nmore' });
    await api.explorer.pollRunningJobs();
    await api.explorer.pollRunningJobs();
    await api.notifications.pollWatched();
    const [notice, ...more] = shown('job:');
    assert.ok(notice, 'a notification');
    assert.strictEqual(more.length, 0, 'exactly one');
    assert.strictEqual(notice.severity, 'error');
    assert.strictEqual(notice.message, `Training job ${name} failed: AlgorithmError: CUDA out of memory`);
    assert.deepStrictEqual(
      notice.actions.map((a) => a.title),
      ['Show Failure', 'Open Logs', 'Open Metrics'],
    );
    // Clicking Show Failure opened the failure report.
    assert.strictEqual(await notice.chosen, 'Show Failure');
    const report = FailureTriage.reportUri({ kind: 'training', name }).toString();
    await waitFor('the failure report', () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === report) || undefined);
    // The other two actions: a tail of the job, its metrics panel.
    for (const action of notice.actions.slice(1)) {
      await vscode.commands.executeCommand(action.command, action.args);
    }
    await waitFor('a tail of the job', () => api.logTails().some((t) => t.resourceName === name) || undefined);
    assert.ok(api.metrics.panelFor({ kind: 'trainingJob', trainingJobName: name }), 'its metrics panel');
  });

  it('a watched job the tree does not poll (hidden view) is read by the watch poller, one Describe a round, and notified once', async () => {
    const name = newTrainingJob('notify-hidden-completes');
    answer = 'Open Metrics';
    await vscode.commands.executeCommand(CommandId.Watch, { trainingJobName: name });
    assert.ok(api.notifications.isPollingWatched, 'a timer runs for it');
    await sim.control.resetRequestCounts();
    assert.strictEqual(await api.notifications.pollWatched(), 1);
    await sim.control.setTrainingJobStatus(name, 'Completed');
    assert.strictEqual(await api.notifications.pollWatched(), 1);
    assert.strictEqual(await api.notifications.pollWatched(), 0, 'an ended job is not read again');
    const counts = await sim.control.requestCounts();
    assert.ok(counts['sagemaker.DescribeTrainingJob'] >= 2 && counts['sagemaker.DescribeTrainingJob'] <= 3, JSON.stringify(counts));
    const [notice, ...more] = shown('job:');
    assert.strictEqual(more.length, 0);
    assert.deepStrictEqual([notice?.severity, notice?.message], ['information', `Training job ${name} completed.`]);
    assert.deepStrictEqual(
      notice.actions.map((a) => a.title),
      ['Open Logs', 'Open Metrics'],
    );
    await notice.chosen;
    assert.ok(api.metrics.panelFor({ kind: 'trainingJob', trainingJobName: name }), 'Open Metrics opened its panel');
  });

  it('watched mode: nothing for a job nobody watches; all: every job the tree polls', async () => {
    const unwatched = newTrainingJob('notify-unwatched');
    const everyJob = newTrainingJob('notify-all-mode');
    await trainingJobs();
    await sim.control.setTrainingJobStatus(unwatched, 'Completed');
    await api.explorer.pollRunningJobs();
    assert.deepStrictEqual(shown('job:'), [], 'not watched: no notification');
    await setSetting('notifications', 'all');
    await sim.control.setTrainingJobStatus(everyJob, 'Stopped');
    await api.explorer.pollRunningJobs();
    await api.explorer.pollRunningJobs();
    assert.deepStrictEqual(
      shown('job:').map((n) => [n.severity, n.message]),
      [['warning', `Training job ${everyJob} stopped.`]],
    );
  });

  it('off: no notification for a watched job, and no read for it', async () => {
    await setSetting('notifications', 'off');
    const name = newTrainingJob('notify-off');
    await trainingJobs();
    await vscode.commands.executeCommand(CommandId.Watch, { trainingJobName: name });
    assert.strictEqual(api.notifications.isPollingWatched, false);
    await sim.control.setTrainingJobStatus(name, 'Failed', { failureReason: 'x' });
    await api.explorer.pollRunningJobs();
    assert.strictEqual(await api.notifications.pollWatched(), 0);
    assert.deepStrictEqual(shown('job:'), []);
  });

  it('an alarm on a resource of the tree that enters ALARM raises one warning with Open Metrics of its resource', async () => {
    const alarmName = 'notify-canary-invocations';
    const alarm = (threshold: number) => ({
      AlarmName: alarmName,
      Namespace: 'AWS/SageMaker',
      MetricName: 'Invocations',
      Dimensions: [
        { Name: 'EndpointName', Value: DEMO.endpoints.twoVariants },
        { Name: 'VariantName', Value: 'Canary' },
      ],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      ActionsEnabled: true,
      AlarmActions: [],
      OKActions: [],
      InsufficientDataActions: [],
      updated: sim.state.clock.now(),
    });
    // The demo's own alarms may change state meanwhile (one enters ALARM minutes after the start): only this resource's count.
    const canary = `alarm:variant:${DEMO.endpoints.twoVariants}/Canary`;
    account().alarms.set(alarmName, alarm(1e12));
    await api.explorer.refreshAlarms();
    assert.deepStrictEqual(shown(canary), [], 'OK');
    answer = 'Open Metrics';
    account().alarms.set(alarmName, alarm(-1));
    await api.explorer.refreshAlarms();
    await api.explorer.refreshAlarms();
    const [notice, ...more] = shown(canary);
    assert.strictEqual(more.length, 0, shown(canary).map((n) => n.message).join('\n'));
    assert.strictEqual(notice?.severity, 'warning');
    assert.match(notice.message, new RegExp(`^Alarm ${alarmName} in ALARM on endpoint ${DEMO.endpoints.twoVariants} / Canary\\. Threshold Crossed`));
    assert.deepStrictEqual(
      notice.actions.map((a) => a.title),
      ['Open Metrics'],
    );
    await notice.chosen;
    assert.ok(api.metrics.panelFor({ kind: 'endpoint', endpointName: DEMO.endpoints.twoVariants, variantName: 'Canary' }), 'its panel');
    account().alarms.delete(alarmName);
  });

  it('costs no request when nothing is watched: the explorer poll sends what it sent before, the watch poller nothing', async () => {
    await trainingJobs();
    // Every group loaded now (the tree, if shown, loads them too: the same load).
    for (const group of await children(api)) {
      await children(api, group.node);
    }
    assert.deepStrictEqual(api.notifications.watched(), []);
    assert.strictEqual(api.notifications.isPollingWatched, false, 'no timer');
    const running = api.explorer.roots.trainingJobs.polledJobs.filter((j) => !j.isTerminal).length;
    assert.ok(running > 0);
    // Only the reads: the tree view of the window, if shown, may still be listing the groups of an earlier refresh
    // (CI saw ListTransformJobs and ListHyperParameterTuningJobs land in one of the two windows); the pollers never list.
    const pollCounts = async () => {
      await sim.control.resetRequestCounts();
      await api.explorer.pollRunningJobs();
      assert.strictEqual(await api.notifications.pollWatched(), 0);
      return Object.fromEntries(Object.entries(await sim.control.requestCounts()).filter(([op]) => !op.startsWith('sagemaker.List')));
    };
    const watched = await pollCounts();
    assert.strictEqual(watched['sagemaker.DescribeTrainingJob'], running, `one Describe per running training job: ${JSON.stringify(watched)}`);
    assert.ok(Object.keys(watched).every((op) => op.startsWith('sagemaker.Describe') || op.startsWith('sagemaker.List')), JSON.stringify(watched));
    await setSetting('notifications', 'off');
    assert.deepStrictEqual(await pollCounts(), watched, 'the same as with notifications off');
  });
});
