/** Which step of a failed pipeline execution to show, and the Show Failure argument of the job it ran. */
import type { PipelineStep } from '../../shared/tuningPipelines';

/** The step that failed first (steps in the order they started); undefined when none did. */
export function failedStep(steps: readonly PipelineStep[]): PipelineStep | undefined {
  const failed = steps.filter((s) => s.status === 'Failed');
  return [...failed].sort((a, b) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity))[0];
}

/** `{ trainingJobName }`, `{ processingJobName }` or `{ transformJobName }` of the step's job; none for other steps. */
export function jobFailureArgument(step: PipelineStep): Record<string, string> | undefined {
  switch (step.job?.kind) {
    case 'training':
      return { trainingJobName: step.job.name };
    case 'processing':
      return { processingJobName: step.job.name };
    case 'transform':
      return { transformJobName: step.job.name };
    default:
      return undefined;
  }
}

/** The execution ARN a Show Failure argument names: `{ pipelineExecutionArn }`, or a tree node whose ARN is one. */
export function pipelineExecutionArnOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) {
    return undefined;
  }
  const value = (arg as { pipelineExecutionArn?: unknown }).pipelineExecutionArn ?? (arg as { arn?: unknown }).arn;
  return typeof value === 'string' && /:pipeline\/[^/]+\/execution\/[^/]+$/.test(value) ? value : undefined;
}

/** The sentence that says where an execution failed. */
export function stepFailureSentence(pipelineName: string, executionLabel: string, step: PipelineStep | undefined, executionReason: string | undefined): string {
  if (!step) {
    return `${pipelineName} ${executionLabel} failed${executionReason ? `: ${executionReason}` : ''} (no step failed).`;
  }
  return `${pipelineName} ${executionLabel} failed at step ${step.name} (${step.type})${step.failureReason ? `: ${step.failureReason}` : ''}.`;
}
