/** Where the extension talks to: a profile, a region and optionally one endpoint URL for all three services. */

export interface ConnectionSettings {
  /** Empty: the default credential chain (AWS_PROFILE, environment, `default`). */
  readonly profile: string;
  /** Empty: the profile's region, then AWS_REGION / AWS_DEFAULT_REGION. */
  readonly region: string;
  /** Empty: AWS itself. Otherwise one URL for SageMaker, CloudWatch and CloudWatch Logs. */
  readonly endpointUrl: string;
}

export interface ProfileInfo {
  readonly name: string;
  readonly region?: string;
  /** Which kind of credentials the profile uses, for the picker's detail line. */
  readonly kind: 'sso' | 'assume-role' | 'process' | 'static' | 'web-identity' | 'config-only';
}

/**
 * Profiles of the shared config and credentials files, in the files' order, deduplicated.
 * Honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE like the AWS CLI.
 */
export async function listProfiles(): Promise<ProfileInfo[]> {
  // Loaded on use: the profile picker is rare, activation should not pay for it.
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // The loader keys non-profile sections as `sso-session.NAME` and `services.NAME`.
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)].filter((n) => !/^(sso-session|services)\./.test(n)));
  return [...names].map((name) => {
    const fields = { ...credentialsFile[name], ...configFile[name] };
    return { name, region: fields.region, kind: profileKind(fields) };
  });
}

function profileKind(fields: Record<string, string | undefined>): ProfileInfo['kind'] {
  if (fields.sso_session || fields.sso_start_url) {
    return 'sso';
  }
  if (fields.role_arn && fields.web_identity_token_file) {
    return 'web-identity';
  }
  if (fields.role_arn) {
    return 'assume-role';
  }
  if (fields.credential_process) {
    return 'process';
  }
  if (fields.aws_access_key_id) {
    return 'static';
  }
  return 'config-only';
}

/** The profile the SDK will use when the setting is empty. */
export function effectiveProfile(settings: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): string {
  return settings.profile || env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/** The region the SDK will use, as far as it can be known without I/O; undefined when the profile decides. */
export function explicitRegion(settings: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return settings.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/** Validates the endpoint URL setting; returns a message for the user when it cannot work. */
export function endpointUrlProblem(endpointUrl: string): string | undefined {
  if (endpointUrl === '') {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(endpointUrl);
  } catch {
    return `"${endpointUrl}" is not a URL. Use e.g. http://127.0.0.1:4566.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `The endpoint URL must start with http:// or https://, got "${url.protocol}".`;
  }
  if (url.search || url.hash) {
    return 'The endpoint URL must not have a query or fragment.';
  }
  return undefined;
}
