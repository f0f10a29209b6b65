/** Short human-readable forms for tree descriptions and tooltips. */

/** `45s`, `12m`, `3h 05m`, `2d 4h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) {
    return `${s}s`;
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return `${m}m`;
  }
  const h = Math.floor(m / 60);
  if (h < 24) {
    return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  }
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** `2/3 × ml.m5.xlarge · weight 1`: current/desired instances while scaling. */
export interface VariantDescriptionInput {
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
  instanceType?: string;
  currentWeight?: number;
  serverless: boolean;
  serverlessConfig?: { memorySizeInMB?: number; maxConcurrency?: number; provisionedConcurrency?: number };
  multiModel?: boolean;
}

/**
 * `2 × ml.m5.xlarge · weight 1`; a serverless variant shows its memory and concurrency instead of instances
 * (`serverless 4096 MB · max 20 concurrent · 2 provisioned`); extras (`multi-model · 7 models loaded`) follow.
 */
export function formatVariantDescription(v: VariantDescriptionInput, extras: readonly string[] = []): string {
  const parts: string[] = [];
  if (v.serverless) {
    const sc = v.serverlessConfig;
    parts.push(sc?.memorySizeInMB !== undefined ? `serverless ${sc.memorySizeInMB} MB` : 'serverless');
    if (sc?.maxConcurrency !== undefined) {
      parts.push(`max ${sc.maxConcurrency} concurrent`);
    }
    if (sc?.provisionedConcurrency) {
      parts.push(`${sc.provisionedConcurrency} provisioned`);
    }
  } else {
    const current = v.currentInstanceCount;
    const desired = v.desiredInstanceCount;
    const count = current === undefined ? (desired === undefined ? '' : `→${desired}`) : desired !== undefined && desired !== current ? `${current}→${desired}` : `${current}`;
    parts.push([count, v.instanceType].filter(Boolean).join(' × '));
  }
  if (v.multiModel) {
    parts.push('multi-model');
  }
  parts.push(...extras);
  if (v.currentWeight !== undefined) {
    parts.push(`weight ${v.currentWeight}`);
  }
  return parts.filter(Boolean).join(' · ');
}

export function formatTime(ms: number | undefined): string {
  return ms === undefined ? '—' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
