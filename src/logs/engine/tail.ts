/**
 * The tail engine, free of the SDK and of VS Code: backfill (last N lines, from a time, or a fixed window), then
 * follow with Live Tail or by polling (GetLogEvents forward tokens; FilterLogEvents with a filter pattern).
 * Every read goes through the tail's positions (./positions.ts): what is not the target's, or at or behind a
 * stream's position, is dropped; every hand-over continues from the positions. A throttled, failed or reset
 * request is asked again from the same position: nothing lost, nothing twice, whatever the service does.
 */
import { FILTER_LOG_EVENTS_COST, abortError, backoffDelayMs, type Clock, type RequestBudget } from './budget';
import { mergeByTimestamp, newestOf, type LogEvent, type StreamQuery } from './events';
import { Positions, inTarget, type StreamPosition } from './positions';

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
  readonly nextBackwardToken?: string;
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
 * tail says so meanwhile. `invalidToken`: the service no longer knows a token it gave (it restarted): the
 * stream is read on by time from its position.
 */
export type FailureKind = 'throttled' | 'transient' | 'signIn' | 'notFound' | 'cancelled' | 'unsupported' | 'invalidToken' | 'fatal';

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
  /** After a Live Tail session ended early, the first wait before a new one (doubling each time; default 15 s). */
  readonly liveRetryMs?: number;
}

export type TailUpdate =
  | { readonly kind: 'events'; readonly events: readonly LogEvent[] }
  | { readonly kind: 'status'; readonly text: string; readonly at: number }
  | { readonly kind: 'notice'; readonly text: string }
  | { readonly kind: 'backoff'; readonly backingOff: boolean }
  | { readonly kind: 'mode'; readonly mode: 'liveTail' | 'polling'; readonly sampled?: boolean }
  /** The filter pattern changed while following; it applies to events from `from` on. */
  | { readonly kind: 'filter'; readonly filterPattern: string | undefined; readonly from: number }
  /** For the diagnostics channel, not the tail's own: the service misbehaved, and what the tail did about it. */
  | { readonly kind: 'diagnostic'; readonly text: string }
  | { readonly kind: 'ended'; readonly reason: string };

const PAGE_LIMIT = 10_000;
/** FilterLogEvents selects by event time, and events can be ingested a little late: each poll looks back this far. */
const FILTER_LOOKBACK_MS = 60_000;
/** How far back a filtered tail looks for its last N matching lines when no start time is given. */
const FILTER_BACKFILL_MS = 24 * 3600_000;
const FILTER_MAX_PAGES = 50;
/** Pages of one stream in one batch of a follow round (up to 50,000 events); a round reads on in further batches. */
const FOLLOW_PAGES_PER_BATCH = 5;
/** A page that comes back with the token it was asked with is asked again at most this often in a row. */
const MAX_SAME_TOKEN = 3;
/** Empty pages with a new token are read past (the service may return them before the end), at most this many. */
const MAX_EMPTY_PAGES = 100;
/** After a Live Tail session ended early or sampled, polling until a new one is tried: 15 s, doubling to 10 min. */
const LIVE_RETRY_BASE_MS = 15_000;
const LIVE_RETRY_MAX_MS = 10 * 60_000;
/** A session that lasted this long ended normally: the next retry starts from the base delay again. */
const LIVE_HEALTHY_MS = 5 * 60_000;

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

/** How a Live Tail session ended, and what comes next. */
type LiveOutcome = 'ended' | 'filterChanged' | 'unwatched' | 'refused' | 'lost' | 'renew' | 'signIn';

