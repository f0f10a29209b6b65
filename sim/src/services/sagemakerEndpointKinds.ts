/**
 * What the endpoint kinds add to endpoint configs and endpoints: ServerlessConfig, ManagedInstanceScaling,
 * variants without ModelName (inference components), AsyncInferenceConfig and MetricsConfig — read from
 * CreateEndpointConfig and written back by the Describe operations (the SDK's shapes).
 */
import { validation } from '../errors';
import { type AsyncConfig, type EndpointExtras, type MetricsConfig, type ServerlessConfig, type Variant } from '../model/state';
import { type Input, optBool, optInt, optObj, optStr } from './input';
import { checkEnum } from './sagemakerCommon';

const PUBLISH_FREQUENCIES = [10, 30, 60, 120, 180, 240, 300];

export function parseServerless(pv: Input): ServerlessConfig | undefined {
  const sc = optObj(pv, 'ServerlessConfig', validation);
  if (!sc) return undefined;
  const mem = optInt(sc, 'MemorySizeInMB', validation, 1024, 6144);
  const max = optInt(sc, 'MaxConcurrency', validation, 1, 200);
  if (mem === undefined) throw validation("1 validation error detected: Value null at 'productionVariants.1.member.serverlessConfig.memorySizeInMB' failed to satisfy constraint: Member must not be null");
  if (max === undefined) throw validation("1 validation error detected: Value null at 'productionVariants.1.member.serverlessConfig.maxConcurrency' failed to satisfy constraint: Member must not be null");
  if (mem % 1024 !== 0) throw validation(`Invalid MemorySizeInMB ${mem}: supported values are 1024, 2048, 3072, 4096, 5120 and 6144.`);
  const prov = optInt(sc, 'ProvisionedConcurrency', validation, 1, 200);
  if (prov !== undefined && prov > max) throw validation(`ProvisionedConcurrency (${prov}) must not exceed MaxConcurrency (${max}).`);
  return { MemorySizeInMB: mem, MaxConcurrency: max, ProvisionedConcurrency: prov };
}

export function parseManagedScaling(pv: Input): Variant['ManagedInstanceScaling'] {
  const m = optObj(pv, 'ManagedInstanceScaling', validation);
  if (!m) return undefined;
  const status = optStr(m, 'Status', validation) ?? 'DISABLED';
  checkEnum(status, 'productionVariants.1.member.managedInstanceScaling.status', ['ENABLED', 'DISABLED']);
  return { Status: status as 'ENABLED' | 'DISABLED', MinInstanceCount: optInt(m, 'MinInstanceCount', validation, 0, 1000), MaxInstanceCount: optInt(m, 'MaxInstanceCount', validation, 1, 1000) };
}

export function parseExtras(input: Input): EndpointExtras {
  const out: EndpointExtras = {};
  const a = optObj(input, 'AsyncInferenceConfig', validation);
  if (a) {
    const oc = optObj(a, 'OutputConfig', validation);
    if (!oc) throw validation("1 validation error detected: Value null at 'asyncInferenceConfig.outputConfig' failed to satisfy constraint: Member must not be null");
    const S3OutputPath = optStr(oc, 'S3OutputPath', validation);
    const S3FailurePath = optStr(oc, 'S3FailurePath', validation);
    if (!S3OutputPath && !S3FailurePath) throw validation('Either S3OutputPath or S3FailurePath must be specified in AsyncInferenceConfig.OutputConfig.');
    const nc = optObj(oc, 'NotificationConfig', validation);
    const cc = optObj(a, 'ClientConfig', validation);
    const cfg: AsyncConfig = {
      OutputConfig: { S3OutputPath, S3FailurePath, KmsKeyId: optStr(oc, 'KmsKeyId', validation), NotificationConfig: nc ? { SuccessTopic: optStr(nc, 'SuccessTopic', validation), ErrorTopic: optStr(nc, 'ErrorTopic', validation) } : undefined },
      ClientConfig: cc ? { MaxConcurrentInvocationsPerInstance: optInt(cc, 'MaxConcurrentInvocationsPerInstance', validation, 1, 1000) } : undefined,
    };
    out.asyncConfig = cfg;
  }
  const m = optObj(input, 'MetricsConfig', validation);
  if (m) {
    const freq = optInt(m, 'MetricPublishFrequencyInSeconds', validation, 1, 300);
    if (freq !== undefined && !PUBLISH_FREQUENCIES.includes(freq)) {
      throw validation(`1 validation error detected: Value '${freq}' at 'metricsConfig.metricPublishFrequencyInSeconds' failed to satisfy constraint: Member must satisfy enum value set: [${PUBLISH_FREQUENCIES.join(', ')}]`);
    }
    const mc: MetricsConfig = { EnableEnhancedMetrics: optBool(m, 'EnableEnhancedMetrics') ?? false, MetricPublishFrequencyInSeconds: freq ?? 60 };
    out.metricsConfig = mc;
  }
  return out;
}

/** DescribeEndpoint / DescribeEndpointConfig members of the extras. */
export function extrasOut(e: EndpointExtras) {
  return { AsyncInferenceConfig: e.asyncConfig, MetricsConfig: e.metricsConfig };
}

/** The per-kind members of a ProductionVariantSummary (DescribeEndpoint). */
export function variantKindOut(v: Variant) {
  return {
    CurrentServerlessConfig: v.ServerlessConfig,
    DesiredServerlessConfig: v.ServerlessConfig,
    ManagedInstanceScaling: v.ManagedInstanceScaling,
  };
}

/** A ProductionVariant as DescribeEndpointConfig shows it. */
export function configVariantOut(v: Variant) {
  const serverless = v.ServerlessConfig !== undefined;
  return {
    VariantName: v.VariantName,
    ModelName: v.ModelName,
    InitialInstanceCount: serverless ? undefined : v.InitialInstanceCount,
    InstanceType: serverless ? undefined : v.InstanceType,
    InitialVariantWeight: v.InitialVariantWeight,
    ServerlessConfig: v.ServerlessConfig,
    ManagedInstanceScaling: v.ManagedInstanceScaling,
  };
}
