import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import { UserFacingError } from '../platform/errors';
import type { TargetPicker } from '../platform/pickTarget';
import { parseExcludePattern } from './engine/exclude';
import { JOB_START_FIELDS, START_PRESET_LABELS, isStartPreset, parseStartTime, presetStartTime, type StartPreset } from './engine/startTime';
import { formatTimestamp } from './engine/format';
import { jobNoun, jobRefOfTarget, type JobRef } from '../shared/jobRef';
import { parseTailTarget, targetResourceName, type TailTarget } from '../shared/targets';
import { stopChoice } from './stopChoice';
import { tailPickItem, type TailManager } from './tailManager';
import type { TailInfo, TailSession } from './tailSession';

/** Asks for a target when a command comes from the command palette with no argument; undefined: dismissed. */
async function targetArg(arg: unknown, pick: TargetPicker | undefined, title: string): Promise<unknown> {
  return arg === undefined && pick ? pick(title) : arg;
}

function parsedTarget(arg: unknown): TailTarget {
  const parsed = parseTailTarget(arg);
  if (!parsed.ok) {
    throw new UserFacingError(`Tail Logs: ${parsed.error}`);
  }
  return parsed.value;
}

/**
 * `sagemakerMonitor.tailLogs` with `{ trainingJobName, host? }`, `{ processingJobName, host? }`,
 * `{ transformJobName, host?, dataLog? }`, `{ endpointName, variantName?, instanceId? }` or `{ logGroupName, logStreamName }`, each optionally with `startTime`, `endTime` (a fixed window), `follow`,
 * `filterPattern` and `excludePattern`. With no argument it asks for a training job or endpoint.
 */
export async function tailLogs(tails: TailManager, arg: unknown, pick?: TargetPicker): Promise<TailInfo | undefined> {
  const chosen = await targetArg(arg, pick, 'Tail Logs');
  if (chosen === undefined && arg === undefined && pick) {
    return undefined;
  }
  const target = parsedTarget(chosen);
  // From the tree, a transform job or instance with both kinds of stream: ask which (a plain object says so itself).
  if (target.kind === 'transformJob' && target.dataLog === undefined && isTargetProvider(chosen)) {
    const dataLog = await pickTransformStreams(target.transformJobName, target.host);
    return dataLog === 'dismissed' ? undefined : tails.start({ ...target, ...(dataLog === undefined ? {} : { dataLog }) });
  }
  return tails.start(target);
}

function isTargetProvider(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && typeof (arg as { tailTarget?: unknown }).tailTarget === 'function';
}

