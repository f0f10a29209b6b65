// UI: the Getting Started walkthrough, opened from the Welcome page; each step's button runs its command.
// The screenshots it saves under artifacts/screenshots/walkthrough/ are the walkthrough's own images: after a
// change to a step, copy them over the committed ones:
//   cp artifacts/screenshots/walkthrough/{connect,explorer,logs,metrics,traceback}.png media/walkthrough/
//   cp artifacts/screenshots/walkthrough/walkthrough.png docs/images/
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { repoRoot, screenshotsDir, simOf, useUi } from './fixture';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image: string };
  completionEvents?: string[];
}

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
const localized = (s: string) => (/^%.+%$/.test(s) ? nls[s.slice(1, -1)] : s);
const walkthrough = pkg.contributes.walkthroughs[0] as { title: string; steps: Step[] };
const TITLE = localized(walkthrough.title);
const title = (id: string) => localized(walkthrough.steps.find((s) => s.id === id)?.title ?? id);
const outDir = path.join(screenshotsDir, 'walkthrough');

describe('UI: the Getting Started walkthrough', function () {
  this.timeout(180000);
  const ui = useUi();

  /** Runs a command from the command palette: typed as `label`, picked by `row` (titles vary between versions). */
  const command = async (label: string, row: RegExp = new RegExp(label)) => {
    const { page } = ui();
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`>${label}`);
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: row }).first().click({ timeout: 30000 });
  };
  /** Picks the row that holds `name` of the quick pick titled `heading` (rows of an older list linger, hidden). */
  const pick = async (heading: string, name: string) => {
    const widget = ui().page.locator('.quick-input-widget').filter({ hasText: heading });
    await widget.waitFor({ timeout: 30000 }).catch((e: unknown) => failed(`${heading}-picker`, e));
    await widget.locator('.monaco-list-row').filter({ hasText: name, visible: true }).first().click({ timeout: 60000 }).catch((e: unknown) => failed(`${heading}-pick`, e));
  };
  const walkthroughTab = () => ui().page.locator('.tabs-container .tab').filter({ hasText: /^Walkthrough: / }).first();
  const step = (id: string) => ui().page.locator('.getting-started-step').filter({ hasText: title(id) }).first();
  /** Back to the walkthrough's tab, the step expanded; then its button (a description line that is only a link). */
  const stepButton = async (id: string, name: string): Promise<Locator> => {
    await walkthroughTab().click();
    await step(id).click();
    // A selected step takes the focus 250 ms later (after its animation): a quick pick opened before then closes.
    await ui().page.waitForTimeout(500);
    const button = step(id).getByRole('button', { name, exact: true });
    await button.waitFor({ timeout: 30000 });
    return button;
  };
  /** Waits for the step's check mark, on the walkthrough's tab. */
  const checked = async (id: string) => {
    await walkthroughTab().click();
    await step(id).locator('.codicon-getting-started-step-checked').waitFor({ timeout: 30000 });
  };
  /** Saves the region of `target` (padded, at most max wide and high, within the page) as artifacts/screenshots/walkthrough/<name>. */
  const shot = async (name: string, target: Locator, { pad = 0, maxWidth = Infinity, maxHeight = Infinity } = {}) => {
    const { page } = ui();
    const box = await target.boundingBox();
    const view = page.viewportSize();
    assert.ok(box && view, `${name}: nothing to capture`);
    const x = Math.max(0, box.x - pad);
    const y = Math.max(0, box.y - pad);
    const clip = { x, y, width: Math.min(view.width, box.x + box.width + pad, x + maxWidth) - x, height: Math.min(view.height, box.y + box.height + pad, y + maxHeight) - y };
    fs.mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, name), clip });
  };
  const failed = async (name: string, e: unknown) => {
    await ui().screenshot(`walkthrough-failed-${name}.png`);
    throw e;
  };

  it('is listed on the Welcome page, opens from it and lists its five steps', async () => {
    const { page } = ui();
    await page.setViewportSize({ width: 1280, height: 800 });
    await command('Help: Welcome');
    // A fresh profile may open on VS Code's own walkthrough: go back to the Welcome page's list.
    const category = page.locator('.getting-started-category').filter({ hasText: TITLE }).first();
    const back = page.locator('.prev-button').filter({ visible: true }).first();
    await category.or(back).first().waitFor({ timeout: 30000 });
    if (!(await category.isVisible())) await back.click();
    await category.click({ timeout: 30000 }).catch((e: unknown) => failed('welcome', e));
    await walkthroughTab().waitFor({ timeout: 30000 });
    const titles = (await page.locator('.getting-started-step .step-title').filter({ visible: true }).allInnerTexts()).map((t) => t.trim());
    console.log(`      steps: ${titles.join(' · ')}`);
    assert.deepStrictEqual(titles, walkthrough.steps.map((s) => localized(s.title)));
  });

  it('connect: Change AWS Connection opens the connection picker and checks the step', async () => {
    const { page } = ui();
    await (await stepButton('connect', 'Change AWS Connection')).click();
    const picker = page.locator('.quick-input-widget');
    await picker.filter({ hasText: 'SageMaker Connection' }).waitFor({ timeout: 30000 });
    const rows = (await picker.locator('.monaco-list-row').allInnerTexts()).join(' | ');
    assert.match(rows, /Profile.*Region.*Endpoint URL/s);
    await page.mouse.move(1200, 700);
    await shot('connect.png', picker);
    await page.keyboard.press('Escape');
    await checked('connect');
  });

  it('explorer: Open the Explorer shows the SageMaker tree and checks the step', async () => {
    const { page } = ui();
    await (await stepButton('explorer', 'Open the Explorer')).click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.composite.title h2').filter({ hasText: /SageMaker/i }).waitFor({ timeout: 30000 });
    await checked('explorer');
    if (!ui().session.sim) return; // the images need the simulator's demo account
    const row = (name: RegExp) => sidebar.getByRole('treeitem', { name }).first();
    await row(/^churn-xgb-prod/).click({ timeout: 60000 });
    await row(/^Primary/).click({ timeout: 30000 });
    await sidebar.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /i-0[0-9a-f]+/ }).first().waitFor({ timeout: 30000 });
    await page.mouse.move(1200, 700);
    await shot('explorer.png', sidebar, { maxHeight: 400 });
  });

  it('tail logs: Tail Logs asks for a job and tails it into its channel', async function () {
    simOf(ui());
    const { page } = ui();
    await (await stepButton('tailLogs', 'Tail Logs')).click();
    await pick('Tail Logs', 'sentiment-bert-ft-live');
    // A job with several hosts: the whole job, or one host.
    await pick('Tail Logs: sentiment-bert-ft-live', 'All 4 hosts');
    const output = page.locator('.part.panel .monaco-editor .view-lines');
    await output.filter({ hasText: /\[algo-2\]/ }).first().waitFor({ timeout: 60000 }).catch((e: unknown) => failed('logs', e));
    await checked('tailLogs');
    await page.mouse.move(1200, 300);
    await shot('logs.png', page.locator('.part.panel'));
  });

  it('metrics: Open Metrics asks for a job and opens its panel', async function () {
    simOf(ui());
    const { page } = ui();
    await command('View: Hide Panel');
    await (await stepButton('metrics', 'Open Metrics')).click();
    await pick('Open Metrics', 'sentiment-bert-ft-live');
    await pick('Open Metrics: sentiment-bert-ft-live', 'All 4 hosts');
    const frame = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
    await frame.locator('#status').filter({ hasText: /GetMetricData call/ }).waitFor({ timeout: 60000 }).catch((e: unknown) => failed('metrics', e));
    await frame.locator('.chart-card canvas').first().waitFor({ timeout: 30000 });
    await page.mouse.move(1200, 790);
    await page.waitForTimeout(1000); // the charts' entry animation
    await shot('metrics.png', page.locator('.part.editor'));
    await checked('metrics');
  });

  it('traceback: Show Failure shows the traceback and checks the step; its frame opens train.py at the line', async function () {
    simOf(ui());
    const { page } = ui();
    await (await stepButton('traceback', 'Show Failure')).click();
    // The failed jobs of every kind.
    await pick('Show Failure', 'bert-sentiment-finetune');
    const frameLine = page.locator('.part.editor .monaco-editor .view-line').filter({ hasText: /train\.py",\sline\s41,\sin\smain/ }).first();
    await frameLine.waitFor({ timeout: 60000 }).catch((e: unknown) => failed('report', e));
    const link = frameLine.locator('.detected-link').first();
    await link.waitFor({ timeout: 30000 }).catch((e: unknown) => failed('link', e));
    await link.hover();
    await page.locator('.monaco-hover').filter({ hasText: /click/i }).first().waitFor({ timeout: 10000 }).catch(() => undefined);
    await shot('traceback.png', page.locator('.part.editor'), { maxWidth: 820, maxHeight: 580 });
    await page.mouse.move(1270, 790);
    await page.locator('.monaco-hover').filter({ visible: true }).first().waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
    // By position: Playwright's hit test finds <html> over an editor's text (the view lines do not take pointer events).
    const at = await link.boundingBox();
    assert.ok(at, 'the link has a position');
    await page.keyboard.down('ControlOrMeta');
    await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
    await page.keyboard.up('ControlOrMeta');
    await page.locator('.tabs-container .tab.active').filter({ hasText: 'train.py' }).waitFor({ timeout: 30000 }).catch((e: unknown) => failed('open', e));
    const cursor = page.locator('.statusbar-item').filter({ hasText: /^Ln \d+, Col \d+/ }).first();
    await cursor.filter({ hasText: /^Ln 41,/ }).waitFor({ timeout: 30000 });
    await checked('traceback');
  });

  it('shows every step checked once each has been done', async function () {
    simOf(ui());
    const { page } = ui();
    await command('Primary Side Bar', /View: (Close|Hide) Primary Side Bar/);
    for (const s of walkthrough.steps) await checked(s.id);
    await step('metrics').click();
    await page.locator('.getting-started-media img').filter({ visible: true }).first().waitFor({ timeout: 10000 });
    await page.mouse.move(1270, 790);
    await shot('walkthrough.png', page.locator('.part.editor'));
  });
});
