// UI: Tail Logs on a training job from the tree shows host-tagged lines in the output panel.
import * as assert from 'assert';
import { simOf, useUi } from './fixture';

describe('UI: tailing logs', function () {
  this.timeout(180000);
  const ui = useUi();

  it('tails a training job from the tree into its output channel, each line tagged with its host', async function () {
    simOf(ui());
    const { page } = ui();
    await page.locator('.activitybar .action-item a[aria-label^="SageMaker"]').first().click({ timeout: 60000 });
    const sidebar = page.locator('.part.sidebar');
    const job = sidebar.getByRole('treeitem', { name: /^sentiment-bert-ft-live/ }).first();
    await job.waitFor({ timeout: 30000 });
    await job.hover();
    await job.locator('.action-label[aria-label^="Tail Logs"]').click({ timeout: 30000 });
    const output = page.locator('.part.panel .monaco-editor .view-lines');
    await output.filter({ hasText: /\[algo-2\]/ }).first().waitFor({ timeout: 60000 });
    // Monaco renders spaces as no-break spaces.
    const text = (await output.first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /\d\d:\d\d:\d\d\.\d{3}Z? \[algo-\d\] /);
    await page.mouse.move(900, 300);
    await ui().screenshot('logs-tail.png');
  });
});
