import * as assert from 'node:assert/strict';
import { classifyAwsError } from '../../../src/aws/errors';

function sdkError(name: string, message = '', status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('aws/errors: failures sorted by what the user can do', () => {
  it('recognises missing and expired credentials', () => {
    assert.equal(classifyAwsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })).kind, 'noCredentials');
    assert.equal(classifyAwsError(Object.assign(new Error('The SSO session token has expired; refresh it'), { name: 'CredentialsProviderError' })).kind, 'expiredCredentials');
    assert.equal(classifyAwsError(sdkError('ExpiredTokenException', 'The security token included in the request is expired')).kind, 'expiredCredentials');
    assert.equal(classifyAwsError(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.')).kind, 'expiredCredentials');
  });

  it('names the missing permission on AccessDenied', () => {
    const f = classifyAwsError(
      sdkError('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sagemaker:ListEndpoints on resource: arn:aws:sagemaker:us-east-1:123456789012:endpoint/*', 403),
    );
    assert.equal(f.kind, 'accessDenied');
    assert.equal(f.action, 'sagemaker:ListEndpoints');
    assert.match(f.message, /sagemaker:ListEndpoints/);
  });

  it('tells throttling, not-found, network and endpoint problems apart', () => {
    assert.equal(classifyAwsError(sdkError('ThrottlingException', 'Rate exceeded')).kind, 'throttled');
    // The SDK's own throttling signs (its list, HTTP 429); a Live Tail session quota is not a rate.
    assert.equal(classifyAwsError(sdkError('SlowDown', 'Please reduce your request rate.', 503)).kind, 'throttled');
    assert.equal(classifyAwsError(sdkError('SomethingElse', '', 429)).kind, 'throttled');
    assert.notEqual(classifyAwsError(sdkError('LimitExceededException', 'You have exceeded the maximum number of concurrent Live Tail sessions.')).kind, 'throttled');
    assert.equal(classifyAwsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).kind, 'network');
    // Cut mid-answer: the status line (200) came, the body did not.
    assert.equal(classifyAwsError(Object.assign(new Error('aborted'), { code: 'ECONNRESET', $metadata: { httpStatusCode: 200 } })).kind, 'network');
    assert.equal(classifyAwsError(Object.assign(new Error('timed out'), { name: 'TimeoutError' })).kind, 'network');
    assert.equal(classifyAwsError(sdkError('ResourceNotFoundException', 'The specified log group does not exist.')).kind, 'notFound');
    assert.equal(classifyAwsError(sdkError('ValidationException', 'Could not find endpoint "gone".')).kind, 'notFound');
    assert.equal(classifyAwsError(sdkError('ValidationException', '1 validation error detected')).kind, 'other');
    assert.equal(classifyAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).kind, 'network');
    assert.equal(classifyAwsError(Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' })).kind, 'badEndpoint');
    assert.equal(classifyAwsError(new Error('Region is missing')).kind, 'noRegion');
    assert.equal(classifyAwsError(Object.assign(new Error('aborted'), { name: 'AbortError' })).kind, 'cancelled');
  });

  it('sorts 5xx answers, cut answers, unknown operations and forgotten tokens into their kinds', () => {
    const sdk = (name: string, status?: number, message = '') => Object.assign(new Error(message), { name, $metadata: status === undefined ? {} : { httpStatusCode: status } });
    assert.equal(classifyAwsError(sdk('ServiceUnavailableException', 503)).kind, 'serverError');
    assert.equal(classifyAwsError(sdk('InternalFailure', 500)).kind, 'serverError');
    // A reset mid-answer leaves no status: asked again too.
    assert.equal(classifyAwsError(sdk('SyntaxError')).kind, 'serverError');
    assert.equal(classifyAwsError(sdk('ValidationException', 400, 'bad')).kind, 'other');
    // An HTML page where AWS's JSON was due (a gateway, an emulator's error handler): said in those words.
    const html = Object.defineProperty(sdk('SyntaxError', 502, 'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), '$response', {
      value: { statusCode: 502, headers: { 'content-type': 'text/html; charset=utf-8' } },
    });
    const f = classifyAwsError(html);
    assert.equal(f.kind, 'badAnswer');
    assert.match(f.message, /not AWS's format \(HTTP 502, an HTML page\)/);
    // A JSON answer cut short is the server's trouble, not a stranger's page.
    const cut = Object.defineProperty(sdk('SyntaxError', undefined, 'Unexpected end of JSON input'), '$response', { value: { headers: { 'content-type': 'application/x-amz-json-1.0' } } });
    assert.equal(classifyAwsError(cut).kind, 'serverError');
    assert.equal(classifyAwsError(sdk('UnknownOperationException', 400)).kind, 'unsupported');
    assert.equal(classifyAwsError(sdk('InvalidParameterException', 400, 'The specified nextToken is invalid.')).kind, 'invalidToken');
    assert.equal(classifyAwsError(new TypeError('x is not a function')).kind, 'other');
  });

  it('survives values that are not errors', () => {
    assert.equal(classifyAwsError('boom').kind, 'other');
    assert.equal(classifyAwsError(undefined).kind, 'other');
    assert.equal(classifyAwsError({}).kind, 'other');
  });
});
