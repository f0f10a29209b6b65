// A randomized model test of the tail engine (real SDK clients) against the simulator with random quirks,
// faults and hand-overs while hosts write: after each run, the lines delivered of every target stream are
// exactly a suffix of what the stream holds (every line written after the tail started, once, in order) and
// nothing else. Seeded: a failure prints its seed; replay with SMM_MODEL_SEED=<seed> SMM_MODEL_RUNS=1.
// SMM_SOAK=1 runs many more and longer runs, with the full 15 s ingestion delay. SMM_MODEL_QUIRKS='{"liveTailEnd":
// "firstFrame"}' runs with those quirks only (and Live Tail on), to see which quirk breaks an engine.
import * as assert from 'node:assert/strict';
import { ClientFactory } from '../../src/aws/clients';
import { SdkLogSource } from '../../src/aws/logs/source';
import { ServerClock } from '../../src/aws/serverClock';
import { RequestBudget, systemClock } from '../../src/logs/engine/budget';
import { PollingTail } from '../../src/logs/engine/tail';
import type { TailSpec, TailUpdate } from '../../src/logs/engine/spec';
import { streamQuery } from '../../src/logs/engine/events';
import type { LogEvent } from '../../src/shared/logs/source';
import type { Quirks } from '../../sim/src/quirks';
import { startSimulator, type FaultSpec, type Simulator } from '../../sim/src/server';
import { prng } from '../prng';
import { T0 } from './helpers';

const SOAK = process.env.SMM_SOAK === '1';
const RUNS = Number(process.env.SMM_MODEL_RUNS ?? (SOAK ? 200 : 14));
const FIRST_SEED = Number(process.env.SMM_MODEL_SEED ?? 1);
const WRITE_MS = SOAK ? 12_000 : 2_200;
const MAX_DELAY_MS = SOAK ? 15_000 : 1_500;
const GROUP = '/aws/sagemaker/TrainingJobs';
const JOB = 'model-job';
const ENV_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_EC2_METADATA_DISABLED'] as const;

interface Plan {
  readonly quirks: Partial<Quirks>;
  readonly spec: Omit<TailSpec, 'query'>;
  readonly hosts: number;
}

function plan(seed: number, random: () => number): Plan {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const liveTailEnd = pick(['off', 'firstFrame', 'afterUpdates', 'streamingException'] as const);
  const quirks: Partial<Quirks> = {
    seed,
    liveTailEnd,
    liveTailEndAfterUpdates: 1 + Math.floor(random() * 4),
    liveTailForeignEvents: random() < 0.5,
    liveTailResend: random() < 0.5,
    filterIgnoresPrefix: random() < 0.5,
    ingestionDelayMs: random() < 0.6 ? Math.round(random() * MAX_DELAY_MS) : 0,
    getEventsEmptyPages: random() < 0.5,
    getEventsRepeatToken: random() < 0.5,
    getEventsRangeTokens: random() < 0.5,
  };
  const lastLines = random() < 0.5;
  const only = process.env.SMM_MODEL_QUIRKS ? (JSON.parse(process.env.SMM_MODEL_QUIRKS) as Partial<Quirks>) : undefined;
  const hosts = 1 + Math.floor(random() * 4);
  const spec = {
    ...(lastLines ? { backfillLines: Math.floor(random() * 40) } : { backfillLines: 1000, startTime: T0 - 3 * 3600_000 }),
    follow: true,
    pollIntervalMs: 80 + Math.floor(random() * 200),
    discoverIntervalMs: 400,
    liveTail: only !== undefined || random() < 0.7,
    unwatchedPollIntervalMs: 300,
    liveRetryMs: 300,
  };
  // Polling: merged rounds (one FilterLogEvents for all hosts) in most runs, with a window that is often
  // shorter than the ingestion delay (late lines older than it are the sweep's), else one GetLogEvents a host.
  const merged = random() < 0.75;
  const shortWindow = random() < 0.5;
  return {
    quirks: only ? { seed, ...only } : quirks,
    hosts,
    spec: {
      ...spec,
      mergedPolling: merged,
      mergedMinStreams: 1,
      mergedMinIntervalMs: spec.pollIntervalMs,
      idlePollIntervalMs: 600,
      sweepIntervalMs: 1000,
      ...(shortWindow ? { mergedLookbackMs: 300 + Math.floor(random() * 1500) } : {}),
    },
  };
}

