import { strict as assert } from 'node:assert';
import { checkQueueName, checkServerUrl, checkTarget, checkUserId, normalizeServerUrl, parseAttributes, sendsPasswordInTheClear } from '../../src/icws';

describe('input checks', () => {
  it('accepts server URLs with a scheme and no path', () => {
    for (const url of ['http://127.0.0.1:8018', 'https://cic01.example.local:8019/', 'https://proxy/api/cic01', 'https://cic01:8019/icws']) assert.equal(checkServerUrl(url), undefined, url);
  });

  it('explains what is wrong with a server URL', () => {
    assert.match(checkServerUrl('')!, /Enter the server address/);
    assert.match(checkServerUrl('cic01:8019')!, /Start with http:\/\/ or https:\/\//);
    assert.match(checkServerUrl('https://cic01:8019/some/path')!, /no path/);
    assert.match(checkServerUrl('https://u:p@cic01')!, /Leave the user name and password out/);
    assert.match(checkServerUrl('https://cic01/?x=1')!, /query/);
  });

  it('normalizes a server URL', () => {
    assert.equal(normalizeServerUrl(' https://cic01:8019/icws/ '), 'https://cic01:8019');
  });

  it('accepts numbers, extensions and user IDs as targets', () => {
    for (const target of ['7002', '+1 (317) 555-0100', 'agent2', 'j.doe@corp', '*86#']) assert.equal(checkTarget(target), undefined, target);
  });

  it('rejects empty, whitespace and mixed number/letter targets with a clear message', () => {
    assert.match(checkTarget('')!, /Enter a number/);
    assert.match(checkTarget('   ')!, /Enter a number/);
    assert.match(checkTarget('+1317555abc')!, /only digits/);
    assert.match(checkTarget('agent 2')!, /no spaces/);
  });

  it('checks user IDs and queue names', () => {
    assert.match(checkUserId(' ')!, /Enter your CIC user ID/);
    assert.match(checkUserId('agent 1')!, /no spaces/);
    assert.equal(checkUserId('agent1'), undefined);
    assert.match(checkQueueName('')!, /Enter the queue name/);
    assert.equal(checkQueueName('Support'), undefined);
  });

  it('knows when a login would send the password in clear text to another machine', () => {
    for (const remote of ['http://cic01.example.local:8018', 'http://10.0.0.5:8018', 'http://[fe80::1]:8018', 'http://127.0.0.1.example.com:8018', 'HTTP://CIC01:8018']) assert.equal(sendsPasswordInTheClear(remote), true, remote);
    for (const local of ['https://cic01.example.local:8019', 'http://127.0.0.1:8018', 'http://127.1.2.3:8018', 'http://localhost:8018', 'http://sim.localhost:8018', 'http://[::1]:8018', 'http://[::ffff:127.0.0.1]:8018', 'not a url']) assert.equal(sendsPasswordInTheClear(local), false, local);
  });
});

describe('attribute input', () => {
  it('reads Name=value pairs, values may hold "=", and says what is wrong otherwise', () => {
    assert.deepEqual(parseAttributes('AccountNumber=12345; IVR_Result = billing ;Url=a=b').attributes, { AccountNumber: '12345', IVR_Result: 'billing', Url: 'a=b' });
    assert.match(parseAttributes('').problem!, /at least one/);
    assert.match(parseAttributes('novalue').problem!, /"novalue" is not Name=value/);
    assert.match(parseAttributes('=x').problem!, /is not Name=value/);
    assert.match(parseAttributes('bad name=x').problem!, /not an attribute name/);
    // As a plain object's key it would set the prototype and vanish.
    assert.deepEqual(parseAttributes('A=1; __proto__=x'), { problem: 'an attribute cannot be named __proto__' });
  });
});
