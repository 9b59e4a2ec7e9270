// Drives the code-server workbench the way a person would, with playwright-core and Debian's
// Chromium (see ../shared/notes/real-vscode.md for the flags and selectors). Every helper waits
// for real UI state, not for fixed delays.
/* global document, getComputedStyle, NodeFilter -- in the functions that page.evaluate runs in the workbench */
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

// Chromium profiles still on disk; removed at exit too (Playwright stops Chromium itself then),
// e.g. after Ctrl+C or a run's deadline.
const profiles = new Set();
process.on('exit', () => {
  for (const profile of profiles) {
    try {
      rmSync(profile, { recursive: true, force: true });
    } catch {
      // Chromium may still be writing into it; it is a temp folder
    }
  }
});

/**
 * Launches headless Chromium on the workbench URL and waits for the explorer to list the site.
 * `beforeGoto(page)` runs before the page loads (e.g. to `exposeFunction`); `waitForExplorer:
 * false` returns as soon as the page is requested.
 */
export async function openWorkbench(url, { viewport = VIEWPORT, beforeGoto, waitForExplorer = true } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'article-frontmatter-chromium-'));
  profiles.add(profile);
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
    profiles.delete(profile);
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

/** The error, warning and info counts of the status bar's problems item. */
export async function problemCounts(page) {
  const label = (await page.locator(SELECTORS.problemsStatus).getAttribute('aria-label')) ?? '';
  const errors = Number(/Errors?: (\d+)/i.exec(label)?.[1] ?? 0);
  const warnings = Number(/Warnings?: (\d+)/i.exec(label)?.[1] ?? 0);
  const infos = Number(/Infos?: (\d+)/i.exec(label)?.[1] ?? 0);
  return { errors, warnings, infos, label };
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

/**
 * The visible editor lines in the order they are shown (Monaco reuses line elements, so their
 * order in the page is not always the order on screen), with spaces as spaces.
 */
export async function editorLines(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')]
      .map((line) => ({ top: line.getBoundingClientRect().top, text: line.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text.replace(/\u00a0/g, ' ')),
  );
}

/** Waits until a visible editor line reads exactly `expected`. */
export async function waitForEditorLine(page, expected, timeout = 30_000) {
  await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')].some(
        (line) => (line.textContent ?? '').replace(/\u00a0/g, ' ') === wanted,
      ),
    expected,
    { timeout },
  );
}

/** The cursor as the status bar shows it: `{ line, column, selected }` (1-based). */
export async function cursorPosition(page) {
  const text = (await page.locator('#status\\.editor\\.selection').innerText()).trim();
  const match = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
  if (!match) throw new Error(`the status bar shows no cursor position: ${JSON.stringify(text)}`);
  return { line: Number(match[1]), column: Number(match[2]), selected: Number(match[3] ?? 0) };
}

/** Waits until the status bar shows the cursor on `line` (and `column`, when given). */
export async function waitForCursor(page, line, column) {
  await page.waitForFunction(
    ([l, c]) => {
      const text = document.querySelector('#status\\.editor\\.selection')?.textContent ?? '';
      return text.includes(c === undefined ? `Ln ${l},` : `Ln ${l}, Col ${c}`);
    },
    [line, column],
  );
  return cursorPosition(page);
}

/**
 * The squiggles (decorations with a `squiggly-*` class, as diagnostics are drawn) that lie under
 * the first visible occurrence of `text` in the editor: their class names.
 */
export async function squigglesUnder(page, text) {
  const box = await textBox(page, text);
  return page.evaluate((target) => {
    const found = [];
    for (const element of document.querySelectorAll(
      '.editor-instance .monaco-editor .view-overlays [class*="squiggly-"]',
    )) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const overlapsX = rect.left < target.x + target.width && target.x < rect.right;
      const overlapsY = rect.top < target.y + target.height && target.y < rect.bottom;
      if (overlapsX && overlapsY) found.push(element.className);
    }
    return found;
  }, box);
}

/** Waits until a squiggle lies under `text` in the editor and returns their class names. */
export async function waitForSquiggle(page, text, timeout = 30_000) {
  const started = Date.now();
  for (;;) {
    const squiggles = await squigglesUnder(page, text);
    if (squiggles.length) return squiggles;
    if (Date.now() - started > timeout) throw new Error(`no squiggle under ${JSON.stringify(text)}`);
    await page.waitForTimeout(100);
  }
}

/** Errors, warnings and infos the status bar counts, as one number. */
export function problemTotal(counts) {
  return counts.errors + counts.warnings + (counts.infos ?? 0);
}

/** Waits until the status bar's problem total is `expected` and returns the counts. */
export async function waitForProblemTotal(page, expected, timeout = 30_000) {
  await page
    .waitForFunction(
      (wanted) => {
        const label = document.querySelector('#status\\.problems')?.getAttribute('aria-label') ?? '';
        const count = (pattern) => Number(pattern.exec(label)?.[1] ?? 0);
        const total = count(/Errors?: (\d+)/i) + count(/Warnings?: (\d+)/i) + count(/Infos?: (\d+)/i);
        return total === wanted;
      },
      expected,
      { timeout },
    )
    .catch(async (error) => {
      const { label } = await problemCounts(page);
      throw new Error(`the status bar never counted ${expected} problems; it says ${JSON.stringify(label)}`, {
        cause: error,
      });
    });
  return problemCounts(page);
}

/**
 * Waits until the editor's lightbulb shows beside the cursor's line (on it, or on the line above
 * or below when the line has no room): VS Code has the code actions for the cursor's line.
 * Returns its locator.
 */
