// Drives the real workbench as a person would: palette, quick inputs, views, context menus.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import type { IcwsSimulator, SimulatorOptions } from '../../src/simulator';
import { type CodeServer, launchBrowser, openWorkbench, ROOT, startCodeServer, workbenchUrl } from '../support/codeServer';
import { removeScratch, scratchDir } from '../support/scratch';
import { createCall, startSimulator } from '../support/simulator';

/** Where every screenshot goes (ignored by git). */
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
/** The README's pictures (tracked): refreshed only by `npm run screenshots`, which sets ICWS_UPDATE_SCREENSHOTS=1. */
const README_SCREENSHOTS = join(ROOT, 'media', 'screenshots');

export interface Workbench {
  page: Page;
  simulator: IcwsSimulator;
  server: CodeServer;
  browser: Browser;
  /** The workspace folder code-server opened. */
  folder: string;
  close(): Promise<void>;
}

/**
 * A simulator, and code-server with the extension under development pointed at it. `copies` puts
 * files in the workspace before the workbench opens (name in the workspace → file to copy).
 */
export async function openWorkbenchWithSimulator(options: SimulatorOptions = {}, settings: Record<string, unknown> = {}, copies: Record<string, string> = {}): Promise<Workbench> {
  const simulator = await startSimulator({ pace: 'workbench', ...options });
  const scratch = scratchDir('ui');
  const folder = join(scratch, 'workspace');
  mkdirSync(folder, { recursive: true });
  for (const [name, source] of Object.entries(copies)) copyFileSync(source, join(folder, name));
  const server = await startCodeServer({
    userDataDir: join(scratch, 'user-data'),
    extensionsDir: join(scratch, 'extensions'),
    folder,
    settings: { 'icws.serverUrl': simulator.url, 'icws.userId': 'agent1', ...settings },
  });
  const browser = await launchBrowser();
  const page = await openWorkbench(browser, workbenchUrl(server, folder, { extensionDevelopmentPath: ROOT }));
  return {
    page,
    simulator,
    server,
    browser,
    folder,
    close: async () => {
      await browser.close();
      await server.stop();
      await simulator.stop();
      removeScratch(scratch);
    },
  };
}

/**
 * For a describe block: a workbench connected as agent1 before its tests, and closed after them
 * (with a last screenshot). Returns a getter, since the workbench exists only once `before` ran.
 */
export function connectedWorkbench(name: string, settings: Record<string, unknown> = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = await openWorkbenchWithSimulator({}, settings);
    await openIcwsView(workbench.page);
    await connectFromPalette(workbench.page, workbench.simulator.url);
  });
  after(async () => {
    if (!workbench) return;
    await screenshot(workbench.page, `${name}-final`);
    await workbench.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not start');
    return workbench;
  };
}

/** Saves a screenshot in test-results/screenshots; one `forReadme` is also copied to media/screenshots by `npm run screenshots`. */
export async function screenshot(page: Page, name: string, options: { forReadme?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  if (options.forReadme && process.env.ICWS_UPDATE_SCREENSHOTS === '1') copyFileSync(path, join(README_SCREENSHOTS, `${name}.png`));
  return path;
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget input');
}

/** Opens the palette and runs a command by its title ("ICWS: Connect"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const words = title.replace(/…$/, '');
  const row = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: words }).first();
  // The palette lists what the context allows when it opens: a command enabled a moment ago (a
  // context key the extension just set, on a loaded machine) may not be there yet; it is opened
  // again rather than failing on the first look.
  for (let attempt = 1; ; attempt++) {
    await openPalette(page, `>${words}`);
    const shown = await row.waitFor({ state: 'visible', timeout: attempt === 3 ? 30_000 : 10_000 }).then(() => true, (error: unknown) => (attempt === 3 ? Promise.reject(error) : false));
    if (shown) break;
    await page.keyboard.press('Escape');
  }
  await quickInput(page).press('Enter');
}

/**
 * Opens the command palette and types into it. A key pressed while the workbench is busy can be
 * lost, and a webview that had the focus can take it back and close the palette: so the focus
 * leaves any webview first, and the whole step is tried again if the palette does not stay open.
 */
async function openPalette(page: Page, text: string): Promise<void> {
  const input = quickInput(page);
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(() => {
      const active = (globalThis as unknown as { document: { activeElement: { tagName: string; blur(): void } | null } }).document.activeElement;
      if (active?.tagName === 'IFRAME') active.blur();
    });
    await page.keyboard.press('F1');
    const typed = await input
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => input.fill(text, { timeout: 5_000 }))
      .then(() => true, () => false);
    if (typed) return;
    if (attempt === 3) throw new Error(`the command palette did not stay open to type "${text}"`);
    await page.keyboard.press('Escape');
  }
}

/** Answers the input box or quick pick that is showing. */
export async function answer(page: Page, text: string, expectPrompt?: RegExp): Promise<void> {
  const input = quickInput(page);
  await input.waitFor({ state: 'visible' });
  if (expectPrompt) await page.locator('.quick-input-widget', { hasText: expectPrompt }).waitFor({ state: 'visible' });
  await input.fill(text);
  await input.press('Enter');
}

