/**
 * CloudWatch Logs filter patterns (the common subset):
 *  - terms (AND):            ERROR Exception
 *  - quoted phrases:         "Traceback (most recent call last)"
 *  - OR terms:               ?ERROR ?WARN
 *  - exclusions:             ERROR -Retrying
 *  - regex terms:            %loss=[0-9.]+%
 *  - JSON patterns:          { $.level = "ERROR" }, { $.latency > 100 && $.path = "/x*" }, || as well
 *  - space-delimited:        [ip, user, ..., status=5*, size>100]
 * Matching is case-sensitive, as in CloudWatch Logs.
 */
import { AwsError, invalidParam } from '../errors';

export type Matcher = (message: string) => boolean;

export function compileFilterPattern(pattern: string | undefined): Matcher {
  const p = (pattern ?? '').trim();
  if (p === '' || p === '""') return () => true;
  try {
    if (p.startsWith('{')) return compileJson(p);
    if (p.startsWith('[')) return compileDelimited(p);
    return compileTerms(p);
  } catch (e) {
    if (e instanceof AwsError) throw e;
    throw invalidParam(`Invalid filter pattern: ${p}`);
  }
}

function tokenize(p: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < p.length) {
    while (i < p.length && /\s/.test(p[i])) i++;
    if (i >= p.length) break;
    let prefix = '';
    if (p[i] === '?' || p[i] === '-') {
      prefix = p[i];
      i++;
    }
    if (p[i] === '"') {
      let j = i + 1;
      let s = '';
      while (j < p.length && p[j] !== '"') {
        if (p[j] === '\\' && j + 1 < p.length) j++;
        s += p[j++];
      }
      if (j >= p.length) throw invalidParam('Invalid filter pattern: unterminated quote');
      out.push(prefix + '\u0000' + s);
      i = j + 1;
    } else if (p[i] === '%') {
      const j = p.indexOf('%', i + 1);
      if (j < 0) throw invalidParam('Invalid filter pattern: unterminated regex');
      out.push(prefix + '\u0001' + p.slice(i + 1, j));
      i = j + 1;
    } else {
      let j = i;
      while (j < p.length && !/\s/.test(p[j])) j++;
      out.push(prefix + '\u0000' + p.slice(i, j));
      i = j;
    }
  }
  return out;
}

function termMatcher(tok: string): Matcher {
  const kind = tok[0];
  const body = tok.slice(1);
  if (kind === '\u0001') {
    const re = new RegExp(body);
    return (m) => re.test(m);
  }
  return (m) => m.includes(body);
}

function compileTerms(p: string): Matcher {
  const all: Matcher[] = [];
  const any: Matcher[] = [];
  const none: Matcher[] = [];
  for (const t of tokenize(p)) {
    if (t[0] === '?') any.push(termMatcher(t.slice(1)));
    else if (t[0] === '-') none.push(termMatcher(t.slice(1)));
    else all.push(termMatcher(t));
  }
  return (m) => {
    for (const f of all) if (!f(m)) return false;
    for (const f of none) if (f(m)) return false;
    if (any.length) {
      for (const f of any) if (f(m)) return true;
      return false;
    }
    return true;
  };
}

