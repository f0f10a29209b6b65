// Endpoints as they are deployed today (#18): inference components, async, serverless and multi-model endpoints
// in the tree and their tails, against the demo account in a real extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { child, children, extensionApi, setSetting, simulatorForExtension, waitFor, type ShownNode } from '../helpers';

describe('Explorer: endpoint kinds (inference components, async, serverless, multi-model)', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  const account = () => sim.state.account('us-east-1');

  const endpoint = async (name: string): Promise<ShownNode> => child(api, (await child(api, undefined, 'Endpoints')).node, name);
  /** The endpoint once expanded (its description then shows the kind), and its variants. */
  const expand = async (name: string): Promise<{ endpoint: ShownNode; variants: ShownNode[] }> => {
    const variants = await children(api, (await endpoint(name)).node);
    return { endpoint: await endpoint(name), variants };
  };
  const tailOf = (resourceName: string) => api.logTails().find((t) => t.channelName === logChannelName(resourceName));
  const linesOf = (resourceName: string) => (tailOf(resourceName)?.text ?? '').split('\n').filter((l) => l !== '' && !l.includes('=== ['));
  const ended = (name: string) => waitFor(`the tail of ${name} to end`, () => (tailOf(name)?.state === 'ended' ? true : undefined));

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.liveTail', 'never');
    await setSetting('logs.backfillLines', 5000);
    api.explorer.refresh();
  });

  afterEach(async () => {
    await sim.control.clearFaults();
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
  });

  after(async () => {
    for (const key of ['logs.pollIntervalSeconds', 'logs.liveTail', 'logs.backfillLines']) {
      await setSetting(key, undefined);
    }
    await sim?.close();
  });

  it('shows inference components under their variant: status, copies current → desired, compute per copy', async () => {
    api.explorer.refresh();
    await sim.control.resetRequestCounts();
    const { endpoint: ep, variants } = await expand(DEMO.endpoints.inferenceComponents);
    assert.strictEqual(ep.item.description, 'InService · inference components');
    assert.deepStrictEqual(variants.map((v) => [v.label, v.item.description]), [['AllTraffic', '2 × ml.g5.12xlarge · 2 inference components · weight 1']]);
    // Describe, its config, one listing and a describe per component; no gauge to read, no DescribeModel (no model).
    const counts = await sim.control.requestCounts();
    assert.strictEqual(counts['sagemaker.ListInferenceComponents'], 1, JSON.stringify(counts));
    assert.strictEqual(counts['sagemaker.DescribeInferenceComponent'], 2, JSON.stringify(counts));
    assert.strictEqual(counts['sagemaker.DescribeModel'], undefined, JSON.stringify(counts));
    assert.strictEqual(counts['cloudwatch.GetMetricData'], undefined, JSON.stringify(counts));

    const under = await children(api, variants[0].node);
    const components = under.filter((n) => n.item.contextValue === 'inferenceComponent');
    assert.deepStrictEqual(
      components.map((c) => [c.label, c.item.description]),
      [
        [DEMO.inferenceComponents.inService, 'InService · 2 copies · 1 GPU, 2 CPUs, 24 GiB per copy'],
        [DEMO.inferenceComponents.updating, 'Updating · 1→3 copies · 1 GPU, 2 CPUs, 16 GiB per copy'],
      ],
    );
    assert.deepStrictEqual(components[0].node.metricsTarget(), { kind: 'inferenceComponent', endpointName: DEMO.endpoints.inferenceComponents, inferenceComponentName: DEMO.inferenceComponents.inService });
    assert.deepStrictEqual(components[0].node.tailTarget(), { kind: 'inferenceComponent', endpointName: DEMO.endpoints.inferenceComponents, inferenceComponentName: DEMO.inferenceComponents.inService });
    // The instances follow, with enhanced metrics' accelerators and containers under them.
    const instances = under.filter((n) => n.item.contextValue === 'instance');
    const ids = account().endpoints.get(DEMO.endpoints.inferenceComponents)?.variants[0].instanceIds ?? [];
    assert.deepStrictEqual(instances.map((i) => i.label), [...ids].sort());
    const levels = await children(api, instances[0].node);
    assert.ok(levels.some((l) => l.item.contextValue === 'instanceLevel' && /accelerator/.test(String(l.item.description))), levels.map((l) => `${l.label} ${l.item.description}`).join('\n'));
  });

  it('shows an async endpoint\'s backlog, and each instance\'s model-server and data-log streams apart', async () => {
    const { endpoint: ep, variants } = await expand(DEMO.endpoints.async);
    assert.match(String(ep.item.description), /^InService · async · backlog \d+/);
    const instances = await children(api, variants[0].node);
    assert.ok(instances.length >= 1 && instances.every((i) => i.item.contextValue === 'instance'), instances.map((i) => i.label).join());
    const streams = await children(api, instances[0].node);
    assert.strictEqual(streams.length, 2);
    assert.ok(streams.every((s) => s.item.contextValue === 'logStream'));
    const names = streams.map((s) => (s.node.tailTarget() as { logStreamName?: string } | undefined)?.logStreamName);
    assert.deepStrictEqual(names, [`AllTraffic/${instances[0].label}`, `AllTraffic/${instances[0].label}/data-log`]);
  });

  it('shows a serverless variant\'s memory and concurrency instead of instances', async () => {
    const { endpoint: ep, variants } = await expand(DEMO.endpoints.serverless);
    assert.strictEqual(ep.item.description, 'InService · serverless');
    assert.strictEqual(variants.length, 1);
    assert.match(String(variants[0].item.description), /^serverless 4096 MB · max 20 concurrent · 2 provisioned/);
    assert.strictEqual(variants[0].item.collapsibleState, vscode.TreeItemCollapsibleState.None);
  });

  it('shows a multi-model endpoint\'s loaded models (one GetMetricData call)', async () => {
    api.explorer.refresh();
    await sim.control.resetRequestCounts();
    const { endpoint: ep, variants } = await expand(DEMO.endpoints.multiModel);
    assert.strictEqual(ep.item.description, 'InService · multi-model');
    assert.match(String(variants[0].item.description), /^2 × ml\.c5\.2xlarge · multi-model · \d+ models? loaded/);
    const counts = await sim.control.requestCounts();
    assert.strictEqual(counts['sagemaker.DescribeModel'], 1, JSON.stringify(counts));
    assert.strictEqual(counts['cloudwatch.GetMetricData'], 1, JSON.stringify(counts));
  });

  it('an endpoint whose kind cannot be told still shows its variants; a failed component listing leaves the instances', async () => {
    await sim.control.injectFault({ operation: 'sagemaker.DescribeModel', type: 'accessDenied' });
    await sim.control.injectFault({ operation: 'sagemaker.ListInferenceComponents', type: 'accessDenied' });
    await sim.control.injectFault({ operation: 'cloudwatch.GetMetricData', type: 'accessDenied' });
    api.explorer.refresh();
    const mme = await expand(DEMO.endpoints.multiModel);
    assert.strictEqual(mme.endpoint.item.description, 'InService');
    assert.match(String(mme.variants[0].item.description), /^2 × ml\.c5\.2xlarge/);
    assert.ok((await children(api, mme.variants[0].node)).length >= 2);
    const ic = await expand(DEMO.endpoints.inferenceComponents);
    const under = await children(api, ic.variants[0].node);
    assert.match(under[0].label, /Inference components could not be listed/);
    assert.ok(under.slice(1).length === 2 && under.slice(1).every((n) => n.item.contextValue === 'instance'), under.map((n) => n.label).join());
    const async = await expand(DEMO.endpoints.async);
    assert.strictEqual(async.endpoint.item.description, 'InService · async');
  });

  it('tails an inference component\'s copies from its own group, every line tagged with its copy', async () => {
    const name = DEMO.inferenceComponents.inService;
    await vscode.commands.executeCommand(CommandId.TailLogs, { endpointName: DEMO.endpoints.inferenceComponents, inferenceComponentName: name, follow: false });
    await ended(name);
    const lines = linesOf(name);
    const streams = [...(account().logs.groups.get(`/aws/sagemaker/InferenceComponents/${name}`)?.streams.keys() ?? [])];
    assert.ok(streams.length === 2, streams.join());
    const tags = new Set(lines.map((l) => /\[([^\]]+)\]/.exec(l)?.[1]));
    assert.deepStrictEqual([...tags].sort(), [...streams].sort());
    assert.ok(lines.some((l) => l.includes('Initialized model')), lines.slice(0, 5).join('\n'));
  });

  it('tails an async endpoint\'s data logs alone, or its model servers alone', async () => {
    const ep = DEMO.endpoints.async;
    await vscode.commands.executeCommand(CommandId.TailLogs, { endpointName: ep, dataLog: true, follow: false });
    await ended(ep);
    const data = linesOf(ep);
    assert.ok(data.length > 0 && data.every((l) => /\/data-log\]/.test(l)), data.slice(0, 3).join('\n'));
    await vscode.commands.executeCommand(CommandId.StopTail, { name: ep });
    await vscode.commands.executeCommand(CommandId.TailLogs, { endpointName: ep, dataLog: false, follow: false });
    await ended(ep);
    const server = linesOf(ep);
    assert.ok(server.length > 0 && server.every((l) => !/\/data-log\]/.test(l)), server.slice(0, 3).join('\n'));
  });

  it('tails a serverless variant (no instance level)', async () => {
    const ep = DEMO.endpoints.serverless;
    await vscode.commands.executeCommand(CommandId.TailLogs, { endpointName: ep, variantName: 'AllTraffic', follow: false });
    await ended(ep);
    assert.ok(linesOf(ep).length > 0);
  });

  it('tails an inference component without a log group of its own from its variant\'s streams of the endpoint', async () => {
    const name = DEMO.inferenceComponents.updating;
    const group = `/aws/sagemaker/InferenceComponents/${name}`;
    const saved = account().logs.groups.get(group);
    account().logs.groups.delete(group);
    try {
      await vscode.commands.executeCommand(CommandId.TailLogs, { endpointName: DEMO.endpoints.inferenceComponents, inferenceComponentName: name, follow: false });
      await ended(name);
      const tags = new Set(linesOf(name).map((l) => /\[([^\]]+)\]/.exec(l)?.[1]));
      const ids = account().endpoints.get(DEMO.endpoints.inferenceComponents)?.variants[0].instanceIds ?? [];
      assert.deepStrictEqual([...tags].sort(), ids.map((id) => `AllTraffic/${id}`).sort());
    } finally {
      if (saved) {
        account().logs.groups.set(group, saved);
      }
    }
  });
});
