// M2: the heap of the extension's tail (src/logs/tailSession.ts over the engine, SdkLogSource over real SDK
// clients: extensionTail in peers.ts) after following a training job on Live Tail for 3 simulated hours at
// 500 events per simulated second. Only when asked, in a process with room for what the tail may keep:
//   node --max-old-space-size=8192 out/bench/logs/main.js --only m2 [--quick]
//
// The simulator's clock stands still (speed 0) and the benchmark moves it: each step advances it 0.8 s and
// writes that step's 400 events (500 a simulated second) into one of the job's 4 host streams, then waits
// until the tail has them in its channel. With an update every 10 ms real, each Live Tail update carries at
// most one step, so never more than 400 events: Live Tail is never sampled (over 500), whatever the machine's
// timer jitter, and the tail stays on Live Tail. About 1.25 updates a simulated second (the service sends
// about one a second), 13,500 steps to 3 hours; the clock runs about 100× real time.
//
// The heap is measured after a full collection: before the first step (backfilled, on Live Tail), a minute
// before the 3-hour session limit (the session still open: the most it holds), and once the session was
// renewed at the limit.
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SimControl } from '../../sim/src/controlClient';
import { LOGS_BUDGET, RequestBudget, systemClock } from '../../src/logs/engine/budget';
import type { TailSpec } from '../../src/logs/engine/spec';
import type { LiveTailUpdate, LogSource } from '../../src/shared/logs/source';
import { extensionTail, logsClient, streamsOf, type ExtensionTail } from './peers';
import { startSimProcess } from './simProcess';

/** Events per simulated second. */
const RATE = 500;
/** Simulated ms per step: RATE × STEP_MS / 1000 = 400 events, delivered in one Live Tail update. */
const STEP_MS = 800;
/** Real ms between the simulator's Live Tail updates (its control API's minimum). */
const UPDATE_INTERVAL_MS = 10;
/** The Live Tail session limit (CloudWatch Logs: 3 hours). */
const SESSION_LIMIT_MS = 3 * 3600_000;
/** Stop writing (and say so) before the tail's heap reaches this share of the process's limit. */
const HEAP_GUARD = 0.8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A function that collects garbage now (a full, mark-compact collection). */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) {
    return exposed;
  }
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The heap used after two full collections (the second frees what finalizers of the first let go). */
function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** What the tail's Live Tail sessions sent, counted as the engine reads it. */
interface LiveCounts {
  updates: number;
  withEvents: number;
  events: number;
  maxEvents: number;
  sampled: number;
}

/** The source with its Live Tail updates counted on their way to the engine (the iterator is otherwise the source's). */
function counting(source: LogSource, counts: LiveCounts): LogSource {
  const liveTail = source.liveTail?.bind(source);
  if (!liveTail) {
    return source;
  }
  const wrapped = Object.create(source) as LogSource;
  wrapped.liveTail = async (request, signal) => {
    const updates = await liveTail(request, signal);
    return {
      [Symbol.asyncIterator]: (): AsyncIterator<LiveTailUpdate> => {
        const it = updates[Symbol.asyncIterator]();
        return {
          next: async () => {
            const r = await it.next();
            if (!r.done) {
              const n = r.value.events.length;
              counts.updates++;
              counts.withEvents += n > 0 ? 1 : 0;
              counts.events += n;
              counts.maxEvents = Math.max(counts.maxEvents, n);
              counts.sampled += r.value.sampled ? 1 : 0;
            }
            return r;
          },
          return: async (value?: unknown) => (it.return ? it.return(value) : { done: true, value: undefined }),
        };
      },
    };
  };
  return wrapped;
}

/** A training log line as a distributed job prints it (about 100 characters). */
function line(n: number, host: number): string {
  return `[1,mpirank:${n % 8},algo-${host}]<stdout>:step ${n} loss=${(1 / (1 + n)).toFixed(6)} lr=0.0003 tokens/s=${12000 + (n % 997)} grad_norm=0.87`;
}

/** Resolves once the tail's channel has `target` events (checked after each append, once the session counted it). */
function shownUpTo(tail: ExtensionTail): (target: number, what: string) => Promise<void> {
  let waiter: { target: number; resolve: () => void } | undefined;
  tail.channel.onAppend = () =>
    queueMicrotask(() => {
      if (waiter && tail.session.eventCount >= waiter.target) {
        const w = waiter;
        waiter = undefined;
        w.resolve();
      }
    });
  return (target, what) =>
    tail.session.eventCount >= target
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiter = undefined;
            reject(new Error(`M2: ${what}: ${tail.session.eventCount} of ${target} events in the channel after 60 s (${tail.session.state}, ${tail.session.mode})`));
          }, 60_000);
          waiter = {
            target,
            resolve: () => {
              clearTimeout(timer);
              resolve();
            },
          };
        });
}

async function until(what: string, tail: ExtensionTail, ok: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end || !tail.session.active) {
      throw new Error(`M2: ${what} (${tail.session.state}, ${tail.session.mode}, ${tail.session.eventCount} events)`);
    }
    await sleep(50);
  }
}

/**
 * M2. `spec`: the tail src/logs/tailManager.ts starts for the large scenario's log-heavy training job with the
 * default settings and Live Tail on. `--quick`: a 20-minute session limit (set in the simulator) instead of 3 hours.
 */
