// The packaged .vsix: small, and holding only what ships.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { packagedVsix, repoRoot } from './fixture';

describe('Package: the .vsix', function () {
  this.timeout(120_000);

  it('is under 3 MB and holds only dist, media (with the walkthrough images), the manifest strings, README, CHANGELOG and LICENSE', () => {
    const vsix = packagedVsix(); // runs vscode:prepublish, the production build
    const size = fs.statSync(vsix).size;
    console.log(`      ${path.basename(vsix)}: ${(size / 1024).toFixed(1)} KiB`);
    assert.ok(size < 3 * 1024 * 1024, `${size} bytes`);
    const files = execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const allowed = /^(dist\/.+\.(js|css|ttf)|media\/[^/]+\.(png|svg|css)|media\/walkthrough\/[^/]+\.png|syntaxes\/[^/]+\.(tmLanguage|language-configuration)\.json|package\.json|package\.nls\.json|README\.md|CHANGELOG\.md|LICENSE)$/;
    assert.deepStrictEqual(files.filter((f) => !allowed.test(f)), [], 'files that should not ship');
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const walkthroughImages: string[] = pkg.contributes.walkthroughs.flatMap((w: { steps: { media: { image: string } }[] }) => w.steps.map((s) => s.media.image));
    for (const needed of ['dist/extension.js', 'dist/aws-backend.js', 'package.nls.json', 'media/icon.png', 'media/sagemaker.svg', 'syntaxes/sagemaker-log.tmLanguage.json', 'syntaxes/cwlq.tmLanguage.json', 'syntaxes/cwlq.language-configuration.json', ...walkthroughImages]) {
      assert.ok(files.includes(needed), `${needed} ships`);
    }
  });
});