function globToRegExp(s: string): RegExp {
  return new RegExp('^' + s.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

type Cond = (v: unknown) => boolean;

function compareCond(op: string, rawValue: string): Cond {
  const v = rawValue.trim();
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) {
    const s = v.slice(1, -1);
    const re = s.includes('*') ? globToRegExp(s) : undefined;
    const eq = (x: unknown) => typeof x === 'string' && (re ? re.test(x) : x === s);
    if (op === '=') return eq;
    if (op === '!=') return (x) => !eq(x);
    throw invalidParam(`Invalid filter pattern: operator ${op} needs a number`);
  }
  if (v === 'NULL') return op === '=' ? (x) => x === null : (x) => x !== null;
  if (v === 'TRUE' || v === 'FALSE') {
    const b = v === 'TRUE';
    return op === '=' ? (x) => x === b : (x) => x !== b;
  }
  if (v === 'EXISTS' || v === 'NOT EXISTS') {
    const want = v === 'EXISTS';
    return (x) => (x !== undefined) === want;
  }
  const n = Number(v);
  if (Number.isNaN(n)) {
    // bare word: string compare (delimited patterns allow unquoted)
    const re = v.includes('*') ? globToRegExp(v) : undefined;
    const eq = (x: unknown) => x !== undefined && (re ? re.test(String(x)) : String(x) === v);
    return op === '!=' ? (x) => !eq(x) : eq;
  }
  const num = (x: unknown) => (typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN);
  switch (op) {
    case '=':
      return (x) => num(x) === n;
    case '!=':
      return (x) => num(x) !== n;
    case '<':
      return (x) => num(x) < n;
    case '<=':
      return (x) => num(x) <= n;
    case '>':
      return (x) => num(x) > n;
    case '>=':
      return (x) => num(x) >= n;
  }
  throw invalidParam(`Invalid filter pattern: bad operator ${op}`);
}

function getPath(obj: unknown, path: string): unknown {
  // $.a.b[0].c
  const parts = path.replace(/^\$\.?/, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let cur: unknown = obj;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

function compileJson(p: string): Matcher {
  if (!p.endsWith('}')) throw invalidParam('Invalid filter pattern: missing }');
  const inner = p.slice(1, -1).trim().replace(/^\(|\)$/g, '');
  // split by && / || (left to right, no nesting)
  const pieces = inner.split(/(\&\&|\|\|)/).map((s) => s.trim().replace(/^\(+|\)+$/g, ''));
  const conds: { cond: (o: unknown) => boolean; join?: string }[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const m = /^(\$[^\s=!<>]*)\s*(=|!=|<=|>=|<|>|IS|NOT EXISTS|EXISTS)?\s*(.*)$/.exec(pieces[i]);
    if (!m) throw invalidParam(`Invalid filter pattern: ${pieces[i]}`);
    const path = m[1];
    let op = m[2] ?? '';
    let value = m[3];
    if (op === 'IS') {
      op = '=';
    } else if (op === 'EXISTS' || op === 'NOT EXISTS') {
      value = op;
      op = '=';
    }
    if (!op) throw invalidParam(`Invalid filter pattern: ${pieces[i]}`);
    const c = compareCond(op, value);
    conds.push({ cond: (o) => c(getPath(o, path)), join: pieces[i - 1] });
  }
  return (message) => {
    const t = message.trimStart();
    if (!t.startsWith('{') && !t.startsWith('[')) return false;
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch {
      return false;
    }
    let result = conds[0].cond(obj);
    for (let i = 1; i < conds.length; i++) {
      const r = conds[i].cond(obj);
      result = conds[i].join === '||' ? result || r : result && r;
    }
    return result;
  };
}

function compileDelimited(p: string): Matcher {
  if (!p.endsWith(']')) throw invalidParam('Invalid filter pattern: missing ]');
  const fields = p
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length);
  const specs = fields.map((f) => {
    if (f === '...') return { ellipsis: true as const };
    const m = /^([A-Za-z0-9_$]+)\s*(=|!=|<=|>=|<|>)\s*(.+)$/.exec(f);
    if (!m) return { ellipsis: false as const };
    return { ellipsis: false as const, cond: compareCond(m[2], m[3]) };
  });
  return (message) => {
    const words = splitDelimited(message);
    // match specs against words, '...' matches any number of words
    const rec = (si: number, wi: number): boolean => {
      if (si === specs.length) return wi === words.length;
      const s = specs[si];
      if (s.ellipsis) {
        for (let k = wi; k <= words.length; k++) if (rec(si + 1, k)) return true;
        return false;
      }
      if (wi >= words.length) return false;
      if (s.cond && !s.cond(words[wi])) return false;
      return rec(si + 1, wi + 1);
    };
    return rec(0, 0);
  };
}

function splitDelimited(m: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g;
  let x: RegExpExecArray | null;
  while ((x = re.exec(m))) out.push(x[1] ?? x[2] ?? x[3]);
  return out;
}