/** Which streams of a transform job to tail: both (undefined), the model server (false) or the data log (true). */
async function pickTransformStreams(jobName: string, instanceId: string | undefined): Promise<boolean | undefined | 'dismissed'> {
  const items: (vscode.QuickPickItem & { dataLog: boolean | undefined })[] = [
    { label: 'Model server and data log', description: 'every stream, each line tagged with its stream', dataLog: undefined },
    { label: 'Model server', description: '<instance-id>-<epoch>: requests, errors, the container\'s output', dataLog: false },
    { label: 'Data log', description: '<instance-id>-<epoch>/data-log: what each input object came to', dataLog: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Tail Logs: ${instanceId ? `${jobName} / ${instanceId}` : jobName}`, placeHolder: 'Which logs of the transform job' });
  return picked ? picked.dataLog : 'dismissed';
}

const STOP_ALL_LABEL = 'Stop all tails';

/**
 * `sagemakerMonitor.stopTail`: `{ name }` or a name (job, endpoint, stream or channel) stops that tail without
 * asking. With no argument (the status bar item, the command palette) it stops the tail whose channel is showing;
 * it asks only when it cannot tell: no tail's channel showing or several, and more than one tail running.
 */
export async function stopTail(tails: TailManager, arg?: unknown): Promise<void> {
  const name = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as { name?: unknown }).name === 'string' ? (arg as { name: string }).name : undefined;
  if (name !== undefined) {
    tails.stop(name);
    return;
  }
  const choice = stopChoice(tails.active(), tails.visibleTails());
  if (choice.kind === 'none') {
    void vscode.window.showInformationMessage('No SageMaker logs are being tailed.');
    return;
  }
  if (choice.kind === 'stop') {
    choice.tail.stop();
    return;
  }
  const picked = await vscode.window.showQuickPick([...choice.tails.map(tailPickItem), { label: STOP_ALL_LABEL, description: `${choice.tails.length} tails`, session: undefined }], {
    title: 'Stop Tailing Logs',
    placeHolder: 'Which tail to stop?',
  });
  if (picked?.session) {
    picked.session.stop();
  } else if (picked) {
    tails.stopAll();
  }
}

let lastFilterPattern = '';

const FILTER_PROMPT = 'A CloudWatch Logs filter pattern, applied by the service: ERROR, ?Traceback ?Exception, "exact phrase", -DEBUG, { $.level = "error" }. Empty: every line.';
const EXCLUDE_PROMPT = 'A regular expression for lines to leave out, applied here: healthcheck|GET /ping, or /debug/i. Empty: none.';

function validateExclude(text: string): string | undefined {
  const parsed = parseExcludePattern(text);
  return parsed.ok ? undefined : parsed.error;
}

/** `sagemakerMonitor.tailLogsWithFilter`: asks for a CloudWatch filter pattern and an exclude regex, then tails with them. */
export async function tailLogsWithFilter(tails: TailManager, arg: unknown, defaultExclude: () => string = () => ''): Promise<TailInfo | undefined> {
  const target = parsedTarget(arg);
  const name = targetResourceName(target);
  const pattern = await vscode.window.showInputBox({
    title: `Tail ${name} with a filter (1/2)`,
    prompt: FILTER_PROMPT,
    value: target.filterPattern ?? lastFilterPattern,
    placeHolder: '?ERROR ?Traceback',
    ignoreFocusOut: true,
  });
  if (pattern === undefined) {
    return undefined;
  }
  const exclude = await vscode.window.showInputBox({
    title: `Tail ${name} with a filter (2/2)`,
    prompt: EXCLUDE_PROMPT,
    value: target.excludePattern ?? defaultExclude(),
    placeHolder: 'healthcheck|GET /ping',
    validateInput: validateExclude,
    ignoreFocusOut: true,
  });
  if (exclude === undefined) {
    return undefined;
  }
  lastFilterPattern = pattern.trim();
  const { filterPattern: _previous, ...rest } = target;
  return tails.start({ ...rest, ...(lastFilterPattern ? { filterPattern: lastFilterPattern } : {}), excludePattern: exclude.trim() });
}

type Fields = Record<string, unknown>;

/** The running tail an argument names: `{ channel }`, `{ name }`, a target (or tree node), or a name string. */
async function tailOf(tails: TailManager, arg: unknown): Promise<TailSession | undefined> {
  const fields: Fields = typeof arg === 'object' && arg !== null ? (arg as Fields) : {};
  const named = typeof arg === 'string' ? arg : typeof fields.channel === 'string' ? fields.channel : typeof fields.name === 'string' ? fields.name : undefined;
  const parsed = named === undefined && arg !== undefined ? parseTailTarget(arg) : undefined;
  const name = named ?? (parsed?.ok ? targetResourceName(parsed.value) : undefined);
  if (name !== undefined) {
    const found = tails.find(name);
    if (!found) {
      throw new UserFacingError(`Change Log Filter: no running tail of ${name}.`);
    }
    return found;
  }
  if (tails.active().length === 0) {
    void vscode.window.showInformationMessage('No SageMaker logs are being tailed.');
    return undefined;
  }
  return tails.pickActive('Change Log Filter');
}

/**
 * `sagemakerMonitor.changeTailFilter`: changes a running tail's CloudWatch filter pattern and/or its exclude
 * regex. `{ channel | name | target…, filterPattern?, excludePattern? }` applies what it gives ('' clears);
 * otherwise it asks. An invalid regex is refused and the tail keeps running as it was.
 */
export async function changeTailFilter(tails: TailManager, arg?: unknown, defaultExclude: () => string = () => ''): Promise<TailInfo | undefined> {
  const session = await tailOf(tails, arg);
  if (!session) {
    return undefined;
  }
  const fields: Fields = typeof arg === 'object' && arg !== null ? (arg as Fields) : {};
  let filterPattern = typeof fields.filterPattern === 'string' ? fields.filterPattern : undefined;
  let excludePattern = typeof fields.excludePattern === 'string' ? fields.excludePattern : undefined;
  if (filterPattern === undefined && excludePattern === undefined) {
    const asked = await askFilterChange(session, defaultExclude);
    if (!asked) {
      return undefined;
    }
    ({ filterPattern, excludePattern } = asked);
  }
  if (excludePattern !== undefined) {
    const parsed = parseExcludePattern(excludePattern);
    if (!parsed.ok) {
      throw new UserFacingError(`Exclude pattern: ${parsed.error} The tail of ${session.resourceName} goes on unchanged.`);
    }
    session.setExclude({ text: excludePattern.trim(), regex: parsed.regex, override: true });
  }
  if (filterPattern !== undefined && (filterPattern.trim() || undefined) !== session.filterPattern) {
    session.setFilterPattern(filterPattern);
  }
  return session;
}

async function askFilterChange(session: TailSession, defaultExclude: () => string): Promise<{ filterPattern?: string; excludePattern?: string } | undefined> {
  const which = await vscode.window.showQuickPick(
    [
      { label: '$(filter) Filter pattern', description: session.filterPattern ?? 'none', detail: 'Applied by CloudWatch Logs, in Live Tail and when polling', what: 'filter' as const },
      { label: '$(eye-closed) Exclude regex', description: session.excludePattern ? `${session.excludePattern} · ${session.excludedCount} lines excluded` : 'none', detail: 'Lines it matches are left out here', what: 'exclude' as const },
    ],
    { title: `Change Log Filter: ${session.resourceName}`, placeHolder: 'What to change?' },
  );
  if (!which) {
    return undefined;
  }
  if (which.what === 'filter') {
    const filterPattern = await vscode.window.showInputBox({ title: `Filter pattern for ${session.resourceName}`, prompt: FILTER_PROMPT, value: session.filterPattern ?? '', placeHolder: '?ERROR ?Traceback', ignoreFocusOut: true });
    return filterPattern === undefined ? undefined : { filterPattern };
  }
  const excludePattern = await vscode.window.showInputBox({
    title: `Exclude regex for ${session.resourceName}`,
    prompt: EXCLUDE_PROMPT,
    value: session.excludePattern ?? defaultExclude(),
    placeHolder: 'healthcheck|GET /ping',
    validateInput: validateExclude,
    ignoreFocusOut: true,
  });
  return excludePattern === undefined ? undefined : { excludePattern };
}

/** A job's start and creation times, whatever its kind (for "from the start of the job"). */
export async function describeJob(
  catalog: Pick<ResourceCatalog, 'describeTrainingJob' | 'describeProcessingJob' | 'describeTransformJob'>,
  job: JobRef,
): Promise<{ readonly startedAt?: number; readonly createdAt?: number }> {
  switch (job.kind) {
    case 'training':
      return catalog.describeTrainingJob(job.name);
    case 'processing':
      return catalog.describeProcessingJob(job.name);
    case 'transform':
      return catalog.describeTransformJob(job.name);
  }
}

export interface TailFromDeps {
  readonly pick?: TargetPicker;
  /** A job's start and creation times (DescribeTrainingJob, DescribeProcessingJob, DescribeTransformJob). */
  readonly describeJob: (job: JobRef) => Promise<{ readonly startedAt?: number; readonly createdAt?: number }>;
  readonly backfillLines: () => number;
  readonly now: () => number;
}

/**
 * `sagemakerMonitor.tailLogsFrom`: tails a target from a chosen time: the last N lines, the last minutes to
 * day, the start of the job (training, processing or transform, or one of its hosts), or a typed time. `{ …target, from: '15m' | 'jobStart' | … }` skips the
 * pick; `from: 'custom'` goes straight to typing a time.
 */
export async function tailLogsFrom(tails: TailManager, arg: unknown, deps: TailFromDeps): Promise<TailInfo | undefined> {
  const chosen = await targetArg(arg, deps.pick, 'Tail Logs From…');
  if (chosen === undefined && arg === undefined && deps.pick) {
    return undefined;
  }
  const target = parsedTarget(chosen);
  const given = typeof chosen === 'object' && chosen !== null ? (chosen as Fields).from : undefined;
  if (given !== undefined && given !== 'custom' && !isStartPreset(given)) {
    throw new UserFacingError(`Tail Logs From: "from" must be one of lines, 5m, 15m, 1h, 3h, 1d, jobStart, custom.`);
  }
  const from = given === 'custom' ? await askTime(target, deps) : (given ?? (await askStart(target, deps)));
  if (from === undefined) {
    return undefined;
  }
  const { startTime: _start, endTime: _end, ...rest } = target;
  let startTime: number | undefined;
  if (typeof from === 'number') {
    startTime = from;
  } else if (from === 'jobStart') {
    const job = jobRefOfTarget(target);
    if (!job) {
      throw new UserFacingError('Tail Logs From: "from the start of the job" needs a training, processing or transform job.');
    }
    startTime = presetStartTime('jobStart', deps.now(), await deps.describeJob(job));
    if (startTime === undefined) {
      throw new UserFacingError(`Tail Logs From: ${jobNoun(job.kind)} ${job.name} has no start or creation time yet.`);
    }
  } else {
    startTime = presetStartTime(from, deps.now());
  }
  return tails.start(startTime === undefined ? rest : { ...rest, startTime });
}

async function askStart(target: TailTarget, deps: TailFromDeps): Promise<StartPreset | number | undefined> {
  type Item = vscode.QuickPickItem & { from: StartPreset | 'custom' };
  const job = jobRefOfTarget(target);
  const items: Item[] = [
    { label: `Last ${deps.backfillLines()} lines`, description: 'sagemakerMonitor.logs.backfillLines', from: 'lines' },
    ...(['5m', '15m', '1h', '3h', '1d'] as const).map((p): Item => ({ label: START_PRESET_LABELS[p], from: p })),
    ...(job ? [{ label: START_PRESET_LABELS.jobStart, description: JOB_START_FIELDS[job.kind], from: 'jobStart' as const }] : []),
    { label: 'Custom time…', description: 'a date and time', from: 'custom' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Tail ${targetResourceName(target)} from…`, placeHolder: 'Where the tail starts; it follows from there' });
  if (!picked) {
    return undefined;
  }
  return picked.from === 'custom' ? askTime(target, deps) : picked.from;
}

async function askTime(target: TailTarget, deps: TailFromDeps): Promise<number | undefined> {
  const example = formatTimestamp(deps.now() - 3600_000, 'local').slice(0, 16);
  const typed = await vscode.window.showInputBox({
    title: `Tail ${targetResourceName(target)} from…`,
    prompt: 'Local date and time (2026-11-24 21:00), or ISO 8601 with a zone (2026-11-24T21:00:00Z)',
    value: example,
    validateInput: (text) => {
      const r = parseStartTime(text, deps.now());
      return r.ok ? undefined : r.error;
    },
    ignoreFocusOut: true,
  });
  if (typed === undefined) {
    return undefined;
  }
  const r = parseStartTime(typed, deps.now());
  return r.ok ? r.value : undefined;
}
