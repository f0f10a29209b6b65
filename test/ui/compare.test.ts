// UI: compare runs in code-server through headless Chromium: "Compare Children" on the tuning job, and
// "Compare Training Jobs" on a multi-selection in the tree; the table, the CloudWatch and from-logs charts drawn,
// the "From logs" toggle, the screenshot.
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { simOf, useUi } from './fixture';

interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): object | null };
  getComputedStyle(element: object): { backgroundColor: string };
}

describe('UI: compare runs', function () {
  this.timeout(180000);
  const ui = useUi();

  const frame = (): FrameLocator => ui().page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');

  /** Pixels of a chart's canvas in the first job's colour (its swatch in the table). */
  async function firstJobPixels(chartId: string): Promise<number> {
    return frame()
      .locator(`.chart-card[data-chart="${chartId}"] canvas`)
      .evaluate((node: unknown) => {
        const canvas = node as PageCanvas;
        const page = globalThis as unknown as PageGlobals;
        const swatch = page.document.querySelector('#jobsTable tbody tr .swatch');
        const m = /rgba?\((\d+), (\d+), (\d+)/.exec(swatch ? page.getComputedStyle(swatch).backgroundColor : '');
        if (!m) return -1;
        const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const ctx = canvas.getContext('2d');
        if (!ctx) return -1;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] > 200 && Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24 && Math.abs(data[i + 2] - b) < 24) n++;
        }
        return n;
      });
  }

  /** Runs a context menu's item: hovered (which focuses it in VS Code's menus), then Enter; the menu closes. */
  async function runMenuItem(name: string): Promise<void> {
    const { page } = ui();
    const item = page.getByRole('menuitem', { name });
    await item.hover({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: 10000 });
  }

  /** The failure as the page showed it, in artifacts/screenshots/, before the test fails. */
  async function shot<T>(name: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await ui().screenshot(`${name}-failure.png`).catch(() => undefined);
      throw error;
    }
  }

  it('"Compare Children" on the tuning job: its six best children, the differing hyperparameters, a chart per metric', async function () {
    simOf(ui());
    const { page } = ui();
    await page.locator('.activitybar .action-item a[aria-label^="SageMaker"]').first().click({ timeout: 60000 });
    const sidebar = page.locator('.part.sidebar');
    const row = (name: RegExp) => sidebar.getByRole('treeitem', { name }).first();
    await row(/^Tuning Jobs/).waitFor({ timeout: 30000 });
    for (const group of [/^Endpoints/, /^Training Jobs/, /^Processing Jobs/, /^Transform Jobs/]) {
      if ((await row(group).getAttribute('aria-expanded')) === 'true') {
        await row(group).click();
      }
    }
    await row(/^churn-xgb-tuning/).waitFor({ timeout: 30000 });
    await row(/^churn-xgb-tuning/).click({ button: 'right' });
    await runMenuItem('Compare Children');

    const status = frame().locator('#status');
    await shot('compare-children', () => status.filter({ hasText: /12 series in 1 GetMetricData call\b/ }).waitFor({ timeout: 60000 }));
    const header = (await frame().locator('#jobsTable thead').innerText()).replace(/\s+/g, ' ');
    for (const column of ['Objective validation:auc', 'Last train:auc', 'eta', 'max_depth', 'min_child_weight', 'subsample']) {
      assert.ok(header.includes(column), `${column} in "${header}"`);
    }
    assert.ok(!header.includes('_tuning_objective_metric'), 'the hyperparameters every job shares are hidden');
    assert.strictEqual(await frame().locator('#jobsTable tbody tr').count(), 6);
    assert.match(await frame().locator('#jobsTable tbody tr').first().innerText(), /churn-xgb-tuning-004-.*Completed.*0\.9021/s);
    const pixels = await firstJobPixels('metric1');
    console.log(`      validation:auc chart: ${pixels} pixels in the best job's colour`);
    assert.ok(pixels > 50, `the best job's curve drawn (${pixels} pixels)`);

    // From logs: the same jobs' curves read from their log lines (their MetricDefinitions), one line per job.
    const logsCard = frame().locator('.from-logs .chart-card[data-curve="validation:auc"]');
    await shot('compare-logs', () => logsCard.waitFor({ timeout: 60000 }));
    await shot('compare-logs-jobs', () => frame().locator('.from-logs .log-jobs li', { hasText: /(Read|Following) the job's logs\..*regexes: its MetricDefinitions/ }).first().waitFor({ timeout: 60000 }));
    assert.strictEqual(await frame().locator('.from-logs .log-jobs li').count(), 6, 'a line per job');
    const logPixels = await firstJobPixels('logs-validation_auc');
    console.log(`      from logs validation:auc chart: ${logPixels} pixels in the best job's colour`);
    assert.ok(logPixels > 50, `the best job's from-logs curve drawn (${logPixels} pixels)`);
    // MetricDefinitions capture values only: the x axis offers the time since start alone.
    assert.deepStrictEqual(await frame().locator('#xAxis vscode-option').allInnerTexts(), ['Time since start']);

    // "Show all hyperparameters" brings back the shared ones.
    await frame().locator('#showAllHyperparameters').click();
    await frame().locator('#jobsTable thead th', { hasText: '_tuning_objective_metric' }).waitFor({ timeout: 10000 });
    await frame().locator('#showAllHyperparameters').click();

    await page.keyboard.press('Control+B');
    await page.mouse.move(1300, 880);
    await ui().screenshot('compare.png');
    await page.keyboard.press('Control+B');
  });

  it('"Compare Training Jobs" on two children selected in the tree', async function () {
    simOf(ui());
    const { page } = ui();
    const sidebar = page.locator('.part.sidebar');
    const row = (name: RegExp) => sidebar.getByRole('treeitem', { name }).first();
    if ((await row(/^churn-xgb-tuning/).getAttribute('aria-expanded')) !== 'true') {
      await row(/^churn-xgb-tuning/).click();
    }
    await row(/^churn-xgb-tuning-001-/).waitFor({ timeout: 30000 });
    await row(/^churn-xgb-tuning-001-/).click();
    await row(/^churn-xgb-tuning-002-/).click({ modifiers: ['Control'] });
    await row(/^churn-xgb-tuning-002-/).click({ button: 'right' });
    await runMenuItem('Compare Training Jobs');
    await shot('compare-selection', () => frame().locator('#status').filter({ hasText: /4 series in 1 GetMetricData call\b/ }).waitFor({ timeout: 60000 }));
    const jobs = await frame().locator('#jobsTable tbody th.job').allInnerTexts();
    assert.deepStrictEqual(jobs.map((j) => j.trim().replace(/-[0-9a-f]{8}$/, '')), ['churn-xgb-tuning-001', 'churn-xgb-tuning-002']);
    // "From logs" off: the section goes (and no log line is read); on again: it comes back.
    await frame().locator('.from-logs .chart-card').first().waitFor({ timeout: 60000 });
    await frame().locator('#fromLogs').click();
    await frame().locator('.from-logs').waitFor({ state: 'detached', timeout: 10000 });
    await frame().locator('#fromLogs').click();
    await frame().locator('.from-logs .chart-card').first().waitFor({ timeout: 60000 });
  });
});
