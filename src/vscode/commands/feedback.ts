import * as vscode from 'vscode';
import { type IcwsSession, nameOfInteraction } from '../../icws';
import { plainText } from '../display/untrustedText';

/** Longest caller name a message shows (the tree's tooltip has it whole). */
const NAME_LENGTH = 80;

/** An interaction as a message names it: the caller and number (plain text: they are the caller's), else its id or `unnamed`. */
export function interactionText(session: IcwsSession, interactionId: string, unnamed?: string): string {
  return plainText(nameOfInteraction(session.queues.cache.find(interactionId), interactionId, unnamed), NAME_LENGTH);
}

/** Feedback on something done: a status bar message, not a pop-up. `text` is already plain. */
export function reportDone(text: string): void {
  void vscode.window.setStatusBarMessage(`ICWS: ${text}`, 5_000);
}
