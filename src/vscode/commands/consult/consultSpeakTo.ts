import * as vscode from 'vscode';
import type { ConsultAudience } from '../../../icws';
import { consultCommand } from './consultCommand';

const AUDIENCES: { label: string; description: string; audience: ConsultAudience }[] = [
  { label: '$(person) The caller', description: 'the consulted party waits on hold', audience: 'caller' },
  { label: '$(call-outgoing) The consulted party', description: 'the caller waits on hold', audience: 'consulted' },
  { label: '$(organization) Both', description: 'a three-way conversation', audience: 'both' },
];

/** `icws.consultSpeakTo(consult, "caller" | "consulted" | "both")`. */
export const consultSpeakTo = consultCommand({
  id: 'icws.consultSpeakTo',
  run: async ({ session, consult, send }, audienceArgument?: ConsultAudience) => {
    const audience = audienceArgument ?? (await vscode.window.showQuickPick(AUDIENCES, { title: 'Consult', placeHolder: 'Speak to…' }))?.audience;
    if (!audience) return false;
    return send('switching', () => session.interactions.changeConsultAudience(consult, audience));
  },
});
