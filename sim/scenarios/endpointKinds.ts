/**
 * Builders of the newer endpoint kinds (records, metrics; logs in endpointKindLogs.ts): an endpoint with
 * inference components, an asynchronous endpoint, a serverless endpoint and a multi-model endpoint.
 * Namespaces, dimensions and metric names: DESIGN §3.
 */
import { hashString, instanceId, mix, rand01 } from '../src/model/hash';
import { instanceGenerators, invocationGenerators, type TrafficProfile } from '../src/model/generators';
import {
  asyncGenerators,
  asyncInstances,
  type BacklogShape,
  componentInvocationGenerators,
  componentUtilizationGenerators,
  type Gens,
  multiModelGenerators,
  reservationGenerators,
  serverlessGenerators,
} from '../src/model/endpointKindGenerators';
import { type Dim, TIER_1H } from '../src/model/metrics';
import { type Account, type AsyncConfig, type ComponentCopy, type EndpointExtras, type InferenceComponent, type ServerlessConfig, type Variant } from '../src/model/state';
import { asyncLogs, componentLogs, icHostLogs, multiModelLogs, serverlessLogs } from './endpointKindLogs';

const MIN = 60_000;
const S3 = 's3://sagemaker-us-east-1-123456789012';
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/SageMakerExecutionRole';

interface Base {
  name: string;
  createdDaysAgo: number;
  variantName?: string;
  traffic: Omit<TrafficProfile, 'instances'>;
}

interface Hosted extends Base {
  instanceType: string;
  instances: number;
  cores: number;
  gpus: number;
  memMb: number;
}

export interface ComponentSpec {
  name: string;
  model: string;
  image: string;
  accelerators: number;
  cores: number;
  memMb: number;
  /** per copy: the instance (index) it runs on and when it started (ms offset from now; undefined = since the component's creation) */
  copies: { instance: number; offsetMs?: number }[];
  /** status steps (ms offsets from now) with the desired copy count */
  steps: { status: string; offsetMs: number; desiredCopies: number }[];
  createdDaysAgo: number;
  traffic: Omit<TrafficProfile, 'instances'>;
  level: { cpu: number; mem: number; gpu: number };
}

const dimsOf = (o: Record<string, string>): Dim[] => Object.entries(o).map(([Name, Value]) => ({ Name, Value }));

function publish(acc: Account, namespace: string, dims: Dim[], gens: Gens, start: number, only?: string[]): void {
  for (const [metricName, g] of Object.entries(gens)) {
    if (only && !only.includes(metricName)) continue;
    acc.metrics.add({ namespace, metricName, dims, unit: g.unit, start, gen: g.gen, spread: g.spread });
  }
}

/** The endpoint config, the endpoint (InService 7 min after creation) and its log group; returns when it came in service. */
function register(acc: Account, now: number, b: Base, variant: Variant, extras: EndpointExtras): { created: number; inService: number; startSec: number; group: string } {
  const created = now - b.createdDaysAgo * 86400_000;
  const configName = `${b.name}-config-${new Date(created).toISOString().slice(0, 10)}`;
  const inService = created + 7 * MIN;
  acc.endpointConfigs.set(configName, { name: configName, creationTime: created - MIN, variants: [variant], ...extras });
  acc.endpoints.set(b.name, { name: b.name, configName, creationTime: created, variants: [variant], steps: [{ status: 'Creating', at: created }, { status: 'InService', at: inService }], ...extras });
  const group = `/aws/sagemaker/Endpoints/${b.name}`;
  acc.logs.createGroup(group, created);
  return { created, inService, startSec: Math.max(Math.floor(inService / 1000), Math.floor(now / 1000) - TIER_1H), group };
}

function addModel(acc: Account, name: string, created: number, image: string, modelDataUrl: string, mode: 'SingleModel' | 'MultiModel' = 'SingleModel'): void {
  if (!acc.models.has(name)) acc.models.set(name, { name, creationTime: created - 2 * MIN, image, modelDataUrl, mode, executionRoleArn: ROLE_ARN });
}

function hostVariant(b: Hosted, image: string, model?: string, ids?: string[]): Variant {
  const vn = b.variantName ?? 'AllTraffic';
  return {
    VariantName: vn,
    ModelName: model,
    InstanceType: b.instanceType,
    InitialInstanceCount: b.instances,
    InitialVariantWeight: 1,
    image,
    instanceIds: ids ?? Array.from({ length: b.instances }, (_, i) => instanceId(`${b.name}/${vn}/${i}`)),
  };
}

