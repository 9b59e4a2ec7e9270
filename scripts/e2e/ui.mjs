// The UI checks of `npm run test:e2e`: a person's view of the extension in a real VS Code
// (code-server 4.100.3, VS Code 1.100.3), driven by headless Chromium with the workbench.mjs
// helpers (which wait for real UI state). Each check asserts what is on screen and saves a
// screenshot in .cache/e2e-last-run/ui/ (ignored):
//   1. an article with a mistake (the unknown topic `Management Tools`): a squiggle under it,
//      and a row in the Problems panel;
//   2. its lightbulb opened and "Change to Management tools" chosen: the line is fixed and the
//      status bar counts one problem less;
//   3. `Sec` typed on a new `  - ` line of `topics:`, Ctrl+Space, Enter on `Security`;
//   4. the hover of an `images` url renders the picture.
// A fresh code-server with a temporary copy of sample-site/ (server.mjs); the picture is
// served from 127.0.0.1 and only that copy points at it (pictures.mjs). Exits non-zero on any
// failure; code-server, the picture server and Chromium are stopped whatever happens.
// Options: --skip-package (use the .vsix as it is), --keep (keep the server's temp folder).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout } from 'node:timers';
import { CACHE, ROOT, setup } from './setup.mjs';
import { startServer } from './server.mjs';
import { patchWorkspaceFile, startPictureServer } from './pictures.mjs';
import { packageIfStale } from './vsix.mjs';
import * as wb from './workbench.mjs';

const OUT = join(CACHE, 'e2e-last-run/ui');
const DRIFT = '_news/2024-02-06-infrastructure-as-code-drift-survey.md';
const DRIFT_PICTURE = 'https://regmedia.co.uk/2024/02/06/drift_diagram.jpg';
const PICTURE = 'storage-racks.png';
const TOPIC_LINE = 24; // `  - Management Tools` (sample-site/MISTAKES.md, #3)
const args = new Set(process.argv.slice(2));

function log(message) {
  process.stderr.write(`[e2e ui] ${message}\n`);
}

function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

/** The checks, in order: each one starts from the state the previous one left. */
const CHECKS = [
  {
    name: 'an unknown topic is squiggled and listed in the Problems panel',
    async run({ page, shoot, state }) {
      await wb.openFile(page, DRIFT, { expectText: 'Management Tools' });
      await wb.waitForProblems(page);
      await wb.goTo(page, TOPIC_LINE, 5);
      const squiggles = await wb.waitForSquiggle(page, 'Management Tools');
      assert.ok(
        squiggles.some((name) => /squiggly-(error|warning|info)/.test(name)),
        `the decorations under \`Management Tools\` are no diagnostic squiggles: ${squiggles.join(', ')}`,
      );
      const rows = await wb.openProblems(page, { expectText: 'Management Tools' });
      const row = rows.find((text) => text.includes('Management Tools'));
      assert.ok(row, `no Problems row mentions \`Management Tools\`:\n${rows.join('\n')}`);
      // Back in the editor (the panel took the focus): the squiggle is still on screen.
      await wb.goTo(page, TOPIC_LINE, 5);
      assert.ok((await wb.squigglesUnder(page, 'Management Tools')).length, 'the squiggle is gone');
      state.before = await wb.problemCounts(page);
      await shoot('1-squiggle-and-problems.png');
      return `Problems row: ${row.replace(/\n+/g, ' / ')}; status bar: ${state.before.label}`;
    },
  },
  {
    name: 'the quick fix changes it to `Management tools`',
    async run({ page, shoot, state }) {
      await wb.goTo(page, TOPIC_LINE, 6);
      await wb.openQuickFix(page, 'Change to Management tools');
      await shoot('2a-quick-fix-menu.png');
      await wb.chooseQuickFix(page, 'Change to Management tools');
      await wb.waitForEditorLine(page, '  - Management tools');
      const lines = await wb.editorLines(page);
      assert.ok(lines.includes('  - Management tools'), `the line was not fixed:\n${lines.join('\n')}`);
      assert.ok(!lines.includes('  - Management Tools'), 'the old topic is still there');
      const expected = wb.problemTotal(state.before) - 1;
      const after = await wb.waitForProblemTotal(page, expected);
      assert.equal(wb.problemTotal(after), expected, `status bar: ${after.label}`);
      await wb.moveMouseAway(page);
      await shoot('2b-quick-fix-applied.png');
      return `status bar: ${state.before.label} → ${after.label}`;
    },
  },
  {
    name: 'typing `Sec` in `topics:` and picking `Security` from the suggestions',
    async run({ page, shoot }) {
      await wb.goTo(page, TOPIC_LINE, 1);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await wb.waitForCursor(page, TOPIC_LINE + 1);
      // Whatever Enter inserted (indentation, a list marker), the line becomes `  - Sec`.
      await wb.selectToLineStart(page);
      await page.keyboard.type('  - Sec');
      await wb.waitForEditorLine(page, '  - Sec');
      await wb.waitForCursor(page, TOPIC_LINE + 1, 8);
      const labels = await wb.suggest(page, 'Security');
      await shoot('3a-topic-suggestions.png');
      await page.keyboard.press('Enter');
      await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
      await wb.waitForEditorLine(page, '  - Security');
      const lines = await wb.editorLines(page);
      const fixed = lines.indexOf('  - Management tools');
      assert.ok(fixed >= 0, `the topics are not on screen:\n${lines.join('\n')}`);
      assert.equal(lines[fixed + 1], '  - Security', `the topics read:\n${lines.join('\n')}`);
      await shoot('3b-topic-picked.png');
      return `suggestions: ${labels.join(', ')}`;
    },
  },
  {
    name: 'the hover of an `images` url renders the picture',
    async run({ page, shoot, pictures }) {
      await wb.goTo(page, TOPIC_LINE + 4, 1); // the `images` url, one line lower since check 3
      const hover = await wb.hoverText(page, PICTURE, { expectText: 'pixels' });
      await wb.waitForImages(hover);
      const images = await hover
        .locator('img')
        .evaluateAll((elements) => elements.map((img) => ({ src: img.src, width: img.naturalWidth })));
      const picture = images.find((image) => image.src === pictures.url(PICTURE));
      assert.ok(picture, `the hover shows no <img> of ${pictures.url(PICTURE)}: ${JSON.stringify(images)}`);
      assert.ok(picture.width > 0, `the picture did not load: ${JSON.stringify(picture)}`);
      await shoot('4-image-hover.png');
      return `hover: ${(await hover.innerText()).replace(/\n+/g, ' / ')}; <img> naturalWidth ${picture.width}`;
    },
  },
];

