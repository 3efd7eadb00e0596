import type { CommandContext } from '../CommandContext';

/** Logs in to the embedded simulator as agent1, asking nothing. */
export function connectToSimulator(context: CommandContext, url: string) {
  // The user's own server and user ID stay in settings: the simulator's port changes every time.
  return context.sessions.connect({ server: url, userId: 'agent1', password: '1234', rememberPassword: false, simulator: true }, {
    profile: async () => 'new',
    alreadyConnected: async () => 'keep',
    server: async () => url,
    userId: async () => 'agent1',
    password: async () => '1234',
    rememberPassword: async () => false,
    confirmPlainHttp: async () => false,
  });
}
