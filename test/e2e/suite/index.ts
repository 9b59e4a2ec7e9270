// The entry point VS Code's extension host loads through `extensionTestsPath` (see
// scripts/e2e/test.mjs, which bundles this folder with esbuild and leaves `mocha` and `vscode`
// external). It runs the suite in the real extension host and writes mocha's JSON report to
// `results.json` beside the bundle: mocha's console output does not reach code-server's log.
import Mocha from 'mocha';
import { join } from 'node:path';
import { defineTests } from './extension.test';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    reporter: 'json',
    reporterOptions: { output: join(__dirname, 'results.json') },
  });
  // Binds describe/it/before to the global object, as `mocha` does before it loads a test file.
  mocha.suite.emit('pre-require', globalThis, 'extension.test.ts', mocha);
  defineTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve(),
    );
  });
}
