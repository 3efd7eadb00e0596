// "ICWS: New Notebook": a starter that runs against the simulator (or any CIC server) with the
// current session: the session, my status, a queue, a call, a consult of it, and cleaning up.
import type { NotebookCellData } from '../../../icws/notebook/notebookFile';

export const STARTER_CELLS: NotebookCellData[] = [
  {
    kind: 'markdown',
    source:
      '# ICWS notebook\n\nEach code cell is one ICWS request, sent with the extension’s session (connect first: **ICWS: Connect**, or **ICWS: Start Simulator**). ' +
      '`/icws/{sessionId}` is implied; `{userId}` is you; `{{cell:N.property}}` is a value from cell N’s answer. ' +
      'Requests show in the log and the Traffic panel; the saved file keeps answers without secrets.',
  },
  { kind: 'markdown', source: '## The session' },
  { kind: 'request', source: 'GET /connection' },
  { kind: 'markdown', source: '## Set my status' },
  { kind: 'request', source: 'PUT /status/user-statuses/{userId}\n{\n  "statusId": "Available"\n}' },
  { kind: 'markdown', source: '## Watch my queue\n\nMessages for it arrive on the session’s message channel (the Traffic panel shows them).' },
  { kind: 'request', source: 'PUT /messaging/subscriptions/queues/notebook-my-queue\n{\n  "queueIds": [{ "queueType": 1, "queueName": "{userId}" }],\n  "attributeNames": ["Eic_State", "Eic_RemoteName", "Eic_CallDirection"]\n}' },
  { kind: 'markdown', source: '## Make a call' },
  { kind: 'request', source: 'POST /interactions\n{\n  "__type": "urn:inin.com:interactions:createCallParameters",\n  "target": "+13175550123"\n}' },
  { kind: 'markdown', source: '## Consult it (cell 9 made the call)' },
  { kind: 'request', source: 'POST /interactions/{{cell:9.interactionId}}/consult\n{\n  "target": "7002"\n}' },
  { kind: 'markdown', source: '## Cancel the consult and hang up' },
  { kind: 'request', source: 'DELETE /interactions/{{cell:9.interactionId}}/consult/{{cell:11.consultId}}' },
  { kind: 'request', source: 'POST /interactions/{{cell:9.interactionId}}/disconnect' },
];
