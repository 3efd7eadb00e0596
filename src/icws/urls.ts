// URLs: a server's base URL, the operations' path templates (`{name}` filled URL-encoded, and the
// inverse), and a request's path as a person reads it (in the log, a notebook cell, the Traffic
// panel); the origin is the server, shown once elsewhere.

/** The URL without its origin (a reverse-proxy prefix stays). */
export function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/i, '') || '/';
}

export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/icws$/i, '');
}

/**
 * The inverse of fillTemplate: a function giving the `{name}` values (URL-decoded) of a path that
 * fits `template`, or undefined when it does not.
 */
export function templateMatcher(template: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const pattern = new RegExp(`^${source}$`);
  return (path) => {
    const found = pattern.exec(path);
    if (!found) return undefined;
    const params: Record<string, string> = {};
    names.forEach((name, index) => (params[name] = safeDecode(found[index + 1]!)));
    return params;
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function fillTemplate(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}
