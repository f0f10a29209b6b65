import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId, ViewContainerId, ViewId } from '../../src/shared/ids';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));

describe('package.json: the contracts of DESIGN §2', () => {
  it('names the extension and the engine', () => {
    assert.equal(pkg.name, 'sagemaker-monitor');
    assert.equal(nls[pkg.displayName.slice(1, -1)], 'SageMaker Monitor');
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.equal(pkg.main, './dist/extension.js');
    assert.ok(existsSync(join(root, pkg.icon)), pkg.icon);
  });

  it('declares every command with category SageMaker and a codicon', () => {
    const declared = new Map<string, { category: string; icon: string }>(pkg.contributes.commands.map((c: { command: string }) => [c.command, c]));
    for (const id of Object.values(CommandId)) {
      const c = declared.get(id);
      assert.ok(c, `${id} declared`);
      assert.equal(nls[c.category.slice(1, -1)], 'SageMaker', id);
      assert.match(c.icon, /^\$\([a-z-]+\)$/, id);
    }
    assert.equal(declared.size, Object.values(CommandId).length, 'no command without a CommandId constant');
  });

  it('contributes the view container, the explorer view and its welcome content', () => {
    const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === ViewContainerId);
    assert.ok(container);
    assert.ok(existsSync(join(root, container.icon)));
    assert.deepEqual(pkg.contributes.views[ViewContainerId].map((v: { id: string }) => v.id), [ViewId.Explorer]);
    assert.ok(pkg.contributes.viewsWelcome.some((w: { view: string }) => w.view === ViewId.Explorer));
  });

  it('declares the settings of DESIGN §2 with types, defaults and descriptions', () => {
    const props = pkg.contributes.configuration.properties;
    for (const key of ['profile', 'region', 'endpointUrl', 'sourceMappings', 'logs.liveTail', 'logs.pollIntervalSeconds', 'metrics.defaultTimeRange']) {
      const p = props[`sagemakerMonitor.${key}`];
      assert.ok(p, key);
      assert.ok(p.type, `${key} type`);
      assert.ok('default' in p, `${key} default`);
      assert.ok(p.markdownDescription || p.description, `${key} description`);
    }
  });

  it('has a package.nls.json entry for every %placeholder%, and no unused ones', () => {
    const used = new Set([...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    for (const key of used) {
      assert.ok(key in nls, `missing nls key ${key}`);
    }
    for (const key of Object.keys(nls)) {
      assert.ok(used.has(key), `unused nls key ${key}`);
    }
  });
});
