// UI: a metrics panel in code-server through headless Chromium: drawn series, documented legends, themes.
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
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
    simOf(ui());
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
    simOf(ui());
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
    simOf(ui());
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

  it('the per-CPU toggle divides CPU by the instance type\'s vCPUs (8 on ml.c5.2xlarge)', async function () {
    simOf(ui());
    const cpu = frame().locator('.chart-card[data-chart="CPUUtilization"]');
    const latest = async () => Number(await cpu.locator('.legend .latest').first().getAttribute('data-value'));
    const summed = await latest();
    assert.ok(summed > 0, `CPU ${summed} %`);
    await cpu.locator('vscode-checkbox.per-core').click();
    await cpu.locator('.legend .latest').filter({ hasText: /% per core/ }).first().waitFor({ timeout: 10000 });
    const perCore = await latest();
    assert.ok(Math.abs(perCore * 8 - summed) < summed * 0.001, `${summed} % summed → ${perCore} % per core`);
    await cpu.locator('vscode-checkbox.per-core').click();
    await cpu.locator('.legend .latest').filter({ hasText: /% per core/ }).waitFor({ state: 'detached', timeout: 10000 });
  });

  it('dragging across a chart zooms to that range; "Use as time range" asks for exactly it', async function () {
    simOf(ui());
    const { page } = ui();
    const card = frame().locator('.chart-card[data-chart="invocations"]');
    const status = frame().locator('#status');
    const before = { start: Number(await status.getAttribute('data-start')), end: Number(await status.getAttribute('data-end')) };
    await card.locator('canvas').scrollIntoViewIfNeeded();
    const box = await card.locator('canvas').boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    const zoom = card.locator('.zoom-range');
    await zoom.waitFor({ state: 'visible', timeout: 10000 });
    const zoomed = { start: Number(await zoom.getAttribute('data-start')), end: Number(await zoom.getAttribute('data-end')) };
    const span = before.end - before.start;
    assert.ok(zoomed.start > before.start && zoomed.end < before.end, 'inside the shown window');
    assert.ok(zoomed.end - zoomed.start > span * 0.15 && zoomed.end - zoomed.start < span * 0.45, `${(zoomed.end - zoomed.start) / 60000} min of ${span / 60000}`);
    await ui().screenshot('metrics-zoomed.png');
    await zoom.locator('vscode-button.use-range').click();
    await status.and(frame().locator(`[data-start="${zoomed.start}"]`)).waitFor({ timeout: 30000 });
    assert.strictEqual(Number(await status.getAttribute('data-end')), zoomed.end, 'the panel asked for the zoomed window');
    assert.match((await status.innerText()) ?? '', /period 1 min/);
  });

  /** Accepts VS Code's save dialog (code-server's simple dialog: the proposed path, Enter). */
  async function acceptSaveDialog(fileName: string): Promise<void> {
    const input = ui().page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30000 });
    // Waits for the proposed path (the dialog fills it in after it opens).
    for (let i = 0; i < 100 && !(await input.inputValue()).endsWith(fileName); i++) {
      await ui().page.waitForTimeout(100);
    }
    assert.ok((await input.inputValue()).endsWith(fileName), `the dialog proposes ${await input.inputValue()}`);
    await input.press('Enter');
  }

  async function waitForFile(file: string): Promise<Buffer> {
    for (let i = 0; i < 300 && !(fs.existsSync(file) && fs.statSync(file).size > 0); i++) {
      await ui().page.waitForTimeout(100); // polls the disk: the file appears when the host has written it
    }
    return fs.readFileSync(file);
  }

  it('Export CSV writes the shown window\'s datapoints: the simulator\'s values', async function () {
    const sim = simOf(ui());
    await frame().locator('#exportCsv').click();
    await acceptSaveDialog('fraud-detector-api-metrics.csv');
    const lines = (await waitForFile(path.join(ui().session.workspace, 'fraud-detector-api-metrics.csv'))).toString('utf8').trimEnd().split('\n');
    assert.strictEqual(lines[0], 'chart,series,namespace,metric,statistic,dimensions,timestamp,value,unit');
    const rows = lines.slice(1).map((l) => l.split(',')).filter((f) => f[3] === 'Invocations' && f[4] === 'Sum');
    assert.ok(rows.length > 5, `${rows.length} Invocations rows`);
    const cloudwatch = new CloudWatchClient({ endpoint: sim.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'simulator' } });
    try {
      const first = Date.parse(rows[0][6]);
      const last = Date.parse(rows[rows.length - 1][6]);
      const out = await cloudwatch.send(new GetMetricDataCommand({
        StartTime: new Date(first), EndTime: new Date(last + 60_000), ScanBy: 'TimestampAscending',
        MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName', Value: 'fraud-detector-api' }, { Name: 'VariantName', Value: 'AllTraffic' }] }, Period: 60, Stat: 'Sum' } }],
      }));
      const r = out.MetricDataResults?.[0];
      const byTime = new Map((r?.Timestamps ?? []).map((t, i) => [t.toISOString(), r?.Values?.[i]]));
      for (const f of rows.slice(0, -2)) {
        assert.strictEqual(Number(f[7]), byTime.get(f[6]), `Invocations at ${f[6]}`);
      }
    } finally {
      cloudwatch.destroy();
    }
  });

  it('Export PNG writes the chart as a PNG image', async function () {
    simOf(ui());
    await frame().locator('.chart-card[data-chart="invocations"] vscode-button.action-file-media').click();
    await acceptSaveDialog('fraud-detector-api-invocations.png');
    const png = await waitForFile(path.join(ui().session.workspace, 'fraud-detector-api-invocations.png'));
    assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
    assert.strictEqual(png.toString('latin1', 12, 16), 'IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width > 200 && height > 100, `${width} × ${height}`);
    assert.strictEqual(png.toString('latin1', png.length - 8, png.length - 4), 'IEND');
  });

  it('Create alarm… on a chart: the threshold line and badge in the panel, the badge on the tree', async function () {
    simOf(ui());
    const { page } = ui();
    const card = frame().locator('.chart-card[data-chart="invocations"]');
    await card.locator('vscode-button.action-bell').click();
    const form = frame().locator('#alarmForm');
    await form.waitFor({ state: 'visible' });
    await form.locator('input[name="alarmName"]').fill('ui-fraud-invocations');
    // A missing threshold (not a number: the protocol would refuse it) is reported in the page, nothing posted.
    await form.locator('input[name="threshold"]').fill('');
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-field="threshold"].invalid .problem').filter({ hasText: 'A number.' }).waitFor({ timeout: 10000 });
    await form.locator('input[name="threshold"]').fill('1');
    await form.locator('input[name="evaluationPeriods"]').fill('2');
    await form.locator('input[name="snsTopicArn"]').fill('not-an-arn');
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-field="snsTopicArn"].invalid .problem').filter({ hasText: /SNS topic ARN/ }).waitFor({ timeout: 10000 });
    await form.locator('input[name="snsTopicArn"]').fill('');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'hidden', timeout: 30000 });
    await frame().locator('.alarm-badge.state-ALARM').filter({ hasText: 'ui-fraud-invocations' }).waitFor({ timeout: 30000 });
    await card.locator('.legend-alarm').filter({ hasText: /ui-fraud-invocations: ALARM \(Sum > 1\b/ }).waitFor({ timeout: 10000 });
    const row = page.locator('.part.sidebar').getByRole('treeitem', { name: /^fraud-detector-api/ }).first();
    await row.locator('.label-description').filter({ hasText: /ALARM: fraud-detector-api-5xx-rate, ui-fraud-invocations/ }).waitFor({ timeout: 30000 });
    await page.mouse.move(900, 700);
    await ui().screenshot('metrics-alarm-created.png');
  });

  it('after a reload the panel comes back with its target and the range the user picked', async function () {
    simOf(ui());
    const { page } = ui();
    const status = frame().locator('#status');
    const start = await status.getAttribute('data-start');
    const end = await status.getAttribute('data-end');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Developer: Reload Window');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: /Developer: Reload Window/ }).first().click();
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60000 });
    await frame().locator('h1').filter({ hasText: 'fraud-detector-api' }).waitFor({ timeout: 90000 });
    await frame().locator(`#status[data-start="${start}"][data-end="${end}"]`).waitFor({ timeout: 60000 });
    await page.mouse.move(900, 700);
    await ui().screenshot('metrics-after-reload.png');
    await frame().locator('.custom-range #customStart').waitFor({ state: 'visible', timeout: 10000 });
  });

  it('a failed refresh says why with Retry and Show log, keeps the charts (stale); a refused percentile is named, the rest drawn', async function () {
    const sim = simOf(ui());
    const quirks = (method: 'POST' | 'DELETE', body?: object) =>
      fetch(`${sim.url}/_sim/quirks`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) }).then((r) => assert.ok(r.ok, `quirks ${method}: ${r.status}`));
    const { page } = ui();
    try {
      // An emulator without percentiles answers them with an HTML 500: the other series stay, the percentiles are named.
      await quirks('POST', { metricsPercentile: 'html500' });
      await frame().locator('#refresh').click();
      await frame().locator('.unavailable-note').filter({ hasText: /p50, p90 and p99 not available from this service: it answered HTTP 500 with an HTML page/ }).waitFor({ timeout: 60000 });
      const latency = frame().locator('.chart-card[data-chart="latency"]');
      assert.match(await latency.locator('.legend-item.unavailable').first().innerText(), /ModelLatency \(p50\).*— not available/s);
      assert.ok((await seriesPixels('invocations')) > 100, 'Invocations still drawn');

      // A gateway answering HTML to everything: the failure block, the data kept and marked stale.
      await quirks('POST', { metricsPercentile: 'off', gatewayHtml: true });
      await frame().locator('#refresh').click();
      const failure = frame().locator('#failure');
      await failure.filter({ hasText: /Could not refresh: The service answered something that is not AWS's format \(HTTP 502, an HTML page\)/ }).waitFor({ timeout: 60000 });
      assert.match(await failure.innerText(), /Showing the data of /);
      await failure.locator('#retry').waitFor({ state: 'visible' });
      await failure.locator('#showLog').waitFor({ state: 'visible' });
      assert.strictEqual(await frame().locator('.chart-card.stale').count(), await frame().locator('.chart-card').count(), 'every chart marked stale');
      assert.ok((await seriesPixels('invocations')) > 0, 'the last good data stay drawn');
      await page.mouse.move(900, 700);
      await ui().screenshot('metrics-error.png');

      // Fixed: Retry brings everything back.
      await quirks('DELETE');
      await failure.locator('#retry').click();
      await failure.waitFor({ state: 'hidden', timeout: 60000 });
      await frame().locator('#status').filter({ hasText: /1 GetMetricData call/ }).waitFor({ timeout: 60000 });
      assert.strictEqual(await frame().locator('.chart-card.stale').count(), 0);
      assert.strictEqual(await frame().locator('.legend-item.unavailable').count(), 0);
    } finally {
      await quirks('DELETE');
    }
  });

  it('an inference component\'s panel from the tree: requests per copy, normalized utilization per copy', async function () {
    simOf(ui());
    const { page } = ui();
    const sidebar = page.locator('.part.sidebar');
    const row = (name: RegExp) => sidebar.getByRole('treeitem', { name }).first();
    // The tree is open when the suite ran from its start; alone, this test opens it (a second click would close it).
    if (!(await row(/^llm-chat-ic/).isVisible())) {
      await page.locator('.activitybar .action-item a[aria-label^="SageMaker"]').first().click({ timeout: 60000 });
    }
    await row(/^llm-chat-ic/).click({ timeout: 60000 });
    const variant = sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /AllTraffic\s*2 × ml\.g5\.12xlarge · 2 inference components/ }).first();
    await variant.waitFor({ timeout: 30000 });
    await variant.click();
    const component = sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /llama3-8b-chat\s*InService · 2 copies · 1 GPU, 2 CPUs, 24 GiB per copy/ }).first();
    await component.waitFor({ timeout: 30000 });
    await component.hover();
    await component.locator('.action-label[aria-label="Open Metrics"]').click();
    await frame().locator('h1').filter({ hasText: 'llama3-8b-chat' }).waitFor({ timeout: 60000 });
    await frame().locator('#status').filter({ hasText: /1 GetMetricData call/ }).waitFor({ timeout: 60000 });
    assert.match(await frame().locator('.chart-card[data-chart="invocationsPerCopy"] .legend').innerText(), /InvocationsPerCopy \(Sum\)/);
    assert.match(await frame().locator('.chart-card[data-chart="GPUUtilizationNormalized"] .legend').innerText(), /GPUUtilizationNormalized \(Maximum\) · i-0[0-9a-f]+\//);
    for (const chart of ['invocations', 'invocationsPerCopy', 'GPUUtilizationNormalized']) {
      const pixels = await seriesPixels(chart);
      assert.ok(pixels > 100, `${chart}: series drawn (${pixels} pixels)`);
    }
    await page.mouse.move(900, 700);
    await ui().screenshot('metrics-inference-component.png');
  });
});