export async function m2(quick: boolean, spec: TailSpec): Promise<Record<string, unknown>> {
  const job = spec.trainingJobName as string;
  const group = spec.query.logGroupName;
  const sessionLimitMs = quick ? 20 * 60_000 : SESSION_LIMIT_MS;
  const perStep = (RATE * STEP_MS) / 1000;
  const gc = collector();
  const heapLimit = v8.getHeapStatistics().heap_size_limit;
  const sim = await startSimProcess(['--scenario', 'large', '--jobs', '10', '--endpoints', '2', '--log-hosts', '4', '--log-lines', '100', '--speed', '0']);
  try {
    const control = new SimControl(sim.url);
    const client = logsClient(sim.url);
    const streams = await streamsOf(client, group, spec.query.prefix ?? '');
    client.destroy();
    // The scenario's job would complete half a simulated minute after the start: it trains on.
    await control.setTrainingJobStatus(job, 'InProgress');
    await control.setLiveTail({ updateIntervalMs: UPDATE_INTERVAL_MS, ...(quick ? { sessionTimeoutMs: sessionLimitMs } : {}) });
    const live: LiveCounts = { updates: 0, withEvents: 0, events: 0, maxEvents: 0, sampled: 0 };
    const tail = await extensionTail(sim.url, spec, new RequestBudget(LOGS_BUDGET.ratePerSecond, LOGS_BUDGET.burst, systemClock), 'local', (s) => counting(s, live));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 500);
    try {
      await until('the backfill and a Live Tail session', tail, () => tail.session.mode === 'liveTail' && tail.session.eventCount > 0);
      const shown = shownUpTo(tail);
      await sleep(2000);
      const before = heapAfterGc(gc);
      peak = before;
      const startedAt = performance.now();
      const t0 = await control.now();
      const base = tail.session.eventCount;
      const updatesBefore = live.updates;
      const getEventsBefore = tail.session.requests.getEvents ?? 0;
      let t = t0;
      let written = 0;
      let step = 0;
      let stoppedEarly = false;
      // Steps until `simMs` of simulated time since the session started (the clock stood still until now).
      const writeUntil = async (simMs: number) => {
        while (t - t0 < simMs && !stoppedEarly) {
          await control.advanceClock(STEP_MS);
          t += STEP_MS;
          const host = step % streams.length;
          const events = Array.from({ length: perStep }, (_, i) => ({ timestamp: t - STEP_MS + Math.floor(((i + 1) * STEP_MS) / perStep), message: line(written + i, host + 1) }));
          await control.appendLogEvents(group, streams[host], events);
          written += perStep;
          step++;
          await shown(base + written, `step ${step}`);
          if (step % 100 === 0 && process.memoryUsage().heapUsed > HEAP_GUARD * heapLimit) {
            stoppedEarly = true;
          }
          if (step % Math.round(1800_000 / STEP_MS) === 0) {
            const mb = (process.memoryUsage().heapUsed / 1e6).toFixed(0);
            process.stderr.write(`  M2: ${((t - t0) / 3600_000).toFixed(1)} simulated h, ${live.updates} updates, heap ${mb} MB, ${((performance.now() - startedAt) / 1000).toFixed(0)} s\n`);
          }
        }
      };
      // A minute before the session limit: the session is still open, and holds the most it will.
      await writeUntil(sessionLimitMs - 60_000);
      await sleep(1000);
      const after = heapAfterGc(gc);
      const atMeasure = { simulatedMs: t - t0, events: written, updates: live.updates - updatesBefore, realMs: performance.now() - startedAt };
      // On past the limit: the service ends the session, the tail starts the next one.
      await writeUntil(sessionLimitMs + 60_000);
      await until('a new Live Tail session after the limit', tail, () => tail.session.mode === 'liveTail', 30_000);
      await sleep(1000);
      const afterRenewal = heapAfterGc(gc);
      const sessions = (await control.requestCounts())['logs.StartLiveTail'] ?? 0;
      return {
        eventsPerSimulatedSecond: RATE,
        eventsPerStep: perStep,
        stepSimulatedMs: STEP_MS,
        updateIntervalMs: UPDATE_INTERVAL_MS,
        sessionLimitMs,
        simulatedMs: atMeasure.simulatedMs,
        events: atMeasure.events,
        updates: atMeasure.updates,
        realMs: atMeasure.realMs,
        heapUsedBefore: before,
        heapUsedAfter: after,
        growthBytes: after - before,
        peakHeapUsed: peak,
        heapSizeLimit: heapLimit,
        stoppedEarly,
        renewal: {
          simulatedMs: t - t0,
          events: written,
          updates: live.updates - updatesBefore,
          sessions,
          heapUsed: afterRenewal,
          growthBytes: afterRenewal - before,
        },
        live: { ...live },
        shown: tail.session.eventCount - base,
        getEventsDuringRun: (tail.session.requests.getEvents ?? 0) - getEventsBefore,
        dropped: tail.session.dropped,
        mode: tail.session.mode,
        sampled: tail.session.sampled,
      };
    } finally {
      clearInterval(sampler);
      await tail.stop();
    }
  } finally {
    await sim.stop();
  }
}
