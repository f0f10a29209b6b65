import * as assert from 'node:assert/strict';
import { CSV_HEADER, metricsCsv } from '../../../src/shared/metrics/csv';
import { endpointPanel } from '../../../src/shared/metrics/endpointPanel';

describe('shared/metrics/csv: Export CSV', () => {
  it('writes one row per datapoint in the chart\'s display unit, with the series\' metric and dimensions', () => {
    const panel = endpointPanel(
      { kind: 'endpoint', endpointName: 'ep', variantName: 'AllTraffic' },
      { endpointName: 'ep', variants: [{ variantName: 'AllTraffic', form: 'none', instances: [], instanceMetrics: [] }] },
    );
    const latency = panel.charts.flatMap((c) => c.series).find((s) => s.metricName === 'ModelLatency' && s.stat === 'Average');
    assert.ok(latency);
    const t0 = Date.UTC(2026, 0, 1, 0, 0);
    const csv = metricsCsv(panel, [{ id: latency.id, timestamps: [t0, t0 + 60_000], values: [52_000, 61_500] }]);
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines[0], CSV_HEADER);
    assert.equal(lines.length, 3, 'only the series with data');
    const chart = panel.charts.find((c) => c.series.includes(latency));
    assert.equal(lines[1], `${chart?.title},${latency.label},AWS/SageMaker,ModelLatency,Average,EndpointName=ep VariantName=AllTraffic,2026-01-01T00:00:00.000Z,52,ms`);
    assert.match(lines[2], /,2026-01-01T00:01:00\.000Z,61\.5,ms$/);
  });

  it('quotes fields with commas and quotes', () => {
    const panel = { target: { kind: 'trainingJob', trainingJobName: 'j' }, title: 't', notes: [], charts: [{ id: 'c', title: 'Loss, "train"', description: '', unit: '', series: [{ id: 'm0', label: 'a', namespace: 'n', metricName: 'train:loss', dimensions: [], stat: 'Average', factor: 1 }] }] } as const;
    const csv = metricsCsv(panel as never, [{ id: 'm0', timestamps: [0], values: [1] }]);
    assert.match(csv.split('\n')[1], /^"Loss, ""train""",a,/);
  });
});