/** A running engine and everything it yielded. */
function startTail(engine: PollingTail): { updates: TailUpdate[]; failure: () => unknown; stop(): Promise<void> } {
  const abort = new AbortController();
  const updates: TailUpdate[] = [];
  let failure: unknown;
  const done = (async () => {
    for await (const u of engine.run(abort.signal)) {
      updates.push(u);
    }
  })().catch((e: unknown) => {
    if (!abort.signal.aborted) {
      failure = e;
    }
  });
  return {
    updates,
    failure: () => failure,
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What went wrong in a run, per stream: empty when the channel holds exactly what it should. */
function audit(sim: Simulator, updates: readonly TailUpdate[], historyOf: Map<string, number>): { problems: string[]; delivered: number; expected: number } {
  const stored = new Map<string, LogEvent[]>();
  for (const [name, s] of sim.state.home().logs.groups.get(GROUP)?.streams ?? []) {
    if (name.startsWith(`${JOB}/`)) {
      stored.set(name, s.ts.map((timestamp, i) => ({ logStreamName: name, timestamp, message: s.msg[i] })));
    }
  }
  const got = new Map<string, LogEvent[]>();
  const problems: string[] = [];
  for (const u of updates) {
    if (u.kind !== 'events') continue;
    for (const e of u.events) {
      if (!stored.has(e.logStreamName)) {
        problems.push(`foreign: ${e.logStreamName} ${JSON.stringify(e.message)}`);
        continue;
      }
      const list = got.get(e.logStreamName) ?? [];
      list.push(e);
      got.set(e.logStreamName, list);
    }
  }
  let delivered = 0;
  let expected = 0;
  const same = (x: LogEvent, y: LogEvent) => x.message === y.message && x.timestamp === y.timestamp;
  for (const [name, all] of stored) {
    const mine = got.get(name) ?? [];
    const history = historyOf.get(name) ?? 0;
    delivered += mine.length;
    // Lines written before the tail started may be left out by the backfill (last N); every later one must be here.
    expected += all.length - history;
    if (mine.length === 0) {
      if (all.length > history) problems.push(`${name}: none of the ${all.length - history} lines written after the tail started arrived`);
      continue;
    }
    // Where the delivered lines start in the stream: the alignment that matches longest.
    let start = -1;
    let matched = -1;
    for (let i = 0; i < all.length; i++) {
      if (!same(all[i], mine[0])) continue;
      let n = 0;
      while (n < mine.length && i + n < all.length && same(all[i + n], mine[n])) n++;
      if (n > matched) {
        matched = n;
        start = i;
      }
    }
    if (start < 0) {
      problems.push(`${name}: the first line delivered, ${JSON.stringify(mine[0].message)}@${mine[0].timestamp}, is not in the stream`);
      continue;
    }
    if (matched < mine.length) {
      const at = start + matched;
      problems.push(`${name}: after ${matched} lines in order, line ${matched} delivered is ${JSON.stringify(mine[matched].message)}@${mine[matched].timestamp}, the stream has ${at < all.length ? `${JSON.stringify(all[at].message)}@${all[at].timestamp}` : 'nothing more'} (${countRepeats(mine)} repeated)`);
      continue;
    }
    if (start > history) problems.push(`${name}: ${start - history} lines written after the tail started are missing before the first one delivered`);
    if (start + mine.length < all.length) problems.push(`${name}: the last ${all.length - start - mine.length} of ${all.length} lines are missing`);
  }
  return { problems, delivered, expected };
}

function countRepeats(events: readonly LogEvent[]): number {
  const seen = new Set<string>();
  let n = 0;
  for (const e of events) {
    const k = `${e.timestamp} ${e.message}`;
    if (seen.has(k) && !e.message.startsWith('DUP')) n++;
    seen.add(k);
  }
  return n;
}

describe(`Tail engine model test: ${RUNS} seeded runs against the simulator with random quirks, faults and hand-overs`, function () {
  this.timeout(WRITE_MS + MAX_DELAY_MS + 90_000);
  const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  let sim: Simulator | undefined;
  let factory: ClientFactory | undefined;
  const summary = { runs: 0, lines: 0, foreignDropped: 0, repeatsDropped: 0, liveTailSessions: 0, faults: 0, handovers: 0 };

  before(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDMODEL';
    process.env.AWS_SECRET_ACCESS_KEY = 'simulator';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
  });

  afterEach(async () => {
    factory?.destroy();
    await sim?.close();
    sim = undefined;
  });

  after(() => {
    for (const k of ENV_KEYS) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    console.log(
      `      model test: ${summary.runs} runs, ${summary.lines} lines checked, ${summary.faults} faults, ${summary.handovers} hand-overs, ` +
        `${summary.liveTailSessions} Live Tail sessions; the engine dropped ${summary.foreignDropped} foreign events and ${summary.repeatsDropped} repeats`,
    );
  });

  for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
    it(`seed ${seed}`, async () => {
      const random = prng(seed);
      const p = plan(seed, random);
      const simLog: string[] = [];
      sim = await startSimulator({ port: 0, scenario: 'empty', now: T0, speed: 1, liveTail: { updateIntervalMs: 100 }, quirks: p.quirks, ...(process.env.SMM_MODEL_DEBUG ? { log: (line: string) => simLog.push(`${Date.now() % 100_000} ${line}`) } : {}) });
      const s = sim;
      // The service's clock, as the extension keeps it: the simulator runs at T0, days before the local clock.
      const serverClock = new ServerClock();
      factory = new ClientFactory({ maxAttempts: 1, clock: serverClock });
      const clients = factory.get({ profile: '', region: 'us-east-1', endpointUrl: s.url });
      const hosts = Array.from({ length: p.hosts }, (_, i) => `${JOB}/algo-${i + 1}-1`);
      const written = new Map<string, number>();
      const write = async (stream: string, messages: string[], timestamp?: number) => {
        await s.control.appendLogEvents(GROUP, stream, messages.map((message) => ({ message, ...(timestamp !== undefined ? { timestamp } : {}) })));
        written.set(stream, (written.get(stream) ?? 0) + messages.length);
      };
      // History before the tail: a few lines a host over the last two hours, then some in the last minute.
      for (const h of hosts) {
        const n = Math.floor(random() * 25);
        if (n > 0) {
          await s.control.appendLogEvents(GROUP, h, Array.from({ length: n }, (_, i) => ({ timestamp: i < n / 2 ? T0 - 7200_000 + i * 300_000 : T0 - 60_000 + i * 100, message: `SEQ ${h} ${i}` })));
        }
        written.set(h, n);
      }
      await write(`${JOB}-2/algo-1-1`, ['NOT THIS JOB 0']);
      // History becomes readable (ingestion delay) before the tail starts: what it holds now is "before".
      await sleep((p.quirks.ingestionDelayMs ?? 0) + 50);
      const historyOf = new Map(written);
      const engine = new PollingTail(new SdkLogSource(clients.logs, clients.sagemaker, () => serverClock.now()), { query: streamQuery({ kind: 'trainingJob', trainingJobName: JOB }), ...p.spec }, new RequestBudget(300, 300, systemClock), systemClock);
      const tail = startTail(engine);
      const context = () => `seed ${seed} (replay: SMM_MODEL_SEED=${seed} SMM_MODEL_RUNS=1), quirks ${JSON.stringify(p.quirks)}, spec ${JSON.stringify(p.spec)}`;

      let watched = true;
      let filtered = false;
      let faults = 0;
      let handovers = 0;
      let restarted = false;
      const until = Date.now() + WRITE_MS;
      while (Date.now() < until) {
        await sleep(15 + Math.floor(random() * 90));
        const r = random();
        const live = [...written.keys()].filter((n) => n.startsWith(`${JOB}/`));
        const host = live[Math.floor(random() * live.length)];
        if (r < 0.6) {
          const from = written.get(host) ?? 0;
          await write(host, Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => `SEQ ${host} ${from + i}`));
        } else if (r < 0.68) {
          // Identical lines in one millisecond (one write): each is a line of its own.
          const dup = `DUP ${host} ${written.get(host) ?? 0}`;
          await write(host, Array.from({ length: 2 + Math.floor(random() * 3) }, () => dup));
        } else if (r < 0.74) {
          await write(`${JOB}-2/algo-1-1`, [`NOT THIS JOB ${written.get(`${JOB}-2/algo-1-1`)}`]);
        } else if (r < 0.77 && !restarted) {
          // A host restarts: a new stream of the same host appears while the tail follows.
          restarted = true;
          await write(`${JOB}/algo-1-2`, ['SEQ restarted 0']);
        } else if (r < 0.85) {
          watched = !watched;
          engine.setWatched(watched);
          handovers++;
        } else if (r < 0.88 && !filtered) {
          // A pattern every line of the job matches: a hand-over to filtered reads that must lose nothing.
          filtered = true;
          engine.setFilterPattern('?SEQ ?DUP');
          handovers++;
        } else if (r < 0.93) {
          const kinds: FaultSpec[] = [
            { operation: pickOp(random), type: 'throttle', count: 1 + Math.floor(random() * 3) },
            { operation: pickOp(random), type: 'error5xx', status: random() < 0.5 ? 500 : 503, count: 1 },
            { operation: 'logs.GetLogEvents', type: 'reset', count: 1 },
            { operation: 'logs.*', type: 'latency', latencyMs: 150, count: 2 },
            { operation: 'logs.*', type: 'expiredToken', count: 2 },
            { operation: 'logs.StartLiveTail', type: 'error5xx', status: 503, count: 1 },
          ];
          await s.control.injectFault(kinds[Math.floor(random() * kinds.length)]);
          faults++;
        }
      }
      if (!watched) {
        engine.setWatched(true);
      }
      // Faults not yet fired go: the tail must now catch up by itself (its back-off may still hold it a while).
      await s.control.clearFaults();
      const total = () => [...written.entries()].filter(([n]) => n.startsWith(`${JOB}/`)).reduce((n, [, c]) => n + c, 0);
      // Settle: every line readable, then read; then a quiet spell in which a late repeat would show.
      const settleUntil = Date.now() + (p.quirks.ingestionDelayMs ?? 0) + 45_000;
      let result = audit(s, tail.updates, historyOf);
      while (Date.now() < settleUntil && tail.failure() === undefined && result.problems.length > 0) {
        await sleep(100);
        result = audit(s, tail.updates, historyOf);
      }
      await sleep(700);
      await tail.stop();
      result = audit(s, tail.updates, historyOf);
      const failure = tail.failure();
      summary.runs++;
      summary.lines += result.delivered;
      summary.foreignDropped += engine.dropped.foreign;
      summary.repeatsDropped += engine.dropped.repeats;
      summary.liveTailSessions += (await s.control.requestCounts())['logs.StartLiveTail'] ?? 0;
      summary.faults += faults;
      summary.handovers += handovers;
      if (process.env.SMM_MODEL_DEBUG) {
        const counts = JSON.stringify({ engine: engine.requests, sim: await s.control.requestCounts() });
        (await import('node:fs')).writeFileSync(process.env.SMM_MODEL_DEBUG, [...tail.updates.map((u) => JSON.stringify(u)), counts, ...simLog].join('\n'));
      }
      assert.equal(failure, undefined, `the tail failed: ${String(failure)}; ${context()}`);
      assert.deepEqual(result.problems, [], `${context()}; written ${total()} target lines`);
    });
  }
});

function pickOp(random: () => number): string {
  return random() < 0.5 ? 'logs.GetLogEvents' : 'logs.*';
}
