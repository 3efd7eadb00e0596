// Copy as curl / fetch (issue 19, items 1 and 7, and the review after them): the text is run, not
// only read. A loaded file's URL, headers and body stay data in every shell a developer may paste
// into (bash, POSIX sh, dash, fish, zsh) and in JavaScript, and the session's variables go only
// into a call under the current session's own `/icws/`.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpExchange } from '../../src/icws';
import { curlFor, fetchFor } from '../../src/traffic';

const SERVER = 'http://127.0.0.1:8018';
/** What the shell's variables hold when the text runs: none of it may be read again as code. */
const SESSION_ENV = { ICWS_SESSION_ID: '$(touch sid-ran)', ICWS_CSRF_TOKEN: 'csrf "tok" \\ \'', ICWS_COOKIE: 'c=1; d=2', ICWS_X: 'expanded' };
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

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
  url: `${SERVER}/icws/{sessionId}/interactions/$(touch url-ran)\`touch tick-ran\`'$(touch quote-ran)'\\'/consult?x=$ICWS_X&y=\${ICWS_X}&z=\\'\\\\&g=[1-3]{a,b}`,
  requestHeaders: {
    'ININ-ICWS-CSRF-Token': '<redacted>',
    cookie: '<redacted>',
    'X-Echo': '${ICWS_X}"; touch header-ran; echo "',
    "X-Name'$(touch name-ran)": "it's; touch quote2-ran",
    // fish reads \' inside single quotes as a quote.
    'X-Fish': "x\\'; touch ran-fish; echo \\'",
    'X-Backslashes': "\\\\'\\ '' \\",
    'X-Unicode': 'héllo ☎ \u2028',
  },
  requestBody: { target: "'; touch body-ran; echo '", note: '$(touch body2-ran) `touch body3-ran` \\ \\\' "\u2028', control: 'a\n\u0003\u001b[201~\u009b\u007f' },
});

/** Headers no shell can be given portably: a pasted control character can end a bracketed paste and run the rest. */
const CONTROL_HEADERS: Record<string, string> = {
  // dash knows no $'…': a header written that way ran `touch` under dash.
  'X-A': "\n'; touch ran-dash; #",
  'X-Control': 'a\n touch newline-ran\n\u0003\u001b[201~touch esc-ran\r\u009b\u007f',
  'X-Tab': 'a\tb',
  'X-Nul': 'a\u0000b',
  'X-$(touch name2-ran)\n': 'fine',
};

interface Shell {
  name: string;
  argv: (script: string) => string[];
}

/** Each shell with `curl` as a function printing its arguments one per line. */
const SHELLS: Shell[] = ([
  { name: 'bash', argv: (script) => ['bash', '--norc', '--noprofile', '-c', `curl() { printf '%s\\n' "$@"; }\n${script}`] },
  { name: 'bash --posix', argv: (script) => ['bash', '--posix', '--norc', '--noprofile', '-c', `curl() { printf '%s\\n' "$@"; }\n${script}`] },
  { name: 'dash', argv: (script) => ['dash', '-c', `curl() { printf '%s\\n' "$@"; }\n${script}`] },
  { name: 'fish', argv: (script) => ['fish', '--no-config', '-c', `function curl; printf '%s\\n' $argv; end\n${script}`] },
  { name: 'zsh', argv: (script) => ['zsh', '-f', '-c', `curl() { printf '%s\\n' "$@"; }\n${script}`] },
] satisfies Shell[]).filter(({ argv }) => spawnSync('sh', ['-c', `command -v ${argv('')[0]}`]).status === 0);

