/**
 * The polling tail engine, free of the SDK and of VS Code: backfill (last N lines, from a time, or a fixed
 * window), then follow each stream with GetLogEvents forward tokens. A token only advances after its page
 * was handed out, so a throttled, failed or reset request is simply asked again: nothing lost, nothing twice.
 */
import { FILTER_LOG_EVENTS_COST, abortError, backoffDelayMs, type Clock, type RequestBudget } from './budget';
import { Deduper, mergeByTimestamp, newestOf, type LogEvent, type StreamQuery } from './events';

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
  /** The stream's events, each already tagged with the stream asked for (a backfill makes no copies of them). */
  readonly events: readonly LogEvent[];
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

/**
 * `signIn`: the credentials expired; asked again (with back-off) until a new sign-in makes them valid, and the
 * tail says so meanwhile.
 */
export type FailureKind = 'throttled' | 'transient' | 'signIn' | 'notFound' | 'cancelled' | 'unsupported' | 'fatal';

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
  /** While nobody watches (`setWatched(false)`), Live Tail is stopped and the tail polls this often instead. */
  readonly unwatchedPollIntervalMs?: number;
}

export type TailUpdate =
  | { readonly kind: 'events'; readonly events: readonly LogEvent[] }
  | { readonly kind: 'status'; readonly text: string; readonly at: number }
  | { readonly kind: 'notice'; readonly text: string }
  | { readonly kind: 'backoff'; readonly backingOff: boolean }
  | { readonly kind: 'mode'; readonly mode: 'liveTail' | 'polling'; readonly sampled?: boolean }
  /** The filter pattern changed while following; it applies to events from `from` on. */
  | { readonly kind: 'filter'; readonly filterPattern: string | undefined; readonly from: number }
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
/** Pages of one stream in one batch of a follow round (up to 50,000 events); a round reads on in further batches. */
const FOLLOW_PAGES_PER_BATCH = 5;

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
  /** The filter pattern in effect; `setFilterPattern` changes it while the tail runs. */
  private filter: string | undefined;
  private pendingFilter: { readonly pattern: string | undefined } | undefined;
  /** Cuts short the wait between polls, or the Live Tail session, so that a new filter applies at once. */
  private wake: (() => void) | undefined;
  /** The newest event time delivered: a changed filter resumes from here. */
  private newest: number | undefined;
  /** Someone can see the tail's output: Live Tail sessions (billed by the minute) only run while they can. */
  private watched = true;
  /** The last failure that made the tail back off, and whether the tail said it waits for a new sign-in. */
  private lastFailure: { readonly kind: FailureKind; readonly text: string } | undefined;
  private waitingForSignIn = false;
  /** DescribeTrainingJob no longer finds the job. */
  private jobGone = false;

  constructor(
    private readonly source: LogSource,
    private readonly spec: TailSpec,
    private readonly budget: RequestBudget,
    private readonly clock: Clock,
  ) {
    this.filter = spec.filterPattern || undefined;
  }

  /** The filter pattern in effect (or about to be). */
  get filterPattern(): string | undefined {
    return this.pendingFilter ? this.pendingFilter.pattern : this.filter;
  }

  /**
   * Changes the service-side filter of a running tail (empty: none). It applies from the newest event
   * already shown: nothing older is added, nothing shown is repeated.
   */
  setFilterPattern(pattern: string | undefined): void {
    this.pendingFilter = { pattern: pattern?.trim() || undefined };
    this.wake?.();
  }

  /** Nobody watches: a Live Tail session ends and slower polling takes over until someone watches again. */
  setWatched(watched: boolean): void {
    if (this.watched !== watched) {
      this.watched = watched;
      this.wake?.();
    }
  }

  async *run(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    for await (const u of this.tail(signal)) {
      if (u.kind === 'events' && u.events.length > 0) {
        this.newest = Math.max(this.newest ?? -Infinity, newestOf(u.events));
      }
      yield u;
    }
  }

  private async *tail(signal: AbortSignal): AsyncGenerator<TailUpdate> {
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
        yield { kind: 'ended', reason: this.jobEndReason() };
        return;
      }
    }
    let live = this.spec.liveTail === true && this.source.liveTail !== undefined;
    let polling = false;
    for (;;) {
      if (live && this.watched) {
        yield* this.applyFilterChange(signal);
        polling = false;
        const outcome = yield* this.followLive(signal);
        if (outcome === 'ended') {
          return;
        }
        // A Live Tail session keeps its filter: a new one needs a new session.
        if (outcome === 'filterChanged') {
          continue;
        }
        // A session lasts 3 hours at most: a new one follows on, after a catch-up read from the newest event shown.
        if (outcome === 'renew') {
          yield* this.resumePolling(signal);
          continue;
        }
        if (outcome === 'poll') {
          live = false;
        } else if (outcome === 'unwatched') {
          yield { kind: 'notice', text: `Nobody is watching: Live Tail paused, polling every ${this.unwatchedPollMs() / 1000} s until the channel is shown again.` };
        }
        // After 'signIn': polling (backing off) until the credentials are valid again, then Live Tail again.
        yield* this.resumePolling(signal);
      }
      if (!polling) {
        polling = true;
        yield { kind: 'mode', mode: 'polling' };
      }
      const interval = live && !this.watched ? this.unwatchedPollMs() : this.spec.pollIntervalMs;
      const delay = this.failures > 0 ? backoffDelayMs(this.failures, interval, 30_000) : interval;
      await this.pause(delay, signal);
      if (live && this.watched && !this.waitingForSignIn) {
        // Shown again: back to Live Tail, whose first read covers the time it was paused.
        continue;
      }
      yield* this.applyFilterChange(signal);
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
          yield { kind: 'ended', reason: this.jobEndReason() };
          return;
        }
      }
    }
  }

  private jobEndReason(): string {
    return this.jobGone ? 'the training job no longer exists' : 'the training job has ended';
  }

  private unwatchedPollMs(): number {
    return Math.max(this.spec.pollIntervalMs, this.spec.unwatchedPollIntervalMs ?? this.spec.pollIntervalMs);
  }

  /** Waits between polls; a filter change, or a change of who watches, ends the wait early. */
  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pendingFilter) {
      return;
    }
    const watched = this.watched;
    const wake = new AbortController();
    const onAbort = () => wake.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.wake = () => wake.abort();
    try {
      if (watched === this.watched) {
        await this.clock.sleep(ms, wake.signal);
      }
    } catch (e) {
      if (signal.aborted) {
        throw e;
      }
    } finally {
      this.wake = undefined;
      signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Applies a pending filter change from the newest event shown. To a pattern: FilterLogEvents from that
   * time. To none: every stream is read again by GetLogEvents from that time, which positions its token.
   */
  private async *applyFilterChange(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    const change = this.pendingFilter;
    this.pendingFilter = undefined;
    if (!change || change.pattern === this.filter) {
      return;
    }
    const from = this.newest ?? this.clock.now();
    this.filter = change.pattern;
    yield { kind: 'filter', filterPattern: change.pattern, from };
    if (change.pattern) {
      this.filteredSince = from;
      this.filteredFloor = from;
      return;
    }
    this.filteredSince = undefined;
    this.filteredFloor = undefined;
    yield* this.repositionAt(from, signal);
  }

  /** Reads every stream again from `from` (GetLogEvents), which puts its token there; hands out what is new. */
  private async *repositionAt(from: number, signal: AbortSignal): AsyncGenerator<TailUpdate> {
    await this.discover(signal, true).catch((e) => this.onFailure(e));
    const lists = await Promise.all([...this.streams.values()].map((s) => this.readForward(s, signal, from)));
    const fresh = this.dedupe.fresh(mergeByTimestamp(lists));
    if (fresh.length > 0) {
      yield { kind: 'events', events: fresh };
    }
  }

  /**
   * Polling after a Live Tail session: the tokens (or the filtered read's start) are where the session began,
   * maybe hours ago; they move to the newest event shown, a little before it for events still in flight.
   */
  private async *resumePolling(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    if (this.newest === undefined) {
      return;
    }
    if (this.filter) {
      this.filteredSince = Math.max(this.filteredSince ?? 0, this.newest);
      return;
    }
    yield* this.repositionAt(this.newest - FILTER_LOOKBACK_MS, signal);
  }

  /**
   * Follows with Live Tail until the job ends, the filter changes (a new session is needed) or the session
   * is refused or ends (poll on).
   * A polling round right after the session starts covers what arrived since the backfill, and one after a
   * sampled update fills in what the sample left out; the deduper drops what both delivered.
   */
  private async *followLive(signal: AbortSignal): AsyncGenerator<TailUpdate, 'ended' | 'filterChanged' | 'unwatched' | 'poll' | 'renew' | 'signIn'> {
    const q = this.spec.query;
    const session = new AbortController();
    const stopSession = () => session.abort();
    signal.addEventListener('abort', stopSession, { once: true });
    const woken = () => new Promise<'wake'>((resolve) => (this.wake = () => resolve('wake')));
    let wake = woken();
    let iterator: AsyncIterator<LiveTailUpdate>;
    try {
      await this.budget.take(signal);
      const updates = await (this.source.liveTail as NonNullable<LogSource['liveTail']>)(
        {
          logGroupName: q.logGroupName,
          ...(q.logStreamName ? { logStreamNames: [q.logStreamName] } : q.prefix ? { logStreamNamePrefixes: [q.prefix] } : {}),
          ...(this.filter ? { filterPattern: this.filter } : {}),
        },
        session.signal,
      );
      iterator = updates[Symbol.asyncIterator]();
    } catch (e) {
      signal.removeEventListener('abort', stopSession);
      const kind = this.source.classify(e);
      if (signal.aborted || kind === 'cancelled') {
        throw e;
      }
      this.wake = undefined;
      if (kind === 'signIn') {
        return yield* this.waitForSignIn(e);
      }
      const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      yield { kind: 'notice', text: `Live Tail is not available (${why}); polling every ${this.spec.pollIntervalMs / 1000} s instead.` };
      return 'poll';
    }
    yield { kind: 'mode', mode: 'liveTail' };
    try {
      yield* this.round(signal);
      let next = iterator.next();
      for (;;) {
        const statusDue = this.spec.trainingJobName ? Math.max(0, this.lastStatus + (this.spec.statusIntervalMs ?? 10_000) - this.clock.now()) : undefined;
        const timer = new AbortController();
        const tick = statusDue === undefined ? new Promise<'tick'>(() => undefined) : this.clock.sleep(statusDue, timer.signal).then(() => 'tick' as const, () => 'tick' as const);
        const winner = this.pendingFilter || !this.watched ? 'wake' : await Promise.race([next.then((r) => ({ r })), tick, wake]);
        timer.abort();
        if (signal.aborted) {
          throw abortError();
        }
        if (this.pendingFilter) {
          return 'filterChanged';
        }
        if (!this.watched) {
          return 'unwatched';
        }
        if (winner === 'wake') {
          wake = woken();
          continue;
        }
        if (winner === 'tick') {
          const ended = yield* this.checkJob(signal, false);
          if (ended) {
            yield* this.round(signal);
            yield { kind: 'ended', reason: this.jobEndReason() };
            return 'ended';
          }
          continue;
        }
        if (winner.r.done) {
          yield { kind: 'notice', text: 'The Live Tail session ended; polling instead.' };
          return 'poll';
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
      const kind = this.source.classify(e);
      if (signal.aborted || kind === 'cancelled') {
        throw e;
      }
      if ((e as { name?: unknown } | undefined)?.name === 'SessionTimeoutException') {
        return 'renew';
      }
      if (kind === 'signIn') {
        return yield* this.waitForSignIn(e);
      }
      const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      yield { kind: 'notice', text: `The Live Tail session stopped (${why}); polling instead.` };
      return 'poll';
    } finally {
      this.wake = undefined;
      signal.removeEventListener('abort', stopSession);
      session.abort();
      iterator.return?.().catch(() => undefined);
    }
  }

  private async send<T>(signal: AbortSignal, op: keyof PollingTail['requests'], fn: () => Promise<T>): Promise<T> {
    await this.budget.take(signal, op === 'filterEvents' ? FILTER_LOG_EVENTS_COST : 1);
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
    this.lastFailure = { kind, text: e instanceof Error ? e.message : String(e) };
    this.failures++;
  }

  /** A Live Tail session refused or ended for expired credentials: polling waits for a new sign-in. */
  private *waitForSignIn(e: unknown): Generator<TailUpdate, 'signIn'> {
    this.onFailure(e);
    yield* this.signInNotices();
    return 'signIn';
  }

  /** Says once that the tail waits for a new sign-in, and once that it resumed. */
  private *signInNotices(): Generator<TailUpdate> {
    if (this.failures > 0 && this.lastFailure?.kind === 'signIn' && !this.waitingForSignIn) {
      this.waitingForSignIn = true;
      yield { kind: 'notice', text: `Waiting for a new sign-in: ${this.lastFailure.text.replace(/\.?$/, '.')} The tail resumes where it stopped once the credentials are valid again.` };
    } else if (this.failures === 0 && this.waitingForSignIn) {
      this.waitingForSignIn = false;
      yield { kind: 'notice', text: 'Signed in again: the tail resumed where it stopped.' };
    }
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
    if (this.filter) {
      yield* this.backfillFiltered(signal);
      return;
    }
    const { startTime, endTime, backfillLines } = this.spec;
    const states = [...this.streams.values()];
    if (startTime !== undefined || endTime !== undefined) {
      yield* this.backfillForward(states, signal, startTime, endTime);
      return;
    }
    const lists = await Promise.all(states.map((s) => this.readLast(s, Math.max(0, backfillLines), signal)));
    let merged = mergeByTimestamp(lists);
    if (merged.length > backfillLines) {
      merged = merged.slice(merged.length - backfillLines);
    }
    const fresh = this.dedupe.fresh(merged);
    if (fresh.length > 0) {
      yield { kind: 'events', events: fresh };
    }
  }

  /**
   * Reads every stream forward at once and hands out merged batches while the reads go on, so the channel
   * formats one batch while the next pages are on the wire. An event goes out once every stream still
   * being read has reached a later time: the order is the same as one merge at the end.
   */
  private async *backfillForward(states: readonly StreamState[], signal: AbortSignal, startTime?: number, endTime?: number): AsyncGenerator<TailUpdate> {
    const reads = new AbortController();
    const stopReads = () => reads.abort();
    signal.addEventListener('abort', stopReads, { once: true });
    const pending = states.map((): LogEvent[] => []);
    const reached = states.map(() => -Infinity);
    const done = states.map(() => false);
    let failure: { error: unknown } | undefined;
    let arrived = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      arrived = true;
      wake?.();
    };
    states.forEach((s, i) => {
      const onPage = (events: readonly LogEvent[]) => {
        // One copy of the page (concat), not a push per event: a backfill hands over 10,000 events a page.
        pending[i] = pending[i].concat(events);
        if (events.length > 0) {
          reached[i] = events[events.length - 1].timestamp;
        }
        notify();
      };
      this.readForward(s, reads.signal, startTime, endTime, onPage).then(
        () => {
          done[i] = true;
          notify();
        },
        (error: unknown) => {
          failure ??= { error };
          notify();
        },
      );
    });
    try {
      for (;;) {
        if (!arrived) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
        arrived = false;
        if (failure) {
          throw signal.aborted ? abortError() : failure.error;
        }
        // Read before handing out: a read that ends while the batch is out leaves its events for the next turn.
        const finished = done.every(Boolean);
        let watermark = Infinity;
        for (let i = 0; i < states.length; i++) {
          if (!done[i]) {
            watermark = Math.min(watermark, reached[i]);
          }
        }
        const ready = pending.map((list) => {
          let n = 0;
          while (n < list.length && list[n].timestamp < watermark) {
            n++;
          }
          return n === list.length ? list.splice(0) : list.splice(0, n);
        });
        // Each stream is read once, forward, with tokens that move only after their page was handed on: the
        // batch has nothing to drop. Only its recent end is remembered, for what follows the backfill.
        const batch = mergeByTimestamp(ready);
        this.dedupe.trust(batch);
        if (batch.length > 0) {
          yield { kind: 'events', events: batch };
        }
        if (finished) {
          return;
        }
      }
    } finally {
      signal.removeEventListener('abort', stopReads);
      reads.abort();
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
    return n === 0 ? [] : page.events.slice();
  }

  /** Pages forward from `startTime` (to `endTime`) to the end of the stream. */
  private async readForward(s: StreamState, signal: AbortSignal, startTime?: number, endTime?: number, onPage?: (events: readonly LogEvent[]) => void): Promise<LogEvent[]> {
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
      const events = page.events;
      if (onPage) {
        onPage(events);
      } else {
        for (const e of events) {
          out.push(e);
        }
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
            filterPattern: this.filter as string,
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
    if (this.filter) {
      yield* this.roundFiltered(signal);
      return;
    }
    // A stream far behind (a burst, a host that wrote a lot at once) is read in several batches: each stays
    // small enough to format and append without holding up the extension host.
    for (let more = true; more; ) {
      const wasBackingOff = this.failures > 0;
      const states = [...this.streams.values()];
      const results = await Promise.all(states.map((s) => this.followStream(s, signal)));
      const merged = mergeByTimestamp(results.map((r) => r.events));
      const failed = results.find((r) => r.failed);
      // One back-off step a round however many streams failed: a 30-host job must not wait 30 steps.
      if (failed) {
        this.onFailure(failed.error);
      } else {
        this.failures = 0;
      }
      more = results.some((r) => r.more);
      yield* this.endRound(this.dedupe.fresh(merged), wasBackingOff, signal);
    }
  }

  /** Delivers a round's new events and a change of back-off state; stops the round when aborted. */
  private *endRound(fresh: LogEvent[], wasBackingOff: boolean, signal: AbortSignal): Generator<TailUpdate> {
    if (fresh.length > 0) {
      yield { kind: 'events', events: fresh };
    }
    if (wasBackingOff !== this.failures > 0) {
      yield { kind: 'backoff', backingOff: this.failures > 0 };
    }
    yield* this.signInNotices();
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
          filterPattern: this.filter as string,
          startTime,
          ...(sent ? { nextToken: sent } : {}),
        },
        signal,
      ),
    );
  }

  /** Reads a stream from its token to the end. On a failure keeps what was read and the token it reached. */
  private async followStream(s: StreamState, signal: AbortSignal): Promise<{ events: LogEvent[]; failed: boolean; more?: boolean; error?: unknown }> {
    const events: LogEvent[] = [];
    try {
      for (let pages = 0; ; pages++) {
        if (pages === FOLLOW_PAGES_PER_BATCH) {
          return { events, failed: false, more: true };
        }
        const sent = s.token;
        const page = await this.send(signal, 'getEvents', () =>
          this.source.getEvents(
            { logGroupName: this.spec.query.logGroupName, logStreamName: s.name, startFromHead: true, ...(sent ? { nextToken: sent } : {}) },
            signal,
          ),
        );
        for (const e of page.events) {
          events.push(e);
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
      if (kind === 'cancelled' || kind === 'fatal') {
        throw e;
      }
      return { events, failed: true, error: e };
    }
  }

  /** Appends new SecondaryStatus transitions; true when the job has ended. */
  private async *checkJob(signal: AbortSignal, first: boolean): AsyncGenerator<TailUpdate, boolean> {
    const name = this.spec.trainingJobName as string;
    this.lastStatus = this.clock.now();
    let job: TrainingJobState;
    try {
      job = await this.send(signal, 'trainingJob', () => this.source.trainingJob(name, signal));
    } catch (e) {
      if (this.source.classify(e) !== 'notFound') {
        throw e;
      }
      // Deleted (or the profile now points elsewhere): its logs stay in CloudWatch, and the tail ends after a last read.
      this.jobGone = true;
      yield { kind: 'status', text: `Training job ${name} no longer exists; CloudWatch keeps its logs`, at: this.clock.now() };
      return true;
    }
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
