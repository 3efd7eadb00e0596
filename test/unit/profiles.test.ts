import { strict as assert } from 'node:assert';
import { findProfile, makeProfile, parseProfiles, profileForLogin, recordOf } from '../../src/vscode/session/profiles/profileRecords';

describe('connection profiles (the icws.profiles setting)', () => {
  it('reads entries with defaults, and skips a bad one naming the entry and what is wrong', () => {
    const { profiles, problems } = parseProfiles([
      { id: 'a1', serverUrl: 'https://cic-dev:8019/icws/', userId: ' agent1 ' },
      { name: 'Prod supervisor', serverUrl: 'https://cic-prod:8019', userId: 'supervisor', production: true },
      { name: 'Broken', serverUrl: 'cic-dev', userId: 'agent2' },
      { id: 'a1', serverUrl: 'https://other:8019', userId: 'agent3' },
    ]);
    assert.deepEqual(
      profiles.map((p) => [p.id, p.name, p.serverUrl, p.userId, p.production, p.confirmActions, p.messaging]),
      [
        ['a1', 'agent1 @ cic-dev:8019', 'https://cic-dev:8019', 'agent1', false, true, 'auto'],
        ['supervisor@https://cic-prod:8019', 'Prod supervisor', 'https://cic-prod:8019', 'supervisor', true, true, 'auto'],
      ],
    );
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /icws\.profiles\[2\] \("Broken"\): Start with http/);
    assert.match(problems[1]!, /icws\.profiles\[3\]: the id "a1" is used twice/);
    assert.deepEqual(parseProfiles('not a list'), { profiles: [], problems: [] });
  });

  it('finds a profile by name or id, and by server and user whatever the case', () => {
    const { profiles } = parseProfiles([{ id: 'x', name: 'Agent2 @ dev', serverUrl: 'https://cic-dev:8019', userId: 'agent2' }]);
    assert.equal(findProfile(profiles, 'agent2 @ DEV')?.id, 'x');
    assert.equal(findProfile(profiles, 'x')?.id, 'x');
    assert.equal(findProfile(profiles, 'agent3'), undefined);
    assert.equal(profileForLogin(profiles, 'HTTPS://CIC-DEV:8019/', 'AGENT2')?.id, 'x');
    assert.equal(profileForLogin(profiles, 'https://cic-dev:8019', 'agent1'), undefined);
  });

  it('makes new profiles with unique names and ids, and writes back only what differs from the defaults', () => {
    const first = makeProfile([], 'https://cic-dev:8019', 'agent1');
    const second = makeProfile([first], 'https://cic-dev:8019', 'agent1');
    assert.notEqual(first.id, second.id);
    assert.equal(second.name, 'agent1 @ cic-dev:8019 (2)');
    assert.deepEqual(recordOf(first), { id: first.id, name: first.name, serverUrl: 'https://cic-dev:8019', userId: 'agent1' });
    const round = parseProfiles([recordOf({ ...first, production: true, confirmActions: false, color: 'charts.red' })]).profiles[0]!;
    assert.deepEqual([round.id, round.production, round.confirmActions, round.color], [first.id, true, false, 'charts.red']);
  });
});
