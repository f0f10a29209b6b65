import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/** Lints a snippet as if it were the file at `path`, and returns the rule ids that fired. */
async function rulesFiredFor(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const importing = (what: string) => `import * as m from '${what}';\nexport const f = m;\n`;
/** A zone rule (resolved paths) or the module-name ban fired, naming DESIGN §1. */
const layerRuleFired = (fired: string[]) => fired.some((m) => (m.startsWith('import-x/no-restricted-paths') || m.startsWith('no-restricted-imports')) && m.includes('DESIGN'));

// Each import names a file that exists: the zones judge resolved paths, so a path spelt another way
// ('../logs/x', '../../src/logs/x', './../logs/x') is the same file and caught the same.
describe('lint: the layer rules of DESIGN §1 are enforced', function () {
  this.timeout(60_000);

  it('forbids vscode in src/aws, src/shared and every engine/ and model/ folder', async () => {
    for (const file of ['src/aws/x.ts', 'src/shared/x.ts', 'src/logs/engine/x.ts', 'src/metrics/model/x.ts', 'src/explorer/model/x.ts']) {
      const fired = await rulesFiredFor(file, "import * as vscode from 'vscode';\nexport const v = vscode.version;\n");
      assert.ok(layerRuleFired(fired), `${file}: ${fired.join('; ')}`);
    }
  });

  it('keeps src/aws and src/shared below the features, the platform and the composition root', async () => {
    for (const [file, bad] of [
      ['src/aws/x.ts', '../logs/engine/events'],
      ['src/aws/logs/x.ts', '../../logs/engine/events'],
      ['src/shared/x.ts', '../platform/errors'],
      ['src/shared/metrics/x.ts', '../../metrics/metricsPanel'],
      ['src/aws/x.ts', '../extension'],
    ]) {
      const fired = await rulesFiredFor(file, importing(bad));
      assert.ok(layerRuleFired(fired), `${file} → ${bad}: ${fired.join('; ')}`);
    }
  });

  it('keeps an engine/ or model/ folder to itself and src/shared', async () => {
    for (const [file, bad] of [
      ['src/logs/engine/x.ts', '../tailSession'],
      ['src/logs/engine/x.ts', '../../explorer/baseNodes'],
      ['src/logs/engine/x.ts', '../../aws/logs/source'],
      ['src/metrics/model/x.ts', '../metricsPanel'],
      ['src/metrics/model/x.ts', '../../platform/errors'],
      ['src/explorer/model/x.ts', '../explorerProvider'],
    ]) {
      const fired = await rulesFiredFor(file, importing(bad));
      assert.ok(layerRuleFired(fired), `${file} → ${bad}: ${fired.join('; ')}`);
    }
    assert.deepEqual(await rulesFiredFor('src/logs/engine/x.ts', "import { isTransient } from '../../shared/failures';\nimport { abortError } from './budget';\nexport const f = [isTransient, abortError];\n"), []);
    assert.deepEqual(await rulesFiredFor('src/metrics/model/x.ts', "import { isExtendedStatistic } from './isolate';\nimport { alignRange } from '../../shared/metrics/requests';\nexport const f = [isExtendedStatistic, alignRange];\n"), []);
  });

  it('allows vscode, src/aws and the platform in the feature folders', async () => {
    assert.deepEqual(await rulesFiredFor('src/explorer/x.ts', "import * as vscode from 'vscode';\nimport { loadBackend } from '../aws/loadBackend';\nimport { errorMessage } from '../platform/errors';\nexport const v = [vscode.version, loadBackend, errorMessage];\n"), []);
  });

  it('keeps feature folders out of each other', async () => {
    for (const [file, bad] of [
      ['src/logs/x.ts', '../explorer/explorerProvider'],
      ['src/explorer/x.ts', '../metrics/metricsPanel'],
      ['src/metrics/x.ts', '../logs/tailManager'],
      ['src/connection/x.ts', '../explorer/baseNodes'],
    ]) {
      const fired = await rulesFiredFor(file, importing(bad));
      assert.ok(fired.some((m) => m.startsWith('import-x/no-restricted-paths')), `${file} → ${bad}: ${fired.join('; ')}`);
    }
  });

  it('lets the webview import src/shared only, and neither vscode nor Node', async () => {
    assert.deepEqual(await rulesFiredFor('webview/metrics/x.ts', "import { isRecord } from '../../src/shared/webviewProtocol';\nexport const f = isRecord;\n"), []);
    for (const bad of ['../../src/aws/connection', '../../src/explorer/explorerProvider', '../../src/metrics/model/isolate', 'vscode', 'node:fs']) {
      const fired = await rulesFiredFor('webview/metrics/x.ts', importing(bad));
      assert.ok(fired.some((m) => m.startsWith('no-restricted-imports') || m.startsWith('import-x/no-restricted-paths')), `${bad}: ${fired.join('; ')}`);
    }
  });
});
