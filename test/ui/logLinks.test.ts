// UI: tail the failed demo job into its output channel, Ctrl+click a traceback frame, land in train.py.
import * as assert from 'assert';
import { simOf, useUi } from './fixture';

const JOB = 'bert-sentiment-finetune';

describe('UI: jump from a traceback in the log channel to the source', function () {
  this.timeout(180000);
  const ui = useUi();

  it('shows the failed job log with its traceback, and a click on the train.py frame opens train.py at line 41', async function () {
    simOf(ui());
    const { page } = ui();
    const failed = async (name: string, e: unknown) => {
      await ui().screenshot(name);
      throw e;
    };
    await page.locator('.activitybar .action-item a[aria-label^="SageMaker"]').first().click({ timeout: 60000 });
    const sidebar = page.locator('.part.sidebar');
    const job = sidebar.getByRole('treeitem', { name: new RegExp(`^${JOB}`) }).first();
    await job.waitFor({ timeout: 60000 });
    await job.hover();
    await job.locator('.action-label[aria-label^="Tail Logs"]').click({ timeout: 30000 });

    const output = page.locator('.part.panel .monaco-editor .view-lines');
    await output
      .filter({ hasText: /RuntimeError:\smat1\sand\smat2/ })
      .waitFor({ timeout: 60000 })
      .catch((e: unknown) => failed('log-links-failed-output.png', e));
    // Room for the whole traceback: maximize the panel.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>View: Toggle Maximized Panel');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: /Toggle Maximized Panel/ }).first().click({ timeout: 30000 });

    const frameLine = page.locator('.part.panel .monaco-editor .view-line').filter({ hasText: /train\.py",\sline\s41,\sin\smain/ }).first();
    await frameLine.waitFor({ timeout: 30000 }).catch((e: unknown) => failed('log-links-failed-frame.png', e));
    const link = frameLine.locator('.detected-link').first();
    await link.waitFor({ timeout: 30000 }).catch((e: unknown) => failed('log-links-failed-link.png', e));
    await page.mouse.move(900, 120);
    await ui().screenshot('log-links-traceback.png');

    await link.click({ modifiers: ['ControlOrMeta'] });
    await page
      .locator('.tabs-container .tab.active')
      .filter({ hasText: 'train.py' })
      .waitFor({ timeout: 30000 })
      .catch((e: unknown) => failed('log-links-failed-open.png', e));
    const cursor = page.locator('.statusbar-item').filter({ hasText: /^Ln \d+, Col \d+/ }).first();
    await cursor.filter({ hasText: /^Ln 41,/ }).waitFor({ timeout: 30000 });
    const at = (await cursor.innerText()).trim();
    console.log(`      opened train.py at ${at}`);
    assert.match(at, /^Ln 41, Col 1\b/);
    await ui().screenshot('log-links-train-py.png');
  });
});
