/**
 * The data of one panel refresh over the SDK (fetchPanelData with the real GetMetricData), and a failed
 * refresh said in the user's words.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { classifyAwsError } from '../aws/errors';
import type { loadBackend } from '../aws/loadBackend';
import type { MetricDataRequest } from '../shared/metrics/requests';
import { fetchPanelData, type PanelData } from './model/fetch';

type Backend = Awaited<ReturnType<typeof loadBackend>>;

/** A failed call whose queries may be to blame: split. Throttling, credentials, access, network: not. */
function splittable(error: unknown): boolean {
  const kind = classifyAwsError(error).kind;
  return kind === 'serverError' || kind === 'badAnswer' || kind === 'other';
}

/** Why some queries were refused: "it answered HTTP 500 with an HTML page, not AWS's format". */
export function refusalReason(error: unknown): string {
  const failure = classifyAwsError(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  if (failure.kind === 'badAnswer') {
    return `it answered ${status ? `HTTP ${status} with ` : ''}${/HTML/.test(failure.message) ? 'an HTML page' : 'something'}, not AWS's format`;
  }
  if (failure.kind === 'serverError') {
    return `it answered ${status ? `HTTP ${status}` : 'with an error'} (${failure.code})`;
  }
  return `it refused them: ${failure.message}`;
}

/** A refresh that failed as a whole, for the panel's status line. */
export function refreshFailureText(error: unknown): string {
  const failure = classifyAwsError(error);
  switch (failure.kind) {
    case 'throttled':
      return 'AWS is throttling this account\'s CloudWatch requests; try again in a moment.';
    case 'network':
    case 'badEndpoint':
      return `The service could not be reached (${failure.code}). Check the network, the proxy or the endpoint URL.`;
    default:
      return failure.message;
  }
}

/** The refresh's requests: with `clients.cloudwatch`, and without retries for the isolating calls. */
export function loadPanelData(backend: Backend, clients: { cloudwatch: CloudWatchClient; cloudwatchOnce: CloudWatchClient }, requests: readonly MetricDataRequest[], signal: AbortSignal): Promise<PanelData> {
  if (requests.length === 0) {
    return Promise.resolve({ series: [], messages: [], calls: 0, unavailable: [] });
  }
  return fetchPanelData(requests, (request, isolating) => backend.getMetricData(isolating ? clients.cloudwatchOnce : clients.cloudwatch, [request], signal), { splittable, reason: refusalReason });
}
