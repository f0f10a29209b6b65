/**
 * Show Failure on a failed pipeline execution: find the step that failed, then show the failure of the job it
 * ran with the job's own triage (traceback, last lines per host, Problems entry). A step without a job (a
 * condition, a Fail step, a tuning job) says where and why the execution failed.
 */
import * as vscode from 'vscode';
import { UserFacingError } from '../platform/errors';
import { isTerminalExecutionStatus, type PipelineExecution, type PipelineStep } from '../shared/tuningPipelines';
import { failedStep, jobFailureArgument, stepFailureSentence } from './model/pipelineFailure';

export interface PipelineFailureSources {
  describePipelineExecution(executionArn: string, signal?: AbortSignal): Promise<PipelineExecution>;
  listPipelineSteps(executionArn: string, signal?: AbortSignal): Promise<PipelineStep[]>;
}

export interface ShownPipelineFailure {
  readonly pipelineExecutionArn: string;
  readonly step?: string;
  /** The Show Failure argument of the step's job, when its triage was shown. */
  readonly job?: Record<string, string>;
  readonly message: string;
  readonly jobFailure?: unknown;
}

export async function showPipelineFailure(executionArn: string, sources: PipelineFailureSources, showJobFailure: (arg: Record<string, string>) => Promise<unknown>): Promise<ShownPipelineFailure> {
  const { execution, steps } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Reading the failed pipeline execution…', cancellable: true },
    async (_p, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const [e, s] = await Promise.all([sources.describePipelineExecution(executionArn, abort.signal), sources.listPipelineSteps(executionArn, abort.signal)]);
        return { execution: e, steps: s };
      } finally {
        sub.dispose();
      }
    },
  );
  const label = execution.displayName ?? executionArn.split('/').pop() ?? executionArn;
  if (execution.status !== 'Failed') {
    throw new UserFacingError(`Pipeline execution ${label} of ${execution.pipelineName} has not failed (it is ${execution.status}${isTerminalExecutionStatus(execution.status) ? '' : ', still running'}).`);
  }
  const step = failedStep(steps);
  const message = stepFailureSentence(execution.pipelineName, label, step, execution.failureReason);
  const job = step ? jobFailureArgument(step) : undefined;
  if (job) {
    try {
      const jobFailure = await showJobFailure(job);
      return { pipelineExecutionArn: executionArn, ...(step ? { step: step.name } : {}), job, message, jobFailure };
    } catch (error) {
      // The step failed but its job did not (a property file, a timeout of the step): the step's reason is all there is.
      if (!(error instanceof UserFacingError)) {
        throw error;
      }
    }
  }
  void vscode.window.showWarningMessage(message);
  return { pipelineExecutionArn: executionArn, ...(step ? { step: step.name } : {}), message };
}
