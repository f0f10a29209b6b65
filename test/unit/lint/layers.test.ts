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

describe('lint: the layer rules of DESIGN §1 are enforced', function () {
  this.timeout(30_000);

  it('forbids vscode in src/aws and src/shared', async () => {
    for (const file of ['src/aws/x.ts', 'src/shared/x.ts']) {
      const fired = await rulesFiredFor(file, "import * as vscode from 'vscode';\nexport const v = vscode.version;\n");
      assert.ok(fired.some((m) => m.startsWith('no-restricted-imports') && m.includes('DESIGN')), `${file}: ${fired.join('; ')}`);
    }
  });

  it('keeps the tail engine free of VS Code and of its feature\'s VS Code side', async () => {
    const file = 'src/logs/engine/x.ts';
    for (const bad of ['vscode', '../tailSession', '../../explorer/nodes', '../../aws/logs/source']) {
      const fired = await rulesFiredFor(file, `import * as m from '${bad}';\nexport const f = m;\n`);
      assert.ok(fired.some((m) => m.startsWith('no-restricted-imports') && m.includes('DESIGN')), `${bad}: ${fired.join('; ')}`);
    }
    assert.deepEqual(await rulesFiredFor(file, "import { isTransient } from '../../shared/failures';\nimport { abortError } from './budget';\nexport const f = [isTransient, abortError];\n"), []);
  });

  it('allows vscode in the feature folders', async () => {
    const fired = await rulesFiredFor('src/explorer/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode.version;\n");
    assert.deepEqual(fired, []);
  });

  it('lets the webview import src/shared only', async () => {
    assert.deepEqual(await rulesFiredFor('webview/metrics/x.ts', "import { isRecord } from '../../src/shared/webviewProtocol';\nexport const f = isRecord;\n"), []);
    for (const bad of ['../../src/aws/connection', '../../src/explorer/explorerProvider', 'vscode', 'node:fs']) {
      const fired = await rulesFiredFor('webview/metrics/x.ts', `import * as m from '${bad}';\nexport const f = m;\n`);
      assert.ok(fired.some((m) => m.startsWith('no-restricted-imports')), `${bad}: ${fired.join('; ')}`);
    }
  });

  it('keeps feature folders out of each other', async () => {
    const fired = await rulesFiredFor('src/logs/x.ts', "import { ExplorerProvider } from '../explorer/explorerProvider';\nexport const f = ExplorerProvider;\n");
    assert.ok(fired.some((m) => m.startsWith('no-restricted-imports')), fired.join('; '));
  });

  it('keeps src/shared below the feature folders', async () => {
    const fired = await rulesFiredFor('src/shared/x.ts', "import { UserFacingError } from '../core/errors';\nexport const f = UserFacingError;\n");
    assert.ok(fired.some((m) => m.startsWith('no-restricted-imports')), fired.join('; '));
  });
});
