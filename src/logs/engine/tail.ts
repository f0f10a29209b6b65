/**
 * The tail engine's state machine, free of the SDK and of VS Code: backfill (last N lines, from a time, or a
 * fixed window), then follow with Live Tail or by polling (GetLogEvents forward tokens; FilterLogEvents with a
 * filter pattern). Every read goes through the tail's positions (./positions.ts): what is not the target's, or
 * at or behind a stream's position, is dropped; every hand-over (Live Tail ↔ polling, a filter change, hidden →
 * shown, a new sign-in, a renewal) continues from the positions. A throttled, failed or reset request is asked
 * again from the same position: nothing lost, nothing twice, whatever the service does.
 *
 * The phases: backfill.ts, follow.ts (polling rounds), filtered.ts (FilterLogEvents), liveTail.ts, jobStatus.ts;
 * what they share: context.ts.
 */
import type { LogSource } from '../../shared/logs/source';
import { backfill } from './backfill';
import { backoffDelayMs, type Clock, type RequestBudget } from './budget';
import { TailContext, backoff, type Requests } from './context';
import { newestOf } from './events';
import { round } from './follow';
import { JobStatus } from './jobStatus';
import { followLive, type LiveControl } from './liveTail';
import { usesMergedRounds } from './merged';
import type { TailSpec, TailUpdate } from './spec';

/** After a Live Tail session ended early or sampled, polling until a new one is tried: 15 s, doubling to 10 min. */
const LIVE_RETRY_BASE_MS = 15_000;
const LIVE_RETRY_MAX_MS = 10 * 60_000;
/** A session that lasted this long ended normally: the next retry starts from the base delay again. */
const LIVE_HEALTHY_MS = 5 * 60_000;
/**
 * Merged polling (merged.ts): a round every 1.1 × the polling interval (1.1 s by default), a new-stream listing
 * and a sweep a minute — under 60 CloudWatch Logs requests a minute however many hosts. Idle (nobody looks, or no
 * line for 30 s): a round every 6 s, the listing and the sweep each a minute — 12 a minute, what
 * `aws logs tail --follow` costs.
 */
const FILTER_ROUND_FACTOR = 1.1;
const MERGED_DISCOVER_MS = 60_000;
const IDLE_AFTER_MS = 30_000;
const IDLE_POLL_MS = 6000;
/** Finishing: complete rounds until one finds nothing new (or fails), at most this many. */
const FINAL_ROUNDS = 6;

export class PollingTail {
  private readonly ctx: TailContext;
  private readonly job: JobStatus | undefined;
  private pendingFilter: { readonly pattern: string | undefined } | undefined;
  /** Cuts short the wait between polls, or the Live Tail session, so that a change applies at once. */
  private wake: (() => void) | undefined;
  /** Someone can see the tail's output: Live Tail sessions (billed by the minute) only run while they can. */
  private watched = true;
  /** The channel is in sight now (polling slows down at once when it is not). */
  private inSight = true;
  /** When the last line arrived (clock time), and whether polling is slowed down. */
  private lastLineAt: number;
  private idle = false;
  /** Live Tail sessions that ended early in a row, and when the next may start (∞: refused for good). */
  private liveLosses = 0;
  private liveRetryAt = 0;
  /** Events outside the target already reported to the diagnostics channel. */
  private foreignReported = false;
  /** Asked to end after reading what is there now (another reader takes over). */
  private finishing = false;
  private readonly live: LiveControl = {
    filterPending: () => this.pendingFilter !== undefined,
    watched: () => this.watched,
    onWake: (wake) => (this.wake = wake),
  };

  constructor(source: LogSource, spec: TailSpec, budget: RequestBudget, clock: Clock) {
    this.ctx = new TailContext(source, spec, budget, clock);
    this.job = spec.trainingJobName ? new JobStatus(spec.trainingJobName) : spec.job ? new JobStatus(spec.job.name, spec.job.kind) : undefined;
    this.lastLineAt = clock.now();
  }

  /** Requests sent, by operation (for the status bar and the benchmark). */
  get requests(): Readonly<Requests> {
    return this.ctx.requests;
  }

  /** The filter pattern in effect (or about to be). */
  get filterPattern(): string | undefined {
    return this.pendingFilter ? this.pendingFilter.pattern : this.ctx.filter;
  }

  /** What the service sent that the tail did not show: events outside the target, and repeats. */
  get dropped(): { readonly foreign: number; readonly repeats: number } {
    return { foreign: this.ctx.positions.foreign, repeats: this.ctx.positions.repeats };
  }

  /**
   * Changes the service-side filter of a running tail (empty: none). It applies from the newest event
   * already shown: nothing older is added, nothing shown is repeated.
   */
  setFilterPattern(pattern: string | undefined): void {
    this.pendingFilter = { pattern: pattern?.trim() || undefined };
    this.wake?.();
  }

