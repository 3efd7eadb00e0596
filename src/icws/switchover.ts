// The alternate hosts a 503 login answer names (a switchover partner). They come from the server's
// answer, so an entry may only name another host: the scheme, credentials and path stay the ones
// the user gave, and anything that is not plainly a host (and port) is refused.
import { isIPv6 } from 'node:net';
import { normalizeBaseUrl } from './urls';
import type { AlternateHosts } from './wire';

/** A DNS name or IPv4 address (letters, digits, `-`, `_`, dots), or a bracketed IPv6 address; then an optional port. */
const HOST_ENTRY = /^(?:(?<name>[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*)|\[(?<ipv6>[0-9a-f:.]+)\])(?::(?<port>\d{1,5}))?$/i;

/** The entries of a 503 login answer's `alternateHostList`, as given (strings only). */
export function alternateHosts(body: unknown): string[] {
  const list = (body as Partial<AlternateHosts> | undefined)?.alternateHostList;
  return Array.isArray(list) ? list.filter((host): host is string => typeof host === 'string' && host.trim() !== '') : [];
}

/**
 * `server` with its host (and port, when the entry has one) replaced by `entry`: same scheme, path
 * prefix and no credentials. Undefined when `entry` is not a host name or address with an optional port.
 */
export function alternateServer(server: string, entry: string): string | undefined {
  const match = HOST_ENTRY.exec(entry.trim());
  if (!match?.groups) return undefined;
  const { name, ipv6, port } = match.groups;
  if (name !== undefined && name.length > 253) return undefined;
  if (ipv6 !== undefined && !isIPv6(ipv6)) return undefined;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return undefined;
  const base = new URL(server);
  const url = new URL(server);
  url.hostname = name ?? `[${ipv6}]`;
  if (port !== undefined) url.port = port;
  // The URL parser rewrites some names (numeric IPv4 forms): only a name taken as given is a host.
  if (name !== undefined && url.hostname !== name.toLowerCase()) return undefined;
  if (url.protocol !== base.protocol || url.pathname !== base.pathname || url.username || url.password || url.search || url.hash) return undefined;
  return normalizeBaseUrl(url.toString());
}
