import * as assert from 'node:assert/strict';
import { jobLineParser, type CurvePoint } from '../../../../src/shared/logCurves/lineParser';
import { ASK_REGEX, NO_MATCH } from '../../../../src/shared/logCurves/literalRun';
import { translatePythonRegex } from '../../../../src/shared/logCurves/pythonRegex';
import { parsePythonFloat } from '../../../../src/shared/logCurves/pyFloat';

const translated = (p: string) => {
  const t = translatePythonRegex(p);
  assert.ok(t.ok, p);
  return t;
};

describe('shared/logCurves: `text(X+)` definitions found without the regex engine', () => {
  const shapes: [string, boolean][] = [
    [' loss=([0-9\\.]+)', true],
    ['accuracy: (\\S+)', true],
    ['(?s)val=(.+)', true],
    ['Train_loss=([^;]+)', true],
    ['é=(\\w+)', true],
    // Anything else goes to the regex.
    ['Train_loss=(.*?);', false],
    ['loss=([0-9.]+);', false],
    ['loss=(\\d+?)', false],
    ['loss=(\\d++)', false],
    ['loss=(\\d*)', false],
    ['(?i)loss=(\\d+)', false],
    ['(?:train|eval)_loss=(\\d+)', false],
    ['([0-9.]+)', false],
    ['\\bloss=(\\d+)', false],
  ];
  for (const [p, fast] of shapes) {
    it(`${JSON.stringify(p)}: ${fast ? 'found without' : 'left to'} the regex`, () => assert.equal(translated(p).run !== undefined, fast));
  }

  it('finds what the regex finds on random lines, ASCII or not (beyond ASCII in the value: the regex is asked)', () => {
    let seed = 5;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const pieces = ['loss=', 'los', 's=', '=', 'ss=', ' ', '.', '0', '7', '-', 'e', 'x', ';', '\t', '\n', 'é', '٣', '😀', 'accuracy: ', 'a', 'é=', 'val_loss=', ' loss=', '  '];
    let asked = 0;
    let found = 0;
    for (const p of ['loss=([0-9\\.]+)', 'loss=(\\S+)', 'loss=(.+)', '(?s)loss=(.+)', 'loss=([^;]+)', 'ss=(\\d+)', 'é=(\\w+)', 'accuracy: ([-0-9.e]+)', 'a(a+)', 'xx(e+)', ' loss=([0-9\\.]+)', '  a(a+)', '\\t s=(\\d+)', ' (\\S+)']) {
      const t = translated(p);
      const run = t.run;
      assert.ok(run, p);
      for (let k = 0; k < 4000; k++) {
        const line = Array.from({ length: rand(14) }, () => pieces[rand(pieces.length)]).join('');
        const m = t.regex.exec(line);
        const start: number = run.find(line);
        if (start === ASK_REGEX) {
          asked++;
          continue;
        }
        const got: string | null = start === NO_MATCH ? null : line.slice(start, run.end);
        found += got === null ? 0 : 1;
        assert.equal(got, m ? m[t.valueGroup] : null, `${JSON.stringify(p)} on ${JSON.stringify(line)}`);
      }
    }
    assert.ok(found > 2000 && asked > 100, `${found} found, ${asked} asked`);
  });

  it('the parser gives the same points with it as the regex gives', () => {
    const lines = ['step 1 loss=0.25 x', 'loss=1.2.3', 'loss=9007199254740993', 'loss=٣', 'loss=-.5e3', 'nothing 1', 'loss=.', 'loss= 1', 'loss=1_000'];
    for (const p of ['loss=([0-9\\.]+)', 'loss=(\\S+)']) {
      const out: CurvePoint[] = [];
      const parser = jobLineParser([{ name: 'm', regex: p }], []).parser;
      lines.forEach((l, i) => parser.parse('algo-1', i, l, out));
      const t = translated(p);
      const expected: CurvePoint[] = [];
      let notANumber = 0;
      lines.forEach((l, i) => {
        // (A line without a digit is not looked at.)
        const text = /\d/.test(l) ? t.regex.exec(l)?.[t.valueGroup] : undefined;
        const v = text === undefined ? undefined : parsePythonFloat(text);
        if (text !== undefined && v === undefined) notANumber++;
        if (v !== undefined && Number.isFinite(v)) expected.push({ metric: 'm', value: v, time: i, host: 'algo-1' });
      });
      assert.deepEqual(out, expected, p);
      assert.equal(parser.counters.notANumber, notANumber, p);
    }
  });
});