/** A container id of a component copy (12 hex, like a container runtime's short id). */
const containerIdOf = (ic: string, k: number) => mix(hashString(ic), k, 1).toString(16).padStart(8, '0') + mix(hashString(ic), k, 2).toString(16).padStart(8, '0').slice(0, 4);

// ------------------------------------------------------------------ inference components

export function addInferenceComponentEndpoint(acc: Account, now: number, spec: Hosted & { enhanced: boolean; components: ComponentSpec[] }): void {
  const variant = hostVariant(spec, '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.29.0-lmi11.0.0-cu124');
  variant.ModelName = undefined;
  variant.ManagedInstanceScaling = { Status: 'ENABLED', MinInstanceCount: 1, MaxInstanceCount: 4 };
  const vn = variant.VariantName;
  const r = register(acc, now, spec, variant, { metricsConfig: { EnableEnhancedMetrics: spec.enhanced, MetricPublishFrequencyInSeconds: 60 } });
  const components: InferenceComponent[] = spec.components.map((c) => {
    const created = Math.max(r.inService, now - c.createdDaysAgo * 86400_000);
    const copies: ComponentCopy[] = c.copies.map((cp, k) => ({ instanceId: variant.instanceIds[cp.instance], containerId: containerIdOf(c.name, k), start: cp.offsetMs === undefined ? created + 5 * MIN : now + cp.offsetMs }));
    const ic: InferenceComponent = {
      name: c.name,
      endpointName: spec.name,
      variantName: vn,
      creationTime: created,
      modelName: c.model,
      image: c.image,
      artifactUrl: `${S3}/models/${c.model}/model.tar.gz`,
      environment: { OPTION_MAX_MODEL_LEN: '8192', OPTION_ROLLING_BATCH: 'lmi-dist' },
      compute: { NumberOfAcceleratorDevicesRequired: c.accelerators, NumberOfCpuCoresRequired: c.cores, MinMemoryRequiredInMb: c.memMb },
      steps: [{ status: 'Creating', at: created, desiredCopies: c.copies.length }, { status: 'InService', at: created + 5 * MIN, desiredCopies: c.copies.length }, ...c.steps.map((s) => ({ status: s.status, at: now + s.offsetMs, desiredCopies: s.desiredCopies }))],
      copies,
      rollingBatch: c.steps.length ? 1 : undefined,
    };
    acc.inferenceComponents.set(c.name, ic);
    addModel(acc, c.model, created, c.image, ic.artifactUrl ?? '');
    return ic;
  });
  const running = (ic: InferenceComponent, t: number) => ic.copies.filter((cp) => cp.start / 1000 <= t).length;

  // per component: invocations, per-copy load, normalised utilisation (and per copy with enhanced metrics)
  for (const [i, ic] of components.entries()) {
    const c = spec.components[i];
    const profile: TrafficProfile = { ...c.traffic, instances: c.copies.length };
    const key = `${spec.name}/${ic.name}`;
    const start = Math.max(Math.floor((ic.creationTime + 5 * MIN) / 1000), r.startSec);
    const icDims = dimsOf({ InferenceComponentName: ic.name });
    publish(acc, 'AWS/SageMaker', icDims, invocationGenerators(key, profile), start, ['Invocations', 'Invocation4XXErrors', 'Invocation5XXErrors', 'ModelLatency']);
    publish(acc, 'AWS/SageMaker', icDims, componentInvocationGenerators(key, profile, (t) => running(ic, t)), start);
    const load = (t: number) => 0.6 + 0.4 * rand01(hashString(key), Math.floor(t / 300));
    publish(acc, '/aws/sagemaker/InferenceComponents', icDims, componentUtilizationGenerators(key, c.level, load), start);
    if (!spec.enhanced) continue;
    for (const cp of ic.copies) {
      const cpStart = Math.max(Math.floor(cp.start / 1000), r.startSec);
      const cpDims = dimsOf({ InferenceComponentName: ic.name, InstanceId: cp.instanceId, ContainerId: cp.containerId });
      publish(acc, '/aws/sagemaker/InferenceComponents', cpDims, componentUtilizationGenerators(`${key}/${cp.containerId}`, c.level, load), cpStart);
      const perCopy: TrafficProfile = { ...c.traffic, rpm: c.traffic.rpm / c.copies.length, instances: 1 };
      publish(acc, 'AWS/SageMaker', cpDims, invocationGenerators(`${key}/${cp.containerId}`, perCopy), cpStart, ['Invocations', 'ModelLatency']);
      publish(acc, 'AWS/SageMaker', cpDims, componentInvocationGenerators(`${key}/${cp.containerId}`, perCopy, () => 1), cpStart, ['ConcurrentRequestsPerCopy']);
    }
  }

  // the variant: utilisation and what the components reserved; enhanced: per instance and per GPU
  const reserved = (t: number) =>
    components.reduce(
      (acc2, ic) => {
        const n = running(ic, t);
        return { cpu: acc2.cpu + n * (ic.compute.NumberOfCpuCoresRequired ?? 0), gpu: acc2.gpu + n * (ic.compute.NumberOfAcceleratorDevicesRequired ?? 0), memMb: acc2.memMb + n * ic.compute.MinMemoryRequiredInMb };
      },
      { cpu: 0, gpu: 0, memMb: 0 },
    );
  const vDims = dimsOf({ EndpointName: spec.name, VariantName: vn });
  const inst = { cores: spec.cores, gpus: spec.gpus, cpuLevel: 0.12, memLevel: 0.55, gpuLevel: 0.5 };
  publish(acc, '/aws/sagemaker/Endpoints', vDims, instanceGenerators(`${spec.name}/${vn}`, inst), r.startSec);
  publish(acc, '/aws/sagemaker/Endpoints', vDims, reservationGenerators(reserved, { cpu: spec.cores * spec.instances, gpu: spec.gpus * spec.instances, memMb: spec.memMb * spec.instances }), r.startSec);
  if (spec.enhanced) {
    for (const id of variant.instanceIds) {
      publish(acc, '/aws/sagemaker/Endpoints', [...vDims, { Name: 'InstanceId', Value: id }], instanceGenerators(`${spec.name}/${vn}/${id}`, inst), r.startSec);
      for (let g = 0; g < spec.gpus; g++) {
        const gpuGens = instanceGenerators(`${spec.name}/${vn}/${id}/gpu${g}`, { ...inst, gpus: 1 });
        publish(acc, '/aws/sagemaker/Endpoints', [...vDims, { Name: 'InstanceId', Value: id }, { Name: 'AcceleratorId', Value: String(g) }], gpuGens, r.startSec, ['GPUUtilization', 'GPUMemoryUtilization']);
      }
    }
  }
  for (const ic of components) componentLogs(acc, now, ic);
  icHostLogs(acc, now, r.group, variant, components, r.inService);
}

