/**
 * The polling tail engine, free of the SDK and of VS Code: backfill (last N lines, from a time, or a fixed
 * window), then follow each stream with GetLogEvents forward tokens. A token only advances after its page
 * was handed out, so a throttled, failed or reset request is simply asked again: nothing lost, nothing twice.
 */
import { abortError, backoffDelayMs, type Clock, type RequestBudget } from './budget';
import { Deduper, mergeByTimestamp, type LogEvent, type StreamQuery } from './events';

export interface StreamInfo {
  readonly logStreamName: string;
  readonly creationTime?: number;
  readonly lastEventTimestamp?: number;
}

export interface GetEventsRequest {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly startFromHead: boolean;
  readonly nextToken?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit?: number;
}

export interface GetEventsPage {
  readonly events: readonly { readonly timestamp: number; readonly message: string; readonly ingestionTime?: number }[];
  readonly nextForwardToken?: string;
}

export interface TrainingJobState {
  readonly status: string;
  readonly secondaryStatus?: string;
  readonly failureReason?: string;
  readonly transitions: readonly { readonly status: string; readonly startedAt?: number; readonly message?: string }[];
}

/** `unsupported`: Live Tail is not allowed or not available here (over its session limit, denied, no such API). */
export interface FilterEventsRequest {
  readonly logGroupName: string;
  readonly logStreamNames?: readonly string[];
  readonly logStreamNamePrefix?: string;
  readonly filterPattern: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly nextToken?: string;
}

export interface FilterEventsPage {
  readonly events: readonly LogEvent[];
  readonly nextToken?: string;
}

export type FailureKind = 'throttled' | 'transient' | 'notFound' | 'cancelled' | 'unsupported' | 'fatal';

export interface LiveTailRequest {
  readonly logGroupName: string;
  readonly logStreamNames?: readonly string[];
  readonly logStreamNamePrefixes?: readonly string[];
  readonly filterPattern?: string;
}

/** One Live Tail update: at most one a second; `sampled` when the service left events out. */
export interface LiveTailUpdate {
  readonly events: readonly LogEvent[];
  readonly sampled: boolean;
}

/** What the engine needs from CloudWatch Logs and SageMaker; the SDK implementation is in src/aws/logs. */
export interface LogSource {
  listStreams(logGroupName: string, prefix: string | undefined, signal: AbortSignal): Promise<StreamInfo[]>;
  getEvents(request: GetEventsRequest, signal: AbortSignal): Promise<GetEventsPage>;
  trainingJob(name: string, signal: AbortSignal): Promise<TrainingJobState>;
  /** FilterLogEvents: used instead of GetLogEvents when the tail has a filter pattern. */
  filterEvents(request: FilterEventsRequest, signal: AbortSignal): Promise<FilterEventsPage>;
  classify(error: unknown): FailureKind;
  /** Starts a Live Tail session; resolves once the session has started. Absent: polling only. */
  liveTail?(request: LiveTailRequest, signal: AbortSignal): Promise<AsyncIterable<LiveTailUpdate>>;
}

export interface TailSpec {
  readonly query: StreamQuery;
  /** Last N lines before following (ignored when `startTime` is set). */
  readonly backfillLines: number;
  readonly startTime?: number;
  /** With `endTime`, a fixed window: no follow. */
  readonly endTime?: number;
  readonly follow: boolean;
  readonly pollIntervalMs: number;
  /** Look for new streams (a restarted host, a new instance) this often. */
  readonly discoverIntervalMs?: number;
  /** Report status changes and end after the job ends. */
  readonly trainingJobName?: string;
  readonly statusIntervalMs?: number;
  /** Follow with Live Tail when the source offers it, polling when it is refused. */
  readonly liveTail?: boolean;
  /** A CloudWatch filter pattern, applied by the service (FilterLogEvents when polling, Live Tail's own filter). */
  readonly filterPattern?: string;
}

