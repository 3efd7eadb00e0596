#!/usr/bin/env node
// `icws-simulator` / `npm run simulator -- --port 8018`: an ICWS server for development and demos.

import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type FaultRequest, Faults } from './Faults';
import { IcwsSimulator } from './IcwsSimulator';
import { type CapturedMessage, readCapture } from './replay/CaptureReplay';
import { loadScenario, ScenarioError } from './scenario/loadScenario';
import type { ScenarioDefinition } from './scenario/scenarioSchema';

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 1_000) throw new InvalidArgumentError('expected a number above 0, up to 1000');
  return parsed;
}

function integer(min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return parsed;
  };
}

function parseFaults(value: string): FaultRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // reported below
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('expected a JSON object, e.g. {"pollDelayMs":3000}');
  try {
    // Checked now, so a bad value stops the start with a message rather than with a stack.
    new Faults().apply(parsed as FaultRequest);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  return parsed as FaultRequest;
}

const program = new Command()
  .name('icws-simulator')
  .description('An ICWS (CIC / PureConnect) server simulator with demo traffic, for development and tests.')
  .option('--host <address>', 'address to listen on', '127.0.0.1')
  .option('--port <number>', 'port to listen on (0 picks a free one)', integer(0, 65535), 8018)
  .addOption(new Option('--scenario <name>', 'demo: calls arrive by themselves; quiet: only what you create').choices(['demo', 'quiet']).default('demo'))
  .option('--seed <number>', 'seed of the demo traffic (the same seed replays the same calls)', integer(0, 2 ** 31), 1)
  .option('--feature-connection <version>', 'reported "connection" feature version', integer(0, 100))
  .option('--feature-interactions <version>', 'reported "interactions" feature version (5: no consult, 12: no consult to a queue)', integer(0, 100))
  .option('--feature-messaging <version>', 'reported "messaging" feature version (1: short polling only)', integer(0, 100))
  .option('--feature-queues <version>', 'reported "queues" feature version', integer(0, 100))
  .option('--faults <json>', 'faults in force from the start, e.g. \'{"pollDelayMs":3000}\' or \'{"fail":{"match":"messages","status":500,"count":5}}\'', parseFaults)
  .option('--scenario-file <path>', 'run a scenario file (YAML or JSON: users, statuses, calls, agents, events; see docs/simulator.md) instead of the demo traffic')
  .option('--replay <capture.jsonl|capture.har>', "replay a session saved (JSON lines) or exported (HAR) from the ICWS Traffic panel: a client that subscribes to a captured subscription gets the captured messages, with their timing")
  .option('--speed <factor>', 'run the scenario or the replay this many times faster', positiveNumber, 1)
  .option('--cors-origin <origin...>', 'origins whose web pages may call the simulator\'s ICWS routes with credentials, e.g. http://localhost:3000 (default: any origin, as a development server)')
  .option('--allowed-host <name...>', 'host names requests may use besides loopback and the --host address (e.g. this machine\'s name on the LAN); others are refused, against DNS rebinding')
  .option('--quiet-log', 'do not print a line per request')
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<{
    host: string;
    port: number;
    scenario: 'demo' | 'quiet';
    seed: number;
    featureConnection?: number;
    featureInteractions?: number;
    featureMessaging?: number;
    featureQueues?: number;
    quietLog?: boolean;
    faults?: FaultRequest;
    corsOrigin?: string[];
    allowedHost?: string[];
    scenarioFile?: string;
    replay?: string;
    speed: number;
  }>();
  let replay: CapturedMessage[] | undefined;
  if (options.replay) {
    try {
      replay = readCapture(readFileSync(options.replay, 'utf8'));
    } catch (error) {
      console.error(`Could not replay ${options.replay}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    }
  }
  let script: ScenarioDefinition | undefined;
  if (options.scenarioFile) {
    try {
      script = loadScenario(readFileSync(options.scenarioFile, 'utf8'), options.scenarioFile);
    } catch (error) {
      console.error(error instanceof ScenarioError ? error.message : `Could not read ${options.scenarioFile}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    }
  }
  // --seed overrides the scenario's own seed only when given.
  const seed = program.getOptionValueSource('seed') === 'cli' ? options.seed : (script?.seed ?? options.seed);
  if (!['127.0.0.1', 'localhost', '::1'].includes(options.host)) {
    console.warn(`WARNING: listening on ${options.host}, not loopback. Anyone who can reach this address can log in with the demo passwords.`);
  }
  const simulator = new IcwsSimulator({
    host: options.host,
    port: options.port,
    scenario: options.scenario,
    seed,
    script,
    replay,
    speed: options.speed,
    features: {
      connection: options.featureConnection,
      interactions: options.featureInteractions,
      messaging: options.featureMessaging,
      queues: options.featureQueues,
    },
    faults: options.faults,
    corsOrigins: options.corsOrigin ?? '*',
    allowedHosts: options.allowedHost,
    log: options.quietLog ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  let url: string;
  try {
    url = await simulator.start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `Port ${options.port} is already in use. Pick another with --port, or --port 0 for a free one.` : `Could not start: ${String(error)}`);
    process.exit(1);
  }
  console.log(`ICWS simulator listening on ${url} (${script ? `scenario file ${options.scenarioFile}, "${script.name}"` : `scenario ${options.scenario}`}, seed ${seed})`);
  let lastShown = -1;
  simulator.scenario?.onProgress((progress) => {
    // A line every tenth of the calls, at every event, and at the end.
    const tenth = Math.floor((progress.callsPlaced * 10) / Math.max(1, progress.callsPlanned));
    if (tenth === lastShown && !progress.finished && progress.eventsDone === 0) return;
    lastShown = tenth;
    console.log(`scenario: ${progress.callsPlaced}/${progress.callsPlanned} calls, ${progress.eventsDone}/${progress.eventsPlanned} events${progress.finished ? ' - finished' : ''}`);
  });
  console.log('Users agent1, agent2, supervisor (password 1234; extensions 7001-7003); workgroups Support and Sales.');
  console.log(`Create a call: curl -X POST ${url}/simulator/calls -H 'Content-Type: application/json' -d '{"to":"Support","from":"+13175550100","name":"ACME Corp"}'`);
  const shutdown = () => void simulator.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
