import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jobLineParser, patternsParser, type CurvePoint } from '../../../../src/shared/logCurves/lineParser';
import { DEFAULT_LOG_PATTERNS, readLogPatterns } from '../../../../src/shared/logCurves/logPatterns';
import { parsePythonFloat } from '../../../../src/shared/logCurves/pyFloat';

const T = Date.UTC(2026, 0, 1);
const defaults = () => patternsParser(readLogPatterns(undefined).patterns);
function points(parser = defaults(), lines: readonly string[], host = 'algo-1'): CurvePoint[] {
  const out: CurvePoint[] = [];
  lines.forEach((l, i) => parser.parse(host, T + i * 1000, l, out));
  return out;
}
const brief = (ps: readonly CurvePoint[]) => ps.map((p) => [p.metric, p.value, ...(p.epoch !== undefined ? [`e${p.epoch}`] : []), ...(p.step !== undefined ? [`s${p.step}`] : [])]);

describe('shared/logCurves: values as Python float() reads them', () => {
  const table: [string, number | undefined][] = [
    ['0.123', 0.123],
    [' 1e-3 ', 0.001],
    ['2E+05', 2e5],
    ['-.5', -0.5],
    ['1.', 1],
    ['1_000.5', 1000.5],
    ['nan', NaN],
    ['-Infinity', -Infinity],
    ['INF', Infinity],
    ['', undefined],
    ['0x10', undefined],
    ['1__0', undefined],
    ['_1', undefined],
    ['1e', undefined],
    ['n/a', undefined],
    ['0.5;', undefined],
  ];
  for (const [text, value] of table) {
    it(`${JSON.stringify(text)} → ${value}`, () => assert.deepEqual(parsePythonFloat(text), value));
  }

  it('plain decimals (read without Number() up to 15 digits) are the very double Number() reads', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const digits = (n: number) => Array.from({ length: n }, () => String(rand(10))).join('');
    let checked = 0;
    for (let k = 0; k < 200_000; k++) {
      // 1 to 20 digits (past 15 the other way reads them), the point anywhere or nowhere, a sign or none.
      const whole = digits(rand(12));
      const fraction = digits(rand(10));
      const point = whole === '' || rand(4) > 0;
      const text = `${['', '-', '+'][rand(3)]}${whole}${point ? '.' : ''}${fraction}`;
      if (!/\d/.test(text)) {
        continue;
      }
      checked++;
      const got = parsePythonFloat(text);
      if (!Object.is(got, Number(text))) {
        assert.fail(`${text}: ${got}, Number() reads ${Number(text)}`);
      }
    }
    assert.ok(checked > 150_000);
    assert.ok(Object.is(parsePythonFloat('-0.000'), -0));
    assert.equal(parsePythonFloat('.'), undefined);
    assert.equal(parsePythonFloat('-'), undefined);
    assert.equal(parsePythonFloat('1.2.3'), undefined);
  });
});

describe('shared/logCurves: the default log patterns', () => {
  it('loss=0.123 and tqdm postfixes; key=value pairs on one line', () => {
    assert.deepEqual(brief(points(undefined, ['step 10: loss=0.123 val_acc=0.9', ' 45%|####5     | 450/1000 [01:02<01:16, 7.2it/s, loss=0.532]'])), [
      ['loss', 0.123],
      ['val_acc', 0.9],
      ['loss', 0.532],
    ]);
  });

  it('train_loss: 0.123 (and a step in the line as the x)', () => {
    assert.deepEqual(brief(points(undefined, ['2026-01-01 12:00:00,123 INFO step: 200 train_loss: 0.123 lr: 3e-4'])), [
      ['train_loss', 0.123, 's200'],
      ['lr', 0.0003, 's200'],
    ]);
  });

  it("Hugging Face Trainer dicts: every numeric key is a curve, 'epoch' is the x", () => {
    assert.deepEqual(
      brief(points(undefined, ["{'loss': 0.41, 'grad_norm': 1.7, 'learning_rate': 2e-05, 'epoch': 0.5}", "{'eval_loss': 0.3521, 'eval_runtime': 12.1, 'epoch': 1.0}"])),
      [
        ['loss', 0.41, 'e0.5'],
        ['grad_norm', 1.7, 'e0.5'],
        ['learning_rate', 2e-5, 'e0.5'],
        ['eval_loss', 0.3521, 'e1'],
        ['eval_runtime', 12.1, 'e1'],
      ],
    );
  });

  it('Keras: `Epoch 3/10` on its line gives the epoch of the progress lines after it, per host', () => {
    const p = defaults();
    const a = points(p, ['Epoch 3/10', '100/100 [==============================] - 2s 20ms/step - loss: 0.1234 - accuracy: 0.9500 - val_loss: 0.2']);
    const b = points(p, ['100/100 [====] - 2s 20ms/step - loss: 0.5'], 'algo-2');
    assert.deepEqual(brief(a), [
      ['loss', 0.1234, 'e3'],
      ['accuracy', 0.95, 'e3'],
      ['val_loss', 0.2, 'e3'],
    ]);
    assert.deepEqual(brief(b), [['loss', 0.5]]);
  });

  it('skips nan and inf with a reason, counts lines without digits without reading them', () => {
    const p = defaults();
    const out = points(p, ['loss=nan at step 3', "{'loss': inf, 'epoch': 1}", 'Downloading data', 'loss=0.2']);
    assert.deepEqual(brief(out), [['loss', 0.2]]);
    assert.deepEqual(p.counters, { lines: 4, noDigit: 1, points: 1, nonFinite: 2, notANumber: 0 });
  });

  it('leaves times, fractions, versions and words alone', () => {
    assert.deepEqual(points(undefined, ['time: 12:00:01', 'progress=3/10', 'torch=2.1.0', 'ETA: 5s', 'image: 763104351884.dkr.ecr']), []);
  });

  it('a line without the text a default requires is not searched by it: on random lines, each match holds that text, and the points are those of the patterns without it', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['loss=0.5', "'lr': 2e-05", '"acc":0.9', 'train_loss: 0.1', 'Epoch 3/10', 'loss', 'Epoch ', ' ', 'epoch', '=', ':', ': ', "'", '"', "':", ' ', '0.5', '3', '/10', '.', '-', 'e-05', 'nan', '{', '}', ',', 'x', '\n'];
    const { patterns } = readLogPatterns(undefined);
    assert.deepEqual(patterns.map((p) => p.requires), [['='], [': '], ["':", '":'], ['Epoch ']]);
    const unfiltered = patterns.map(({ requires: _, ...p }) => p);
    const lines = Array.from({ length: 20_000 }, (_, k) => (k % 3 === 0 ? 'Epoch ' : '') + Array.from({ length: 1 + rand(12) }, () => pieces[rand(pieces.length)]).join(''));
    let matches = 0;
    for (const p of patterns) {
      for (const line of lines) {
        const m = new RegExp(p.regex.source, p.regex.flags.replace('g', '')).exec(line);
        if (m) {
          matches++;
          assert.ok(p.requires?.some((t) => line.includes(t)), `${p.label} matched ${JSON.stringify(line)} without ${JSON.stringify(p.requires)}`);
        }
      }
    }
    assert.ok(matches > 2000, `${matches} matches`);
    assert.deepEqual(points(patternsParser(patterns), lines), points(patternsParser(unfiltered), lines));
  });

  it('are the default of the setting in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.configuration.properties['sagemakerMonitor.metrics.logPatterns'].default, DEFAULT_LOG_PATTERNS);
  });
});

