/**
 * A SageMaker MetricDefinitions regex (Python `re` syntax) as a JavaScript RegExp that matches the same text
 * and captures the same value, or a refusal that names the construct, its position and why.
 *
 * SageMaker reads a metric's value from the regex's first capturing group (its docs: "the parenthesis tell the
 * regex to capture what is inside them"; every example has one group): the value is group 1, named or not.
 *
 * How Python's semantics are kept (the JS is always compiled with the `u` flag and never `m` or `s`):
 * - `.` is `[^\n]` (Python's `.` matches `\r`, as in tqdm progress lines; JS's does not), `[^]` under `(?s)`.
 * - `^`/`$`: Python's `$` also matches before a final `\n`; under `(?m)` both look at `\n` only (JS also at `\r`).
 * - `\A` `\Z` (`\z`) are the start and end of the input; `(?#…)` is dropped; `(?x)` whitespace and comments too.
 * - Groups are written unnamed and backreferences by number, so any Python group name works.
 * - Atomic groups `(?>X)` and possessive `X*+` become `(?=(X))\N`, which JS matches the same way.
 * - `\d`, `\w`, `\s`, `\b` are kept: JS's are ASCII where Python's are Unicode (digits other than 0-9 in a
 *   log line are not numbers JS could parse anyway).
 * Leniencies (Python refuses, we accept and say so in `warnings`): `(?<name>…)`. Variable-width lookbehind
 * is accepted without a warning.
 */
import { parsePythonRegex, RegexRefusal, type ClassItem, type GroupNode, type Node } from './pythonRegexParse';
import { literalRunOf, type LiteralRun } from './literalRun';
import { requiredLiteral, type RequiredLiteral } from './requiredLiteral';

export type Translation =
  | {
      readonly ok: true;
      readonly regex: RegExp;
      /** The JS group that holds the value: Python's group 1. */
      readonly valueGroup: number;
      readonly warnings: readonly string[];
      /** Text every match contains (a line without it cannot match), if the pattern has any. */
      readonly literal?: RequiredLiteral;
      /** For the shape `text(X+)`: the match found without the regex engine. */
      readonly run?: LiteralRun;
    }
  | { readonly ok: false; readonly message: string };

const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

export function translatePythonRegex(pattern: string): Translation {
  try {
    const parsed = parsePythonRegex(pattern);
    const first = parsed.groups[0];
    if (!first) {
      return { ok: false, message: 'no capturing group: SageMaker reads the value from the first group, e.g. `loss=(\\S+)`' };
    }
    checkValueGroup(first, pattern);
    checkEmptyRepeats(parsed.root, pattern);
    const w = new Writer();
    const source = w.node(parsed.root);
    const flags = `u${parsed.flags.i ? 'i' : ''}`;
    let regex: RegExp;
    try {
      regex = new RegExp(source, flags);
    } catch (e) {
      return { ok: false, message: `cannot be written as a JavaScript regex (${(e as Error).message})` };
    }
    const valueGroup = w.jsIndex(first);
    const literal = requiredLiteral(parsed);
    const run = literalRunOf(parsed, regex, valueGroup);
    return { ok: true, regex, valueGroup, warnings: parsed.warnings, ...(literal ? { literal } : {}), ...(run ? { run } : {}) };
  } catch (e) {
    if (e instanceof RegexRefusal) {
      return { ok: false, message: e.message };
    }
    throw e;
  }
}

/**
 * JS forgets a group's capture at each repetition of a group around it, Python keeps the last one: when the
 * value group may be skipped in a repetition (`(?:x(\d)|y)+`), the two would read different values.
 */
function checkValueGroup(g: GroupNode, pattern: string): void {
  let optional = false;
  for (let node: GroupNode = g; node.parent; node = node.parent) {
    optional ||= node.minZero;
    const parent = node.parent;
    optional ||= parent.branch > 0;
    if (parent.repeated && optional) {
      throw new RegexRefusal(
        `\`${pattern.slice(g.start, g.end)}\` at position ${g.start}: the value group sits in a repeated group that may skip it (Python keeps an earlier repetition's value, JavaScript forgets it)`,
        g.start,
        false,
      );
    }
  }
}

/** Whether a node can match the empty string. */
function nullable(n: Node): boolean {
  switch (n.t) {
    case 'seq':
      return n.items.every(nullable);
    case 'alt':
      return n.branches.some(nullable);
    case 'group':
      return n.kind === 'capture' || n.kind === 'noncap' || n.kind === 'atomic' ? nullable(n.body) : true;
    case 'quant':
      return n.min === 0 || nullable(n.body);
    case 'backref':
      return nullable(n.group.body);
    case 'char':
    case 'class':
    case 'dot':
      return false;
    case 'esc':
      return /^\\[bB]$/.test(n.js);
    default:
      return true;
  }
}

