/**
 * Logs Insights queries of an account: each scans the stored events of its log groups and time range in
 * chunks on the event loop (never blocking it long), paced over a realistic moment: Scheduled for
 * `scheduledMs`, then Running for at least `runningMs` with partial results, then Complete (or how the
 * `insightsQueryEnd` quirk ends it). Durations are wall-clock ms, so they do not depend on the sim clock's speed.
 */
import { type LogGroup, type LogStream, lowerBound, upperBound } from '../logStore';
import type { Query } from './ast';
import { QueryRun } from './engine';
import type { InsightsEvent } from './values';

export interface InsightsConfig {
  /** how long a query stays Scheduled (wall-clock ms) */
  scheduledMs: number;
  /** the least time a query stays Running (wall-clock ms); events are scanned in proportion to it */
  runningMs: number;
  /** Scheduled + Running queries of an account beyond which StartQuery is LimitExceededException */
  maxConcurrent: number;
  /** events scanned per turn of the event loop */
  chunk: number;
}

export const DEFAULT_INSIGHTS: Readonly<InsightsConfig> = Object.freeze({ scheduledMs: 300, runningMs: 1000, maxConcurrent: 30, chunk: 5000 });

export type QueryStatus = 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled' | 'Timeout';

export interface QueryDefinition {
  queryDefinitionId: string;
  name: string;
  queryString: string;
  logGroupNames?: string[];
  lastModified: number;
}

interface Cursor {
  stream: LogStream;
  log: string;
  i: number;
  end: number;
}

/** Where an event lives (the @ptr of its rows). */
export interface EventRef {
  g: string;
  s: string;
  i: number;
  t: number;
}

export class AccountQuery {
  status: QueryStatus = 'Scheduled';
  readonly run: QueryRun;
  readonly total: number;
  private readonly cursors: Cursor[];
  private k = 0;
  private processed = 0;
  private runningSince = 0;
  private cancelTimer: (() => void) | undefined;

  constructor(
    readonly id: string,
    readonly queryString: string,
    query: Query,
    readonly groups: LogGroup[],
    /** epoch ms, inclusive */
    readonly startMs: number,
    readonly endMs: number,
    readonly limit: number,
    /** sim time of StartQuery */
    readonly createTime: number,
    accountId: string,
    now: number,
    pointer: (e: InsightsEvent) => string,
  ) {
    this.run = new QueryRun(query, { pointer });
    this.cursors = [];
    let total = 0;
    for (const g of groups) {
      const streams = [...g.streams.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const s of streams) {
        const n = s.visibleLength(now);
        const i = Math.min(n, lowerBound(s.ts, startMs));
        const end = Math.min(n, upperBound(s.ts, endMs));
        if (end > i) {
          this.cursors.push({ stream: s, log: `${accountId}:${g.name}`, i, end });
          total += end - i;
        }
      }
    }
    this.total = total;
  }

  get active(): boolean {
    return this.status === 'Scheduled' || this.status === 'Running';
  }

  /** Scheduled now; Running after cfg.scheduledMs; done after the scan and cfg.runningMs; `end` overrides Complete. */
  start(cfg: InsightsConfig, end: 'Failed' | 'Timeout' | undefined): void {
    this.later(cfg.scheduledMs, () => {
      if (this.status !== 'Scheduled') return;
      this.status = 'Running';
      this.runningSince = Date.now();
      this.tick(cfg, end);
    });
  }

  /** StopQuery: a running or scheduled query is Cancelled (false when it had already ended). */
  cancel(): boolean {
    if (!this.active) return false;
    this.status = 'Cancelled';
    this.close();
    return true;
  }

  /** Stops its timers (the simulator resets or closes). */
  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private later(ms: number, f: () => void): void {
    if (ms <= 0) {
      const h = setImmediate(f);
      this.cancelTimer = () => clearImmediate(h);
    } else {
      const h = setTimeout(f, ms);
      h.unref?.();
      this.cancelTimer = () => clearTimeout(h);
    }
  }

  private tick(cfg: InsightsConfig, end: 'Failed' | 'Timeout' | undefined): void {
    if (this.status !== 'Running') return;
    const elapsed = Date.now() - this.runningSince;
    const due = cfg.runningMs > 0 ? Math.ceil(this.total * Math.min(1, elapsed / cfg.runningMs)) : this.total;
    const stop = Math.min(due, this.processed + Math.max(1, cfg.chunk));
    while (this.processed < stop) this.step();
    if (this.processed >= this.total && elapsed >= cfg.runningMs) {
      this.status = end ?? 'Complete';
      this.cancelTimer = undefined;
      return;
    }
    if (this.processed < due) this.later(0, () => this.tick(cfg, end));
    else this.later(Math.min(50, Math.max(1, cfg.runningMs - elapsed)), () => this.tick(cfg, end));
  }

  private step(): void {
    const c = this.cursors[this.k];
    const s = c.stream;
    const i = c.i++;
    const ref: EventRef = { g: s.group.name, s: s.name, i, t: s.ts[i] };
    this.run.feed({ timestamp: s.ts[i], message: s.msg[i], ingestionTime: s.ingest[i], logStream: s.name, log: c.log, ref });
    this.processed++;
    if (c.i >= c.end) this.k++;
  }
}

/** The queries and saved query definitions of one account. */
export class InsightsStore {
  readonly queries = new Map<string, AccountQuery>();
  readonly definitions = new Map<string, QueryDefinition>();

  get activeCount(): number {
    let n = 0;
    for (const q of this.queries.values()) if (q.active) n++;
    return n;
  }

  add(q: AccountQuery): void {
    this.queries.set(q.id, q);
    // keep the newest 10,000 (AWS keeps results 7 days)
    if (this.queries.size > 10_000) {
      for (const [id, old] of this.queries) {
        if (!old.active) {
          this.queries.delete(id);
          break;
        }
      }
    }
  }

  closeAll(): void {
    for (const q of this.queries.values()) q.close();
  }
}
