// `npm start`: the product with the simulator, in one command. Builds and packages the extension,
// starts the ICWS simulator with demo traffic, and code-server (VS Code in your browser) with the
// extension installed and pointed at the simulator. Prints the URL to open. Ctrl+C stops both.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { codeServerBin, installCodeServer } from './install-code-server.mjs';

const root = resolve(import.meta.dirname, '..');
const home = join(root, '.vscode-test', 'start');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};

function portIsFree(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

async function pickPort(preferred) {
  if (await portIsFree(preferred)) return preferred;
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const run = (command, commandArgs, extra = {}) => execFileSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...extra });

console.log('1/4 Building and packaging the extension…');
const vsix = join(home, 'icws-interactions.vsix');
mkdirSync(home, { recursive: true });
run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });

console.log('2/4 Installing code-server (cached after the first run)…');
installCodeServer();
const extensionsDir = join(home, 'extensions');
run(codeServerBin, ['--install-extension', vsix, '--force', '--extensions-dir', extensionsDir], { stdio: ['ignore', 'ignore', 'inherit'] });

console.log('3/4 Starting the ICWS simulator with demo traffic…');
const require = createRequire(import.meta.url);
const { IcwsSimulator } = require(join(root, 'dist', 'simulator.js'));
const simulatorPort = await pickPort(Number(option('simulator-port', 8018)));
const simulator = new IcwsSimulator({ host: '127.0.0.1', port: simulatorPort, scenario: 'demo', seed: Number(option('seed', 1)) });
const simulatorUrl = await simulator.start();

console.log('4/4 Starting code-server…');
const userDataDir = join(home, 'user-data');
const workspace = join(home, 'workspace');
mkdirSync(join(userDataDir, 'User'), { recursive: true });
mkdirSync(workspace, { recursive: true });
writeFileSync(
  join(userDataDir, 'User', 'settings.json'),
  JSON.stringify({ 'icws.serverUrl': simulatorUrl, 'icws.userId': 'agent1', 'icws.watchedQueues': [{ type: 'workgroup', name: 'Support' }], 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false }, null, 2),
);
const codePort = await pickPort(Number(option('port', 8080)));
const codeServer = spawn(codeServerBin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${codePort}`, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace], { stdio: ['ignore', 'ignore', 'inherit'] });

console.log(`
  ICWS simulator:  ${simulatorUrl}   (users agent1, agent2, supervisor; password 1234)
  VS Code:         http://127.0.0.1:${codePort}/

Open the VS Code URL in a browser, click the ICWS icon in the activity bar, run "ICWS: Connect"
(the server and user are filled in; the password is 1234), and watch demo calls arrive.
Ctrl+C stops everything.`);

const stop = async () => {
  codeServer.kill('SIGTERM');
  await simulator.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
codeServer.on('exit', (code) => {
  console.error(`code-server exited (${code}); stopping.`);
  void simulator.stop().then(() => process.exit(code ?? 1));
});
