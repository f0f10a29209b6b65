// M3, inside the extension host (bench/host/index.ts, SMM_BENCH_M3=tails): the host's heap after opening and
// stopping `tails` tails, with the default settings (Live Tail on), against the large scenario.
// SMM_BENCH_M3_LINES=n (default 0): each tail also shows n new lines before it is stopped, so that the
// finished tails have more text than their backfill.
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../src/extension';
import type { TailInfo } from '../../src/logs/tailSession';
import { CommandId, logChannelName } from '../../src/shared/ids';
import { endpointLogGroup, TRAINING_JOBS_LOG_GROUP } from '../../src/shared/names';
import type { SimControl } from '../../sim/src/controlClient';

const JOB = 'bench-logs-job';
const endpoint = (n: number) => `bench-ep-${String(n).padStart(4, '0')}`;

/** A function that collects garbage now: the extension host runs without --expose-gc. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Tail i's target: the even ones alternate between the log-heavy job and the first endpoint (their channels are
 * reused: each start replaces the finished tail of the same channel), the odd ones are a new endpoint each (a
 * new channel, and a finished tail that stays listed).
 */
function target(i: number): { trainingJobName: string } | { endpointName: string } {
  if (i % 2 === 1) {
    return { endpointName: endpoint(2 + (i - 1) / 2) };
  }
  return i % 4 === 0 ? { trainingJobName: JOB } : { endpointName: endpoint(1) };
}

/**
 * Opens and stops `tails` tails one after the other: `sagemakerMonitor.tailLogs`, until the tail follows (on
 * Live Tail, or polling after the tail said why), then `sagemakerMonitor.stopTail` with its name. The heap after a
 * full collection once all are stopped, minus the same before the first (after a warm-up open and stop of each
 * reused target, so that loading the AWS backend and the first channels are not counted).
 */
export async function openStopHeapGrowth(api: SageMakerMonitorApi, control: SimControl, tails: number, lines = Number(process.env.SMM_BENCH_M3_LINES ?? 0)): Promise<Record<string, unknown>> {
  // The scenario's job completes half a minute after the simulator starts: it trains on, so its tail follows.
  await control.setTrainingJobStatus(JOB, 'InProgress');
  // With lines to show: Live Tail updates every 10 ms (instead of every second), so that they come quickly.
  const updateIntervalMs = (await control.setLiveTail({})).updateIntervalMs;
  if (lines > 0) {
    await control.setLiveTail({ updateIntervalMs: 10 });
  }
  try {
    return await openAndStopAll(api, control, tails, lines);
  } finally {
    await control.setLiveTail({ updateIntervalMs });
  }
}

async function openAndStopAll(api: SageMakerMonitorApi, control: SimControl, tails: number, lines: number): Promise<Record<string, unknown>> {
  const gc = collector();
  const ended = (x: TailInfo | undefined) => x !== undefined && x.state !== 'starting' && x.state !== 'running';
  const heap = async () => {
    await new Promise((r) => setTimeout(r, 2000));
    gc();
    gc();
    return process.memoryUsage();
  };
  const modes = { liveTail: 0, polling: 0 };
  let followMs = 0;
  let tailNumber = 0;
  const openAndStop = async (t: ReturnType<typeof target>) => {
    const name = 'trainingJobName' in t ? t.trainingJobName : t.endpointName;
    tailNumber++;
    const t0 = performance.now();
    await vscode.commands.executeCommand(CommandId.TailLogs, t);
    const info = () => api.logTails().find((x) => x.channelName === logChannelName(name));
    // Following: past the backfill, on Live Tail or polling (after a notice that says "polling every").
    const following = (x: TailInfo | undefined) => x?.state === 'running' && (x.mode === 'liveTail' || x.text.includes('polling every'));
    const until = Date.now() + 60_000;
    while (!following(info())) {
      if (Date.now() > until || ended(info())) {
        throw new Error(`M3: the tail of ${name} did not follow (${info()?.state}, ${info()?.mode}, ${info()?.eventCount} events)`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    followMs += performance.now() - t0;
    modes[info()?.mode ?? 'polling']++;
    if (lines > 0) {
      // Into a new stream of the target (a new host, a new instance: Live Tail takes it in), 400 lines an update.
      const [group, stream] = 'trainingJobName' in t ? [TRAINING_JOBS_LOG_GROUP, `${JOB}/algo-9-${tailNumber}`] : [endpointLogGroup(name), `AllTraffic/m3-${tailNumber}`];
      const start = info()?.eventCount ?? 0;
      for (let written = 0; written < lines; ) {
        const n = Math.min(400, lines - written);
        await control.appendLogEvents(group, stream, Array.from({ length: n }, (_, k) => ({ message: `m3 tail ${tailNumber} line ${written + k} loss=${(1 / (1 + written + k)).toFixed(6)} lr=0.0003 tokens/s=${12000 + k} grad_norm=0.87` })));
        written += n;
        while ((info()?.eventCount ?? 0) - start < written) {
          if (Date.now() > until + 120_000 || ended(info())) {
            throw new Error(`M3: the tail of ${name} showed ${(info()?.eventCount ?? 0) - start} of ${written} lines (${info()?.state}, ${info()?.mode})`);
          }
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    }
    await vscode.commands.executeCommand(CommandId.StopTail, { name });
    if (info()?.state !== 'stopped') {
      throw new Error(`M3: the tail of ${name} did not stop (${info()?.state})`);
    }
  };
  await openAndStop(target(0));
  await openAndStop(target(2));
  modes.liveTail = modes.polling = 0;
  followMs = 0;
  const before = await heap();
  const t0 = performance.now();
  for (let i = 0; i < tails; i++) {
    await openAndStop(target(i));
  }
  const ms = performance.now() - t0;
  const after = await heap();
  const finished = api.logTails().filter(ended);
  return {
    tails,
    linesPerTail: lines,
    newChannels: Math.floor(tails / 2),
    ms,
    meanFollowMs: followMs / tails,
    modes,
    heapUsedBefore: before.heapUsed,
    heapUsedAfter: after.heapUsed,
    growthBytes: after.heapUsed - before.heapUsed,
    externalGrowthBytes: after.external - before.external,
    listedTails: api.logTails().length,
    finishedTails: finished.length,
    finishedTextChars: finished.reduce((n, x) => n + x.text.length, 0),
    liveTailSessionsOpen: (await control.health()).liveTailSessions,
  };
}
