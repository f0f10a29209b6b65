/**
 * Runs a parsed Logs Insights query over events fed one at a time (the caller paces the scan), and gives the
 * result so far at any moment (partial results while a query runs).
 *
 * The commands up to the first sort / limit / dedup / stats run per event as it is fed; a first stats
 * aggregates as it goes; what follows runs over the rows when a result is asked for. Without stats or sort the
 * events come newest first. Columns: `display`'s, else those of fields/stats plus parse's, else @timestamp and
 * @message (plus parse's); event rows carry @ptr.
 */
import type { Command, Expr, Query } from './ast';
import { evaluate, truthy } from './evaluate';
import { parseQuery } from './parser';
import { StatsRun } from './stats';
import { compareValues, EventRow, formatValue, type InsightsEvent, MapRow, type Row } from './values';

export interface ResultField {
  field: string;
  value: string;
}

export interface QueryResult {
  /** the columns, in order (without @ptr) */
  fields: string[];
  rows: ResultField[][];
}

export interface QueryRunOptions {
  /** @ptr of an event row (absent: rows have none) */
  pointer?: (e: InsightsEvent) => string;
}

export const DEFAULT_RESULT_LIMIT = 1000;
const ROW_WISE = new Set(['fields', 'filter', 'parse', 'display']);

export class QueryRun {
  scanned = 0;
  matched = 0;
  bytes = 0;
  private readonly head: Command[];
  private readonly stats: StatsRun | undefined;
  private readonly tail: Command[];
  private readonly collected: Row[] = [];
  readonly columns: string[];
  private readonly timeColumns: Set<string>;
  private cache: { key: string; result: QueryResult } | undefined;

  constructor(
    readonly query: Query,
    private readonly opts: QueryRunOptions = {},
  ) {
    const cmds = query.commands;
    let b = cmds.findIndex((c) => !ROW_WISE.has(c.c));
    if (b < 0) b = cmds.length;
    this.head = cmds.slice(0, b);
    const first = cmds[b];
    this.stats = first?.c === 'stats' ? new StatsRun(first.aggs, first.by) : undefined;
    this.tail = cmds.slice(first?.c === 'stats' ? b + 1 : b);
    if (!cmds.some((c) => c.c === 'stats' || c.c === 'sort')) {
      const at = this.tail.findIndex((c) => !ROW_WISE.has(c.c));
      this.tail.splice(at < 0 ? this.tail.length : at, 0, { c: 'sort', keys: [{ name: '@timestamp', desc: true }] });
    }
    const { columns, timeColumns } = outputColumns(cmds);
    this.columns = columns;
    this.timeColumns = timeColumns;
  }

  feed(event: InsightsEvent): void {
    this.scanned++;
    this.bytes += event.message.length + event.logStream.length;
    const row = new EventRow(event);
    for (const c of this.head) if (!applyRowWise(c, row)) return;
    this.matched++;
    if (this.stats) this.stats.add(row);
    else this.collected.push(row);
  }

  /** The result so far, at most `limit` rows. */
  result(limit = DEFAULT_RESULT_LIMIT): QueryResult {
    const key = `${this.scanned}/${limit}`;
    if (this.cache?.key === key) return this.cache.result;
    let rows: Row[] = this.stats ? this.stats.rows() : this.collected;
    for (const c of this.tail) rows = applyToRows(c, rows);
    const out: ResultField[][] = [];
    for (const row of rows.slice(0, limit)) {
      const fields: ResultField[] = [];
      for (const col of this.columns) {
        const value = formatValue(row.get(col), this.timeColumns.has(col));
        if (value !== undefined) fields.push({ field: col, value });
      }
      if (row.event && this.opts.pointer) fields.push({ field: '@ptr', value: this.opts.pointer(row.event) });
      out.push(fields);
    }
    const result = { fields: this.columns, rows: out };
    this.cache = { key, result };
    return result;
  }
}

