import * as vscode from 'vscode';
import type { LoginAttempt } from '../../../icws';
import { connectPrompts } from '../../session/connectPrompts';
import { findProfile } from '../../session/profiles/profileRecords';
import type { ConnectPrompts, ConnectRequest } from '../../session/SessionService';
import { defineCommand } from '../CommandContext';
import { showLoginFailure } from './loginFailure';

export const connect = defineCommand('icws.connect', (context) => async (request?: ConnectRequest) => {
  const named = request?.profile ? findProfile(context.sessions.knownProfiles(), request.profile) : undefined;
  const attempt: LoginAttempt = { server: request?.server?.trim() ?? named?.serverUrl ?? '', userId: request?.userId?.trim() ?? named?.userId ?? '' };
  try {
    const session = await context.sessions.connect(request ?? {}, noting(attempt, connectPrompts));
    if (session) void vscode.window.setStatusBarMessage(`ICWS: connected to ${session.server} as ${session.identity.userId}`, 5_000);
    return session !== undefined;
  } catch (error) {
    showLoginFailure(error, attempt, context.log);
    return false;
  }
});

/** The prompts, noting the server and user typed: a failure names them and "Try Again" reuses them. */
function noting(attempt: LoginAttempt, prompts: ConnectPrompts): ConnectPrompts {
  return {
    ...prompts,
    profile: async (profiles, statusOf) => {
      const picked = await prompts.profile(profiles, statusOf);
      if (picked && picked !== 'new') Object.assign(attempt, { server: picked.serverUrl, userId: picked.userId });
      return picked;
    },
    server: async (current) => {
      const server = await prompts.server(current);
      if (server) attempt.server = server.trim();
      return server;
    },
    userId: async (current) => {
      const userId = await prompts.userId(current);
      if (userId) attempt.userId = userId.trim();
      return userId;
    },
  };
}