/**
 * An optional or repeated part that can match empty text (`(a*)+`, `(x?)?`): Python accepts an empty
 * repetition and keeps its captures, JavaScript refuses one beyond the minimum and backtracks, so the two
 * capture (and sometimes match) different text.
 */
function checkEmptyRepeats(n: Node, pattern: string): void {
  const children = n.t === 'seq' ? n.items : n.t === 'alt' ? n.branches : n.t === 'group' || n.t === 'quant' ? [n.body] : [];
  if (n.t === 'quant' && n.max > n.min && nullable(n.body)) {
    const at = n.body.t === 'group' ? n.body.start : 0;
    const text = n.body.t === 'group' ? pattern.slice(n.body.start, n.body.end) : 'a repeat';
    throw new RegexRefusal(`\`${text}\` at position ${at}: it can match empty text and is optional or repeated, which Python and JavaScript treat differently`, at, false);
  }
  for (const c of children) {
    checkEmptyRepeats(c, pattern);
  }
}

class Writer {
  private count = 0;
  private readonly numbers = new Map<GroupNode, number>();

  jsIndex(g: GroupNode): number {
    return this.numbers.get(g) ?? 0;
  }

  node(n: Node): string {
    switch (n.t) {
      case 'seq':
        return n.items.map((i) => this.node(i)).join('');
      case 'alt':
        return n.branches.map((b) => this.node(b)).join('|');
      case 'group':
        return this.group(n);
      case 'quant':
        return this.quant(n);
      case 'char':
        return char(n.cp, false);
      case 'class':
        return `[${n.negate ? '^' : ''}${n.items.map(classItem).join('')}]`;
      case 'esc':
        return n.js;
      case 'dot':
        return n.dotAll ? '[^]' : '[^\\n]';
      case 'bol':
        return n.multiline ? '(?<![^\\n])' : '^';
      case 'eol':
        return n.multiline ? '(?![^\\n])' : '(?=\\n?$)';
      case 'startOfInput':
        return '^';
      case 'endOfInput':
        return '$';
      case 'backref':
        return `(?:\\${this.jsIndex(n.group)})`;
    }
  }

  private group(g: GroupNode): string {
    if (g.kind === 'capture') {
      this.numbers.set(g, ++this.count);
      return `(${this.node(g.body)})`;
    }
    if (g.kind === 'atomic') {
      return this.atomic(() => this.node(g.body));
    }
    const open = { noncap: '(?:', ahead: '(?=', nahead: '(?!', behind: '(?<=', nbehind: '(?<!' }[g.kind];
    return `${open}${this.node(g.body)})`;
  }

  /** `(?=(X))\N`: the lookahead finds X's match once, the backreference consumes it and never backtracks into it. */
  private atomic(body: () => string): string {
    const n = ++this.count;
    return `(?:(?=(${body()}))\\${n})`;
  }

  private quant(q: Extract<Node, { t: 'quant' }>): string {
    const suffix =
      q.min === 0 && q.max === Infinity ? '*' : q.min === 1 && q.max === Infinity ? '+' : q.min === 0 && q.max === 1 ? '?' : q.max === Infinity ? `{${q.min},}` : q.min === q.max ? `{${q.min}}` : `{${q.min},${q.max}}`;
    const write = () => {
      const body = this.node(q.body);
      // JS (u) cannot repeat a lookaround directly.
      const wrap = q.body.t === 'group' && q.body.kind !== 'capture' && q.body.kind !== 'noncap' && q.body.kind !== 'atomic';
      return `${wrap ? `(?:${body})` : body}${suffix}${q.lazy ? '?' : ''}`;
    };
    return q.possessive ? this.atomic(write) : write();
  }
}

function char(cp: number, inClass: boolean): string {
  const c = String.fromCodePoint(cp);
  if (SYNTAX.has(c) || (inClass && c === '-')) {
    return `\\${c}`;
  }
  // Control characters, line terminators and other spaces are written as escapes, so the source reads plainly.
  return /[\p{L}\p{N}\p{P}\p{S} ]/u.test(c) ? c : `\\u{${cp.toString(16)}}`;
}

function classItem(i: ClassItem): string {
  return i.t === 'esc' ? i.js : i.t === 'char' ? char(i.cp, true) : `${char(i.lo, true)}-${char(i.hi, true)}`;
}
