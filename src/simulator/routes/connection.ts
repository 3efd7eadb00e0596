// Connection resources: log in (POST /icws/connection), session state, log out, version and
// feature discovery.
import { randomInt } from 'node:crypto';
import { ConnectionState, HEADER, URN } from '../../icws/wire';
import { asObject, stringProperty } from '../http/bodies';
import { type Reply, type RequestContext, type Route, route, SESSION_PATH } from '../http/routing';
import { SimError, simErrors } from '../SimError';
import { SimSession } from '../SimSession';
import type { SimulatorContext } from '../SimulatorContext';

export function connectionRoutes(sim: SimulatorContext): Route[] {
  return [
    route('POST', '/icws/connection', 'none', (c) => login(sim, c)),
    route('GET', '/icws/connection/version', 'none', () => ({ status: 200, body: versionInfo() })),
    route('GET', '/icws/connection/features', 'none', () => ({ status: 200, body: { featureInfoList: sim.featureList() } })),
    route('GET', '/icws/connection/features/(?<featureId>[^/]+)', 'none', (c) => feature(sim, c.params.featureId!)),
    route('GET', '/icws/connection/server-time', 'none', () => ({ status: 200, body: { serverUtcTime: new Date().toISOString() } })),
    route('GET', `${SESSION_PATH}/connection`, 'session', (c) => connectionState(c.session!), { live: false }),
    route('DELETE', `${SESSION_PATH}/connection`, 'session', (c) => logout(sim, c.session!), { live: false }),
  ];
}

function login(sim: SimulatorContext, context: RequestContext): Reply {
  const language = context.request.headers['accept-language'];
  if (!language) throw new SimError(400, 'error.request.invalidRepresentation.missingRequiredParameter', 'The Accept-Language header is required.');
  if (!sim.config.acceptSessions) {
    return { status: 503, body: { errorId: 'error.server.notAcceptingConnections', message: 'This session manager is not accepting connections.', alternateHostList: sim.config.alternateHosts } };
  }
  const body = asObject(context.body);
  const type = stringProperty(body, '__type');
  if (!type) throw simErrors.missingProperty('__type');
  if (!stringProperty(body, 'applicationName')) throw simErrors.missingProperty('applicationName');
  if (type !== URN.icAuthConnectionRequest) {
    if (type.startsWith('urn:inin.com:connection:')) throw authenticationFailure();
    throw simErrors.invalidProperty('__type', `unknown type ${type}`);
  }
  const userId = stringProperty(body, 'userID');
  if (userId === undefined) throw simErrors.missingProperty('userID');
  if (typeof body.password !== 'string') throw simErrors.missingProperty('password');
  const user = sim.directory.user(userId);
  if (!user || user.password !== body.password) throw authenticationFailure();

  const session = new SimSession(newSessionId(sim), user, String(language).split(',')[0]!.trim());
  sim.openSession(session);
  sim.log(`session {sessionId} started for ${user.userId}`);
  const include = new Set((context.url.searchParams.get('include') ?? '').split(',').map((part) => part.trim()));
  const response: Record<string, unknown> = {
    sessionId: session.id,
    csrfToken: session.csrfToken,
    alternateHostList: sim.config.alternateHosts,
    userID: user.userId,
    userDisplayName: user.displayName,
    icServer: 'cic-simulator',
  };
  if (include.has('version')) response.version = versionInfo();
  if (include.has('features')) response.features = sim.featureList();
  if (include.has('server-time')) response.serverTimeInfo = { serverUtcTime: new Date().toISOString() };
  if (include.has('default-workstation')) response.defaultWorkstationId = user.extension;
  return {
    status: 201,
    body: response,
    headers: {
      [HEADER.sessionId]: session.id,
      [HEADER.csrfToken]: session.csrfToken,
      'set-cookie': session.setCookieHeader,
      location: `/icws/${session.id}/connection`,
      'cache-control': 'no-cache, no-store, must-revalidate',
    },
  };
}

function authenticationFailure(): SimError {
  return new SimError(400, 'error.request.connection.authenticationFailure', 'The authentication process failed.', { errorCode: -2147221503 });
}

function newSessionId(sim: SimulatorContext): string {
  let id: string;
  do id = String(randomInt(10_000_000, 99_999_999));
  while (sim.sessions.has(id));
  return id;
}

function connectionState(session: SimSession): Reply {
  if (session.up) return { status: 200, body: { connectionState: ConnectionState.Up } };
  return { status: 200, body: { connectionState: ConnectionState.Down, reason: session.endReason?.reason, shouldReconnect: session.endReason?.shouldReconnect ?? false } };
}

function logout(sim: SimulatorContext, session: SimSession): Reply {
  sim.closeSession(session, 'The session was logged out.', false);
  sim.callCenter.routeWaiting();
  return { status: 200 };
}

export function versionInfo() {
  return {
    majorVersion: '25',
    minorVersion: '1',
    su: '0',
    build: 'SIMULATOR',
    productId: 'ICWS Simulator',
    codebaseId: 'simulator',
    productReleaseDisplayString: 'Simulator',
    productPatchDisplayString: '',
  };
}

function feature(sim: SimulatorContext, featureId: string): Reply {
  const version = sim.featureList().find((f) => f.featureId === featureId)?.version;
  if (!version) throw new SimError(400, 'error.request.connection.unknownFeature', `The feature "${featureId}" is not known.`);
  return { status: 200, body: { featureId, version } };
}
