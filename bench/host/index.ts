// Benchmarks that must run inside a real extension host (P5 activation, P7 first tree level).
// Started by scripts/bench.mjs through the same rig as the integration tests; results go to the JSON
// file named by SMM_BENCH_OUT. Never pass/fail: it reports figures.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { EXTENSION_ID } from '../../src/shared/ids';
import { SimControl } from '../../sim/src/controlClient';


export async function run(): Promise<void> {
  const out = process.env.SMM_BENCH_OUT;
  const simUrl = process.env.SMM_SIMULATOR_URL;
  const results: Record<string, unknown> = { vscode: vscode.version, node: process.version };

  // P5: activation, measured around the first activate() (module load + activate()).
  const ext = vscode.extensions.getExtension<SageMakerMonitorApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(`${EXTENSION_ID} is not installed`);
  }
  results.alreadyActive = ext.isActive;
  const t0 = performance.now();
  const api = await ext.activate();
  results.activationMs = performance.now() - t0;

  if (simUrl) {
    const config = vscode.workspace.getConfiguration('sagemakerMonitor');
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('endpointUrl', simUrl, target);
    await config.update('region', 'us-east-1', target);
    // Warm the connection once (credential chain, sockets) so P7 measures the tree, not the first TLS-less dial.
    api.explorer.refresh();
    await api.explorer.getChildren((await api.explorer.getChildren())[1]);

    // P7: both roots expanded, as the view shows them first.
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      api.explorer.refresh();
      const start = performance.now();
      const roots = await api.explorer.getChildren();
      const [endpoints, jobs] = await Promise.all(roots.map((r) => api.explorer.getChildren(r)));
      times.push(performance.now() - start);
      results.firstLevelCounts = { endpoints: endpoints.length, trainingJobsShown: jobs.length };
    }
    results.firstLevelMs = times;

    // Requests for a full expansion: every endpoint → variant → instances, first page of jobs → hosts.
    api.explorer.refresh();
    const control = new SimControl(simUrl);
    await control.resetRequestCounts();
    const start = performance.now();
    const expand = async (node: ExplorerNode | undefined, depth: number): Promise<number> => {
      const kids = await api.explorer.getChildren(node);
      if (depth === 0) {
        return kids.length;
      }
      const counts = await Promise.all(kids.map((k) => expand(k, depth - 1)));
      return kids.length + counts.reduce((a, b) => a + b, 0);
    };
    results.fullExpansionNodes = await expand(undefined, 4);
    results.fullExpansionMs = performance.now() - start;
    results.fullExpansionRequests = await control.requestCounts();
  }
  if (out) {
    writeFileSync(out, JSON.stringify(results, null, 2));
  }
  console.log(`SMM_BENCH ${JSON.stringify(results)}`);
}
