/**
 * Filtered reads: FilterLogEvents with the tail's pattern, for the backfill (the last N matching lines, or a
 * window) and for each follow round (everything matching since a little before the newest line seen). One
 * reader for both; every page goes through the positions.
 */
import type { FilterEventsPage, LogEvent } from '../../shared/logs/source';
import type { TailContext } from './context';
import { mergeByTimestamp } from './events';
import type { TailUpdate } from './spec';

/** FilterLogEvents selects by event time, and events can be ingested a little late: each poll looks back this far. */
export const FILTER_LOOKBACK_MS = 60_000;
/** How far back a filtered tail looks for its last N matching lines when no start time is given. */
const FILTER_BACKFILL_MS = 24 * 3600_000;
const FILTER_MAX_PAGES = 50;

interface FilteredRead {
  readonly startTime?: number;
  readonly endTime?: number;
  /** Keep only the last this many events (a last-N backfill), not every page's. */
  readonly keepLast?: number;
  /** A failed page is asked again until it succeeds (a backfill); else the read ends with the pages so far. */
  readonly retry: boolean;
}

/** FilterLogEvents pages (interleaved by the service), the target's events only. */
export async function readFiltered(ctx: TailContext, signal: AbortSignal, r: FilteredRead): Promise<{ events: LogEvent[]; failure?: unknown }> {
  let out: LogEvent[] = [];
  let nextToken: string | undefined;
  for (let pages = 0; pages < FILTER_MAX_PAGES; pages++) {
    const sent = nextToken;
    const ask = () => filterPage(ctx, signal, r, sent);
    let page: FilterEventsPage | undefined;
    if (r.retry) {
      page = await ctx.retrying(signal, 'filterEvents', ask);
    } else {
      try {
        page = await ctx.send(signal, 'filterEvents', ask);
      } catch (failure) {
        return { events: out, failure };
      }
    }
    if (page === undefined) {
      break;
    }
    out.push(...ctx.targetsOf(page.events));
    if (r.keepLast !== undefined && out.length > r.keepLast * 2) {
      out = out.slice(out.length - r.keepLast);
    }
    nextToken = page.nextToken;
    if (!nextToken || nextToken === sent) {
      break;
    }
  }
  return { events: r.keepLast !== undefined && out.length > r.keepLast ? out.slice(out.length - r.keepLast) : out };
}

function filterPage(ctx: TailContext, signal: AbortSignal, r: FilteredRead, sent: string | undefined): Promise<FilterEventsPage> {
  const q = ctx.spec.query;
  return ctx.source.filterEvents(
    {
      logGroupName: q.logGroupName,
      ...(q.logStreamName ? { logStreamNames: [q.logStreamName] } : q.prefix ? { logStreamNamePrefix: q.prefix } : {}),
      ...(ctx.filter ? { filterPattern: ctx.filter } : {}),
      ...(r.startTime !== undefined ? { startTime: r.startTime } : {}),
      ...(r.endTime !== undefined ? { endTime: r.endTime } : {}),
      ...(sent ? { nextToken: sent } : {}),
    },
    signal,
  );
}

/** The last N matching lines (of the last day), or the matching lines of the window asked for. */
export async function* backfillFiltered(ctx: TailContext, signal: AbortSignal): AsyncGenerator<TailUpdate> {
  const { startTime, endTime, backfillLines } = ctx.spec;
  const windowed = startTime !== undefined || endTime !== undefined;
  const from = startTime ?? (windowed ? undefined : ctx.serviceNow() - FILTER_BACKFILL_MS);
  const read = await readFiltered(ctx, signal, { startTime: from, endTime, retry: true, ...(windowed ? {} : { keepLast: backfillLines + 1 }) });
  let events = mergeByTimestamp(ctx.positions.admitMixed(read.events));
  if (!windowed && events.length > backfillLines) {
    events = events.slice(events.length - backfillLines);
    ctx.filteredFloor = events[0]?.timestamp ?? Number.MAX_SAFE_INTEGER;
  }
  ctx.filteredSince = events.reduce((t, e) => Math.max(t, e.timestamp), ctx.serviceNow() - FILTER_LOOKBACK_MS);
  if (events.length > 0) {
    yield { kind: 'events', events };
  }
}

/** A filtered follow round: everything matching since a little before the newest line seen. */
export async function* roundFiltered(ctx: TailContext, signal: AbortSignal): AsyncGenerator<TailUpdate> {
  const wasBackingOff = ctx.failures > 0;
  const since = Math.max(ctx.filteredSince ?? -Infinity, ctx.newest ?? -Infinity);
  const { events, failure } = await readFiltered(ctx, signal, { startTime: (since === -Infinity ? ctx.serviceNow() : since) - FILTER_LOOKBACK_MS, retry: false });
  if (failure === undefined) {
    ctx.failures = 0;
  } else {
    ctx.onFailure(failure);
  }
  for (const e of events) {
    ctx.filteredSince = Math.max(ctx.filteredSince ?? 0, e.timestamp);
  }
  yield* ctx.endRound(mergeByTimestamp(ctx.positions.admitMixed(events, ctx.filteredFloor)), wasBackingOff, signal);
}
