// Fakes for the tail engine: a virtual clock and an in-memory CloudWatch Logs with forward tokens.
import { RequestBudget, type Clock } from '../../../../src/logs/engine/budget';
import { PollingTail } from '../../../../src/logs/engine/tail';
import type { FailureKind, FilterEventsPage, FilterEventsRequest, GetEventsPage, GetEventsRequest, LiveTailRequest, LiveTailUpdate, LogSource, StreamInfo, TrainingJobState } from '../../../../src/shared/logs/source';
import type { TailSpec, TailUpdate } from '../../../../src/logs/engine/spec';

/** Time moves only when someone sleeps: every test runs in no real time and the same way each run. */
export class FakeClock implements Clock {
  constructor(public t = Date.UTC(2026, 10, 24, 12)) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      throw Object.assign(new Error('Aborted'), { name: 'AbortError' });
    }
    this.t += Math.max(0, ms);
    // A macrotask turn, so that mocha's timeout can still fire if a test never ends.
    await new Promise((r) => setImmediate(r));
  }
}

export class FakeError extends Error {
  constructor(readonly kind: FailureKind) {
    super(kind);
  }
}

export class FakeLogs implements LogSource {
  readonly streams = new Map<string, { timestamp: number; message: string }[]>();
  job: TrainingJobState = { status: 'InProgress', secondaryStatus: 'Training', transitions: [{ status: 'Training', message: 'Training in progress' }] };
  /** Called before each request; throw to inject a fault. */
  fault: (op: string) => void = () => undefined;
  calls = { getEvents: 0, listStreams: 0, trainingJob: 0, filterEvents: 0 };
  /** The service's clock, when a test sets one (else the engine uses its own). */
  serviceNow?: () => number;
  /** Runs after every getEvents call: lets a test write while the engine follows. */
  afterRead: () => void = () => undefined;

  append(stream: string, ...events: { timestamp: number; message: string }[]): void {
    const list = this.streams.get(stream) ?? [];
    list.push(...events);
    this.streams.set(stream, list);
  }

  async listStreams(_group: string, prefix: string | undefined): Promise<StreamInfo[]> {
    this.calls.listStreams++;
    this.fault('listStreams');
    return [...this.streams.keys()].filter((n) => !prefix || n.startsWith(prefix)).map((logStreamName) => ({ logStreamName }));
  }

  async getEvents(r: GetEventsRequest): Promise<GetEventsPage> {
    this.calls.getEvents++;
    this.fault('getEvents');
    const list = this.streams.get(r.logStreamName);
    if (!list) {
      throw new FakeError('notFound');
    }
    const limit = r.limit ?? 3; // small pages so paging is exercised
    const inRange = (i: number) => (r.startTime === undefined || list[i].timestamp >= r.startTime) && (r.endTime === undefined || list[i].timestamp < r.endTime);
    let from: number;
    let to: number;
    const backward = r.nextToken ? r.nextToken.startsWith('b/') : !r.startFromHead;
    if (!backward) {
      from = r.nextToken ? Number(r.nextToken.slice(2)) : 0;
      while (from < list.length && !inRange(from)) from++;
      to = from;
      while (to < list.length && to - from < limit && inRange(to)) to++;
    } else {
      to = r.nextToken ? Number(r.nextToken.slice(2)) : list.length;
      from = Math.max(0, to - limit);
    }
    const same = r.nextToken !== undefined && to === from;
    const page = {
      events: list.slice(from, to).map((e) => ({ ...e, logStreamName: r.logStreamName })),
      nextForwardToken: same && !backward ? (r.nextToken as string) : `f/${to}`,
      nextBackwardToken: same && backward ? (r.nextToken as string) : `b/${from}`,
    };
    this.afterRead();
    return page;
  }

