import * as vscode from 'vscode';
import { describePhases, type HttpExchange, type IcwsLog } from '../../icws';

/**
 * The one "ICWS" log: a line per request at Info (`POST /icws/{sessionId}/… -> 201 (84 ms)`),
 * headers at Debug, bodies at Trace; each message by its short type and subscription id.
 * Everything arriving here is already redacted by the client.
 */
export class IcwsLogChannel implements IcwsLog, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly lineEmitter = new vscode.EventEmitter<{ level: vscode.LogLevel; line: string }>();
  /** Every line at every level, whatever the channel shows (for the secrets test and tools). */
  readonly onDidLog = this.lineEmitter.event;
  private teeActive = false;

  constructor(channel?: vscode.LogOutputChannel) {
    this.channel = channel ?? vscode.window.createOutputChannel('ICWS', { log: true });
  }

  /** Starts delivering every line to `onDidLog` listeners, Trace included. */
  tee(listener: (entry: { level: vscode.LogLevel; line: string }) => void): vscode.Disposable {
    this.teeActive = true;
    return this.lineEmitter.event(listener);
  }

  isTraceEnabled(): boolean {
    return this.wants(vscode.LogLevel.Trace);
  }

  private wants(level: vscode.LogLevel): boolean {
    return this.teeActive || this.channel.logLevel <= level;
  }

  trace(message: string): void {
    this.write(vscode.LogLevel.Trace, message);
  }
  debug(message: string): void {
    this.write(vscode.LogLevel.Debug, message);
  }
  info(message: string): void {
    this.write(vscode.LogLevel.Info, message);
  }
  warn(message: string): void {
    this.write(vscode.LogLevel.Warning, message);
  }
  error(message: string): void {
    this.write(vscode.LogLevel.Error, message);
  }

  private write(level: vscode.LogLevel, line: string): void {
    switch (level) {
      case vscode.LogLevel.Trace:
        this.channel.trace(line);
        break;
      case vscode.LogLevel.Debug:
        this.channel.debug(line);
        break;
      case vscode.LogLevel.Info:
        this.channel.info(line);
        break;
      case vscode.LogLevel.Warning:
        this.channel.warn(line);
        break;
      default:
        this.channel.error(line);
    }
    if (this.teeActive) this.lineEmitter.fire({ level, line });
  }

  logExchange(exchange: HttpExchange): void {
    const path = pathOf(exchange.url);
    const outcome = exchange.status !== undefined ? String(exchange.status) : `failed: ${exchange.error ?? 'no answer'}`;
    const line = `${exchange.method} ${path} -> ${outcome} (${Math.round(exchange.durationMs)} ms)`;
    if (exchange.status === undefined || exchange.status >= 400) this.warn(line);
    else this.info(line);
    // Headers and bodies are serialized only when someone will read them.
    if (this.wants(vscode.LogLevel.Debug)) {
      this.debug(`  request headers ${JSON.stringify(exchange.requestHeaders)}`);
      if (exchange.responseHeaders) this.debug(`  response headers ${JSON.stringify(exchange.responseHeaders)}`);
      if (exchange.phases) this.debug(`  timing ${describePhases(exchange.phases)}`);
    }
    if (this.wants(vscode.LogLevel.Trace)) {
      if (exchange.requestBody !== undefined) this.trace(`  request body ${JSON.stringify(exchange.requestBody)}`);
      if (exchange.responseBody !== undefined) this.trace(`  response body ${JSON.stringify(exchange.responseBody)}`);
    }
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.lineEmitter.dispose();
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