export class PollingTail {
  /** Where the channel is complete in each stream of the target: every read continues from here. */
  private readonly positions: Positions;
  private failures = 0;
  private lastDiscovery = 0;
  private lastStatus = 0;
  private seenTransitions = 0;
  private lastSecondary: string | undefined;
  /** Requests sent, by operation (for the status bar and the benchmark). */
  readonly requests = { getEvents: 0, listStreams: 0, trainingJob: 0, filterEvents: 0 };
  /** Filtered polling: the newest event time seen (the next read looks back a little from there). */
  private filteredSince: number | undefined;
  /** Filtered polling after a last-N backfill: older matches were left out on purpose, so the look-back skips them. */
  private filteredFloor: number | undefined;
  /** The filter pattern in effect; `setFilterPattern` changes it while the tail runs. */
  private filter: string | undefined;
  private pendingFilter: { readonly pattern: string | undefined } | undefined;
  /** Cuts short the wait between polls, or the Live Tail session, so that a new filter applies at once. */
  private wake: (() => void) | undefined;
  /** The newest event time delivered: a changed filter applies from here. */
  private newest: number | undefined;
  /** Someone can see the tail's output: Live Tail sessions (billed by the minute) only run while they can. */
  private watched = true;
  /** The last failure that made the tail back off, and whether the tail said it waits for a new sign-in. */
  private lastFailure: { readonly kind: FailureKind; readonly text: string } | undefined;
  private waitingForSignIn = false;
  /** DescribeTrainingJob no longer finds the job. */
  private jobGone = false;
  /** Live Tail sessions that ended early in a row, and when the next may start. */
  private liveLosses = 0;
  private liveRetryAt = 0;
  /** Events outside the target already reported to the diagnostics channel. */
  private foreignReported = false;

  constructor(
    private readonly source: LogSource,
    private readonly spec: TailSpec,
    private readonly budget: RequestBudget,
    private readonly clock: Clock,
  ) {
    this.filter = spec.filterPattern || undefined;
    this.positions = new Positions(spec.query);
  }

  /** The filter pattern in effect (or about to be). */
  get filterPattern(): string | undefined {
    return this.pendingFilter ? this.pendingFilter.pattern : this.filter;
  }

