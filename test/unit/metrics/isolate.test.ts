/** A failed GetMetricData batch split until the refused queries are isolated, within a few extra calls. */
import * as assert from 'node:assert/strict';
import { MAX_EXTRA_CALLS, fetchIsolating, isExtendedStatistic, partsOf, probeOf } from '../../../src/metrics/model/isolate';
import { fetchPanelData, type CallResult } from '../../../src/metrics/model/fetch';
import type { MetricDataQuery, MetricDataRequest } from '../../../src/shared/metrics/requests';
import { describeUnavailable } from '../../../src/shared/metrics/unavailable';
import type { SeriesSpec } from '../../../src/shared/metrics/panels';

const query = (id: string, stat: string): MetricDataQuery => ({
  Id: id,
  Label: id,
  MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'ModelLatency', Dimensions: [] }, Period: 60, Stat: stat },
  ReturnData: true,
});

class Refused extends Error {
  constructor(readonly kind: 'split' | 'whole') {
    super(kind);
  }
}

/** A service: answers a call unless `refuses` says a query of it is refused (then the whole call fails). */
function service(refuses: (q: MetricDataQuery) => boolean, error: () => Error = () => new Refused('split')) {
  const calls: string[][] = [];
  const run = async (qs: readonly MetricDataQuery[]): Promise<CallResult> => {
    calls.push(qs.map((q) => q.Id));
    if (qs.some(refuses)) {
      throw error();
    }
    return { series: qs.map((q) => ({ id: q.Id, timestamps: [1], values: [1] })), messages: [], calls: 1, refused: [] };
  };
  return { run, calls };
}

const words = { splittable: (e: unknown) => e instanceof Refused && e.kind === 'split', reason: () => 'it answered HTTP 500 with an HTML page, not AWS\'s format' };
const request = (queries: MetricDataQuery[]): MetricDataRequest => ({ MetricDataQueries: queries, StartTime: new Date(0), EndTime: new Date(3600_000), ScanBy: 'TimestampAscending' });

// An endpoint panel's mix: basic statistics and three percentiles, interleaved.
const panel = ['Sum', 'Average', 'p50', 'p90', 'p99', 'Maximum', 'Sum', 'Average', 'p50', 'p90', 'p99', 'Average'].map((stat, i) => query(`m${i}`, stat));

describe('metrics/isolate: one bad query does not blank the panel', () => {
  it('knows the extended statistics', () => {
    for (const s of ['p50', 'p99.9', 'tm90', 'TM(10%:90%)', 'wm99', 'tc90', 'ts99', 'PR(100:2000)']) assert.ok(isExtendedStatistic(s), s);
    for (const s of ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount']) assert.ok(!isExtendedStatistic(s), s);
  });

  it('answers in one call when nothing fails', async () => {
    const svc = service(() => false);
    const out = await fetchPanelData([request(panel)], (r) => svc.run(r.MetricDataQueries), words);
    assert.equal(out.calls, 1);
    assert.deepEqual(out.unavailable, []);
    assert.equal(out.series.length, panel.length);
  });

  it('a service refusing percentiles: every basic series shown, each percentile named, 1 + 5 calls', async () => {
    const svc = service((q) => isExtendedStatistic(q.MetricStat.Stat));
    const out = await fetchPanelData([request(panel)], (r) => svc.run(r.MetricDataQueries), words);
    // The batch, one basic query alone, the other basic ones, each percentile.
    assert.equal(svc.calls.length, 6, JSON.stringify(svc.calls));
    assert.equal(out.calls, 6);
    const refused = new Set(out.unavailable.flatMap((u) => u.ids));
    assert.deepEqual([...refused].sort(), panel.filter((q) => isExtendedStatistic(q.MetricStat.Stat)).map((q) => q.Id).sort());
    for (const q of panel) {
      const s = out.series.find((x) => x.id === q.Id);
      assert.equal(s?.values.length, refused.has(q.Id) ? 0 : 1, q.Id);
    }
    // Said by statistic, in order of the panel's series.
    const specs = panel.map((q) => ({ id: q.Id, stat: q.MetricStat.Stat, label: `ModelLatency (${q.MetricStat.Stat})` }) as unknown as SeriesSpec);
    assert.deepEqual(describeUnavailable(specs, out.unavailable), ['p50, p90 and p99 not available from this service: it answered HTTP 500 with an HTML page, not AWS\'s format']);
  });

  it('one bad series among basic statistics is found by halving and named by its label', async () => {
    const svc = service((q) => q.Id === 'm6');
    const out = await fetchPanelData([request(panel)], (r) => svc.run(r.MetricDataQueries), words);
    assert.deepEqual(out.unavailable.flatMap((u) => u.ids), ['m6']);
    assert.ok(svc.calls.length - 1 <= MAX_EXTRA_CALLS, `${svc.calls.length} calls`);
    const specs = panel.map((q) => ({ id: q.Id, stat: q.MetricStat.Stat, label: `L${q.Id}` }) as unknown as SeriesSpec);
    assert.match(describeUnavailable(specs, out.unavailable)[0], /^Lm6 not available/);
  });

  it('a gateway refusing everything: the refresh fails as a whole after 1 extra call (one query alone)', async () => {
    const svc = service(() => true);
    await assert.rejects(fetchPanelData([request(panel)], (r) => svc.run(r.MetricDataQueries), words), Refused);
    assert.deepEqual(svc.calls.map((c) => c.length), [panel.length, 1]);
  });

  it('a failure that is not about the queries (throttling, access) is not split', async () => {
    const svc = service(() => true, () => new Refused('whole'));
    await assert.rejects(fetchPanelData([request(panel)], (r) => svc.run(r.MetricDataQueries), words), Refused);
    assert.equal(svc.calls.length, 1);
  });

  it('never takes more than the extra-call budget: what is left is named unavailable', async () => {
    // Every second query refused: isolating all would take many calls.
    const many = Array.from({ length: 64 }, (_, i) => query(`q${i}`, 'Average'));
    const svc = service((q) => Number(q.Id.slice(1)) % 2 === 1);
    const out = await fetchIsolating(many, svc.run, { ...words, parts: partsOf, probe: probeOf, maxExtraCalls: MAX_EXTRA_CALLS });
    assert.ok(svc.calls.length <= 1 + MAX_EXTRA_CALLS, `${svc.calls.length} calls`);
    const answered = new Set(out.answers.flatMap((a) => a.series.map((s) => s.id)));
    const refused = new Set(out.refused.flatMap((r) => r.queries.map((q) => q.Id)));
    for (const q of many) assert.ok(answered.has(q.Id) !== refused.has(q.Id), `${q.Id} is either shown or named`);
  });

  it('per-query error statuses of a successful answer are named the same way', async () => {
    const run = async (qs: readonly MetricDataQuery[]): Promise<CallResult> => ({
      series: qs.map((q) => ({ id: q.Id, timestamps: [], values: [] })),
      messages: [],
      calls: 1,
      refused: qs.filter((q) => q.MetricStat.Stat === 'p90').map((q) => ({ id: q.Id, reason: 'it answered InternalError' })),
    });
    const out = await fetchPanelData([request(panel)], (r) => run(r.MetricDataQueries), words);
    assert.equal(out.calls, 1);
    assert.deepEqual(out.unavailable, [{ ids: ['m3', 'm9'], reason: 'it answered InternalError' }]);
  });
});
