/**
 * One set of SDK clients per (profile, region, endpoint URL), created on first use and destroyed when the
 * connection changes. Credentials come from the same chain as the AWS CLI.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { ConnectionSettings } from './connection';
import type { ServerClock } from './serverClock';
import { classifyAwsError } from './errors';

export interface AwsClients {
  readonly sagemaker: SageMakerClient;
  readonly cloudwatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  /**
   * CloudWatch Logs for the log tails: no client-side adaptive rate limiter and one retry. The tail engine
   * paces all tails of an account with its shared budget and retries itself; the SDK's adaptive limiter on top
   * kept a tail crawling for half a minute after a burst of throttling had passed.
   */
  readonly tailLogs: CloudWatchLogsClient;
  /**
   * CloudWatch without retries, for the calls that isolate the queries of a failed GetMetricData batch: the
   * batch itself was retried already, and a refusal answered again six times is only more requests.
   */
  readonly cloudwatchOnce: CloudWatchClient;
  /** The connection these clients were made for. */
  readonly connection: ConnectionSettings;
  /** Resolves the region the clients actually use (settings, then profile, then environment). */
  region(): Promise<string>;
}

export interface ClientFactoryOptions {
  /** Asks the user for an MFA code when a profile assumes a role with `mfa_serial`. */
  readonly mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** Identifies the extension in the User-Agent. */
  readonly userAgent?: string;
  readonly maxAttempts?: number;
  /** Fed with every response's `Date` header (the service's time; see serverClock.ts). */
  readonly clock?: ServerClock;
}

/** The retry settings of `AwsClients.tailLogs` (the benchmark's tail uses them too). */
export const TAIL_LOGS_RETRY = { retryMode: 'standard', maxAttempts: 2 } as const;

function keyOf(c: ConnectionSettings): string {
  return JSON.stringify([c.profile, c.region, c.endpointUrl]);
}

export class ClientFactory {
  private current: { key: string; clients: AwsClients } | undefined;

  constructor(private readonly options: ClientFactoryOptions = {}) {}

  get(connection: ConnectionSettings): AwsClients {
    const key = keyOf(connection);
    if (this.current?.key !== key) {
      this.destroy();
      this.current = { key, clients: this.create(connection) };
    }
    return this.current.clients;
  }

  /** Closes the sockets of the current clients; the next `get` creates new ones. */
  destroy(): void {
    const clients = this.current?.clients;
    this.current = undefined;
    clients?.sagemaker.destroy();
    clients?.cloudwatch.destroy();
    clients?.logs.destroy();
    clients?.tailLogs.destroy();
    clients?.cloudwatchOnce.destroy();
  }

  private create(connection: ConnectionSettings): AwsClients {
    const profile = connection.profile || undefined;
    const credentials = refreshableCredentials(() =>
      fromNodeProviderChain({
        ...(profile ? { profile } : {}),
        ...(this.options.mfaCodeProvider ? { mfaCodeProvider: this.options.mfaCodeProvider } : {}),
      }),
    );
    const common = {
      ...(profile ? { profile } : {}),
      ...(connection.region ? { region: connection.region } : {}),
      ...(connection.endpointUrl ? { endpoint: connection.endpointUrl } : {}),
      credentials,
      // Adaptive retry: a client-side token bucket that slows down on throttling instead of failing.
      retryMode: 'adaptive',
      maxAttempts: this.options.maxAttempts ?? 6,
      ...(this.options.userAgent ? { customUserAgent: this.options.userAgent } : {}),
    };
    const sagemaker = new SageMakerClient(common);
    const cloudwatch = new CloudWatchClient(common);
    const cloudwatchOnce = new CloudWatchClient({ ...common, retryMode: 'standard', maxAttempts: 1 });
    // Live Tail's host prefix (`stream-`) must not be put in front of a custom endpoint's host.
    const logsConfig = { ...common, ...(connection.endpointUrl ? { disableHostPrefix: true } : {}) };
    const logs = new CloudWatchLogsClient(logsConfig);
    const tailLogs = new CloudWatchLogsClient({ ...logsConfig, ...TAIL_LOGS_RETRY });
    const clock = this.options.clock;
    if (clock) {
      clock.reset();
      for (const client of [sagemaker, cloudwatch, cloudwatchOnce, logs, tailLogs]) {
        client.middlewareStack.add(
          (next) => async (args) => {
            const out = await next(args);
            const headers = (out.response as { headers?: Record<string, string | undefined> } | undefined)?.headers;
            clock.observe(headers?.date ?? headers?.Date);
            return out;
          },
          { step: 'deserialize', name: 'serverClock' },
        );
      }
    }
    for (const client of [sagemaker, cloudwatch, cloudwatchOnce, logs, tailLogs]) {
      client.middlewareStack.add(
        (next) => async (args) => {
          try {
            return await next(args);
          } catch (e) {
            if (classifyAwsError(e).kind === 'expiredCredentials') {
              credentials.reload();
            }
            throw e;
          }
        },
        { step: 'initialize', name: 'sagemakerMonitorReloadExpiredCredentials' },
      );
    }
    return {
      sagemaker,
      cloudwatch,
      logs,
      tailLogs,
      cloudwatchOnce,
      connection,
      region: () => sagemaker.config.region(),
    };
  }
}

type CredentialChain = ReturnType<typeof fromNodeProviderChain>;

/**
 * The credential chain, read again after the service said the credentials expired: a new SSO login, rotated
 * keys or a refreshed credentials file are picked up by running tails and panels without a reload. The
 * chain caches (and refreshes temporary credentials) itself; `memoized` tells the SDK not to cache on top.
 */
export function refreshableCredentials(make: () => CredentialChain): CredentialChain & { readonly memoized: true; reload(): void } {
  let chain = make();
  const provider: CredentialChain = (options) => chain(options);
  return Object.assign(provider, {
    memoized: true as const,
    reload: () => {
      chain = make();
    },
  });
}