export type TailUpdate =
  | { readonly kind: 'events'; readonly events: readonly LogEvent[] }
  | { readonly kind: 'status'; readonly text: string; readonly at: number }
  | { readonly kind: 'notice'; readonly text: string }
  | { readonly kind: 'backoff'; readonly backingOff: boolean }
  | { readonly kind: 'mode'; readonly mode: 'liveTail' | 'polling'; readonly sampled?: boolean }
  | { readonly kind: 'ended'; readonly reason: string };

interface StreamState {
  readonly name: string;
  token?: string;
  /** Follow started (positioned at a token or at the head). */
  positioned: boolean;
}

const PAGE_LIMIT = 10_000;
/** FilterLogEvents selects by event time, and events can be ingested a little late: each poll looks back this far. */
const FILTER_LOOKBACK_MS = 60_000;
/** How far back a filtered tail looks for its last N matching lines when no start time is given. */
const FILTER_BACKFILL_MS = 24 * 3600_000;
const FILTER_MAX_PAGES = 50;

function looksFull(page: GetEventsPage): boolean {
  if (page.events.length >= 1000) {
    return true;
  }
  let bytes = 0;
  for (const e of page.events) {
    bytes += e.message.length + 26;
  }
  return bytes >= 512 * 1024;
}

export class PollingTail {
  private readonly streams = new Map<string, StreamState>();
  private readonly dedupe = new Deduper();
  private failures = 0;
  private lastDiscovery = 0;
  private lastStatus = 0;
  private seenTransitions = 0;
  private lastSecondary: string | undefined;
  /** Requests sent, by operation (for the status bar and the benchmark). */
  readonly requests = { getEvents: 0, listStreams: 0, trainingJob: 0, filterEvents: 0 };
  /** Filtered polling: the newest event time seen. */
  private filteredSince: number | undefined;
  /** Filtered polling after a last-N backfill: older matches were left out on purpose, so the look-back skips them. */
  private filteredFloor: number | undefined;

  constructor(
    private readonly source: LogSource,
    private readonly spec: TailSpec,
    private readonly budget: RequestBudget,
    private readonly clock: Clock,
  ) {}

  async *run(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    const q = this.spec.query;
    await this.discover(signal, false);
    if (this.streams.size === 0 && !q.logStreamName) {
      yield { kind: 'notice', text: `No log streams under ${q.logGroupName}${q.prefix ? ` starting with ${q.prefix}` : ''} yet.${this.spec.follow ? ' Waiting for them.' : ''}` };
    }
    yield* this.backfill(signal);
    if (!this.spec.follow || this.spec.endTime !== undefined) {
      yield { kind: 'ended', reason: 'window read' };
      return;
    }
    if (this.spec.trainingJobName) {
      const ended = yield* this.checkJob(signal, true);
      if (ended) {
        yield* this.round(signal);
        yield { kind: 'ended', reason: 'the training job has ended' };
        return;
      }
    }
    if (this.spec.liveTail && this.source.liveTail) {
      const ended = yield* this.followLive(signal);
      if (ended) {
        return;
      }
    }
    yield { kind: 'mode', mode: 'polling' };
    for (;;) {
      const delay = this.failures > 0 ? backoffDelayMs(this.failures, this.spec.pollIntervalMs, 30_000) : this.spec.pollIntervalMs;
      await this.clock.sleep(delay, signal);
      if (this.clock.now() - this.lastDiscovery >= (this.spec.discoverIntervalMs ?? 10_000)) {
        await this.discover(signal, true).catch((e) => this.onFailure(e));
      }
      yield* this.round(signal);
      if (this.spec.trainingJobName && this.clock.now() - this.lastStatus >= (this.spec.statusIntervalMs ?? 10_000)) {
        let ended = false;
        try {
          ended = yield* this.checkJob(signal, false);
        } catch (e) {
          this.onFailure(e);
        }
        if (ended) {
          // Final flush: streams written in the last moments, then what is left in every stream.
          await this.discover(signal, true).catch((e) => this.onFailure(e));
          yield* this.round(signal);
          yield { kind: 'ended', reason: 'the training job has ended' };
          return;
        }
      }
    }
  }

