// P8: 10,000 Logs Insights result rows to a scrollable grid, in Debian Chromium (headless, playwright-core
// as the UI tests launch it). The real bundle dist/webview/insights.js in a bare page with a stub
// acquireVsCodeApi, given the messages the host posts (run, then results with 10,000 rows of realistic
// fields); timed from posting the results to the first rows painted, then a scroll to the end until the
// last rows are painted. The peer: the same rows as a plain HTML table (what a view without
// virtualization would do), to the same two points.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { ResultRow } from '../../src/shared/insights/results';
import type { ResultsMessage, RunMessage } from '../../src/shared/insightsProtocol';

export const ROWS = 10_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export interface P8Figures {
  /** Posting the results message → the frame with the first rows painted. */
  readonly firstRowsMs: number;
  /** Scrolled to the end → the frame with the last row painted. */
  readonly scrollToEndMs: number;
  /** Rows in the DOM once shown. */
  readonly domRows: number;
}

export interface P8Result {
  readonly rows: number;
  readonly fields: readonly string[];
  readonly messageChars: number;
  readonly grid: P8Figures;
  /** The same rows as a plain, non-virtualized HTML table. */
  readonly plainTable: P8Figures;
  readonly runs: number;
  readonly chromium: string;
}

const WORDS = ['request', 'handled', 'model', 'variant', 'latency', 'payload', 'tokens', 'batch', 'worker', 'inference', 'cache', 'queue', 'upstream', 'shard'];

/** 10,000 rows as a `fields @timestamp, @logStream, @message, …` query over an endpoint's logs returns them. */
export function benchRows(): { fields: string[]; rows: ResultRow[] } {
  const start = Date.UTC(2026, 10, 24, 6, 0, 0);
  const rows: ResultRow[] = [];
  for (let i = 0; i < ROWS; i++) {
    const t = new Date(start + i * 361).toISOString().replace('T', ' ').replace('Z', '');
    let message = `[INFO] ${t} request ${i.toString(16).padStart(8, '0')}`;
    for (let w = i; message.length < 120; w = (w * 31 + 7) % 9973) {
      message += ` ${WORDS[w % WORDS.length]}=${w % 1000}`;
    }
    rows.push({
      '@timestamp': t,
      '@logStream': `AllTraffic/i-0${(i % 4).toString().repeat(16)}`,
      '@message': message.slice(0, 120),
      latencyMs: String(5 + ((i * 7919) % 400) / 4),
      status: i % 97 === 0 ? '500' : '200',
      bytes: String(200 + ((i * 104729) % 5000)),
      '@ptr': `CmAKJQohMTIzNDU2Nzg5MDEyOi9hd3Mvc2FnZW1ha2VyL0VuZHBvaW50cxAHEjUaGAIGZ${i.toString(36)}`,
    });
  }
  return { fields: ['@timestamp', '@logStream', '@message', 'latencyMs', 'status', 'bytes', '@ptr'], rows };
}

function messages(): { run: RunMessage; results: ResultsMessage } {
  const { fields, rows } = benchRows();
  const run: RunMessage = {
    type: 'run',
    runId: 1,
    title: 'Logs Insights: bench',
    queryString: 'fields @timestamp, @logStream, @message, latencyMs, status, bytes | sort @timestamp asc | limit 10000',
    logGroupNames: ['/aws/sagemaker/Endpoints/bench'],
    startTime: Date.UTC(2026, 10, 24, 6),
    endTime: Date.UTC(2026, 10, 24, 7),
  };
  const results: ResultsMessage = { type: 'results', runId: 1, status: 'Complete', statistics: { recordsMatched: ROWS, recordsScanned: 250_000, bytesScanned: 60_000_000 }, fields, rows, final: true, elapsedMs: 1800 };
  return { run, results };
}

/** Runs in the page: the grid of the real bundle. */
async function timeGrid(tab: Page, run: RunMessage, results: ResultsMessage): Promise<P8Figures & { firstText: string; lastIndex: number }> {
  return tab.evaluate(
    async ({ run, results }) => {
      // DOM types are not in this Node project: the few used are spelt out.
      interface Elem {
        scrollTop: number;
        scrollHeight: number;
        textContent: string | null;
        getAttribute(name: string): string | null;
        querySelectorAll(s: string): ArrayLike<Elem>;
      }
      const w = globalThis as unknown as {
        postMessage(data: unknown, origin: string): void;
        requestAnimationFrame(cb: () => void): void;
        setTimeout(cb: () => void, ms: number): void;
        document: { querySelector(s: string): Elem | null; querySelectorAll(s: string): ArrayLike<Elem> };
      };
      // As the webview gets a host message: structured-cloned, dispatched as a message event.
      const post = (data: unknown) => w.postMessage(data, '*');
      // The frame painted: a task queued from requestAnimationFrame runs after that frame's paint.
      const painted = () => new Promise<void>((r) => w.requestAnimationFrame(() => w.setTimeout(r, 0)));
      post(run);
      await painted();
      const t0 = performance.now();
      post(results);
      await painted();
      const t1 = performance.now();
      const rows = w.document.querySelectorAll('.grid-row');
      const firstText = rows[0]?.textContent ?? '';
      const viewport = w.document.querySelector('.grid-viewport');
      if (!viewport) throw new Error('no grid viewport');
      const t2 = performance.now();
      viewport.scrollTop = viewport.scrollHeight;
      await painted();
      const t3 = performance.now();
      const after = w.document.querySelectorAll('.grid-row');
      const lastIndex = Number(after[after.length - 1]?.getAttribute('data-index') ?? -1);
      return { firstRowsMs: t1 - t0, scrollToEndMs: t3 - t2, domRows: rows.length, firstText, lastIndex };
    },
    { run, results },
  );
}

