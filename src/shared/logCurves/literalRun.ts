/**
 * The commonest MetricDefinition, a text then the value as a run of one kind of character — ` loss=([0-9\.]+)`,
 * `accuracy: (\S+)` — found without the regex engine: the text by indexOf, then the run of characters after it,
 * nothing allocated. The same match as the regex: it takes the first place where the text is followed by at least
 * one character of the run (the regex tries each start in turn, and a greedy repeat with nothing after it takes
 * them all). Which ASCII characters the run takes is asked of the translated regex itself, once; a line where the
 * run meets any other character is left to the regex.
 */
import type { Node, Parsed } from './pythonRegexAst';

/** The line has no match. */
export const NO_MATCH = -1;
/** The run met a character beyond ASCII: ask the regex. */
export const ASK_REGEX = -2;

export class LiteralRun {
  /** After a match: where the value ends. */
  end = 0;
  /**
   * The text from its first character that is not white space, which is what is looked for, and the white space
   * before it, checked after: indexOf scans a line for the first character of what it looks for, and a line has a
   * space every few characters (` loss=` is found at half the speed of `loss=`).
   */
  private readonly needle: string;
  private readonly lead: string;

  constructor(
    readonly text: string,
    /** 1 for the ASCII characters the run takes. */
    private readonly takes: Uint8Array,
  ) {
    const k = text.search(/\S/);
    this.lead = k > 0 ? text.slice(0, k) : '';
    this.needle = text.slice(this.lead.length);
  }

  /** Where the value starts (its end in `end`), NO_MATCH or ASK_REGEX. */
  find(message: string): number {
    const n = message.length;
    const k = this.lead.length;
    const skip = this.needle.length;
    for (let at = message.indexOf(this.needle, k); at >= 0; at = message.indexOf(this.needle, at + 1)) {
      if (k > 0 && !message.startsWith(this.lead, at - k)) {
        continue;
      }
      const start = at + skip;
      let end = start;
      for (; end < n; end++) {
        const c = message.charCodeAt(end);
        if (c >= 128) {
          return ASK_REGEX;
        }
        if (this.takes[c] === 0) {
          break;
        }
      }
      if (end > start) {
        this.end = end;
        return start;
      }
    }
    return NO_MATCH;
  }
}

/** The pattern's LiteralRun if it has the shape `text(X+)`, X a character, class, `\d`-like escape or `.`; else undefined. */
export function literalRunOf(parsed: Parsed, regex: RegExp, valueGroup: number): LiteralRun | undefined {
  if (parsed.flags.i || parsed.root.t !== 'seq') {
    return undefined;
  }
  const items = parsed.root.items;
  const last = items[items.length - 1];
  let text = '';
  for (const item of items.slice(0, -1)) {
    // Surrogate halves as text would match inside a pair, which the regex (u) does not.
    if (item.t !== 'char' || (item.cp >= 0xd800 && item.cp <= 0xdfff)) {
      return undefined;
    }
    text += String.fromCodePoint(item.cp);
  }
  if (text === '' || last?.t !== 'group' || last.kind !== 'capture' || last !== parsed.groups[0]) {
    return undefined;
  }
  const q = single(last.body);
  if (q.t !== 'quant' || q.min !== 1 || q.max !== Infinity || q.lazy || q.possessive) {
    return undefined;
  }
  const x = single(q.body);
  if (!(x.t === 'char' || x.t === 'class' || x.t === 'dot' || (x.t === 'esc' && /^\\[dDwWsS]$/.test(x.js)))) {
    return undefined;
  }
  const takes = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    const m = regex.exec(`${text}${ch}`);
    takes[c] = m?.index === 0 && m[valueGroup] === ch ? 1 : 0;
  }
  return new LiteralRun(text, takes);
}

function single(n: Node): Node {
  return n.t === 'seq' && n.items.length === 1 ? single(n.items[0]) : n;
}
