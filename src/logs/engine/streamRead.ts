/**
 * One stream read from its position to its end with GetLogEvents: the per-stream follow round, the catch-up of
 * a stream a merged round did not cover, and the merged rounds' sweep.
 */
import type { GetEventsPage, LogEvent } from '../../shared/logs/source';
import { MAX_EMPTY_PAGES, MAX_SAME_TOKEN } from './backfill';
import type { TailContext } from './context';

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

/**
 * Reads a stream from its position to its end: from its token, or by time from its last line (a new stream:
 * from its head); past empty pages and tokens that did not move, so that a round is complete (a Live Tail
 * session relies on it). On a failure keeps what was read and the position it reached.
 */
export async function followStream(ctx: TailContext, name: string, signal: AbortSignal): Promise<{ events: LogEvent[]; failed: boolean; more?: boolean; error?: unknown }> {
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
