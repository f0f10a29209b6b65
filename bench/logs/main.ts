// P1 (backfill of hosts × lines), P2 (follow latency) and P3 (requests per minute while following a 16-host
// job): the extension's tail (src/logs/tailSession.ts over the engine) beside the peers in peers.ts, on the same
// simulator. Prints one JSON object. M2 (heap after 3 simulated hours of Live Tail, memory.ts) only when asked:
//   node out/bench/logs/main.js [--quick] [--only p1,p2,p3]
//   node --max-old-space-size=8192 out/bench/logs/main.js [--quick] --only m2
import { SimControl } from '../../sim/src/controlClient';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { awsCli, awsLogsTailBackfill, awsLogsTailFollow, bareBound, extensionBackfill, extensionTail, logsClient, logsForJobBackfill, logsForJobFollow, streamsOf } from './peers';

import { LOGS_BUDGET, RequestBudget, systemClock } from '../../src/logs/engine/budget';
import type { TailSpec } from '../../src/logs/engine/spec';

/** The budget src/logs/tailManager.ts gives every tail of one account and region. */
const EXTENSION_BUDGET = { rate: LOGS_BUDGET.ratePerSecond, burst: LOGS_BUDGET.burst };
import { startSimProcess, type SimProcess } from './simProcess';
import { m2 } from './memory';

const GROUP = '/aws/sagemaker/TrainingJobs';
const JOB = 'bench-logs-job';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The extension's default poll interval, from its manifest: what a user gets without touching settings. */
function defaultPollIntervalMs(): number {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[] };
  };
  const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
  const seconds = sections.map((c) => c.properties['sagemakerMonitor.logs.pollIntervalSeconds']?.default).find((d) => typeof d === 'number');
  return (seconds as number) * 1000;
}

/** The spec src/logs/tailManager.ts builds for a training job with the default settings. */
function jobTailSpec(liveTail: boolean, pollIntervalMs: number): TailSpec {
  return {
    query: { logGroupName: GROUP, prefix: `${JOB}/`, tagged: true },
    backfillLines: 1000,
    follow: true,
    pollIntervalMs,
    discoverIntervalMs: pollIntervalMs * 5,
    statusIntervalMs: pollIntervalMs * 5,
    trainingJobName: JOB,
    liveTail,
  };
}

/** The simulator (own process) with the log-heavy job of `hosts` × `lines`, its control API and the job's streams. */
async function logsSim(hosts: number, lines: number, ...extra: string[]): Promise<{ sim: SimProcess; control: SimControl; streams: string[] }> {
  const sim = await startSimProcess(['--scenario', 'large', '--jobs', '10', '--endpoints', '2', '--log-hosts', String(hosts), '--log-lines', String(lines), ...extra]);
  try {
    const client = logsClient(sim.url);
    const streams = await streamsOf(client, GROUP, `${JOB}/`);
    client.destroy();
    return { sim, control: new SimControl(sim.url), streams };
  } catch (e) {
    await sim.stop();
    throw e;
  }
}