describe('shared/logCurves: reading the logPatterns setting', () => {
  it('keeps the good entries and names each bad one', () => {
    const r = readLogPatterns([
      { name: 'throughput', regex: String.raw`(?<value>\d+(?:\.\d+)?) samples/s` },
      { regex: '(?<value>[0-9' },
      { regex: String.raw`(?<value>\d+)` },
      { regex: String.raw`iter (?<step>\d+)` },
      { regex: String.raw`(?<nme>\w+)=(?<value>\d+)` },
      { regex: String.raw`(?<name>\w*)=?(?<value>\d*)` },
      { name: '', regex: String.raw`(?<value>\d+)` },
      42,
      String.raw`(?<name>acc)@(?<value>[\d.]+)`,
    ]);
    assert.deepEqual(
      r.patterns.map((p) => p.label),
      ['logPatterns[0] (throughput)', 'logPatterns[3]', 'logPatterns[8]'],
    );
    assert.equal(r.problems.length, 6);
    assert.match(r.problems[0], /^logPatterns\[1\]: not a valid regex/);
    assert.match(r.problems[1], /^logPatterns\[2\]: needs a "name" or a \(\?<name>…\) group/);
    assert.match(r.problems[2], /^logPatterns\[4\]: needs a "name"/);
    assert.match(r.problems[3], /^logPatterns\[5\]: matches an empty line/);
    assert.match(r.problems[4], /^logPatterns\[6\]: "name" must be a non-empty string/);
    assert.match(r.problems[5], /^logPatterns\[7\]: needs a "regex"/);
    assert.deepEqual(brief(points(patternsParser(r.patterns), ['iter 7', '12.5 samples/s acc@0.7'])), [
      ['throughput', 12.5],
      ['acc', 0.7],
    ]);
  });

  it('a regex JS accepts only without the u flag still works; not a list → the defaults, and a problem', () => {
    assert.equal(readLogPatterns([{ name: 'x', regex: String.raw`x\:(?<value>\d)` }]).patterns.length, 1);
    const r = readLogPatterns({ regex: 'x' });
    assert.equal(r.patterns.length, DEFAULT_LOG_PATTERNS.length);
    assert.match(r.problems[0], /must be a list/);
  });
});

describe("shared/logCurves: a job's parser", () => {
  const defs = [
    { name: 'validation:auc', regex: String.raw`.*\[[0-9]+\].*#011validation-auc:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*` },
    { name: 'train:loss', regex: 'Train_loss=(.*?);' },
    { name: 'bad', regex: '(?(1)a|b)' },
  ];

  it('uses the MetricDefinitions it can translate, says which it cannot, and reads the first group', () => {
    const j = jobLineParser(defs, readLogPatterns(undefined).patterns);
    assert.equal(j.source, 'metricDefinitions');
    assert.deepEqual(j.problems, ['MetricDefinition bad: `(?(` at position 0: conditional groups `(?(group)yes|no)` have no JavaScript equivalent']);
    const out: CurvePoint[] = [];
    j.parser.parse('algo-2', T, '[7]#011train-auc:0.94#011validation-auc:0.93125', out);
    j.parser.parse('algo-2', T + 1, 'Train_loss=v2;', out);
    j.parser.parse('algo-2', T + 2, 'Train_loss=0.25; loss=9', out);
    assert.deepEqual(out, [
      { metric: 'validation:auc', value: 0.93125, time: T, host: 'algo-2' },
      { metric: 'train:loss', value: 0.25, time: T + 2, host: 'algo-2' },
    ]);
    assert.equal(j.parser.counters.notANumber, 1);
  });

  it('without MetricDefinitions (or none usable): the log patterns', () => {
    assert.equal(jobLineParser([], readLogPatterns(undefined).patterns).source, 'logPatterns');
    const j = jobLineParser([defs[2]], readLogPatterns(undefined).patterns);
    assert.equal(j.source, 'logPatterns');
    assert.equal(j.problems.length, 1);
  });
});
