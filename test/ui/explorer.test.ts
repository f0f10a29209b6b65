// UI: the packaged extension in code-server, driven through headless Chromium.
import * as assert from 'assert';
import { simOf, useUi } from './fixture';

describe('UI: SageMaker explorer', function () {
  this.timeout(180000);
  const ui = useUi();

  it('opens the SageMaker container from the activity bar and shows the explorer', async () => {
    const { page } = ui();
    await page.locator('.activitybar .action-item a[aria-label^="SageMaker"]').first().click({ timeout: 60000 });
    const sidebar = page.locator('.part.sidebar');
    const title = sidebar.locator('.composite.title h2').first();
    await title.filter({ hasText: /SageMaker/i }).waitFor({ timeout: 30000 });
    // With the simulator behind it the explorer lists its resources; without it, the welcome content shows.
    const content = ui().session.sim
      ? sidebar.locator('.monaco-list-row[role="treeitem"]').first()
      : sidebar.locator('.welcome-view-content').first();
    await content.waitFor({ state: 'visible', timeout: 30000 });
    const text = (await sidebar.innerText()).replace(/\s+/g, ' ').trim();
    console.log(`      sidebar: "${text.slice(0, 160)}"`);
    assert.match(text, /SageMaker/i);
    // Move the pointer off the activity bar so its hover does not cover the screenshot.
    await page.mouse.move(900, 500);
    await page.locator('.workbench-hover, .monaco-hover').first().waitFor({ state: 'hidden', timeout: 10000 });
    await ui().screenshot('explorer.png');
  });

  it('expands an endpoint to its variants and instances, and a job to its hosts', async function () {
    simOf(ui());
    const { page } = ui();
    const sidebar = page.locator('.part.sidebar');
    const row = (name: RegExp) => sidebar.getByRole('treeitem', { name }).first();
    await row(/^churn-xgb-prod/).click();
    await row(/^Primary/).click();
    // Two instances of Primary, found from their log streams and the seed's Host metric dimension.
    const instances = sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /i-0[0-9a-f]+\s*logs · Host metrics/ });
    await instances.nth(1).waitFor({ timeout: 30000 });
    assert.strictEqual(await instances.count(), 2);
    await row(/^detr-coco-spot/).click();
    const restarted = sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /algo-1\s*2 streams \(restarted\)/ });
    await restarted.waitFor({ timeout: 30000 });
    await restarted.click();
    await sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /algo-1-\d+/ }).nth(1).waitFor({ timeout: 30000 });
    const text = (await sidebar.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Canary/);
    await page.mouse.move(900, 500);
    await ui().screenshot('explorer-expanded.png');
  });
});