async function p1(quick: boolean): Promise<Record<string, unknown>> {
  const hosts = 4;
  const lines = quick ? 10_000 : 50_000;
  const runs = quick ? 1 : 7;
  const { sim, streams } = await logsSim(hosts, lines, '--speed', '0');
  try {
    const result: Record<string, unknown> = { hosts, linesPerHost: lines, runs, budget: EXTENSION_BUDGET };
    // The job's MetricDefinitions (sim/scenarios/large.ts): nearly every line of it gives a point.
    const definitions = [{ name: 'train:loss', regex: ' loss=([0-9\\.]+)' }];
    // Warm-up, not counted: JIT, module loading and the simulator's indexes, for every side (the curves' too).
    await bareBound(sim.url, GROUP, streams);
    await extensionBackfill(sim.url, GROUP, `${JOB}/`, Date.now() - (lines + 3600) * 1000, EXTENSION_BUDGET);
    await extensionBackfill(sim.url, GROUP, `${JOB}/`, Date.now() - (lines + 3600) * 1000, EXTENSION_BUDGET, definitions);
    await extensionBackfill(sim.url, GROUP, `${JOB}/`, Date.now() - (lines + 3600) * 1000, EXTENSION_BUDGET, []);
    const bound = [];
    const sdk = [];
    const ours: Awaited<ReturnType<typeof extensionBackfill>>[] = [];
    const oursCurves: Awaited<ReturnType<typeof extensionBackfill>>[] = [];
    // The same job as one without MetricDefinitions: the default log patterns read its `loss=… accuracy=…`.
    const oursPatterns: Awaited<ReturnType<typeof extensionBackfill>>[] = [];
    // Each contender starts on a settled simulator (its garbage from the previous read collected), in turn.
    const settle = () => sleep(1500);
    for (let i = 0; i < runs; i++) {
      await settle();
      bound.push(await bareBound(sim.url, GROUP, streams));
      await settle();
      sdk.push(await logsForJobBackfill(sim.url, GROUP, `${JOB}/`));
      // The backfill alone and the same backfill feeding the job's from-logs curves (a tail of the whole job
      // does), one right after the other, which first alternating from run to run.
      const plain = async () => ours.push(await extensionBackfill(sim.url, GROUP, `${JOB}/`, Date.now() - (lines + 3600) * 1000, EXTENSION_BUDGET));
      const withCurves = async () => oursCurves.push(await extensionBackfill(sim.url, GROUP, `${JOB}/`, Date.now() - (lines + 3600) * 1000, EXTENSION_BUDGET, definitions));
      const withPatterns = async () => oursPatterns.push(await extensionBackfill(sim.url, GROUP, `${JOB}/`, Date.now() - (lines + 3600) * 1000, EXTENSION_BUDGET, []));
      for (const side of i % 2 === 0 ? [plain, withCurves, withPatterns] : [withPatterns, withCurves, plain]) {
        await settle();
        await side();
      }
    }
    result.extension = { ms: median(ours.map((r) => r.ms)), events: ours[0].events, requests: ours[0].requests, runs: ours.map((r) => Math.round(r.ms)), cpuMs: median(ours.map((r) => r.cpuMs)) };
    // The overhead of each pair (the two backfills of one round, back to back), then their median: a slow spell of a
    // busy machine weighs on both of a pair, where medians taken apart may come from different spells.
    const overheads = (key: 'ms' | 'cpuMs', of = oursCurves) => median(of.map((r, k) => r[key] / ours[k][key] - 1));
    result.extensionCurves = {
      ms: median(oursCurves.map((r) => r.ms)),
      events: oursCurves[0].events,
      ...oursCurves[0].curves,
      runs: oursCurves.map((r) => Math.round(r.ms)),
      overhead: overheads('ms'),
      cpuMs: median(oursCurves.map((r) => r.cpuMs)),
      cpuOverhead: overheads('cpuMs'),
      inFeedMs: median(oursCurves.map((r) => r.curves?.inFeedMs ?? 0)),
    };
    result.extensionPatterns = {
      ms: median(oursPatterns.map((r) => r.ms)),
      ...oursPatterns[0].curves,
      overhead: overheads('ms', oursPatterns),
      inFeedMs: median(oursPatterns.map((r) => r.curves?.inFeedMs ?? 0)),
    };
    result.bareBound = { ms: median(bound.map((r) => r.ms)), events: bound[0].events };
    result.logsForJob = { ms: median(sdk.map((r) => r.ms)), events: sdk[0].events };
    const cli = awsCli();
    if (cli) {
      const tails = [];
      for (let i = 0; i < runs; i++) {
        await settle();
        // The log-heavy job's lines end now and go back lines × 1 s.
        tails.push(await awsLogsTailBackfill(cli, sim.url, GROUP, `${JOB}/`, `${Math.ceil(lines / 3600) + 1}h`));
      }
      result.awsLogsTail = { ms: median(tails.map((r) => r.ms)), lines: tails[0].lines };
    } else {
      result.awsLogsTail = 'not installed (apt-get install awscli)';
    }
    return result;
  } finally {
    await sim.stop();
  }
}

