/**
 * StartPipelineExecution: the definition's steps run one after the other (a Condition is True: its IfSteps run
 * next). Each job step creates its job when it starts, as SageMaker does (`pipelines-[execution id]-[step]-[suffix]`),
 * through the account's pending launches; a step starts only once the previous one succeeded. Durations:
 * Processing 8 min, Training 11 min, Transform 8 min, Tuning its children's waves, RegisterModel 10 s, Condition 3 s,
 * Fail 1 s (the execution fails), any other step 30 s.
 */
import { hashString } from '../src/model/hash';
import { type Account, type StatusStep } from '../src/model/state';
import { type Pipeline, type PipelineExecution, type StepRun, stepState } from '../src/model/workflows';
import { type Input } from '../src/services/input';
import { instanceCores, instanceGpus } from '../src/services/sagemakerCommon';
import { addProcessingJob, addTransformJob } from './jobBuilders';
import { addExecution } from './pipelineBuilder';
import { addTrainingJob } from './trainingBuilder';
import { startTuningJob, tuningEnd } from './tuningBuilder';

export interface DefinitionStep {
  Name: string;
  Type: string;
  DisplayName?: string;
  Description?: string;
  Arguments?: Input;
}

const MIN = 60_000;
const GAP = 5000;
const obj = (v: unknown): Input => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Input) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The steps of a definition in run order; throws an Error with the reason when it is not one. */
export function definitionSteps(json: string): DefinitionStep[] {
  let def: unknown;
  try {
    def = JSON.parse(json);
  } catch {
    throw new Error('Unable to parse pipeline definition: the PipelineDefinition is not valid JSON');
  }
  const steps = obj(def).Steps;
  if (!Array.isArray(steps)) throw new Error('Unable to parse pipeline definition: Steps is missing or not a list');
  const flat: DefinitionStep[] = [];
  const walk = (list: unknown[]) => {
    for (const raw of list) {
      const s = obj(raw);
      if (typeof s.Name !== 'string' || typeof s.Type !== 'string') throw new Error('Unable to parse pipeline definition: every step needs a Name and a Type');
      flat.push({ Name: s.Name, Type: s.Type, DisplayName: str(s.DisplayName), Description: str(s.Description), Arguments: obj(s.Arguments) });
      if (s.Type === 'Condition' && Array.isArray(obj(s.Arguments).IfSteps)) walk(obj(s.Arguments).IfSteps as unknown[]);
    }
  };
  walk(steps);
  return flat;
}

const suffix = (key: string, n: number) => (hashString(key) >>> 0).toString(36).padStart(n, '0').slice(-n);
/** lower case: a step's Metadata names its job by ARN, and ARNs are lower case (the name read from one must find the job) */
const part = (name: string, n: number) => name.replace(/[^a-zA-Z0-9]/g, '').toLowerCase().slice(0, n) || 'step';

interface Plan {
  end: number;
  job?: StepRun['job'];
  outcome?: StepRun['outcome'];
  failureReason?: string;
  metadata?: Record<string, unknown>;
  launch?: (acc: Account) => void;
}

