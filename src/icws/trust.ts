// Which certificates a session trusts: what is trusted already, plus an internal CA when given.
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';

/**
 * What is trusted already, plus an internal CA: Node's roots and NODE_EXTRA_CA_CERTS, and inside
 * VS Code the operating system's certificates, which VS Code adds to any TLS context when the
 * request names no `ca` list of its own (one would replace them). Certificate checks stay on.
 */
export function trustAlso(pem: string): tls.SecureContext {
  return tls.createSecureContext({ ca: [...defaultCertificates(), pem] });
}

/** Node's default trust list (bundled roots and NODE_EXTRA_CA_CERTS); Node 22 says it directly. */
function defaultCertificates(): string[] {
  const fromNode = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates?.('default');
  if (fromNode) return fromNode;
  const extraFile = process.env.NODE_EXTRA_CA_CERTS;
  let extra: string[] = [];
  try {
    extra = extraFile ? (readFileSync(extraFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) : [];
  } catch {
    // Node itself warns at start-up about an unreadable NODE_EXTRA_CA_CERTS file.
  }
  return [...tls.rootCertificates, ...extra];
}
