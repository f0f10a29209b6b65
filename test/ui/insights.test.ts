// UI: Logs Insights in code-server through headless Chromium: a library query opened from the command
// palette, run with Ctrl+Enter, its results as a grid (sortable, virtualized) and a stats chart; the view
// back after a window reload.
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { simOf, useUi } from './fixture';

interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

describe('UI: Logs Insights', function () {
  this.timeout(180000);
  const ui = useUi();

  const frame = (): FrameLocator => ui().page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');

  async function command(title: string): Promise<void> {
    const { page } = ui();
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title.replace('SageMaker: ', '') }).first().click({ timeout: 30000 });
  }

  it('opens "Loss over time" from the library, runs it with Ctrl+Enter: a grid, sortable, and a chart; back after a reload', async function () {
    simOf(ui());
    const { page } = ui();
    // The explorer first: the workbench is up and the extension active (as a user would start).
    await page.locator('.activitybar .action-item a[aria-label^="SageMaker"]').first().click({ timeout: 60000 });
    await page.locator('.part.sidebar .monaco-list-row[role="treeitem"]').first().waitFor({ timeout: 30000 });
    await command('SageMaker: Open Saved Query…');
    await page.locator('.quick-input-widget input').fill('Loss over time');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Loss over time' }).first().click({ timeout: 30000 });
    const editor = page.locator('.editor-instance .monaco-editor').filter({ hasText: /avgLoss/ }).first();
    // Monaco draws spaces as no-break spaces: \s matches both.
    await editor.locator('.view-lines').filter({ hasText: /stats\savg\(loss\)\sas\savgLoss\sby\sbin\(5m\)/ }).waitFor({ timeout: 30000 });
    // Syntax colouring: the command word is a token of its own.
    // Tokenizing runs after the text is drawn: wait for the first coloured token.
    await editor.locator('.view-lines .view-line span span:not(.mtk1)').first().waitFor({ timeout: 15000 });
    const spans = await editor.locator('.view-lines .view-line span span').evaluateAll((nodes: unknown[]) => nodes.map((n) => { const e = n as { textContent: string; className: string }; return `${e.textContent}|${e.className}`; }));
    const stats = spans.filter((x) => /^stats\|/.test(x));
    const plain = spans.filter((x) => /^\S+\|/.test(x)).map((x) => x.split('|')[1]);
    assert.ok(stats.length > 0 && plain.some((c) => c !== stats[0].split('|')[1]), `stats is a token of its own colour: ${spans.join(' ; ').slice(0, 600)}`);
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Enter');
    const status = frame().locator('#status');
    await status.filter({ hasText: /^Complete · \d+ rows/ }).waitFor({ timeout: 60000 });
    const statusText = await status.innerText();
    console.log(`      status: ${statusText}`);
    assert.match(statusText, /records matched · [\d,]+ scanned · [\d.]+ [KMG]?B scanned/);
    const rows = Number(/· (\d+) rows/.exec(statusText)?.[1]);
    assert.ok(rows > 10, `${rows} rows`);
    const shown = await frame().locator('.grid-row').count();
    assert.ok(shown > 0 && shown <= rows, `${shown} rows in the DOM of ${rows}`);
    // Sort by avgLoss, descending: the first row holds the largest loss.
    const head = frame().locator('.grid-head').filter({ hasText: /^avgLoss/ });
    await head.click();
    await head.click();
    await frame().locator('.grid-head[aria-sort="descending"]').waitFor({ timeout: 10000 });
    const cells = await frame().locator('.grid-row .grid-cell:nth-child(2)').allInnerTexts();
    const values = cells.map(Number);
    assert.deepStrictEqual(values, [...values].sort((a, b) => b - a));
    // The chart: pixels drawn in a non-background colour on the canvas.
    const drawn = await frame()
      .locator('#chart')
      .evaluate((node: unknown) => {
        const canvas = node as PageCanvas;
        const ctx = canvas.getContext('2d');
        if (!ctx) return -1;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200) n++;
        return n;
      });
    assert.ok(drawn > 200, `the chart is drawn (${drawn} pixels)`);
    await page.mouse.move(900, 700);
    await ui().screenshot('insights.png');

    // A window reload: the view comes back by itself, the same results read again by query id.
    await command('Developer: Reload Window');
    const restored = frame().locator('#status').filter({ hasText: new RegExp(`^Complete · ${rows} rows`) });
    await restored.waitFor({ timeout: 120000 });
    assert.ok((await frame().locator('.grid-row').count()) > 0, 'the grid again');
    assert.match(await frame().locator('#query').innerText(), /stats\s+avg\(loss\)\s+as\s+avgLoss\s+by\s+bin\(5m\)/);
  });
});
