/**
 * Series a refresh could not fetch, said in the user's words: a statistic refused for every series of it is
 * named as the statistic ("p90 not available from this service"), anything else by the series' labels.
 */
import type { SeriesSpec } from './panels';

export interface UnavailableSeries {
  /** Series ids (of the panel's spec). */
  readonly ids: readonly string[];
  /** Why, in the user's words (the failure that refused them). */
  readonly reason: string;
}

/** One sentence per reason, e.g. "p90, p99 not available from this service: it answered …". */
export function describeUnavailable(series: readonly SeriesSpec[], unavailable: readonly UnavailableSeries[]): string[] {
  return unavailable.flatMap((u) => {
    const ids = new Set(u.ids);
    const refused = series.filter((s) => ids.has(s.id));
    if (refused.length === 0) {
      return [];
    }
    const names: string[] = [];
    const stats = [...new Set(refused.map((s) => s.stat))];
    for (const stat of stats) {
      const all = series.filter((s) => s.stat === stat);
      const gone = refused.filter((s) => s.stat === stat);
      if (gone.length === all.length) {
        names.push(stat);
      } else {
        names.push(...gone.map((s) => s.label));
      }
    }
    const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
    const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
    return [`${list} not available from this service: ${u.reason}`];
  });
}
