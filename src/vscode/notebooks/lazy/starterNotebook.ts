// "ICWS: New Notebook": a starter that runs against the simulator (or any CIC server) with the
// current session: the session, my status, a queue, a call, a consult of it, and cleaning up. Its
// cells are named and carry expectations, so it is also a test (examples/tests/starter.icws-notebook
// is the same notebook; a unit test keeps the two equal).
import type { NotebookCellData } from '../../../icws/notebook/notebookFile';

export const STARTER_CELLS: NotebookCellData[] = [
  {
    kind: 'markdown',
    source:
      '# ICWS notebook\n\nEach code cell is one ICWS request, sent with the extension’s session (connect first: **ICWS: Connect**, or **ICWS: Start Simulator**). ' +
      '`/icws/{sessionId}` is implied; `{userId}` is you; `# @name call` names a cell, and `{{call.interactionId}}` is a value from its answer. ' +
      'Lines starting with `>` are expectations, checked when the cell runs (and by Test Explorer and `icws-test`). ' +
      'Requests show in the log and the Traffic panel; the saved file keeps answers without secrets.',
  },
  { kind: 'markdown', source: '## The session' },
  { kind: 'request', source: 'GET /connection\n> status 200\n> body.connectionState == 1' },
  { kind: 'markdown', source: '## Set my status' },
  { kind: 'request', source: 'PUT /status/user-statuses/{userId}\n{\n  "statusId": "Available"\n}\n> status 202' },
  { kind: 'markdown', source: '## Watch my queue\n\nMessages for it arrive on the session’s message channel (the Traffic panel shows them); expectations below wait for them.' },
  { kind: 'request', source: 'PUT /messaging/subscriptions/queues/notebook-my-queue\n{\n  "queueIds": [{ "queueType": 1, "queueName": "{userId}" }],\n  "attributeNames": ["Eic_State", "Eic_RemoteName", "Eic_CallDirection"]\n}\n> status 200' },
  { kind: 'markdown', source: '## Make a call' },
  {
    kind: 'request',
    source:
      '# @name call\nPOST /interactions\n{\n  "__type": "urn:inin.com:interactions:createCallParameters",\n  "target": "+13175550123"\n}\n> status 201\n> body.interactionId exists\n> message queueContentsMessage within 5s where interactionsChanged[interactionId={{call.interactionId}}].attributes.Eic_State == "C"',
  },
  { kind: 'markdown', source: '## Consult it' },
  { kind: 'request', source: '# @name consult\nPOST /interactions/{{call.interactionId}}/consult\n{\n  "target": "7002"\n}\n> status 201\n> body.consultId exists\n> message queueContentsMessage within 5s where interactionsChanged[interactionId={{call.interactionId}}].attributes.Eic_State == "H"' },
  { kind: 'markdown', source: '## Cancel the consult and hang up' },
  { kind: 'request', source: 'DELETE /interactions/{{call.interactionId}}/consult/{{consult.consultId}}\n> status 200' },
  { kind: 'request', source: 'POST /interactions/{{call.interactionId}}/disconnect\n> status 200\n> message queueContentsMessage within 5s where interactionsChanged[interactionId={{call.interactionId}}].attributes.Eic_State matches /^[EI]$/' },
];
