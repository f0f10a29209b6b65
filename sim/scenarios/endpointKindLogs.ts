/**
 * Log streams of the newer endpoint kinds. Open-ended streams keep writing as sim time passes (segments).
 *  - inference component: group `/aws/sagemaker/InferenceComponents/<ic>`, a stream per copy
 *    `<instance-id>/<container-id>` (the AWS docs name the group, not the stream: this form is our assumption);
 *    the endpoint's own group `/aws/sagemaker/Endpoints/<ep>` streams `<variant>/<instance-id>` (placement agent)
 *  - asynchronous: `<variant>/<instance-id>` and `<variant>/<instance-id>/data-log` (queue, S3 output, failures)
 *  - serverless: `<variant>/<32 hex>` per execution environment (no instance ids)
 *  - multi-model: `<variant>/<instance-id>` with the model server's loads and unloads (cache misses)
 */
import { hashString, mix, rand01, uuidFrom } from '../src/model/hash';
import { coldStartAt } from '../src/model/endpointKindGenerators';
import { type LogStream } from '../src/model/logStore';
import { type Account, type InferenceComponent, type Variant } from '../src/model/state';
import { pyTime } from './builders';

const HISTORY_MS = 3 * 3600_000;

/** Lines at `interval` from max(from, now − 3 h) (aligned to `from`) until `until` (exclusive; open-ended when undefined). */
function write(stream: LogStream, now: number, from: number, interval: number, message: (i: number, ts: number) => string, until?: number): void {
  const first = from + Math.max(0, Math.ceil((now - HISTORY_MS - from) / interval)) * interval;
  const count = until === undefined ? Infinity : Math.max(0, Math.ceil((until - first) / interval));
  if (count > 0) stream.segments.push({ start: first, interval, count, message });
}

function startup(stream: LogStream, at: number, lines: string[]): void {
  stream.segments.push({ start: at, interval: 700, count: lines.length, message: (i, ts) => `${pyTime(ts)} ${lines[i]}` });
}

// ------------------------------------------------------------------ inference components

export function componentLogs(acc: Account, now: number, ic: InferenceComponent): void {
  const group = `/aws/sagemaker/InferenceComponents/${ic.name}`;
  acc.logs.createGroup(group, ic.creationTime);
  for (const cp of ic.copies) {
    const s = acc.logs.createStream(group, `${cp.instanceId}/${cp.containerId}`, cp.start - 60_000);
    const seed = hashString(`${ic.name}/${cp.containerId}`);
    startup(s, cp.start - 50_000, [
      `INFO  ModelServer Loading model ${ic.modelName} from /opt/ml/model (artifact ${ic.artifactUrl ?? ''})`,
      `INFO  ModelServer Using ${ic.compute.NumberOfAcceleratorDevicesRequired ?? 0} accelerator(s), ${ic.compute.MinMemoryRequiredInMb} MB reserved`,
      'INFO  PyProcess Model loaded, warming up',
      `INFO  ModelServer Initialized model ${ic.modelName} (copy ${cp.containerId})`,
      'INFO  ModelServer Inference API bind to: http://0.0.0.0:8080',
    ]);
    write(s, now, cp.start, 12_000, (i, ts) => {
      const r = rand01(seed, i);
      if (i % 5 === 0) return `${pyTime(ts)} INFO  RequestHandler GET /ping 200 1ms`;
      if (r > 0.985) return `${pyTime(ts)} WARN  RollingBatch KV cache ${88 + (i % 10)}% full, queueing ${1 + (i % 4)} request(s)`;
      const tokens = 40 + Math.floor(r * 400);
      return `${pyTime(ts)} INFO  RequestHandler POST /invocations 200 prompt_tokens=${200 + (i % 900)} generated_tokens=${tokens} latency=${Math.round(tokens * 22 * (0.8 + 0.4 * r))}ms`;
    });
  }
}

/** The IC endpoint's own streams: the agent that places component copies on the instance. */
export function icHostLogs(acc: Account, now: number, group: string, variant: Variant, components: InferenceComponent[], inService: number): void {
  for (const id of variant.instanceIds) {
    const s = acc.logs.createStream(group, `${variant.VariantName}/${id}`, inService - 60_000);
    const placed = components.flatMap((ic) => ic.copies.filter((cp) => cp.instanceId === id).map((cp) => ({ ic, cp })));
    // one line a minute: the copy placed in the minute before (a copy placed later appears as the clock gets there), else a health check
    write(s, now, inService, 60_000, (_i, ts) => {
      const p = placed.find(({ cp }) => cp.start <= ts && cp.start > ts - 60_000);
      if (p) {
        const c = p.ic.compute;
        return `${pyTime(ts)} INFO  Placed inference component ${p.ic.name} copy ${p.cp.containerId}: ${c.NumberOfAcceleratorDevicesRequired ?? 0} accelerator(s), ${c.NumberOfCpuCoresRequired ?? 0} CPU cores, ${c.MinMemoryRequiredInMb} MB`;
      }
      return `${pyTime(ts)} INFO  HealthCheck ${placed.filter((q) => q.cp.start <= ts).length} component copies healthy on ${id}`;
    });
  }
}

