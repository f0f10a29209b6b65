/**
 * `sagemakerMonitor.metrics.logPatterns`: JavaScript regexes that turn log lines into curves for jobs without
 * MetricDefinitions. Named groups: `value` (the number), `name` (the metric's name, else the entry's `name`),
 * `step` / `epoch` (the x of the points). Each pattern is applied to every match in a line, so one pattern
 * reads `loss=0.4 acc=0.9` or a whole Hugging Face dict. A match whose `name` is `epoch`, `step` or
 * `global_step` gives the x of the line's other points instead of a curve; a match with `epoch` or `step` and no
 * `value` (Keras's `Epoch 3/10` line) sets the host's epoch for the lines after it.
 */

export interface LogPatternSetting {
  readonly name?: string;
  readonly regex: string;
}

/** A number as training scripts print it (Python floats: `2e-05`, `.5`, `nan`), not followed by more of a word, time or fraction. */
const NUM = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.:/])|[-+]?(?:nan|inf)\b`;
const KEY = String.raw`[A-Za-z_][\w./-]*`;

/** The defaults (also package.json's default of the setting; a unit test keeps them equal). */
export const DEFAULT_LOG_PATTERNS: readonly LogPatternSetting[] = [
  // loss=0.123, val_acc=0.9, tqdm's [..., loss=0.5]
  { regex: String.raw`(?<![\w.])(?<name>${KEY})=(?<value>${NUM})` },
  // train_loss: 0.123; Keras's `... - loss: 0.1234 - accuracy: 0.9500`
  { regex: String.raw`(?<![\w.'"])(?<name>${KEY}): (?<value>${NUM})` },
  // Hugging Face Trainer: {'loss': 0.41, 'learning_rate': 2e-05, 'epoch': 0.5}; JSON "loss": 0.41
  { regex: String.raw`['"](?<name>${KEY})['"]: ?(?<value>${NUM})` },
  // Keras: `Epoch 3/10` on its own line: the epoch of the lines that follow
  { regex: String.raw`^Epoch (?<epoch>\d+)/\d+\s*$` },
];

/**
 * Texts one of which a line must hold for a default pattern to match it (each is a literal of the pattern outside any
 * optional part): a line without any is not searched. A lookbehind and a key class leave the regex engine no text to
 * look for, so it tried every position of every line; most lines of a job match none of the patterns.
 */
const DEFAULT_REQUIRES: ReadonlyMap<string, readonly string[]> = new Map([
  [DEFAULT_LOG_PATTERNS[0].regex, ['=']],
  [DEFAULT_LOG_PATTERNS[1].regex, [': ']],
  [DEFAULT_LOG_PATTERNS[2].regex, ["':", '":']],
  [DEFAULT_LOG_PATTERNS[3].regex, ['Epoch ']],
]);

/** Names whose value is the x of a line's points, not a curve. */
export const X_NAMES: ReadonlySet<string> = new Set(['epoch', 'step', 'global_step']);

export interface LogPattern {
  /** `logPatterns[2]` or the entry's name: how problems name it. */
  readonly label: string;
  /** Global (every match of a line). */
  readonly regex: RegExp;
  readonly name?: string;
  readonly groups: { readonly value: boolean; readonly name: boolean; readonly step: boolean; readonly epoch: boolean };
  /** A line holds one of these texts, or the pattern cannot match it (known for the defaults only). */
  readonly requires?: readonly string[];
}

export interface LogPatternsReading {
  readonly patterns: LogPattern[];
  /** One sentence per entry that was left out; the others still work. */
  readonly problems: string[];
}

/** Reads the setting's value (anything the user wrote) into patterns, leaving out what is wrong and saying why. */
export function readLogPatterns(raw: unknown): LogPatternsReading {
  if (raw === undefined || raw === null) {
    return readLogPatterns(DEFAULT_LOG_PATTERNS);
  }
  if (!Array.isArray(raw)) {
    const defaults = readLogPatterns(DEFAULT_LOG_PATTERNS);
    return { patterns: defaults.patterns, problems: ['sagemakerMonitor.metrics.logPatterns must be a list of { "regex": …, "name"?: … }: the defaults are used'] };
  }
  const patterns: LogPattern[] = [];
  const problems: string[] = [];
  raw.forEach((entry: unknown, i) => {
    const read = readEntry(entry, `logPatterns[${i}]`);
    if (typeof read === 'string') {
      problems.push(read);
    } else {
      patterns.push(read);
    }
  });
  return { patterns, problems };
}

function readEntry(entry: unknown, at: string): LogPattern | string {
  if (typeof entry === 'string') {
    return readEntry({ regex: entry }, at);
  }
  if (!entry || typeof entry !== 'object' || typeof (entry as { regex?: unknown }).regex !== 'string') {
    return `${at}: needs a "regex" (a string)`;
  }
  const { regex: source, name } = entry as { regex: string; name?: unknown };
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) {
    return `${at}: "name" must be a non-empty string`;
  }
  const label = name ? `${at} (${name})` : at;
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'gu');
  } catch {
    try {
      // A pattern valid only without the u flag (`\-`, `\:`…) still works.
      regex = new RegExp(source, 'g');
    } catch (e) {
      return `${label}: not a valid regex (${(e as Error).message})`;
    }
  }
  // Every named group shows up (undefined) when the pattern's empty alternative matches the empty string.
  const names = new Set(Object.keys(new RegExp(`(?:${regex.source})|`, regex.flags.replace('g', '')).exec('')?.groups ?? {}));
  const groups = { value: names.has('value'), name: names.has('name'), step: names.has('step'), epoch: names.has('epoch') };
  if (!groups.value && !groups.step && !groups.epoch) {
    return `${label}: needs a (?<value>…) group (or (?<epoch>…) / (?<step>…) alone, for a line that sets the x of the lines after it)`;
  }
  if (groups.value && !groups.name && !name) {
    return `${label}: needs a "name" or a (?<name>…) group, to name the curve`;
  }
  if (regex.test('')) {
    return `${label}: matches an empty line; it would match everywhere`;
  }
  regex.lastIndex = 0;
  const requires = DEFAULT_REQUIRES.get(source);
  return { label, regex, ...(name ? { name } : {}), groups, ...(requires ? { requires } : {}) };
}
