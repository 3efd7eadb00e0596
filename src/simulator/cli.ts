#!/usr/bin/env node
// `icws-simulator` / `npm run simulator -- --port 8018`: an ICWS server for development and demos.

import { Command, InvalidArgumentError, Option } from 'commander';
import type { FaultRequest } from './Faults';
import { IcwsSimulator } from './IcwsSimulator';

function integer(min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return parsed;
  };
}

function parseFaults(value: string): FaultRequest {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as FaultRequest;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('expected a JSON object, e.g. {"pollDelayMs":3000}');
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
  .option('--cors-origin <origin...>', 'origins whose web pages may call the simulator with credentials, e.g. http://localhost:3000 (default: any origin, as a development server)')
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
  }>();
  if (!['127.0.0.1', 'localhost', '::1'].includes(options.host)) {
    console.warn(`WARNING: listening on ${options.host}, not loopback. Anyone who can reach this address can log in with the demo passwords.`);
  }
  const simulator = new IcwsSimulator({
    host: options.host,
    port: options.port,
    scenario: options.scenario,
    seed: options.seed,
    features: {
      connection: options.featureConnection,
      interactions: options.featureInteractions,
      messaging: options.featureMessaging,
      queues: options.featureQueues,
    },
    faults: options.faults,
    corsOrigins: options.corsOrigin ?? '*',
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
  console.log(`ICWS simulator listening on ${url} (scenario ${options.scenario}, seed ${options.seed})`);
  console.log('Users agent1, agent2, supervisor (password 1234; extensions 7001-7003); workgroups Support and Sales.');
  console.log(`Create a call: curl -X POST ${url}/simulator/calls -d '{"to":"Support","from":"+13175550100","name":"ACME Corp"}'`);
  const shutdown = () => void simulator.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
