// Copy as curl / fetch (issue 19, items 1 and 7): the text is run, not only read. A loaded file's
// URL, headers and body stay data in a shell and in JavaScript, and the session's variables go
// only into a call to the current session's own server.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { curlFor, fetchFor, type HttpExchange } from '../../src/icws';
import { removeScratch, scratchDir } from '../support/scratch';

const SERVER = 'http://127.0.0.1:8018';

function exchange(overrides: Partial<HttpExchange> = {}): HttpExchange {
  return {
    id: 1,
    startedAt: 1_700_000_000_000,
    method: 'POST',
    url: `${SERVER}/icws/{sessionId}/interactions/1001234567/consult`,
    template: '/icws/{sessionId}/interactions/{interactionId}/consult',
    operation: 'consult transfer',
    requestHeaders: { 'ININ-ICWS-CSRF-Token': '<redacted>', cookie: '<redacted>', 'content-type': 'application/vnd.inin.icws+JSON; charset=utf-8' },
    requestBody: { target: '7002' },
    requestBytes: 17,
    status: 201,
    responseBytes: 0,
    durationMs: 8.4,
    ...overrides,
  };
}

/** Every shell metacharacter a loaded file could hold, each of which would run `touch` if it were live. */
const HOSTILE = exchange({
  url: `${SERVER}/icws/{sessionId}/interactions/$(touch url-ran)\`touch tick-ran\`'$(touch quote-ran)'/consult?x=$ICWS_X&y=\${ICWS_X}`,
  requestHeaders: {
    'ININ-ICWS-CSRF-Token': '<redacted>',
    cookie: '<redacted>',
    'X-Echo': '${ICWS_X}"; touch header-ran; echo "',
    "X-Name'$(touch name-ran)": "it's; touch quote2-ran",
    // A pasted control character could end a terminal's bracketed paste and run the rest.
    'X-Control': 'a\n touch newline-ran\n\u0003\u001b[201~touch esc-ran\r\u009b\u007f',
  },
  requestBody: { target: "'; touch body-ran; echo '", note: '$(touch body2-ran) `touch body3-ran` \\ "\u2028' },
});

/** Runs curl text in bash with `curl` printing its arguments; returns them, with whatever else happened. */
function runCurl(text: string): { args: string[]; stderr: string; status: number | null; created: string[] } {
  const dir = scratchDir('curl');
  try {
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `curl() { printf '%s\\0' "$@"; }\n${text}`], {
      cwd: dir,
      // stdin not a socket: bash would read ~/.bashrc as if started by rshd.
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8', ICWS_SESSION_ID: '$(touch sid-ran)', ICWS_CSRF_TOKEN: 'csrf "tok"', ICWS_COOKIE: 'c=1; d=2', ICWS_X: 'expanded' },
    });
    return { args: run.stdout.split('\0').slice(0, -1), stderr: run.stderr, status: run.status, created: readdirSync(dir) };
  } finally {
    removeScratch(dir);
  }
}

/** Runs fetch text as an async function with `fetch` recording its call. */
async function runFetch(text: string): Promise<{ url: string; init: RequestInit }> {
  const calls: { url: string; init: RequestInit }[] = [];
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
  const code = new AsyncFunction('fetch', 'ICWS_SESSION_ID', 'ICWS_CSRF_TOKEN', text);
  await code(async (url: string, init: RequestInit) => calls.push({ url, init }), 'SID', 'TOKEN');
  assert.equal(calls.length, 1);
  return calls[0]!;
}

