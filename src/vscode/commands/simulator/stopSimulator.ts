import { defineCommand } from '../CommandContext';

export const stopSimulator = defineCommand('icws.stopSimulator', (context) => async () => {
  const url = context.simulator.url;
  if (context.sessions.session?.server === url) await context.sessions.disconnect({ forgetPassword: false });
  await context.simulator.stop();
  return true;
});
