// ICWS tests (issue 22): icws-test's cold run of the starter (process start to exit), what an event
// expectation costs per message it checks, and 100 notebooks of 10 cells on one simulator.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Emitter } from '../src/icws/events';
import type { DecodedMessage } from '../src/icws/messages';
import { loadCatalog } from '../src/icws/catalog';
import type { NotebookFile } from '../src/icws/notebook/notebookFile';
import { MessageWatch, parseExpectations } from '../src/icws/notebook/expectations';
import { runNotebook } from '../src/testing/runNotebook';
import { LoginSessions, simulatorPasswords, startTestSimulator } from '../src/testing/testSessions';

type Report = (figure: string, measured: string, target: string, met: boolean) => void;
type Sized = <T>(smoke: T, quick: T, long: T) => T;

export const TESTS_FIGURES = ['icws-test cold run of the starter', 'event expectation, per message checked', 'notebooks of 10 cells on one simulator'];

export async function benchIcwsTests(report: Report, sized: Sized, root: string): Promise<void> {
  console.log('10. ICWS tests: icws-test and expectations');
  const runs = sized(1, 3, 5);
  const times: number[] = [];
  let exitCodes = '';
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(root, 'dist/icws-test.js'), join(root, 'examples/tests/starter.icws-notebook')], { cwd: root, encoding: 'utf8' });
    times.push(performance.now() - started);
    exitCodes += String(result.status);
  }
  const cold = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  report('icws-test cold run of the starter', `${(cold / 1000).toFixed(2)} s median of ${runs} (exit ${exitCodes})`, '< 2 s', cold < 2000 && /^0+$/.test(exitCodes));

  // Messages that do not match, checked against a condition into an array of 50 interactions.
  const channel = new Emitter<DecodedMessage>();
  const [expectation] = parseExpectations('GET /connection\n> message queueContentsMessage within 60s where interactionsChanged[interactionId=never].attributes.Eic_State == "H"');
  const watch = new MessageWatch(channel.event, [expectation!]);
  const settled = watch.begin((text) => text);
  const message = { __type: 'urn:inin.com:queues:queueContentsMessage', isDelta: true, subscriptionId: 's', interactionsChanged: Array.from({ length: 50 }, (_, i) => ({ interactionId: String(1000 + i), attributes: { Eic_State: 'C', Eic_RemoteName: `Caller ${i}` } })) };
  const decoded = { kind: 'unknown', message } as unknown as DecodedMessage;
  const count = sized(1_000, 20_000, 100_000);
  const started = performance.now();
  for (let i = 0; i < count; i++) channel.fire(decoded);
  const perMessage = (performance.now() - started) / count;
  watch.dispose();
  await settled;
  report('event expectation, per message checked', `${(perMessage * 1000).toFixed(1)} µs per message (50 interactions each, ${count} messages)`, '< 1 ms', perMessage < 1);

  const notebooks = sized(5, 100, 100);
  const cells = [
    'PUT /messaging/subscriptions/queues/mine\n{ "queueIds": [{ "queueType": 1, "queueName": "{userId}" }], "attributeNames": ["Eic_State"] }\n> status 200',
    ...Array.from({ length: 9 }, (_, i) => (i % 3 === 0 ? 'PUT /status/user-statuses/{userId}\n{ "statusId": "Available" }\n> status 202' : i % 3 === 1 ? 'GET /connection\n> status 200\n> body.connectionState == 1' : 'GET /status/status-messages\n> status < 300')),
  ];
  const file: NotebookFile = { cells: cells.map((source) => ({ kind: 'request', source })) };
  const catalog = loadCatalog(join(root, 'dist', 'icws-catalog.json.gz'));
  const simulator = await startTestSimulator({});
  let passed = 0;
  const began = performance.now();
  try {
    for (let i = 0; i < notebooks; i++) {
      const sessions = new LoginSessions({ server: simulator.url, defaultUser: 'agent1', password: simulatorPasswords(simulator) });
      const result = await runNotebook(file, { sessions, catalog });
      await sessions.close();
      if (result.passed) passed++;
    }
  } finally {
    await simulator.stop();
  }
  const elapsed = performance.now() - began;
  const forHundred = (elapsed / notebooks) * 100;
  report('notebooks of 10 cells on one simulator', `${(elapsed / 1000).toFixed(1)} s for ${notebooks} (${passed} passed; ${(forHundred / 1000).toFixed(1)} s for 100)`, '100 in < 30 s', forHundred < 30_000 && passed === notebooks);
}
