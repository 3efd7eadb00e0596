import * as vscode from 'vscode';
import type { SecurePause } from '../../../icws';
import { interactionCommand } from '../interactionCommand';

const SECURE_PAUSES: (vscode.QuickPickItem & { pause: SecurePause['type'] })[] = [
  { label: '$(shield) Pause for the default time', description: "the server's secure pause timeout", pause: 'default' },
  { label: '$(watch) Pause for…', description: 'a number of seconds, with a countdown on the row', pause: 'duration' },
  { label: '$(debug-pause) Pause until resumed', description: 'no timeout', pause: 'indefinite' },
  { label: '$(debug-start) Resume recording', pause: 'resume' },
];

/** `icws.securePause(interaction, { type: "default" | "indefinite" | "resume" } | { type: "duration", seconds })`. */
export const securePause = interactionCommand({
  id: 'icws.securePause',
  placeHolder: 'Securely pause the recording of which interaction?',
  run: async ({ session, id, send }, pauseArgument?: SecurePause) => {
    const pause = pauseArgument ?? (await askSecurePause());
    if (!pause) return false;
    return send(pause.type === 'resume' ? 'resuming recording' : 'pausing securely', () => session.interactions.securePause(id, pause));
  },
});

async function askSecurePause(): Promise<SecurePause | undefined> {
  const picked = await vscode.window.showQuickPick(SECURE_PAUSES, { title: 'ICWS: Secure Pause', placeHolder: 'While card numbers or other secrets are spoken' });
  if (!picked) return undefined;
  if (picked.pause !== 'duration') return { type: picked.pause };
  const text = await vscode.window.showInputBox({
    title: 'ICWS: Secure Pause',
    prompt: 'Seconds to pause the recording',
    value: '60',
    validateInput: (value) => (/^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 86_400 ? undefined : 'A whole number of seconds from 1 to 86400'),
  });
  return text === undefined ? undefined : { type: 'duration', seconds: Number(text.trim()) };
}
