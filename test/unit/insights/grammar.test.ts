// The cwlq TextMate grammar, tokenized by VS Code's own engine (vscode-textmate + the Oniguruma WASM):
// each construct of the query language gets its scope.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { languages: { id: string; extensions?: string[]; aliases?: string[]; configuration?: string }[]; grammars: { language: string; scopeName: string; path: string }[] };
};

let grammar: textmate.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName) => {
      const entry = manifest.contributes.grammars.find((g) => g.scopeName === scopeName);
      if (!entry) return null;
      const file = path.join(root, entry.path);
      return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  const loaded = await registry.loadGrammar('source.cwlq');
  assert.ok(loaded, 'the grammar loads');
  grammar = loaded;
});

/** Every token of the text as `[text, innermost scope]`, lines tokenized in order (state carried over). */
function tokens(text: string): [string, string][] {
  const out: [string, string][] = [];
  let state = textmate.INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      out.push([line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
    }
    state = r.ruleStack;
  }
  return out;
}

function scopeOf(text: string, piece: string): string[] {
  return tokens(text)
    .filter(([t]) => t.trim() === piece)
    .map(([, s]) => s);
}

function has(text: string, piece: string, scope: string): void {
  const found = scopeOf(text, piece);
  assert.ok(found.includes(scope), `"${piece}" in ${JSON.stringify(text)}: expected ${scope}, got ${JSON.stringify(found)} (tokens ${JSON.stringify(tokens(text))})`);
}

describe('cwlq grammar (vscode-textmate)', () => {
  it('is contributed for .cwlq files with the alias "CloudWatch Logs Insights" and # comments', () => {
    const lang = manifest.contributes.languages.find((l) => l.id === 'cwlq');
    assert.ok(lang);
    assert.deepEqual(lang.extensions, ['.cwlq']);
    assert.ok(lang.aliases?.includes('CloudWatch Logs Insights'));
    const config = JSON.parse(fs.readFileSync(path.join(root, lang.configuration ?? ''), 'utf8')) as { comments: { lineComment: string } };
    assert.equal(config.comments.lineComment, '#');
    assert.ok(manifest.contributes.grammars.some((g) => g.language === 'cwlq' && g.scopeName === 'source.cwlq'));
  });

  it('commands at the start of a line and after a pipe', () => {
    for (const command of ['fields', 'filter', 'stats', 'sort', 'limit', 'parse', 'dedup', 'display', 'unmask', 'pattern']) {
      has(`${command} x`, command, 'keyword.control.command.cwlq');
      has(`fields a | ${command} x`, command, 'keyword.control.command.cwlq');
    }
    has('fields a\n| stats count(*)', 'stats', 'keyword.control.command.cwlq');
  });

  it('a command word elsewhere is a field', () => {
    has('fields filter, limit', 'limit', 'variable.other.field.cwlq');
  });

  it('pipes', () => {
    has('fields a | limit 5', '|', 'keyword.operator.pipe.cwlq');
  });

  it('functions (aggregates and row functions) before a parenthesis', () => {
    const q = 'stats count(*), count_distinct(host), pct(latency, 99), avg(x) by bin(5m) | filter ispresent(step) and strlen(@message) > 3';
    for (const fn of ['count', 'count_distinct', 'pct', 'avg', 'bin', 'ispresent', 'strlen']) {
      has(q, fn, 'support.function.cwlq');
    }
  });

  it('@ system fields and plain fields', () => {
    has('fields @timestamp, @message, @logStream, host', '@timestamp', 'variable.language.system-field.cwlq');
    has('fields @timestamp, @message, @logStream, host', '@logStream', 'variable.language.system-field.cwlq');
    has('fields @timestamp, @message, @logStream, host', 'host', 'variable.other.field.cwlq');
    has('fields `my field`', '`my field`', 'variable.other.quoted-field.cwlq');
  });

  it('strings, with globs in parse patterns', () => {
    has('filter level = "ERROR"', '"', 'string.quoted.double.cwlq');
    has("filter level = 'warn'", 'warn', 'string.quoted.single.cwlq');
    has('parse @message "loss=* acc=*" as loss, acc', '*', 'keyword.operator.glob.cwlq');
    has('parse @message "loss=* acc=*" as loss, acc', 'loss=', 'string.quoted.double.cwlq');
  });

  it('numbers and durations', () => {
    has('limit 20', '20', 'constant.numeric.cwlq');
    has('filter x > 0.5', '0.5', 'constant.numeric.cwlq');
    has('stats count(*) by bin(5m)', '5m', 'constant.numeric.duration.cwlq');
    has('stats count(*) by bin(1h)', '1h', 'constant.numeric.duration.cwlq');
  });

  it('regex literals after like and parse, with escapes and named groups', () => {
    const q = String.raw`filter @logStream like /^bert\/algo-1-/ | parse @message /loss=(?<loss>[\d.]+)/`;
    has(q, String.raw`^bert`, 'string.regexp.cwlq');
    has(q, String.raw`\/`, 'constant.character.escape.regexp.cwlq');
    has(q, '(?<loss>', 'entity.name.tag.named-group.regexp.cwlq');
    has(q, '/', 'punctuation.definition.string.begin.regexp.cwlq');
    // The pipe after a regex is a pipe again.
    has(q, 'parse', 'keyword.control.command.cwlq');
  });

  it('a division is not a regex', () => {
    has('fields bytes / 1024 as kb', '/', 'keyword.operator.arithmetic.cwlq');
    has('fields bytes / 1024 as kb', '1024', 'constant.numeric.cwlq');
  });

  it('operators and keywords', () => {
    const q = 'filter a >= 1 and b != 2 or not c in ["x", "y"] | sort t desc';
    has(q, '>=', 'keyword.operator.comparison.cwlq');
    has(q, '!=', 'keyword.operator.comparison.cwlq');
    has(q, 'and', 'keyword.operator.logical.cwlq');
    has(q, 'not', 'keyword.operator.logical.cwlq');
    has(q, 'in', 'keyword.other.cwlq');
    has(q, 'desc', 'keyword.other.cwlq');
    has('filter @message like "x"', 'like', 'keyword.other.cwlq');
    has('stats count(*) as n by host', 'as', 'keyword.other.cwlq');
    has('stats count(*) as n by host', 'by', 'keyword.other.cwlq');
  });

  it('comments, and the header lines as comments with their key', () => {
    has('fields a # the rest', 'the rest', 'comment.line.number-sign.cwlq');
    has('fields a # the rest', '#', 'punctuation.definition.comment.cwlq');
    has('# logGroups: /aws/sagemaker/TrainingJobs', 'logGroups', 'keyword.other.header.cwlq');
    has('# logGroups: /aws/sagemaker/TrainingJobs', '/aws/sagemaker/TrainingJobs', 'string.unquoted.header.cwlq');
    has('# range: last 1h', 'range', 'keyword.other.header.cwlq');
    has('# a note', 'a note', 'comment.line.number-sign.cwlq');
  });
});
