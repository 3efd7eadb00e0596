// Installs code-server (VS Code served to a browser) into .vscode-test/code-server, for the tests
// that run inside a real VS Code on machines that cannot download desktop VS Code.
// Idempotent and cached: a second run costs milliseconds.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const root = resolve(import.meta.dirname, '..');
export const installDir = join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = join(installDir, 'node_modules', '.bin', 'code-server');

function which(command) {
  try {
    return execFileSync('which', [command], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

// The system temp folder, where the ripgrep cache lives: the test runner gives each suite a temp folder of its own.
const cacheTmp = process.env.ICWS_SYSTEM_TMPDIR || tmpdir();

/** @vscode/ripgrep downloads rg from GitHub unless its cache already holds the archive. */
function seedRipgrepCache() {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is missing: install the Debian package "ripgrep" (scripts/install-system-packages.sh does).');
  const cacheDir = join(cacheTmp, 'vscode-ripgrep-cache-1.15.11');
  const archive = join(cacheDir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(archive)) return;
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'rg-'));
  copyFileSync(rg, join(staging, 'rg'));
  execFileSync('tar', ['-czf', archive, '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
}

export function installCodeServer() {
  const marker = join(installDir, '.installed');
  if (existsSync(marker) && existsSync(codeServerBin)) return codeServerBin;
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${installDir} (about a minute, once)…`);
  seedRipgrepCache();
  mkdirSync(installDir, { recursive: true });
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-for-tests', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: cacheTmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  if (!existsSync(codeServerBin)) throw new Error(`code-server did not install: ${codeServerBin} is missing`);
  writeFileSync(marker, new Date().toISOString());
  return codeServerBin;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  installCodeServer();
  console.log(codeServerBin);
}
