import { showSessionActions } from '../../status/SessionStatusBar';
import { defineCommand } from '../CommandContext';

/** The status bar item's menu: what can be done with the session now. */
export const sessionActions = defineCommand('icws.sessionActions', (context) => () => showSessionActions(context.sessions, context.simulator.isRunning));
