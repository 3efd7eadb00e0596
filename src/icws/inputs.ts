// Checks of what a person types (server URL, user ID, transfer target, queue name). Each returns
// a plain-words message, or undefined when the input is fine, so an input box can show it as the
// user types and nothing is sent until it is right.

const PHONE_NUMBER = /^[+*#]?[0-9*#][0-9 ()*#.-]*$/;
const USER_OR_EXTENSION = /^[\p{L}\p{N}_][\p{L}\p{N}_.@-]*$/u;

export function checkServerUrl(value: string): string | undefined {
  const text = value.trim();
  if (!text) return 'Enter the server address, e.g. https://cic01.example.local:8019';
  if (!/^https?:\/\//i.test(text)) return 'Start with http:// or https:// (ICWS uses port 8018 for HTTP and 8019 for HTTPS)';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'This is not a valid URL';
  }
  if (!url.hostname) return 'The URL needs a host name';
  if (url.search || url.hash) return 'Leave out the ?query and #fragment';
  if (url.username || url.password) return 'Leave the user name and password out of the URL; you will be asked for them';
  const path = url.pathname.replace(/\/+$/, '');
  if (path && !/\/icws$/i.test(path) && !/^\/api\/[^/]+$/i.test(path)) {
    return 'Give only the server address (no path), or a reverse-proxy prefix such as /api/cic01';
  }
  return undefined;
}

/** The server URL as the client wants it: no trailing slash, no /icws suffix. */
export function normalizeServerUrl(value: string): string {
  return value.trim().replace(/\/+$/, '').replace(/\/icws$/i, '');
}

/**
 * Whether logging in to `server` would send the password unencrypted across a network: plain
 * HTTP to a host that is not this machine (loopback names and addresses stay on the machine).
 */
export function sendsPasswordInTheClear(server: string): boolean {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return false; // not a URL: refused elsewhere, with its own message
  }
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || /^::ffff:127(\.\d{1,3}){3}$/.test(host) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
  return !loopback;
}

export function checkUserId(value: string): string | undefined {
  if (!value.trim()) return 'Enter your CIC user ID';
  if (/\s/.test(value.trim())) return 'A CIC user ID has no spaces';
  return undefined;
}

/** A transfer or consult target: a phone number, an extension, or a user ID. */
export function checkTarget(value: string): string | undefined {
  const text = value.trim();
  if (!text) return 'Enter a number, an extension or a user ID';
  if (/^[+0-9*#]/.test(text)) {
    if (!PHONE_NUMBER.test(text)) return 'A number may contain only digits, spaces, and + ( ) - . * #';
    if (text.replace(/[^0-9]/g, '').length < 2) return 'This number is too short';
    return undefined;
  }
  if (!USER_OR_EXTENSION.test(text)) return 'A user ID has letters, digits, and . _ - @ only (no spaces)';
  return undefined;
}

export function checkQueueName(value: string): string | undefined {
  if (!value.trim()) return 'Enter the queue name';
  if (value.trim().length > 256) return 'This name is too long for a queue';
  return undefined;
}

/** `A=1; B=two` as attributes, or what is wrong with it. A value may contain "="; names may not be empty. */
export function parseAttributes(text: string): { attributes?: Record<string, string>; problem?: string } {
  const attributes: Record<string, string> = {};
  const pairs = text.split(';').map((pair) => pair.trim()).filter(Boolean);
  if (pairs.length === 0) return { problem: 'Enter at least one Name=value pair' };
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) return { problem: `"${pair}" is not Name=value` };
    const name = pair.slice(0, equals).trim();
    if (!/^[\w.-]+$/.test(name)) return { problem: `"${name}" is not an attribute name (letters, digits, _ . -)` };
    // As a key of the object sent, it would set the object's prototype instead and vanish.
    if (name === '__proto__') return { problem: 'an attribute cannot be named __proto__' };
    attributes[name] = pair.slice(equals + 1).trim();
  }
  return { attributes };
}
