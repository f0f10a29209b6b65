// Processing and transform jobs in the explorer, against the simulator's demo scenario.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { DEMO } from '../../../sim/scenarios/demo';
import { PROCESSING_JOB_ERROR } from '../../../sim/scenarios/demoJobs';
import type { Simulator } from '../../../sim/src/server';
import { child, children, extensionApi, setSetting, simulatorForExtension, type ShownNode } from '../helpers';

describe('Explorer: processing and transform jobs', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    api.explorer.refresh();
  });

  afterEach(async () => {
    await sim.control.clearFaults();
    api.explorer.setJobFilter('processing', {});
    api.explorer.setJobFilter('transform', {});
  });

  after(async () => {
    await setSetting('explorer.groups', undefined);
    await sim?.close();
  });

  const group = async (label: 'Processing Jobs' | 'Transform Jobs'): Promise<ShownNode> => child(api, undefined, label);

  it('shows the six groups in order, and hides those the setting turns off', async () => {
    assert.deepStrictEqual((await children(api)).map((c) => c.label), ['Endpoints', 'Training Jobs', 'Processing Jobs', 'Transform Jobs', 'Tuning Jobs', 'Pipelines']);
    await setSetting('explorer.groups', { processingJobs: false, endpoints: false, pipelines: false });
    assert.deepStrictEqual((await children(api)).map((c) => c.label), ['Training Jobs', 'Transform Jobs', 'Tuning Jobs']);
    await setSetting('explorer.groups', undefined);
    assert.deepStrictEqual((await children(api)).map((c) => c.label), ['Endpoints', 'Training Jobs', 'Processing Jobs', 'Transform Jobs', 'Tuning Jobs', 'Pipelines']);
  });

  it('lists processing jobs newest first with status, duration and icon', async () => {
    const jobs = await children(api, (await group('Processing Jobs')).node);
    const expected = [...sim.state.account('us-east-1').processingJobs.values()].sort((a, b) => b.creationTime - a.creationTime).map((j) => j.name);
    assert.deepStrictEqual(jobs.map((j) => j.label), expected);
    // The demo pipeline's steps ran two more (churn-features-weekly is one of them).
    assert.deepStrictEqual(new Set(jobs.map((j) => j.label)), new Set([...Object.values(DEMO.processingJobs), DEMO.pipeline.jobs.evaluate]));
    const live = jobs.find((j) => j.label === DEMO.processingJobs.inProgress);
    assert.match(String(live?.item.description), /^InProgress · \d+m$/);
    assert.strictEqual((live?.item.iconPath as vscode.ThemeIcon).id, 'sync~spin');
    assert.strictEqual(live?.item.contextValue, 'processingJob');
    const failed = jobs.find((j) => j.label === DEMO.processingJobs.failed);
    assert.strictEqual((failed?.item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.match(String(failed?.item.description), /^Failed · \d+m$/);
    // ListProcessingJobs returns the failure: the tooltip has it before any Describe call.
    const tooltip = (failed?.item.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes('AlgorithmError'), tooltip);
    assert.ok(tooltip.includes(PROCESSING_JOB_ERROR), tooltip);
  });

  it('shows algo-1 … algo-N hosts of a processing job, and its instances in the tooltip once read', async () => {
    const job = await child(api, (await group('Processing Jobs')).node, DEMO.processingJobs.inProgress);
    const hosts = await children(api, job.node);
    assert.deepStrictEqual(hosts.map((h) => h.label), ['algo-1', 'algo-2']);
    assert.ok(hosts.every((h) => h.item.contextValue === 'processingHost' && h.item.collapsibleState === vscode.TreeItemCollapsibleState.None));
    const tooltip = (api.explorer.getTreeItem(job.node).tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /2 × ml\.m5\.2xlarge/);
    assert.match(tooltip, /features\.py/);
  });

  it('lists transform jobs; a job shows its instances, each with its model-server and data-log streams', async () => {
    const jobs = await children(api, (await group('Transform Jobs')).node);
    assert.deepStrictEqual(new Set(jobs.map((j) => j.label)), new Set(Object.values(DEMO.transformJobs)));
    const done = jobs.find((j) => j.label === DEMO.transformJobs.completed)!;
    assert.match(String(done.item.description), /^Completed · \d+m$/);
    assert.strictEqual(done.item.contextValue, 'transformJob');
    const instances = await children(api, done.node);
    const ids = sim.state.account('us-east-1').transformJobs.get(DEMO.transformJobs.completed)?.instanceIds ?? [];
    assert.deepStrictEqual(instances.map((i) => i.label), [...ids].sort());
    assert.ok(instances.every((i) => i.item.contextValue === 'transformInstance' && i.item.description === 'model server · data log'), instances.map((i) => i.item.description).join());
    const streams = await children(api, instances[0].node);
    assert.deepStrictEqual(streams.map((s) => s.item.contextValue), ['logStream', 'logStream']);
    const names = streams.map((s) => (s.node as unknown as { logStreamName: string }).logStreamName);
    assert.match(names[0], new RegExp(`^${DEMO.transformJobs.completed}/${instances[0].label}-\\d+$`));
    assert.strictEqual(names[1], `${names[0]}/data-log`);
    assert.strictEqual(streams[1].label, 'data-log');
  });

  it('filters each group by name and status on the service side', async () => {
    await vscode.commands.executeCommand('sagemakerMonitor.filterJobs', { kind: 'processing', nameContains: 'churn', status: 'Failed' });
    const root = (await group('Processing Jobs')).node;
    assert.strictEqual(api.explorer.getTreeItem(root).contextValue, 'processingJobsRootFiltered');
    assert.strictEqual(api.explorer.getTreeItem(root).description, '"churn" · Failed');
    assert.deepStrictEqual((await children(api, root)).map((j) => j.label), [DEMO.processingJobs.failed]);
    await vscode.commands.executeCommand('sagemakerMonitor.filterJobs', { kind: 'transform', status: 'Stopped' });
    assert.deepStrictEqual((await children(api, (await group('Transform Jobs')).node)).map((j) => j.label), ['No transform jobs match the filter']);
    // The other groups are not filtered.
    assert.ok((await children(api, (await child(api, undefined, 'Training Jobs')).node)).length >= 5);
    await vscode.commands.executeCommand('sagemakerMonitor.clearJobsFilter', { kind: 'processing' });
    assert.strictEqual((await children(api, (await group('Processing Jobs')).node)).length, 4);
  });

  it('reads the jobs in progress of every group again while the view is visible', async () => {
    await children(api, (await group('Processing Jobs')).node);
    await children(api, (await group('Transform Jobs')).node);
    await sim.control.resetRequestCounts();
    await api.explorer.pollRunningJobs();
    const counts = await sim.control.requestCounts();
    // The in-progress jobs (one processing, two transform); the finished ones are not read.
    assert.strictEqual(counts['sagemaker.DescribeProcessingJob'], 1, JSON.stringify(counts));
    assert.strictEqual(counts['sagemaker.DescribeTransformJob'], 2, JSON.stringify(counts));
  });

  it('AccessDenied on ListProcessingJobs → a failure node in that group only', async () => {
    await sim.control.injectFault({ operation: 'sagemaker.ListProcessingJobs', type: 'accessDenied' });
    api.explorer.refresh();
    const processing = await children(api, (await group('Processing Jobs')).node);
    assert.deepStrictEqual(processing.map((n) => n.item.contextValue), ['failure']);
    assert.match(processing[0].label, /sagemaker:ListProcessingJobs/);
    assert.match(String(processing[0].item.description), /Grant sagemaker:ListProcessingJobs/);
    assert.strictEqual(processing[0].item.command?.command, 'sagemakerMonitor.refresh');
    const transform = await children(api, (await group('Transform Jobs')).node);
    assert.ok(transform.length === Object.values(DEMO.transformJobs).length && transform.every((j) => j.item.contextValue === 'transformJob'), transform.map((j) => j.label).join());
    const training = await children(api, (await child(api, undefined, 'Training Jobs')).node);
    assert.ok(training.length >= 5 && training.every((j) => j.item.contextValue === 'trainingJob'));
    // Retry once the permission is granted.
    await sim.control.clearFaults();
    await vscode.commands.executeCommand(processing[0].item.command!.command, ...(processing[0].item.command!.arguments ?? []));
    assert.strictEqual((await children(api, (await group('Processing Jobs')).node)).length, 4);
  });
});
