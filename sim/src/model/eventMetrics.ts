/**
 * Metrics published at events (a pipeline execution started, a step failed …): a generated series over a sorted
 * list of (time, value). A raw sample aggregates the events of its slot; like every generated sample it is
 * published once its slot has passed on the simulated clock, so events planned for later show up on time.
 */
import { lowerBound } from './logStore';
import { type Dim, type MetricStore, type Sample } from './metrics';

interface Events {
  t: number[];
  v: number[];
}

const EVENTS = new WeakMap<object, Events>();

/** Adds an event (epoch ms) to the series (created on first use). */
export function addMetricEvent(store: MetricStore, namespace: string, metricName: string, dims: Dim[], unit: string, atMs: number, value: number): void {
  const t = Math.floor(atMs / 1000);
  let series = store.get(namespace, metricName, dims);
  let ev = series && EVENTS.get(series);
  if (!series || !ev) {
    const events: Events = { t: [], v: [] };
    ev = events;
    const gen = (from: number, res: number): Sample | null => {
      let i = lowerBound(events.t, from);
      if (i >= events.t.length || events.t[i] >= from + res) return null;
      const s: Sample = { count: 0, sum: 0, min: Infinity, max: -Infinity };
      for (; i < events.t.length && events.t[i] < from + res; i++) {
        const x = events.v[i];
        s.count++;
        s.sum += x;
        s.min = Math.min(s.min, x);
        s.max = Math.max(s.max, x);
      }
      return s;
    };
    // `start` on an hour boundary: the first slot at every retention tier holds the first event
    series = store.add({ namespace, metricName, dims, unit, start: Math.floor(t / 3600) * 3600, end: t, gen });
    EVENTS.set(series, events);
  }
  const i = lowerBound(ev.t, t + 1);
  ev.t.splice(i, 0, t);
  ev.v.splice(i, 0, value);
  series.start = Math.min(series.start, Math.floor(t / 3600) * 3600);
  series.end = Math.max(series.end ?? t, t);
}
