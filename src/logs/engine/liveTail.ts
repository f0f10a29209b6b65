/**
 * Following with CloudWatch Logs Live Tail. A polling round right after the session starts covers what arrived
 * since the last read; the positions drop what both that round and the session deliver. The session ends when
 * the job ends, the filter changes (a new session is needed), nobody watches, or the service ends, refuses or
 * samples it: the state machine (tail.ts) then polls on from the positions.
 */
import { isTransient } from '../../shared/failures';
import type { LiveTailUpdate, LogSource } from '../../shared/logs/source';
import { abortError } from './budget';
import { backoff, type TailContext } from './context';
import { mergeByTimestamp } from './events';
import { round } from './follow';
import type { JobStatus } from './jobStatus';
import type { TailUpdate } from './spec';

/** How a session ended, and what comes next. */
export type LiveOutcome = 'ended' | 'filterChanged' | 'unwatched' | 'refused' | 'lost' | 'renew' | 'signIn';

/** What the state machine tells a running session. */
export interface LiveControl {
  /** A new filter pattern waits: a session keeps its filter, so it ends. */
  filterPending(): boolean;
  /** Someone can see the tail (Live Tail is billed by the session-minute). */
  watched(): boolean;
  /** Receives the function that wakes the session's wait (a change of filter or of who watches); undefined: none. */
  onWake(wake: (() => void) | undefined): void;
}

type Next = IteratorResult<LiveTailUpdate>;

export async function* followLive(ctx: TailContext, job: JobStatus | undefined, control: LiveControl, signal: AbortSignal): AsyncGenerator<TailUpdate, LiveOutcome> {
  const q = ctx.spec.query;
  const session = new AbortController();
  const stopSession = () => session.abort();
  signal.addEventListener('abort', stopSession, { once: true });
  let iterator: AsyncIterator<LiveTailUpdate>;
  try {
    await ctx.budget.take(signal);
    const updates = await (ctx.source.liveTail as NonNullable<LogSource['liveTail']>)(
      {
        logGroupName: q.logGroupName,
        ...(q.logStreamName ? { logStreamNames: [q.logStreamName] } : q.prefix ? { logStreamNamePrefixes: [q.prefix] } : {}),
        ...(ctx.filter ? { filterPattern: ctx.filter } : {}),
      },
      session.signal,
    );
    iterator = updates[Symbol.asyncIterator]();
  } catch (e) {
    signal.removeEventListener('abort', stopSession);
    const kind = ctx.kind(e);
    if (signal.aborted || kind === 'cancelled') {
      throw e;
    }
    if (kind === 'expiredCredentials') {
      return yield* ctx.waitForSignIn(e);
    }
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    if (isTransient(kind)) {
      yield { kind: 'notice', text: `Live Tail could not start (${why}); polling every ${ctx.spec.pollIntervalMs / 1000} s meanwhile.` };
      return 'lost';
    }
    yield { kind: 'notice', text: `Live Tail is not available (${why}); polling every ${ctx.spec.pollIntervalMs / 1000} s instead.` };
    return 'refused';
  }
  yield { kind: 'mode', mode: 'liveTail' };
  try {
    if (!(yield* catchUp(ctx, signal))) {
      yield { kind: 'notice', text: 'Live Tail could not start: the lines before it could not be read; polling meanwhile.' };
      return 'lost';
    }
    let next = iterator.next();
    for (;;) {
      if (control.filterPending()) {
        return 'filterChanged';
      }
      if (!control.watched()) {
        return 'unwatched';
      }
      const winner = await firstOf(ctx, job, control, next);
      if (signal.aborted) {
        throw abortError();
      }
      if (winner === 'wake') {
        continue;
      }
      if (winner === 'tick') {
        const ended = yield* (job as JobStatus).check(ctx, signal, false);
        if (ended) {
          // The last read: every stream to its end from its position (a merged round could miss a quiet host).
          yield* round(ctx, signal, true);
          yield { kind: 'ended', reason: (job as JobStatus).endReason };
          return 'ended';
        }
        continue;
      }
      if (winner.done) {
        yield { kind: 'notice', text: 'The Live Tail session ended; polling from the last line shown.' };
        return 'lost';
      }
      const update = winner.value;
      next = iterator.next();
      if (update.sampled) {
        // A sample leaves lines out: nothing of it is shown; polling reads every line, in order, from the positions.
        yield { kind: 'mode', mode: 'liveTail', sampled: true };
        yield { kind: 'notice', text: 'Live Tail is sampling (more than 500 lines a second); polling instead so that every line shows.' };
        return 'lost';
      }
      const fresh = mergeByTimestamp(ctx.positions.admitMixed(update.events));
      if (fresh.length > 0) {
        yield { kind: 'events', events: fresh };
      }
    }
  } catch (e) {
    const kind = ctx.kind(e);
    if (signal.aborted || kind === 'cancelled') {
      throw e;
    }
    if ((e as { name?: unknown } | undefined)?.name === 'SessionTimeoutException') {
      return 'renew';
    }
    if (kind === 'expiredCredentials') {
      return yield* ctx.waitForSignIn(e);
    }
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    yield { kind: 'notice', text: `The Live Tail session stopped (${why}); polling from the last line shown.` };
    return 'lost';
  } finally {
    control.onWake(undefined);
    signal.removeEventListener('abort', stopSession);
    session.abort();
    iterator.return?.().catch(() => undefined);
  }
}

/** Reads of the catch-up before a session's updates are shown, at most. */
const CATCH_UP_TRIES = 5;

/**
 * Reads every stream to its end once the session has started: the session sends only what comes after its
 * start, so a line written before it and not read now would fall behind the positions the session moves on.
 * Streams created just before are found first. A failed read is asked again (backing off); false when the
 * reads keep failing (the session is given up, and polling goes on from the positions).
 */
async function* catchUp(ctx: TailContext, signal: AbortSignal): AsyncGenerator<TailUpdate, boolean> {
  for (let attempt = 1; attempt <= CATCH_UP_TRIES; attempt++) {
    let ok = true;
    try {
      await ctx.discover(signal);
    } catch (e) {
      ctx.onFailure(e);
      ok = false;
    }
    // A round that read every stream leaves no failure counted. Every stream from its own position to its end,
    // not a merged round: a line of a host behind the window, readable before the session started, would be sent
    // by neither, and the session's next line of that host would move its position past it.
    yield* round(ctx, signal, true);
    if (ok && ctx.failures === 0) {
      return true;
    }
    await ctx.clock.sleep(backoff(attempt, 250, 5_000), signal);
  }
  return false;
}

/**
 * The session's next update, the job's status check coming due, or a wake, whichever comes first. Everything
 * raced is made for this one wait and let go after it: racing a promise that lives as long as the session
 * (a wake promise made once) would keep one reaction, and with it that update's events, per update for the
 * whole session.
 */
async function firstOf(ctx: TailContext, job: JobStatus | undefined, control: LiveControl, next: Promise<Next>): Promise<Next | 'wake' | 'tick'> {
  const timer = new AbortController();
  try {
    return await new Promise<Next | 'wake' | 'tick'>((resolve, reject) => {
      control.onWake(() => resolve('wake'));
      next.then(resolve, reject);
      if (job) {
        const due = Math.max(0, job.lastCheck + (ctx.spec.statusIntervalMs ?? 10_000) - ctx.clock.now());
        ctx.clock.sleep(due, timer.signal).then(
          () => resolve('tick'),
          () => undefined,
        );
      }
    });
  } finally {
    timer.abort();
    control.onWake(undefined);
  }
}
