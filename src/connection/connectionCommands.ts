import * as vscode from 'vscode';
import { endpointUrlProblem, effectiveProfile, listProfiles } from '../aws/connection';
import { UserFacingError } from '../platform/errors';
import type { Settings } from '../platform/settings';
import { SAGEMAKER_REGIONS, isRegionId } from '../shared/regions';

interface ProfilePick extends vscode.QuickPickItem {
  readonly profile: string;
}

/** `sagemakerMonitor.selectProfile`: pick a profile of the shared AWS files, or the default chain. */
export async function selectProfile(settings: Settings, arg?: unknown): Promise<string | undefined> {
  const given = typeof arg === 'string' ? arg : isProfileArg(arg) ? arg.profile : undefined;
  if (given !== undefined) {
    await settings.update('profile', given);
    return given;
  }
  const current = settings.connection();
  const profiles = await listProfiles();
  const items: ProfilePick[] = [
    {
      profile: '',
      label: '$(key) Default credential chain',
      description: current.profile === '' ? 'current' : undefined,
      detail: `AWS_PROFILE, environment variables, then the "${effectiveProfile({ ...current, profile: '' })}" profile`,
    },
    ...profiles.map((p) => ({
      profile: p.name,
      label: p.name,
      description: [p.region, p.name === current.profile ? 'current' : undefined].filter(Boolean).join(' · ') || undefined,
      detail: PROFILE_KIND_LABEL[p.kind],
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'SageMaker: AWS Profile',
    placeHolder: profiles.length ? 'Profiles from ~/.aws/config and ~/.aws/credentials' : 'No profiles found in ~/.aws/config or ~/.aws/credentials',
    matchOnDetail: true,
  });
  if (!picked) {
    return undefined;
  }
  await settings.update('profile', picked.profile);
  return picked.profile;
}

const PROFILE_KIND_LABEL: Record<string, string> = {
  sso: 'IAM Identity Center (SSO)',
  'assume-role': 'Assumes a role',
  process: 'credential_process',
  static: 'Access key',
  'web-identity': 'Web identity',
  'config-only': 'Settings only (credentials from the chain)',
};

function isProfileArg(arg: unknown): arg is { profile: string } {
  return typeof arg === 'object' && arg !== null && typeof (arg as { profile?: unknown }).profile === 'string';
}

/** `sagemakerMonitor.selectRegion`: pick a SageMaker region, or type another region id. */
export async function selectRegion(settings: Settings, arg?: unknown): Promise<string | undefined> {
  const given = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null ? (arg as { region?: unknown }).region : undefined;
  if (typeof given === 'string') {
    if (given !== '' && !isRegionId(given)) {
      throw new UserFacingError(`"${given}" is not an AWS region id such as us-east-1.`);
    }
    await settings.update('region', given);
    return given;
  }
  const current = settings.connection().region;
  const items: (vscode.QuickPickItem & { region: string })[] = [
    { region: '', label: '$(settings-gear) From the profile or environment', description: current === '' ? 'current' : undefined },
    ...SAGEMAKER_REGIONS.map((r) => ({ region: r.id, label: r.id, description: r.id === current ? `${r.name} · current` : r.name })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'SageMaker: Region', placeHolder: 'Region to list endpoints and training jobs in', matchOnDescription: true });
  if (!picked) {
    return undefined;
  }
  await settings.update('region', picked.region);
  return picked.region;
}

/** Warns once per change when the endpoint URL setting cannot work, with a way to fix it. */
export function checkEndpointUrl(settings: Settings, log: vscode.LogOutputChannel): void {
  const problem = endpointUrlProblem(settings.connection().endpointUrl);
  if (problem) {
    log.warn(`sagemakerMonitor.endpointUrl: ${problem}`);
    void vscode.window.showWarningMessage(`SageMaker Monitor: ${problem}`, 'Open Settings').then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'sagemakerMonitor.endpointUrl');
      }
    });
  }
}
