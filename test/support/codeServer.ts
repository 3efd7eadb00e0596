// code-server (VS Code in a browser) plus headless Chromium: a real workbench and extension host
// on a machine that cannot download desktop VS Code (code-server comes from the npm registry).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../../..');
const CODE_SERVER_VERSION = '4.100.3';
const CODE_SERVER_BIN = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installs code-server on first use (cached), and fails loudly when Chromium is missing. */
export function ensureToolsInstalled(): void {
  if (!existsSync(CODE_SERVER_BIN)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'install-code-server.mjs')], { stdio: 'inherit' });
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install the Debian package "chromium" (scripts/install-system-packages.sh does), or set CHROMIUM_PATH.`);
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

export interface CodeServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  /** User settings written before start. */
  settings?: Record<string, unknown>;
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** Where code-server's own output goes (default: dropped, but kept for errors). */
  onOutput?: (text: string) => void;
}

/**
 * code-server keeps its own config, logs and heartbeat in ~/.config/code-server and
 * ~/.local/share/code-server whatever --user-data-dir says: pointed beside the user data, so each
 * run starts fresh and leaves the home folder alone.
 */
function isolatedEnv(userDataDir: string): NodeJS.ProcessEnv {
  return { XDG_CONFIG_HOME: join(userDataDir, 'xdg-config'), XDG_DATA_HOME: join(userDataDir, 'xdg-data') };
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  ensureToolsInstalled();
  const port = options.port ?? (await freePort());
  mkdirSync(join(options.userDataDir, 'User'), { recursive: true });
  mkdirSync(options.extensionsDir, { recursive: true });
  mkdirSync(options.folder, { recursive: true });
  const settings = { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'security.workspace.trust.enabled': false, 'chat.commandCenter.enabled': false, ...options.settings };
  writeFileSync(join(options.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const child = spawn(
    CODE_SERVER_BIN,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', options.userDataDir, '--extensions-dir', options.extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', options.folder],
    { env: { ...process.env, ...isolatedEnv(options.userDataDir), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    options.onOutput?.(text);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  ensureToolsInstalled();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The workbench URL for a folder, loading the extension under development (and tests, if given). */
export function workbenchUrl(server: CodeServer, folder: string, payload: { extensionDevelopmentPath?: string; extensionTestsPath?: string } = {}): string {
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const pairs: [string, string][] = [];
  if (payload.extensionDevelopmentPath) pairs.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) pairs.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  const query = new URLSearchParams({ folder });
  if (pairs.length) query.set('payload', JSON.stringify(pairs));
  return `${server.url}/?${query}`;
}

export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url, { timeout: 180_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return page;
}

/** Packages the extension as a VSIX (what users install) and installs it into `extensionsDir`, with code-server's data in `userDataDir`. */
export function packageAndInstallVsix(extensionsDir: string, userDataDir: string, outDir: string): string {
  ensureToolsInstalled();
  mkdirSync(outDir, { recursive: true });
  const vsix = join(outDir, 'icws-interactions.vsix');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(CODE_SERVER_BIN, ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], { env: { ...process.env, ...isolatedEnv(userDataDir) }, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}
