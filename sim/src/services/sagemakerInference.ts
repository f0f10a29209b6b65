/** SageMaker inference components and models: List/Describe/CreateInferenceComponent, DescribeModel, CreateModel (the SDK's shapes). */
import { validation } from '../errors';
import { hashString, mix } from '../model/hash';
import { type InferenceComponent, stepsAt } from '../model/state';
import { componentLogs } from '../../scenarios/endpointKindLogs';
import type { Ctx } from './context';
import { type Input, optInt, optObj, optStr, reqStr } from './input';
import { checkEnum, checkName, d, filterSortPage, listArgs, required } from './sagemakerCommon';

const IC_STATUSES = ['InService', 'Creating', 'Updating', 'Failed', 'Deleting'];

/** Status, copy counts and last change of a component at `now`. */
export function componentState(ic: InferenceComponent, now: number) {
  const { current } = stepsAt(ic.steps, now);
  return {
    status: current?.status ?? 'Creating',
    desired: current?.desiredCopies ?? ic.copies.length,
    current: ic.copies.filter((c) => c.start <= now).length,
    lastModified: Math.max(current?.at ?? ic.creationTime, ...ic.copies.filter((c) => c.start <= now).map((c) => c.start)),
  };
}

const icArn = (ctx: Ctx, name: string) => ctx.account.arn('sagemaker', `inference-component/${name.toLowerCase()}`);
const epArn = (ctx: Ctx, name: string) => ctx.account.arn('sagemaker', `endpoint/${name.toLowerCase()}`);

function listInferenceComponents(ctx: Ctx, input: Input) {
  const a = listArgs(input);
  checkEnum(a.statusEquals, 'statusEquals', IC_STATUSES);
  const endpoint = optStr(input, 'EndpointNameEquals', validation);
  const variant = optStr(input, 'VariantNameEquals', validation);
  const rows = [...ctx.account.inferenceComponents.values()]
    .filter((ic) => (endpoint === undefined || ic.endpointName === endpoint) && (variant === undefined || ic.variantName === variant))
    .map((ic) => {
      const st = componentState(ic, ctx.now);
      return { ic, name: ic.name, creation: ic.creationTime, lastModified: st.lastModified, status: st.status };
    });
  const { page, next } = filterSortPage(rows, a, 'Descending');
  return {
    InferenceComponents: page.map(({ ic, status, creation, lastModified }) => ({
      CreationTime: d(creation),
      InferenceComponentArn: icArn(ctx, ic.name),
      InferenceComponentName: ic.name,
      EndpointArn: epArn(ctx, ic.endpointName),
      EndpointName: ic.endpointName,
      VariantName: ic.variantName,
      InferenceComponentStatus: status,
      LastModifiedTime: d(lastModified),
    })),
    NextToken: next,
  };
}

function describeInferenceComponent(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'InferenceComponentName', validation);
  const ic = ctx.account.inferenceComponents.get(name);
  if (!ic) throw validation(`Could not find inference component "${icArn(ctx, name)}".`);
  const st = componentState(ic, ctx.now);
  return {
    InferenceComponentName: ic.name,
    InferenceComponentArn: icArn(ctx, ic.name),
    EndpointName: ic.endpointName,
    EndpointArn: epArn(ctx, ic.endpointName),
    VariantName: ic.variantName,
    FailureReason: st.status === 'Failed' ? ic.failureReason : undefined,
    Specification: {
      ModelName: ic.modelName,
      Container: {
        DeployedImage: { SpecifiedImage: ic.image, ResolvedImage: ic.image.replace(/:.*$/, '') + '@sha256:' + 'cd34'.repeat(16), ResolutionTime: d(ic.creationTime) },
        ArtifactUrl: ic.artifactUrl,
        Environment: ic.environment,
      },
      StartupParameters: { ModelDataDownloadTimeoutInSeconds: 1200, ContainerStartupHealthCheckTimeoutInSeconds: 1200 },
      ComputeResourceRequirements: ic.compute,
    },
    RuntimeConfig: { DesiredCopyCount: st.desired, CurrentCopyCount: st.current },
    CreationTime: d(ic.creationTime),
    LastModifiedTime: d(st.lastModified),
    InferenceComponentStatus: st.status,
    LastDeploymentConfig:
      ic.rollingBatch !== undefined ? { RollingUpdatePolicy: { MaximumBatchSize: { Type: 'COPY_COUNT', Value: ic.rollingBatch }, WaitIntervalInSeconds: 120, MaximumExecutionTimeoutInSeconds: 1800 } } : undefined,
  };
}

