// A secret in the credentials never reaches an output channel or a log file, whatever fails.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Simulator } from '../../../sim/src/server';
import { children, extensionApi, simulatorForExtension, useFakeCredentials, waitFor } from '../helpers';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('Security: credentials stay secret', function () {
  this.timeout(60_000);
  const canary = `CANARY${Date.now().toString(36).toUpperCase()}SECRETKEYx0x0x0x0x0x0x0x0x0`;
  let sim: Simulator;

  before(async function () {
    if (!process.env.SMM_USER_DATA_DIR) {
      this.skip(); // the log folder is known only when started by test/rig/runIntegration.mjs
    }
    useFakeCredentials();
    process.env.AWS_SECRET_ACCESS_KEY = canary;
    // A fresh simulator means a new endpoint URL, so the extension builds new clients with these credentials.
    sim = await simulatorForExtension({ scenario: 'demo' });
    process.env.AWS_SECRET_ACCESS_KEY = canary;
  });

  after(async () => {
    useFakeCredentials();
    await sim?.close();
  });

  it('never writes the secret key, through successes and failures', async () => {
    const api = await extensionApi();
    api.explorer.refresh();
    const roots = await children(api);
    await Promise.all(roots.map((r) => children(api, r.node)));
    for (const type of ['expiredToken', 'accessDenied', 'error5xx'] as const) {
      await sim.control.injectFault({ operation: 'sagemaker.ListEndpoints', type, count: 10 });
      api.explorer.refresh();
      await children(api, (await children(api))[0].node);
      await sim.control.clearFaults();
    }
    const logs = path.join(process.env.SMM_USER_DATA_DIR!, 'logs');
    // The diagnostics channel has recorded the failures: the scan below reads real output.
    const diagnostics = await waitFor('the failures in the diagnostics log', () => {
      const file = filesUnder(logs).find((f) => f.endsWith('SageMaker Monitor.log'));
      const text = file ? fs.readFileSync(file, 'utf8') : '';
      return /AccessDenied/.test(text) && /Expired/.test(text) ? text : undefined;
    });
    assert.ok(diagnostics.length > 0);
    const leaks = filesUnder(logs).filter((f) => fs.readFileSync(f, 'utf8').includes(canary));
    assert.deepStrictEqual(leaks, [], `the secret appears in ${leaks.join(', ')}`);
  });
});
