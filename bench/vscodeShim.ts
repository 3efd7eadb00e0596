// Just enough of the `vscode` module to run `activate` and a command (with the modules they load)
// in plain Node for benchmarks (never for tests: tests run in a real VS Code; the tree is measured
// on its vscode-free model). Everything else is a no-op.
/* eslint-disable @typescript-eslint/no-explicit-any */

export class EventEmitter<T> {
  private listeners: ((event: T) => void)[] = [];
  event = (listener: (event: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(event: T): void {
    for (const listener of this.listeners.slice()) listener(event);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class TreeItem {
  id?: string;
  description?: string;
  iconPath?: unknown;
  tooltip?: unknown;
  contextValue?: string;
  accessibilityInformation?: unknown;
  constructor(
    public label: string,
    public collapsibleState?: TreeItemCollapsibleState,
  ) {}
}

export class ThemeIcon {
  constructor(
    public id: string,
    public color?: unknown,
  ) {}
}

export class ThemeColor {
  constructor(public id: string) {}
}

export class MarkdownString {
  supportThemeIcons = false;
  constructor(public value = '') {}
}

export enum LogLevel {
  Off = 0,
  Trace = 1,
  Debug = 2,
  Info = 3,
  Warning = 4,
  Error = 5,
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum ExtensionMode {
  Production = 1,
  Development = 2,
  Test = 3,
}

export enum ConfigurationTarget {
  Global = 1,
}

export const Uri = { from: (parts: any) => ({ ...parts, toString: () => `${parts.scheme}:${parts.path}` }) };

const disposable = { dispose() {} };
const noop = () => disposable;

/** A namespace whose unlisted functions are no-ops returning a disposable, so a new registration in activate() does not crash the benchmark. */
function lenient<T extends object>(known: T): T {
  return new Proxy(known, { get: (target, name) => (name in target ? (target as Record<string | symbol, unknown>)[name] : noop) });
}

/** Counts what activation touches, for the activation benchmark. */
export const shimCalls: string[] = [];

export const window = lenient({
  createOutputChannel: () => ({ trace() {}, debug() {}, info() {}, warn() {}, error() {}, show() {}, dispose() {}, logLevel: LogLevel.Info }),
  createTreeView: () => ({ dispose() {}, message: undefined, visible: false, onDidChangeVisibility: () => ({ dispose() {} }) }),
  createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {}, text: '', tooltip: '', command: '', name: '', backgroundColor: undefined }),
  showInformationMessage: async () => undefined,
  showWarningMessage: async () => undefined,
  showErrorMessage: async () => undefined,
  setStatusBarMessage: noop,
});

export const workspace = lenient({
  getConfiguration: () => ({ get: (_key: string, fallback?: unknown) => fallback, inspect: () => undefined, update: async () => undefined }),
  onDidChangeConfiguration: noop,
  onDidCloseTextDocument: noop,
  registerTextDocumentContentProvider: noop,
  notebookDocuments: [] as unknown[],
});

export const commands = lenient({
  registerCommand: noop,
  executeCommand: async (...args: unknown[]) => {
    shimCalls.push(`executeCommand ${String(args[0])}`);
    return undefined;
  },
});

export const authentication = lenient({ registerAuthenticationProvider: noop });
export enum TestRunProfileKind {
  Run = 1,
  Debug = 2,
  Coverage = 3,
}
/** Test Explorer's controller: registered at activation, asked nothing until Test Explorer opens. */
export const tests = lenient({
  createTestController: () => {
    shimCalls.push('createTestController');
    return { items: new Map(), createRunProfile: noop, dispose() {} };
  },
});
export const env = { clipboard: { writeText: async () => undefined } };
export const languages = { setTextDocumentLanguage: async () => undefined };
export class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  constructor(private readonly onDispose?: () => void) {}
  dispose(): void {
    this.onDispose?.();
  }
}
