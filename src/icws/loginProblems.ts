// A failed login in words that lead with what to do ("Wrong user ID or password for agent1 on
// cic-dev") rather than the server's error id. The server's own id and text stay in the error (and
// in the log); this only chooses the headline and the advice. See docs/login-problems.md.
import { IcwsError } from './IcwsError';

export type LoginProblemKind =
  | 'credentials'
  | 'not-accepting'
  | 'unavailable'
  | 'license'
  | 'station'
  | 'certificate'
  | 'host-name'
  | 'unreachable'
  | 'timeout'
  | 'not-icws'
  | 'server-error'
  | 'other';

export interface LoginProblem {
  kind: LoginProblemKind;
  /** What went wrong, for whom and where: the first words the user reads. */
  headline: string;
  /** What to do about it. */
  advice: string;
  /** Whether running Connect again unchanged can help (a busy or restarting server, a timeout). */
  retryable: boolean;
}

/** Who logged in where, as the user named them. */
export interface LoginAttempt {
  userId: string;
  server: string;
}

/** ICWS says "wrong user ID or password" with this errorId, or (old servers, no errorId) this errorCode. */
const AUTHENTICATION_FAILURE = 'error.request.connection.authenticationFailure';
const AUTHENTICATION_FAILURE_CODE = -2147221503;
/** The error id seen when no station is logged in. */
const NO_STATION_CODE = '-2147221496';
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** The problem a login failure is, for `attempt`. Anything not recognised keeps the error's own message. */
export function loginProblem(error: unknown, attempt: LoginAttempt): LoginProblem {
  const who = attempt.userId;
  const where = serverName(attempt.server);
  const problem = (kind: LoginProblemKind, headline: string, advice: string, retryable = false): LoginProblem => ({ kind, headline, advice, retryable });
  if (!(error instanceof IcwsError)) return problem('other', `Could not log in as ${who} on ${where}`, messageOf(error));
  const errorId = error.errorId ?? '';
  const causeCode = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  if (errorId === AUTHENTICATION_FAILURE || (error.status === 400 && error.errorCode === AUTHENTICATION_FAILURE_CODE)) {
    return problem('credentials', `Wrong user ID or password for ${who} on ${where}`, 'Check the user ID and the password (CIC passwords are case-sensitive), then try again.');
  }
  if (/licen[cs]e/i.test(errorId)) {
    return problem('license', `${where} has no ICWS licence free for ${who}`, 'Ask the CIC administrator to assign the user a client access licence, and to check that the server holds the ICWS SDK licence (I3_FEATURE_ICWS_SDK).');
  }
  if (/station/i.test(errorId) || errorId === NO_STATION_CODE) {
    return problem('station', `${where} refused the station for ${who}`, 'Check the station name (a workstation or extension configured on CIC), or connect without a station.');
  }
  if (error.status === 503) {
    if (errorId === 'error.server.notAcceptingConnections') {
      return problem('not-accepting', `${where} is not accepting sessions`, 'It is the inactive server of a switchover pair and named no reachable partner; connect to the active CIC server.', true);
    }
    return problem('unavailable', `${where} is not available for logins now`, 'CIC may be starting, stopping or switching over; try again in a minute.', true);
  }
  if (error.status === 404 || error.status === 405) {
    return problem('not-icws', `${where} does not answer as an ICWS server`, 'Check the server address: ICWS listens at https://<server>:8019 (or http://<server>:8018), without a path.');
  }
  if (error.status !== undefined && error.status >= 500) {
    return problem('server-error', `${where} failed while logging in ${who}`, 'The server reported an internal error; try again, and if it persists, look at the CIC server logs.', true);
  }
  if (causeCode === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return problem('host-name', `${where}'s certificate was issued for another name`, 'Connect with the host name the server certificate was issued for.');
  }
  if (error.kind === 'network' && /certificate/i.test(error.message)) {
    return problem('certificate', `${where}'s certificate is not trusted`, 'If the server uses an internal certificate authority, give this CA certificate (a PEM file) to trust it; certificate checks stay on.');
  }
  if (causeCode === 'ETIMEDOUT' || /no progress within/.test(error.message)) {
    return problem('timeout', `${where} did not answer in time`, 'Check the network (VPN) and that the server is up, then try again.', true);
  }
  if ((error.kind === 'network' || error.kind === 'outcome-unknown') && (causeCode === undefined || UNREACHABLE_CODES.has(causeCode))) {
    return problem('unreachable', `${where} cannot be reached`, 'Check the server address and port (ICWS: 8019 for HTTPS, 8018 for HTTP) and that the network or VPN is up.', true);
  }
  return problem('other', `Could not log in as ${who} on ${where}`, error.serverMessage ?? error.message);
}

/** The host name a person calls the server ("cic-dev"), not the whole URL. */
function serverName(server: string): string {
  try {
    return new URL(server).hostname || server;
  } catch {
    return server;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
