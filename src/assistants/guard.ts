// Whether an acting tool may run, asks first, or is refused: a production profile refuses unless
// it allows assistants; the simulator may run without asking when the user said so; everything
// else asks, naming the session, its server and the action.
import type { PlannedAction } from './actions';

export interface ActingOptions {
  /** Ask before acting on the simulator too (VS Code setting `icws.assistants.confirmOnSimulator`). */
  confirmOnSimulator: boolean;
}

export type ActingDecision =
  | { kind: 'refuse'; reason: string }
  | { kind: 'ask'; title: string; message: string }
  | { kind: 'run'; message: string };

/** The refusal, if the target's profile refuses assistants. */
export function refusalOf(plan: PlannedAction): string | undefined {
  const profile = plan.target?.profile;
  if (profile?.production && !profile.allowAssistants) {
    return `"${profile.name}" is a production profile and does not allow assistants to act on it (turn on its "allowAssistants" to allow it); ${plan.action} was not sent`;
  }
  return undefined;
}

export function decide(plan: PlannedAction, title: string, options: ActingOptions): ActingDecision {
  const refusal = refusalOf(plan);
  if (refusal) return { kind: 'refuse', reason: refusal };
  const where = plan.target ? `session "${plan.target.profile.name}" on ${plan.server}` : `the ICWS simulator at ${plan.server}`;
  const action = clipped(plan.action);
  const message = `${action[0]!.toUpperCase()}${action.slice(1)} on ${where}.`;
  const onSimulator = plan.target ? plan.target.profile.simulator : true;
  // A production profile always asks, even on a server taken for the simulator.
  if (onSimulator && !plan.target?.profile.production && !options.confirmOnSimulator) return { kind: 'run', message };
  const production = plan.target?.profile.production ? ' This is a production server: it changes things for real.' : '';
  return { kind: 'ask', title, message: `${message}${production}` };
}

/**
 * The action's words come from the assistant's input (a transfer target, a status id): cut short,
 * so a long one cannot push the session, server and production warning past where a confirmation
 * is cut (src/vscode/display/untrustedText.ts cuts at 500 characters).
 */
const ACTION_WORDS = 160;
function clipped(action: string): string {
  const points = Array.from(action);
  return points.length <= ACTION_WORDS ? action : `${points.slice(0, ACTION_WORDS - 1).join('')}…`;
}