/**
 * P2: from an event written to the simulator (control API) to its line appended to the channel, while the
 * extension's tail follows a 4-host job with the default settings: polling (Live Tail off), then Live Tail.
 */
async function p2(quick: boolean): Promise<Record<string, unknown>> {
  const hosts = 4;
  const samples = quick ? 12 : 40;
  const { sim, control, streams } = await logsSim(hosts, 100);
  try {
    // The job would complete half a minute after the simulator starts: keep it training while we follow.
    await control.setTrainingJobStatus(JOB, 'InProgress');
    const pollIntervalMs = defaultPollIntervalMs();
    const result: Record<string, unknown> = { hosts, samples, pollIntervalMs };
    for (const mode of ['polling', 'liveTail'] as const) {
      const tail = await extensionTail(sim.url, jobTailSpec(mode === 'liveTail', pollIntervalMs), new RequestBudget(LOGS_BUDGET.ratePerSecond, LOGS_BUDGET.burst, systemClock));
      try {
        const waiting = new Map<string, (at: number) => void>();
        tail.channel.onAppend = (text) => {
          const at = performance.now();
          for (const [probe, done] of waiting) {
            if (text.includes(probe)) {
              waiting.delete(probe);
              done(at);
            }
          }
        };
        // Following (past the backfill and, with Live Tail, the session start) before the first probe.
        for (let i = 0; i < 300 && !(tail.session.eventCount > 0 && tail.session.mode === mode); i++) {
          await sleep(100);
        }
        if (tail.session.mode !== mode) {
          throw new Error(`the tail did not reach ${mode} (it is ${tail.session.mode}, ${tail.session.state})`);
        }
        await sleep(2000);
        const latencies: number[] = [];
        for (let k = 0; k < samples; k++) {
          const probe = `latency-probe ${mode} ${k} ${Math.random().toString(36).slice(2)}`;
          const seen = new Promise<number>((resolve) => waiting.set(probe, resolve));
          const t0 = performance.now();
          await control.appendLogEvents(GROUP, streams[k % streams.length], [{ timestamp: Date.now(), message: probe }]);
          const at = await Promise.race([seen, sleep(30_000).then(() => NaN)]);
          if (Number.isNaN(at)) {
            throw new Error(`${mode}: the probe did not reach the channel within 30 s`);
          }
          latencies.push(at - t0);
          // A pause uniform over two poll intervals after the last line arrived (itself just after a poll): the
          // next probe lands at a uniformly random point of the poll cycle.
          await sleep(Math.random() * 2 * pollIntervalMs);
        }
        result[mode] = { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) };
      } finally {
        await tail.stop();
      }
    }
    return result;
  } finally {
    await sim.stop();
  }
}

/**
 * P2 under throttling: the extension's polling tail of a 4-host job, a probe written every 250 ms, then a burst
 * of `burst` throttled GetLogEvents (a 4-host job is read per host): the worst latency of any probe, and the p95 of the probes written in the
 * `afterSeconds` after the last throttle (how fast the tail is back to normal).
 */
