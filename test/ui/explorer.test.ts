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

  it('expands each job group: processing, transform, tuning (children ranked) and pipelines (execution → steps)', async function () {
    simOf(ui());
    const { page } = ui();
    const sidebar = page.locator('.part.sidebar');
    const row = (name: RegExp) => sidebar.getByRole('treeitem', { name }).first();
    if (!/SageMaker/i.test(await sidebar.locator('.composite.title h2').first().innerText().catch(() => ''))) {
      await page.locator('.activitybar .action-item a[aria-label^="SageMaker"]').first().click({ timeout: 60000 });
    }
    // Collapse what the earlier test opened, and the first two groups, to bring the job groups into view.
    for (const group of [/^Endpoints/, /^Training Jobs/]) {
      const r = row(group);
      if ((await r.getAttribute('aria-expanded')) === 'true') {
        await r.click();
      }
    }
    for (const group of [/^Processing Jobs/, /^Transform Jobs/, /^Tuning Jobs/, /^Pipelines/]) {
      await row(group).waitFor({ timeout: 30000 });
      assert.strictEqual(await row(group).getAttribute('aria-expanded'), 'true');
    }
    await sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /churn-features-live/ }).first().waitFor({ timeout: 30000 });
    await sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /churn-batch-scoring/ }).first().waitFor({ timeout: 30000 });
    // Processing and transform groups collapse so the tuning job and the pipeline fit the screenshot.
    await row(/^Processing Jobs/).click();
    await row(/^Transform Jobs/).click();
    await row(/^churn-xgb-tuning/).click();
    const best = sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /#1 validation:auc 0\.9021/ });
    await best.waitFor({ timeout: 30000 });
    await row(/^churn-pipeline/).click();
    await row(/^nightly-refresh/).click();
    await sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /Processing · Failed/ }).first().waitFor({ timeout: 30000 });
    const text = (await sidebar.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /weekly-retrain/);
    // Widen the side bar (drag its sash) so the descriptions show whole.
    const box = await sidebar.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width + 1, box.y + 300);
      await page.mouse.down();
      await page.mouse.move(box.x + 720, box.y + 300, { steps: 5 });
      await page.mouse.up();
    }
    await page.mouse.move(1200, 700);
    await ui().screenshot('explorer-jobs.png');
  });
});
