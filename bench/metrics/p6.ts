// P6: render time of 20 series × 1,440 points in one chart of the metrics panel, in Debian Chromium
// (headless, playwright-core as the UI tests launch it). The real bundle dist/webview/metrics.js in a bare
// page with a stub acquireVsCodeApi; timed from posting the data message to the chart drawn.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { PanelSpec, SeriesSpec } from '../../src/shared/metrics/panels';
import type { DataMessage, InitMessage } from '../../src/shared/metricsProtocol';

const SERIES = 20;
const POINTS = 1_440;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export interface P6Result {
  readonly series: number;
  readonly pointsPerSeries: number;
  /** Posting the data message → the chart drawn (Chart.js draws synchronously with animation off). */
  readonly renderMs: number;
  /** … → the next animation frame (what the user sees). */
  readonly toFrameMs: number;
  /** Re-render with new data into the existing chart (an auto-refresh). */
  readonly refreshMs: number;
  readonly runs: number;
  readonly chromium: string;
}

function messages(): { init: InitMessage; data: (seed: number) => DataMessage } {
  const end = Date.UTC(2026, 0, 2);
  const start = end - POINTS * 60_000;
  const series: SeriesSpec[] = Array.from({ length: SERIES }, (_, i) => ({
    id: `m${i}`,
    label: `Invocations (Sum) · variant-${i}`,
    namespace: 'AWS/SageMaker',
    metricName: 'Invocations',
    dimensions: [{ Name: 'EndpointName', Value: 'bench' }, { Name: 'VariantName', Value: `variant-${i}` }],
    stat: 'Sum',
    factor: 1,
  }));
  const panel: PanelSpec = {
    target: { kind: 'endpoint', endpointName: 'bench' },
    title: 'bench: 20 series × 1,440 points',
    notes: [],
    charts: [{ id: 'invocations', title: 'Invocations', description: 'Requests per minute', unit: '', series }],
  } as PanelSpec;
  const init: InitMessage = { type: 'init', panel, view: { range: { kind: 'preset', preset: '1d' }, autoRefresh: 'off' } };
  const data = (seed: number): DataMessage => ({
    type: 'data',
    range: { start, end },
    periodSeconds: 60,
    periodReason: 'bench',
    series: series.map((s, i) => ({
      id: s.id,
      timestamps: Array.from({ length: POINTS }, (_, j) => start + j * 60_000),
      values: Array.from({ length: POINTS }, (_, j) => 100 + 50 * Math.sin((j + seed * 37 + i * 11) / 60) + ((j * 7919 + i * 104729 + seed) % 23)),
    })),
    calls: 1,
    messages: [],
    fetchedAt: end,
    unavailable: [],
  });
  return { init, data };
}

export async function p6(quick: boolean): Promise<P6Result> {
  const runs = quick ? 3 : 11;
  const root = path.resolve(__dirname, '..', '..', '..');
  const bundle = path.join(root, 'dist', 'webview', 'metrics.js');
  if (!fs.existsSync(bundle)) {
    throw new Error('dist/webview/metrics.js is missing: npm run build');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smm-bench-p6-'));
  const page = path.join(dir, 'index.html');
  fs.writeFileSync(
    page,
    `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${pathToFileURL(path.join(root, 'media', 'metrics.css')).href}">
<script>window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });</script>
</head><body class="vscode-dark" style="width:1200px" data-state='{"target":{"kind":"endpoint","endpointName":"bench"}}'><div id="app"></div>
<script src="${pathToFileURL(bundle).href}"></script></body></html>`,
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rig = require(path.join(root, 'test', 'rig', 'codeServer.js')) as { launchChromium(stateDir: string): Promise<Browser> };
  const browser = await rig.launchChromium(dir);
  const { init, data } = messages();
  const render: number[] = [];
  const frame: number[] = [];
  const refresh: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const tab = await context.newPage();
      await tab.goto(pathToFileURL(page).href);
      await tab.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
      const timings = await tab.evaluate(
        async ({ init, first, second }) => {
          // Runs in the page (DOM types are not in this Node project: the few used are spelt out).
          const w = globalThis as unknown as {
            dispatchEvent(e: unknown): void;
            MessageEvent: new (type: string, init: { data: unknown }) => unknown;
            requestAnimationFrame(cb: () => void): void;
            document: { querySelector(s: string): { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } | null };
          };
          const post = (data: unknown) => w.dispatchEvent(new w.MessageEvent('message', { data }));
          const nextFrame = () => new Promise<void>((r) => w.requestAnimationFrame(() => r()));
          post(init);
          await nextFrame();
          const t0 = performance.now();
          post(first);
          const t1 = performance.now();
          await nextFrame();
          const t2 = performance.now();
          post(second);
          const t3 = performance.now();
          const canvas = w.document.querySelector('.chart-card canvas');
          let drawn = 0;
          if (canvas) {
            const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < px.length; i += 4) if (px[i] > 0) drawn++;
          }
          return { render: t1 - t0, frame: t2 - t0, refresh: t3 - t2, drawn };
        },
        { init, first: data(1), second: data(2) },
      );
      if (timings.drawn < 1000) {
        throw new Error(`the chart was not drawn (${timings.drawn} pixels)`);
      }
      render.push(timings.render);
      frame.push(timings.frame);
      refresh.push(timings.refresh);
      await context.close();
    }
    return { series: SERIES, pointsPerSeries: POINTS, renderMs: median(render), toFrameMs: median(frame), refreshMs: median(refresh), runs, chromium: browser.version() };
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
