import { strict as assert } from 'node:assert';
import type { CachedInteraction } from '../../src/icws';
import { interactionContextValue, interactionDescription, interactionLabel, parseBasicTime, stateLook } from '../../src/vscode/tree/presentation';

function item(attributes: Record<string, string>): CachedInteraction {
  return { id: '1001234567', subscriptionId: 's', attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k.toLowerCase(), v])) };
}
const NO_CONSULT = { hasConsult: false, isConsultLeg: false };

describe('tree presentation', () => {
  it('labels by remote name, then number, then id', () => {
    assert.equal(interactionLabel(item({ Eic_RemoteName: 'ACME', Eic_RemoteAddress: '+1' })), 'ACME');
    assert.equal(interactionLabel(item({ Eic_RemoteAddress: '+1' })), '+1');
    assert.equal(interactionLabel(item({})), 'Interaction 1001234567');
  });

  it('describes state first, then number, direction and media, and an operation in flight', () => {
    const call = item({ Eic_RemoteName: 'ACME', Eic_RemoteAddress: '+13175550100', Eic_State: 'H', Eic_CallDirection: 'I', Eic_ObjectType: 'Call' });
    assert.equal(interactionDescription(call), 'Held · +13175550100 · inbound call');
    assert.equal(interactionDescription(call, 'transferring'), 'transferring… · Held · +13175550100 · inbound call');
    // A row without a name shows its number as the label, so the description starts with the state.
    assert.equal(interactionDescription(item({ Eic_RemoteAddress: '+13175550100', Eic_State: 'A', Eic_CallDirection: 'I' })), 'Alerting · inbound call');
  });

  it('shows muted connected calls with the mute icon', () => {
    assert.equal(stateLook(item({ Eic_State: 'C', Eic_Muted: '1' })).icon, 'mute');
    assert.equal(stateLook(item({ Eic_State: 'A' })).icon, 'bell-dot');
  });

  it('offers only what the state allows', () => {
    const words = (state: string, consult = NO_CONSULT) => interactionContextValue(item({ Eic_State: state }), consult).split(' ');
    assert.ok(words('A').includes('canPickup') && !words('A').includes('canConsult') && !words('A').includes('canHold'));
    assert.ok(words('C').includes('canConsult') && words('C').includes('canHold') && words('C').includes('canMute') && !words('C').includes('canPickup'));
    assert.ok(words('H').includes('canPickup') && words('H').includes('canHold') && !words('H').includes('canMute'));
    assert.deepEqual(words('I'), ['interaction', 'stateI']);
    const consulting = words('H', { hasConsult: true, isConsultLeg: false });
    assert.ok(consulting.includes('inConsult') && !consulting.includes('canTransfer') && !consulting.includes('canConsult'));
  });

  it('reads CIC basic-format times', () => {
    assert.equal(parseBasicTime('20240611T140512Z')?.toISOString(), '2024-06-11T14:05:12.000Z');
    assert.equal(parseBasicTime('yesterday'), undefined);
  });
});
