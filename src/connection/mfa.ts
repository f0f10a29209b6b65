import * as vscode from 'vscode';

/** Asks for the MFA code when a profile assumes a role that requires one (`mfa_serial`). */
export async function askForMfaCode(mfaSerial: string): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: 'SageMaker Monitor: MFA code',
    prompt: `Code from the MFA device ${mfaSerial}`,
    placeHolder: '123456',
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : 'Enter the 6-digit code'),
  });
  if (code === undefined) {
    const error = new Error('MFA code entry was cancelled.');
    error.name = 'Canceled';
    throw error;
  }
  return code.trim();
}
