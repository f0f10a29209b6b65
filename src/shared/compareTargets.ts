/**
 * The argument of `sagemakerMonitor.compareJobs` (DESIGN §2): `{ trainingJobNames: string[] }` or
 * `{ tuningJobName, top? }`, or from the tree the clicked node and the selected nodes.
 */
import { isResourceName } from './names';
import { fail, isObject, resourceName } from './targetFields';
import type { Parsed, TargetProvider } from './targets';

export type CompareTarget =
  | { readonly kind: 'trainingJobs'; readonly trainingJobNames: readonly string[] }
  | { readonly kind: 'tuningJob'; readonly tuningJobName: string; readonly top: number };

export const COMPARE_ARGUMENT_HINT = '{ trainingJobNames: ["job-a", "job-b", …] } (2 or more) or { tuningJobName, top? }';
/** How many children of a tuning job are compared unless `top` says otherwise. */
export const DEFAULT_COMPARE_TOP = 6;
/** More series than this per chart are no longer readable (and the palette repeats). */
export const MAX_COMPARED_JOBS = 20;

/** A tree node that stands for a tuning job ("Compare children"). */
export interface CompareTargetProvider {
  compareTarget(): { readonly tuningJobName: string } | undefined;
}

function trainingJobOf(node: unknown): string | undefined {
  if (isObject(node) && typeof node.metricsTarget === 'function') {
    const t = (node as unknown as TargetProvider).metricsTarget();
    return t?.kind === 'trainingJob' && !t.host ? t.trainingJobName : undefined;
  }
  return undefined;
}

function plain(node: unknown): unknown {
  if (isObject(node) && typeof node.compareTarget === 'function') {
    return (node as unknown as CompareTargetProvider).compareTarget();
  }
  return node;
}

/**
 * From a command's arguments: `(node, selectedNodes)` from the tree's context menu (the selected training
 * jobs; a tuning job's children), or a plain object.
 */
export function parseCompareTarget(arg: unknown, selected?: unknown): Parsed<CompareTarget> {
  if (Array.isArray(selected) && selected.length > 1) {
    const names = selected.map(trainingJobOf);
    if (names.some((n) => n === undefined)) {
      return fail('Compare takes training jobs only: select two or more training jobs in the tree', COMPARE_ARGUMENT_HINT);
    }
    return parseCompareTarget({ trainingJobNames: names });
  }
  const single = trainingJobOf(arg);
  if (single) {
    return fail(`Select two or more training jobs to compare (only ${single} is selected)`, COMPARE_ARGUMENT_HINT);
  }
  const value = plain(arg);
  if (!isObject(value)) {
    return fail('Nothing to compare given', COMPARE_ARGUMENT_HINT);
  }
  if (value.tuningJobName !== undefined) {
    const others = Object.keys(value).filter((k) => k !== 'tuningJobName' && k !== 'top');
    const name = resourceName(value, 'tuningJobName');
    if (name.error || !name.value) {
      return fail(name.error ?? 'No tuning job name', COMPARE_ARGUMENT_HINT);
    }
    if (others.length > 0) {
      return fail(`A tuning job's comparison takes { tuningJobName, top? }, not ${others.join(', ')}`, COMPARE_ARGUMENT_HINT);
    }
    const top = value.top ?? DEFAULT_COMPARE_TOP;
    if (typeof top !== 'number' || !Number.isInteger(top) || top < 2 || top > MAX_COMPARED_JOBS) {
      return fail(`"top" must be a whole number from 2 to ${MAX_COMPARED_JOBS}`, COMPARE_ARGUMENT_HINT);
    }
    return { ok: true, value: { kind: 'tuningJob', tuningJobName: name.value, top } };
  }
  const names = value.trainingJobNames;
  if (!Array.isArray(names)) {
    return fail('No "trainingJobNames" or "tuningJobName"', COMPARE_ARGUMENT_HINT);
  }
  const bad = names.find((n) => typeof n !== 'string' || !isResourceName(n.trim()));
  if (bad !== undefined) {
    return fail(`${JSON.stringify(bad)} in "trainingJobNames" is not a valid SageMaker training job name`, COMPARE_ARGUMENT_HINT);
  }
  const unique = [...new Set((names as string[]).map((n) => n.trim()))];
  if (unique.length < 2) {
    return fail(`Compare needs two or more different training jobs, got ${unique.length}`, COMPARE_ARGUMENT_HINT);
  }
  if (unique.length > MAX_COMPARED_JOBS) {
    return fail(`Compare takes at most ${MAX_COMPARED_JOBS} training jobs, got ${unique.length}`, COMPARE_ARGUMENT_HINT);
  }
  return { ok: true, value: { kind: 'trainingJobs', trainingJobNames: unique } };
}

/** The panel's key and title word: the tuning job, or the jobs' names. */
export function compareTargetLabel(t: CompareTarget): string {
  return t.kind === 'tuningJob' ? `${t.tuningJobName} (top ${t.top})` : t.trainingJobNames.join(', ');
}