  /**
   * Follows with Live Tail until the job ends (true) or the session is refused or ends (false: poll on).
   * A polling round right after the session starts covers what arrived since the backfill, and one after a
   * sampled update fills in what the sample left out; the deduper drops what both delivered.
   */
  private async *followLive(signal: AbortSignal): AsyncGenerator<TailUpdate, boolean> {
    const q = this.spec.query;
    const session = new AbortController();
    const stopSession = () => session.abort();
    signal.addEventListener('abort', stopSession, { once: true });
    let iterator: AsyncIterator<LiveTailUpdate>;
    try {
      await this.budget.take(signal);
      const updates = await (this.source.liveTail as NonNullable<LogSource['liveTail']>)(
        {
          logGroupName: q.logGroupName,
          ...(q.logStreamName ? { logStreamNames: [q.logStreamName] } : q.prefix ? { logStreamNamePrefixes: [q.prefix] } : {}),
          ...(this.spec.filterPattern ? { filterPattern: this.spec.filterPattern } : {}),
        },
        session.signal,
      );
      iterator = updates[Symbol.asyncIterator]();
    } catch (e) {
      signal.removeEventListener('abort', stopSession);
      if (signal.aborted || this.source.classify(e) === 'cancelled') {
        throw e;
      }
      const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      yield { kind: 'notice', text: `Live Tail is not available (${why}); polling every ${this.spec.pollIntervalMs / 1000} s instead.` };
      return false;
    }
    yield { kind: 'mode', mode: 'liveTail' };
    try {
      yield* this.round(signal);
      let next = iterator.next();
      for (;;) {
        const statusDue = this.spec.trainingJobName ? Math.max(0, this.lastStatus + (this.spec.statusIntervalMs ?? 10_000) - this.clock.now()) : undefined;
        const timer = new AbortController();
        const tick = statusDue === undefined ? new Promise<'tick'>(() => undefined) : this.clock.sleep(statusDue, timer.signal).then(() => 'tick' as const, () => 'tick' as const);
        const winner = await Promise.race([next.then((r) => ({ r })), tick]);
        timer.abort();
        if (signal.aborted) {
          throw abortError();
        }
        if (winner === 'tick') {
          const ended = yield* this.checkJob(signal, false);
          if (ended) {
            yield* this.round(signal);
            yield { kind: 'ended', reason: 'the training job has ended' };
            return true;
          }
          continue;
        }
        if (winner.r.done) {
          yield { kind: 'notice', text: 'The Live Tail session ended; polling instead.' };
          return false;
        }
        const update = winner.r.value;
        next = iterator.next();
        const fresh = this.dedupe.fresh(update.events);
        if (fresh.length > 0) {
          yield { kind: 'events', events: fresh };
        }
        if (update.sampled) {
          yield { kind: 'mode', mode: 'liveTail', sampled: true };
          yield* this.round(signal);
        }
      }
    } catch (e) {
      if (signal.aborted || this.source.classify(e) === 'cancelled') {
        throw e;
      }
      const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      yield { kind: 'notice', text: `The Live Tail session stopped (${why}); polling instead.` };
      return false;
    } finally {
      signal.removeEventListener('abort', stopSession);
      session.abort();
      iterator.return?.().catch(() => undefined);
    }
  }

  private async send<T>(signal: AbortSignal, op: keyof PollingTail['requests'], fn: () => Promise<T>): Promise<T> {
    await this.budget.take(signal);
    this.requests[op]++;
    const result = await fn();
    this.budget.succeeded();
    return result;
  }

  /** Sorts a failure: rethrows cancellation and fatal errors, backs off on the rest. */
  private onFailure(e: unknown): void {
    const kind = this.source.classify(e);
    if (kind === 'cancelled' || kind === 'fatal') {
      throw e;
    }
    if (kind === 'throttled') {
      this.budget.throttled();
    }
    this.failures++;
  }

