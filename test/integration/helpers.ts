// Shared helpers of the extension-host tests: the extension's API, the simulator, settings, waiting.
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/explorer/baseNodes';
import { EXTENSION_ID } from '../../src/shared/ids';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../sim/src/server';

export async function extensionApi(): Promise<SageMakerMonitorApi> {
  const ext = vscode.extensions.getExtension<SageMakerMonitorApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(`${EXTENSION_ID} is not installed in this host`);
  }
  const api = await ext.activate();
  // The tests read what finished tails wrote.
  api.keepTailTranscripts(true);
  return api;
}

export { waitFor } from '../waitFor';

/** Keeps the SDK's credential chain on the simulator's fake keys and away from instance metadata. */
export function useFakeCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = 'AKIDSIMULATOR';
  process.env.AWS_SECRET_ACCESS_KEY = 'simulator';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
}

const connectionKeys = ['profile', 'region', 'endpointUrl'] as const;

/** Where test settings go: the workspace (it overrides what the rig put there), else the user settings. */
function settingsTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

/** Points the extension at a connection; an omitted key is reset to its default. */
export async function connect(settings: Partial<Record<(typeof connectionKeys)[number], string>>): Promise<void> {
  for (const key of connectionKeys) {
    const value = settings[key] ?? '';
    if (vscode.workspace.getConfiguration('sagemakerMonitor').get<string>(key, '') !== value) {
      await setSetting(key, value === '' ? undefined : value);
    }
  }
}

/** Sets `sagemakerMonitor.<key>`; undefined removes it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('sagemakerMonitor').update(key, value, settingsTarget());
}

/** The test's own SDK clients on the simulator (what a training script or the AWS CLI would send); destroy them after. */
export function simulatorClients(sim: Simulator): { sagemaker: SageMakerClient; logs: CloudWatchLogsClient } {
  const base = { endpoint: sim.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'simulator' } };
  return { sagemaker: new SageMakerClient(base), logs: new CloudWatchLogsClient(base) };
}

/** A simulator in this process, with the extension pointed at it. */
export async function simulatorForExtension(options: SimulatorOptions = {}): Promise<Simulator> {
  useFakeCredentials();
  const sim = await startSimulator({ port: 0, scenario: 'demo', ...options });
  await connect({ endpointUrl: sim.url, region: 'us-east-1' });
  return sim;
}

export interface ShownNode {
  readonly node: ExplorerNode;
  readonly item: vscode.TreeItem;
  readonly label: string;
}

/** The children of a node as the tree shows them. */
export async function children(api: SageMakerMonitorApi, parent?: ExplorerNode): Promise<ShownNode[]> {
  const nodes = await api.explorer.getChildren(parent);
  return nodes.map((node) => {
    const item = api.explorer.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return { node, item, label };
  });
}

export async function child(api: SageMakerMonitorApi, parent: ExplorerNode | undefined, label: string): Promise<ShownNode> {
  const all = await children(api, parent);
  const found = all.find((c) => c.label === label);
  if (!found) {
    throw new Error(`no child "${label}" under ${parent?.id ?? 'the root'}; have: ${all.map((c) => c.label).join(', ')}`);
  }
  return found;
}
