/** Where the client writes what it does. Shaped like vscode.LogOutputChannel's methods. */
export interface IcwsLog {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Whether trace lines are read at all; when false, callers skip building them (hot paths). */
  isTraceEnabled?(): boolean;
}

export const silentLog: IcwsLog = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  isTraceEnabled: () => false,
};