  /** Whether the channel is in sight: out of sight, polling slows to the idle pace at once; back, full speed. */
  setInSight(inSight: boolean): void {
    if (this.inSight !== inSight) {
      this.inSight = inSight;
      if (inSight) {
        // Shown again: full speed for a while, even if no line came lately.
        this.lastLineAt = this.ctx.clock.now();
      }
      this.wake?.();
    }
  }

  /** Nobody watches: a Live Tail session ends and slower polling takes over until someone watches again. */
  setWatched(watched: boolean): void {
    if (this.watched !== watched) {
      this.watched = watched;
      this.wake?.();
    }
  }

  /**
   * Ends after one complete round (every stream read to its end, new streams included) once the backfill is read:
   * nothing written before the call is left unread. Polling only (a Live Tail session is not cut short).
   */
  finish(): void {
    if (!this.finishing) {
      this.finishing = true;
      this.wake?.();
    }
  }

  async *run(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    const ctx = this.ctx;
    for await (const u of this.tail(signal)) {
      if (u.kind === 'events' && u.events.length > 0) {
        ctx.newest = Math.max(ctx.newest ?? -Infinity, newestOf(u.events));
        this.lastLineAt = ctx.clock.now();
      }
      yield u;
      if (!this.foreignReported && ctx.positions.foreign > 0) {
        this.foreignReported = true;
        const q = ctx.spec.query;
        const target = `${q.logGroupName}${q.logStreamName ? ` stream ${q.logStreamName}` : q.prefix ? ` streams ${q.prefix}*` : ''}`;
        yield { kind: 'diagnostic', text: `The service sent ${ctx.positions.foreign} events outside ${target} (another log group or stream); they are not shown, and later ones are left out the same way.` };
      }
    }
  }

  /** Live Tail may start now: wanted, offered, not refused for good, watched, not waiting for a sign-in or a retry. */
  private liveDue(): boolean {
    const ctx = this.ctx;
    return ctx.spec.liveTail === true && ctx.source.liveTail !== undefined && this.liveRetryAt !== Infinity && this.watched && !ctx.waitingForSignIn && ctx.clock.now() >= this.liveRetryAt;
  }