// ------------------------------------------------------------------ asynchronous

export interface AsyncLogPlan {
  /** the instance before the scale-in to 0, and the one after */
  before: string;
  after: string;
  inService: number;
  zeroFrom: number;
  zeroTo: number;
  output: string;
  failures: string;
}

export function asyncLogs(acc: Account, now: number, group: string, vn: string, o: AsyncLogPlan): void {
  const stints: [string, number, number | undefined][] = [
    [o.before, o.inService, o.zeroFrom],
    [o.after, o.zeroTo, undefined],
  ];
  for (const [id, from, until] of stints) {
    const seed = hashString(`${group}/${id}`);
    const server = acc.logs.createStream(group, `${vn}/${id}`, from - 60_000);
    startup(server, from - 50_000, ['[INFO] Starting gunicorn 20.1.0', '[INFO] Booting worker with pid: 21', 'INFO:sagemaker_sklearn_container.serving:Model loaded successfully']);
    write(server, now, from, 30_000, (i, ts) => (i % 2 === 0 ? `${pyTime(ts)} "GET /ping HTTP/1.1" 200 0` : `${pyTime(ts)} "POST /invocations HTTP/1.1" 200 ${1200 + (i % 700)}`), until);
    const data = acc.logs.createStream(group, `${vn}/${id}/data-log`, from - 60_000);
    write(data, now, from, 10_000, (i, ts) => {
      const req = uuidFrom(seed, Math.floor(i / 2));
      const r = rand01(seed, Math.floor(i / 2));
      if (i % 2 === 0) return `${pyTime(ts)} INFO  Picked request ${req} from the queue (input ${o.output.replace(/output$/, 'input')}/${req}.csv)`;
      if (r < 0.03) return `${pyTime(ts)} ERROR Request ${req} failed: ModelError: Received server error (500) from primary; error written to ${o.failures}/${req}.out`;
      return `${pyTime(ts)} INFO  Output of request ${req} written to ${o.output}/${req}.out`;
    }, until);
  }
}

// ------------------------------------------------------------------ serverless

export function serverlessLogs(acc: Account, now: number, group: string, vn: string, key: string, environments: number, inService: number): void {
  const seed = hashString(key);
  for (let k = 0; k < environments; k++) {
    const envId = (mix(seed, k, 1).toString(16) + mix(seed, k, 2).toString(16) + mix(seed, k, 3).toString(16) + mix(seed, k, 4).toString(16)).padStart(32, '0').slice(0, 32);
    const s = acc.logs.createStream(group, `${vn}/${envId}`, inService - 60_000);
    startup(s, inService - 50_000, ['INFO  Starting the inference server', 'INFO  Model loaded from /opt/ml/model']);
    write(s, now, inService + k * 3_000, 20_000, (i, ts) => {
      const t = Math.floor(ts / 1000);
      // the first line of a minute with a cold start says so
      if (coldStartAt(seed, t - (t % 60)) && ts % 60_000 < 20_000) return `${pyTime(ts)} INFO  Cold start: new execution environment, model loaded in ${(3.2 + 1.6 * rand01(seed, t, 34)).toFixed(1)} s`;
      return `${pyTime(ts)} INFO  "POST /invocations HTTP/1.1" 200 ${20 + Math.floor(rand01(seed, i, k) * 60)}ms`;
    });
  }
}

// ------------------------------------------------------------------ multi-model

export function multiModelLogs(acc: Account, now: number, group: string, variant: Variant, key: string, inService: number, prefix: string): void {
  for (const [n, id] of variant.instanceIds.entries()) {
    const seed = hashString(`${key}/${id}`);
    const s = acc.logs.createStream(group, `${variant.VariantName}/${id}`, inService - 60_000);
    startup(s, inService - 50_000, ['INFO  MMS home: /opt/ml/mms', 'INFO  Multi model server started, models are loaded on demand from ' + prefix]);
    write(s, now, inService + n * 1_700, 10_000, (i, ts) => {
      const r = rand01(seed, i);
      const model = `user-tower-${String(Math.floor(rand01(seed, i, 7) * 120)).padStart(3, '0')}`;
      if (r < 0.12) return `${pyTime(ts)} INFO  Model ${model} not loaded (cache miss): downloading ${prefix}${model}.tar.gz (${180 + Math.floor(r * 2000)} MB)`;
      if (r < 0.2) return `${pyTime(ts)} INFO  Loaded model ${model} in ${(0.4 + r * 3).toFixed(2)} s`;
      if (r < 0.25) return `${pyTime(ts)} INFO  Unloading model user-tower-${String(Math.floor(rand01(seed, i, 8) * 120)).padStart(3, '0')} (least recently used) to free memory`;
      return `${pyTime(ts)} INFO  "POST /models/${model}/invoke HTTP/1.1" 200 ${8 + Math.floor(r * 30)}ms`;
    });
  }
}
