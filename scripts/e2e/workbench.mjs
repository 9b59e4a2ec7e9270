// Drives the code-server workbench the way a person would, with playwright-core and Debian's
// Chromium (see ../shared/notes/real-vscode.md for the flags and selectors). Every helper waits
// for real UI state, not for fixed delays.
/* global document, NodeFilter -- in the functions that page.evaluate runs in the workbench */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './setup.mjs';

export const VIEWPORT = { width: 1280, height: 800 };
export const SELECTORS = {
  explorerRows: '.explorer-folders-view .monaco-list-row',
  editorLines: '.editor-instance .monaco-editor .view-lines',
  problemsStatus: '#status\\.problems',
  problemsRows: '.markers-panel .monaco-list-row',
  hover: '.monaco-hover:visible',
  suggestRows: '.suggest-widget .monaco-list-row',
  quickInputRows: '.quick-input-list .monaco-list-row',
  notifications: '.notification-toast',
};

/**
 * Launches headless Chromium on the workbench URL and waits for the explorer to list the site.
 * `beforeGoto(page)` runs before the page loads (e.g. to `exposeFunction`); `waitForExplorer:
 * false` returns as soon as the page is requested.
 */
export async function openWorkbench(url, { viewport = VIEWPORT, beforeGoto, waitForExplorer = true } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'article-frontmatter-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    if (beforeGoto) await beforeGoto(page);
    await page.goto(url);
    if (waitForExplorer) await page.locator(SELECTORS.explorerRows).first().waitFor({ timeout: 60_000 });
  } catch (error) {
    await close();
    throw error;
  }
  return { context, page, consoleErrors, close };
}

/** The text of the visible editor lines (Monaco renders spaces as U+00A0). */
export async function editorText(page) {
  return (await page.locator(SELECTORS.editorLines).first().innerText()).replace(/\u00a0/g, ' ');
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its text in the editor. */
export async function openFile(page, relativePath, { expectText } = {}) {
  const name = relativePath.split('/').pop();
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  // Enter accepts the focused row: wait until the picker has filtered down to the file (the
  // list first shows the recently opened files, the active editor first).
  const row = page.locator(`${SELECTORS.quickInputRows}.focused`).filter({ hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 30_000 });
  if (expectText) await waitForEditorText(page, expectText);
}

export async function waitForEditorText(page, expected, timeout = 30_000) {
  const started = Date.now();
  for (;;) {
    const text = await editorText(page).catch(() => '');
    if (text.includes(expected)) return;
    if (Date.now() - started > timeout)
      throw new Error(`the editor never showed ${JSON.stringify(expected)}; it shows:\n${text}`);
    await page.waitForTimeout(100);
  }
}

/** Moves the cursor with "Go to Line/Column" (Ctrl+G): 1-based line and column. */
export async function goTo(page, line, column = 1) {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.waitForFunction(
    ([l, c]) => {
      const status = document.querySelector('#status\\.editor\\.selection');
      return status?.textContent?.includes(`Ln ${l}, Col ${c}`);
    },
    [line, column],
  );
}

export async function focusEditor(page) {
  const editor = page.locator('.editor-instance .monaco-editor textarea').first();
  await editor.focus();
}

/** The error and warning counts of the status bar's problems item. */
export async function problemCounts(page) {
  const label = (await page.locator(SELECTORS.problemsStatus).getAttribute('aria-label')) ?? '';
  const errors = Number(/Errors?: (\d+)/i.exec(label)?.[1] ?? 0);
  const warnings = Number(/Warnings?: (\d+)/i.exec(label)?.[1] ?? 0);
  return { errors, warnings, label };
}

/** Waits until the status bar counts at least one problem (of the open editors). */
export async function waitForProblems(page, timeout = 60_000) {
  await page.waitForFunction(
    () => {
      const label = document.querySelector('#status\\.problems')?.getAttribute('aria-label') ?? '';
      return /(Errors?|Warnings?): [1-9]/i.test(label);
    },
    undefined,
    { timeout },
  );
  return problemCounts(page);
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its rows' texts once it lists some. */
export async function openProblems(page, { expectText } = {}) {
  await page.keyboard.press('Control+Shift+M');
  const rows = page.locator(SELECTORS.problemsRows);
  if (expectText) await rows.filter({ hasText: expectText }).first().waitFor({ timeout: 30_000 });
  else await rows.first().waitFor({ timeout: 30_000 });
  return rows.allInnerTexts();
}

/**
 * The on-screen box of the first visible occurrence of `text` in the editor (within one visual
 * line), measured on the text itself whatever spans Monaco splits it into.
 */
export async function textBox(page, text) {
  const box = await page.evaluate((needle) => {
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let all = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, start: all.length });
        all += node.data;
      }
      const index = all.replace(/\u00a0/g, ' ').indexOf(needle);
      if (index < 0) continue;
      const locate = (offset) => {
        const found = nodes.findLast(
          (entry) => entry.start <= offset && offset <= entry.start + entry.node.data.length,
        );
        return [found.node, offset - found.start];
      };
      const range = document.createRange();
      range.setStart(...locate(index));
      range.setEnd(...locate(index + needle.length));
      const rect = range.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    }
    return undefined;
  }, text);
  if (!box)
    throw new Error(`${JSON.stringify(text)} is not on screen in the editor:\n${await editorText(page)}`);
  return box;
}

/** Moves the mouse out of the editor so that no hover stays open. */
export async function moveMouseAway(page) {
  await page.mouse.move(VIEWPORT.width - 5, 5);
  await page
    .locator(SELECTORS.hover)
    .first()
    .waitFor({ state: 'hidden' })
    .catch(() => {});
}

/**
 * Hovers `text` in the editor (its first visible occurrence; `at` is how far into it, 0 to 1)
 * and waits for a hover holding `expectText`.
 */
export async function hoverText(page, text, { expectText, at = 0.3 } = {}) {
  await moveMouseAway(page);
  const box = await textBox(page, text);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 1, y);
  await page.mouse.move(box.x + Math.max(1, box.width * at), y, { steps: 5 });
  const hover = page
    .locator(SELECTORS.hover)
    .filter(expectText ? { hasText: expectText } : {})
    .first();
  await hover.waitFor({ state: 'visible', timeout: 20_000 });
  return hover;
}

/** Waits until every picture in `locator` has loaded (and fails if one cannot). */
export async function waitForImages(locator, timeout = 20_000) {
  await locator.locator('img').first().waitFor({ timeout });
  await locator
    .page()
    .waitForFunction(
      (element) => [...element.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0),
      await locator.elementHandle(),
      { timeout },
    );
}

/** Runs a command by its title from the command palette (F1). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator(SELECTORS.quickInputRows).filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Waits for a notification holding `text` and returns it. */
export async function waitForNotification(page, text, timeout = 60_000) {
  const toast = page.locator(SELECTORS.notifications).filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout });
  return toast;
}
