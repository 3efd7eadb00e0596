#!/usr/bin/env node
// A plain Node script on the ICWS client library: log in, watch the Support workgroup, print
// calls as they arrive and change, then pick up the first call that rings for you and
// consult-transfer it to the Sales queue.
//
//   npm run build && node examples/watch-and-consult.js --server http://127.0.0.1:8018
//
// Options: --server URL, --user ID, --password PW, --queue NAME (workgroup), --to NAME (workgroup to
// consult), --blind (blind transfer instead of consult), --once (log out after one transfer).

const { parseArgs } = require('node:util');
const { IcwsSession, QueueType, DEFAULT_ATTRIBUTES, attribute } = require('../dist/icws.js');

const { values: args } = parseArgs({
  options: {
    server: { type: 'string', default: 'http://127.0.0.1:8018' },
    user: { type: 'string', default: 'agent1' },
    password: { type: 'string', default: '1234' },
    queue: { type: 'string', default: 'Support' },
    to: { type: 'string', default: 'Sales' },
    blind: { type: 'boolean', default: false },
    once: { type: 'boolean', default: false },
  },
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const session = await IcwsSession.login({ server: args.server, applicationName: 'watch-and-consult example' }, { userId: args.user, password: args.password });
  console.log(`logged in to ${session.server} as ${session.identity.userId} (messaging by ${session.messages.mode})`);
  const cache = session.queues.cache;
  const describe = (id) => {
    const item = cache.find(id);
    return `${id} ${attribute(item, 'Eic_State') ?? '?'} ${attribute(item, 'Eic_RemoteName') ?? ''} ${attribute(item, 'Eic_RemoteAddress') ?? ''}`.trim();
  };
  cache.onDidChange((change) => {
    for (const id of change.added) console.log(`+ ${describe(id)}`);
    for (const id of change.changed) console.log(`~ ${describe(id)}`);
    for (const id of change.removed) console.log(`- ${id}`);
  });
  cache.onDidMorph(({ from, to }) => console.log(`${from} was replaced by ${to}`));

  session.messages.start();
  await session.queues.subscribe({
    subscriptionId: 'example',
    queues: [{ queueType: QueueType.Workgroup, queueName: args.queue }, { queueType: QueueType.User, queueName: session.identity.userId }],
    attributeNames: [...DEFAULT_ATTRIBUTES],
  });
  console.log(`watching workgroup ${args.queue}; waiting for a call to ring for ${session.identity.userId}…`);

  let busy = false;
  cache.onDidChange(async () => {
    if (busy) return;
    const ringing = cache.interactions('example').find((item) => attribute(item, 'Eic_State') === 'A');
    if (!ringing) return;
    busy = true;
    try {
      await transfer(session, ringing.id);
      if (args.once) {
        await session.logout();
        console.log('logged out');
        process.exit(0);
      }
    } catch (error) {
      console.error(error.message);
    } finally {
      busy = false;
    }
  });
  process.on('SIGINT', () => void session.logout().finally(() => process.exit(0)));
}

async function transfer(session, id) {
  const destination = { queueID: { queueType: QueueType.Workgroup, queueName: args.to } };
  console.log(`picking up ${id}`);
  await session.interactions.pickup(id);
  await sleep(500);
  if (args.blind) {
    await session.interactions.blindTransfer(id, destination);
    console.log(`blind transfer of ${id} to ${args.to} sent`);
    return;
  }
  const consult = await session.interactions.consult(id, destination);
  console.log(`consulting ${args.to} on ${consult.consultInteractionId} (consult ${consult.consultId})`);
  await sleep(1500);
  await session.interactions.concludeConsult(consult);
  console.log(`consult transfer of ${id} to ${args.to} completed`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