async function p2Throttled(quick: boolean): Promise<Record<string, unknown>> {
  const burst = 10;
  const operation = 'GetLogEvents';
  const afterSeconds = quick ? 10 : 30;
  const { sim, control, streams } = await logsSim(4, 10);
  try {
    await control.setTrainingJobStatus(JOB, 'InProgress');
    const tail = await extensionTail(sim.url, jobTailSpec(false, defaultPollIntervalMs()), new RequestBudget(LOGS_BUDGET.ratePerSecond, LOGS_BUDGET.burst, systemClock));
    const written = new Map<number, number>();
    const seen = new Map<number, number>();
    tail.channel.onAppend = (text) => {
      const at = performance.now();
      for (const m of text.matchAll(/throttle-probe (\d+)/g)) {
        if (!seen.has(Number(m[1]))) seen.set(Number(m[1]), at);
      }
    };
    let next = 0;
    const writer = setInterval(() => {
      const id = next++;
      written.set(id, performance.now());
      void control.appendLogEvents(GROUP, streams[id % streams.length], [{ timestamp: Date.now(), message: `throttle-probe ${id}` }]);
    }, 250);
    try {
      await sleep(5000);
      // What the tail of a 4-host job reads with: a GetLogEvents per host a round (merged rounds from 5 hosts on).
      const fault = await control.injectFault({ operation: `logs.${operation}`, type: 'throttle', count: burst });
      while ((await control.listFaults()).some((f) => f.id === fault.id)) {
        await sleep(50);
      }
      const cleared = performance.now();
      await sleep(afterSeconds * 1000);
      clearInterval(writer);
      await sleep(5000);
      const latency = (id: number) => (seen.get(id) ?? Infinity) - (written.get(id) as number);
      const ids = [...written.keys()];
      const after = ids.filter((id) => (written.get(id) as number) > cleared).map(latency);
      return { burst, operation, afterSeconds, probes: ids.length, worst: Math.max(...ids.map(latency)), p95After: percentile(after, 95), missing: ids.filter((id) => !seen.has(id)).length };
    } finally {
      clearInterval(writer);
      await tail.stop();
    }
  } finally {
    await sim.stop();
  }
}

