/** Where a tail starts: the presets of "Tail Logs From…" and the custom times a user can type. */
import type { HostJobKind } from '../../shared/jobRef';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The start of a job's logs: its TrainingStartTime (ProcessingStartTime, TransformStartTime), else CreationTime. */
export function jobStartTime(job: { readonly startedAt?: number; readonly createdAt?: number }): number | undefined {
  return job.startedAt ?? job.createdAt;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A typed start time as epoch ms: ISO 8601 with a zone (`2026-11-24T21:00:00Z`, `…+01:00`), or a local
 * date-time (`2026-11-24 21:00`, `2026-11-24T21:00:05`, `2026-11-24`). Not in the future.
 */
export function parseStartTime(text: string, now: number): { ok: true; value: number } | { ok: false; error: string } {
  const t = text.trim();
  let ms: number;
  const local = LOCAL.exec(t);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = local;
    const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0')));
    // Date rolls 2026-02-31 over into March: reject what does not read back as typed.
    if (date.getFullYear() !== Number(y) || date.getMonth() !== Number(mo) - 1 || date.getDate() !== Number(d) || date.getHours() !== Number(h) || date.getMinutes() !== Number(mi)) {
      return { ok: false, error: `"${t}" is not a valid date and time.` };
    }
    ms = date.getTime();
  } else if (ZONED.test(t)) {
    ms = Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  } else {
    return { ok: false, error: 'Type a date and time: 2026-11-24 21:00 (local), or ISO 8601 with a zone: 2026-11-24T21:00:00Z.' };
  }
  if (!Number.isFinite(ms)) {
    return { ok: false, error: `"${t}" is not a valid date and time.` };
  }
  if (ms > now) {
    return { ok: false, error: 'That time is in the future.' };
  }
  return { ok: true, value: ms };
}

/** The start choices of "Tail Logs From…"; `from` values a command argument may also give. */
export type StartPreset = 'lines' | '5m' | '15m' | '1h' | '3h' | '1d' | 'jobStart';

export const START_PRESETS: readonly StartPreset[] = ['lines', '5m', '15m', '1h', '3h', '1d', 'jobStart'];

export const START_PRESET_LABELS: Readonly<Record<Exclude<StartPreset, 'lines'>, string>> = {
  '5m': 'Last 5 minutes',
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '3h': 'Last 3 hours',
  '1d': 'Last day',
  jobStart: 'From the start of the job',
};

/** What "from the start of the job" reads, per kind (the pick's description). */
export const JOB_START_FIELDS: Readonly<Record<HostJobKind, string>> = {
  training: 'TrainingStartTime, or CreationTime',
  processing: 'ProcessingStartTime, or CreationTime',
  transform: 'TransformStartTime, or CreationTime',
};

const AGO_BY_PRESET: Partial<Record<StartPreset, number>> = { '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': HOUR, '3h': 3 * HOUR, '1d': 24 * HOUR };

export function isStartPreset(value: unknown): value is StartPreset {
  return typeof value === 'string' && (START_PRESETS as readonly string[]).includes(value);
}

/** The start time of a preset: undefined for the last N lines; `jobStart` needs the job's times. */
export function presetStartTime(preset: StartPreset, now: number, job?: { readonly startedAt?: number; readonly createdAt?: number }): number | undefined {
  if (preset === 'lines') {
    return undefined;
  }
  if (preset === 'jobStart') {
    return job ? jobStartTime(job) : undefined;
  }
  return now - (AGO_BY_PRESET[preset] ?? 0);
}
