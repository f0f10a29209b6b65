/**
 * A captured value read as Python's `float()` reads it: surrounding whitespace, a sign, `_` between digits,
 * `1.`, `.5`, `1e-3`, `inf`/`infinity`/`nan` in any case. Anything else is not a number.
 */
const PY_FLOAT = /^\s*[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf(?:inity)?|nan)\s*$/i;

/** What almost every value looks like, and what JS's Number() reads exactly as Python does. */
const PLAIN = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Exact powers of ten as doubles (10^22 is the last). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * `[-+]?digits[.digits]` with at most 15 digits (the text, or its part from `start` to `end`), read without building a number from text: the digits as an
 * integer (exact below 2^53) divided by an exact power of ten is correctly rounded, as Number() is (Clinger's
 * fast path); undefined for anything else.
 */
export function plainDecimal(text: string, start = 0, end = text.length): number | undefined {
  const n = end;
  let i = start;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 /* . */ && point < 0) {
      point = digits;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15) {
    return undefined;
  }
  const value = point < 0 ? mantissa : mantissa / POW10[digits - point];
  return negative ? -value : value;
}

/** The number, NaN or ±Infinity as Python would have it; undefined when Python's float() would raise. */
export function parsePythonFloat(text: string): number | undefined {
  const fast = plainDecimal(text);
  if (fast !== undefined) {
    return fast;
  }
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
