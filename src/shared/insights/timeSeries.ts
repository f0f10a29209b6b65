/**
 * A `stats … by bin(…)` result as time series for the results view's chart. Logs Insights leaves out the
 * bins no record fell in: a missing bin of a count-like aggregate (count, count_distinct, sum) is drawn as
 * 0, which it is; of any other (avg, max, pct, …) as a gap (null), since it has no value. Bounded: at most
 * MAX_SERIES lines (a raw-events result grouped by its messages is no chart) and MAX_SLOTS bins filled.
 */
import { parseResultTime, visibleFields, type ResultRow } from './results';

/** More lines than this is no readable chart (and Chart.js slows down by the thousand). */
export const MAX_SERIES = 24;
/** Missing bins are filled only while the bins between the first and the last number at most this. */
export const MAX_SLOTS = 10_000;

export interface TimePoint {
  readonly x: number;
  /** null: no value in this bin (drawn as a gap). */
  readonly y: number | null;
}

export interface TimeSeries {
  /** The `bin(…)` field the rows are grouped by. */
  readonly timeField: string;
  /** The bin width of a `bin(…)` field (from `bin(5m)`, else the smallest spacing of the bins). */
  readonly binMs: number | undefined;
  /** One line per numeric aggregate and per value of the other `by` fields, one point per bin. */
  readonly series: readonly { readonly name: string; readonly points: readonly TimePoint[] }[];
}

/** Units of `bin()` periods, in ms (months, quarters and years are not regular: no width). */
const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `bin(5m)` → 300,000; undefined for another field or an irregular unit. */
export function binWidthMs(field: string): number | undefined {
  const m = /^bin\s*\(\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*\)$/i.exec(field.trim());
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const ms = m && unit ? Number(m[1]) * unit : undefined;
  return ms !== undefined && ms > 0 ? ms : undefined;
}

const COUNT_LIKE = /^(count|count_distinct|sum)\s*\(/i;

/** The result fields of `query` that count or sum (by alias, or unaliased as `count(*)`): 0 in an empty bin. */
export function countLikeFields(query: string): Set<string> {
  const fields = new Set<string>();
  for (const m of query.matchAll(/\b(count_distinct|count|sum)\s*\([^()]*\)\s+as\s+([A-Za-z_@$][\w@$.]*)/gi)) {
    fields.add(m[2]);
  }
  return fields;
}

function isCountLike(field: string, aliases: ReadonlySet<string>): boolean {
  return COUNT_LIKE.test(field) || aliases.has(field);
}

/** The bins from the first to the last, `step` apart; undefined when they are too many or off the grid. */
function regularSlots(xs: readonly number[], step: number | undefined): number[] | undefined {
  if (step === undefined || xs.length === 0) {
    return undefined;
  }
  const first = xs[0];
  const count = Math.round((xs[xs.length - 1] - first) / step) + 1;
  if (count > MAX_SLOTS || xs.some((x) => (x - first) % step !== 0)) {
    return undefined;
  }
  return Array.from({ length: count }, (_, i) => first + i * step);
}

/**
 * A `stats … by bin(…)[, other]` result as time series: x from the bin field, one series per numeric
 * column (and per combination of the other group-by columns), a point for every bin from the first to the
 * last; events over a time field (no `bin()`) as they come; undefined for any other result. `query` (the query string) tells which columns count.
 */
export function timeSeriesOf(fields: readonly string[], rows: readonly ResultRow[], query = ''): TimeSeries | undefined {
  const shown = visibleFields(fields);
  const timeField = shown.find((f) => /^bin\s*\(/i.test(f)) ?? shown.find((f) => rows.length > 0 && /bin|time/i.test(f) && rows.every((r) => parseResultTime(r[f]) !== undefined));
  if (!timeField || rows.length === 0) {
    return undefined;
  }
  const others = shown.filter((f) => f !== timeField);
  const numeric = others.filter((f) => rows.every((r) => r[f] === undefined || (r[f].trim() !== '' && Number.isFinite(Number(r[f])))));
  const keys = others.filter((f) => !numeric.includes(f));
  if (numeric.length === 0) {
    return undefined;
  }
  const series = new Map<string, { field: string; values: Map<number, number> }>();
  const xs = new Set<number>();
  for (const row of rows) {
    const x = parseResultTime(row[timeField]);
    if (x === undefined) {
      continue;
    }
    xs.add(x);
    const group = keys.map((k) => row[k] ?? '').join(' · ');
    for (const f of numeric) {
      if (row[f] === undefined) {
        continue;
      }
      const name = group ? (numeric.length > 1 ? `${group} · ${f}` : group) : f;
      let s = series.get(name);
      if (!s) {
        if (series.size === MAX_SERIES) {
          return undefined;
        }
        s = { field: f, values: new Map() };
        series.set(name, s);
      }
      s.values.set(x, Number(row[f]));
    }
  }
  const sorted = [...xs].sort((a, b) => a - b);
  if (!/^bin\s*\(/i.test(timeField)) {
    // Events over time (`fields @timestamp, latency`): each line through its own points, no bins to miss.
    const points = (values: Map<number, number>) => [...values].map(([x, y]) => ({ x, y })).sort((a, b) => a.x - b.x);
    return { timeField, binMs: undefined, series: [...series].map(([name, s]) => ({ name, points: points(s.values) })) };
  }
  const spacing = sorted.slice(1).reduce<number | undefined>((min, x, i) => Math.min(min ?? Infinity, x - sorted[i]), undefined);
  const binMs = binWidthMs(timeField) ?? spacing;
  const slots = regularSlots(sorted, binMs) ?? sorted;
  const aliases = countLikeFields(query);
  return {
    timeField,
    binMs,
    series: [...series].map(([name, s]) => {
      const empty = isCountLike(s.field, aliases) ? 0 : null;
      return { name, points: slots.map((x) => ({ x, y: s.values.get(x) ?? empty })) };
    }),
  };
}
