/** `stats`: aggregates (count, count_distinct, sum, avg, min, max, pct) per group of `by` values, fed a row at a time. */
import type { Agg, Named } from './ast';
import { evaluate } from './evaluate';
import { MapRow, type Row, toNum, type Value } from './values';

type Acc = { n: number; sum: number; min: number; max: number; distinct?: Set<string>; values?: number[] };

interface Group {
  keys: Value[];
  accs: Acc[];
}

export class StatsRun {
  private readonly groups = new Map<string, Group>();
  constructor(
    private readonly aggs: Agg[],
    private readonly by: Named[],
  ) {}

  add(row: Row): void {
    const keys = this.by.map((b) => evaluate(b.expr, row));
    const key = keys.length === 0 ? '' : keys.length === 1 ? `${typeof keys[0]}:${String(keys[0])}` : JSON.stringify(keys.map((k) => [typeof k, k]));
    let g = this.groups.get(key);
    if (!g) {
      g = { keys, accs: this.aggs.map((a) => ({ n: 0, sum: 0, min: Infinity, max: -Infinity, distinct: a.fn === 'count_distinct' ? new Set() : undefined, values: a.fn === 'pct' ? [] : undefined })) };
      this.groups.set(key, g);
    }
    for (let k = 0; k < this.aggs.length; k++) {
      const a = this.aggs[k];
      const acc = g.accs[k];
      if (!a.arg) {
        acc.n++;
        continue;
      }
      const v = evaluate(a.arg, row);
      if (v === undefined) continue;
      if (a.fn === 'count') {
        acc.n++;
        continue;
      }
      if (a.fn === 'count_distinct') {
        acc.distinct?.add(String(v));
        continue;
      }
      const x = toNum(v);
      if (Number.isNaN(x)) continue;
      acc.n++;
      acc.sum += x;
      if (x < acc.min) acc.min = x;
      if (x > acc.max) acc.max = x;
      acc.values?.push(x);
    }
  }

  /** The rows so far: the groups in the order first seen (by time when a `by` is a bin()); `stats` without `by` always gives one row. */
  rows(): MapRow[] {
    if (this.groups.size === 0 && this.by.length === 0) this.groups.set('', { keys: [], accs: this.aggs.map(() => ({ n: 0, sum: 0, min: Infinity, max: -Infinity, distinct: new Set(), values: [] })) });
    let groups = [...this.groups.values()];
    const binAt = this.by.findIndex((b) => b.expr.k === 'call' && b.expr.fn === 'bin');
    if (binAt >= 0) groups = groups.sort((x, y) => (toNum(x.keys[binAt]) || 0) - (toNum(y.keys[binAt]) || 0));
    return groups.map((g) => {
      const row = new MapRow();
      this.by.forEach((b, k) => row.set(b.name, g.keys[k]));
      this.aggs.forEach((a, k) => row.set(a.name, finish(a, g.accs[k])));
      return row;
    });
  }
}

function finish(a: Agg, acc: Acc): Value {
  switch (a.fn) {
    case 'count':
      return acc.n;
    case 'count_distinct':
      return acc.distinct?.size ?? 0;
    case 'sum':
      return acc.n ? acc.sum : undefined;
    case 'avg':
      return acc.n ? acc.sum / acc.n : undefined;
    case 'min':
      return acc.n ? acc.min : undefined;
    case 'max':
      return acc.n ? acc.max : undefined;
    case 'pct':
      return percentile(acc.values ?? [], a.p ?? 50);
  }
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(values: number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((x, y) => x - y);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}