  private async discover(signal: AbortSignal, following: boolean): Promise<void> {
    const q = this.spec.query;
    this.lastDiscovery = this.clock.now();
    if (q.logStreamName) {
      if (!this.streams.has(q.logStreamName)) {
        this.streams.set(q.logStreamName, { name: q.logStreamName, positioned: false });
      }
      return;
    }
    const found = await this.send(signal, 'listStreams', () => this.source.listStreams(q.logGroupName, q.prefix, signal));
    for (const s of found) {
      if (!this.streams.has(s.logStreamName)) {
        // A stream that appears while following is read from its head: all of it is new.
        this.streams.set(s.logStreamName, { name: s.logStreamName, positioned: following });
      }
    }
  }

  private async *backfill(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    if (this.spec.filterPattern) {
      yield* this.backfillFiltered(signal);
      return;
    }
    const { startTime, endTime, backfillLines } = this.spec;
    const states = [...this.streams.values()];
    let lists: LogEvent[][];
    if (startTime !== undefined || endTime !== undefined) {
      lists = await Promise.all(states.map((s) => this.readForward(s, signal, startTime, endTime)));
    } else {
      lists = await Promise.all(states.map((s) => this.readLast(s, Math.max(0, backfillLines), signal)));
    }
    let merged = mergeByTimestamp(lists);
    if (startTime === undefined && endTime === undefined && merged.length > backfillLines) {
      merged = merged.slice(merged.length - backfillLines);
    }
    const fresh = this.dedupe.fresh(merged);
    if (fresh.length > 0) {
      yield { kind: 'events', events: fresh };
    }
  }

  /** The last `n` events of a stream, leaving its token at the end. Retries until it succeeds. */
  private async readLast(s: StreamState, n: number, signal: AbortSignal): Promise<LogEvent[]> {
    const page = await this.retrying(signal, () =>
      this.source.getEvents({ logGroupName: this.spec.query.logGroupName, logStreamName: s.name, startFromHead: false, limit: Math.max(1, Math.min(n, PAGE_LIMIT)) }, signal),
    );
    if (page === undefined) {
      return [];
    }
    s.token = page.nextForwardToken;
    s.positioned = true;
    return n === 0 ? [] : page.events.map((e) => ({ ...e, logStreamName: s.name }));
  }

  /** Pages forward from `startTime` (to `endTime`) to the end of the stream. */
  private async readForward(s: StreamState, signal: AbortSignal, startTime?: number, endTime?: number): Promise<LogEvent[]> {
    const out: LogEvent[] = [];
    let token: string | undefined;
    for (;;) {
      const sent = token;
      const page = await this.retrying(signal, () =>
        this.source.getEvents(
          {
            logGroupName: this.spec.query.logGroupName,
            logStreamName: s.name,
            startFromHead: true,
            ...(sent ? { nextToken: sent } : {}),
            ...(startTime !== undefined ? { startTime } : {}),
            ...(endTime !== undefined ? { endTime } : {}),
          },
          signal,
        ),
      );
      if (page === undefined) {
        break;
      }
      for (const e of page.events) {
        out.push({ ...e, logStreamName: s.name });
      }
      token = page.nextForwardToken;
      if (page.events.length === 0 || !token || token === sent) {
        break;
      }
    }
    if (endTime === undefined) {
      s.token = token;
      s.positioned = true;
    }
    return out;
  }

  /** Runs a read until it succeeds; undefined when the stream does not exist. */
  private retrying<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T | undefined> {
    return this.retryingAs(signal, 'getEvents', fn);
  }

