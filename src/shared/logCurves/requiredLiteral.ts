/**
 * The longest run of plain characters that every match of a parsed regex contains, so that a line without it can
 * be skipped without running the regex (`.*\[Epoch\s(\d+)\].*eval_loss: ([0-9.]+)` backtracks a long time over a
 * line that has no `eval_loss: `). Derived from the tree, never guessed: only characters that sit one after the
 * other on the path every match takes count — in the top-level sequence, in groups that are not optional, and in
 * the body of a repeat that must run at least once; an alternative, an optional part, a class, an escape, a
 * lookaround, an anchor or a backreference ends a run. None under case-insensitivity (the run's case may differ).
 */
import type { Node, Parsed } from './pythonRegexAst';

export interface RequiredLiteral {
  readonly text: string;
  /** It is where every match starts (nothing before it in the pattern): the regex engine searches for it itself. */
  readonly leading: boolean;
}

export function requiredLiteral(parsed: Parsed): RequiredLiteral | undefined {
  if (parsed.flags.i) {
    return undefined;
  }
  const runs: { text: string; leading: boolean }[] = [];
  let run = '';
  let first = true;
  const end = () => {
    if (run !== '') {
      runs.push({ text: run, leading: first });
    }
    run = '';
    first = false;
  };
  const walk = (n: Node): void => {
    switch (n.t) {
      case 'char':
        run += String.fromCodePoint(n.cp);
        return;
      case 'seq':
        n.items.forEach(walk);
        return;
      case 'group':
        // A capturing, non-capturing or atomic group matches its body in place; a lookaround reads no text.
        if (n.kind === 'capture' || n.kind === 'noncap' || n.kind === 'atomic') {
          walk(n.body);
          return;
        }
        end();
        return;
      case 'quant':
        end();
        if (n.min >= 1) {
          // Its body matches at least once, as a whole: a run inside it is required, not joined to its neighbours.
          walk(n.body);
          end();
        }
        return;
      default:
        end();
    }
  };
  walk(parsed.root);
  end();
  let best: RequiredLiteral | undefined;
  for (const r of runs) {
    if (!best || r.text.length > best.text.length) {
      best = r;
    }
  }
  return best;
}
