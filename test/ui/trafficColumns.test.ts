// The Traffic panel, second pass (issue 23), in a real workbench: rows told apart by their Name at
// the default width, selection and related rows readable (contrast measured from computed styles in
// dark, light and high-contrast themes), a HAR export of a filtered view, and the column chooser
// remembered across a reload of the window.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { waitFor } from '../support/waitFor';
import { connectedWorkbench, openTrafficPanel, pickUpAndConsult, runCommand, setColorTheme } from './workbench';

// The page's globals, for the functions Playwright runs inside it (this file is checked as Node code).
interface PageElement {
  textContent: string | null;
  parentElement: PageElement | null;
  offsetParent: unknown;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
declare function getComputedStyle(element: PageElement): { color: string; backgroundColor: string };

/** What a cell's text is drawn in and on: its colour and every background from the page down to it. */
interface Paint {
  text: string;
  color: string;
  backgrounds: string[];
}

describe('UI: the Traffic panel, second pass (code-server + Chromium)', function () {
  const current = connectedWorkbench('traffic-columns');

  before(async () => {
    // A call picked up and consulted: pickup, consult and the messages they caused.
    const { page, simulator } = current();
    await pickUpAndConsult(page, simulator);
  });

  it('tells two operations on one call apart by the visible text of their rows, at the default width', async () => {
    const frame = await openTrafficPanel(current().page);
    const names = frame.locator('.grid-row.call .cell.name');
    const pickup = frame.locator('.grid-row.call', { has: frame.locator('.cell.name', { hasText: /^pickup …\d{4}$/ }) }).first();
    const consult = frame.locator('.grid-row.call', { has: frame.locator('.cell.name', { hasText: /^consult …\d{4}$/ }) }).first();
    await consult.waitFor({ state: 'visible', timeout: 20_000 });
    await pickup.waitFor({ state: 'visible' });
    // What a person sees of each Name: its text when it fits its cell (nothing cut off at the end).
    const seen = async (row: Locator) => row.locator('.cell.name').evaluate((element) => {
      const cell = (element as unknown as PageElement);
      return { text: cell.textContent ?? '', fits: cell.scrollWidth <= cell.clientWidth, title: cell.getAttribute('title') ?? '' };
    });
    const [a, b] = [await seen(pickup), await seen(consult)];
    assert.ok(a.fits && b.fits, `a Name is cut at the default width: ${JSON.stringify([a, b])}`);
    assert.notEqual(a.text, b.text);
    assert.match(b.title, /^\/icws\/\{sessionId\}\/interactions\/\d+\/consult$/, 'the full path is in the tooltip');
    assert.ok((await names.count()) >= 2);
    // The details' title starts with the Name too, then the whole URL.
    await consult.click();
    await frame.locator('#details .detail-title .detail-name', { hasText: /^consult …\d{4}$/ }).waitFor({ state: 'visible' });
    assert.match((await frame.locator('#details .detail-title').getAttribute('title')) ?? '', /^POST http.*\/consult$/);
  });

  it('draws the selected row in the list selection colours, related rows with a lighter mark, every text at 4.5:1 or more', async () => {
    const { page } = current();
    for (const [theme, themeClass] of [['Dark Modern', 'vs-dark'], ['Light Modern', 'vs'], ['Dark High Contrast', 'hc-black'], ['Light High Contrast', 'hc-light']] as const) {
      await setColorTheme(page, theme);
      await page.locator(`.monaco-workbench.${themeClass}`).waitFor({ state: 'attached' });
      const frame = await openTrafficPanel(page);
      const consult = frame.locator('.grid-row.call', { has: frame.locator('.cell.name', { hasText: /^consult …\d{4}$/ }) }).first();
      await consult.click();
      await frame.locator('.grid-row.selected', { has: frame.locator('.cell.name', { hasText: /^consult/ }) }).waitFor({ state: 'visible' });
      await frame.locator('.grid-row.related').first().waitFor({ state: 'visible' });
      const panel = await page.locator('.part.panel').first().evaluate((element) => getComputedStyle((element as unknown as PageElement)).backgroundColor);
      for (const focus of ['focused', 'not focused'] as const) {
        if (focus === 'not focused') await frame.locator('#details .detail-title').click();
        const selected = await paints(frame, '.grid-row.selected .cell');
        const related = await paints(frame, '.grid-row.related:not(.selected) .cell');
        const others = await paints(frame, '.grid-row:not(.selected):not(.related) .cell');
        assert.ok(selected.length && related.length && others.length, `${theme}: rows missing`);
        for (const paint of [...selected, ...related, ...others, ...(await paints(frame, '.grid-header .cell .title'))]) {
          const ratio = contrast(paint, panel);
          assert.ok(ratio >= 4.5, `${theme} (${focus}): "${paint.text}" is ${paint.color} on ${paint.backgrounds.join(' / ')}: ${ratio.toFixed(2)}:1`);
        }
        // The selection stands out more than a related row: its own background.
        const fill = (paint: Paint) => paint.backgrounds.filter((colour) => !isTransparent(colour)).length;
        if (!themeClass.startsWith('hc')) assert.ok(fill(selected[0]!) > fill(related[0]!), `${theme}: the selected row has no fill of its own over a related one`);
      }
    }
    await setColorTheme(page, 'Dark Modern');
  });

  it('exports only the entries a filter shows, under a default name, and says how many', async () => {
    const { page, folder } = current();
    const frame = await openTrafficPanel(page);
    await frame.locator('#filter input').fill('/consult');
    await frame.locator('body[data-filter="/consult"]').waitFor({ state: 'attached' });
    const shown = await frame.locator('.grid-row').count();
    assert.ok(shown >= 1);
    await runCommand(page, 'ICWS: Export Filtered Traffic as HAR…');
    // The save dialog offers icws-<server>-<date>.har in the workspace folder.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    // (The simple dialog fills in the folder first, the file name a moment later.)
    await waitFor('the default file name', async () => /\/workspace\/icws-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.har$/.test(await input.inputValue()), 15_000);
    await input.press('Enter');
    await page.locator('.notifications-toasts .notification-toast', { hasText: new RegExp(`exported ${shown} (entry|entries) \\(those the filter "/consult" shows\\)`) }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Reveal' }).first().waitFor({ state: 'visible' });
    const file = readdirSync(folder).find((name) => /^icws-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.har$/.test(name));
    assert.ok(file, `no archive in ${folder}`);
    try {
      const har = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { log: { entries: { request: { url: string } }[]; _icwsMessages: unknown[] } };
      assert.equal(har.log.entries.length + har.log._icwsMessages.length, shown, 'the archive holds the shown entries');
      assert.ok(har.log.entries.length >= 1);
      for (const entry of har.log.entries) assert.match(entry.request.url, /\/consult/);
    } finally {
      rmSync(join(folder, file), { force: true });
    }
    await runCommand(page, 'Notifications: Clear All Notifications');
    await frame.locator('#filter input').fill('');
    await frame.locator('body[data-filter=""]').waitFor({ state: 'attached' });
  });

  it('hides a column from the header’s context menu, keeps it hidden across a reload, and shows it again', async () => {
    const { page } = current();
    let frame = await openTrafficPanel(page);
    assert.ok(await isColumnShown(frame, 'kind'));
    await chooseColumn(frame, 'Kind');
    await frame.locator('.cell.head.kind').waitFor({ state: 'detached' });
    assert.equal(await frame.locator('.grid-row .cell.kind').count(), 0, 'the rows still draw the hidden column');

    // The new page's load, awaited: the old status bar is still there for a moment after the command.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.statusbar-item', { hasText: 'agent1' }).first().waitFor({ state: 'visible', timeout: 60_000 }).catch(() => undefined);
    frame = await openTrafficPanel(page);
    await frame.locator('.cell.head.name').waitFor({ state: 'visible' });
    assert.equal(await isColumnShown(frame, 'kind'), false, 'the column came back after the reload');

    await chooseColumn(frame, 'Kind');
    await frame.locator('.cell.head.kind').waitFor({ state: 'visible' });
  });
});

async function isColumnShown(frame: FrameLocator, id: string): Promise<boolean> {
  await frame.locator('.cell.head.name').waitFor({ state: 'visible' });
  return (await frame.locator(`.cell.head.${id}`).count()) > 0;
}

/** Right-clicks the table's header and toggles a column in the chooser. */
async function chooseColumn(frame: FrameLocator, title: string): Promise<void> {
  await frame.locator('.grid-header .cell.head.name').click({ button: 'right' });
  const item = frame.locator('#column-menu .menu-item', { hasText: title });
  await item.waitFor({ state: 'visible' });
  await item.click();
  await frame.locator('#column-menu').waitFor({ state: 'detached' });
}

/** Each matching element's text colour and the background colours from the page's root down to it. */
function paints(frame: FrameLocator, selector: string): Promise<Paint[]> {
  return frame.locator('body').evaluate((body, css) => {
    const out: { text: string; color: string; backgrounds: string[] }[] = [];
    for (const element of (body as unknown as PageElement).querySelectorAll(css)) {
      const text = element.textContent?.trim() ?? '';
      if (!text || element.offsetParent === null) continue;
      const backgrounds: string[] = [];
      for (let at: PageElement | null = element; at; at = at.parentElement) backgrounds.unshift(getComputedStyle(at).backgroundColor);
      out.push({ text, color: getComputedStyle(element).color, backgrounds });
    }
    return out;
  }, selector);
}

function rgba(colour: string): [number, number, number, number] {
  const parts = (colour.match(/[\d.]+/g) ?? []).map(Number);
  if (parts.length < 3) throw new Error(`not a colour: ${colour}`);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

function isTransparent(colour: string): boolean {
  return rgba(colour)[3] === 0;
}

/** `top` drawn over the opaque `under`. */
function over(top: string, under: [number, number, number]): [number, number, number] {
  const [r, g, b, a] = rgba(top);
  return [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a)];
}

/** WCAG contrast of a text's colour against what it is drawn on (the panel's colour under the page). */
function contrast(paint: Paint, panel: string): number {
  let ground = over(panel, [255, 255, 255]);
  for (const layer of paint.backgrounds) ground = over(layer, ground);
  const text = over(paint.color, ground);
  const luminance = ([r, g, b]: [number, number, number]) => {
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const [lighter, darker] = [luminance(text), luminance(ground)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
