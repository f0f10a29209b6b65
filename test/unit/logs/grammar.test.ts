// The sagemaker-log TextMate grammar: each rule's regex compiles and colours what it should on real lines.
// (Oniguruma and JavaScript agree on the syntax these rules use: no possessive quantifiers, no \h, no \G.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Rule {
  match?: string;
  name?: string;
  patterns?: Rule[];
  captures?: Record<string, { name: string }>;
}

const root = path.resolve(__dirname, '../../../..');
const grammar = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes/sagemaker-log.tmLanguage.json'), 'utf8')) as { scopeName: string; patterns: { include: string }[]; repository: Record<string, Rule> };
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { languages: { id: string; extensions?: string[]; filenames?: string[]; aliases?: string[] }[]; grammars: { language: string; scopeName: string; path: string }[] };
};

function rules(r: Rule): Rule[] {
  return [r, ...(r.patterns ?? []).flatMap(rules)];
}

/** The scopes the grammar's rules give to parts of a line (first match of each rule; enough to check colouring). */
function scopes(line: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rule of Object.values(grammar.repository).flatMap(rules)) {
    if (!rule.match) continue;
    const m = new RegExp(rule.match).exec(line);
    if (!m) continue;
    if (rule.name) out.set(m[0], [...(out.get(m[0]) ?? []), rule.name]);
    for (const [i, c] of Object.entries(rule.captures ?? {})) {
      const text = m[Number(i)];
      if (text) out.set(text, [...(out.get(text) ?? []), c.name]);
    }
  }
  return out;
}

function has(line: string, text: string, scope: string): void {
  const got = scopes(line).get(text) ?? [];
  assert.ok(
    got.some((s) => s.split(/[ ,]+/).includes(scope)),
    `"${text}" in "${line}" should be ${scope}; got ${JSON.stringify(got)}`,
  );
}

describe('sagemaker-log grammar', () => {
  it('is contributed for the sagemaker-log language, which has no file extensions and no picker name', () => {
    const lang = manifest.contributes.languages.find((l) => l.id === 'sagemaker-log');
    assert.ok(lang);
    assert.equal(lang.extensions, undefined);
    assert.equal(lang.filenames, undefined);
    assert.deepEqual(lang.aliases, []);
    const g = manifest.contributes.grammars.find((x) => x.language === 'sagemaker-log');
    assert.equal(g?.scopeName, grammar.scopeName);
    assert.ok(fs.existsSync(path.join(root, g.path)));
    for (const p of grammar.patterns) assert.ok(grammar.repository[p.include.slice(1)], p.include);
  });

  it('every rule compiles', () => {
    for (const r of Object.values(grammar.repository).flatMap(rules)) if (r.match) assert.doesNotThrow(() => new RegExp(r.match as string), r.match);
  });

  it('colours timestamps, host tags and levels', () => {
    const line = '2026-11-24 12:00:01.123 [algo-1] 2026-11-24 12:00:01,120 sagemaker-training-toolkit ERROR    Reporting training FAILURE';
    has(line, '2026-11-24 12:00:01.123', 'log.date');
    has(line, '[algo-1]', 'entity.name.tag.host.sagemaker-log');
    has(line, 'ERROR', 'log.error');
    has('2026-11-24 12:00:01.123Z [algo-2] WARNING: low disk', 'WARNING', 'log.warning');
    has('[Primary/i-0abc] 12 INFO done', 'INFO', 'log.info');
    has('[Primary/i-0abc] 12 INFO done', '[Primary/i-0abc]', 'entity.name.tag.host.sagemaker-log');
    has('x DEBUG y', 'DEBUG', 'log.debug');
  });

  it('colours tracebacks: the header, frames and the exception', () => {
    has('[algo-1] Traceback (most recent call last):', 'Traceback (most recent call last):', 'log.error');
    const frame = '[algo-1]   File "/opt/ml/code/train.py", line 52, in <module>';
    has(frame, '"/opt/ml/code/train.py"', 'string.quoted.path.sagemaker-log');
    has(frame, '52', 'constant.numeric.line.sagemaker-log');
    has(frame, '<module>', 'entity.name.function.sagemaker-log');
    has('[algo-1] RuntimeError: mat1 and mat2 shapes cannot be multiplied', 'RuntimeError', 'log.exceptiontype');
    has('[algo-1] torch.cuda.OutOfMemoryError: CUDA out of memory', 'torch.cuda.OutOfMemoryError', 'log.exceptiontype');
    has('    at Object.handler (/var/task/index.js:10:5)', '/var/task/index.js:10:5', 'string.unquoted.path.sagemaker-log');
    has('\tat com.acme.Train.main(Train.java:42)', 'Train.java:42', 'string.unquoted.path.sagemaker-log');
  });

  it('marks the status and report lines the extension writes', () => {
    has('2026-11-24 12:00:01.123 === [status] Training: Downloading the training image', '=== [status] Training: Downloading the training image', 'markup.heading.marker.sagemaker-log');
    has('=== [notice] Live Tail is not available: polling every 2 s', '=== [notice] Live Tail is not available: polling every 2 s', 'markup.heading.marker.sagemaker-log');
    has('=== [failure] Training job x failed', '=== [failure] Training job x failed', 'markup.heading.marker.sagemaker-log');
  });
});
