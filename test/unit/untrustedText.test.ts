import { strict as assert } from 'node:assert';
import type { CachedInteraction } from '../../src/icws';
import { markdownText, plainText } from '../../src/vscode/display/untrustedText';
import { interactionDescription, interactionLabel, interactionTooltip } from '../../src/vscode/tree/presentation';

/** What anyone can put in a caller ID name. */
export const HOSTILE_NAME = `<img src=x onerror=alert(1)> [x](command:workbench.action.quit) $(alert) \u202Egnp.exe ${'W'.repeat(10_000)}`;

function caller(name: string): CachedInteraction {
  return { id: '1001234567', subscriptionId: 's', attributes: { eic_remotename: name, eic_remoteaddress: '[call](https://evil.example)', eic_state: 'A', eic_calldirection: 'I' } };
}

describe('untrusted text', () => {
  it('leaves no link, codicon, direction override or control character in plain text', () => {
    const text = plainText('[Open](command:workbench.action.quit) $(alert) \u202Eabc\u0007\nnext');
    assert.ok(!text.includes(']('), text);
    assert.ok(!text.includes('$('), text);
    assert.ok(!/[\u202e\u0007\n]/.test(text), text);
    assert.equal(text, '[Open] (command:workbench.action.quit) $\u200b(alert) abc next');
  });

  it('cuts long text with an ellipsis, never inside a surrogate pair', () => {
    assert.equal(plainText('x'.repeat(10_000), 80).length, 80);
    assert.ok(plainText('x'.repeat(10_000), 80).endsWith('…'));
    const emoji = plainText('😀'.repeat(100), 10);
    assert.equal(Array.from(emoji).length, 10);
    assert.ok(!/[\ud800-\udbff]…$/.test(emoji));
  });

  it('escapes every Markdown and HTML character for tooltips', () => {
    assert.equal(markdownText('<img src=x>'), '\\<img src=x\\>');
    assert.equal(markdownText('[x](command:y)'), '\\[x\\] \\(command:y\\)');
    assert.equal(markdownText('**bold** $(alert)'), '\\*\\*bold\\*\\* \\$\u200b\\(alert\\)');
  });

  it('keeps a hostile caller name inert and short in the row, and escaped in the tooltip', () => {
    const item = caller(HOSTILE_NAME);
    const label = interactionLabel(item);
    assert.ok(label.length <= 80, `${label.length} characters`);
    assert.ok(!label.includes('$(') && !label.includes('](') && !label.includes('\u202e'), label);
    assert.ok(!interactionDescription(item).includes(']('));
    const tooltip = interactionTooltip(item, { Eic_RemoteName: HOSTILE_NAME });
    assert.ok(!/(^|[^\\])</.test(tooltip), 'an unescaped < in the tooltip');
    assert.ok(!/(^|[^\\])\]\s*\\?\(/.test(tooltip.replace(/\\\]/g, '')), 'a link in the tooltip');
    assert.ok(tooltip.length < 2_000, `${tooltip.length} characters`);
  });
});
