import { IcwsError, isCertificateRefusal } from '../../icws';

/**
 * A refused server certificate, in words that say where this extension takes the CA certificate
 * the client asks for: the client knows no settings, so it asks neutrally and the setting is named
 * here, where the CA file is read (SessionService.sessionOptions).
 */
export function withCertificateSetting(error: unknown): unknown {
  if (!isCertificateRefusal(error)) return error;
  const refused = error as IcwsError;
  const prefix = `${refused.operation} failed: `;
  const reason = refused.message.startsWith(prefix) ? refused.message.slice(prefix.length) : refused.message;
  return new IcwsError({ kind: refused.kind, operation: refused.operation, cause: refused.cause, reason: `${reason}. In VS Code, set "icws.certificateAuthorityFile" to that PEM file` });
}
