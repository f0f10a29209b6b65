import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { effectiveProfile, endpointUrlProblem, explicitRegion, listProfiles } from '../../../src/aws/connection';

describe('aws/connection', () => {
  let dir: string;
  const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'smm-aws-'));
    writeFileSync(
      join(dir, 'config'),
      [
        '[default]',
        'region = eu-west-1',
        '[profile ml-sso]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = MLEngineer',
        'region = us-west-2',
        '[profile ml-admin]',
        'role_arn = arn:aws:iam::123456789012:role/Admin',
        'source_profile = default',
        'mfa_serial = arn:aws:iam::123456789012:mfa/me',
        '[profile tool]',
        'credential_process = /usr/local/bin/get-creds',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'credentials'), ['[default]', 'aws_access_key_id = AKIDEXAMPLE', 'aws_secret_access_key = secret', '[ci]', 'aws_access_key_id = AKIDCI', 'aws_secret_access_key = secret'].join('\n'));
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  });

  it('lists the profiles of both shared files with their kind and region', async () => {
    const profiles = await listProfiles();
    assert.deepEqual(
      profiles.map((p) => [p.name, p.kind, p.region]),
      [
        ['default', 'static', 'eu-west-1'],
        ['ml-sso', 'sso', 'us-west-2'],
        ['ml-admin', 'assume-role', undefined],
        ['tool', 'process', undefined],
        ['ci', 'static', undefined],
      ],
    );
  });

  it('resolves the effective profile and region like the SDK', () => {
    const none = { profile: '', region: '', endpointUrl: '' };
    assert.equal(effectiveProfile(none, {}), 'default');
    assert.equal(effectiveProfile(none, { AWS_PROFILE: 'ci' }), 'ci');
    assert.equal(effectiveProfile({ ...none, profile: 'ml-sso' }, { AWS_PROFILE: 'ci' }), 'ml-sso');
    assert.equal(explicitRegion(none, {}), undefined);
    assert.equal(explicitRegion(none, { AWS_DEFAULT_REGION: 'eu-west-1' }), 'eu-west-1');
    assert.equal(explicitRegion({ ...none, region: 'us-east-2' }, { AWS_REGION: 'eu-west-1' }), 'us-east-2');
  });

  it('explains endpoint URLs that cannot work', () => {
    assert.equal(endpointUrlProblem(''), undefined);
    assert.equal(endpointUrlProblem('http://127.0.0.1:4566'), undefined);
    assert.match(endpointUrlProblem('127.0.0.1:4566') ?? '', /http:\/\//);
    assert.match(endpointUrlProblem('not a url') ?? '', /not a URL/);
    assert.match(endpointUrlProblem('http://localhost:4566/?x=1') ?? '', /query/);
  });
});
