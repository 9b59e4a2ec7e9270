// Takes the README's screenshots from a real VS Code (code-server 4.100.3, VS Code 1.100.3)
// with the packaged extension installed, driven by Chromium as a person would use it:
//   diagnostics.png       an article with a mistake: the squiggle, and the Problems panel after
//                         "Article Front Matter: Check All Articles"
//   quick-fix.png         Ctrl+. on the unknown topic `Management Tools`
//   topic-completion.png  Ctrl+Space on a new `  - ` line of `topics:`
//   image-hover.png       the hover of an `images` url, the picture rendered
//   related-hover.png     the card of a `related` entry
// Run with `npm run screenshots` (packages the extension and installs code-server first).
//
// This machine cannot reach the internet, so the sample site's picture addresses cannot load.
// For the two hovers with a picture, a local HTTP server on 127.0.0.1 serves two PNGs drawn
// by pictures.mjs, and ONLY the temporary copy of the sample site used for the screenshots
// points at them (through code-server's own /proxy/PORT/ path, see pictures.mjs).
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setup, ROOT } from './setup.mjs';
import { startServer } from './server.mjs';
import { patchWorkspaceFile, startPictureServer } from './pictures.mjs';
import * as wb from './workbench.mjs';

const OUT = join(ROOT, 'docs/screenshots');
const STORAGE = '_news/2024-01-09-object-storage-prices-fall-again.md';
const DRIFT = '_news/2024-02-06-infrastructure-as-code-drift-survey.md';
const ARTICLE_PICTURE = 'https://www.contoso-news.com/images/2024/01/storage-racks.jpg';
const RELATED_PICTURE = 'https://www.zdnet.com/a/img/2024/01/05/egress-fees-chart.jpg';

async function main() {
  const started = Date.now();
  setup();
  mkdirSync(OUT, { recursive: true });
  const keep = process.env.E2E_KEEP === '1';
  const server = await startServer({ proxy: true, keep });
  let browser;
  let pictures;
  const shots = [];
  try {
    browser = await wb.openWorkbench(server.folderUrl);
    const { page } = browser;
    pictures = await startPictureServer(browser.context, server);
    // Point the copy's two pictures at the local server, through code-server's origin.
    patchWorkspaceFile(server, STORAGE, [
      [ARTICLE_PICTURE, pictures.url('storage-racks.png')],
      [RELATED_PICTURE, pictures.url('egress-fees-chart.png')],
    ]);

    const shoot = async (name, what) => {
      const path = join(OUT, name);
      await page.screenshot({ path });
      shots.push(`${relative(ROOT, path)}: ${what}`);
    };

    // (a) diagnostics: the squiggle under `quality: high`, and every article's problems.
    await wb.openFile(page, STORAGE, { expectText: 'quality: high' });
    await wb.waitForProblems(page);
    await wb.runCommand(page, 'Article Front Matter: Check All Articles');
    const done = await wb.waitForNotification(page, 'Checked');
    const summary = await done.locator('.notification-list-item-message').innerText();
    await done.getByRole('button', { name: 'Show Problems' }).click();
    await page
      .locator(wb.SELECTORS.problemsRows)
      .filter({ hasText: 'must be a whole number' })
      .first()
      .waitFor();
    await wb.goTo(page, 12, 1);
    const squiggleHover = await wb.hoverText(page, 'high', { expectText: 'must be a whole number' });
    const counts = await wb.problemCounts(page);
    await shoot(
      'diagnostics.png',
      `squiggle under \`high\` with its hover (${(await squiggleHover.innerText()).replace(/\n+/g, ' / ')}), Problems panel (${counts.label}); notification: ${summary}`,
    );
    await wb.moveMouseAway(page);

    // (b) quick fix on the unknown topic.
    await page.keyboard.press('Control+J'); // hide the panel
    await wb.openFile(page, DRIFT, { expectText: 'Management Tools' });
    await wb.goTo(page, 24, 6);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.filter({ hasText: 'Change to Management tools' }).waitFor({ state: 'visible' });
    await shoot('quick-fix.png', `Quick Fix menu: ${(await menu.innerText()).replace(/\n/g, ' / ')}`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });

    // (d) image hover.
    await wb.openFile(page, STORAGE, { expectText: 'quality: high' });
    await wb.goTo(page, 31, 1);
    let hover = await wb.hoverText(page, 'storage-racks.png', { expectText: 'pixels' });
    await wb.waitForImages(hover);
    await shoot('image-hover.png', `image hover: ${(await hover.innerText()).replace(/\n+/g, ' / ')}`);

    // (e) related card.
    await wb.goTo(page, 31, 1);
    hover = await wb.hoverText(page, 'Why egress fees matter', { expectText: 'ZDNet' });
    await wb.waitForImages(hover);
    await shoot('related-hover.png', `related card: ${(await hover.innerText()).replace(/\n+/g, ' / ')}`);
    await wb.moveMouseAway(page);

    // (c) topic completion on a new list item (typed last: it leaves the file changed).
    await wb.goTo(page, 24, 12);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('  - ');
    const suggestions = page.locator(wb.SELECTORS.suggestRows);
    // Right after Enter, VS Code may not have tokenized the new line as the front matter's
    // embedded YAML yet: it then takes the position for Markdown and adds its snippets (bold,
    // code, …) below the topics. Ask again once the line is tokenized, as a writer would.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+Space');
      await suggestions.filter({ hasText: 'Management tools' }).first().waitFor();
      const snippets = await page.locator('.suggest-widget .monaco-list-row .codicon-symbol-snippet').count();
      if (snippets === 0) break;
      console.log(`completion attempt ${attempt}: ${snippets} Markdown snippets listed with the topics`);
      if (attempt === 10) throw new Error('Markdown snippets keep being listed with the topics');
      await page.keyboard.press('Escape');
      await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
      await page.waitForTimeout(300);
    }
    await shoot(
      'topic-completion.png',
      `suggestions: ${(await suggestions.allInnerTexts()).map((row) => row.split('\n')[0]).join(', ')}`,
    );
    await page.keyboard.press('Escape');

    if (browser.consoleErrors.length) {
      console.log(`browser console errors:\n  ${[...new Set(browser.consoleErrors)].join('\n  ')}`);
    }
  } catch (error) {
    if (browser) await browser.page.screenshot({ path: join(server.tmp, 'failure.png') }).catch(() => {});
    console.error(`screenshot run failed: ${error.stack ?? error}`);
    if (keep) console.error(`see ${server.tmp} (failure.png, user-data/logs)`);
    process.exitCode = 1;
  } finally {
    for (const { file, text } of server.readLogs()) {
      const bad = text.split('\n').filter((line) => /\[(error|warning)\]/.test(line));
      if (bad.length && /exthost|article-frontmatter/.test(file))
        console.log(`${file}:\n  ${bad.join('\n  ')}`);
    }
    await browser?.close();
    await pictures?.close();
    await server.stop();
  }
  for (const shot of shots) console.log(shot);
  console.log(`screenshots took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

await main();
