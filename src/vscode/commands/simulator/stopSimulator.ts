import { defineCommand } from '../CommandContext';

export const stopSimulator = defineCommand('icws.stopSimulator', (context) => async () => {
  const url = context.simulator.url;
  // Every session on it (agent1, agent2, the supervisor) ends with it.
  for (const session of context.sessions.sessions.filter((s) => s.server === url)) await context.sessions.disconnect({ forgetPassword: false, session });
  await context.simulator.stop();
  return true;
});
