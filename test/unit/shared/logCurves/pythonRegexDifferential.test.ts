import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { translatePythonRegex } from '../../../../src/shared/logCurves/pythonRegex';

/**
 * The translation against CPython's own `re` (3.11+, for atomic groups and possessive quantifiers): random
 * patterns from a seeded grammar and random lines; every pattern we accept must find the same match (start,
 * end) and the same group 1 as Python on every line. Skipped where no python3 ≥ 3.11 is installed.
 */
const GENERATOR = String.raw`
import random, re, json, sys, warnings
warnings.simplefilter('ignore')
random.seed(int(sys.argv[1]))
atoms = ['a','b','1','.','\\d','\\w','\\s','[ab]','[^a]','[0-9.]','\\.','=',' ','\\n','(?:a|b)','(a)','(\\d+)','(?=a)','(?!b)',
         '(?<=a)','(?>a|ab)','^','$','\\b','\\A','\\Z','(?P<n>a)','\\r','\\1','(?P=n)','[a-c]','A','(?#c)']
quants = [''] * 8 + ['*','+','?','{1,2}','*?','+?','??','*+','++','{,2}','{2}']
def pat(d=0):
    s = ''
    for _ in range(random.randint(1, 5)):
        a = random.choice(atoms)
        if d < 2 and random.random() < 0.25:
            a = '(' + pat(d + 1) + ('|' + pat(d + 1) if random.random() < 0.4 else '') + ')'
        s += a + ('' if a in ('^','$','\\b','\\A','\\Z') else random.choice(quants))
    return s
cases = []
while len(cases) < int(sys.argv[2]):
    p = random.choice(['','','(?s)','(?m)','(?i)','(?x)']) + pat()
    try:
        c = re.compile(p)
    except re.error:
        continue
    if not c.groups:
        continue
    lines = [''.join(random.choice('abAB1 .=\n\r2x') for _ in range(random.randint(0, 10))) for _ in range(6)]
    found = [c.search(l) for l in lines]
    cases.append({'p': p, 'lines': lines, 'res': [[m.start(), m.end(), m.group(1)] if m else None for m in found]})
print(json.dumps(cases))
`;

interface Case {
  readonly p: string;
  readonly lines: string[];
  readonly res: ([number, number, string | null] | null)[];
}

describe('shared/logCurves: the translation matches CPython re', function () {
  this.timeout(30_000);
  let python: string | undefined;
  before(function () {
    for (const exe of ['python3', 'python']) {
      const v = spawnSync(exe, ['-c', 'import sys; print(sys.version_info >= (3, 11))'], { encoding: 'utf8' });
      if (v.stdout?.trim() === 'True') {
        python = exe;
        return;
      }
    }
    this.skip();
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 800 random patterns × 6 lines, same match and group 1 wherever we accept`, () => {
      const out = spawnSync(python ?? 'python3', ['-c', GENERATOR, String(seed), '800'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(out.status, 0, out.stderr);
      const cases = JSON.parse(out.stdout) as Case[];
      let accepted = 0;
      let withText = 0;
      for (const c of cases) {
        const t = translatePythonRegex(c.p);
        if (!t.ok) {
          continue;
        }
        accepted++;
        c.lines.forEach((line, i) => {
          const m = t.regex.exec(line);
          const got = m ? [m.index, m.index + m[0].length, m[t.valueGroup] ?? null] : null;
          assert.deepEqual(got, c.res[i], `seed ${seed}: ${JSON.stringify(c.p)} → /${t.regex.source}/${t.regex.flags} on ${JSON.stringify(line)}`);
          // The text a line must hold to be looked at (a pre-filter): every line Python matches holds it.
          if (t.literal && c.res[i]) {
            withText++;
            assert.ok(line.includes(t.literal.text), `seed ${seed}: ${JSON.stringify(c.p)} matches ${JSON.stringify(line)} without ${JSON.stringify(t.literal.text)}`);
          }
        });
      }
      // Most random patterns are kept (the refusals are of empty repeats and doubtful backreferences).
      assert.ok(accepted > cases.length / 3, `${accepted} of ${cases.length} accepted`);
      assert.ok(withText > 40, `${withText} matches of a pattern with a required text`);
    });
  }
});
