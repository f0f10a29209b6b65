/**
 * Merged follow rounds: polling several streams (a job's hosts, a variant's instances) for the cost of one.
 *
 * Per-stream polling costs one GetLogEvents per stream per round (16 hosts at 1 s: ~580 requests a minute). A
 * merged round asks FilterLogEvents once, over the target's prefix, for every event since the OLDEST position
 * among the streams that are at most `mergedLookbackMs` (60 s) behind the newest line. Every stream inside that
 * window is read from its own position or before, so nothing of it is skipped — also when one host's lines are
 * ingested 15 s later than another's (a late stream keeps the window open behind it; the positions drop what
 * was shown already, the eventIds what came twice).
 *
 * A stream outside the window (quiet for a while, or new: no position yet) is not trusted to FilterLogEvents:
 * when the round sees any line of it, the stream is read from its position with GetLogEvents (one request, only
 * then), so a late line older than the window cannot be jumped over. And once a minute one stream, round robin,
 * is read from its position with GetLogEvents (the sweep): a line ingested later than the window of a stream
 * that wrote nothing newer is found there. The exactness rests on the positions, never on how late the service is.
 *
 * Cost: one FilterLogEvents a round (charged 5 of the shared budget's tokens: the same share of its 5 TPS quota
 * as GetLogEvents of its 25), plus one sweep a minute, plus a read per quiet stream that wakes up.
 */
import type { LogEvent } from '../../shared/logs/source';
import type { TailContext } from './context';
import { mergeByTimestamp } from './events';
import { FILTER_LOOKBACK_MS, readFiltered } from './filtered';
import type { TailUpdate } from './spec';
import { followStream } from './streamRead';

/** How often a merged round reads one stream with GetLogEvents (the sweep). */
export const SWEEP_INTERVAL_MS = 60_000;

/**
 * From this many streams on: a FilterLogEvents round is charged 5 tokens (its 5 TPS quota against GetLogEvents'
 * 25), so for fewer streams one GetLogEvents each takes a smaller share of the quotas.
 */
export const MERGED_MIN_STREAMS = 5;

/** Refusals that no later round gets past: polling goes on per stream (GetLogEvents), which may be allowed. */
const REFUSED: ReadonlySet<string> = new Set(['accessDenied', 'unsupported', 'other']);

/** Several streams (at least 5) by a prefix, no filter pattern, not switched off, FilterLogEvents not refused. */
export function usesMergedRounds(ctx: TailContext): boolean {
  const q = ctx.spec.query;
  return ctx.spec.mergedPolling !== false && !ctx.mergedRefused && !ctx.filter && q.logStreamName === undefined && ctx.targetStreams().length >= (ctx.spec.mergedMinStreams ?? MERGED_MIN_STREAMS);
}

/** Where a merged round reads from: the oldest position inside the window behind the newest line. */
export function mergedStart(lastTs: readonly number[], newest: number | undefined, now: number, lookbackMs: number): number {
  const finite = lastTs.filter((t) => t > -Infinity);
  const top = Math.max(newest ?? -Infinity, ...finite);
  const floor = (top > -Infinity ? top : now) - lookbackMs;
  const inWindow = finite.filter((t) => t >= floor);
  return inWindow.length > 0 ? Math.min(...inWindow) : floor;
}

export async function* mergedRound(ctx: TailContext, signal: AbortSignal): AsyncGenerator<TailUpdate> {
  const wasBackingOff = ctx.failures > 0;
  const streams = ctx.targetStreams();
  const start = mergedStart(
    streams.map((n) => ctx.positions.get(n).lastTs),
    ctx.newest,
    ctx.serviceNow(),
    ctx.spec.mergedLookbackMs ?? FILTER_LOOKBACK_MS,
  );
  const read = await readFiltered(ctx, signal, { startTime: start, retry: false });
  let failure = read.failure;
  if (failure !== undefined && REFUSED.has(ctx.kind(failure))) {
    // Least-privilege roles often allow GetLogEvents and DescribeLogStreams only: read each stream instead.
    ctx.mergedRefused = true;
    const why = failure instanceof Error ? failure.message : String(failure);
    yield { kind: 'diagnostic', text: `FilterLogEvents was refused (${why}): polling reads each stream with GetLogEvents from now on (a request per stream a round).` };
    return;
  }
  // Lines of streams read from their position (or before) are admitted; a stream behind the window, or new,
  // is read from its position instead. A read that failed after some pages admits none of them: the next round
  // reads the same window again (admitting a part would rely on the service's page order across pages).
  const covered: LogEvent[] = [];
  const behind = new Set<string>();
  for (const e of failure === undefined ? read.events : []) {
    if (!ctx.positions.isTarget(e)) {
      // Another group's or stream's event: admitting drops and counts it; it gets no position, no read.
      covered.push(e);
      continue;
    }
    const p = ctx.positions.get(e.logStreamName);
    p.gone = false;
    if (p.lastTs >= start) {
      covered.push(e);
    } else {
      behind.add(e.logStreamName);
    }
  }
  const batches: LogEvent[][] = ctx.positions.admitMixed(covered);
  const now = ctx.clock.now();
  if (now - ctx.lastSweep >= (ctx.spec.sweepIntervalMs ?? SWEEP_INTERVAL_MS) && streams.length > 0) {
    ctx.lastSweep = now;
    ctx.sweepNext = (ctx.sweepNext + 1) % streams.length;
    behind.add(streams[ctx.sweepNext]);
  }
  const reads = await Promise.all([...behind].map((name) => followStream(ctx, name, signal)));
  for (const r of reads) {
    batches.push(r.events);
    failure ??= r.failed ? r.error : undefined;
  }
  if (failure === undefined) {
    ctx.failures = 0;
  } else {
    ctx.onFailure(failure);
  }
  yield* ctx.endRound(mergeByTimestamp(batches), wasBackingOff, signal);
}
