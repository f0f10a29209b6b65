// Failures show in the tree as nodes with the action that fixes them, never as a storm of popups.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ExplorerNode } from '../../../src/explorer/baseNodes';
import { DEMO } from '../../../sim/scenarios/demo';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { Simulator } from '../../../sim/src/server';
import { child, children, connect, extensionApi, simulatorForExtension, useFakeCredentials, type ShownNode } from '../helpers';

describe('Explorer: failures as tree nodes', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
  });

  afterEach(async () => {
    useFakeCredentials();
    await sim.control.clearFaults();
    await connect({ endpointUrl: sim.url, region: 'us-east-1' });
    api.explorer.refresh();
  });

  after(async () => {
    await sim?.close();
  });

  async function rootChildren(root: 'Endpoints' | 'Training Jobs'): Promise<ShownNode[]> {
    api.explorer.refresh();
    return children(api, (await child(api, undefined, root)).node);
  }

  function onlyFailure(nodes: ShownNode[]): ShownNode {
    const failures = nodes.filter((n) => n.item.contextValue === 'failure');
    assert.strictEqual(failures.length, 1, nodes.map((n) => n.label).join(' | '));
    return failures[0];
  }

  it('no credentials → "Configure AWS profile"', async () => {
    await connect({ endpointUrl: sim.url, region: 'us-east-1', profile: 'no-such-profile' });
    const failure = onlyFailure(await rootChildren('Endpoints'));
    assert.match(failure.label, /No AWS credentials/);
    assert.strictEqual(failure.item.command?.command, 'sagemakerMonitor.selectProfile');
    assert.strictEqual(failure.item.description, 'Configure AWS profile');
  });

  it('AccessDenied → names the missing permission', async () => {
    await sim.control.injectFault({ operation: 'sagemaker.ListEndpoints', type: 'accessDenied' });
    const failure = onlyFailure(await rootChildren('Endpoints'));
    assert.match(failure.label, /sagemaker:ListEndpoints/);
    assert.match(String(failure.item.description), /Grant sagemaker:ListEndpoints/);
    assert.strictEqual(failure.item.command?.command, 'sagemakerMonitor.refresh');
    // The other root is unaffected.
    const jobs = await children(api, (await child(api, undefined, 'Training Jobs')).node);
    assert.ok(jobs.length >= 5 && jobs.every((j) => j.item.contextValue === 'trainingJob'));
  });

  const deeper: { operation: string; path: string[]; permission: string }[] = [
    { operation: 'sagemaker.DescribeEndpoint', path: ['Endpoints', DEMO.endpoints.twoVariants], permission: 'sagemaker:DescribeEndpoint' },
    { operation: 'sagemaker.DescribeEndpointConfig', path: ['Endpoints', DEMO.endpoints.twoVariants], permission: 'sagemaker:DescribeEndpointConfig' },
    { operation: 'logs.DescribeLogStreams', path: ['Endpoints', DEMO.endpoints.twoVariants, 'Primary'], permission: 'logs:DescribeLogStreams' },
    { operation: 'cloudwatch.ListMetrics', path: ['Endpoints', DEMO.endpoints.twoVariants, 'Primary'], permission: 'cloudwatch:ListMetrics' },
    { operation: 'sagemaker.DescribeTrainingJob', path: ['Training Jobs', DEMO.jobs.failed], permission: 'sagemaker:DescribeTrainingJob' },
    { operation: 'logs.DescribeLogStreams', path: ['Training Jobs', DEMO.jobs.failed], permission: 'logs:DescribeLogStreams' },
  ];
  for (const { operation, path, permission } of deeper) {
    it(`AccessDenied on ${operation} → a failure node under ${path.at(-1)} naming ${permission}`, async () => {
      api.explorer.refresh();
      let node: ExplorerNode | undefined;
      for (const label of path) {
        node = (await child(api, node, label)).node;
      }
      await sim.control.injectFault({ operation, type: 'accessDenied' });
      const failure = onlyFailure(await children(api, node));
      assert.match(failure.label, new RegExp(permission));
    });
  }

  it('an endpoint deleted while the list is open → "no longer exists", refresh the list', async () => {
    const endpointsRoot = (await child(api, undefined, 'Endpoints')).node;
    api.explorer.refresh(endpointsRoot);
    const endpoint = await child(api, endpointsRoot, DEMO.endpoints.bursty);
    const account = sim.state.account('us-east-1');
    const saved = account.endpoints.get(DEMO.endpoints.bursty)!;
    account.endpoints.delete(DEMO.endpoints.bursty);
    try {
      const failure = onlyFailure(await children(api, endpoint.node));
      assert.match(failure.label, /No longer exists/);
      assert.strictEqual(failure.item.description, 'Refresh the list');
      await (await import('vscode')).commands.executeCommand(failure.item.command!.command, ...(failure.item.command!.arguments ?? []));
      const names = (await children(api, (await child(api, undefined, 'Endpoints')).node)).map((e) => e.label);
      assert.ok(!names.includes(DEMO.endpoints.bursty) && names.length === Object.keys(DEMO.endpoints).length - 1, names.join());
    } finally {
      account.endpoints.set(DEMO.endpoints.bursty, saved);
    }
  });

  it('a failing credential_process → the process error, "Configure AWS profile"', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smm-credproc-'));
    const config = path.join(dir, 'config');
    fs.writeFileSync(config, `[profile broken-process]\nregion = us-east-1\ncredential_process = ${process.execPath} -e "process.stderr.write('token service down'); process.exit(3)"\n`);
    const previous = process.env.AWS_CONFIG_FILE;
    process.env.AWS_CONFIG_FILE = config;
    try {
      await connect({ endpointUrl: sim.url, region: 'us-east-1', profile: 'broken-process' });
      const failure = onlyFailure(await rootChildren('Endpoints'));
      assert.match(failure.label, /No AWS credentials/);
      assert.strictEqual(failure.item.command?.command, 'sagemakerMonitor.selectProfile');
    } finally {
      process.env.AWS_CONFIG_FILE = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a malformed endpoint URL → "Check endpoint URL"', async () => {
    await connect({ endpointUrl: 'not a url', region: 'us-east-1' });
    const failure = onlyFailure(await rootChildren('Endpoints'));
    assert.strictEqual(failure.item.description, 'Check endpoint URL');
    assert.strictEqual(failure.item.command?.command, 'workbench.action.openSettings');
  });

  it('expired token → sign in again, then retry', async () => {
    await sim.control.injectFault({ operation: 'sagemaker.ListTrainingJobs', type: 'expiredToken' });
    const failure = onlyFailure(await rootChildren('Training Jobs'));
    assert.match(failure.label, /expired/);
    assert.strictEqual(failure.item.command?.command, 'sagemakerMonitor.refresh');
  });

  it('an unreachable endpoint URL → retry, and the retry recovers', async () => {
    await connect({ endpointUrl: 'http://127.0.0.1:9', region: 'us-east-1' });
    const failure = onlyFailure(await rootChildren('Endpoints'));
    assert.match(failure.label, /Network error|cannot be reached/);
    assert.strictEqual(failure.item.description, 'Retry');
    await connect({ endpointUrl: sim.url, region: 'us-east-1' });
    const args = failure.item.command?.arguments ?? [];
    await (await import('vscode')).commands.executeCommand(failure.item.command!.command, ...args);
    const endpoints = await children(api, (await child(api, undefined, 'Endpoints')).node);
    assert.ok(endpoints.length >= 4 && endpoints.every((e) => e.item.contextValue === 'endpoint'), endpoints.map((e) => e.label).join());
  });

  it('throttling is absorbed by adaptive retry, not shown', async () => {
    await sim.control.injectFault({ operation: 'sagemaker.ListEndpoints', type: 'throttle', count: 2 });
    const endpoints = await rootChildren('Endpoints');
    assert.ok(endpoints.every((e) => e.item.contextValue === 'endpoint'), endpoints.map((e) => e.label).join());
  });
});
