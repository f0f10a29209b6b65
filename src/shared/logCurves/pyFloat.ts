/**
 * A captured value read as Python's `float()` reads it: surrounding whitespace, a sign, `_` between digits,
 * `1.`, `.5`, `1e-3`, `inf`/`infinity`/`nan` in any case. Anything else is not a number.
 */
const PY_FLOAT = /^\s*[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf(?:inity)?|nan)\s*$/i;

/** What almost every value looks like, and what JS's Number() reads exactly as Python does. */
const PLAIN = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** The number, NaN or ±Infinity as Python would have it; undefined when Python's float() would raise. */
export function parsePythonFloat(text: string): number | undefined {
  if (PLAIN.test(text)) {
    return Number(text);
  }
  if (!PY_FLOAT.test(text)) {
    return undefined;
  }
  const t = text.trim().replace(/_/g, '').toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const bare = t.replace(/^[+-]/, '');
  if (bare === 'nan') {
    return NaN;
  }
  if (bare === 'inf' || bare === 'infinity') {
    return sign * Infinity;
  }
  return Number(t);
}
