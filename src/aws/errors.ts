import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { FailureKind } from '../shared/failures';

/**
 * Sorts AWS SDK failures into the few kinds the UI treats differently (a tree node with the right action,
 * a back-off, a silent retry). Recognised by the SDK's error names and codes; message text is read only to
 * name the missing permission.
 */

/** The kinds are the one taxonomy of src/shared/failures.ts. */
export type AwsFailureKind = FailureKind;

export interface AwsFailure {
  readonly kind: AwsFailureKind;
  /** One short sentence for the user. */
  readonly message: string;
  /** For accessDenied: the IAM action that was refused, e.g. `sagemaker:ListEndpoints`. */
  readonly action?: string;
  /** The SDK's error name or Node's error code, for the diagnostics channel. */
  readonly code: string;
}

const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired', 'InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidGrantException']);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'NotAuthorized']);
/** The SDK's own throttling codes count, except a refused Live Tail session (a quota, not a rate: see logs/source.ts). */
const NOT_THROTTLING = new Set(['LimitExceededException']);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'ResourceNotFound', 'NoSuchEntity']);
/** Cut connections the SDK's transient list does not name (undici's, the v2 SDK's). */
const NETWORK = new Set(['NetworkingError', 'UND_ERR_SOCKET']);
const UNSUPPORTED = new Set(['UnknownOperationException', 'InvalidOperationException', 'InvalidAction']);
const BAD_HOST = new Set(['ENOTFOUND', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  Code?: unknown;
  cause?: unknown;
  tryNextLink?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function field(error: ErrorLike, key: 'name' | 'code' | 'Code' | 'message'): string {
  const v = error[key];
  return typeof v === 'string' ? v : '';
}

export function classifyAwsError(error: unknown): AwsFailure {
  if (typeof error !== 'object' || error === null) {
    return { kind: 'other', message: String(error), code: 'Unknown' };
  }
  const e = error as ErrorLike;
  const name = field(e, 'name');
  const code = field(e, 'code') || field(e, 'Code');
  const message = field(e, 'message');
  const id = name && name !== 'Error' ? name : code || 'Error';
  const causeCode = typeof e.cause === 'object' && e.cause !== null ? field(e.cause as ErrorLike, 'code') : '';

  if (name === 'AbortError') {
    return { kind: 'cancelled', message: 'Cancelled.', code: id };
  }
  if (name === 'CredentialsProviderError' || name === 'ProviderError') {
    if (/expired|refresh/i.test(message) && /sso|token/i.test(message)) {
      return { kind: 'expiredCredentials', message: `The sign-in of this profile has expired: ${message}`, code: id };
    }
    return { kind: 'noCredentials', message: `No AWS credentials: ${message}`, code: id };
  }
  if (EXPIRED.has(name) || EXPIRED.has(code)) {
    return { kind: 'expiredCredentials', message: 'The AWS credentials have expired or are not valid. Sign in again or refresh them.', code: id };
  }
  if (DENIED.has(name) || DENIED.has(code) || e.$metadata?.httpStatusCode === 403) {
    const action = /perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
    return {
      kind: 'accessDenied',
      message: action ? `Access denied: the credentials lack permission for ${action}.` : `Access denied: ${message || id}`,
      code: id,
      ...(action ? { action } : {}),
    };
  }
  if (!NOT_THROTTLING.has(name) && (isThrottlingError(e as Parameters<typeof isThrottlingError>[0]) || isThrottlingError({ name: code, $metadata: {} } as Parameters<typeof isThrottlingError>[0]))) {
    return { kind: 'throttled', message: 'AWS is throttling requests; retrying more slowly.', code: id };
  }
  if (NOT_FOUND.has(name) || NOT_FOUND.has(code) || (name === 'ValidationException' && /could not find|not found|does not exist/i.test(message))) {
    return { kind: 'notFound', message: `No longer exists: ${message || id}`, code: id };
  }
  if (/region is missing/i.test(message) || code === 'ERR_MISSING_REGION') {
    return { kind: 'noRegion', message: 'No AWS region is set for this profile. Choose one.', code: id || 'RegionMissing' };
  }
  if (BAD_HOST.has(code) || BAD_HOST.has(causeCode) || name === 'TypeError' && /Invalid URL/i.test(message)) {
    return { kind: 'badEndpoint', message: `The AWS endpoint cannot be reached (${code || causeCode || name}). Check the endpoint URL and region.`, code: code || causeCode || id };
  }
  // The SDK's transient failures other than a 5xx answer: a refused, reset (even mid-answer, after a 200) or
  // timed-out connection.
  const transient = isTransientError(e as Parameters<typeof isTransientError>[0]);
  if ((transient && !((e.$metadata?.httpStatusCode ?? 0) >= 500)) || NETWORK.has(code) || NETWORK.has(name) || NETWORK.has(causeCode)) {
    return { kind: 'network', message: `Network error talking to AWS (${code || causeCode || name}).`, code: code || causeCode || id };
  }
  if (UNSUPPORTED.has(name) || UNSUPPORTED.has(code)) {
    return { kind: 'unsupported', message: `This endpoint does not support the operation: ${message || id}`, code: id };
  }
  if (name === 'InvalidParameterException' && /token/i.test(message)) {
    return { kind: 'invalidToken', message: `The service no longer knows a paging token: ${message}`, code: id };
  }
  const status = e.$metadata?.httpStatusCode;
  // The SDK could not read the answer as its protocol (an HTML page where JSON or XML was due): say what came.
  const type = contentType(error);
  if ((name === 'SyntaxError' || /Deserialization error/.test(message)) && type !== undefined && !/json|xml|cbor|eventstream/i.test(type)) {
    const what = /html/i.test(type) ? 'an HTML page' : type ? `"${type}"` : 'no content type';
    return {
      kind: 'badAnswer',
      message: `The service answered something that is not AWS's format (${status ? `HTTP ${status}, ` : ''}${what}): a proxy or gateway in between, or an endpoint that does not offer this request.`,
      code: id,
    };
  }
  // A 5xx answer, or an answer cut below HTTP (a reset mid-response leaves no status): worth asking again.
  if (status === undefined ? error instanceof Error && !['TypeError', 'RangeError', 'ReferenceError'].includes(name) : status >= 500) {
    return { kind: 'serverError', message: `AWS could not answer (${status ?? name}): ${message || id}`, code: id };
  }
  return { kind: 'other', message: message || id, code: id };
}

/** The Content-Type of the answer the SDK kept on a deserialization error (`$response`, not enumerable). */
function contentType(error: object): string | undefined {
  const headers = (error as { $response?: { headers?: Record<string, unknown> } }).$response?.headers;
  const v = headers?.['content-type'] ?? headers?.['Content-Type'];
  return typeof v === 'string' ? v.split(';')[0].trim() : undefined;
}
