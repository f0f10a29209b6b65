// Metric panels against a simulator whose clock is shifted and accelerated: windows in the server's time.
import * as assert from 'assert';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, simulatorForExtension } from '../helpers';
import { closePanels, openPanel, seriesOf } from './panelHelpers';

const DAY = 86_400_000;

describe('Metrics: the server\'s clock', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    // Three days in the past, ten times as fast: `npm start -- --now … --speed 10`.
    sim = await simulatorForExtension({ scenario: 'demo', now: Date.now() - 3 * DAY, speed: 10 });
  });

  after(async () => {
    await closePanels(api);
    await sim?.close();
  });

  it('a panel asks for the window that ends at the simulator\'s now, not the host\'s', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    const data = panel.lastData;
    assert.ok(data);
    const simNow = sim.state.clock.now();
    const off = data.range.end - simNow;
    // Up to a few real seconds since the request at 10× speed, plus the Date header's one-second steps.
    assert.ok(Math.abs(off) < 120_000, `the window ends ${(off / 60_000).toFixed(1)} min from the simulator's now`);
    const shown = data.series.find((s) => s.id === seriesOf(panel, 'Invocations', 'Sum', 'Primary').id);
    assert.ok(shown && shown.timestamps.length > 150, `${shown?.timestamps.length} minutes of Invocations in the last 3 h`);
    assert.ok(simNow - (shown.timestamps.at(-1) ?? 0) < 5 * 60_000, 'up to the simulator\'s newest minutes');
  });
});