/** Creating for 4 min of sim time, then InService with its copies spread over the variant's instances. */
function createInferenceComponent(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'InferenceComponentName', validation);
  checkName(name, 'inferenceComponentName');
  if (ctx.account.inferenceComponents.has(name)) throw validation(`Cannot create already existing inference component "${icArn(ctx, name)}".`);
  const endpointName = reqStr(input, 'EndpointName', validation);
  const ep = ctx.account.endpoints.get(endpointName);
  if (!ep) throw validation(`Could not find endpoint "${epArn(ctx, endpointName)}".`);
  const variantName = optStr(input, 'VariantName', validation) ?? ep.variants[0]?.VariantName;
  const variant = ep.variants.find((v) => v.VariantName === variantName);
  if (!variant) throw validation(`The variant name "${variantName}" does not exist in endpoint "${endpointName}".`);
  if (variant.ServerlessConfig || variant.ModelName !== undefined) throw validation(`Endpoint "${endpointName}" variant "${variantName}" does not support inference components: its endpoint configuration names a model.`);
  const spec = optObj(input, 'Specification', validation);
  if (!spec) throw required('specification');
  const modelName = reqStr(spec, 'ModelName', validation);
  const model = ctx.account.models.get(modelName);
  if (!model) throw validation(`Could not find model "${ctx.account.arn('sagemaker', `model/${modelName.toLowerCase()}`)}".`);
  const crr = optObj(spec, 'ComputeResourceRequirements', validation);
  if (!crr) throw required('specification.computeResourceRequirements');
  const mem = optInt(crr, 'MinMemoryRequiredInMb', validation, 128, 4_000_000);
  if (mem === undefined) throw required('specification.computeResourceRequirements.minMemoryRequiredInMb');
  const rc = optObj(input, 'RuntimeConfig', validation);
  if (!rc) throw required('runtimeConfig');
  const copies = optInt(rc, 'CopyCount', validation, 0, 1000);
  if (copies === undefined) throw required('runtimeConfig.copyCount');
  const accel = optInt(crr, 'NumberOfAcceleratorDevicesRequired', validation, 1, 64);
  const cores = optInt(crr, 'NumberOfCpuCoresRequired', validation, 1, 1024);
  const up = ctx.now + 4 * 60_000;
  const ids = variant.instanceIds.length ? variant.instanceIds : ['i-0unplaced'];
  const ic: InferenceComponent = {
    name,
    endpointName,
    variantName: variant.VariantName,
    creationTime: ctx.now,
    modelName,
    image: model.image,
    artifactUrl: model.modelDataUrl,
    compute: { NumberOfAcceleratorDevicesRequired: accel, NumberOfCpuCoresRequired: cores, MinMemoryRequiredInMb: mem },
    steps: [
      { status: 'Creating', at: ctx.now, desiredCopies: copies },
      { status: 'InService', at: up, desiredCopies: copies },
    ],
    copies: Array.from({ length: copies }, (_, k) => ({ instanceId: ids[k % ids.length], containerId: mix(hashString(name), k, 1).toString(16).padStart(8, '0') + '0000', start: up })),
  };
  ctx.account.inferenceComponents.set(name, ic);
  componentLogs(ctx.account, ctx.now, ic);
  return { InferenceComponentArn: icArn(ctx, name) };
}

function describeModel(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'ModelName', validation);
  const m = ctx.account.models.get(name);
  const arn = ctx.account.arn('sagemaker', `model/${name.toLowerCase()}`);
  if (!m) throw validation(`Could not find model "${arn}".`);
  return {
    ModelName: m.name,
    PrimaryContainer: { Image: m.image, Mode: m.mode, ModelDataUrl: m.modelDataUrl, Environment: m.environment ?? {} },
    ExecutionRoleArn: m.executionRoleArn,
    CreationTime: d(m.creationTime),
    ModelArn: arn,
    EnableNetworkIsolation: false,
  };
}

function createModel(ctx: Ctx, input: Input) {
  const name = reqStr(input, 'ModelName', validation);
  checkName(name, 'modelName');
  const arn = ctx.account.arn('sagemaker', `model/${name.toLowerCase()}`);
  if (ctx.account.models.has(name)) throw validation(`Cannot create already existing model "${arn}".`);
  const pc = optObj(input, 'PrimaryContainer', validation);
  if (!pc) throw required('primaryContainer');
  const mode = optStr(pc, 'Mode', validation) ?? 'SingleModel';
  checkEnum(mode, 'primaryContainer.mode', ['SingleModel', 'MultiModel']);
  const env = optObj(pc, 'Environment', validation);
  ctx.account.models.set(name, {
    name,
    creationTime: ctx.now,
    image: reqStr(pc, 'Image', validation),
    modelDataUrl: optStr(pc, 'ModelDataUrl', validation),
    mode: mode as 'SingleModel' | 'MultiModel',
    executionRoleArn: reqStr(input, 'ExecutionRoleArn', validation),
    environment: env ? Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) : undefined,
  });
  return { ModelArn: arn };
}

export const inferenceOps = {
  ListInferenceComponents: listInferenceComponents,
  DescribeInferenceComponent: describeInferenceComponent,
  CreateInferenceComponent: createInferenceComponent,
  DescribeModel: describeModel,
  CreateModel: createModel,
};