async function p3(quick: boolean): Promise<Record<string, unknown>> {
  const hosts = 16;
  const seconds = quick ? 20 : 60;
  const { sim, control, streams } = await logsSim(hosts, 10);
  try {
    // Every host writes a line a second while each follower runs.
    const writtenAt: number[] = [];
    const writer = setInterval(() => {
      const now = Date.now();
      writtenAt.push(now);
      for (const s of streams) {
        void control.appendLogEvents(GROUP, s, [{ timestamp: now, message: `step ${now} loss=0.1` }]);
      }
    }, 1000);
    const perMinute = async (follow: () => { stop: () => void }) => {
      await control.resetRequestCounts();
      const f = follow();
      await new Promise((r) => setTimeout(r, seconds * 1000));
      f.stop();
      const counts = await control.requestCounts();
      const logsCalls = Object.entries(counts).filter(([k]) => k.startsWith('logs.')).reduce((n, [, v]) => n + v, 0);
      return Math.round((logsCalls * 60) / seconds);
    };
    /**
     * The same, polling in sight, with the simulator's ingestion-delay quirk (each line readable 0–15 s after it
     * is written, in write order per stream): what merged rounds cost then, and every line of the counted
     * minute in the channel exactly once.
     */
    const delayedFollow = async () => {
      await control.setQuirks({ ingestionDelayMs: 15_000, seed: 3 });
      const tail = await extensionTail(sim.url, jobTailSpec(false, defaultPollIntervalMs()), new RequestBudget(LOGS_BUDGET.ratePerSecond, LOGS_BUDGET.burst, systemClock));
      const shown = new Map<string, number>();
      tail.channel.onAppend = (text) => {
        for (const m of text.matchAll(/\[(algo-\d+)\] step (\d+) loss/g)) shown.set(`${m[1]} ${m[2]}`, (shown.get(`${m[1]} ${m[2]}`) ?? 0) + 1);
      };
      try {
        await sleep(5000);
        const before = tail.session.requests;
        const from = Date.now();
        const perMin = await perMinute(() => ({ stop: () => undefined }));
        const to = Date.now();
        const byOp = Object.fromEntries(Object.entries(tail.session.requests).map(([k, v]) => [k, Math.round(((v - (before[k] ?? 0)) * 60) / seconds)]));
        // Lines of the counted minute ingested up to 15 s late: wait for them, then count.
        await sleep(20_000);
        const hostsOf = streams.map((s) => /algo-\d+/.exec(s)?.[0] ?? s);
        const expected = writtenAt.filter((t) => t >= from && t <= to).flatMap((t) => hostsOf.map((h) => `${h} ${t}`));
        const lost = expected.filter((k) => !shown.has(k)).length;
        const duplicated = [...shown.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
        return { perMinute: perMin, byOp, lines: expected.length, lost, duplicated, mode: tail.session.mode };
      } finally {
        await tail.stop();
        await control.setQuirks({ ingestionDelayMs: 0 });
      }
    };
    const result: Record<string, unknown> = { hosts, seconds };
    try {
      await control.setTrainingJobStatus(JOB, 'InProgress');
      // The extension with its default settings, polling and with Live Tail. Started a few seconds before the
      // count so that the backfill is not counted as following.
      for (const mode of ['polling', 'liveTail'] as const) {
        const tail = await extensionTail(sim.url, jobTailSpec(mode === 'liveTail', defaultPollIntervalMs()), new RequestBudget(LOGS_BUDGET.ratePerSecond, LOGS_BUDGET.burst, systemClock));
        // P2 in the P3 setup: every line's latency, written (its timestamp) → appended to the channel.
        const latencies: number[] = [];
        let measuring = false;
        tail.channel.onAppend = (text) => {
          const at = Date.now();
          if (measuring) for (const m of text.matchAll(/step (\d+) loss/g)) latencies.push(at - Number(m[1]));
        };
        try {
          await sleep(5000);
          const key = mode === 'polling' ? 'extensionPolling' : 'extensionLiveTail';
          const before = tail.session.requests;
          measuring = true;
          result[key] = await perMinute(() => ({ stop: () => undefined }));
          measuring = false;
          const after = tail.session.requests;
          result[`${key}ByOp`] = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, Math.round(((v - (before[k] ?? 0)) * 60) / seconds)]));
          result[`${key}Latency`] = { lines: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
          if (tail.session.mode !== mode) {
            result[`${key}Note`] = `ended in ${tail.session.mode} mode`;
          }
          if (mode === 'polling') {
            // The channel out of sight: the idle pace (a round every 6 s), the same lines still arriving.
            tail.session.setInSight(false);
            await sleep(2000);
            const hidden = tail.session.requests;
            result.extensionPollingOutOfSight = await perMinute(() => ({ stop: () => undefined }));
            result.extensionPollingOutOfSightByOp = Object.fromEntries(Object.entries(tail.session.requests).map(([k, v]) => [k, Math.round(((v - (hidden[k] ?? 0)) * 60) / seconds)]));
            result.extensionPollingOutOfSightStatus = tail.session.idleEveryMs;
          }
        } finally {
          await tail.stop();
        }
      }
      result.extensionPollingDelayed = await delayedFollow();
      result.logsForJob = await perMinute(() => logsForJobFollow(sim.url, GROUP, `${JOB}/`));
      const cli = awsCli();
      result.awsLogsTail = cli ? await perMinute(() => awsLogsTailFollow(cli, sim.url, GROUP, `${JOB}/`)) : 'not installed';
    } finally {
      clearInterval(writer);
    }
    return result;
  } finally {
    await sim.stop();
  }
}

async function main() {
  const quick = process.argv.includes('--quick');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1].split(',') : ['p1', 'p2', 'p3'];
  const out: Record<string, unknown> = {};
  for (const [name, section] of [['p1', p1], ['p2', p2], ['p3', p3]] as const) {
    if (only.includes(name)) {
      out[name] = await section(quick);
    }
  }
  if (only.includes('p2')) {
    out.p2Throttled = await p2Throttled(quick);
  }
  if (only.includes('m2')) {
    out.m2 = await m2(quick, jobTailSpec(true, defaultPollIntervalMs()));
  }
  process.stdout.write(`SMM_BENCH_LOGS ${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