  private async *tail(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    const ctx = this.ctx;
    const { spec, clock } = ctx;
    const q = spec.query;
    await ctx.discover(signal);
    if (ctx.targetStreams().length === 0 && !q.logStreamName) {
      yield { kind: 'notice', text: `No log streams under ${q.logGroupName}${q.prefix ? ` starting with ${q.prefix}` : ''} yet.${spec.follow ? ' Waiting for them.' : ''}` };
    }
    yield* backfill(ctx, signal);
    if (!spec.follow || spec.endTime !== undefined) {
      yield { kind: 'ended', reason: 'window read' };
      return;
    }
    const job = this.job;
    if (job && (yield* job.check(ctx, signal, true))) {
      yield* round(ctx, signal, true);
      yield { kind: 'ended', reason: job.endReason };
      return;
    }
    let polling = false;
    for (;;) {
      if (this.finishing) {
        yield* this.finalRound(signal);
        yield { kind: 'ended', reason: 'handed over' };
        return;
      }
      if (this.liveDue()) {
        yield* this.applyFilterChange();
        polling = false;
        const started = clock.now();
        const outcome = yield* followLive(ctx, job, this.live, signal);
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
          this.liveLosses = clock.now() - started >= LIVE_HEALTHY_MS ? 1 : this.liveLosses + 1;
          this.liveRetryAt = clock.now() + backoffDelayMs(this.liveLosses, spec.liveRetryMs ?? LIVE_RETRY_BASE_MS, LIVE_RETRY_MAX_MS);
        } else if (outcome === 'unwatched') {
          yield { kind: 'notice', text: `Nobody is watching: Live Tail paused, polling every ${this.unwatchedPollMs() / 1000} s until the channel is shown again.` };
        }
        // After 'signIn': polling (backing off) until the credentials are valid again, then Live Tail again.
      }
      if (!polling) {
        polling = true;
        yield { kind: 'mode', mode: 'polling' };
      }
      const interval = yield* this.pace();
      await this.pause(ctx.failures > 0 ? backoff(ctx.failures, interval, this.backoffCapMs()) : interval, signal);
      if (this.finishing || this.liveDue()) {
        // Shown again, or time to try Live Tail again: its first read covers the time since the last poll.
        continue;
      }
      yield* this.applyFilterChange();
      // Merged rounds see new streams' lines themselves: the listing is only a backstop then.
      const discoverMs = Math.max(spec.discoverIntervalMs ?? 10_000, usesMergedRounds(ctx) ? MERGED_DISCOVER_MS : 0);
      if (clock.now() - ctx.lastDiscovery >= discoverMs) {
        await ctx.discover(signal).catch((e) => ctx.onFailure(e));
      }
      yield* round(ctx, signal);
      if (job && clock.now() - job.lastCheck >= (spec.statusIntervalMs ?? 10_000)) {
        let ended = false;
        try {
          ended = yield* job.check(ctx, signal, false);
        } catch (e) {
          ctx.onFailure(e);
        }
        if (ended) {
          // Final flush: streams written in the last moments, then what is left in every stream.
          await ctx.discover(signal).catch((e) => ctx.onFailure(e));
          yield* round(ctx, signal, true);
          yield { kind: 'ended', reason: job.endReason };
          return;
        }
      }
    }
  }

  /**
   * The rounds before finishing: new streams, then every stream to its end, until a round finds nothing new — a
   * service may end a page early (a token that does not move, an empty page), and what it held back must not be
   * left to nobody. A failed round is asked again, backing off. At most a few rounds (a busy job always has new
   * lines: those are the next reader's).
   */
  private async *finalRound(signal: AbortSignal): AsyncGenerator<TailUpdate> {
    const ctx = this.ctx;
    let listed = false;
    for (let attempt = 0; attempt < FINAL_ROUNDS; attempt++) {
      if (!listed) {
        listed = true;
        await ctx.discover(signal).catch((e) => {
          listed = false;
          ctx.onFailure(e);
        });
      }
      let fresh = 0;
      for await (const u of round(ctx, signal, true)) {
        fresh += u.kind === 'events' ? u.events.length : 0;
        yield u;
      }
      if (listed && ctx.failures === 0 && fresh === 0) {
        return;
      }
      if (ctx.failures > 0) {
        await ctx.clock.sleep(backoff(ctx.failures, ctx.spec.pollIntervalMs, this.backoffCapMs()), signal);
      }
    }
  }

  /**
   * The wait before the next poll: the polling interval (FilterLogEvents rounds 10 % longer) while the
   * channel is in sight and lines come, every 6 s (the CLI's pace) once it is out of sight or quiet for 30 s;
   * says when that changes. Every kind of polling slows down, merged, per stream or filtered.
   */
  private *pace(): Generator<TailUpdate, number> {
    const { spec, clock } = this.ctx;
    if (spec.liveTail && !this.watched) {
      return this.unwatchedPollMs();
    }
    // A round of FilterLogEvents (merged, or a filter pattern) 10 % less often: at the default 1 s, a round every
    // 1.1 s, which with the sweep and the listing stays under 60 requests a minute (under 1 TPS of its 5).
    const filterRounds = usesMergedRounds(this.ctx) || this.ctx.filter !== undefined;
    const activeMs = filterRounds ? Math.max(spec.pollIntervalMs, spec.mergedMinIntervalMs ?? Math.round(spec.pollIntervalMs * FILTER_ROUND_FACTOR)) : spec.pollIntervalMs;
    const idleMs = Math.max(activeMs, spec.idlePollIntervalMs ?? IDLE_POLL_MS);
    const idle = !this.inSight || clock.now() - this.lastLineAt >= IDLE_AFTER_MS;
    const intervalMs = idle ? idleMs : activeMs;
    if (idle !== this.idle) {
      this.idle = idle;
      yield { kind: 'pace', idle, intervalMs };
    }
    return intervalMs;
  }

  /**
   * The longest wait between failed rounds. A round of one request (merged, filtered, one stream) backs off to the
   * idle pace at most: slower would not be politer (the shared budget pauses every tail, up to 20 s, while the
   * service throttles), only slower to recover once it stops. A round of a request per stream, to 30 s.
   */
  private backoffCapMs(): number {
    const ctx = this.ctx;
    const oneRequest = usesMergedRounds(ctx) || ctx.filter !== undefined || ctx.targetStreams().length <= 1;
    return oneRequest ? Math.max(ctx.spec.pollIntervalMs, ctx.spec.idlePollIntervalMs ?? IDLE_POLL_MS) : 30_000;
  }

  private unwatchedPollMs(): number {
    const spec = this.ctx.spec;
    return Math.max(spec.pollIntervalMs, spec.unwatchedPollIntervalMs ?? spec.pollIntervalMs);
  }

  /** Waits between polls; a filter change, or a change of who watches, ends the wait early. */
  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pendingFilter || this.finishing) {
      return;
    }
    const watched = this.watched;
    const inSight = this.inSight;
    const wake = new AbortController();
    const onAbort = () => wake.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.wake = () => wake.abort();
    try {
      if (watched === this.watched && inSight === this.inSight) {
        await this.ctx.clock.sleep(ms, wake.signal);
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
    const ctx = this.ctx;
    if (!change || change.pattern === ctx.filter) {
      return;
    }
    const from = ctx.newest ?? ctx.serviceNow();
    const wasFiltered = ctx.filter !== undefined;
    ctx.filter = change.pattern;
    yield { kind: 'filter', filterPattern: change.pattern, from };
    if (wasFiltered) {
      ctx.positions.raiseTo(from);
    }
    ctx.filteredSince = change.pattern ? from : undefined;
    ctx.filteredFloor = change.pattern && wasFiltered ? from : undefined;
  }
}
