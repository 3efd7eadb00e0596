import * as vscode from 'vscode';
import type { HttpExchange, IcwsLog } from '../../icws';

/**
 * The one "ICWS" log: a line per request at Info (`POST /icws/{sessionId}/… -> 201 (84 ms)`),
 * headers at Debug, bodies at Trace; each message by its short type and subscription id.
 * Everything arriving here is already redacted by the client.
 */
export class IcwsLogChannel implements IcwsLog, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(channel?: vscode.LogOutputChannel) {
    this.channel = channel ?? vscode.window.createOutputChannel('ICWS', { log: true });
  }

  trace(message: string): void {
    this.channel.trace(message);
  }
  debug(message: string): void {
    this.channel.debug(message);
  }
  info(message: string): void {
    this.channel.info(message);
  }
  warn(message: string): void {
    this.channel.warn(message);
  }
  error(message: string): void {
    this.channel.error(message);
  }

  logExchange(exchange: HttpExchange): void {
    const path = pathOf(exchange.url);
    const outcome = exchange.status !== undefined ? String(exchange.status) : `failed: ${exchange.error ?? 'no answer'}`;
    const line = `${exchange.method} ${path} -> ${outcome} (${Math.round(exchange.durationMs)} ms)`;
    if (exchange.status === undefined || exchange.status >= 400) this.channel.warn(line);
    else this.channel.info(line);
    if (this.channel.logLevel <= vscode.LogLevel.Debug) {
      this.channel.debug(`  request headers ${JSON.stringify(exchange.requestHeaders)}`);
      if (exchange.responseHeaders) this.channel.debug(`  response headers ${JSON.stringify(exchange.responseHeaders)}`);
    }
    if (this.channel.logLevel <= vscode.LogLevel.Trace) {
      if (exchange.requestBody !== undefined) this.channel.trace(`  request body ${JSON.stringify(exchange.requestBody)}`);
      if (exchange.responseBody !== undefined) this.channel.trace(`  response body ${JSON.stringify(exchange.responseBody)}`);
    }
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url.replace('{sessionId}', 'SESSION_ID'));
    return (parsed.pathname + parsed.search).replace('SESSION_ID', '{sessionId}');
  } catch {
    return url;
  }
}