/** Runs curl text in a shell; returns the arguments curl got, with whatever else happened. */
function runCurl(shell: Shell, text: string): { args: string[]; stderr: string; status: number | null; created: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'icws-curl-'));
  const home = mkdtempSync(join(tmpdir(), 'icws-home-'));
  try {
    const [command, ...args] = shell.argv(text);
    const run = spawnSync(command!, args, {
      cwd: dir,
      // stdin not a socket: bash would read ~/.bashrc as if started by rshd.
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LC_ALL: 'C.UTF-8', ...SESSION_ENV },
    });
    return { args: run.stdout.split('\n').slice(0, -1), stderr: run.stderr, status: run.status, created: readdirSync(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

/** The URL as WHATWG URL reads it, with the session id filled in when the copy carries it. */
function expectedUrl(url: string, withSession: boolean): string {
  const href = new URL(url).href;
  return withSession ? href.replaceAll('%7BsessionId%7D', SESSION_ENV.ICWS_SESSION_ID) : href;
}

/** What curl should get for `recorded`: its method, URL and headers (but those with control characters), its body. */
function expectedArgs(recorded: HttpExchange, withSession: boolean): string[] {
  const args = ['-g', '-X', recorded.method, expectedUrl(recorded.url, withSession)];
  for (const [name, value] of Object.entries(recorded.requestHeaders)) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' || CONTROL.test(name + value)) continue;
    if (lower === 'inin-icws-csrf-token') {
      if (withSession) args.push('-H', `${name}: ${SESSION_ENV.ICWS_CSRF_TOKEN}`);
    } else if (lower === 'cookie') {
      if (withSession) args.push('-H', `${name}: ${SESSION_ENV.ICWS_COOKIE}`);
    } else args.push('-H', `${name}: ${value}`);
  }
  if (recorded.requestBody !== undefined) args.push('--data-raw', JSON.stringify(recorded.requestBody));
  return args;
}

/** Runs `recorded`'s curl text in every shell, checking it did what it says and nothing else. */
function checkInEveryShell(recorded: HttpExchange, options: { sessionOrigin?: string }, withSession: boolean): string {
  const text = curlFor(recorded, options);
  // Lines (the comments, then the command) and no other control character.
  for (const line of text.split('\n')) assert.doesNotMatch(line, CONTROL, 'no raw control character in the text');
  assert.doesNotMatch(text, /\$'/, "no $'…' (dash and fish do not know it)");
  const expected = expectedArgs(recorded, withSession);
  for (const shell of SHELLS) {
    const run = runCurl(shell, text);
    assert.deepEqual(run.created, [], `${shell.name}: nothing but curl ran`);
    assert.equal(run.stderr, '', shell.name);
    assert.equal(run.status, 0, shell.name);
    // The body is JSON: compare its value (DEL and C1 controls are written as \u escapes).
    const body = expected.at(-2) === '--data-raw' ? run.args.at(-1) : undefined;
    if (body !== undefined) {
      assert.deepEqual(JSON.parse(body), recorded.requestBody, shell.name);
      assert.deepEqual(run.args.slice(0, -1), expected.slice(0, -1), `${shell.name}:\n${text}`);
    } else assert.deepEqual(run.args, expected, `${shell.name}:\n${text}`);
  }
  return text;
}

describe('copy as curl', () => {
  it(`runs in bash and its POSIX mode (and dash, fish, zsh where installed; here: ${SHELLS.map((s) => s.name).join(', ')})`, () => {
    assert.ok(SHELLS.some((s) => s.name === 'bash') && SHELLS.some((s) => s.name === 'bash --posix'));
  });

  it('keeps every recorded value a literal in every shell, with the session variables', () => {
    checkInEveryShell(HOSTILE, { sessionOrigin: SERVER }, true);
  });

  it('keeps every recorded value a literal in every shell, without the session variables', () => {
    checkInEveryShell({ ...HOSTILE, url: HOSTILE.url.replace(SERVER, 'https://elsewhere.example') }, { sessionOrigin: SERVER }, false);
    checkInEveryShell(HOSTILE, {}, false);
  });

  it('leaves out a header with a control character, saying which in a comment', () => {
    const recorded = exchange({ requestHeaders: { ...HOSTILE.requestHeaders, ...CONTROL_HEADERS } });
    for (const options of [{ sessionOrigin: SERVER }, {}]) {
      const text = checkInEveryShell(recorded, options, options.sessionOrigin !== undefined);
      const comments = text.split('\n').filter((line) => line.startsWith('#'));
      assert.deepEqual(comments, [
        '# left out header "X-A": it holds control characters',
        '# left out header "X-Control": it holds control characters',
        '# left out header "X-Tab": it holds control characters',
        '# left out header "X-Nul": it holds control characters',
        '# left out header "X-%24%28touch%20name2-ran%29%0A": it holds control characters',
      ]);
      assert.equal(text.split('\n').length, comments.length + 1, 'the comments, then the command');
    }
  });

  it('writes a URL with control characters percent-encoded, as WHATWG URL reads it', () => {
    checkInEveryShell(exchange({ url: `${SERVER}/icws/{sessionId}/x\u0001y\u009b/z?q=\u007f\u001b[201~` }), { sessionOrigin: SERVER }, true);
  });

  it('writes the session variables only for a call under the current session server\'s /icws/', () => {
    const own = curlFor(exchange(), { sessionOrigin: `${SERVER}/` });
    for (const variable of ['"$ICWS_SESSION_ID"', '"$ICWS_CSRF_TOKEN"', '"$ICWS_COOKIE"']) assert.ok(own.includes(variable), `${variable} in ${own}`);
    const foreignUrls = [
      'https://evil.example/icws/{sessionId}/interactions/1001234567/consult',
      `${SERVER}@evil.example/icws/{sessionId}/x`,
      'http://127.0.0.1:8019/icws/{sessionId}/x',
      'https://127.0.0.1:8018/icws/{sessionId}/x',
      // Same origin, outside /icws/: another application on the server.
      `${SERVER}/hr-app/{sessionId}/export`,
      `${SERVER}/icws/{sessionId}/%252e%252e/%252e%252e/hr-app/export`,
      `http://user:{sessionId}@127.0.0.1:8018/icws/{sessionId}/x`,
    ];
    for (const url of foreignUrls) {
      for (const options of [{ sessionOrigin: SERVER }, {}]) {
        const curl = curlFor(exchange({ url }), options);
        assert.doesNotMatch(curl, /ICWS_|csrf|cookie/i, curl);
        for (const shell of options.sessionOrigin ? SHELLS : []) {
          const run = runCurl(shell, curl);
          assert.equal(run.args[3], new URL(url).href, 'the session id stays the literal {sessionId}');
          assert.ok(!run.args.some((arg) => /csrf|cookie|sid-ran|expanded/i.test(arg)), run.args.join(' '));
        }
      }
    }
  });

  it('decides where the call goes as curl will: a backslash before the path sends no variables elsewhere', () => {
    // WHATWG URL reads `\` as `/` (host 127.0.0.1:8018); curl, given the text, went to 127.0.0.1:9931.
    const url = `${SERVER}\\@127.0.0.1:9931/icws/{sessionId}/messaging/messages`;
    const curl = curlFor(exchange({ method: 'GET', url, requestBody: undefined }), { sessionOrigin: SERVER });
    assert.doesNotMatch(curl, /ICWS_/, 'the path is not under /icws/: no session variables');
    const [run] = SHELLS.map((shell) => runCurl(shell, curl));
    const emitted = run!.args[3]!;
    assert.equal(emitted, new URL(url).href);
    assert.doesNotMatch(emitted, /\\/);
    // The authority (what curl connects to) is the one WHATWG URL read.
    assert.equal(/^http:\/\/([^/?#]*)/.exec(emitted)?.[1], '127.0.0.1:8018');
  });

  it('writes a URL that is not http(s) after --url, so curl cannot read it as an option', () => {
    for (const url of ['--output=ran-output', '-K/etc/hosts', 'file:///etc/hosts']) {
      const curl = curlFor(exchange({ url }), { sessionOrigin: SERVER });
      assert.doesNotMatch(curl, /ICWS_/);
      for (const shell of SHELLS) assert.deepEqual(runCurl(shell, curl).args.slice(0, 5), ['-g', '-X', 'POST', '--url', url], shell.name);
    }
  });

  it('sends the variables under a reverse-proxy prefix only under its /icws/', () => {
    const base = 'https://cic.example/api';
    assert.match(curlFor(exchange({ url: `${base}/icws/{sessionId}/x` }), { sessionOrigin: base }), /ICWS_SESSION_ID/);
    assert.doesNotMatch(curlFor(exchange({ url: 'https://cic.example/icws/{sessionId}/x' }), { sessionOrigin: base }), /ICWS_/);
    assert.doesNotMatch(curlFor(exchange({ url: 'https://cic.example/hr-app/export' }), { sessionOrigin: base }), /ICWS_/);
  });
});

/** Runs fetch text as an async function with `fetch` recording its call. */
async function runFetch(text: string): Promise<{ url: string; init: RequestInit }> {
  const calls: { url: string; init: RequestInit }[] = [];
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
  const code = new AsyncFunction('fetch', 'ICWS_SESSION_ID', 'ICWS_CSRF_TOKEN', text);
  await code(async (url: string, init: RequestInit) => calls.push({ url, init }), 'SID', 'TOKEN');
  assert.equal(calls.length, 1);
  return calls[0]!;
}

describe('copy as fetch', () => {
  it('keeps every recorded value a literal when the code is run', async () => {
    const hostileBody = JSON.parse('{"__proto__":{"polluted":1},"target":"7002\\"); alert(1); (\\"\\u2028\\u0085</script>"}') as unknown;
    const headers: Record<string, string> = { ...HOSTILE.requestHeaders, 'X-Control': 'a\n touch newline-ran\n\u0003\u001b[201~touch esc-ran\r\u009b\u007f' };
    const call = await runFetch(fetchFor({ ...HOSTILE, requestHeaders: headers, requestBody: hostileBody }, { sessionOrigin: SERVER }));
    assert.equal(call.url, new URL(HOSTILE.url).href.replace('%7BsessionId%7D', 'SID'));
    assert.equal(call.init.method, 'POST');
    assert.equal(call.init.credentials, 'include');
    const { cookie: _cookie, ...sent } = headers;
    assert.deepEqual(call.init.headers, { ...sent, 'ININ-ICWS-CSRF-Token': 'TOKEN' });
    assert.equal(call.init.body, JSON.stringify(hostileBody), 'the body is sent as recorded, __proto__ key included');
  });

  it('writes the session variables only for a call under the current session server\'s /icws/', async () => {
    const own = fetchFor(exchange(), { sessionOrigin: SERVER });
    assert.match(own, /ICWS_SESSION_ID/);
    assert.match(own, /ICWS_CSRF_TOKEN/);
    assert.match(own, /credentials: "include"/);
    const foreign = ['https://evil.example/icws/{sessionId}/interactions/1001234567/consult', `${SERVER}\\@127.0.0.1:9931/icws/{sessionId}/messaging/messages`, `${SERVER}/hr-app/{sessionId}/export`];
    for (const url of foreign) {
      for (const options of [{ sessionOrigin: SERVER }, {}]) {
        const code = fetchFor(exchange({ url }), options);
        assert.doesNotMatch(code, /ICWS_|csrf|credentials/i, code);
        const call = await runFetch(code);
        assert.equal(call.url, new URL(url).href);
        assert.deepEqual(call.init.headers, { 'content-type': 'application/vnd.inin.icws+JSON; charset=utf-8' });
      }
    }
  });
});