async function main() {
  const started = Date.now();
  packageIfStale({ skip: args.has('--skip-package'), log });
  const paths = setup();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const keep = args.has('--keep');
  const server = await startServer({ proxy: true, keep });
  let browser;
  let pictures;
  let failed = 0;
  try {
    browser = await wb.openWorkbench(server.folderUrl);
    const { page } = browser;
    pictures = await startPictureServer(browser.context, server);
    patchWorkspaceFile(server, DRIFT, [[DRIFT_PICTURE, pictures.url(PICTURE)]]);
    const shoot = (name) => page.screenshot({ path: join(OUT, name) });
    const context = { page, shoot, pictures, state: {} };
    console.log(`UI checks in code-server ${paths.codeServerVersion} (${relative(ROOT, OUT)}/):`);
    for (const [index, check] of CHECKS.entries()) {
      const checkStarted = Date.now();
      try {
        const detail = await check.run(context);
        console.log(`  ✓ ${index + 1}. ${check.name} (${seconds(checkStarted)} s)\n      ${detail}`);
      } catch (error) {
        failed = CHECKS.length - index;
        console.log(`  ✗ ${index + 1}. ${check.name} (${seconds(checkStarted)} s)`);
        console.log(`      ${(error.stack ?? String(error)).split('\n').join('\n      ')}`);
        await page.screenshot({ path: join(OUT, 'failure.png') }).catch(() => {});
        console.log(`      on screen: ${JSON.stringify(await wb.overlays(page).catch(() => ({})))}`);
        // The checks build on each other: the later ones cannot run.
        for (const [later, skipped] of CHECKS.entries()) {
          if (later > index) console.log(`  - ${later + 1}. ${skipped.name} (not run)`);
        }
        break;
      }
    }
  } finally {
    if (failed) {
      if (existsSync(server.logsDir)) cpSync(server.logsDir, join(OUT, 'logs'), { recursive: true });
      const errors = [...new Set(browser?.consoleErrors ?? [])].slice(-20);
      if (errors.length) console.log(`browser console errors:\n  ${errors.join('\n  ')}`);
      if (keep) console.log(`server folder kept: ${server.tmp}`);
    }
    await browser?.close();
    await pictures?.close();
    await server.stop();
  }
  console.log(
    `${CHECKS.length - failed} of ${CHECKS.length} UI checks passed; screenshots in ${relative(ROOT, OUT)}/ (total ${seconds(started)} s)`,
  );
  return failed ? 1 : 0;
}

// A hard deadline for the whole run: exiting makes server.mjs kill code-server's process group
// and Playwright kill Chromium.
const deadline = setTimeout(() => {
  console.error('[e2e ui] the run took more than 5 minutes: stopping');
  process.exit(1);
}, 300_000);
deadline.unref();

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e ui] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
