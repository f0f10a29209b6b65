/** Shared setup of the simulator conformance tests: an in-process simulator on port 0 and real SDK v3 clients. */
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../sim/src/server';
import { waitFor as sharedWaitFor } from '../waitFor';

/** Fixed start time: 2026-11-24T12:00:00Z */
export const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

export const credentials = { accessKeyId: 'AKIDSIM', secretAccessKey: 'x' };

export interface Clients {
  sim: Simulator;
  sagemaker: SageMakerClient;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
}

export async function startWithClients(opts: SimulatorOptions = {}, maxAttempts = 1): Promise<Clients> {
  const sim = await startSimulator({ port: 0, now: T0, speed: 0, ...opts });
  const base = { endpoint: sim.url, region: 'us-east-1', credentials, maxAttempts };
  return {
    sim,
    sagemaker: new SageMakerClient(base),
    cloudwatch: new CloudWatchClient(base),
    logs: new CloudWatchLogsClient({ ...base, disableHostPrefix: true }),
  };
}

export function destroyClients(c: Clients | undefined): Promise<void> {
  if (!c) return Promise.resolve();
  c.sagemaker.destroy();
  c.cloudwatch.destroy();
  c.logs.destroy();
  return c.sim.close();
}

/** Await a rejected promise and return the error (fails when it resolves). */
export type SdkError = Error & { name: string; $metadata?: { httpStatusCode?: number } };

export async function rejection(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the call to fail');
}

/** Polls until cond() is truthy (test/waitFor.ts, every 20 ms: the simulator answers in-process). */
export function waitFor<T>(cond: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000, what = 'condition'): Promise<T> {
  return sharedWaitFor(what, async () => (await cond()) || undefined, timeoutMs, 20);
}
