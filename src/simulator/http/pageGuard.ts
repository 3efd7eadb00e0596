// What the simulator takes from web pages. Any page the developer opens can send requests to
// 127.0.0.1: "simple" ones (a text/plain POST) without asking, and, through DNS rebinding, under
// its own name with its answers readable. So every request must name the simulator in `Host`, and
// the control API (not ICWS) takes only JSON said so in Content-Type, which a page cannot send
// cross-origin without a preflight, and the control API answers no preflight.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces, hostname } from 'node:os';
import { MEDIA_TYPE, type Reply } from './routing';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CONTROL_MEDIA_TYPE = 'application/json';

/**
 * The control API: `/simulator/...`, except the status icons, which ICWS answers point apps to
 * (`iconUri`) and which keep the ICWS routes' CORS.
 */
export function isControlPath(path: string): boolean {
  return path.startsWith('/simulator/') && !path.startsWith('/simulator/status-icons/');
}

/** Loopback names: `localhost` and its subdomains (browsers resolve them to loopback themselves), 127.x.x.x, [::1]. */
function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name) || name === '[::1]';
}

export class PageGuard {
  private readonly names: ReadonlySet<string>;

  /**
   * `address` and `port`: where the server listens. A wildcard address (0.0.0.0, ::) adds this
   * machine's interface addresses and host name; `extraNames` adds names the user allowed.
   */
  constructor(address: string, private readonly port: number, private readonly tls: boolean, extraNames: readonly string[] = []) {
    const names = new Set(extraNames.map((name) => name.toLowerCase()));
    if (address === '0.0.0.0' || address === '::') {
      for (const entries of Object.values(networkInterfaces())) for (const entry of entries ?? []) names.add(bracketed(entry.address.toLowerCase()));
      names.add(hostname().toLowerCase());
    } else {
      names.add(bracketed(address.toLowerCase()));
    }
    this.names = names;
  }

  /** Answers `request` with its refusal when it has one (true then). */
  refused(request: IncomingMessage, response: ServerResponse, path: string): boolean {
    const refusal = this.refusal(request, path);
    if (!refusal) return false;
    // Without CORS headers: a page refused may not read why.
    response.writeHead(refusal.status, { 'content-type': MEDIA_TYPE }).end(JSON.stringify(refusal.body));
    return true;
  }

  /** The refusal for `request`, or undefined when it may go on. */
  private refusal(request: IncomingMessage, path: string): Reply | undefined {
    const host = request.headers.host;
    if (!this.isOwnHost(host)) {
      return refuse(421, 'error.request.hostNotAllowed', `The simulator answers only to its own address (${this.examples()}), not to Host "${host ?? ''}": a web page under another name may be reaching it through DNS rebinding. Use its address, or start it with --allowed-host for another name.`);
    }
    if (!isControlPath(path)) return undefined;
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS') {
      return refuse(403, 'error.request.cors.controlApi', 'The simulator control API (/simulator/) answers no cross-origin requests from web pages; call it from a script or a tool.');
    }
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (STATE_CHANGING.has(method) && mediaType !== CONTROL_MEDIA_TYPE) {
      return refuse(415, 'error.request.unsupportedMediaType', `A ${method} to the simulator control API needs Content-Type: ${CONTROL_MEDIA_TYPE} (this one had ${mediaType ? `"${mediaType}"` : 'none'}), so that a web page cannot send it without asking.`);
    }
    return undefined;
  }

  private isOwnHost(host: string | undefined): boolean {
    const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host ?? '');
    if (!match) return false;
    const name = match[1]!.toLowerCase();
    const port = match[2] === undefined ? (this.tls ? 443 : 80) : Number(match[2]);
    return port === this.port && (isLoopbackName(name) || this.names.has(name));
  }

  private examples(): string {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`, `[::1]:${this.port}`, ...[...this.names].filter((name) => !isLoopbackName(name)).slice(0, 3).map((name) => `${name}:${this.port}`)].join(', ');
  }
}

function bracketed(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

function refuse(status: number, errorId: string, message: string): Reply {
  return { status, body: { errorId, message } };
}
