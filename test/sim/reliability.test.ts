// The tail engine with the real SDK clients against the simulator: 100 mixed faults while a 4-host job
// writes, and a Live Tail that runs past the 3-hour session limit on an accelerated clock. Exactly the
// events written arrive, once each, in order per host.
import * as assert from 'node:assert/strict';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ClientFactory } from '../../src/aws/clients';
import { SdkLogSource } from '../../src/aws/logs/source';
import { RequestBudget, systemClock } from '../../src/logs/engine/budget';
import { PollingTail } from '../../src/logs/engine/tail';
import type { TailUpdate } from '../../src/logs/engine/spec';
import { streamQuery } from '../../src/logs/engine/events';
import type { LogEvent } from '../../src/shared/logs/source';
import { DEMO } from '../../sim/scenarios/demo';
import { startSimulator, type FaultSpec, type Simulator } from '../../sim/src/server';
import { rejection, T0, waitFor } from './helpers';

const TRAINING_GROUP = '/aws/sagemaker/TrainingJobs';
const ENV_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_EC2_METADATA_DISABLED'] as const;

/** The credentials the SDK's default chain finds: environment keys the test can rotate. */
function useEnvCredentials(accessKeyId: string): void {
  process.env.AWS_ACCESS_KEY_ID = accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = 'simulator';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

/** A running engine and everything it yielded. */
function startTail(engine: PollingTail): { updates: TailUpdate[]; stop(): Promise<void> } {
  const abort = new AbortController();
  const updates: TailUpdate[] = [];
  const done = (async () => {
    for await (const u of engine.run(abort.signal)) {
      updates.push(u);
    }
  })().catch((e: unknown) => {
    if (!abort.signal.aborted) {
      updates.push({ kind: 'ended', reason: `failed: ${String(e)}` });
    }
  });
  return {
    updates,
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}

/** Per host (`SEQ <host> <n>` lines): the numbers in the order delivered. */
function sequences(updates: readonly TailUpdate[], marker: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const u of updates) {
    if (u.kind !== 'events') continue;
    for (const e of u.events as LogEvent[]) {
      const m = new RegExp(`^${marker} (\\S+) (\\d+)$`).exec(e.message);
      if (!m) continue;
      const list = out.get(m[1]) ?? [];
      list.push(Number(m[2]));
      out.set(m[1], list);
    }
  }
  return out;
}

/** Lost and duplicated events, and hosts whose events arrived out of order. */
function audit(delivered: Map<string, number[]>, written: Map<string, number>): { lost: number; duplicated: number; outOfOrder: string[] } {
  let lost = 0;
  let duplicated = 0;
  const outOfOrder: string[] = [];
  for (const [host, count] of written) {
    const got = delivered.get(host) ?? [];
    const unique = new Set(got);
    duplicated += got.length - unique.size;
    for (let n = 0; n < count; n++) if (!unique.has(n)) lost++;
    if (got.some((n, i) => i > 0 && n <= got[i - 1])) outOfOrder.push(host);
  }
  return { lost, duplicated, outOfOrder };
}

const delivered = (d: Map<string, number[]>) => [...d.values()].reduce((n, l) => n + l.length, 0);

/** The two reads of a following tail: GetLogEvents (backfill, sweeps, a stream caught up) and FilterLogEvents (merged rounds). */
const READS = ['logs.GetLogEvents', 'logs.FilterLogEvents'] as const;

describe('Reliability: the tail engine against the simulator', function () {
  this.timeout(120_000);
  const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  let sim: Simulator | undefined;
  let factory: ClientFactory | undefined;

  afterEach(async () => {
    factory?.destroy();
    await sim?.close();
    for (const k of ENV_KEYS) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
  });

  it('survives 100 mixed faults while a 4-host job writes: nothing lost, nothing twice, in order per host', async () => {
    sim = await startSimulator({ port: 0, scenario: 'demo', now: T0, speed: 0 });
    const s = sim;
    useEnvCredentials('AKIDBEFORE');
    factory = new ClientFactory({ maxAttempts: 1 }); // every fault reaches the engine, none is hidden by SDK retries
    const clients = factory.get({ profile: '', region: 'us-east-1', endpointUrl: s.url });
    const job = DEMO.jobs.inProgress;
    const streams = [...s.state.home().logs.groups.get(TRAINING_GROUP)!.streams.keys()].filter((n) => n.startsWith(`${job}/`)).sort();
    assert.equal(streams.length, 4, streams.join());
    const source = new SdkLogSource(clients.logs, clients.sagemaker);
    const engine = new PollingTail(
      source,
      { query: streamQuery({ kind: 'trainingJob', trainingJobName: job }), backfillLines: 5, follow: true, pollIntervalMs: 40, discoverIntervalMs: 400, statusIntervalMs: 1000, trainingJobName: job, mergedMinIntervalMs: 40, sweepIntervalMs: 200, mergedMinStreams: 1 },
      new RequestBudget(200, 200, systemClock),
      systemClock,
    );
    const tail = startTail(engine);
    const written = new Map<string, number>(streams.map((n) => [n, 0]));
    let ts = T0 + 1000;
    const write = async (perHost: number) => {
      for (const stream of streams) {
        const from = written.get(stream)!;
        await s.control.appendLogEvents(TRAINING_GROUP, stream, Array.from({ length: perHost }, (_, i) => ({ timestamp: (ts += 3), message: `SEQ ${stream} ${from + i}` })));
        written.set(stream, from + perHost);
      }
    };
    const total = () => [...written.values()].reduce((a, b) => a + b, 0);
    const caughtUp = (what: string) =>
      waitFor(() => (delivered(sequences(tail.updates, 'SEQ')) >= total() ? true : undefined), 30_000, what).catch((e: Error) => {
        throw new Error(`${e.message}: ${total()} events written, ${delivered(sequences(tail.updates, 'SEQ'))} delivered; last updates ${JSON.stringify(tail.updates.slice(-3)).slice(0, 600)}`);
      });
    // Written once the backfill (the last 5 lines of the job, by design) is done: from here on every event counts.
    await waitFor(() => (tail.updates.some((u) => u.kind === 'mode') ? true : undefined), 20_000, 'the tail to follow');
    await write(3);
    await caughtUp('the first batch');

    // 100 faults: 6 throttling bursts of 5, 22 × 5xx, 16 latency spikes, 30 resets mid-page, 1 restart, 1 expired token.
    type Step = { kind: 'throttle' | 'error5xx' | 'latency' | 'reset'; spec: FaultSpec; faults: number } | { kind: 'restart' | 'expiredToken'; faults: 1 };
    const steps: Step[] = [
      // Merged rounds read with FilterLogEvents, their sweep and the backfill with GetLogEvents: faults on both.
      ...Array.from({ length: 6 }, (_, i): Step => ({ kind: 'throttle', spec: { operation: i % 2 ? 'logs.*' : READS[i % 4 === 0 ? 0 : 1], type: 'throttle', count: 5 }, faults: 5 })),
      ...Array.from({ length: 22 }, (_, i): Step => ({ kind: 'error5xx', spec: { operation: i % 3 ? READS[i % 2] : 'logs.*', type: 'error5xx', status: i % 2 ? 500 : 503, count: 1 }, faults: 1 })),
      ...Array.from({ length: 16 }, (_, i): Step => ({ kind: 'latency', spec: { operation: READS[i % 2], type: 'latency', latencyMs: 250, count: 1 }, faults: 1 })),
      ...Array.from({ length: 30 }, (_, i): Step => ({ kind: 'reset', spec: { operation: READS[i % 2], type: 'reset', count: 1 }, faults: 1 })),
      { kind: 'restart', faults: 1 },
      { kind: 'expiredToken', faults: 1 },
    ];
    // A fixed interleaving (a stride through the list) so that kinds follow each other in every combination.
    const order = steps.map((_, i) => steps[(i * 29) % steps.length]);
    assert.equal(new Set(order).size, steps.length);
    const survived: Record<string, number> = {};
    let expiredHits = 0;
    for (const step of order) {
      await write(2);
      if (step.kind === 'restart') {
        await s.stop();
        const reads = () => engine.requests.getEvents + engine.requests.filterEvents;
        const tries = reads();
        // Down until the tail has asked (and failed) a few times (merged rounds: one FilterLogEvents for all hosts).
        await waitFor(() => (reads() >= tries + 4 ? true : undefined), 60_000, 'the tail to try while the simulator is down');
        await s.start();
      } else if (step.kind === 'expiredToken') {
        // The token expires; requests signed with it keep failing until the credentials are refreshed.
        const fault = await s.control.injectFault({ operation: 'logs.*', type: 'expiredToken', accessKeyId: 'AKIDBEFORE' });
        expiredHits = (await waitFor(async () => (await s.control.listFaults()).find((f) => f.id === fault.id && f.hits >= 3), 20_000, 'expired-token failures')).hits;
        useEnvCredentials('AKIDAFTER');
        await write(2);
        await caughtUp('events after the credentials were refreshed');
        await s.control.removeFault(fault.id);
      } else if ('spec' in step) {
        const fault = await s.control.injectFault(step.spec);
        await waitFor(async () => ((await s.control.listFaults()).some((f) => f.id === fault.id) ? undefined : true), 20_000, `the ${step.kind} fault to fire`);
      }
      // Recovered: what was written before the fault arrives (the back-off starts again from zero).
      await caughtUp(`recovery from ${step.kind}`);
      survived[step.kind] = (survived[step.kind] ?? 0) + step.faults;
    }
    await write(3);
    await caughtUp('every event');
    // One more full round after the last event: a late duplicate would show here.
    const reads = engine.requests.getEvents;
    await waitFor(() => (engine.requests.getEvents >= reads + 8 ? true : undefined), 10_000, 'two more rounds');
    await tail.stop();

    const result = audit(sequences(tail.updates, 'SEQ'), written);
    const failed = tail.updates.filter((u) => u.kind === 'ended');
    console.log(
      `      fault suite (engine): survived ${Object.entries(survived).map(([k, n]) => `${k} ${n}`).join(', ')} (${Object.values(survived).reduce((a, b) => a + b, 0)} faults; ` +
        `expired token refused ${expiredHits} requests before the refresh); events ${total()}, lost ${result.lost}, duplicated ${result.duplicated}`,
    );
    assert.deepEqual(failed, [], 'the tail kept running');
    assert.equal(Object.values(survived).reduce((a, b) => a + b, 0), 100);
    assert.deepEqual(result, { lost: 0, duplicated: 0, outOfOrder: [] });
  });

  it('renews Live Tail at the 3-hour session limit: 7 hours of simulated time, nothing lost or repeated', async () => {
    // 1 real second = 30 simulated minutes: a session times out every 6 s.
    sim = await startSimulator({ port: 0, scenario: 'empty', now: T0, speed: 1800, liveTail: { updateIntervalMs: 100 } });
    const s = sim;
    useEnvCredentials('AKIDLONGRUN');
    factory = new ClientFactory({ maxAttempts: 1 });
    const clients = factory.get({ profile: '', region: 'us-east-1', endpointUrl: s.url });
    const group = '/test/long-run';
    const hosts = ['run/host-1', 'run/host-2'];
    const written = new Map<string, number>(hosts.map((h) => [h, 0]));
    const write = async () => {
      for (const h of hosts) {
        const n = written.get(h)!;
        await s.control.appendLogEvents(group, h, [{ message: `LIVE ${h} ${n}` }]);
        written.set(h, n + 1);
      }
    };
    await write();
    const engine = new PollingTail(
      new SdkLogSource(clients.logs, clients.sagemaker),
      { query: { logGroupName: group, prefix: 'run/', tagged: true }, backfillLines: 10, follow: true, pollIntervalMs: 200, discoverIntervalMs: 2000, liveTail: true },
      new RequestBudget(50, 50, systemClock),
      systemClock,
    );
    const tail = startTail(engine);
    await waitFor(() => (tail.updates.some((u) => u.kind === 'mode' && u.mode === 'liveTail') ? true : undefined), 10_000, 'a Live Tail session');
    const simStart = await s.control.now();
    // Write for 7 simulated hours (two renewals), a line per host every ~50 ms of real time.
    while ((await s.control.now()) - simStart < 7 * 3600_000) {
      await write();
      await new Promise((r) => setTimeout(r, 50));
    }
    const total = [...written.values()].reduce((a, b) => a + b, 0);
    await waitFor(() => (delivered(sequences(tail.updates, 'LIVE')) >= total ? true : undefined), 20_000, `all ${total} events`);
    const sessions = (await s.control.requestCounts())['logs.StartLiveTail'] ?? 0;
    await tail.stop();
    const result = audit(sequences(tail.updates, 'LIVE'), written);
    const modes = tail.updates.filter((u) => u.kind === 'mode').map((u) => (u.kind === 'mode' ? u.mode : ''));
    const notices = tail.updates.filter((u) => u.kind === 'notice');
    console.log(`      long run: ${sessions} Live Tail sessions over 7 simulated hours, events ${total}, lost ${result.lost}, duplicated ${result.duplicated}`);
    assert.deepEqual(result, { lost: 0, duplicated: 0, outOfOrder: [] });
    assert.ok(sessions >= 3, `the session was renewed at each 3-hour limit (${sessions} sessions)`);
    assert.ok(!modes.includes('polling'), `it stayed on Live Tail: ${modes.join(' → ')}`);
    assert.deepEqual(notices, []);
  });

  it('the client of the tails leaves throttling to the engine: a burst of 10 reaches the shared budget, and nothing is lost', async () => {
    sim = await startSimulator({ port: 0, scenario: 'demo', now: T0, speed: 0 });
    const s = sim;
    useEnvCredentials('AKIDTHROTTLE');
    factory = new ClientFactory(); // the extension's settings: tails read through tailLogs
    const clients = factory.get({ profile: '', region: 'us-east-1', endpointUrl: s.url });
    const job = DEMO.jobs.inProgress;
    const stream = [...s.state.home().logs.groups.get(TRAINING_GROUP)!.streams.keys()].filter((n) => n.startsWith(`${job}/`)).sort()[0];
    let throttles = 0;
    const budget = new (class extends RequestBudget {
      override throttled(): number {
        throttles++;
        return super.throttled();
      }
    })(200, 200, systemClock);
    const engine = new PollingTail(
      new SdkLogSource(clients.tailLogs, clients.sagemaker),
      { query: streamQuery({ kind: 'trainingJob', trainingJobName: job, host: stream.split('/')[1].replace(/-\d+$/, '') }), backfillLines: 0, follow: true, pollIntervalMs: 40, mergedMinIntervalMs: 40 },
      budget,
      systemClock,
    );
    const tail = startTail(engine);
    await waitFor(() => (tail.updates.some((u) => u.kind === 'mode') ? true : undefined), 20_000, 'the tail to follow');
    // The follow rounds' read (one host: a GetLogEvents per stream; merged rounds start at 5 streams).
    const fault = await s.control.injectFault({ operation: 'logs.GetLogEvents', type: 'throttle', count: 10 });
    await s.control.appendLogEvents(TRAINING_GROUP, stream, Array.from({ length: 20 }, (_, i) => ({ timestamp: T0 + 5000 + i, message: `SEQ ${stream} ${i}` })));
    await waitFor(() => (delivered(sequences(tail.updates, 'SEQ')) >= 20 ? true : undefined), 60_000, 'the 20 events after the burst');
    await tail.stop();
    assert.equal((await s.control.listFaults()).some((f) => f.id === fault.id), false, 'all 10 throttles were answered');
    // One SDK retry at most per request: at least 5 of the 10 reached the engine, which paused the shared budget.
    assert.ok(throttles >= 5, `the engine saw ${throttles} throttles`);
    const result = audit(sequences(tail.updates, 'SEQ'), new Map([[stream, 20]]));
    assert.deepEqual(result, { lost: 0, duplicated: 0, outOfOrder: [] });
  });

  it('simulator: stop and start on the same port keep the state; a fault can hold for one access key only', async () => {
    sim = await startSimulator({ port: 0, scenario: 'empty', now: T0, speed: 0 });
    const s = sim;
    await s.control.appendLogEvents('/test/restart', 'a', [{ message: 'kept' }]);
    const client = (accessKeyId: string) => new CloudWatchLogsClient({ endpoint: s.url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
    const [old, refreshed] = [client('AKIDOLD'), client('AKIDNEW')];
    const read = (c: CloudWatchLogsClient) => c.send(new GetLogEventsCommand({ logGroupName: '/test/restart', logStreamName: 'a', startFromHead: true }));
    try {
      await s.stop();
      const down = await rejection(read(old));
      assert.equal((down as { code?: string }).code, 'ECONNREFUSED');
      await s.start();
      assert.deepEqual((await read(old)).events?.map((e) => e.message), ['kept']);
      await s.control.injectFault({ operation: 'logs.*', type: 'expiredToken', accessKeyId: 'AKIDOLD' });
      assert.equal((await rejection(read(old))).name, 'ExpiredTokenException');
      assert.equal((await rejection(read(old))).name, 'ExpiredTokenException', 'until the credentials change');
      assert.deepEqual((await read(refreshed)).events?.map((e) => e.message), ['kept']);
    } finally {
      old.destroy();
      refreshed.destroy();
    }
  });
});