function planStep(acc: Account, p: Pipeline, id: string, s: DefinitionStep, start: number): Plan {
  const args = s.Arguments ?? {};
  const jobName = `pipelines-${id}-${part(s.Name, 20)}-${suffix(`${id}/${s.Name}`, 10)}`;
  const done = (status: string, at: number): StatusStep => ({ status, at });
  switch (s.Type) {
    case 'Processing': {
      const cluster = obj(obj(args.ProcessingResources).ClusterConfig);
      const type = str(cluster.InstanceType) ?? 'ml.m5.xlarge';
      const entry = obj(args.AppSpecification).ContainerEntrypoint;
      const script = (Array.isArray(entry) ? entry.map(String).find((e) => e.endsWith('.py')) : undefined)?.replace(/^.*\//, '') ?? 'processing.py';
      const end = start + 8 * MIN;
      const steps = [done('InProgress', start), done('Completed', end)];
      const launch = (a: Account) => void addProcessingJob(a, { name: jobName, instanceType: type, hosts: num(cluster.InstanceCount) ?? 1, cores: instanceCores(type), gpus: instanceGpus(type), script, steps, startTime: start + 2 * MIN });
      return { end, job: { kind: 'processing', name: jobName }, launch };
    }
    case 'Training': {
      const rc = obj(args.ResourceConfig);
      const type = str(rc.InstanceType) ?? 'ml.m5.xlarge';
      const steps = [done('Starting', start), done('Downloading', start + MIN), done('Training', start + 2.5 * MIN), done('Uploading', start + 10 * MIN), done('Completed', start + 10.75 * MIN)];
      const launch = (a: Account) => void addTrainingJob(a, { name: jobName, instanceType: type, hosts: num(rc.InstanceCount) ?? 1, cores: instanceCores(type), gpus: instanceGpus(type), epochs: 2, stepsPerEpoch: 200, lineIntervalMs: 5000, steps });
      return { end: start + 10.75 * MIN, job: { kind: 'training', name: jobName }, launch };
    }
    case 'Transform': {
      const res = obj(args.TransformResources);
      const type = str(res.InstanceType) ?? 'ml.m5.xlarge';
      const end = start + 8 * MIN;
      const steps = [done('InProgress', start), done('Completed', end)];
      const launch = (a: Account) => void addTransformJob(a, { name: jobName, modelName: str(args.ModelName) ?? `${p.name}-model`, instanceType: type, instances: num(res.InstanceCount) ?? 1, cores: instanceCores(type), gpus: instanceGpus(type), steps });
      return { end, job: { kind: 'transform', name: jobName }, launch };
    }
    case 'Tuning': {
      const cfg = obj(args.HyperParameterTuningJobConfig);
      const limits = obj(cfg.ResourceLimits);
      const objective = obj(cfg.HyperParameterTuningJobObjective);
      const maxJobs = Math.max(1, Math.min(50, num(limits.MaxNumberOfTrainingJobs) ?? 4));
      const parallel = Math.max(1, num(limits.MaxParallelTrainingJobs) ?? 2);
      const name = `${id}-${part(s.Name, 10)}-${suffix(`${id}/${s.Name}`, 6)}`;
      const type = str(obj(obj(args.TrainingJobDefinition).ResourceConfig).InstanceType) ?? 'ml.m5.xlarge';
      const launch = (a: Account) =>
        void startTuningJob(a, {
          name,
          created: start,
          objective: { Type: str(objective.Type) === 'Minimize' ? 'Minimize' : 'Maximize', MetricName: str(objective.MetricName) ?? 'validation:auc' },
          maxJobs,
          maxParallel: parallel,
          ranges: obj(cfg.ParameterRanges),
          staticHyperParameters: {},
          instanceType: type,
          cores: instanceCores(type),
          gpus: instanceGpus(type),
          children: [],
        });
      return { end: tuningEnd(start, maxJobs, parallel), job: { kind: 'tuning', name }, launch };
    }
    case 'RegisterModel': {
      const group = (str(args.ModelPackageGroupName) ?? `${p.name}-models`).toLowerCase();
      const version = [...acc.pipelineExecutions.values()].flatMap((e) => e.steps).filter((r) => String(obj(r.metadata?.RegisterModel).Arn).includes(`/${group}/`)).length + 1;
      return { end: start + 10_000, metadata: { RegisterModel: { Arn: acc.arn('sagemaker', `model-package/${group}/${version}`) } } };
    }
    case 'Model':
      return { end: start + 5000, metadata: { Model: { Arn: acc.arn('sagemaker', `model/${jobName.toLowerCase()}`) } } };
    case 'Condition':
      return { end: start + 3000, metadata: { Condition: { Outcome: 'True' } } };
    case 'Fail': {
      const message = str(args.ErrorMessage) ?? 'The pipeline execution failed at a Fail step';
      return { end: start + 1000, outcome: 'Failed', failureReason: message, metadata: { Fail: { ErrorMessage: message } } };
    }
    default:
      return { end: start + 30_000 };
  }
}

/** Starts an execution of the pipeline's definition now (the definition was checked by CreatePipeline). */
export function startExecution(acc: Account, p: Pipeline, opts: { id: string; displayName: string; description?: string; now: number }): PipelineExecution {
  const runs: StepRun[] = [];
  let start = opts.now;
  for (const s of definitionSteps(p.definition)) {
    const plan = planStep(acc, p, opts.id, s, start);
    const run: StepRun = { name: s.Name, displayName: s.DisplayName, description: s.Description, type: s.Type, start, end: plan.end, job: plan.job, outcome: plan.outcome ?? 'Succeeded', failureReason: plan.failureReason, metadata: plan.metadata };
    const prev = runs[runs.length - 1];
    const launch = plan.launch;
    if (launch && !prev) launch(acc);
    else if (launch && prev) {
      acc.pending.push({
        at: start,
        ready: (a, now) => {
          const st = stepState(a, prev, now).status;
          return st === 'Succeeded' ? 'go' : ['Failed', 'Stopped', 'Stopping'].includes(st) ? 'cancel' : 'wait';
        },
        launch,
      });
    }
    runs.push(run);
    start = plan.end + GAP;
  }
  return addExecution(acc, p, { id: opts.id, displayName: opts.displayName, description: opts.description, created: opts.now, steps: runs });
}