// ------------------------------------------------------------------ asynchronous

/** Offsets (ms from now) of the backlog's story. */
export interface BacklogOffsets {
  rise: number;
  zeroFrom: number;
  zeroTo: number;
  peak: number;
  drained: number;
  peakSize: number;
}

export function addAsyncEndpoint(acc: Account, now: number, spec: Hosted & { model: string; image: string; backlog: BacklogOffsets }): void {
  const vn = spec.variantName ?? 'AllTraffic';
  // the instance scaled in to 0 and a new one came up afterwards
  const before = instanceId(`${spec.name}/${vn}/0`);
  const after = instanceId(`${spec.name}/${vn}/after-scale-in`);
  const variant = hostVariant(spec, spec.image, spec.model, [after]);
  const asyncConfig: AsyncConfig = {
    ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 },
    OutputConfig: { S3OutputPath: `${S3}/${spec.name}/output`, S3FailurePath: `${S3}/${spec.name}/failures`, NotificationConfig: { SuccessTopic: `arn:aws:sns:us-east-1:123456789012:${spec.name}-success`, ErrorTopic: `arn:aws:sns:us-east-1:123456789012:${spec.name}-error` } },
  };
  const r = register(acc, now, spec, variant, { asyncConfig });
  addModel(acc, spec.model, r.created, spec.image, `${S3}/models/${spec.model}/model.tar.gz`);
  const sec = (ms: number) => Math.floor((now + ms) / 1000);
  const b = spec.backlog;
  const shape: BacklogShape = { rise: sec(b.rise), zeroFrom: sec(b.zeroFrom), zeroTo: sec(b.zeroTo), peak: sec(b.peak), drained: sec(b.drained), peakSize: b.peakSize };
  const profile: TrafficProfile = { ...spec.traffic, instances: spec.instances };
  const gens = asyncGenerators(`${spec.name}/${vn}`, profile, shape);
  publish(acc, 'AWS/SageMaker', dimsOf({ EndpointName: spec.name }), gens.endpoint, r.startSec);
  const vDims = dimsOf({ EndpointName: spec.name, VariantName: vn });
  publish(acc, 'AWS/SageMaker', vDims, gens.variant, r.startSec);
  const inst = instanceGenerators(`${spec.name}/${vn}`, { cores: spec.cores, gpus: spec.gpus, cpuLevel: 0.3, memLevel: 0.4, gpuLevel: 0.4 });
  // no instance, no utilisation
  for (const g of Object.values(inst)) {
    const gen = g.gen;
    g.gen = (t, res) => (asyncInstances(shape, t, 1) === 0 ? null : gen(t, res));
  }
  publish(acc, '/aws/sagemaker/Endpoints', vDims, inst, r.startSec);
  asyncLogs(acc, now, r.group, vn, { before, after, inService: r.inService, zeroFrom: now + b.zeroFrom, zeroTo: now + b.zeroTo, output: asyncConfig.OutputConfig.S3OutputPath ?? '', failures: asyncConfig.OutputConfig.S3FailurePath ?? '' });
}

