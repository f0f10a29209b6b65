/**
 * The backfill: the last N lines over all hosts (read back page by page), or every line from a time (read
 * forward, all hosts at once, handed out in merged batches while the reads go on), or a fixed window. Every
 * page goes through the positions, which end at each stream's newest line: following starts there.
 */
import type { LogEvent } from '../../shared/logs/source';
import { abortError } from './budget';
import type { TailContext } from './context';
import { mergeByTimestamp } from './events';
import { backfillFiltered } from './filtered';
import type { TailUpdate } from './spec';

const PAGE_LIMIT = 10_000;
/** A page that comes back with the token it was asked with is asked again at most this often in a row. */
export const MAX_SAME_TOKEN = 3;
/** Empty pages with a new token are read past (the service may return them before the end), at most this many. */
export const MAX_EMPTY_PAGES = 100;

export async function* backfill(ctx: TailContext, signal: AbortSignal): AsyncGenerator<TailUpdate> {
  if (ctx.filter) {
    yield* backfillFiltered(ctx, signal);
    return;
  }
  const { startTime, endTime, backfillLines } = ctx.spec;
  const names = ctx.targetStreams();
  if (startTime !== undefined || endTime !== undefined) {
    yield* backfillForward(ctx, names, signal, startTime, endTime);
    return;
  }
  const n = Math.max(0, backfillLines);
  let merged = mergeByTimestamp(await readLastAll(ctx, names, n, signal));
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
async function readLastAll(ctx: TailContext, names: readonly string[], n: number, signal: AbortSignal): Promise<(readonly LogEvent[])[]> {
  const group = ctx.spec.query.logGroupName;
  const reads = names.map((name) => ({ name, pages: [] as (readonly LogEvent[])[], count: 0, oldest: Infinity, back: undefined as string | undefined, open: true, read: 0 }));
  const maxPages = MAX_EMPTY_PAGES + Math.ceil(n / 1000);
  const readPage = async (r: (typeof reads)[number]): Promise<void> => {
    const sent = r.back;
    const page = await ctx.retrying(signal, 'getEvents', () =>
      ctx.source.getEvents({ logGroupName: group, logStreamName: r.name, startFromHead: false, ...(sent ? { nextToken: sent } : {}), limit: Math.max(1, Math.min(n - r.count, PAGE_LIMIT)) }, signal),
    );
    r.read++;
    if (page === undefined) {
      r.open = false;
      return;
    }
    if (sent === undefined) {
      ctx.positions.get(r.name).token = page.nextForwardToken;
      if (n === 0) {
        // From now: the stream's newest lines are behind the tail's start (its position by time, for merged rounds).
        ctx.positions.admitStream(r.name, page.events);
      }
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
    return ctx.positions.admitStream(r.name, list);
  });
}

/**
 * Reads every stream forward at once and hands out merged batches while the reads go on, so the channel
 * formats one batch while the next pages are on the wire. An event goes out once every stream still
 * being read has reached a later time: the order is the same as one merge at the end.
 */
async function* backfillForward(ctx: TailContext, names: readonly string[], signal: AbortSignal, startTime?: number, endTime?: number): AsyncGenerator<TailUpdate> {
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
    readForward(ctx, name, reads.signal, startTime, endTime, onPage).then(
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
async function readForward(ctx: TailContext, name: string, signal: AbortSignal, startTime: number | undefined, endTime: number | undefined, onPage: (events: readonly LogEvent[]) => void): Promise<void> {
  let token: string | undefined;
  let same = 0;
  let empty = 0;
  for (;;) {
    const sent = token;
    const page = await ctx.retrying(signal, 'getEvents', () =>
      ctx.source.getEvents(
        {
          logGroupName: ctx.spec.query.logGroupName,
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
    const kept = ctx.positions.admitStream(name, page.events);
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
    ctx.positions.get(name).token = token;
  }
}