/** Picks the quick-pick row with this text. */
export async function pick(page: Page, text: string | RegExp): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/**
 * Shows the ICWS view container. Its activity bar icon toggles the side bar: after a reload the
 * workbench restores the container by itself, a moment later, and a click at that moment hid it
 * again. So the icon is clicked only while it is not the active one, and again if the view then
 * still does not show.
 */
export async function openIcwsView(page: Page): Promise<Locator> {
  const view = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: /Interactions/i }) }).first();
  const icon = page.locator('.activitybar .action-item', { has: page.locator('a[aria-label^="ICWS"]') }).first();
  for (let attempt = 1; attempt <= 5; attempt++) {
    if (await view.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) return view;
    const active = /\bchecked\b/.test((await icon.getAttribute('class')) ?? '');
    if (!active) await icon.click();
  }
  await view.waitFor({ state: 'visible' });
  return view;
}

/** A tree row whose accessible label matches. */
export function treeRow(view: Locator, label: string | RegExp): Locator {
  return view.locator('.monaco-list-row', { hasText: label }).first();
}

/** Connects from the palette as a person would (the server and user of settings became the first profile). */
export async function connectFromPalette(page: Page, simulatorUrl: string, password = '1234', userId = 'agent1'): Promise<void> {
  await runCommand(page, 'ICWS: Connect');
  await answerConnect(page, simulatorUrl, userId, password);
  await page.locator('.statusbar-item', { hasText: userId }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Answers Connect's questions: which profile (this user's on this server, else a new one), then
 * the server and user of a new profile, then the password.
 */
export async function answerConnect(page: Page, simulatorUrl: string, userId: string, password: string): Promise<void> {
  const newProfile = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'New profile…' }).first();
  const serverPrompt = page.locator('.quick-input-widget', { hasText: /ICWS server address/ });
  await newProfile.or(serverPrompt).first().waitFor({ state: 'visible' });
  if (await newProfile.isVisible()) {
    const existing = page.locator('.quick-input-widget .monaco-list-row', { hasText: `${userId} @ ${new URL(simulatorUrl).host}` }).first();
    if (await existing.isVisible()) {
      await existing.click();
      await answer(page, password, new RegExp(`Password of ${userId}`));
      return;
    }
    await newProfile.click();
  }
  await answer(page, simulatorUrl, /ICWS server address/);
  await answer(page, userId, /CIC user ID/);
  await answer(page, password, new RegExp(`Password of ${userId}`));
}

/** Opens a row's context menu and runs the entry with this label. */
export async function contextMenu(page: Page, row: Locator, entry: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-item', { hasText: entry }).first();
  await item.waitFor({ state: 'visible' });
  // The menu ignores a mouse-up that comes right after it opened; hover focuses the entry.
  await item.hover();
  await page.keyboard.press('Enter');
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached' });
}

/** The labels of a context menu's entries (then closes it). */
export async function contextMenuEntries(page: Page, row: Locator): Promise<string[]> {
  await row.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  await menu.waitFor({ state: 'visible' });
  const labels = await menu.locator('.action-item .action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((label) => label.trim()).filter(Boolean);
}

/** The Traffic panel's page (inside the webview's two frames). */
export function trafficFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
}

/** Shows the Traffic panel from the palette, as a person would, and returns its page. */
export async function openTrafficPanel(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'ICWS: Show Traffic');
  const frame = trafficFrame(page);
  await frame.locator('#grid').waitFor({ state: 'visible', timeout: 20_000 });
  return frame;
}

/**
 * Runs the palette entry whose label is exactly `title` (runCommand takes the first match, and
 * some titles begin others: "Notebook: Execute Cell", "… and Focus Container").
 */
export async function runExactCommand(page: Page, title: string): Promise<void> {
  await openPalette(page, `>${title}`);
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first().click();
}

/** Switches the colour theme with Preferences: Color Theme, as a person would. */
export async function setColorTheme(page: Page, theme: string): Promise<void> {
  await runExactCommand(page, 'Preferences: Color Theme');
  const input = quickInput(page);
  await input.waitFor({ state: 'visible' });
  await input.fill(theme);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: theme }).first().waitFor({ state: 'visible' });
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * A call from Wayne Enterprises picked up from the tree and consulted to 7002 from its context menu:
 * the pickup and consult requests and the messages they caused, for the Traffic tests to look at.
 */
export async function pickUpAndConsult(page: Page, simulator: IcwsSimulator): Promise<void> {
  const view = await openIcwsView(page);
  await createCall(simulator, { to: 'agent1', from: '+13175550100', name: 'Wayne Enterprises' });
  const row = view.locator('.monaco-list-row', { hasText: 'Wayne Enterprises' }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await contextMenu(page, row, 'Pick Up');
  await view.locator('.monaco-list-row', { hasText: /Wayne Enterprises.*Connected/ }).first().waitFor({ state: 'visible' });
  await contextMenu(page, row, 'Consult Transfer…');
  await pick(page, 'To a number or user');
  await answer(page, '7002', /Number, extension or user ID/);
  // The consult leg under the caller: the request went out.
  await view.locator('.monaco-list-row', { hasText: /7002/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
}
