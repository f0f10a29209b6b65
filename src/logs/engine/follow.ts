/**
 * A follow round of polling: every stream from its position to its end (GetLogEvents forward tokens, or by time
 * from its last line), one merged batch; with a filter pattern, a FilterLogEvents round instead.
 */
import type { GetEventsPage, LogEvent } from '../../shared/logs/source';
import type { TailContext } from './context';
import { mergeByTimestamp } from './events';
import { roundFiltered } from './filtered';
import { MAX_EMPTY_PAGES, MAX_SAME_TOKEN } from './backfill';
import type { TailUpdate } from './spec';

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

/** One follow round: every stream from its position to its end; one merged batch. */
export async function* round(ctx: TailContext, signal: AbortSignal): AsyncGenerator<TailUpdate> {
  if (ctx.filter) {
    yield* roundFiltered(ctx, signal);
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

/**
 * Reads a stream from its position to its end: from its token, or by time from its last line (a new stream:
 * from its head); past empty pages and tokens that did not move, so that a round is complete (a Live Tail
 * session relies on it). On a failure keeps what was read and the position it reached.
 */
async function followStream(ctx: TailContext, name: string, signal: AbortSignal): Promise<{ events: LogEvent[]; failed: boolean; more?: boolean; error?: unknown }> {
  const p = ctx.positions.get(name);
  const events: LogEvent[] = [];
  let same = 0;
  let empty = 0;
  try {
    for (let pages = 0; ; pages++) {
      if (pages === FOLLOW_PAGES_PER_BATCH) {
        // More in a next batch of the round (unless this one was only empty pages: the next poll reads on).
        return { events, failed: false, more: events.length > 0 };
      }
      const sent = p.token;
      const from = sent === undefined && p.lastTs > -Infinity ? p.lastTs : undefined;
      const page = await ctx.send(signal, 'getEvents', () =>
        ctx.source.getEvents(
          { logGroupName: ctx.spec.query.logGroupName, logStreamName: name, startFromHead: true, ...(sent ? { nextToken: sent } : {}), ...(from !== undefined ? { startTime: from } : {}) },
          signal,
        ),
      );
      const kept = ctx.positions.admitStream(name, page.events);
      for (const e of kept) {
        events.push(e);
      }
      const next = page.nextForwardToken;
      if (!next) {
        break;
      }
      p.token = next;
      if (next === sent) {
        // The end (nothing came), or a service that did not move on: asked again, a few times at most.
        if (page.events.length === 0 || ++same > MAX_SAME_TOKEN) {
          break;
        }
        continue;
      }
      // An empty page with a new token is not the end (CloudWatch may return them before it): read on. Else one
      // request per stream and poll unless the page was big: then there is probably more right now.
      if (page.events.length === 0 ? ++empty > MAX_EMPTY_PAGES : !looksFull(page)) {
        break;
      }
    }
    return { events, failed: false };
  } catch (e) {
    const kind = ctx.kind(e);
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
    if (ctx.fatal(kind)) {
      throw e;
    }
    return { events, failed: true, error: e };
  }
}
