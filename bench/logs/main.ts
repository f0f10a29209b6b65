// P1 (backfill of hosts × lines) and P3 (requests per minute while following a 16-host job), for the
// peers in peers.ts; the extension's own engine joins these figures when it lands. Prints one JSON object.
//   node out/bench/logs/main.js [--quick]
import { SimControl } from '../../sim/src/controlClient';
import { awsCli, awsLogsTailBackfill, awsLogsTailFollow, bareBound, extensionBackfill, logsClient, logsForJobBackfill, logsForJobFollow, streamsOf } from './peers';

/** The budget src/logs/tailManager.ts gives every tail of one account and region. */
const EXTENSION_BUDGET = { rate: 8, burst: 12 };
import { startSimProcess } from './simProcess';

const GROUP = '/aws/sagemaker/TrainingJobs';
const JOB = 'bench-logs-job';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function p1(quick: boolean): Promise<Record<string, unknown>> {
  const hosts = 4;
  const lines = quick ? 10_000 : 50_000;
  const runs = quick ? 1 : 3;
  const sim = await startSimProcess(['--scenario', 'large', '--jobs', '10', '--endpoints', '2', '--log-hosts', String(hosts), '--log-lines', String(lines), '--speed', '0']);
  try {
    const client = logsClient(sim.url);
    const streams = await streamsOf(client, GROUP, `${JOB}/`);
    client.destroy();
    const result: Record<string, unknown> = { hosts, linesPerHost: lines, runs };
    await bareBound(sim.url, GROUP, streams); // warm-up: JIT and the simulator's indexes
    const bound = [];
    const sdk = [];
    const ours = [];
    for (let i = 0; i < runs; i++) {
      bound.push(await bareBound(sim.url, GROUP, streams));
      sdk.push(await logsForJobBackfill(sim.url, GROUP, `${JOB}/`));
      ours.push(await extensionBackfill(sim.url, GROUP, `${JOB}/`, Date.now() - (lines + 3600) * 1000, EXTENSION_BUDGET));
    }
    result.extension = { ms: median(ours.map((r) => r.ms)), events: ours[0].events, requests: ours[0].requests };
    result.bareBound = { ms: median(bound.map((r) => r.ms)), events: bound[0].events };
    result.logsForJob = { ms: median(sdk.map((r) => r.ms)), events: sdk[0].events };
    const cli = awsCli();
    if (cli) {
      const tails = [];
      for (let i = 0; i < runs; i++) {
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

async function p3(quick: boolean): Promise<Record<string, unknown>> {
  const hosts = 16;
  const seconds = quick ? 20 : 60;
  const sim = await startSimProcess(['--scenario', 'large', '--jobs', '10', '--endpoints', '2', '--log-hosts', String(hosts), '--log-lines', '10']);
  const control = new SimControl(sim.url);
  try {
    const client = logsClient(sim.url);
    const streams = await streamsOf(client, GROUP, `${JOB}/`);
    client.destroy();
    // Every host writes a line a second while each follower runs.
    const writer = setInterval(() => {
      const now = Date.now();
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
    const result: Record<string, unknown> = { hosts, seconds };
    try {
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
  const out = { p1: await p1(quick), p3: await p3(quick) };
  process.stdout.write(`SMM_BENCH_LOGS ${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
