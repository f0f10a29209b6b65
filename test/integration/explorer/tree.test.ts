// The explorer against the simulator's demo scenario, in a real extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { TrainingJobNode } from '../../../src/explorer/trainingJobNodes';
import { DEMO, FAILED_JOB_ERROR } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { child, children, extensionApi, setSetting, simulatorForExtension } from '../helpers';

describe('Explorer: the demo account', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    api.explorer.refresh();
  });

  after(async () => {
    await sim?.close();
  });

  it('has the six groups', async () => {
    assert.deepStrictEqual((await children(api)).map((c) => c.label), ['Endpoints', 'Training Jobs', 'Processing Jobs', 'Transform Jobs', 'Tuning Jobs', 'Pipelines']);
  });

  it('lists every endpoint with its status', async () => {
    const endpoints = await children(api, (await child(api, undefined, 'Endpoints')).node);
    assert.deepStrictEqual(endpoints.map((e) => e.label).sort(), Object.values(DEMO.endpoints).sort());
    const creating = endpoints.find((e) => e.label === DEMO.endpoints.creating);
    assert.strictEqual(creating?.item.description, 'Creating');
    assert.strictEqual((creating?.item.iconPath as vscode.ThemeIcon).id, 'sync~spin');
    const serving = endpoints.find((e) => e.label === DEMO.endpoints.twoVariants);
    assert.strictEqual(serving?.item.description, 'InService');
    assert.strictEqual(serving?.item.contextValue, 'endpoint');
  });

  it('shows production variants with instance counts, type and weight', async () => {
    const endpoint = await child(api, (await child(api, undefined, 'Endpoints')).node, DEMO.endpoints.twoVariants);
    const variants = await children(api, endpoint.node);
    assert.deepStrictEqual(variants.map((v) => [v.label, v.item.description]), [
      ['Primary', '2 × ml.m5.xlarge · weight 0.9'],
      ['Canary', '1 × ml.m5.xlarge · weight 0.1'],
    ]);
  });

  it('finds instances through log streams and all three metric dimension forms', async () => {
    const endpointsRoot = (await child(api, undefined, 'Endpoints')).node;
    const instancesOf = async (endpointName: string, variantName: string) => {
      const endpoint = await child(api, endpointsRoot, endpointName);
      const variant = await child(api, endpoint.node, variantName);
      return children(api, variant.node);
    };
    const scenario = sim.state;
    const idsOf = (endpointName: string, variantName: string) =>
      [...(scenario.account('us-east-1').endpoints.get(endpointName)?.variants.find((v) => v.VariantName === variantName)?.instanceIds ?? [])].sort();

    // Seed's Host = [endpoint]/[variant]/[instance-id]
    const primary = await instancesOf(DEMO.endpoints.twoVariants, 'Primary');
    assert.deepStrictEqual(primary.map((i) => i.label), idsOf(DEMO.endpoints.twoVariants, 'Primary'));
    assert.ok(primary.every((i) => i.item.description === 'logs · Host metrics'), primary.map((i) => i.item.description).join());
    // Per variant only (no per-instance metrics): the instances come from the log streams.
    const threeInstances = await instancesOf(DEMO.endpoints.threeInstances, 'AllTraffic');
    assert.strictEqual(threeInstances.length, 3);
    assert.deepStrictEqual(threeInstances.map((i) => i.label), idsOf(DEMO.endpoints.threeInstances, 'AllTraffic'));
    assert.ok(threeInstances.every((i) => i.item.description === 'logs'));
    // Enhanced metrics: EndpointName, VariantName, InstanceId
    const bursty = await instancesOf(DEMO.endpoints.bursty, 'AllTraffic');
    assert.ok(bursty.length >= 1 && bursty.every((i) => i.item.description === 'logs · InstanceId metrics'), bursty.map((i) => i.item.description).join());
  });

  it('lists training jobs newest first with status and secondary status', async () => {
    const jobs = await children(api, (await child(api, undefined, 'Training Jobs')).node);
    const expected = [...sim.state.account('us-east-1').trainingJobs.values()].sort((a, b) => b.creationTime - a.creationTime).map((j) => j.name);
    assert.deepStrictEqual(jobs.map((j) => j.label), expected);
    // the training jobs, the tuning job's children and the pipeline's training step
    assert.deepStrictEqual(new Set(jobs.map((j) => j.label)), new Set([...Object.values(DEMO.jobs), ...Object.values(DEMO.tuning.children).flat(), DEMO.pipeline.jobs.train]));
    const failed = jobs.find((j) => j.label === DEMO.jobs.failed);
    assert.strictEqual((failed?.item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.match(String(failed?.item.description), /^Failed · /);
  });

  it('reads the failure reason of a failed job for its tooltip on hover', async () => {
    const job = await child(api, (await child(api, undefined, 'Training Jobs')).node, DEMO.jobs.failed);
    const before = job.item.tooltip as vscode.MarkdownString;
    assert.ok(!before.value.includes('Failure'), before.value);
    const resolved = await api.explorer.resolveTreeItem(job.item, job.node);
    const tooltip = resolved.tooltip as vscode.MarkdownString;
    assert.ok(tooltip.value.includes(FAILED_JOB_ERROR.split(':')[0]), tooltip.value);
  });

  it('shows the failure reason of a failed job once it is expanded', async () => {
    const job = await child(api, (await child(api, undefined, 'Training Jobs')).node, DEMO.jobs.failed);
    await children(api, job.node);
    const tooltip = api.explorer.getTreeItem(job.node).tooltip as vscode.MarkdownString;
    assert.ok(tooltip.value.includes(FAILED_JOB_ERROR.split(':')[0]), tooltip.value);
  });

  it('shows algo-1 … algo-N hosts of a job', async () => {
    const job = await child(api, (await child(api, undefined, 'Training Jobs')).node, DEMO.jobs.inProgress);
    const hosts = await children(api, job.node);
    const count = sim.state.account('us-east-1').trainingJobs.get(DEMO.jobs.inProgress)?.instanceCount;
    assert.strictEqual(count, 4);
    assert.deepStrictEqual(hosts.map((h) => h.label), ['algo-1', 'algo-2', 'algo-3', 'algo-4']);
    assert.ok(hosts.every((h) => h.item.contextValue === 'trainingHost'));
  });

  it("shows both streams of a restarted host", async () => {
    const job = await child(api, (await child(api, undefined, 'Training Jobs')).node, DEMO.jobs.restarted);
    const hosts = await children(api, job.node);
    const restarted = hosts.filter((h) => h.item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed);
    assert.strictEqual(restarted.length, 1, hosts.map((h) => `${h.label}:${h.item.description}`).join());
    assert.match(String(restarted[0].item.description), /2 streams/);
    const streams = await children(api, restarted[0].node);
    assert.strictEqual(streams.length, 2);
    assert.ok(streams.every((s) => s.item.contextValue === 'logStream'));
    const names = streams.map((s) => (s.node as unknown as { logStreamName: string }).logStreamName);
    assert.ok(names.every((n) => n.startsWith(`${DEMO.jobs.restarted}/${restarted[0].label}-`)), names.join());
  });

  it('converts nodes to the command argument shapes', async () => {
    const job = await child(api, (await child(api, undefined, 'Training Jobs')).node, DEMO.jobs.inProgress);
    const [host] = await children(api, job.node);
    assert.deepStrictEqual(host.node.tailTarget(), { kind: 'trainingJob', trainingJobName: DEMO.jobs.inProgress, host: 'algo-1' });
    const copied = await vscode.commands.executeCommand<string>('sagemakerMonitor.copyName', job.node);
    assert.strictEqual(copied, DEMO.jobs.inProgress);
    assert.strictEqual(await vscode.env.clipboard.readText(), DEMO.jobs.inProgress);
    const arn = await vscode.commands.executeCommand<string>('sagemakerMonitor.copyArn', job.node);
    assert.match(arn, new RegExp(`^arn:aws:sagemaker:us-east-1:\\d{12}:training-job/${DEMO.jobs.inProgress}$`));
  });

  it('refreshes a job in progress by itself until it ends', async function () {
    await setSetting('explorer.pollIntervalSeconds', 5);
    try {
      await vscode.commands.executeCommand('sagemakerMonitor.explorer.focus');
      const root = (await child(api, undefined, 'Training Jobs')).node;
      const job = (await child(api, root, DEMO.jobs.inProgress)).node as TrainingJobNode;
      assert.strictEqual(job.job.status, 'InProgress');
      const changed: string[] = [];
      const sub = api.explorer.onDidChangeTreeData((n) => n && changed.push(n.id));
      await sim.control.setTrainingJobStatus(DEMO.jobs.inProgress, 'Completed');
      const waited = Date.now();
      await waitForStatus(job, 'Completed', 20_000);
      sub.dispose();
      assert.ok(changed.includes(job.id), 'the tree was told the job changed');
      assert.strictEqual((api.explorer.getTreeItem(job).iconPath as vscode.ThemeIcon).id, 'pass');
      console.log(`job turned Completed in the tree ${Date.now() - waited} ms after the status change`);
    } finally {
      await setSetting('explorer.pollIntervalSeconds', undefined);
    }
  });
});

async function waitForStatus(job: TrainingJobNode, status: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (job.job.status !== status) {
    if (Date.now() > end) {
      throw new Error(`job ${job.job.name} still ${job.job.status} after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
