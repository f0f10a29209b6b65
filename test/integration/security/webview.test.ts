// The metrics panel's real HTML and options: a strict CSP with a fresh crypto nonce on every script, local
// resources only from what ships, no remote content; hostile messages both ways are refused and logged,
// and the panel keeps working.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { MetricsPanel } from '../../../src/metrics/metricsPanel';
import { EXTENSION_ID } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, simulatorForExtension, waitFor } from '../helpers';
import { closePanels, openPanel } from '../metrics/panelHelpers';

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** The policy of the page's CSP meta tag, directive → sources. */
function csp(html: string): Map<string, string[]> {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  assert.ok(m, 'the page has a CSP meta tag');
  const out = new Map<string, string[]>();
  for (const directive of decodeEntities(m[1]).split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) out.set(name, sources);
  }
  return out;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The diagnostics channel's log file has a line with this text (the LogOutputChannel writes it to disk). */
function diagnosticsLogged(text: string): Promise<true> {
  const logs = path.join(process.env.SMM_USER_DATA_DIR!, 'logs');
  return waitFor(`"${text}" in the diagnostics log`, () =>
    filesUnder(logs).some((f) => f.endsWith('SageMaker Monitor.log') && fs.readFileSync(f, 'utf8').includes(text)) ? true : undefined,
  );
}

describe('Security: webview HTML, CSP and hostile messages', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
  });

  after(async () => {
    await closePanels(api);
    await sim?.close();
  });

  function checkPage(panel: MetricsPanel): string {
    const webview = panel.panel.webview;
    const html = webview.html;
    const policy = csp(html);
    assert.deepStrictEqual(policy.get('default-src'), ["'none'"]);
    const scriptSrc = policy.get('script-src') ?? [];
    assert.strictEqual(scriptSrc.length, 1, `script-src allows only the nonce: ${scriptSrc.join(' ')}`);
    const nonce = /^'nonce-([A-Za-z0-9+/]+={0,2})'$/.exec(scriptSrc[0])?.[1];
    assert.ok(nonce, scriptSrc[0]);
    assert.ok(Buffer.from(nonce, 'base64').length >= 16, `the nonce has at least 128 bits: ${nonce}`);
    for (const [directive, sources] of policy) {
      assert.ok(!sources.includes("'unsafe-eval'"), `${directive} allows eval`);
      // Remote origins: only the webview's own resource origin.
      for (const s of sources) {
        if (/^(https?:|\*)|:\/\//i.test(s)) assert.ok(webview.cspSource.split(/\s+/).includes(s), `${directive} allows ${s} (the webview's origin is ${webview.cspSource})`);
        if (/^(data|blob):$/.test(s)) assert.strictEqual(directive, 'img-src', `${directive} allows ${s}`);
      }
    }
    assert.ok(!scriptSrc.includes("'unsafe-inline'"));
    // Every script: loaded from the extension with the page's nonce; no inline code, no inline handlers.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.ok(scripts.length >= 1);
    for (const [, attrs, body] of scripts) {
      assert.strictEqual(decodeEntities(/\bnonce="([^"]*)"/.exec(attrs)?.[1] ?? ''), nonce, `script ${attrs} has the nonce`);
      assert.ok(/\bsrc="/.test(attrs) && body.trim() === '', `script ${attrs} is a file, not inline code`);
    }
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'no inline event handlers');
    // Every URL in the page is a local resource of the extension, served through the webview's resource origin.
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
    const local = webview.asWebviewUri(ext).toString();
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]*)"/gi)].map((m) => decodeEntities(m[1]));
    assert.ok(urls.length >= 2);
    for (const url of urls) {
      assert.ok(url.startsWith(local), `${url} is served from the extension (${local})`);
    }
    // Resource roots: what ships (dist/webview and media), nothing above them.
    const roots = (webview.options.localResourceRoots ?? []).map((u) => path.posix.relative(ext.path, u.path));
    assert.deepStrictEqual([...roots].sort(), ['dist/webview', 'media']);
    assert.strictEqual(webview.options.enableCommandUris ?? false, false, 'no command: links');
    return nonce;
  }

  it('the metrics panel: default-src none, a fresh 128-bit nonce on every script, local resources only', async () => {
    const first = checkPage(await openPanel({ endpointName: DEMO.endpoints.twoVariants }));
    const second = checkPage(await openPanel({ trainingJobName: DEMO.jobs.inProgress }));
    assert.notStrictEqual(first, second, 'each load has its own nonce');
  });

  it('hostile messages from the page are refused and logged; the panel keeps working', async function () {
    if (!process.env.SMM_USER_DATA_DIR) {
      this.skip(); // the log folder is known only when started by test/rig/runIntegration.mjs
    }
    const panel = await openPanel({ endpointName: DEMO.endpoints.bursty });
    await sim.control.resetRequestCounts();
    const marker = `hostile${Date.now().toString(36)}`;
    const hostile: unknown[] = [
      { type: 'createAlarm', alarmName: marker, seriesId: 'm0', stat: 'Sum', threshold: NaN, comparison: 'GreaterThanThreshold', evaluationPeriods: 1, periodSeconds: 60 },
      { marker, ...JSON.parse('{"__proto__": {"type": "refresh"}}') },
      { type: 'saveFile', marker, kind: 'exe', fileName: '../../.bashrc', content: 'rm -rf ~' },
      { type: 'setView', marker, view: { range: { kind: 'custom', start: Infinity, end: 1 }, autoRefresh: '1m' } },
      { type: 'showLogs', marker, time: 'now', periodSeconds: 60 },
      [marker, { type: 'refresh' }],
    ];
    // What VS Code calls when the page posts a message.
    const deliver = (m: unknown) => panel.receive(m);
    for (const m of hostile) {
      await deliver(m);
    }
    await diagnosticsLogged(`sent a malformed message: {"type":"createAlarm","alarmName":"${marker}"`);
    await diagnosticsLogged(`sent a malformed message: ["${marker}"`);
    const counts = await sim.control.requestCounts();
    assert.strictEqual(counts['cloudwatch.PutMetricAlarm'] ?? 0, 0, 'no alarm was created');
    const before = panel.refreshCount;
    await deliver({ type: 'refresh' });
    assert.strictEqual(panel.refreshCount, before + 1, 'a valid message still works');
    assert.strictEqual(panel.lastError, undefined);
  });

  it('hostile messages to the page are refused by its guard and reported; the page keeps working', async function () {
    if (!process.env.SMM_USER_DATA_DIR) {
      this.skip();
    }
    const panel = await openPanel({ endpointName: DEMO.endpoints.bursty }); // the open one of the test before, or a new one
    const marker = `tothepage${Date.now().toString(36)}`;
    for (const m of [
      { type: 'data', marker, range: {}, periodSeconds: NaN, series: 'x' },
      { type: 'init', marker, panel: { charts: 'not a list' }, view: {} },
      { type: 'error', marker, message: { toString: 'x' } },
    ]) {
      assert.ok(await panel.panel.webview.postMessage(m), 'delivered to the page');
    }
    // The page's guard refused each and said so through the protocol's webviewError message.
    await diagnosticsLogged(`Ignored a malformed message from the extension: {"type":"data","marker":"${marker}"`);
    await diagnosticsLogged(`Ignored a malformed message from the extension: {"type":"error","marker":"${marker}"`);
    // Still alive: a refresh round-trip posts data again and the page reports no script error.
    const before = panel.refreshCount;
    await panel.refresh();
    assert.strictEqual(panel.refreshCount, before + 1);
    assert.strictEqual(panel.lastError, undefined);
  });
});