/** Runs in the page: the same rows as one plain table, every row in the DOM. */
async function timePlainTable(tab: Page, fields: readonly string[], rows: readonly ResultRow[]): Promise<P8Figures & { lastText: string }> {
  return tab.evaluate(
    async ({ fields, rows }) => {
      interface Elem {
        scrollTop: number;
        scrollHeight: number;
        textContent: string | null;
        style: Record<string, string>;
        append(...children: (Elem | string)[]): void;
        querySelectorAll(s: string): ArrayLike<Elem> & { length: number };
      }
      const w = globalThis as unknown as {
        requestAnimationFrame(cb: () => void): void;
        setTimeout(cb: () => void, ms: number): void;
        document: { createElement(tag: string): Elem; body: Elem };
      };
      const painted = () => new Promise<void>((r) => w.requestAnimationFrame(() => w.setTimeout(r, 0)));
      const shown = fields.filter((f) => f !== '@ptr');
      await painted();
      const t0 = performance.now();
      const wrap = w.document.createElement('div');
      wrap.style.height = '60vh';
      wrap.style.overflow = 'auto';
      const table = w.document.createElement('table');
      const head = w.document.createElement('tr');
      for (const f of shown) {
        const th = w.document.createElement('th');
        th.textContent = f;
        head.append(th);
      }
      table.append(head);
      for (const row of rows) {
        const tr = w.document.createElement('tr');
        for (const f of shown) {
          const td = w.document.createElement('td');
          td.textContent = row[f] ?? '';
          tr.append(td);
        }
        table.append(tr);
      }
      wrap.append(table);
      w.document.body.append(wrap);
      await painted();
      const t1 = performance.now();
      const t2 = performance.now();
      wrap.scrollTop = wrap.scrollHeight;
      await painted();
      const t3 = performance.now();
      const trs = table.querySelectorAll('tr');
      return { firstRowsMs: t1 - t0, scrollToEndMs: t3 - t2, domRows: trs.length - 1, lastText: trs[trs.length - 1]?.textContent ?? '' };
    },
    { fields, rows },
  );
}

export async function p8(quick: boolean): Promise<P8Result> {
  const runs = quick ? 3 : 9;
  const root = path.resolve(__dirname, '..', '..', '..');
  const bundle = path.join(root, 'dist', 'webview', 'insights.js');
  if (!fs.existsSync(bundle)) {
    throw new Error('dist/webview/insights.js is missing: npm run build');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smm-bench-p8-'));
  const page = path.join(dir, 'index.html');
  const css = (p: string) => `<link rel="stylesheet" href="${pathToFileURL(path.join(root, p)).href}">`;
  fs.writeFileSync(
    page,
    `<!doctype html><html><head><meta charset="utf-8">${css('dist/webview/codicon.css')}${css('media/insights.css')}
<script>window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });</script>
</head><body class="vscode-dark" style="width:1200px"><div id="app"></div>
<script src="${pathToFileURL(bundle).href}"></script></body></html>`,
  );
  const plainPage = path.join(dir, 'plain.html');
  fs.writeFileSync(plainPage, `<!doctype html><html><head><meta charset="utf-8">${css('media/insights.css')}</head><body class="vscode-dark" style="width:1200px"></body></html>`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rig = require(path.join(root, 'test', 'rig', 'codeServer.js')) as { launchChromium(stateDir: string): Promise<Browser> };
  const browser = await rig.launchChromium(dir);
  const { run, results } = messages();
  const grid: P8Figures[] = [];
  const plain: P8Figures[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const tab = await context.newPage();
      await tab.goto(pathToFileURL(page).href);
      await tab.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
      const g = await timeGrid(tab, run, results);
      if (!g.firstText.includes(results.rows[0]['@message']) || g.lastIndex !== ROWS - 1) {
        throw new Error(`the grid did not show the rows: first "${g.firstText.slice(0, 80)}", last index ${g.lastIndex}`);
      }
      grid.push(g);
      const posted = await tab.evaluate(() => (globalThis as unknown as { __posted: { type: string; rows?: number }[] }).__posted.filter((m) => m.type === 'shown').at(-1));
      if (posted?.rows !== ROWS) {
        throw new Error(`the page reported ${JSON.stringify(posted)}`);
      }
      await context.close();

      const plainContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const plainTab = await plainContext.newPage();
      await plainTab.goto(pathToFileURL(plainPage).href);
      const p = await timePlainTable(plainTab, results.fields, results.rows);
      if (p.domRows !== ROWS || !p.lastText.includes(results.rows[ROWS - 1]['@message'])) {
        throw new Error(`the plain table did not show the rows (${p.domRows})`);
      }
      plain.push(p);
      await plainContext.close();
      process.stderr.write(`  P8 run ${i + 1}/${runs}: grid ${g.firstRowsMs.toFixed(0)} + ${g.scrollToEndMs.toFixed(0)} ms, plain table ${p.firstRowsMs.toFixed(0)} + ${p.scrollToEndMs.toFixed(0)} ms\n`);
    }
    const summary = (xs: P8Figures[]): P8Figures => ({ firstRowsMs: median(xs.map((x) => x.firstRowsMs)), scrollToEndMs: median(xs.map((x) => x.scrollToEndMs)), domRows: xs[0].domRows });
    return { rows: ROWS, fields: results.fields, messageChars: JSON.stringify(results).length, grid: summary(grid), plainTable: summary(plain), runs, chromium: browser.version() };
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
