import * as vscode from 'vscode';
import { type LoginAttempt, type LoginProblem, loginProblem } from '../../../icws';
import { plainText } from '../../display/untrustedText';
import type { IcwsLogChannel } from '../../log/IcwsLogChannel';

/**
 * A failed Connect, leading with what to do ("Wrong user ID or password for agent1 on cic-dev. Check
 * …"); the server's error id and text go to the log. "Try Again" runs Connect for the same server
 * and user (asking for the password again unless it is remembered).
 */
export function showLoginFailure(error: unknown, attempt: LoginAttempt, log: IcwsLogChannel): LoginProblem {
  const problem = inThisEditor(loginProblem(error, attempt));
  log.error(`${problem.headline}: ${error instanceof Error ? error.message : String(error)}`);
  const actions = attempt.server && attempt.userId ? ['Try Again', 'Open Log'] : ['Open Log'];
  // The user ID and server are as typed; the advice may carry the server's own text.
  void vscode.window.showErrorMessage(plainText(`${problem.headline}. ${problem.advice}`, 1_000), ...actions).then((choice) => {
    if (choice === 'Try Again') void vscode.commands.executeCommand('icws.connect', { server: attempt.server, userId: attempt.userId });
    else if (choice === 'Open Log') log.show();
  });
  return problem;
}

/** The client names no settings; here the certificate advice can name the one that mends it. */
function inThisEditor(problem: LoginProblem): LoginProblem {
  if (problem.kind !== 'certificate') return problem;
  return { ...problem, advice: 'If the server uses an internal certificate authority, set "icws.certificateAuthorityFile" to its certificate (a PEM file); certificate checks stay on.' };
}