// ------------------------------------------------------------------ serverless

export function addServerlessEndpoint(acc: Account, now: number, spec: Base & { model: string; image: string; serverless: ServerlessConfig }): void {
  const vn = spec.variantName ?? 'AllTraffic';
  const variant: Variant = { VariantName: vn, ModelName: spec.model, InitialInstanceCount: 0, InitialVariantWeight: 1, image: spec.image, instanceIds: [], ServerlessConfig: spec.serverless };
  const r = register(acc, now, spec, variant, {});
  addModel(acc, spec.model, r.created, spec.image, `${S3}/models/${spec.model}/model.tar.gz`);
  const key = `${spec.name}/${vn}`;
  const profile: TrafficProfile = { ...spec.traffic, instances: 1 };
  const vDims = dimsOf({ EndpointName: spec.name, VariantName: vn });
  publish(acc, 'AWS/SageMaker', vDims, invocationGenerators(key, profile), r.startSec, ['Invocations', 'Invocation4XXErrors', 'Invocation5XXErrors', 'InvocationModelErrors', 'ModelLatency']);
  publish(acc, 'AWS/SageMaker', vDims, serverlessGenerators(key, profile, { maxConcurrency: spec.serverless.MaxConcurrency, provisioned: spec.serverless.ProvisionedConcurrency ?? 0 }), r.startSec);
  publish(acc, '/aws/sagemaker/Endpoints', vDims, instanceGenerators(key, { cores: 2, gpus: 0, cpuLevel: 0.2, memLevel: 0.45, gpuLevel: 0 }), r.startSec, ['MemoryUtilization']);
  serverlessLogs(acc, now, r.group, vn, key, Math.max(1, spec.serverless.ProvisionedConcurrency ?? 1), r.inService);
}

// ------------------------------------------------------------------ multi-model

export function addMultiModelEndpoint(acc: Account, now: number, spec: Hosted & { model: string; image: string }): void {
  const variant = hostVariant(spec, spec.image, spec.model);
  const vn = variant.VariantName;
  const r = register(acc, now, spec, variant, {});
  addModel(acc, spec.model, r.created, spec.image, `${S3}/${spec.name}/models/`, 'MultiModel');
  const key = `${spec.name}/${vn}`;
  const profile: TrafficProfile = { ...spec.traffic, instances: spec.instances };
  const vDims = dimsOf({ EndpointName: spec.name, VariantName: vn });
  publish(acc, 'AWS/SageMaker', vDims, invocationGenerators(key, profile), r.startSec);
  const mm = multiModelGenerators(key, profile);
  publish(acc, 'AWS/SageMaker', vDims, mm.variant, r.startSec);
  publish(acc, '/aws/sagemaker/Endpoints', vDims, mm.instance, r.startSec);
  publish(acc, '/aws/sagemaker/Endpoints', vDims, instanceGenerators(key, { cores: spec.cores, gpus: spec.gpus, cpuLevel: 0.35, memLevel: 0.7, gpuLevel: 0 }), r.startSec);
  multiModelLogs(acc, now, r.group, variant, key, r.inService, `${S3}/${spec.name}/models/`);
}
