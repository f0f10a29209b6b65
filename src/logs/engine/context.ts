/**
 * What every phase of a tail shares: the source, the positions, the filter in effect, the request budget and
 * the failures met. The phases (backfill.ts, follow.ts, filtered.ts, liveTail.ts, jobStatus.ts) are functions of
 * it; tail.ts is the state machine that runs them.
 */
import type { FailureKind } from '../../shared/failures';
import type { LogEvent, LogSource } from '../../shared/logs/source';
import { FILTER_LOG_EVENTS_COST, abortError, backoffDelayMs, type Clock, type RequestBudget } from './budget';
import { inTarget, isSiblingStream } from './events';
import { Positions } from './positions';
import type { TailSpec, TailUpdate } from './spec';

export interface Requests {
  getEvents: number;
  listStreams: number;
  trainingJob: number;
  filterEvents: number;
}

/** Failures no later attempt gets past: the tail fails with them. */
const FATAL = new Set<FailureKind>(['cancelled', 'noCredentials', 'accessDenied', 'noRegion', 'badEndpoint', 'invalidToken', 'other']);

export class TailContext {
  /** Where the channel is complete in each stream of the target: every read continues from here. */
  readonly positions: Positions;
  /** Requests sent, by operation (for the status bar and the benchmark). */
  readonly requests: Requests = { getEvents: 0, listStreams: 0, trainingJob: 0, filterEvents: 0 };
  /** Failed rounds in a row: the wait before the next one grows with them. */
  failures = 0;
  /** The last failure that made the tail back off, and whether the tail said it waits for a new sign-in. */
  private lastFailure: { readonly kind: FailureKind; readonly text: string } | undefined;
  waitingForSignIn = false;
  lastDiscovery = 0;
  /** The filter pattern in effect. */
  filter: string | undefined;
  /** Filtered polling: the newest event time seen (the next read looks back a little from there). */
  filteredSince: number | undefined;
  /** Filtered polling after a last-N backfill: older matches were left out on purpose, so the look-back skips them. */
  filteredFloor: number | undefined;
  /** The newest event time delivered: a changed filter applies from here. */
  newest: number | undefined;
  /** Merged rounds: when a stream was last swept with GetLogEvents, and which one (round robin). */
  lastSweep: number;
  sweepNext = -1;
  /** FilterLogEvents was refused for good (IAM, an emulator without it): polling reads each stream instead. */
  mergedRefused = false;

  constructor(
    readonly source: LogSource,
    readonly spec: TailSpec,
    readonly budget: RequestBudget,
    readonly clock: Clock,
  ) {
    this.filter = spec.filterPattern || undefined;
    this.positions = new Positions(spec.query);
    this.lastSweep = clock.now();
  }

  /** The service's time now: reads "from now" or "the last day" are asked for in it. */
  serviceNow(): number {
    return this.source.serviceNow?.() ?? this.clock.now();
  }

  kind(error: unknown): FailureKind {
    return this.source.classify(error);
  }

  fatal(kind: FailureKind): boolean {
    return FATAL.has(kind);
  }

  async send<T>(signal: AbortSignal, op: keyof Requests, fn: () => Promise<T>): Promise<T> {
    await this.budget.take(signal, op === 'filterEvents' ? FILTER_LOG_EVENTS_COST : 1);
    this.requests[op]++;
    const result = await fn();
    this.budget.succeeded();
    return result;
  }

  /** Runs a read until it succeeds (backing off in between); undefined when the stream or group does not exist. */
  async retrying<T>(signal: AbortSignal, op: keyof Requests, fn: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(signal, op, fn);
      } catch (e) {
        const kind = this.kind(e);
        if (kind === 'notFound') {
          return undefined;
        }
        if (this.fatal(kind)) {
          throw e;
        }
        if (kind === 'throttled') {
          this.budget.throttled();
        }
        await this.clock.sleep(backoff(attempt, 250, 10_000), signal);
      }
    }
  }

  /** Sorts a failed round's failure: rethrows the fatal ones, backs off on the rest. */
  onFailure(e: unknown): void {
    const kind = this.kind(e);
    if (this.fatal(kind)) {
      throw e;
    }
    if (kind === 'throttled') {
      this.budget.throttled();
    }
    this.lastFailure = { kind, text: e instanceof Error ? e.message : String(e) };
    this.failures++;
  }

  /** A Live Tail session refused or ended for expired credentials: polling waits for a new sign-in. */
  *waitForSignIn(e: unknown): Generator<TailUpdate, 'signIn'> {
    this.onFailure(e);
    yield* this.signInNotices();
    return 'signIn';
  }

  /** Says once that the tail waits for a new sign-in, and once that it resumed. */
  *signInNotices(): Generator<TailUpdate> {
    if (this.failures > 0 && this.lastFailure?.kind === 'expiredCredentials' && !this.waitingForSignIn) {
      this.waitingForSignIn = true;
      yield { kind: 'notice', text: `Waiting for a new sign-in: ${this.lastFailure.text.replace(/\.?$/, '.')} The tail resumes where it stopped once the credentials are valid again.` };
    } else if (this.failures === 0 && this.waitingForSignIn) {
      this.waitingForSignIn = false;
      yield { kind: 'notice', text: 'Signed in again: the tail resumed where it stopped.' };
    }
  }

  /** Delivers a round's new events and a change of back-off state; stops the round when aborted. */
  *endRound(fresh: LogEvent[], wasBackingOff: boolean, signal: AbortSignal): Generator<TailUpdate> {
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

  /**
   * Finds the target's streams. A stream seen for the first time has no position: it is read from its head (all
   * of it is new). Only the target's streams count, whatever the service lists.
   */
  async discover(signal: AbortSignal): Promise<void> {
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

  /** The streams of the target known so far, and still there. */
  targetStreams(): string[] {
    const out: string[] = [];
    for (const [name, p] of this.positions.streams()) {
      if (!p.gone) {
        out.push(name);
      }
    }
    return out;
  }

  /** The events of a page of many streams that are the target's (a service may ignore the stream prefix). */
  targetsOf(events: readonly LogEvent[]): readonly LogEvent[] {
    const q = this.spec.query;
    let out: LogEvent[] | undefined;
    for (let i = 0; i < events.length; i++) {
      if (!inTarget(q, events[i].logStreamName)) {
        out ??= events.slice(0, i);
        if (!isSiblingStream(q, events[i].logStreamName)) {
          this.positions.foreign++;
        }
      } else {
        out?.push(events[i]);
      }
    }
    return out ?? events;
  }
}

/** Exponential back-off with jitter (up to 25 %), so that many tails do not retry in step. */
export function backoff(failures: number, baseMs: number, maxMs: number): number {
  return backoffDelayMs(failures, baseMs, maxMs, Math.random());
}