/** Parse and run over a list of events at once (unit tests, small queries). */
export function runQuery(text: string, events: Iterable<InsightsEvent>, limit = DEFAULT_RESULT_LIMIT, opts: QueryRunOptions = {}): QueryResult & { matched: number; scanned: number } {
  const run = new QueryRun(parseQuery(text), opts);
  for (const e of events) run.feed(e);
  return { ...run.result(limit), matched: run.matched, scanned: run.scanned };
}

/** fields / parse set values on the row; filter keeps it or not; display only chooses columns. */
function applyRowWise(c: Command, row: Row): boolean {
  switch (c.c) {
    case 'fields':
      for (const it of c.items) if (!(it.expr.k === 'field' && it.expr.name === it.name)) row.set(it.name, evaluate(it.expr, row));
      return true;
    case 'filter':
      return truthy(evaluate(c.expr, row));
    case 'parse': {
      const v = evaluate(c.src, row);
      const m = v === undefined ? null : c.re.exec(String(v));
      if (m) c.names.forEach((n, k) => row.set(n, m.groups ? m.groups[n] : m[k + 1]));
      return true;
    }
    default:
      return true;
  }
}

function applyToRows(c: Command, rows: Row[]): Row[] {
  switch (c.c) {
    case 'fields':
    case 'parse':
      return rows.map((r) => {
        const copy = new MapRow(r, r.event);
        applyRowWise(c, copy);
        return copy;
      });
    case 'filter':
      return rows.filter((r) => applyRowWise(c, r));
    case 'display':
      return rows;
    case 'sort': {
      const keys = c.keys;
      return [...rows].sort((a, b) => {
        for (const k of keys) {
          const va = a.get(k.name);
          const vb = b.get(k.name);
          if (va === undefined || vb === undefined) {
            if (va !== vb) return va === undefined ? 1 : -1;
            continue;
          }
          const d = compareValues(va, vb);
          if (d !== 0) return k.desc ? -d : d;
        }
        return 0;
      });
    }
    case 'limit':
      return rows.slice(0, c.n);
    case 'dedup': {
      const seen = new Set<string>();
      return rows.filter((r) => {
        const vals = c.names.map((n) => r.get(n));
        if (vals.some((v) => v === undefined)) return true;
        const key = JSON.stringify(vals);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    case 'stats': {
      const s = new StatsRun(c.aggs, c.by);
      for (const r of rows) s.add(r);
      return s.rows();
    }
  }
}

function isTimeExpr(e: Expr, times: Set<string>): boolean {
  return (e.k === 'field' && times.has(e.name)) || (e.k === 'call' && e.fn === 'bin');
}

/** The result's columns and which of them hold times (written as `2026-11-24 12:00:00.000`). */
function outputColumns(cmds: Command[]): { columns: string[]; timeColumns: Set<string> } {
  const times = new Set(['@timestamp', '@ingestionTime']);
  let cols: string[] = [];
  let parsed: string[] = [];
  let explicit = false;
  let display: string[] | undefined;
  const add = (list: string[], n: string) => {
    if (!list.includes(n)) list.push(n);
  };
  for (const c of cmds) {
    if (c.c === 'fields') {
      explicit = true;
      for (const it of c.items) {
        add(cols, it.name);
        if (isTimeExpr(it.expr, times)) times.add(it.name);
      }
    } else if (c.c === 'parse') for (const n of c.names) add(parsed, n);
    else if (c.c === 'display') display = c.names;
    else if (c.c === 'stats') {
      explicit = true;
      const wasTime = new Set(times);
      cols = [];
      parsed = [];
      for (const b of c.by) {
        add(cols, b.name);
        if (isTimeExpr(b.expr, wasTime)) times.add(b.name);
      }
      for (const a of c.aggs) {
        add(cols, a.name);
        if ((a.fn === 'min' || a.fn === 'max') && a.arg && isTimeExpr(a.arg, wasTime)) times.add(a.name);
      }
    }
  }
  const columns = display ?? (explicit ? [...cols, ...parsed.filter((p) => !cols.includes(p))] : ['@timestamp', '@message', ...parsed]);
  return { columns, timeColumns: times };
}