  /** What the service sent that the tail did not show: events outside the target, and repeats. */
  get dropped(): { readonly foreign: number; readonly repeats: number } {
    return { foreign: this.positions.foreign, repeats: this.positions.repeats };
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
      if (!this.foreignReported && this.positions.foreign > 0) {
        this.foreignReported = true;
        const q = this.spec.query;
        const target = `${q.logGroupName}${q.logStreamName ? ` stream ${q.logStreamName}` : q.prefix ? ` streams ${q.prefix}*` : ''}`;
        yield { kind: 'diagnostic', text: `The service sent ${this.positions.foreign} events outside ${target} (another log group or stream); they are not shown, and later ones are left out the same way.` };
      }
    }
  }

  /** Live Tail may start now: wanted, offered, not refused for good, watched, not waiting for a sign-in or a retry. */
  private liveDue(): boolean {
    return this.spec.liveTail === true && this.source.liveTail !== undefined && this.liveRetryAt !== Infinity && this.watched && !this.waitingForSignIn && this.clock.now() >= this.liveRetryAt;
  }

  private async *tail(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    const q = this.spec.query;
    await this.discover(signal);
    if (this.targetStreams().length === 0 && !q.logStreamName) {
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
    let polling = false;
    for (;;) {
      if (this.liveDue()) {
        yield* this.applyFilterChange();
        polling = false;
        const started = this.clock.now();
        const outcome = yield* this.followLive(signal);
        if (outcome === 'ended') {
          return;
        }
        // A Live Tail session keeps its filter: a new one needs a new session. A session lasts 3 hours at most:
        // a new one follows on. Either way the new session's first read continues from the positions.
        if (outcome === 'filterChanged' || outcome === 'renew') {
          continue;
        }
        if (outcome === 'refused') {
          this.liveRetryAt = Infinity;
        } else if (outcome === 'lost') {
          this.liveLosses = this.clock.now() - started >= LIVE_HEALTHY_MS ? 1 : this.liveLosses + 1;
          this.liveRetryAt = this.clock.now() + backoffDelayMs(this.liveLosses, this.spec.liveRetryMs ?? LIVE_RETRY_BASE_MS, LIVE_RETRY_MAX_MS);
        } else if (outcome === 'unwatched') {
          yield { kind: 'notice', text: `Nobody is watching: Live Tail paused, polling every ${this.unwatchedPollMs() / 1000} s until the channel is shown again.` };
        }
        // After 'signIn': polling (backing off) until the credentials are valid again, then Live Tail again.
      }
      if (!polling) {
        polling = true;
        yield { kind: 'mode', mode: 'polling' };
      }
      const interval = this.spec.liveTail && !this.watched ? this.unwatchedPollMs() : this.spec.pollIntervalMs;
      const delay = this.failures > 0 ? backoffDelayMs(this.failures, interval, 30_000) : interval;
      await this.pause(delay, signal);
      if (this.liveDue()) {
        // Shown again, or time to try Live Tail again: its first read covers the time since the last poll.
        continue;
      }
      yield* this.applyFilterChange();
      if (this.clock.now() - this.lastDiscovery >= (this.spec.discoverIntervalMs ?? 10_000)) {
        await this.discover(signal).catch((e) => this.onFailure(e));
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
          await this.discover(signal).catch((e) => this.onFailure(e));
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
   * Applies a pending filter change. From no filter to a pattern, every stream goes on from its position: each
   * was complete there, so nothing is lost or repeated. From a pattern, the positions are those of the lines it
   * matched: the change applies from the newest line shown, and no stream shows anything older (the channel
   * says so). A pattern is read with FilterLogEvents from there; no pattern, by time from each position.
   */
  private *applyFilterChange(): Generator<TailUpdate> {
    const change = this.pendingFilter;
    this.pendingFilter = undefined;
    if (!change || change.pattern === this.filter) {
      return;
    }
    const from = this.newest ?? this.clock.now();
    const wasFiltered = this.filter !== undefined;
    this.filter = change.pattern;
    yield { kind: 'filter', filterPattern: change.pattern, from };
    if (wasFiltered) {
      this.positions.raiseTo(from);
    }
    this.filteredSince = change.pattern ? from : undefined;
    this.filteredFloor = change.pattern && wasFiltered ? from : undefined;
  }

  /** The streams of the target known so far, and still there. */
  private targetStreams(): [string, StreamPosition][] {
    return [...this.positions.streams()].filter(([, p]) => !p.gone);
  }

  /**
   * Follows with Live Tail until the job ends, the filter changes (a new session is needed), nobody watches,
   * or the session is refused, ends or samples (poll on, from the positions).
   * A polling round right after the session starts covers what arrived since the last read; the positions drop
   * what both that round and the session deliver.
   */
  private async *followLive(signal: AbortSignal): AsyncGenerator<TailUpdate, LiveOutcome> {
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
      if (kind === 'transient' || kind === 'throttled') {
        yield { kind: 'notice', text: `Live Tail could not start (${why}); polling every ${this.spec.pollIntervalMs / 1000} s meanwhile.` };
        return 'lost';
      }
      yield { kind: 'notice', text: `Live Tail is not available (${why}); polling every ${this.spec.pollIntervalMs / 1000} s instead.` };
      return 'refused';
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
          yield { kind: 'notice', text: 'The Live Tail session ended; polling from the last line shown.' };
          return 'lost';
        }
        const update = winner.r.value;
        next = iterator.next();
        if (update.sampled) {
          // A sample leaves lines out: nothing of it is shown; polling reads every line, in order, from the positions.
          yield { kind: 'mode', mode: 'liveTail', sampled: true };
          yield { kind: 'notice', text: 'Live Tail is sampling (more than 500 lines a second); polling instead so that every line shows.' };
          return 'lost';
        }
        const fresh = mergeByTimestamp(this.positions.admitMixed(update.events));
        if (fresh.length > 0) {
          yield { kind: 'events', events: fresh };
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
      yield { kind: 'notice', text: `The Live Tail session stopped (${why}); polling from the last line shown.` };
      return 'lost';
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
    if (kind === 'cancelled' || kind === 'fatal' || kind === 'invalidToken') {
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

  /**
   * Finds the target's streams. A stream seen for the first time has no position: it is read from its head (all
   * of it is new). Only the target's streams count, whatever the service lists.
   */
  private async discover(signal: AbortSignal): Promise<void> {
    const q = this.spec.query;
    this.lastDiscovery = this.clock.now();
    if (q.logStreamName) {
      this.positions.get(q.logStreamName);
      return;
    }
    const found = await this.send(signal, 'listStreams', () => this.source.listStreams(q.logGroupName, q.prefix, signal));
    for (const s of found) {
      if (inTarget(q, s.logStreamName)) {
        this.positions.get(s.logStreamName).gone = false;
      }
    }
  }

  private async *backfill(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    if (this.filter) {
      yield* this.backfillFiltered(signal);
      return;
    }
    const { startTime, endTime, backfillLines } = this.spec;
    const names = this.targetStreams().map(([name]) => name);
    if (startTime !== undefined || endTime !== undefined) {
      yield* this.backfillForward(names, signal, startTime, endTime);
      return;
    }
    const n = Math.max(0, backfillLines);
    let merged = mergeByTimestamp(await this.readLastAll(names, n, signal));
    if (merged.length > n) {
      merged = merged.slice(merged.length - n);
    }
    if (merged.length > 0) {
      yield { kind: 'events', events: merged };
    }
  }

  /**
   * The last `n` lines over all streams. Each stream is read backward, page by page, until it holds `n` lines,
   * reaches its start, or can add nothing newer than the `n` newest lines read over all streams. Every
   * stream's position goes to its newest line and its token to right after it, where following starts.
   */
  private async readLastAll(names: readonly string[], n: number, signal: AbortSignal): Promise<(readonly LogEvent[])[]> {
    const group = this.spec.query.logGroupName;
    const reads = names.map((name) => ({ name, pages: [] as (readonly LogEvent[])[], count: 0, oldest: Infinity, back: undefined as string | undefined, open: true, read: 0 }));
    const maxPages = MAX_EMPTY_PAGES + Math.ceil(n / 1000);
    const readPage = async (r: (typeof reads)[number]): Promise<void> => {
      const sent = r.back;
      const page = await this.retrying(signal, () =>
        this.source.getEvents({ logGroupName: group, logStreamName: r.name, startFromHead: false, ...(sent ? { nextToken: sent } : {}), limit: Math.max(1, Math.min(n - r.count, PAGE_LIMIT)) }, signal),
      );
      r.read++;
      if (page === undefined) {
        r.open = false;
        return;
      }
      if (sent === undefined) {
        this.positions.get(r.name).token = page.nextForwardToken;
      }
      // A page is older than the one before; what is not (a service that pages back over itself) was read already.
      const events = r.oldest === Infinity ? page.events : page.events.filter((e) => e.timestamp <= r.oldest);
      if (n > 0 && events.length > 0) {
        r.pages.push(events);
        r.count += events.length;
        r.oldest = events[0].timestamp;
      }
      const token = page.nextBackwardToken;
      if (n === 0 || !token || token === sent || r.count >= n || r.read >= maxPages) {
        r.open = false;
      } else {
        r.back = token;
      }
    };
    await Promise.all(reads.map(readPage));
    for (;;) {
      const total = reads.reduce((sum, r) => sum + r.count, 0);
      if (total >= n && reads.some((r) => r.open)) {
        // The n-th newest line read so far: a stream whose oldest line read is older can add nothing newer.
        const times = new Float64Array(total);
        let k = 0;
        for (const r of reads) {
          for (const page of r.pages) {
            for (const e of page) {
              times[k++] = e.timestamp;
            }
          }
        }
        times.sort();
        const threshold = times[total - n];
        for (const r of reads) {
          if (r.oldest < threshold) {
            r.open = false;
          }
        }
      }
      const open = reads.filter((r) => r.open);
      if (open.length === 0) {
        break;
      }
      await Promise.all(open.map(readPage));
    }
    return reads.map((r) => {
      const list = r.pages.length <= 1 ? (r.pages[0] ?? []) : ([] as LogEvent[]).concat(...r.pages.reverse());
      return this.positions.admitStream(r.name, list);
    });
  }

  /**
   * Reads every stream forward at once and hands out merged batches while the reads go on, so the channel
   * formats one batch while the next pages are on the wire. An event goes out once every stream still
   * being read has reached a later time: the order is the same as one merge at the end.
   */
  private async *backfillForward(names: readonly string[], signal: AbortSignal, startTime?: number, endTime?: number): AsyncGenerator<TailUpdate> {
    const reads = new AbortController();
    const stopReads = () => reads.abort();
    signal.addEventListener('abort', stopReads, { once: true });
    const pending = names.map((): LogEvent[] => []);
    const reached = names.map(() => -Infinity);
    const done = names.map(() => false);
    let failure: { error: unknown } | undefined;
    let arrived = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      arrived = true;
      wake?.();
    };
    names.forEach((name, i) => {
      const onPage = (events: readonly LogEvent[]) => {
        // One copy of the page (concat), not a push per event: a backfill hands over 10,000 events a page.
        pending[i] = pending[i].concat(events);
        if (events.length > 0) {
          reached[i] = Math.max(reached[i], events[events.length - 1].timestamp);
        }
        notify();
      };
      this.readForward(name, reads.signal, startTime, endTime, onPage).then(
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
        for (let i = 0; i < names.length; i++) {
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
        const batch = mergeByTimestamp(ready);
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

  /**
   * Pages a stream forward from `startTime` (to `endTime`) to its end, each page through the stream's position.
   * Empty pages with a new token are read past; a page that comes back with the token it was asked with is
   * asked again (its lines come once). Without `endTime`, the stream's token is left at its end.
   */
  private async readForward(name: string, signal: AbortSignal, startTime: number | undefined, endTime: number | undefined, onPage: (events: readonly LogEvent[]) => void): Promise<void> {
    let token: string | undefined;
    let same = 0;
    let empty = 0;
    for (;;) {
      const sent = token;
      const page = await this.retrying(signal, () =>
        this.source.getEvents(
          {
            logGroupName: this.spec.query.logGroupName,
            logStreamName: name,
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
      const kept = this.positions.admitStream(name, page.events);
      if (kept.length > 0) {
        onPage(kept);
      }
      const next = page.nextForwardToken;
      if (!next) {
        break;
      }
      if (next === sent) {
        // The end (nothing came), or a service that did not move on: asked again, a few times at most.
        if (page.events.length === 0 || ++same > MAX_SAME_TOKEN) {
          break;
        }
        continue;
      }
      same = 0;
      if (page.events.length === 0 && ++empty > MAX_EMPTY_PAGES) {
        break;
      }
      token = next;
    }
    if (endTime === undefined && token !== undefined) {
      this.positions.get(name).token = token;
    }
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
        if (kind === 'cancelled' || kind === 'fatal' || kind === 'invalidToken') {
          throw e;
        }
        if (kind === 'throttled') {
          this.budget.throttled();
        }
        await this.clock.sleep(backoffDelayMs(attempt, 250, 10_000), signal);
      }
    }
  }

  /** The events of a FilterLogEvents page that are the target's (a service may ignore the stream prefix). */
  private targetsOf(events: readonly LogEvent[]): readonly LogEvent[] {
    const q = this.spec.query;
    let out: LogEvent[] | undefined;
    for (let i = 0; i < events.length; i++) {
      if (!inTarget(q, events[i].logStreamName)) {
        out ??= events.slice(0, i);
        this.positions.foreign++;
      } else {
        out?.push(events[i]);
      }
    }
    return out ?? events;
  }

  /** FilterLogEvents pages (interleaved by the service) from `startTime`; on a failure, retried from the same page. */
  private async readFiltered(signal: AbortSignal, startTime: number | undefined, endTime: number | undefined, keepLast?: number): Promise<LogEvent[]> {
    let out: LogEvent[] = [];
    let nextToken: string | undefined;
    for (let pages = 0; pages < FILTER_MAX_PAGES; pages++) {
      const sent = nextToken;
      const page = await this.retryingAs(signal, 'filterEvents', () => this.filterPage(signal, startTime, endTime, sent));
      if (page === undefined) {
        break;
      }
      out.push(...this.targetsOf(page.events));
      if (keepLast !== undefined && out.length > keepLast * 2) {
        out = out.slice(out.length - keepLast);
      }
      nextToken = page.nextToken;
      if (!nextToken || nextToken === sent) {
        break;
      }
    }
    return keepLast !== undefined && out.length > keepLast ? out.slice(out.length - keepLast) : out;
  }

  private async *backfillFiltered(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    const { startTime, endTime, backfillLines } = this.spec;
    const windowed = startTime !== undefined || endTime !== undefined;
    const from = startTime ?? (windowed ? undefined : this.clock.now() - FILTER_BACKFILL_MS);
    let events = mergeByTimestamp(this.positions.admitMixed(await this.readFiltered(signal, from, endTime, windowed ? undefined : backfillLines + 1)));
    if (!windowed && events.length > backfillLines) {
      events = events.slice(events.length - backfillLines);
      this.filteredFloor = events[0]?.timestamp ?? Number.MAX_SAFE_INTEGER;
    }
    this.filteredSince = events.reduce((t, e) => Math.max(t, e.timestamp), this.clock.now() - FILTER_LOOKBACK_MS);
    if (events.length > 0) {
      yield { kind: 'events', events };
    }
  }

  /** One follow round: every stream from its position to its end; one merged batch. */
  private async *round(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    if (this.filter) {
      yield* this.roundFiltered(signal);
      return;
    }
    // A stream far behind (a burst, a host that wrote a lot at once) is read in several batches: each stays
    // small enough to format and append without holding up the extension host.
    for (let more = true; more; ) {
      const wasBackingOff = this.failures > 0;
      const names = this.targetStreams().map(([name]) => name);
      const results = await Promise.all(names.map((name) => this.followStream(name, signal)));
      const merged = mergeByTimestamp(results.map((r) => r.events));
      const failed = results.find((r) => r.failed);
      // One back-off step a round however many streams failed: a 30-host job must not wait 30 steps.
      if (failed) {
        this.onFailure(failed.error);
      } else {
        this.failures = 0;
      }
      more = results.some((r) => r.more);
      yield* this.endRound(merged, wasBackingOff, signal);
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
    const since = Math.max(this.filteredSince ?? -Infinity, this.newest ?? -Infinity);
    const { events, failure } = await this.readFilteredOnce(signal, (since === -Infinity ? this.clock.now() : since) - FILTER_LOOKBACK_MS);
    if (failure === undefined) {
      this.failures = 0;
    } else {
      this.onFailure(failure);
    }
    for (const e of events) {
      this.filteredSince = Math.max(this.filteredSince ?? 0, e.timestamp);
    }
    yield* this.endRound(mergeByTimestamp(this.positions.admitMixed(events, this.filteredFloor)), wasBackingOff, signal);
  }

  /** Like readFiltered, but a failure ends the round with the pages read so far; the next round asks again. */
  private async readFilteredOnce(signal: AbortSignal, startTime: number): Promise<{ events: LogEvent[]; failure?: unknown }> {
    const out: LogEvent[] = [];
    let nextToken: string | undefined;
    for (let pages = 0; pages < FILTER_MAX_PAGES; pages++) {
      const sent = nextToken;
      const page = await this.send(signal, 'filterEvents', () => this.filterPage(signal, startTime, undefined, sent)).catch((failure: unknown) => ({ failure }));
      if ('failure' in page) {
        return { events: out, failure: page.failure };
      }
      out.push(...this.targetsOf(page.events));
      nextToken = page.nextToken;
      if (!nextToken || nextToken === sent) {
        break;
      }
    }
    return { events: out };
  }

  private filterPage(signal: AbortSignal, startTime: number | undefined, endTime: number | undefined, sent: string | undefined): Promise<FilterEventsPage> {
    const q = this.spec.query;
    return this.source.filterEvents(
      {
        logGroupName: q.logGroupName,
        ...(q.logStreamName ? { logStreamNames: [q.logStreamName] } : q.prefix ? { logStreamNamePrefix: q.prefix } : {}),
        filterPattern: this.filter as string,
        ...(startTime !== undefined ? { startTime } : {}),
        ...(endTime !== undefined ? { endTime } : {}),
        ...(sent ? { nextToken: sent } : {}),
      },
      signal,
    );
  }

  /**
   * Reads a stream from its position to the end: from its token, or by time from its last line (a new stream:
   * from its head). On a failure keeps what was read and the position it reached.
   */
  private async followStream(name: string, signal: AbortSignal): Promise<{ events: LogEvent[]; failed: boolean; more?: boolean; error?: unknown }> {
    const p = this.positions.get(name);
    const events: LogEvent[] = [];
    try {
      for (let pages = 0; ; pages++) {
        if (pages === FOLLOW_PAGES_PER_BATCH) {
          return { events, failed: false, more: true };
        }
        const sent = p.token;
        const from = sent === undefined && p.lastTs > -Infinity ? p.lastTs : undefined;
        const page = await this.send(signal, 'getEvents', () =>
          this.source.getEvents(
            { logGroupName: this.spec.query.logGroupName, logStreamName: name, startFromHead: true, ...(sent ? { nextToken: sent } : {}), ...(from !== undefined ? { startTime: from } : {}) },
            signal,
          ),
        );
        const kept = this.positions.admitStream(name, page.events);
        for (const e of kept) {
          events.push(e);
        }
        if (page.nextForwardToken) {
          p.token = page.nextForwardToken;
        }
        // One request per stream and poll unless the page was big: then there is probably more right now.
        if (page.events.length === 0 || page.nextForwardToken === sent || !looksFull(page)) {
          break;
        }
      }
      return { events, failed: false };
    } catch (e) {
      const kind = this.source.classify(e);
      if (kind === 'notFound') {
        // Listed again by a later discovery, it goes on from its position.
        p.gone = true;
        return { events, failed: false };
      }
      if (kind === 'invalidToken' && p.token !== undefined) {
        // A token the service no longer knows (it restarted, or it expired): on by time from the last line.
        p.token = undefined;
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
