// Raw HTTP, independent of the client under test, for wire-level checks of the simulator.
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('error', reject);
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The ICWS login body (docs/protocol.md). */
export function loginBody(userID = 'agent1', password = '1234'): string {
  return JSON.stringify({ __type: 'urn:inin.com:connection:icAuthConnectionRequestSettings', applicationName: 'wire test', userID, password });
}

/** Logs in over raw HTTP and returns the three session credentials. */
export async function rawLogin(baseUrl: string, userID = 'agent1'): Promise<{ sessionId: string; csrfToken: string; cookie: string; setCookie: string }> {
  const response = await rawRequest(`${baseUrl}/icws/connection`, { method: 'POST', headers: { 'Accept-Language': 'en-us', 'Content-Type': 'application/vnd.inin.icws+JSON; charset=utf-8' }, body: loginBody(userID) });
  if (response.status !== 201) throw new Error(`login answered ${response.status}`);
  const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? [])[0]!;
  return { sessionId: response.json.sessionId, csrfToken: response.json.csrfToken, cookie: setCookie.split(';')[0]!, setCookie };
}