  /** FilterLogEvents where a pattern is a plain term matched as a substring; pages of 2. */
  async filterEvents(r: FilterEventsRequest): Promise<FilterEventsPage> {
    this.calls.filterEvents++;
    this.fault('filterEvents');
    const all = [...this.streams.entries()]
      .filter(([name]) => (r.logStreamNames ? r.logStreamNames.includes(name) : !r.logStreamNamePrefix || name.startsWith(r.logStreamNamePrefix)))
      .flatMap(([logStreamName, list]) => list.map((e) => ({ ...e, logStreamName })))
      .filter((e) => e.message.includes(r.filterPattern ?? '') && (r.startTime === undefined || e.timestamp >= r.startTime) && (r.endTime === undefined || e.timestamp < r.endTime))
      .sort((a, b) => a.timestamp - b.timestamp);
    const from = r.nextToken ? Number(r.nextToken) : 0;
    const page = all.slice(from, from + 2);
    this.afterRead();
    return { events: page, ...(from + 2 < all.length ? { nextToken: String(from + 2) } : {}) };
  }

  async trainingJob(): Promise<TrainingJobState> {
    this.calls.trainingJob++;
    this.fault('trainingJob');
    return this.job;
  }

  classify(error: unknown): FailureKind {
    if (error instanceof FakeError) return error.kind;
    if (error instanceof Error && error.name === 'AbortError') return 'cancelled';
    return 'other';
  }
}

/** A FakeLogs with Live Tail: `push` sends an update; `refuse` makes StartLiveTail fail. */
export class FakeLiveLogs extends FakeLogs {
  refuse: FailureKind | undefined;
  sessions = 0;
  private waiting: ((u: IteratorResult<LiveTailUpdate>) => void) | undefined;
  private queue: LiveTailUpdate[] = [];

  push(update: LiveTailUpdate): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: update, done: false });
    } else {
      this.queue.push(update);
    }
  }

  /** The requests of the sessions started, in order. */
  readonly requests: LiveTailRequest[] = [];
  /** Sessions started and not yet ended by their signal. */
  open = 0;

  async liveTail(request: LiveTailRequest, signal?: AbortSignal): Promise<AsyncIterable<LiveTailUpdate>> {
    if (this.refuse) {
      throw new FakeError(this.refuse);
    }
    this.requests.push(request);
    this.sessions++;
    // Updates pushed from now on go to this session; like the SDK's stream, it ends when its signal aborts.
    this.waiting = undefined;
    this.queue = [];
    let ended = false;
    this.open++;
    signal?.addEventListener('abort', () => {
      this.open--;
      ended = true;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    });
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          const u = this.queue.shift();
          return u ? Promise.resolve({ value: u, done: false }) : ended ? Promise.resolve({ value: undefined, done: true }) : new Promise((r) => (this.waiting = r));
        },
      }),
    };
  }
}

/**
 * Runs a tail until `until` says stop (or it ends); returns every update. `until` also gets the tail, so it can
 * change it midway (a new filter pattern, who watches).
 */
export async function collectTail(logs: FakeLogs, clock: FakeClock, s: TailSpec, until: (all: TailUpdate[], tail: PollingTail) => boolean, budget = new RequestBudget(1000, 1000, clock)): Promise<TailUpdate[]> {
  const all: TailUpdate[] = [];
  const abort = new AbortController();
  const tail = new PollingTail(logs, s, budget, clock);
  try {
    for await (const u of tail.run(abort.signal)) {
      all.push(u);
      if (until(all, tail)) {
        abort.abort();
      }
      if (clock.now() > Date.UTC(2026, 10, 25)) {
        throw new Error('the tail never reached the expected state');
      }
    }
  } catch (e) {
    if (!(e instanceof Error && e.name === 'AbortError')) throw e;
  }
  return all;
}

/** The messages of every event update, in order. */
export const messagesOf = (all: TailUpdate[]) => all.flatMap((u) => (u.kind === 'events' ? u.events.map((e) => e.message) : []));
