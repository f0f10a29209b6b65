/** GetMetricData metric math: + - * / with numbers, query ids and parentheses over earlier queries' results. */
import { bad } from './cloudwatchInput';

export interface QueryOut {
  Id: string;
  Label: string;
  timestamps: number[];
  values: number[];
  messages: { Code: string; Value: string }[];
  returnData: boolean;
}

/** Simple metric math: + - * / with numbers, query ids and parentheses; anything else is unsupported. */
export function runExpression(expr: string, id: string, label: string | undefined, prior: Map<string, QueryOut>, returnData: boolean): QueryOut {
  const tokens = expr.match(/\s*([A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|[-+*/()])/g);
  if (!tokens || tokens.join('').replace(/\s+/g, '') !== expr.replace(/\s+/g, '')) {
    throw bad(`Unsupported expression in query ${id}: the simulator supports only + - * / between query ids and numbers: ${expr}`);
  }
  const toks = tokens.map((t) => t.trim());
  for (const t of toks) {
    if (/^[A-Za-z_]/.test(t) && !prior.has(t)) throw bad(`Error in expression ${id}: Unrecognized symbol ${t} (the simulator supports only + - * / between query ids and numbers)`);
  }
  const times = new Set<number>();
  for (const t of toks) if (prior.has(t)) for (const ts of (prior.get(t) as QueryOut).timestamps) times.add(ts);
  const sorted = [...times].sort((a, b) => a - b);
  const lookup = new Map<string, Map<number, number>>();
  for (const t of toks) {
    const q = prior.get(t);
    if (q && !lookup.has(t)) lookup.set(t, new Map(q.timestamps.map((ts, i) => [ts, q.values[i]])));
  }
  const outT: number[] = [];
  const outV: number[] = [];
  for (const ts of sorted) {
    let i = 0;
    const expr1 = (): number => {
      let v = term();
      while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + term() : v - term();
      return v;
    };
    const term = (): number => {
      let v = factor();
      while (toks[i] === '*' || toks[i] === '/') v = toks[i++] === '*' ? v * factor() : v / factor();
      return v;
    };
    const factor = (): number => {
      const t = toks[i++];
      if (t === '(') {
        const v = expr1();
        i++;
        return v;
      }
      if (t === '-') return -factor();
      if (t !== undefined && /^\d/.test(t)) return Number(t);
      const m = t !== undefined ? lookup.get(t) : undefined;
      return m?.get(ts) ?? NaN;
    };
    const v = expr1();
    if (Number.isFinite(v)) {
      outT.push(ts);
      outV.push(v);
    }
  }
  return { Id: id, Label: label ?? id, timestamps: outT, values: outV, messages: [], returnData };
}
