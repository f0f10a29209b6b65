/** Helpers shared by the scenarios: endpoints with metrics and logs, job host metrics, log timestamps (training jobs: trainingBuilder.ts). */
import { hashString, instanceId, rand01 } from '../src/model/hash';
import { type Segment } from '../src/model/logStore';
import { inBurst, instanceGenerators, invocationGenerators, type TrafficProfile, trainingHostGenerators } from '../src/model/generators';
import { type Dim, TIER_1H } from '../src/model/metrics';
import { type Account, type StatusStep, type Variant } from '../src/model/state';

export type HostDimensionForm = 'Host' | 'EndpointVariant' | 'EndpointVariantInstance';

export interface VariantSpec {
  name: string;
  instanceType: string;
  instances: number;
  weight: number;
  cores: number;
  gpus: number;
  traffic: Omit<TrafficProfile, 'instances'>;
  image?: string;
  model?: string;
}

export interface EndpointSpec {
  name: string;
  createdDaysAgo: number;
  variants: VariantSpec[];
  hostDims: HostDimensionForm;
  /** status steps relative to now (ms offsets); default InService since creation */
  steps?: { status: string; offsetMs: number }[];
  /** log style */
  logStyle: 'xgboost' | 'torchserve' | 'sklearn';
  /** emit metrics/logs (false for endpoints still Creating) */
  live?: boolean;
  /** live log lines: ms between lines per instance */
  logIntervalMs?: number;
  /** how far back endpoint logs go (ms) */
  logHistoryMs?: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
export function pyTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())},${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

export function addEndpoint(acc: Account, now: number, spec: EndpointSpec): void {
  const created = now - spec.createdDaysAgo * 86400_000;
  const configName = `${spec.name}-config-${new Date(created).toISOString().slice(0, 10)}`;
  const variants: Variant[] = spec.variants.map((v) => ({
    VariantName: v.name,
    ModelName: v.model ?? `${spec.name}-model`,
    InstanceType: v.instanceType,
    InitialInstanceCount: v.instances,
    InitialVariantWeight: v.weight,
    image: v.image ?? '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310',
    instanceIds: Array.from({ length: v.instances }, (_, i) => instanceId(`${spec.name}/${v.name}/${i}`)),
  }));
  const steps: StatusStep[] = spec.steps
    ? spec.steps.map((s) => ({ status: s.status, at: now + s.offsetMs }))
    : [
        { status: 'Creating', at: created },
        { status: 'InService', at: created + 7 * 60_000 },
      ];
  acc.endpointConfigs.set(configName, { name: configName, creationTime: created - 60_000, variants });
  for (const v of variants) {
    if (v.ModelName && !acc.models.has(v.ModelName)) {
      acc.models.set(v.ModelName, { name: v.ModelName, creationTime: created - 120_000, image: v.image, modelDataUrl: `s3://sagemaker-us-east-1-123456789012/models/${v.ModelName}/model.tar.gz`, mode: 'SingleModel', executionRoleArn: 'arn:aws:iam::123456789012:role/SageMakerExecutionRole' });
    }
  }
  acc.endpoints.set(spec.name, { name: spec.name, configName, creationTime: created, variants, steps });
  if (spec.live === false) return;

  const inService = steps.find((s) => s.status === 'InService')?.at ?? created;
  const startSec = Math.max(Math.floor(inService / 1000), Math.floor(now / 1000) - TIER_1H);
  for (const [vi, v] of spec.variants.entries()) {
    const variant = variants[vi];
    const profile: TrafficProfile = { ...v.traffic, instances: v.instances };
    const trafficKey = `${spec.name}/${v.name}`;
    const inv = invocationGenerators(trafficKey, profile);
    const dims: Dim[] = [
      { Name: 'EndpointName', Value: spec.name },
      { Name: 'VariantName', Value: v.name },
    ];
    for (const [metricName, g] of Object.entries(inv)) {
      acc.metrics.add({ namespace: 'AWS/SageMaker', metricName, dims, unit: g.unit, start: startSec, gen: g.gen, spread: g.spread });
    }
    const instProfile = { cores: v.cores, gpus: v.gpus, cpuLevel: 0.22 + 0.1 * rand01(hashString(trafficKey), 1), memLevel: 0.35 + 0.25 * rand01(hashString(trafficKey), 2), gpuLevel: 0.45, traffic: { seed: hashString(trafficKey), profile } };
    const targets: Dim[][] =
      spec.hostDims === 'EndpointVariant'
        ? [dims]
        : variant.instanceIds.map((id) =>
            spec.hostDims === 'Host' ? [{ Name: 'Host', Value: `${spec.name}/${v.name}/${id}` }] : [...dims, { Name: 'InstanceId', Value: id }],
          );
    targets.forEach((tdims, k) => {
      const gens = instanceGenerators(`${trafficKey}/${k}`, instProfile);
      for (const [metricName, g] of Object.entries(gens)) {
        acc.metrics.add({ namespace: '/aws/sagemaker/Endpoints', metricName, dims: tdims, unit: g.unit, start: startSec, gen: g.gen });
      }
    });
    // logs
    const group = `/aws/sagemaker/Endpoints/${spec.name}`;
    const logStart = Math.max(inService, now - (spec.logHistoryMs ?? 3 * 3600_000));
    acc.logs.createGroup(group, created);
    variant.instanceIds.forEach((id, k) => {
      const stream = acc.logs.createStream(group, `${v.name}/${id}`, inService - 60_000);
      const seed = hashString(`${trafficKey}/${id}`);
      const interval = spec.logIntervalMs ?? 15_000;
      stream.segments.push(startupSegment(spec, inService - 50_000));
      stream.segments.push({
        start: Math.ceil((logStart - inService) / interval) * interval + inService + k * 137,
        interval,
        count: Infinity,
        message: (i, ts) => endpointLogLine(spec, profile, trafficKey, seed, i, ts),
      });
    });
  }
}

function startupSegment(spec: EndpointSpec, start: number): Segment {
  const lines =
    spec.logStyle === 'xgboost'
      ? [
          '[@G] [1] [INFO] Starting gunicorn 20.1.0',
          '[@G] [1] [INFO] Listening at: unix:/tmp/gunicorn.sock (1)',
          '[@G] [1] [INFO] Using worker: gevent',
          '[@G] [20] [INFO] Booting worker with pid: 20',
          '[@G] [21] [INFO] Booting worker with pid: 21',
          'INFO:sagemaker_xgboost_container.serving:Loading the model from /opt/ml/model/xgboost-model',
          'INFO:sagemaker_xgboost_container.serving:Model loaded successfully',
        ]
      : [
          'Warning: TorchServe is using non-default JVM parameters: -XX:-UseContainerSupport',
          'WARNING: sun.reflect.Reflection.getCallerClass is not supported. This will impact performance.',
          'INFO  org.pytorch.serve.ModelServer - Torchserve version: 0.9.0',
          'INFO  org.pytorch.serve.ModelServer - Loading initial models: model.mar',
          'INFO  org.pytorch.serve.wlm.ModelManager - Model model loaded.',
          'INFO  org.pytorch.serve.ModelServer - Inference API bind to: http://0.0.0.0:8080',
          'Model server started.',
        ];
  const gunicornTime = (ms: number) => pyTime(ms).slice(0, 19) + ' +0000';
  return { start, interval: 700, count: lines.length, message: (i, ts) => lines[i].replace('@G', gunicornTime(ts)) };
}

function endpointLogLine(spec: EndpointSpec, profile: TrafficProfile, trafficKey: string, seed: number, i: number, ts: number): string {
  const r = rand01(seed, i);
  const tSec = Math.floor(ts / 1000);
  const burst = profile.burstRate ? inBurstAt(trafficKey, profile, tSec) : false;
  const lat = Math.round((profile.latencyUs / 1000) * (0.6 + r));
  if (i % 4 === 0) {
    return spec.logStyle === 'xgboost'
      ? `169.254.178.2 - - [${clfTime(ts)}] "GET /ping HTTP/1.1" 200 0 "-" "AHC/2.0"`
      : `${pyTime(ts)} [INFO ] pool-2-thread-3 ACCESS_LOG - /169.254.178.2:5${String(1000 + (i % 9000)).padStart(4, '0')} "GET /ping HTTP/1.1" 200 1`;
  }
  if (burst && r < 0.45) {
    const errs = [
      `${pyTime(ts)} [ERROR] W-9000-model_1.0-stderr MODEL_LOG - Traceback (most recent call last):`,
      `${pyTime(ts)} [ERROR] W-9000-model_1.0-stderr MODEL_LOG - ValueError: could not convert string to float: 'N/A' (feature "merchant_risk_score")`,
      `${pyTime(ts)} [ERROR] W-9000-model_1.0 org.pytorch.serve.wlm.WorkerThread - Backend worker process died.`,
      `${pyTime(ts)} [INFO ] W-9000-model_1.0 ACCESS_LOG - /169.254.178.2:41234 "POST /invocations HTTP/1.1" 500 ${lat * 3}`,
    ];
    return errs[i % errs.length];
  }
  if (r > 0.985) {
    return spec.logStyle === 'xgboost'
      ? `[${pyTime(ts)}] WARNING: predict request body has ${20 + (i % 7)} features, model expects 27; padding with NaN`
      : `${pyTime(ts)} [WARN ] W-9000-model_1.0-stderr MODEL_LOG - UserWarning: input batch size ${1 + (i % 8)} is smaller than the configured batch size 8`;
  }
  return spec.logStyle === 'xgboost'
    ? `169.254.178.2 - - [${clfTime(ts)}] "POST /invocations HTTP/1.1" 200 ${30 + (i % 40)} "-" "AHC/2.0" ${lat}ms`
    : `${pyTime(ts)} [INFO ] W-9000-model_1.0 ACCESS_LOG - /169.254.178.2:41234 "POST /invocations HTTP/1.1" 200 ${lat}`;
}

function inBurstAt(trafficKey: string, profile: TrafficProfile, tSec: number): boolean {
  return inBurst(hashString(trafficKey), profile, tSec);
}

// ------------------------------------------------------------------ job hosts

/** CPU/Memory/Disk (and GPU) utilisation of one job host (`Host` dimension) from `fromMs` to `toMs` (training, processing, transform). */
export function addJobHostMetrics(acc: Account, namespace: string, host: string, cores: number, gpus: number, fromMs: number, toMs: number): void {
  for (const [metricName, g] of Object.entries(trainingHostGenerators(host, cores, gpus))) {
    acc.metrics.add({ namespace, metricName, dims: [{ Name: 'Host', Value: host }], unit: g.unit, start: Math.floor(fromMs / 1000), end: Math.floor(toMs / 1000), gen: g.gen });
  }
}

