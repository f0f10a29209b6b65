// Tuning jobs and pipelines in the explorer, their step tails, the pipeline panel and Show Failure on an
// execution, against the simulator's demo scenario (sim/scenarios/demoWorkflows.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { closePanels, openPanel } from '../metrics/panelHelpers';
import { child, children, extensionApi, setSetting, simulatorForExtension, waitFor, type ShownNode } from '../helpers';

const T = DEMO.tuning;
const stepName = (s: ShownNode) => (s.node as unknown as { step: { name: string } }).step.name;
const P = DEMO.pipeline;

describe('Explorer: tuning jobs and pipelines', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    await setSetting('logs.liveTail', 'never');
    await setSetting('logs.pollIntervalSeconds', 0.5);
    api.explorer.refresh();
  });

  afterEach(async () => {
    await sim.control.clearFaults();
    api.explorer.setJobFilter('tuning', {});
    api.explorer.setJobFilter('pipeline', {});
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    await closePanels(api);
    await vscode.commands.executeCommand(CommandId.DismissFailure);
  });

  after(async () => {
    for (const key of ['logs.liveTail', 'logs.pollIntervalSeconds']) {
      await setSetting(key, undefined);
    }
    await sim?.close();
  });

  const group = (label: 'Tuning Jobs' | 'Pipelines'): Promise<ShownNode> => child(api, undefined, label);
  const execution = async (displayName: string): Promise<ShownNode> => child(api, (await child(api, (await group('Pipelines')).node, P.name)).node, displayName);

  it('lists the tuning job with its progress; its training jobs ranked by the objective, best first, running ones after', async () => {
    const jobs = await children(api, (await group('Tuning Jobs')).node);
    const tuning = jobs.find((j) => j.label === T.name);
    assert.ok(tuning, jobs.map((j) => j.label).join());
    assert.strictEqual(tuning.item.contextValue, 'tuningJob');
    assert.match(String(tuning.item.description), /^InProgress · 6 of 8 done · /);
    const kids = await children(api, tuning.node);
    const valued = Object.entries(T.objectives)
      .filter(([name]) => !(T.children.inProgress as readonly string[]).includes(name))
      .sort((a, b) => b[1] - a[1])
      .map(([name]) => name);
    assert.deepStrictEqual(kids.slice(0, valued.length).map((k) => k.label), valued);
    // Without a final value: the running ones and the failed one, newest first.
    assert.deepStrictEqual(new Set(kids.slice(valued.length).map((k) => k.label)), new Set([...T.children.inProgress, T.children.failed]));
    assert.match(String(kids[0].item.description), /^#1 validation:auc 0\.9021 · Completed · \d+m$/);
    assert.strictEqual((kids[0].item.iconPath as vscode.ThemeIcon).id, 'star-full');
    assert.ok(kids.every((k) => k.item.contextValue === 'trainingJob'));
    assert.match((kids[0].item.tooltip as vscode.MarkdownString).value, /Tuned: .*`max_depth`=6/);
    // The tuning job's tooltip, once read, has the objective and the status counters.
    const tip = (api.explorer.getTreeItem(tuning.node).tooltip as vscode.MarkdownString).value;
    assert.match(tip, /Objective: maximize `validation:auc` \(Bayesian search\)/);
    assert.match(tip, /4 completed · 2 in progress · 1 stopped · 1 failed/);
    // A child opens the usual training job subtree (its own node ids, beside the Training Jobs group's).
    const hosts = await children(api, kids[0].node);
    assert.deepStrictEqual(hosts.map((h) => h.label), ['algo-1']);
    assert.notStrictEqual(kids[0].node.id, `trainingJob/${kids[0].label}`);
  });

  it('filters tuning jobs by status and pipelines by a name prefix, on the service side', async () => {
    await vscode.commands.executeCommand('sagemakerMonitor.filterJobs', { kind: 'tuning', status: 'Completed' });
    const none = await children(api, (await group('Tuning Jobs')).node);
    assert.ok(!none.some((j) => j.label === T.name), none.map((j) => j.label).join());
    await vscode.commands.executeCommand('sagemakerMonitor.filterJobs', { kind: 'pipeline', nameContains: 'churn' });
    const root = (await group('Pipelines')).node;
    assert.strictEqual(api.explorer.getTreeItem(root).contextValue, 'pipelinesRootFiltered');
    assert.ok((await children(api, root)).some((p) => p.label === P.name));
    await vscode.commands.executeCommand('sagemakerMonitor.filterJobs', { kind: 'pipeline', nameContains: 'hurn' });
    assert.deepStrictEqual((await children(api, (await group('Pipelines')).node)).map((p) => p.label), ['No pipelines match the filter']);
    // A status is refused (ListPipelines has none): the filter stays as it was.
    assert.strictEqual(await vscode.commands.executeCommand('sagemakerMonitor.filterJobs', { kind: 'pipeline', status: 'Failed' }), undefined);
    assert.deepStrictEqual(api.explorer.jobFilter('pipeline'), { nameContains: 'hurn' });
  });

  it('shows executions newest first, their steps in order, and the job each step ran with its subtree', async () => {
    const pipeline = await child(api, (await group('Pipelines')).node, P.name);
    const executions = await children(api, pipeline.node);
    assert.deepStrictEqual(executions.map((e) => e.label), [P.failed.displayName, P.succeeded.displayName]);
    // The list has no end time: the status and start until the execution is read (expanded or hovered).
    assert.match(String(executions[0].item.description), /^Failed · /);
    assert.strictEqual(executions[0].item.contextValue, 'pipelineExecution');
    const steps = await children(api, executions[1].node);
    assert.match(String(api.explorer.getTreeItem(executions[1].node).description), /^Succeeded · \d+(h|m)/);
    assert.deepStrictEqual(steps.map((s) => stepName(s)), [...P.steps]);
    assert.strictEqual(steps[1].label, 'Train XGBoost');
    assert.match(String(steps[0].item.description), /^Processing · Succeeded · /);
    assert.match(String(steps[3].item.description), /^Condition · Succeeded · .*outcome True/);
    assert.match(String(steps[4].item.description), /RegisterModel · Succeeded · .*model package churn-models\/8/);
    assert.strictEqual(steps[1].item.contextValue, 'pipelineStep');
    assert.strictEqual(steps[3].item.contextValue, 'pipelineStepNoJob');
    const train = await children(api, steps[1].node);
    assert.deepStrictEqual(train.map((j) => [j.label, j.item.contextValue]), [[P.jobs.train, 'trainingJob']]);
    assert.ok((await children(api, train[0].node)).every((h) => /^algo-\d+$/.test(h.label)));
    const failedSteps = await children(api, executions[0].node);
    assert.strictEqual(stepName(failedSteps[0]), 'Preprocess');
    assert.match(String(failedSteps[0].item.description), /^Processing · Failed/);
    assert.match((failedSteps[0].item.tooltip as vscode.MarkdownString).value, /\*\*Failure:\*\*/);
    const job = await children(api, failedSteps[0].node);
    assert.deepStrictEqual(job.map((j) => [j.label, j.item.contextValue]), [[DEMO.processingJobs.failed, 'processingJobFailed']]);
  });

  it("tails a step's job from the step, into the job's channel", async () => {
    const steps = await children(api, (await execution(P.succeeded.displayName)).node);
    const train = steps.find((s) => stepName(s) === 'Train')!;
    await vscode.commands.executeCommand(CommandId.TailLogs, train.node);
    const tail = await waitFor('the tail of the Train step', () => api.logTails().find((t) => t.channelName === logChannelName(P.jobs.train) && t.eventCount > 0));
    assert.ok(tail.text.includes('[algo-1]') || tail.text.length > 0);
  });

  it('reads the pipeline executions in progress again, and the running children of a tuning job', async () => {
    await children(api, (await child(api, (await group('Tuning Jobs')).node, T.name)).node);
    await children(api, (await child(api, (await group('Pipelines')).node, P.name)).node);
    await sim.control.resetRequestCounts();
    await api.explorer.pollRunningJobs();
    const counts = await sim.control.requestCounts();
    assert.strictEqual(counts['sagemaker.DescribeHyperParameterTuningJob'], 1, JSON.stringify(counts));
    // The two running children (the finished ones are not read again), beside the Training Jobs group's own.
    assert.ok((counts['sagemaker.DescribeTrainingJob'] ?? 0) >= 2, JSON.stringify(counts));
    // Both executions ended: none is read.
    assert.strictEqual(counts['sagemaker.DescribePipelineExecution'] ?? 0, 0, JSON.stringify(counts));
  });

  it("opens a pipeline's panel: executions by outcome, their duration, and each step's", async () => {
    const panel = await openPanel({ pipelineName: P.name });
    assert.deepStrictEqual(panel.spec?.charts.map((c) => c.id), ['executions', 'executionDuration', 'stepDuration', 'stepFailures']);
    const steps = panel.spec?.charts.find((c) => c.id === 'stepDuration')?.series.map((s) => s.dimensions[1].Value);
    assert.ok(steps?.includes('Train') && steps.includes('Preprocess'), steps?.join());
    const executions = panel.spec?.charts[0].series ?? [];
    const counted = (id: string) => panel.lastData?.series.find((s) => s.id === id)?.values.filter((v) => v !== null && v > 0).length ?? 0;
    assert.ok(counted(executions[0].id) >= 2, 'ExecutionStarted has both executions');
    assert.ok(counted(executions[2].id) >= 1, 'ExecutionFailed has the failed one');
  });

  it('Show Failure on the failed execution: the failed step, then its processing job\'s triage', async () => {
    const failed = await execution(P.failed.displayName);
    const shown = await vscode.commands.executeCommand<{ step?: string; job?: Record<string, string>; message: string }>(CommandId.ShowFailure, failed.node);
    assert.strictEqual(shown?.step, 'Preprocess');
    assert.deepStrictEqual(shown?.job, { processingJobName: DEMO.processingJobs.failed });
    assert.match(shown?.message ?? '', new RegExp(`${P.name} ${P.failed.displayName} failed at step Preprocess \\(Processing\\)`));
    const arn = (failed.node as unknown as { arn: string }).arn;
    const again = await vscode.commands.executeCommand<{ step?: string }>(CommandId.ShowFailure, { pipelineExecutionArn: arn });
    assert.strictEqual(again?.step, 'Preprocess');
    const ok = (await execution(P.succeeded.displayName)).node as unknown as { arn: string };
    // Not failed: a message, nothing shown (the command resolves to nothing).
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.ShowFailure, { pipelineExecutionArn: ok.arn }), undefined);
  });

  it('AccessDenied on ListPipelines → a failure node in Pipelines only; an emulator without tuning jobs → that group only', async () => {
    await sim.control.injectFault({ operation: 'sagemaker.ListPipelines', type: 'accessDenied' });
    await sim.control.injectFault({ operation: 'sagemaker.ListHyperParameterTuningJobs', type: 'unsupported' });
    api.explorer.refresh();
    const pipelines = await children(api, (await group('Pipelines')).node);
    assert.deepStrictEqual(pipelines.map((n) => n.item.contextValue), ['failure']);
    assert.match(pipelines[0].label, /sagemaker:ListPipelines/);
    const tuning = await children(api, (await group('Tuning Jobs')).node);
    assert.deepStrictEqual(tuning.map((n) => n.item.contextValue), ['failure']);
    const processing = await children(api, (await child(api, undefined, 'Processing Jobs')).node);
    assert.ok(processing.length === 4 && processing.every((j) => /^processingJob/.test(j.item.contextValue ?? '')), processing.map((j) => j.label).join());
    await sim.control.clearFaults();
    api.explorer.refresh();
    assert.ok((await children(api, (await group('Pipelines')).node)).some((p) => p.label === P.name));
  });
});
