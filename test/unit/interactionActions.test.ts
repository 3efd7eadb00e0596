import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allowedActions, type CachedInteraction, consultRole, EIC_STATE, INTERACTION_ACTIONS } from '../../src/icws';
import { COMMAND_ACTIONS, type InteractionCommandId, offers } from '../../src/vscode/commands/commandActions';
import { interactionContextValue } from '../../src/vscode/tree/presentation';

const ME = 'agent1';

interface MenuEntry {
  command: string;
  when: string;
}
const packageJson = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
const rowMenu = packageJson.contributes.menus['view/item/context']!;

/** The subset of VS Code's `when` language the row menus use; anything else fails the test. */
function menuShows(when: string, keys: { viewItem: string; monitorDenied: boolean }): boolean {
  return when.split('&&').every((term) => {
    const clause = term.trim();
    if (clause === 'view == icws.interactions') return true;
    if (clause === '!icws.monitorDenied') return !keys.monitorDenied;
    const equals = clause.match(/^viewItem == (\S+)$/);
    if (equals) return keys.viewItem === equals[1];
    const regex = clause.match(/^viewItem =~ \/(.*)\/([a-z]*)$/);
    if (regex) return new RegExp(regex[1]!, regex[2]).test(keys.viewItem);
    throw new Error(`the test does not understand the when clause "${clause}"`);
  });
}

interface Case {
  name: string;
  item: CachedInteraction;
  /** The consult this user started that the interaction belongs to (the ConsultTracker's answer). */
  tracked?: { interactionId: string };
  monitorDenied: boolean;
}

