// A failed exchange in words: which phase timed out, whether a certificate was refused, and
// whether a state-changing request may have landed ("outcome unknown": never sent again).
import { RequestError, TimeoutError } from 'got';
import type { RequestSpec } from './httpTypes';
import { IcwsError } from './IcwsError';

/** Errors that mean the request never left this machine, so even a POST is known not to have landed. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL', 'ERR_INVALID_PROTOCOL']);
/** Timeouts in these phases fire before a byte of the request is written. */
const NOT_SENT_PHASES = new Set(['lookup', 'connect', 'secureConnect']);

/** got names the phase a timeout hit; say it in words. */
function describeTimeout(error: TimeoutError): string {
  const phase: Record<string, string> = {
    lookup: 'looking up the server name',
    connect: 'connecting',
    secureConnect: 'the TLS handshake',
    send: 'sending the request',
    response: 'the response headers',
    request: 'the whole answer',
  };
  return `no progress within ${error.message.match(/(\d+)ms/)?.[1] ?? '?'} ms while waiting for ${phase[error.event] ?? error.event}`;
}

function isCertificateCode(code: string | undefined): code is string {
  return code !== undefined && code !== 'ERR_TLS_CERT_ALTNAME_INVALID' && /CERT|SELF_SIGNED|VERIFY|SIGNATURE|ISSUER/.test(code);
}

/** Whether the server's certificate was refused in a way a CA certificate given to the client (`certificateAuthority`) can mend. */
export function isCertificateRefusal(error: unknown): boolean {
  return error instanceof IcwsError && isCertificateCode((error.cause as NodeJS.ErrnoException | undefined)?.code);
}

export function transportError(spec: RequestSpec, error: unknown): IcwsError {
  if (error instanceof IcwsError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new IcwsError({ kind: 'network', operation: spec.operation, cause: error, reason: `the server's certificate was issued for another host name (${code}); connect with the name the certificate was issued for` });
  }
  if (isCertificateCode(code)) {
    return new IcwsError({
      kind: 'network',
      operation: spec.operation,
      cause: error,
      // The caller knows how its user gives a CA certificate (see isCertificateRefusal).
      reason: `the server's TLS certificate was refused (${code}). If the server uses an internal CA, give that CA's certificate (a PEM file) to trust it as well; certificate checks stay on`,
    });
  }
  const timeout = error instanceof TimeoutError ? error : undefined;
  const notSent = (code !== undefined && NOT_SENT_CODES.has(code)) || (timeout !== undefined && NOT_SENT_PHASES.has(timeout.event));
  const safeToAssumeNotSent = spec.method === 'GET' || notSent;
  const reason = timeout ? describeTimeout(timeout) : undefined;
  const cause = error instanceof RequestError && error.cause instanceof Error ? error.cause : error;
  return new IcwsError({ kind: safeToAssumeNotSent ? 'network' : 'outcome-unknown', operation: spec.operation, cause, ...(reason ? { reason } : {}) });
}
