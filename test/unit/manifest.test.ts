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

  describe('the Getting Started walkthrough', () => {
    interface Step {
      id: string;
      title: string;
      description: string;
      media: { image: string; altText: string };
      completionEvents?: string[];
    }
    const walkthroughs: { id: string; title: string; description: string; steps: Step[] }[] = pkg.contributes.walkthroughs;
    const text = (s: string) => (/^%.+%$/.test(s) ? nls[s.slice(1, -1)] : s);
    const declared = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
    // Commands VS Code itself provides that the walkthrough may link: settings, and the ones every view and
    // view container of this manifest gets (`<view>.focus`, `workbench.view.extension.<container>`).
    const builtIn = new Set<string>([
      'workbench.action.openSettings',
      ...Object.values(pkg.contributes.views as Record<string, { id: string }[]>).flat().map((v) => `${v.id}.focus`),
      ...pkg.contributes.viewsContainers.activitybar.map((c: { id: string }) => `workbench.view.extension.${c.id}`),
    ]);
    const steps = walkthroughs.flatMap((w) => w.steps);
    const linked = (s: Step) => [...text(s.description).matchAll(/\]\(command:([\w.-]+)(\?[^)]*)?\)/g)].map((m) => ({ id: m[1], args: m[2] }));

    it('has one walkthrough with a title, a description and the five steps', () => {
      assert.equal(walkthroughs.length, 1);
      assert.ok(text(walkthroughs[0].title) && text(walkthroughs[0].description));
      assert.deepEqual(
        steps.map((s) => s.id),
        ['connect', 'explorer', 'tailLogs', 'metrics', 'traceback'],
      );
    });

    it('gives every step a title, a description with a command link and a PNG of media/walkthrough/ that exists', () => {
      for (const s of steps) {
        assert.ok(text(s.title), `${s.id} title`);
        assert.ok(linked(s).length > 0, `${s.id} links a command`);
        assert.match(s.media.image, /^media\/walkthrough\/[\w-]+\.png$/, s.id);
        assert.ok(existsSync(join(root, s.media.image)), s.media.image);
        assert.ok(text(s.media.altText), `${s.id} alt text`);
      }
    });

    it('links only commands that exist, with JSON arguments', () => {
      for (const s of steps) {
        for (const { id, args } of linked(s)) {
          assert.ok(declared.has(id) || builtIn.has(id), `${s.id}: command:${id} is neither contributed nor VS Code's`);
          if (args) assert.doesNotThrow(() => JSON.parse(decodeURIComponent(args.slice(1))), `${s.id}: arguments of ${id}`);
        }
      }
      assert.ok(steps.some((s) => linked(s).some((l) => l.id === CommandId.SelectProfile)), 'the connect step offers Select AWS Profile');
    });

    it('completes steps on events of commands, views and settings that exist', () => {
      const settings = new Set(Object.keys(pkg.contributes.configuration.properties));
      for (const s of steps) {
        assert.ok(s.completionEvents?.length, `${s.id} has completion events`);
        for (const e of s.completionEvents ?? []) {
          const [kind, what] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)];
          if (kind === 'onCommand') assert.ok(declared.has(what), `${s.id}: ${e}`);
          else if (kind === 'onView') assert.equal(what, ViewId.Explorer, `${s.id}: ${e}`);
          else if (kind === 'onSettingChanged') assert.ok(settings.has(what), `${s.id}: ${e}`);
          else assert.fail(`${s.id}: unexpected completion event ${e}`);
        }
      }
    });
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