/** Every Eic_State letter (and none, and one no server sends), with every consult role, recorded or not, mine or another's. */
function* everyCase(): Generator<Case> {
  const states = [...Object.entries(EIC_STATE), ['none', ''], ['unknown', 'Z']] as const;
  const roles = ['no consult', 'consult original', 'consult leg', 'consult leg started elsewhere'] as const;
  for (const [stateName, letter] of states)
    for (const role of roles)
      for (const recorded of [false, true])
        for (const owner of [ME, 'AGENT2', undefined])
          for (const monitorDenied of [false, true]) {
            const attributes: Record<string, string> = {};
            if (letter) attributes.eic_state = letter;
            if (recorded) attributes.eic_recorders = 'agent1';
            if (owner) attributes.eic_localuserid = owner;
            if (role === 'consult leg started elsewhere') attributes.eic_consultcallid = '1000000001';
            const item: CachedInteraction = { id: '1000000002', subscriptionId: 's', attributes };
            const tracked = role === 'consult original' ? { interactionId: item.id } : role === 'consult leg' ? { interactionId: '1000000001' } : undefined;
            yield { name: `${stateName}, ${role}, ${recorded ? 'recorded' : 'not recorded'}, ${owner ? `${owner}'s` : 'no owner'}${monitorDenied ? ', monitoring refused' : ''}`, item, tracked, monitorDenied };
          }
}

describe('what an interaction allows (menus and palette)', () => {
  it('the row menu and the palette offer each command on the same interactions, in every state', () => {
    let checked = 0;
    for (const c of everyCase()) {
      const role = consultRole(c.item, c.tracked);
      // As the tree builds it (it knows nothing of a refused monitor: the when clause says that).
      const viewItem = interactionContextValue(c.item, role, ME);
      for (const entry of rowMenu) {
        const inMenu = menuShows(entry.when, { viewItem, monitorDenied: c.monitorDenied });
        const inPalette = entry.command in COMMAND_ACTIONS && offers(entry.command as InteractionCommandId, c.item, { ...role, me: ME, monitorDenied: c.monitorDenied });
        assert.equal(inMenu, inPalette, `${entry.command} (${entry.when}) on ${c.name}: menu ${inMenu}, palette ${inPalette}; context value "${viewItem}"`);
        checked++;
      }
    }
    assert.ok(checked > 10_000, `${checked} checks`);
  });

  it('every interaction command has a row menu entry, and every action a command', () => {
    const inMenus = new Set(rowMenu.map((entry) => entry.command));
    for (const command of Object.keys(COMMAND_ACTIONS)) assert.ok(inMenus.has(command), `${command} is on no row menu`);
    const commanded = new Set<string>(Object.values(COMMAND_ACTIONS).filter((action) => action !== undefined));
    for (const action of INTERACTION_ACTIONS) assert.ok(commanded.has(action), `no command performs ${action}`);
  });

  const item = (attributes: Record<string, string>): CachedInteraction => ({ id: '1000000002', subscriptionId: 's', attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k.toLowerCase(), v])) });
  const allowed = (attributes: Record<string, string>, context = {}) => [...allowedActions(item(attributes), { hasConsult: false, isConsultLeg: false, ...context })].sort();

  it('allows by state: ringing, connected, held, ended and unknown', () => {
    assert.deepEqual(allowed({ Eic_State: EIC_STATE.alerting }), ['blindTransfer', 'disconnect', 'makePrivate', 'park', 'pickup', 'sendToVoicemail', 'setAttributes', 'transferToVoicemail']);
    assert.deepEqual(allowed({ Eic_State: EIC_STATE.connected }), ['blindTransfer', 'conference', 'consult', 'disconnect', 'hold', 'makePrivate', 'mute', 'park', 'record', 'securePause', 'sendDigits', 'sendToVoicemail', 'setAttributes', 'transferToVoicemail']);
    assert.deepEqual(allowed({ Eic_State: EIC_STATE.held }), ['blindTransfer', 'conference', 'consult', 'disconnect', 'hold', 'makePrivate', 'park', 'pickup', 'record', 'securePause', 'sendToVoicemail', 'setAttributes', 'transferToVoicemail']);
    assert.deepEqual(allowed({ Eic_State: EIC_STATE.parked }), ['blindTransfer', 'disconnect', 'makePrivate', 'pickup', 'setAttributes']);
    assert.deepEqual(allowed({ Eic_State: EIC_STATE.internallyDisconnected }), []);
    assert.deepEqual(allowed({ Eic_State: 'Z' }), ['disconnect', 'makePrivate', 'setAttributes']);
  });

  it('offers neither blind transfer nor park on a consult leg, and the consult actions whatever its state', () => {
    const leg = allowed({ Eic_State: EIC_STATE.connected, Eic_ConsultCallId: '1000000001' });
    assert.ok(!leg.includes('blindTransfer') && !leg.includes('park') && !leg.includes('consult'), leg.join());
    assert.ok(leg.includes('completeConsult') && leg.includes('hold'));
    assert.deepEqual(allowed({ Eic_State: EIC_STATE.externallyDisconnected }, { hasConsult: true }), ['cancelConsult', 'completeConsult', 'consultSpeakTo']);
  });

  it("pauses only a recorded call, and monitors only another agent's call until the server refuses", () => {
    assert.ok(!allowed({ Eic_State: EIC_STATE.connected }).includes('pauseRecording'));
    assert.ok(allowed({ Eic_State: EIC_STATE.connected, Eic_RecordersSupv: 'supervisor' }).includes('pauseRecording'));
    const call = { Eic_State: EIC_STATE.held, Eic_LocalUserId: 'Agent2' };
    assert.deepEqual(allowed(call, { me: 'agent2' }).filter((a) => ['listen', 'coach', 'join'].includes(a)), []);
    assert.deepEqual(allowed(call, { me: 'supervisor' }).filter((a) => ['listen', 'coach', 'join'].includes(a)), ['coach', 'join', 'listen']);
    assert.deepEqual(allowed(call, { me: 'supervisor', monitorDenied: true }).filter((a) => ['listen', 'coach', 'join'].includes(a)), []);
  });
});