describe('copy as curl', () => {
  it('keeps every recorded value a literal when the text is run in bash', () => {
    const text = curlFor(HOSTILE, { sessionOrigin: SERVER });
    const run = runCurl(text);
    assert.deepEqual(run.created, [], 'nothing but curl ran');
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f]/, 'no raw control character in the text');
    assert.deepEqual(run.args, [
      '-X',
      'POST',
      `${SERVER}/icws/$(touch sid-ran)/interactions/$(touch url-ran)\`touch tick-ran\`'$(touch quote-ran)'/consult?x=$ICWS_X&y=\${ICWS_X}`,
      '-H',
      'ININ-ICWS-CSRF-Token: csrf "tok"',
      '-H',
      'cookie: c=1; d=2',
      '-H',
      'X-Echo: ${ICWS_X}"; touch header-ran; echo "',
      '-H',
      "X-Name'$(touch name-ran): it's; touch quote2-ran",
      '-H',
      'X-Control: a\n touch newline-ran\n\u0003\u001b[201~touch esc-ran\r\u009b\u007f',
      '--data-raw',
      JSON.stringify(HOSTILE.requestBody),
    ]);
  });

  it('writes the session variables only for a call to the current session server', () => {
    const own = curlFor(exchange(), { sessionOrigin: `${SERVER}/` });
    for (const variable of ['${ICWS_SESSION_ID}', '${ICWS_CSRF_TOKEN}', '${ICWS_COOKIE}']) assert.ok(own.includes(variable), `${variable} in ${own}`);
    const foreignUrls = ['https://evil.example/icws/{sessionId}/interactions/1001234567/consult', `${SERVER}@evil.example/icws/{sessionId}/x`, 'http://127.0.0.1:8019/icws/{sessionId}/x', 'https://127.0.0.1:8018/icws/{sessionId}/x'];
    for (const url of foreignUrls) {
      for (const options of [{ sessionOrigin: SERVER }, {}]) {
        const curl = curlFor(exchange({ url }), options);
        assert.doesNotMatch(curl, /ICWS_|csrf|cookie/i, curl);
        const run = runCurl(curl);
        assert.equal(run.args[2], url, 'the session id stays the literal {sessionId}');
        assert.ok(!run.args.some((arg) => /csrf|cookie|sid-ran|expanded/i.test(arg)), run.args.join(' '));
      }
    }
  });
});

describe('copy as fetch', () => {
  it('keeps every recorded value a literal when the code is run', async () => {
    const hostileBody = JSON.parse('{"__proto__":{"polluted":1},"target":"7002\\"); alert(1); (\\"\\u2028\\u0085</script>"}') as unknown;
    const call = await runFetch(fetchFor({ ...HOSTILE, requestBody: hostileBody }, { sessionOrigin: SERVER }));
    assert.equal(call.url, `${SERVER}/icws/SID/interactions/$(touch url-ran)\`touch tick-ran\`'$(touch quote-ran)'/consult?x=$ICWS_X&y=\${ICWS_X}`);
    assert.equal(call.init.method, 'POST');
    assert.equal(call.init.credentials, 'include');
    assert.deepEqual(call.init.headers, {
      'ININ-ICWS-CSRF-Token': 'TOKEN',
      'X-Echo': '${ICWS_X}"; touch header-ran; echo "',
      "X-Name'$(touch name-ran)": "it's; touch quote2-ran",
      'X-Control': 'a\n touch newline-ran\n\u0003\u001b[201~touch esc-ran\r\u009b\u007f',
    });
    assert.equal(call.init.body, JSON.stringify(hostileBody), 'the body is sent as recorded, __proto__ key included');
  });

  it('writes the session variables only for a call to the current session server', async () => {
    const own = fetchFor(exchange(), { sessionOrigin: SERVER });
    assert.match(own, /ICWS_SESSION_ID/);
    assert.match(own, /ICWS_CSRF_TOKEN/);
    assert.match(own, /credentials: "include"/);
    for (const options of [{ sessionOrigin: SERVER }, {}]) {
      const code = fetchFor(exchange({ url: 'https://evil.example/icws/{sessionId}/interactions/1001234567/consult' }), options);
      assert.doesNotMatch(code, /ICWS_|csrf|credentials/i, code);
      const call = await runFetch(code);
      assert.equal(call.url, 'https://evil.example/icws/{sessionId}/interactions/1001234567/consult');
      assert.deepEqual(call.init.headers, { 'content-type': 'application/vnd.inin.icws+JSON; charset=utf-8' });
    }
  });
});
