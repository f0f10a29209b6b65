// Benchmarks that must run inside a real extension host (P5 activation, P7 first tree level, P1 end to end,
// M1 heap). Started by scripts/bench.mjs through the same rig as the integration tests; results go to the JSON
// file named by SMM_BENCH_OUT. Never pass/fail: it reports figures.
//   SMM_BENCH_P1E=runs (P1 end to end, p1e.ts; SMM_BENCH_P1E_PROFILE=folder for CPU profiles), SMM_BENCH_M1=lines,
//   SMM_BENCH_ONLY=p1e (P5 and P1e only).
import { writeFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/explorer/baseNodes';
import { EXTENSION_ID } from '../../src/shared/ids';
import { SimControl } from '../../sim/src/controlClient';
import { openStopHeapGrowth } from './memory';
import { endToEndBackfill } from './p1e';


/** A function that collects garbage now: the extension host runs without --expose-gc. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * M1: the extension host's heap while its tail of the large scenario's 4-host job follows `lines` new lines
 * (polling, default settings otherwise), written into the simulator as fast as the tail keeps up. Growth is
 * the heap after a full collection once every line is in the channel, minus the same before the first.
 */
async function tailHeapGrowth(api: SageMakerMonitorApi, control: SimControl, lines: number): Promise<Record<string, unknown>> {
  const gc = collector();
  const job = 'bench-logs-job';
  const group = '/aws/sagemaker/TrainingJobs';
  const config = vscode.workspace.getConfiguration('sagemakerMonitor');
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('logs.liveTail', 'never', target);
  // The scenario's job completes half a minute after the simulator starts; keep it training.
  await control.setTrainingJobStatus(job, 'InProgress');
  // Four new streams of the job (as restarted hosts would write): the tail finds them and reads them from their start.
  const streams = [1, 2, 3, 4].map((h) => `${job}/algo-${h}-${Math.floor(Date.now() / 1000)}`);
  const tail = await vscode.commands.executeCommand<{ channelName: string }>('sagemakerMonitor.tailLogs', { trainingJobName: job });
  const info = () => api.logTails().find((t) => t.channelName === tail?.channelName);
  const waitFor = async (what: string, ok: () => boolean, ms = 120_000) => {
    const until = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > until || info()?.state === 'failed') {
        throw new Error(`M1: ${what} (${info()?.state}, ${info()?.eventCount} events)`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await waitFor('backfill', () => (info()?.eventCount ?? 0) > 0);
  await new Promise((r) => setTimeout(r, 2000));
  gc();
  const start = info()?.eventCount ?? 0;
  const before = process.memoryUsage();
  let peak = before.heapUsed;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 250);
  const t0 = performance.now();
  try {
    const perCall = 5000;
    const ahead = 50_000;
    let written = 0;
    for (let call = 0; written < lines; call++) {
      await waitFor('catching up', () => (info()?.eventCount ?? 0) - start >= written - ahead);
      const n = Math.min(perCall, lines - written);
      const now = Date.now();
      const events = Array.from({ length: n }, (_, i) => ({
        timestamp: now,
        message: `[1,mpirank:${call % 8},algo-1]<stdout>:step ${written + i} loss=${(1 / (1 + written + i)).toFixed(6)} lr=0.0003 tokens/s=${(12000 + ((written + i) % 997)).toString()} grad_norm=0.87`,
      }));
      await control.appendLogEvents(group, streams[call % streams.length], events);
      written += n;
    }
    await waitFor('all lines in the channel', () => (info()?.eventCount ?? 0) - start >= lines, 600_000);
    const tailMs = performance.now() - t0;
    clearInterval(sampler);
    gc();
    const after = process.memoryUsage();
    const transcriptChars = info()?.text.length;
    await vscode.commands.executeCommand('sagemakerMonitor.stopTail', job);
    await new Promise((r) => setTimeout(r, 1000));
    gc();
    const stopped = process.memoryUsage();
    return {
      transcriptChars,
      heapUsedAfterStop: stopped.heapUsed,
      lines,
      tailMs,
      heapUsedBefore: before.heapUsed,
      heapUsedAfter: after.heapUsed,
      growthBytes: after.heapUsed - before.heapUsed,
      peakHeapUsed: peak,
      externalGrowthBytes: after.external - before.external,
      rssGrowthBytes: after.rss - before.rss,
      requests: info()?.requests,
    };
  } finally {
    clearInterval(sampler);
    await vscode.commands.executeCommand('sagemakerMonitor.stopTail', job);
    await config.update('logs.liveTail', undefined, target);
  }
}

/**
 * Waits until the extension host's event loop has been quiet (a 20 ms timer late by under 5 ms) for half a
 * second, 15 s at most, and returns how long that took: the built-in extensions starting up share the thread,
 * and P5 is our activation, not theirs.
 */
async function quietHost(): Promise<number> {
  const start = performance.now();
  let quietSince = start;
  while (performance.now() - start < 15_000) {
    const before = performance.now();
    await new Promise((r) => setTimeout(r, 20));
    const now = performance.now();
    if (now - before - 20 > 5) {
      quietSince = now;
    } else if (now - quietSince >= 500) {
      break;
    }
  }
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const out = process.env.SMM_BENCH_OUT;
  const simUrl = process.env.SMM_SIMULATOR_URL;
  const results: Record<string, unknown> = { vscode: vscode.version, node: process.version };

  // P5: activation, measured around the first activate() (module load + activate()), once the host is quiet.
  const ext = vscode.extensions.getExtension<SageMakerMonitorApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(`${EXTENSION_ID} is not installed`);
  }
  results.alreadyActive = ext.isActive;
  results.settleMs = await quietHost();
  const t0 = performance.now();
  const api = await ext.activate();
  results.activationMs = performance.now() - t0;

  const only = process.env.SMM_BENCH_ONLY;
  if (simUrl) {
    const config = vscode.workspace.getConfiguration('sagemakerMonitor');
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('endpointUrl', simUrl, target);
    await config.update('region', 'us-east-1', target);
  }
  if (simUrl && only !== 'p1e') {
    // Warm the connection once (credential chain, sockets) so P7 measures the tree, not the first TLS-less dial.
    api.explorer.refresh();
    await api.explorer.getChildren((await api.explorer.getChildren())[1]);

    // P7: every group expanded (endpoints and the five job groups, each its first page), as the view shows them first.
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      api.explorer.refresh();
      const start = performance.now();
      const roots = await api.explorer.getChildren();
      const groups = await Promise.all(roots.map((r) => api.explorer.getChildren(r)));
      times.push(performance.now() - start);
      results.firstLevelCounts = Object.fromEntries(roots.map((r, i) => [r.id, groups[i].length]));
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
  // P1 end to end before M1, which adds streams to the same job.
  if (simUrl && process.env.SMM_BENCH_P1E) {
    const runs = Number(process.env.SMM_BENCH_P1E) || 5;
    results.p1e = await endToEndBackfill(api, { simUrl, runs, cliRuns: Math.min(runs, 3), profileDir: process.env.SMM_BENCH_P1E_PROFILE || undefined });
  }
  if (simUrl && only !== 'p1e' && process.env.SMM_BENCH_M1) {
    results.m1 = await tailHeapGrowth(api, new SimControl(simUrl), Number(process.env.SMM_BENCH_M1));
  }
  if (simUrl && only !== 'p1e' && process.env.SMM_BENCH_M3) {
    results.m3 = await openStopHeapGrowth(api, new SimControl(simUrl), Number(process.env.SMM_BENCH_M3));
  }
  if (out) {
    writeFileSync(out, JSON.stringify(results, null, 2));
  }
  console.log(`SMM_BENCH ${JSON.stringify(results)}`);
}