export async function waitForLightbulb(page, timeout = 30_000) {
  await page
    .waitForFunction(
      () => {
        const editor = document.querySelector('.editor-instance .monaco-editor');
        const bulb = editor?.querySelector('.lightBulbWidget');
        const cursor = editor?.querySelector('.cursors-layer .cursor');
        if (!bulb || !cursor || !/codicon-/.test(bulb.className)) return false;
        if (getComputedStyle(bulb).visibility === 'hidden') return false;
        const b = bulb.getBoundingClientRect();
        const c = cursor.getBoundingClientRect();
        if (b.height === 0 || c.height === 0) return false;
        return Math.abs(b.top + b.height / 2 - (c.top + c.height / 2)) <= 1.5 * c.height;
      },
      undefined,
      { timeout },
    )
    .catch(async (error) => {
      throw new Error(`no lightbulb beside the cursor: ${JSON.stringify(await overlays(page))}`, {
        cause: error,
      });
    });
  return page.locator('.editor-instance .monaco-editor .lightBulbWidget').first();
}

/**
 * Opens the Quick Fix menu from the lightbulb at the cursor and waits until it offers `title`;
 * returns the menu.
 *
 * The lightbulb, not Ctrl+.: clicking it shows the code actions VS Code already has for the
 * cursor, while Ctrl+. asks the extension host again, and VS Code 1.100 (CodeActionModel)
 * cancels that pending request when the automatic one a cursor move or a diagnostics change
 * scheduled (250 ms later) takes over, 500 ms after that. A busy extension host then turns
 * Ctrl+. into "No code actions available" although the fix is there (the lightbulb shows it).
 */
export async function openQuickFix(page, title) {
  const bulb = await waitForLightbulb(page);
  await bulb.click();
  const menu = page.locator('.action-widget');
  await menu
    .locator('.monaco-list-row')
    .filter({ hasText: title })
    .first()
    .waitFor({ state: 'visible' })
    .catch(async (error) => {
      throw new Error(
        `the Quick Fix menu never offered ${JSON.stringify(title)}: ${JSON.stringify(await overlays(page))}`,
        {
          cause: error,
        },
      );
    });
  return menu;
}

/**
 * Chooses `title` in the open Quick Fix menu with the keyboard (the menu lays a pointer block
 * over the page until the mouse moves): Down until that row is focused, then Enter.
 */
export async function chooseQuickFix(page, title) {
  const menu = page.locator('.action-widget');
  const rows = menu.locator('.monaco-list-row.action');
  const count = await rows.count();
  for (let press = 0; ; press++) {
    const focused = menu.locator('.monaco-list-row.action.focused');
    await focused.waitFor({ state: 'visible' });
    if ((await focused.getAttribute('aria-label')) === title) break;
    if (press > count) throw new Error(`the Quick Fix menu never focused ${JSON.stringify(title)}`);
    const before = await focused.getAttribute('id');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      (id) => document.querySelector('.action-widget .monaco-list-row.action.focused')?.id !== id,
      before,
    );
  }
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
}

/**
 * Selects from the cursor back to the start of its line (Shift+Home goes to the first
 * non-blank character first, then to column 1), so that typing replaces whatever an Enter
 * inserted there (indentation, a list marker).
 */
export async function selectToLineStart(page) {
  let { line, column } = await cursorPosition(page);
  for (let press = 0; column > 1; press++) {
    if (press === 3) throw new Error(`Shift+Home does not reach column 1 of line ${line}`);
    const before = column;
    await page.keyboard.press('Shift+Home');
    await page.waitForFunction(
      ([l, c]) => {
        const text = document.querySelector('#status\\.editor\\.selection')?.textContent ?? '';
        const match = /Ln (\d+), Col (\d+)/.exec(text);
        return match && Number(match[1]) === l && Number(match[2]) !== c;
      },
      [line, before],
    );
    ({ line, column } = await cursorPosition(page));
  }
}

/**
 * Opens the suggest widget (Ctrl+Space) and waits until its focused row is `label`, the one
 * Enter would accept; returns the rows' labels.
 */
export async function suggest(page, label, timeout = 30_000) {
  await page.keyboard.press('Control+Space');
  const focused = page.locator(`${SELECTORS.suggestRows}.focused`).filter({ hasText: label }).first();
  await focused.waitFor({ state: 'visible', timeout });
  const rows = await page.locator(`${SELECTORS.suggestRows} .monaco-icon-label`).allInnerTexts();
  return rows.map((row) => row.split('\n')[0]);
}

/** What the workbench shows over the editor (menus, widgets, messages) and the cursor: for failure reports. */
export async function overlays(page) {
  return page.evaluate(() => {
    const text = (selector) =>
      [...document.querySelectorAll(selector)]
        .filter((element) => element.getBoundingClientRect().height > 0)
        .map((element) => (element.textContent ?? '').trim().slice(0, 300));
    return {
      focused: document.activeElement?.className ?? null,
      cursor: document.querySelector('#status\\.editor\\.selection')?.textContent ?? null,
      problems: document.querySelector('#status\\.problems')?.getAttribute('aria-label') ?? null,
      actionWidget: text('.action-widget'),
      messages: text('.monaco-editor-overlaymessage'),
      lightbulb: text('.lightBulbWidget').length,
      hovers: text('.monaco-hover'),
      suggest: text('.suggest-widget'),
      notifications: text('.notification-toast'),
    };
  });
}
