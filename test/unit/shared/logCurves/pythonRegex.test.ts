import * as assert from 'node:assert/strict';
import { translatePythonRegex } from '../../../../src/shared/logCurves/pythonRegex';

/**
 * The table of issue #19: a Python pattern (as in MetricDefinitions), the JavaScript it becomes (source, flags,
 * the group that holds the value) or why it is refused; where it matters, a log line and the value Python's
 * `re.search(p, line).group(1)` gives (None = no match).
 */
interface Row {
  readonly py: string;
  readonly js?: string;
  readonly flags?: string;
  readonly group?: number;
  readonly warns?: RegExp;
  readonly refused?: RegExp;
  readonly lines?: readonly (readonly [line: string, value: string | null])[];
}

const NUM = String.raw`([\-\+]?[0-9]*\.?[0-9]+(?:[eE][\-\+]?[0-9]+)?)`;
const table: readonly Row[] = [
  // Real MetricDefinitions of SageMaker's built-in algorithms and examples
  {
    py: String.raw`.*\[[0-9]+\].*#011validation-auc:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*`,
    js: String.raw`[^\n]*\[[0-9]+\][^\n]*#011validation-auc:${NUM}[^\n]*`,
    lines: [
      ['[2024-01-01:12:00:00:INFO] [7]#011train-auc:0.9412#011validation-auc:0.93125', '0.93125'],
      ['[12]#011validation-auc:1e-3', '1e-3'],
      ['validation-auc:0.9 (no round)', null],
    ],
  },
  { py: String.raw`.*\[[0-9]+\].*#011train-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*`, js: String.raw`[^\n]*\[[0-9]+\][^\n]*#011train-rmse:${NUM}[^\n]*`, lines: [['[3]#011train-rmse:2.1834#011validation-rmse:2.3', '2.1834']] },
  { py: String.raw`'eval_loss': ([0-9\.]+)`, js: String.raw`'eval_loss': ([0-9\.]+)`, lines: [["{'eval_loss': 0.3521, 'eval_runtime': 12.1, 'epoch': 1.0}", '0.3521']] },
  { py: String.raw`'loss': ([0-9]+\.[0-9]+)`, js: String.raw`'loss': ([0-9]+\.[0-9]+)`, lines: [["{'loss': 0.41, 'learning_rate': 2e-05, 'epoch': 0.5}", '0.41']] },
  { py: 'Train_loss=(.*?);', js: String.raw`Train_loss=([^\n]*?);`, lines: [['Train_loss=0.138318;  Valid_loss=0.3;', '0.138318']] },
  { py: 'Loss = (.*?);', js: String.raw`Loss = ([^\n]*?);`, lines: [['GAN_loss=0.138318;  Loss = 16.020744;  Iteration 0 took 0.704s;', '16.020744']] },
  { py: '#quality_metric: host=\\S+, test binary_classification_accuracy <score>=(\\S+)', js: '#quality_metric: host=\\S+, test binary_classification_accuracy <score>=(\\S+)', lines: [['#quality_metric: host=algo-1, test binary_classification_accuracy <score>=0.97', '0.97']] },
  // The first group is the value, whatever follows
  { py: String.raw`Epoch\s+(\d+).*val_acc:\s*(\d+\.\d+)`, js: String.raw`Epoch\s+(\d+)[^\n]*val_acc:\s*(\d+\.\d+)`, lines: [['Epoch 3 - loss: 0.2 - val_acc: 0.91', '3']] },
  // Python's `.` matches \r (tqdm redraws with \r); JS's would not
  { py: 'loss=(.*)', js: String.raw`loss=([^\n]*)`, lines: [['loss=0.5\r 10%|#', '0.5\r 10%|#']] },
  // Named groups and backreferences are written by number
  { py: String.raw`(?P<loss>\d+\.\d+)`, js: String.raw`(\d+\.\d+)`, lines: [['loss 0.25', '0.25']] },
  { py: String.raw`(?P<épsilon>\d+)`, js: String.raw`(\d+)` },
  { py: String.raw`(?P<v>\d)(?P=v)`, js: String.raw`(\d)(?:\1)`, lines: [['12 33', '3']] },
  { py: String.raw`(\d)\1`, js: String.raw`(\d)(?:\1)` },
  // Inline flags at the start
  { py: '(?i)loss: (\\S+)', js: 'loss: (\\S+)', flags: 'iu', lines: [['LOSS: 4', '4']] },
  { py: '(?s)start(.*)end', js: 'start([^]*)end', lines: [['start1\n2end', '1\n2']] },
  { py: String.raw`(?m)^loss=(\d+)$`, js: String.raw`(?<![^\n])loss=(\d+)(?![^\n])`, lines: [['x\nloss=7\ny', '7'], ['x\rloss=7', null]] },
  // `$` also before a final newline; \A and \Z only at the ends
  { py: String.raw`loss=(\d+)$`, js: String.raw`loss=(\d+)(?=\n?$)`, lines: [['loss=5\n', '5'], ['loss=5\nx', null]] },
  { py: String.raw`\Aloss=(\d+)\Z`, js: String.raw`^loss=(\d+)$`, lines: [['loss=5\n', null], ['loss=5', '5']] },
  // Verbose: whitespace and comments go, except in a class or escaped
  { py: '(?x) loss \\s* = \\s* (\\d+) # the value\n  \\s*', js: String.raw`loss\s*=\s*(\d+)\s*`, lines: [['loss = 12', '12']] },
  { py: String.raw`(?x)[ #](\d+)\ x`, js: String.raw`[ #](\d+) x`, lines: [['#42 x', '42']] },
  { py: 'loss(?#the loss)=(\\d+)', js: String.raw`loss=(\d+)` },
  // Scoped s/m flags are kept per node
  { py: String.raw`(?s:.)(\d)`, js: String.raw`(?:[^])(\d)` },
  // Atomic groups and possessive quantifiers, as lookahead + backreference (same matches as Python 3.11)
  { py: String.raw`x(?>a|ab)c(\d)`, js: String.raw`x(?:(?=(a|ab))\1)c(\d)`, group: 2, lines: [['xac1', '1'], ['xabc1', null]] },
  { py: String.raw`(\d++)\.`, js: String.raw`((?:(?=(\d+))\2))\.`, lines: [['12.', '12']] },
  { py: String.raw`(?>a+)a(\d)`, js: String.raw`(?:(?=(a+))\1)a(\d)`, group: 2, lines: [['aaa1', null]] },
  // Lookarounds
  { py: String.raw`(?<=loss=)(\d+)`, js: String.raw`(?<=loss=)(\d+)`, lines: [['loss=3', '3']] },
  { py: String.raw`(?<!val_)loss=(\d+)`, js: String.raw`(?<!val_)loss=(\d+)`, lines: [['val_loss=3 loss=4', '4']] },
  // Repeats and literal braces
  { py: String.raw`a{,3}(\d)`, js: String.raw`a{0,3}(\d)` },
  { py: String.raw`a{}(\d)`, js: String.raw`a\{\}(\d)`, lines: [['a{}5', '5']] },
  // Escapes Python has and JS (u) does not: octal, \x, \u
  { py: String.raw`\x41\u00e9\101=(\d)`, js: String.raw`AéA=(\d)`, lines: [['AéA=4', '4']] },
  { py: String.raw`[\d.\-]+ (\w+)`, js: String.raw`[\d\.\-]+ (\w+)` },
  // POSIX classes are not special in Python: the set `[:alph` then `]`; read that way, with a warning
  { py: String.raw`[[:alpha:]]+=(\d+)`, js: String.raw`[\[:alpha:]\]+=(\d+)`, warns: /POSIX classes/, lines: [['a]=1', '1'], ['abc=1', null]] },
  // Lenient: (?<name>…) (Python refuses it), with a warning
  { py: String.raw`(?<name>\d+)`, js: String.raw`(\d+)`, warns: /only \(\?P<name>/ },
  // Refused: what JS cannot do faithfully
  { py: String.raw`(?i:loss)=(\d)`, refused: /^`\(\?i:` at position 0: case-insensitivity for part of a pattern/ },
  { py: String.raw`(?(1)a|b)(\d)`, refused: /^`\(\?\(` at position 0: conditional groups/ },
  { py: String.raw`\N{DIGIT ONE}(\d)`, refused: /^`\\N\{…\}` at position 0: named Unicode characters/ },
  { py: String.raw`(a)?\1(\d)`, refused: /^`\\1` at position 4: group 1 may not have taken part/ },
  { py: String.raw`(a)|b\1`, refused: /^`\\1` at position 5: group 1 is in another alternative/ },
  { py: String.raw`(?:x(\d)|y)+`, refused: /^`\(\\d\)` at position 4: the value group sits in a repeated group that may skip it/ },
  { py: String.raw`(?<=(?>a))(\d)`, refused: /^`\(\?>` at position 4: an atomic group inside a lookbehind/ },
  { py: String.raw`(\d*)+`, refused: /^`\(\\d\*\)` at position 0: it can match empty text and is optional or repeated/ },
  { py: String.raw`(x?)?=(\d)`, refused: /^`\(x\?\)` at position 0: it can match empty text/ },
  { py: String.raw`loss=\d+`, refused: /^no capturing group: SageMaker reads the value from the first group/ },
  // Refused: what Python itself refuses
  { py: String.raw`\p{L}(\d)`, refused: /^not a valid Python regex: bad escape \\p \(Python's re has no Unicode property classes\) at position 0$/ },
  { py: String.raw`*(\d)`, refused: /nothing to repeat at position 0$/ },
  { py: String.raw`a**(\d)`, refused: /multiple repeat at position 2$/ },
  { py: String.raw`(\d`, refused: /missing \), unterminated subpattern at position 0$/ },
  { py: String.raw`(\d))`, refused: /unbalanced parenthesis at position 4$/ },
  { py: String.raw`a(?i)(\d)`, refused: /global flags not at the start of the expression at position 1$/ },
  { py: String.raw`(?L)(\d)`, refused: /cannot use 'L' flag with a str pattern/ },
  { py: String.raw`[z-a](\d)`, refused: /bad character range at position 1$/ },
  { py: String.raw`\q(\d)`, refused: /bad escape \\q at position 0$/ },
  { py: String.raw`(?P<a>x)(?P<a>y)`, refused: /redefinition of group name 'a' at position 12$/ },
  { py: String.raw`\2(a)(b)`, refused: /invalid group reference 2 at position 1$/ },
  { py: String.raw`(?P<1a>x)`, refused: /bad character in group name '1a'/ },
  { py: String.raw`[abc(\d)`, refused: /unterminated character set at position 0$/ },
];

describe('shared/logCurves: Python MetricDefinitions regexes → JavaScript', () => {
  it(`has a table of at least 30 patterns (${table.length})`, () => {
    assert.ok(table.length >= 30);
  });

  for (const row of table) {
    it(`${JSON.stringify(row.py)} → ${row.refused ? 'refused' : JSON.stringify(row.js)}`, () => {
      const t = translatePythonRegex(row.py);
      if (row.refused) {
        assert.equal(t.ok, false, `expected a refusal, got ${t.ok ? t.regex.source : ''}`);
        assert.match(t.ok ? '' : t.message, row.refused);
        return;
      }
      assert.ok(t.ok, t.ok ? '' : t.message);
      assert.equal(t.regex.source, row.js);
      assert.equal(t.regex.flags, row.flags ?? 'u');
      assert.equal(t.valueGroup, row.group ?? 1);
      if (row.warns) {
        assert.ok(t.warnings.some((w) => row.warns?.test(w)), t.warnings.join('; '));
      } else {
        assert.deepEqual(t.warnings, []);
      }
      for (const [line, value] of row.lines ?? []) {
        assert.equal(t.regex.exec(line)?.[t.valueGroup] ?? null, value, JSON.stringify(line));
      }
    });
  }
});
