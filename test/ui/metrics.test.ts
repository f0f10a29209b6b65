// UI: a metrics panel in code-server through headless Chromium: drawn series, documented legends, themes.
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { useUi } from './fixture';

interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): object | null };
  getComputedStyle(element: object): { backgroundColor: string };
}

describe('UI: metric panels', function () {
  this.timeout(180000);
  const ui = useUi();

  const frame = (): FrameLocator => ui().page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');

  /** Pixels of a chart's canvas drawn in the first series' colour (not axes, grid or background). */
  async function seriesPixels(chartId: string): Promise<number> {
    return frame()
      .locator(`.chart-card[data-chart="${chartId}"] canvas`)
      .evaluate((node: unknown, id: string) => {
        // Runs in the page: the DOM types are not in this (Node) project, so the few used are spelt out.
        const canvas = node as PageCanvas;
        const page = globalThis as unknown as PageGlobals;
        const swatch = page.document.querySelector(`.chart-card[data-chart="${id}"] .legend .swatch`);
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
      }, chartId);
  }

  it('opens an endpoint\'s panel from the tree and draws its series with the documented metric names', async function () {
    if (!ui().session.sim) this.skip();
    const { page } = ui();
    await page.locator('.activitybar .action-item a[aria-label^="SageMaker"]').first().click({ timeout: 60000 });
    const sidebar = page.locator('.part.sidebar');
    const row = sidebar.getByRole('treeitem', { name: /^churn-xgb-prod/ }).first();
    await row.waitFor({ timeout: 30000 });
    await row.hover();
    await row.locator('.action-label[aria-label="Open Metrics"]').click();
    const status = frame().locator('#status');
    await status.filter({ hasText: /1 GetMetricData call/ }).waitFor({ timeout: 60000 });
    const legend = (await frame().locator('.chart-card[data-chart="latency"] .legend').innerText()).replace(/\s+/g, ' ');
    for (const name of ['ModelLatency (Average) · Primary', 'ModelLatency (Maximum) · Primary', 'ModelLatency (p50) · Primary', 'ModelLatency (p90) · Primary', 'ModelLatency (p99) · Canary']) {
      assert.ok(legend.includes(name), `${name} in "${legend}"`);
    }
    const invocations = await frame().locator('.chart-card[data-chart="invocations"] .legend').innerText();
    assert.match(invocations, /Invocations \(Sum\) · Primary/);
    assert.match(await frame().locator('.chart-card[data-chart="errorRate"] .legend').innerText(), /Invocation5XXErrors \(Average\) · Canary/);
    assert.match(await frame().locator('.chart-card[data-chart="CPUUtilization"] .legend').innerText(), /CPUUtilization \(Maximum\) · Primary\/i-0[0-9a-f]+/);
    assert.match(await frame().locator('.chart-card[data-chart="CPUUtilization"]').innerText(), /400 % on 4 CPUs/);
    const pixels = await seriesPixels('invocations');
    console.log(`      invocations chart: ${pixels} pixels in the series colour`);
    assert.ok(pixels > 100, `series drawn on the canvas (${pixels} pixels)`);
    assert.ok((await seriesPixels('latency')) > 100);
    await page.mouse.move(900, 700);
    const dark = ((await frame().locator('body').getAttribute('class')) ?? '').includes('vscode-dark');
    await ui().screenshot(`metrics-endpoint-${dark ? 'dark' : 'light'}.png`);
  });

  it('follows the other theme (dark ↔ light) and still draws the series', async function () {
    if (!ui().session.sim) this.skip();
    const { page } = ui();
    const body = frame().locator('body');
    const themeOf = async () => ((await body.getAttribute('class')) ?? '').includes('vscode-dark') ? 'dark' : 'light';
    const before = await themeOf();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Preferences: Toggle between Light/Dark Themes');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: /Toggle between Light\/Dark Themes/ }).first().click();
    const after = before === 'dark' ? 'light' : 'dark';
    await frame().locator(`body.vscode-${after}`).waitFor({ timeout: 30000 });
    const pixels = await seriesPixels('invocations');
    assert.ok(pixels > 100, `series drawn after the theme change (${pixels} pixels)`);
    await page.mouse.move(900, 700);
    await ui().screenshot(`metrics-endpoint-${after}.png`);
  });

  it('an endpoint with enhanced metrics: per-instance series and its alarm\'s state badge', async function () {
    if (!ui().session.sim) this.skip();
    const { page } = ui();
    const row = page.locator('.part.sidebar').getByRole('treeitem', { name: /^fraud-detector-api/ }).first();
    await row.hover();
    await row.locator('.action-label[aria-label="Open Metrics"]').click();
    await frame().locator('h1').filter({ hasText: 'fraud-detector-api' }).waitFor({ timeout: 60000 });
    await frame().locator('#status').filter({ hasText: /1 GetMetricData call/ }).waitFor({ timeout: 60000 });
    assert.match(await frame().locator('.chart-card[data-chart="CPUUtilization"] .legend').innerText(), /CPUUtilization \(Maximum\) · AllTraffic\/i-0[0-9a-f]+/);
    await frame().locator('.alarm-badge').filter({ hasText: 'fraud-detector-api-5xx-rate' }).waitFor({ timeout: 30000 });
    assert.ok((await seriesPixels('invocations')) > 100);
  });
});
