import * as assert from 'node:assert/strict';
import { jobLineParser, type CurvePoint } from '../../../../src/shared/logCurves/lineParser';
import { translatePythonRegex } from '../../../../src/shared/logCurves/pythonRegex';
import { parsePythonRegex } from '../../../../src/shared/logCurves/pythonRegexParse';
import { requiredLiteral } from '../../../../src/shared/logCurves/requiredLiteral';

const literal = (p: string) => requiredLiteral(parsePythonRegex(p));

describe('shared/logCurves: the text every match of a MetricDefinition contains', () => {
  const table: [string, string | undefined, boolean?][] = [
    [' loss=([0-9\\.]+)', ' loss=', true],
    ['.*\\[Epoch\\s(\\d+)\\].*eval_loss: ([0-9\\.]+)', 'eval_loss: ', false],
    ['\\bval=(\\d)', 'val=', false],
    ['Train_loss=(.*?);', 'Train_loss=', true],
    // Groups match their body in place: the run goes on through them.
    ['(?:lo)(ss)=(\\d)', 'loss=', true],
    // A repeat that runs at least once: its body's run, apart from its neighbours.
    ['x(abc)+d', 'abc', false],
    // Optional parts, alternatives, classes and lookarounds end a run; what they hold is not required.
    ['x(abc)?de(\\d)', 'de', false],
    ['(?:train|eval)_loss=(\\d+)', '_loss=', false],
    ['ab(?=cdef)(g)', 'ab', true],
    ['a(?:bcdef)*g(\\d)', 'a', true],
    ['a|b(c)', undefined],
    ['[lL]oss=?(\\d)', 'oss', false],
    // Verbose whitespace and comments are not text; escapes of plain characters are.
    ['(?x) l o s s (?#c) = (\\d)', 'loss=', true],
    ['\\[\\ epoch\\](\\d)', '[ epoch]', true],
    // Case-insensitive: the line's case may differ, so none.
    ['(?i)loss=(\\S+)', undefined],
  ];
  for (const [pattern, text, leading] of table) {
    it(`${JSON.stringify(pattern)} → ${JSON.stringify(text)}`, () => {
      const l = literal(pattern);
      assert.equal(l?.text, text);
      if (text !== undefined) {
        assert.equal(l?.leading, leading);
      }
    });
  }

  it('every line a translated regex matches contains its text (random patterns and lines)', () => {
    // Seeded (mulberry32), so that a failure repeats.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)];
    const atoms = ['a', 'b', 'ab', 'ba', '=', '.', '\\d', '[ab]', '(?:a|b)', '(a)', '(ab)', '(?=a)', '(?!b)', '(?<=a)', '(?>ab|a)', '^', '$', '\\b', '(?:ab)'];
    const quants = ['', '', '', '', '*', '+', '?', '{2}', '{1,2}', '*?', '+?', '++'];
    const pattern = (depth: number): string =>
      Array.from({ length: 1 + rand(5) }, () => {
        const a = depth < 2 && rand(4) === 0 ? `(${pattern(depth + 1)}${rand(3) === 0 ? `|${pattern(depth + 1)}` : ''})` : pick(atoms);
        return a + (/^(?:\^|\$|\\b|\(\?<?[=!].*\))$/.test(a) ? '' : pick(quants));
      }).join('');
    let checked = 0;
    let withText = 0;
    for (let k = 0; k < 3000; k++) {
      const p = `(${pattern(0)})${pattern(1)}`;
      const t = translatePythonRegex(p);
      if (!t.ok) {
        continue;
      }
      withText += t.literal ? 1 : 0;
      for (let j = 0; j < 60; j++) {
        const line = Array.from({ length: rand(12) }, () => pick(['a', 'b', 'ab', 'ba', '=', '1', ' ', '.'])).join('');
        const m = t.regex.exec(line);
        if (m && t.literal) {
          checked++;
          assert.ok(line.includes(t.literal.text), `${JSON.stringify(p)} matches ${JSON.stringify(line)} (${JSON.stringify(m[0])}) without ${JSON.stringify(t.literal.text)}`);
        }
      }
    }
    assert.ok(withText > 1000 && checked > 1000, `${withText} patterns with a text, ${checked} matches checked`);
  });

  it('a parser that skips lines without the text gives what the regex alone gives', () => {
    const regex = '.*\\[Epoch\\s(\\d+)\\].*eval_loss: ([0-9\\.]+)';
    const lines = [
      '[Epoch 3] step 20 eval_loss: 0.25',
      '[Epoch 4] step 21 train_loss: 0.5',
      'eval_loss: 0.1 (no epoch)',
      '[Epoch 5]eval_loss: 7',
      'nothing here 12',
      '[Epoch 6] eval_loss: ',
    ];
    const parser = jobLineParser([{ name: 'epoch', regex }], []).parser;
    const out: CurvePoint[] = [];
    lines.forEach((l, i) => parser.parse('algo-1', i, l, out));
    const { regex: js, valueGroup } = translatePythonRegex(regex) as Extract<ReturnType<typeof translatePythonRegex>, { ok: true }>;
    const expected = lines.flatMap((l, i) => {
      const m = js.exec(l);
      return m ? [{ metric: 'epoch', value: Number(m[valueGroup]), time: i, host: 'algo-1' }] : [];
    });
    assert.deepEqual(out, expected);
    assert.deepEqual(
      out.map((p) => p.value),
      [3, 5],
    );
    assert.equal(parser.counters.lines, 6);
  });
});
