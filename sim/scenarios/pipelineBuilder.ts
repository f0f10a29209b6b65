/**
 * SageMaker Pipelines: pipelines, their executions (steps pointing at jobs of the account) and the metrics
 * SageMaker publishes for them in `AWS/Sagemaker/ModelBuildingPipeline` (sic: "Sagemaker"):
 *   ExecutionStarted, ExecutionSucceeded, ExecutionFailed, ExecutionStopped (Count), ExecutionDuration (Milliseconds) · PipelineName
 *   StepStarted, StepSucceeded, StepFailed, StepStopped (Count), StepDuration (Milliseconds) · PipelineName, StepName
 * each published when it happens: publishPipelineMetrics runs before every request (services/progress.ts).
 */
import { hashString, mix } from '../src/model/hash';
import { addMetricEvent } from '../src/model/eventMetrics';
import { type Account } from '../src/model/state';
import { executionState, type Pipeline, type PipelineExecution, type StepRun } from '../src/model/workflows';

export const PIPELINE_NAMESPACE = 'AWS/Sagemaker/ModelBuildingPipeline';
const ROLE = 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A pipeline execution id as SageMaker makes them: 12 lowercase letters and digits (deterministic from `key`). */
export function executionId(key: string): string {
  const seed = hashString(key);
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[mix(seed, i) % ALPHABET.length];
  return out;
}

export const pipelineArn = (acc: Account, name: string) => acc.arn('sagemaker', `pipeline/${name.toLowerCase()}`);
export const executionArn = (acc: Account, pipeline: string, id: string) => `${pipelineArn(acc, pipeline)}/execution/${id}`;

/** A small pipeline definition (JSON) with these steps, each after the previous one. */
export function definitionOf(steps: { Name: string; Type: string; Arguments?: Record<string, unknown> }[]): string {
  return JSON.stringify({
    Version: '2020-12-01',
    Metadata: {},
    Parameters: [{ Name: 'InputDataUrl', Type: 'String', DefaultValue: 's3://sagemaker-us-east-1-123456789012/churn/raw' }],
    PipelineExperimentConfig: { ExperimentName: { Get: 'Execution.PipelineName' }, TrialName: { Get: 'Execution.PipelineExecutionId' } },
    Steps: steps.map((s, i) => ({ Name: s.Name, Type: s.Type, Arguments: s.Arguments ?? {}, ...(i ? { DependsOn: [steps[i - 1].Name] } : {}) })),
  });
}

export interface PipelineSpec {
  name: string;
  displayName?: string;
  description?: string;
  created: number;
  roleArn?: string;
  /** JSON; default: definitionOf(steps) */
  definition?: string;
  steps?: { Name: string; Type: string }[];
}

export function addPipeline(acc: Account, spec: PipelineSpec): Pipeline {
  const p: Pipeline = {
    name: spec.name,
    displayName: spec.displayName ?? spec.name,
    description: spec.description,
    roleArn: spec.roleArn ?? ROLE,
    definition: spec.definition ?? definitionOf(spec.steps ?? []),
    creationTime: spec.created,
    lastModifiedTime: spec.created,
    executions: [],
  };
  acc.pipelines.set(p.name, p);
  return p;
}

export interface ExecutionSpec {
  /** default: executionId(pipeline/displayName) */
  id?: string;
  displayName: string;
  description?: string;
  created: number;
  steps: StepRun[];
}

export function addExecution(acc: Account, p: Pipeline, spec: ExecutionSpec): PipelineExecution {
  const ex: PipelineExecution = {
    id: spec.id ?? executionId(`${p.name}/${spec.displayName}`),
    pipeline: p.name,
    displayName: spec.displayName,
    description: spec.description,
    creationTime: spec.created,
    steps: spec.steps,
  };
  p.executions.push(ex);
  acc.pipelineExecutions.set(ex.id, ex);
  acc.activeExecutions.add(ex);
  return ex;
}

/**
 * Publishes what happened in the active executions up to `now` (each event at its own time): an execution's start,
 * each shown step's start, a step's end once it ended (its job's end), the execution's end; a finished execution
 * is no longer active. The metrics follow the jobs, also when the control API fails or stops one.
 */
export function publishPipelineMetrics(acc: Account, now: number): void {
  for (const ex of acc.activeExecutions) {
    if (ex.creationTime > now) continue;
    const pub = (ex.published ??= { starts: 0, ends: 0 });
    const P = [{ Name: 'PipelineName', Value: ex.pipeline }];
    const add = (name: string, dims: typeof P, unit: string, at: number, v: number) => addMetricEvent(acc.metrics, PIPELINE_NAMESPACE, name, dims, unit, at, v);
    if (!pub.started) add('ExecutionStarted', P, 'Count', ex.creationTime, 1);
    pub.started = true;
    const st = executionState(acc, ex, now);
    st.shown.forEach(({ step, state }, i) => {
      const dims = [...P, { Name: 'StepName', Value: step.name }];
      if (i >= pub.starts) {
        add('StepStarted', dims, 'Count', step.start, 1);
        pub.starts = i + 1;
      }
      if (i === pub.ends && state.end !== undefined && ['Succeeded', 'Failed', 'Stopped'].includes(state.status)) {
        add(`Step${state.status}`, dims, 'Count', state.end, 1);
        add('StepDuration', dims, 'Milliseconds', state.end, state.end - step.start);
        pub.ends = i + 1;
      }
    });
    if (st.end !== undefined) {
      add(`Execution${st.status}`, P, 'Count', st.end, 1);
      add('ExecutionDuration', P, 'Milliseconds', st.end, st.end - ex.creationTime);
      acc.activeExecutions.delete(ex);
    }
  }
}
