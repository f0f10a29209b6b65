// Failures show in the tree as nodes with the action that fixes them, never as a storm of popups.
import * as assert from 'assert';
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