  private async retryingAs<T>(signal: AbortSignal, op: keyof PollingTail['requests'], fn: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(signal, op, fn);
      } catch (e) {
        const kind = this.source.classify(e);
        if (kind === 'notFound') {
          return undefined;
        }
        if (kind === 'cancelled' || kind === 'fatal') {
          throw e;
        }
        if (kind === 'throttled') {
          this.budget.throttled();
        }
        await this.clock.sleep(backoffDelayMs(attempt, 250, 10_000), signal);
      }
    }
  }

  /** FilterLogEvents pages (interleaved by the service) from `startTime`; on a failure, retried from the same page. */
  private async readFiltered(signal: AbortSignal, startTime: number | undefined, endTime: number | undefined, keepLast?: number): Promise<LogEvent[]> {
    const q = this.spec.query;
    let out: LogEvent[] = [];
    let nextToken: string | undefined;
    for (let pages = 0; pages < FILTER_MAX_PAGES; pages++) {
      const sent = nextToken;
      const page = await this.retryingAs(signal, 'filterEvents', () =>
        this.source.filterEvents(
          {
            logGroupName: q.logGroupName,
            ...(q.logStreamName ? { logStreamNames: [q.logStreamName] } : q.prefix ? { logStreamNamePrefix: q.prefix } : {}),
            filterPattern: this.spec.filterPattern as string,
            ...(startTime !== undefined ? { startTime } : {}),
            ...(endTime !== undefined ? { endTime } : {}),
            ...(sent ? { nextToken: sent } : {}),
          },
          signal,
        ),
      );
      if (page === undefined) {
        break;
      }
      out.push(...page.events);
      if (keepLast !== undefined && out.length > keepLast * 2) {
        out = out.slice(out.length - keepLast);
      }
      nextToken = page.nextToken;
      if (!nextToken) {
        break;
      }
    }
    return keepLast !== undefined && out.length > keepLast ? out.slice(out.length - keepLast) : out;
  }

  private async *backfillFiltered(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    const { startTime, endTime, backfillLines } = this.spec;
    const windowed = startTime !== undefined || endTime !== undefined;
    const from = startTime ?? (windowed ? undefined : this.clock.now() - FILTER_BACKFILL_MS);
    const events = await this.readFiltered(signal, from, endTime, windowed ? undefined : backfillLines + 1);
    if (!windowed && events.length > backfillLines) {
      events.splice(0, events.length - backfillLines);
      this.filteredFloor = events[0]?.timestamp ?? Number.MAX_SAFE_INTEGER;
    }
    this.filteredSince = events.reduce((t, e) => Math.max(t, e.timestamp), this.clock.now() - FILTER_LOOKBACK_MS);
    const fresh = this.dedupe.fresh(events);
    if (fresh.length > 0) {
      yield { kind: 'events', events: fresh };
    }
  }

  /** One follow round: every stream from its token to its end; one merged batch. */
  private async *round(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    if (this.spec.filterPattern) {
      yield* this.roundFiltered(signal);
      return;
    }
    const wasBackingOff = this.failures > 0;
    const states = [...this.streams.values()];
    const results = await Promise.all(states.map((s) => this.followStream(s, signal)));
    const merged = mergeByTimestamp(results.map((r) => r.events));
    const failed = results.some((r) => r.failed);
    if (!failed) {
      this.failures = 0;
    }
    yield* this.endRound(this.dedupe.fresh(merged), wasBackingOff, signal);
  }

  /** Delivers a round's new events and a change of back-off state; stops the round when aborted. */
  private *endRound(fresh: LogEvent[], wasBackingOff: boolean, signal: AbortSignal): Generator<TailUpdate> {
    if (fresh.length > 0) {
      yield { kind: 'events', events: fresh };
    }
    if (wasBackingOff !== this.failures > 0) {
      yield { kind: 'backoff', backingOff: this.failures > 0 };
    }
    if (signal.aborted) {
      throw abortError();
    }
  }

  /** A filtered follow round: everything matching since a little before the newest event seen. */
  private async *roundFiltered(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    const wasBackingOff = this.failures > 0;
    const since = (this.filteredSince ?? this.clock.now()) - FILTER_LOOKBACK_MS;
    const { events, failure } = await this.readFilteredOnce(signal, since);
    if (failure === undefined) {
      this.failures = 0;
    } else {
      this.onFailure(failure);
    }
    for (const e of events) {
      this.filteredSince = Math.max(this.filteredSince ?? 0, e.timestamp);
    }
    const floor = this.filteredFloor;
    yield* this.endRound(this.dedupe.fresh(floor === undefined ? events : events.filter((e) => e.timestamp >= floor)), wasBackingOff, signal);
  }

  /** Like readFiltered, but a failure ends the round with the pages read so far; the next round asks again. */
  private async readFilteredOnce(signal: AbortSignal, startTime: number): Promise<{ events: LogEvent[]; failure?: unknown }> {
    const q = this.spec.query;
    const out: LogEvent[] = [];
    let nextToken: string | undefined;
    for (let pages = 0; pages < FILTER_MAX_PAGES; pages++) {
      const page = await this.filterPage(signal, q, startTime, nextToken).catch((failure: unknown) => ({ failure }));
      if ('failure' in page) {
        return { events: out, failure: page.failure };
      }
      out.push(...page.events);
      nextToken = page.nextToken;
      if (!nextToken) {
        break;
      }
    }
    return { events: out };
  }

  private filterPage(signal: AbortSignal, q: StreamQuery, startTime: number, sent: string | undefined): Promise<FilterEventsPage> {
    return this.send(signal, 'filterEvents', () =>
      this.source.filterEvents(
        {
          logGroupName: q.logGroupName,
          ...(q.logStreamName ? { logStreamNames: [q.logStreamName] } : q.prefix ? { logStreamNamePrefix: q.prefix } : {}),
          filterPattern: this.spec.filterPattern as string,
          startTime,
          ...(sent ? { nextToken: sent } : {}),
        },
        signal,
      ),
    );
  }

  /** Reads a stream from its token to the end. On a failure keeps what was read and the token it reached. */
  private async followStream(s: StreamState, signal: AbortSignal): Promise<{ events: LogEvent[]; failed: boolean }> {
    const events: LogEvent[] = [];
    try {
      for (let pages = 0; pages < 100; pages++) {
        const sent = s.token;
        const page = await this.send(signal, 'getEvents', () =>
          this.source.getEvents(
            { logGroupName: this.spec.query.logGroupName, logStreamName: s.name, startFromHead: true, ...(sent ? { nextToken: sent } : {}) },
            signal,
          ),
        );
        for (const e of page.events) {
          events.push({ ...e, logStreamName: s.name });
        }
        if (page.nextForwardToken) {
          s.token = page.nextForwardToken;
        }
        s.positioned = true;
        // One request per stream and poll unless the page was big: then there is probably more right now.
        if (page.events.length === 0 || page.nextForwardToken === sent || !looksFull(page)) {
          break;
        }
      }
      return { events, failed: false };
    } catch (e) {
      const kind = this.source.classify(e);
      if (kind === 'notFound') {
        this.streams.delete(s.name);
        return { events, failed: false };
      }
      this.onFailure(e);
      return { events, failed: true };
    }
  }

  /** Appends new SecondaryStatus transitions; true when the job has ended. */
  private async *checkJob(signal: AbortSignal, first: boolean): AsyncGenerator<TailUpdate, boolean> {
    const name = this.spec.trainingJobName as string;
    this.lastStatus = this.clock.now();
    const job = await this.send(signal, 'trainingJob', () => this.source.trainingJob(name, signal));
    const transitions = job.transitions;
    // On the first look show only the current step; afterwards every transition that is new.
    const from = first ? Math.max(0, transitions.length - 1) : this.seenTransitions;
    for (const t of transitions.slice(from)) {
      yield { kind: 'status', text: `${t.status}${t.message ? `: ${t.message}` : ''}`, at: t.startedAt ?? this.clock.now() };
    }
    this.seenTransitions = transitions.length;
    if (transitions.length === 0 && job.secondaryStatus && job.secondaryStatus !== this.lastSecondary) {
      yield { kind: 'status', text: job.secondaryStatus, at: this.clock.now() };
    }
    this.lastSecondary = job.secondaryStatus;
    const ended = job.status === 'Completed' || job.status === 'Failed' || job.status === 'Stopped';
    if (ended) {
      yield { kind: 'status', text: `Training job ${job.status}${job.failureReason ? `: ${job.failureReason}` : ''}`, at: this.clock.now() };
    }
    return ended;
  }
}
