/**
 * Time ranges and periods within CloudWatch's retention tiers (DESIGN §3): 60 s data is kept 15 days,
 * 300 s data 63 days, 3600 s data 455 days; a period must be a multiple of the tier's resolution.
 */

export const TIME_RANGE_PRESETS = ['15m', '1h', '3h', '12h', '1d', '3d', '1w', '2w', '1mo', '3mo', '15mo'] as const;
export type TimeRangePreset = (typeof TIME_RANGE_PRESETS)[number];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const PRESET_DURATION_MS: Record<TimeRangePreset, number> = {
  '15m': 15 * MIN,
  '1h': HOUR,
  '3h': 3 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
  '1w': 7 * DAY,
  '2w': 14 * DAY,
  '1mo': 30 * DAY,
  '3mo': 90 * DAY,
  '15mo': 455 * DAY,
};

export const PRESET_LABEL: Record<TimeRangePreset, string> = {
  '15m': '15 min',
  '1h': '1 hour',
  '3h': '3 hours',
  '12h': '12 hours',
  '1d': '1 day',
  '3d': '3 days',
  '1w': '1 week',
  '2w': '2 weeks',
  '1mo': '1 month',
  '3mo': '3 months',
  '15mo': '15 months',
};

/** What the user chose: a preset relative to now, a fixed window, or (training jobs) the job's own run. */
export type TimeRangeSelection =
  | { readonly kind: 'preset'; readonly preset: TimeRangePreset }
  | { readonly kind: 'custom'; readonly start: number; readonly end: number }
  | { readonly kind: 'job' };

export interface TimeRange {
  /** Epoch ms. */
  readonly start: number;
  readonly end: number;
}

export function isTimeRangePreset(value: unknown): value is TimeRangePreset {
  return typeof value === 'string' && (TIME_RANGE_PRESETS as readonly string[]).includes(value);
}

/** The retention tiers, finest first: data of this resolution is kept this long. */
export const RETENTION_TIERS: readonly { readonly periodSeconds: number; readonly keptMs: number }[] = [
  { periodSeconds: 60, keptMs: 15 * DAY },
  { periodSeconds: 300, keptMs: 63 * DAY },
  { periodSeconds: 3600, keptMs: 455 * DAY },
];

/** The finest period CloudWatch still holds for data starting `start` (epoch ms), seen at `now`. */
export function minimumPeriodSeconds(start: number, now: number): number {
  const age = now - start;
  return (RETENTION_TIERS.find((t) => age <= t.keptMs) ?? RETENTION_TIERS[RETENTION_TIERS.length - 1]).periodSeconds;
}

/** Periods offered to the user and used by the automatic choice. Each is a multiple of the ones it must be. */
export const PERIOD_CHOICES_SECONDS: readonly number[] = [60, 300, 900, 3600, 6 * 3600, 86_400];

/** Points per series the automatic choice aims at: a chart's width worth, and 1,440 (a day of minutes). */
export const TARGET_POINTS_PER_SERIES = 1440;

/** GetMetricData's limits per call. */
export const MAX_QUERIES_PER_CALL = 500;
export const MAX_DATAPOINTS_PER_CALL = 100_800;

export interface PeriodChoice {
  readonly periodSeconds: number;
  /** Why this period: shown in the panel next to it. */
  readonly reason: string;
}

export function pointsPerSeries(range: TimeRange, periodSeconds: number): number {
  return Math.max(1, Math.ceil((range.end - range.start) / (periodSeconds * 1000)));
}

/**
 * The period for a range: the finest the retention tier of the range's start allows that keeps each series
 * at ≤ 1,440 points; a period the user picked is kept unless the tier cannot serve it (then the next valid one).
 */
export function choosePeriod(range: TimeRange, now: number, requestedSeconds?: number): PeriodChoice {
  const tier = minimumPeriodSeconds(range.start, now);
  const valid = (p: number) => p >= tier && p % tier === 0;
  if (requestedSeconds !== undefined) {
    if (valid(requestedSeconds)) {
      return { periodSeconds: requestedSeconds, reason: 'chosen' };
    }
    const next = PERIOD_CHOICES_SECONDS.find((p) => valid(p) && p >= requestedSeconds) ?? tier;
    return { periodSeconds: next, reason: `${formatPeriod(requestedSeconds)} data is not kept that far back` };
  }
  const wanted = (range.end - range.start) / 1000 / TARGET_POINTS_PER_SERIES;
  const pick = PERIOD_CHOICES_SECONDS.find((p) => valid(p) && p >= wanted) ?? PERIOD_CHOICES_SECONDS[PERIOD_CHOICES_SECONDS.length - 1];
  const reason = pick === tier && wanted <= tier
    ? tier === 60 ? 'finest resolution' : `${formatPeriod(tier)} is the finest data kept ${tier === 300 ? 'beyond 15 days' : 'beyond 63 days'}`
    : `≤ ${TARGET_POINTS_PER_SERIES} points per series`;
  return { periodSeconds: pick, reason };
}

export function formatPeriod(seconds: number): string {
  if (seconds % 86_400 === 0) {
    return `${seconds / 86_400} d`;
  }
  if (seconds % 3600 === 0) {
    return `${seconds / 3600} h`;
  }
  if (seconds % 60 === 0) {
    return `${seconds / 60} min`;
  }
  return `${seconds} s`;
}

/** The window a selection stands for at `now`; `job` needs the job's start and end (end = now while running). */
export function resolveTimeRange(selection: TimeRangeSelection, now: number, job?: { start?: number; end?: number }): TimeRange {
  switch (selection.kind) {
    case 'preset':
      return { start: now - PRESET_DURATION_MS[selection.preset], end: now };
    case 'custom':
      return { start: selection.start, end: selection.end };
    case 'job': {
      const start = job?.start ?? now - 3 * HOUR;
      const end = Math.max(job?.end ?? now, start + 15 * MIN);
      // A few minutes either side so the first and last datapoints are not on the edge.
      return { start: start - 5 * MIN, end: Math.min(end + 5 * MIN, Math.max(now, start + 15 * MIN)) };
    }
  }
}

export const AUTO_REFRESH_CHOICES = ['off', '10s', '1m', '5m'] as const;
export type AutoRefresh = (typeof AUTO_REFRESH_CHOICES)[number];
export const AUTO_REFRESH_MS: Record<AutoRefresh, number | undefined> = { off: undefined, '10s': 10_000, '1m': 60_000, '5m': 300_000 };

export function isAutoRefresh(value: unknown): value is AutoRefresh {
  return typeof value === 'string' && (AUTO_REFRESH_CHOICES as readonly string[]).includes(value);
}
