import { showSessionActions } from '../../status/SessionStatusBar';
import { defineCommand } from '../CommandContext';

/** A status item's menu: what can be done with its session now (`{ session: '<profile id>' }`). */
export const sessionActions = defineCommand('icws.sessionActions', (context) => (argument?: unknown) => showSessionActions(context.sessions, context.simulator, argument));
