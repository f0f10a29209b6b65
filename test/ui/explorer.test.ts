// UI: the packaged extension in code-server, driven through headless Chromium.
import * as assert from 'assert';
import { startUi, type UiFixture } from './fixture';

describe('UI: SageMaker explorer', function () {
  this.timeout(180000);
  let ui: UiFixture | undefined;

  before(async function () {
    this.timeout(300000); // first run may install code-server
    ui = await startUi();
  });
  after(async () => { await ui?.dispose(); });

  it('opens the SageMaker container from the activity bar and shows the explorer', async () => {
    const { page } = ui!;
    await page.locator('.activitybar .action-item a[aria-label^="SageMaker"]').first().click({ timeout: 60000 });
    const sidebar = page.locator('.part.sidebar');
    const title = sidebar.locator('.composite.title h2').first();
    await title.filter({ hasText: /SageMaker/i }).waitFor({ timeout: 30000 });
    // With the simulator behind it the explorer lists its resources; without it, the welcome content shows.
    const content = ui!.session.sim
      ? sidebar.locator('.monaco-list-row[role="treeitem"]').first()
      : sidebar.locator('.welcome-view-content').first();
    await content.waitFor({ state: 'visible', timeout: 30000 });
    const text = (await sidebar.innerText()).replace(/\s+/g, ' ').trim();
    console.log(`      sidebar: "${text.slice(0, 160)}"`);
    assert.match(text, /SageMaker/i);
    // Move the pointer off the activity bar so its hover does not cover the screenshot.
    await page.mouse.move(900, 500);
    await page.locator('.workbench-hover, .monaco-hover').first().waitFor({ state: 'hidden', timeout: 10000 });
    await ui!.screenshot('explorer.png');
  });
});
