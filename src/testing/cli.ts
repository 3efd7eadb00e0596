// icws-test: runs ICWS notebooks' expectations headless, for CI. Against a fresh embedded simulator
// by default, or a server (--server URL --user ID, the password from ICWS_PASSWORD, never an
// argument). Exit 0 when every test passed, 1 on any failure, 2 on bad usage or input.
import { writeFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadCatalog } from '../icws/catalog/loadCatalog';
import { runNotebook, testTitles } from './runNotebook';
import { junitReport, type NotebookReport } from './junitReport';
import { TerminalReport } from './terminalReport';
import { checkScenarioFile, LoginSessions, SetUpError, simulatorPasswords, startTestSimulator } from './testSessions';
import { findNotebooks, readNotebooks, UsageError } from './notebookFiles';
import { SimulatorPool } from './simulatorPool';

interface Options {
  server?: string;
  user?: string[];
  scenarioFile?: string;
  seed?: number;
  reporter: 'terminal' | 'junit';
  output?: string;
  bail?: boolean;
  grep?: RegExp;
  messaging: 'auto' | 'sse' | 'polling';
}

const integer = (value: string) => {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('give a whole number');
  return Number(value);
};
const pattern = (value: string) => {
  try {
    return new RegExp(value, 'i');
  } catch (error) {
    throw new InvalidArgumentError(`not a regular expression (${error instanceof Error ? error.message : String(error)})`);
  }
};
const oneOf =
  <T extends string>(...values: T[]) =>
  (value: string) => {
    if (!values.includes(value as T)) throw new InvalidArgumentError(`use ${values.join(' or ')}`);
    return value as T;
  };

export function program(): Command {
  return new Command('icws-test')
    .description('Run the expectations of ICWS notebooks (.icws-notebook files and folders of them) against a fresh ICWS simulator, or a server')
    .argument('[paths...]', 'notebook files or folders to search for *.icws-notebook (default: the current folder)')
    .option('--server <url>', 'run against this ICWS server instead of the embedded simulator (the password comes from the ICWS_PASSWORD environment variable)')
    .option('--user <id>', 'the user of cells without @session; repeat it for the users cells name with @session (with --server; default agent1 on the simulator)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--scenario-file <path>', 'a scenario file (YAML or JSON) for the simulator, for notebooks whose metadata names none')
    .option('--seed <n>', 'the simulator’s seed, for notebooks whose metadata names none', integer)
    .option('--reporter <name>', 'terminal (readable, with progress) or junit (XML for CI; the readable report goes to stderr)', oneOf('terminal', 'junit'), 'terminal')
    .option('--output <file>', 'write the JUnit report to this file (default: standard output)')
    .option('--bail', 'stop at the first notebook that fails')
    .option('--grep <pattern>', 'report only tests whose title (cell name) matches (a regular expression, case-insensitive); notebooks without one are skipped', pattern)
    .option('--messaging <mode>', 'how sessions receive messages: auto, sse or polling', oneOf('auto', 'sse', 'polling'), 'auto')
    .showHelpAfterError()
    .exitOverride();
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, out: (text: string) => unknown = (text) => process.stdout.write(text), err: (text: string) => unknown = (text) => process.stderr.write(text)): Promise<number> {
  const command = program().configureOutput({ writeOut: (text) => void out(text), writeErr: (text) => void err(text) });
  try {
    command.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const options = command.opts<Options>();
  const usage = (message: string) => {
    err(`icws-test: ${message}\n`);
    return 2;
  };
  if (options.server !== undefined) {
    // A password in the URL would sit in the process list and shell history; the URL is not echoed back for the same reason.
    if (/^[^/]*\/\/[^/?#]*@/.test(options.server)) return usage('--server: leave the user name and password out of the URL (--user names the user; the password comes from ICWS_PASSWORD)');
    if (!/^https?:\/\/[^/\s]+\/?$/.test(options.server)) return usage(`--server ${options.server} is not a server address like https://cic01:8019`);
    if (!env.ICWS_PASSWORD) return usage('--server needs the password in the ICWS_PASSWORD environment variable (never on the command line)');
    if (options.scenarioFile !== undefined || options.seed !== undefined) return usage('--scenario-file and --seed set up the embedded simulator; they do not go with --server');
    if (!options.user?.length) return usage('--server needs --user (the user to log in as)');
  }
  if (options.output !== undefined && options.reporter !== 'junit') return usage('--output is where the JUnit report goes: add --reporter junit');
  let notebooks;
  try {
    notebooks = readNotebooks(findNotebooks(command.args.length ? command.args : ['.']));
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  // Scenario files are read before anything runs: a bad one is bad input, not a failed test.
  const scenarios = new Set([options.scenarioFile, ...notebooks.map((notebook) => notebook.scenarioFile)].filter((file): file is string => file !== undefined));
  for (const file of scenarios) {
    try {
      checkScenarioFile(file);
    } catch (error) {
      if (error instanceof SetUpError) return usage(error.message);
      throw error;
    }
  }
  // The readable report goes to stdout, or to stderr when the JUnit XML takes stdout.
  const readable = new TerminalReport((line) => (options.reporter === 'junit' && !options.output ? err : out)(`${line}\n`));
  const catalog = loadCatalog();
  const simulators = new SimulatorPool(startTestSimulator);
  const reports: NotebookReport[] = [];
  const started = performance.now();
  try {
    for (const notebook of notebooks) {
      if (options.grep && !testTitles(notebook.content).some((title) => options.grep!.test(title))) continue;
      const report: NotebookReport = { file: notebook.file, timestamp: new Date() };
      reports.push(report);
      readable.notebookStarted(notebook.file);
      let sessions: LoginSessions | undefined;
      try {
        if (options.server) {
          const password = env.ICWS_PASSWORD!;
          sessions = new LoginSessions({ server: options.server, defaultUser: options.user![0]!, password: (user) => (options.user!.includes(user) ? password : undefined), messaging: options.messaging });
        } else {
          const scenarioFile = notebook.scenarioFile ?? options.scenarioFile;
          const seed = notebook.seed ?? options.seed;
          const simulator = await simulators.get({ ...(scenarioFile ? { scenarioFile } : {}), ...(seed !== undefined ? { seed } : {}) });
          sessions = new LoginSessions({ server: simulator.url, defaultUser: options.user?.[0] ?? 'agent1', password: simulatorPasswords(simulator), messaging: options.messaging });
        }
        report.result = await runNotebook(notebook.content, { sessions, catalog, ...(options.grep ? { grep: options.grep } : {}), onCell: (event) => event.kind === 'end' && (!options.grep || options.grep.test(event.result.title)) && readable.cellEnded(event.result) });
      } catch (error) {
        if (!(error instanceof SetUpError)) throw error;
        report.error = error.message;
        readable.notebookError(error.message);
      } finally {
        await sessions?.close();
      }
      if (options.bail && (report.error || !report.result?.passed)) break;
    }
  } finally {
    await simulators.stopAll();
  }
  readable.summary(reports, performance.now() - started);
  if (options.reporter === 'junit') {
    const xml = junitReport(reports);
    if (options.output) writeFileSync(options.output, xml);
    else out(xml);
  }
  return reports.some((report) => report.error || !report.result?.passed) ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`icws-test: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
