/**
 * A follow round of polling: every stream from its position to its end (GetLogEvents forward tokens, or by time
 * from its last line), one merged batch; with a filter pattern a FilterLogEvents round, and for several streams
 * a merged round (merged.ts) instead.
 */
import type { TailContext } from './context';
import { mergeByTimestamp } from './events';
import { roundFiltered } from './filtered';
import { mergedRound, usesMergedRounds } from './merged';
import type { TailUpdate } from './spec';
import { followStream } from './streamRead';

/**
 * One follow round: with a filter pattern, FilterLogEvents; several streams without one, a merged round (one
 * FilterLogEvents for all, see merged.ts); else every stream from its position to its end. `complete`: every
 * stream read to its end with GetLogEvents (the last round after a job ended).
 */
export async function* round(ctx: TailContext, signal: AbortSignal, complete = false): AsyncGenerator<TailUpdate> {
  if (ctx.filter) {
    yield* roundFiltered(ctx, signal);
    return;
  }
  if (!complete && usesMergedRounds(ctx)) {
    yield* mergedRound(ctx, signal);
    return;
  }
  // A stream far behind (a burst, a host that wrote a lot at once) is read in several batches: each stays
  // small enough to format and append without holding up the extension host.
  for (let more = true; more; ) {
    const wasBackingOff = ctx.failures > 0;
    const results = await Promise.all(ctx.targetStreams().map((name) => followStream(ctx, name, signal)));
    const merged = mergeByTimestamp(results.map((r) => r.events));
    const failed = results.find((r) => r.failed);
    // One back-off step a round however many streams failed: a 30-host job must not wait 30 steps.
    if (failed) {
      ctx.onFailure(failed.error);
    } else {
      ctx.failures = 0;
    }
    more = results.some((r) => r.more);
    yield* ctx.endRound(merged, wasBackingOff, signal);
  }
}

