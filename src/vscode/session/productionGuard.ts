// The production guard: a state change on a production profile happens only after a person said
// so, in a modal naming the profile, its server and the action. Every state-changing path asks
// here (commands, Replay, notebook cells), so the rule lives in one place.
import * as vscode from 'vscode';
import { type ConnectionProfile, needsConfirmation } from '../../icws';
import { plainText } from '../display/untrustedText';

/**
 * Whether `action` ("Blind transfer of 1001 to 7002") may go to this profile's server: true at
 * once unless the profile is production with confirmation on; otherwise the person's answer.
 */
export async function confirmStateChange(profile: ConnectionProfile | undefined, action: string): Promise<boolean> {
  if (!profile || !needsConfirmation(profile)) return true;
  const go = 'Go Ahead';
  const answer = await vscode.window.showWarningMessage(
    plainText(`${profile.name} is a production profile. ${action}?`),
    { modal: true, detail: plainText(`This changes ${profile.serverUrl} for real. (The profile's "confirmActions" setting turns this question off.)`) },
    go,
  );
  return answer === go;
}
