/**
 * The command line, `article-frontmatter check [paths…]` (bundled as `dist/cli/check.js`,
 * loaded by `dist/cli.js`): wires the real service, files and terminal to `run`. In a helper
 * thread (see parallel.ts) it checks the files it takes from the shared queue instead.
 */
import { fstatSync, statSync } from 'node:fs';
import { version } from '../../package.json';
import { createArticleService, RULES } from '../service/index';
import { FileChecker, problemText, run } from './check';
import { InputError } from './files';
import { Output } from './output';
import { HELPER_THREAD, receiveIndexes, runHelper, sendLog, startHelper, type HelperTask } from './parallel';

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false; // closed
  }
}

if (process.env[HELPER_THREAD] !== '1') {
  const stdout = new Output(1, () => process.stdout);
  const stderr = new Output(2, () => process.stderr);
  // The launcher: a helper thread runs it too (and it loads this bundle with the code cache).
  const launcher = process.argv[1];
  void run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => stdout.write(text),
    stderr: (text) => stderr.write(text),
    // Asked only when a progress line could be shown. `process.stderr` loads Node's streams:
    // asked only of a character device (a terminal, or /dev/null), not of a pipe or a file.
    get stderrIsTTY() {
      return isCharacterDevice(2) && process.stderr.isTTY === true;
    },
    version,
    createService: createArticleService,
    rules: RULES,
    // Asked only for runs large enough for helper threads.
    get cores() {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('node:os') as typeof import('node:os')).availableParallelism();
    },
    startHelper: (task, log) => startHelper(launcher, task, log),
    startLanguageServer() {
      // `dist/server.js`, beside the launcher: loaded only for `lsp`, so `check` stays fast.
      const server = `${__dirname}/../server.js`;
      // The VS Code extension's copy of the CLI does not carry the server (the .vsix stays small).
      if (!statSync(server, { throwIfNoEntry: false })?.isFile()) {
        throw new InputError(
          'this copy of article-frontmatter has no language server (the VS Code extension ships without it): install the npm package',
        );
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(server) as typeof import('../server/index')).startStdioServer();
    },
  }).then((code) => {
    // Not `process.exit`: it could cut off output still being written to a pipe.
    process.exitCode = code;
  });
} else {
  // Loaded only here: worker_threads costs the main thread about 3 ms to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const port = parentPort!;
  const task = workerData as HelperTask;
  const checker = new FileChecker(
    task.root,
    task.settings,
    task.cwd,
    createArticleService,
    (message, error) => sendLog(port, problemText(message, error)),
  );
  // Each thread has its own services: their site indexes are copies of the main thread's.
  void receiveIndexes(port)
    .then((indexes) => checker.adoptIndexes(indexes, task.files, task.wholeSites))
    .then(() => runHelper(task, port, (file) => checker.check(file)));
}
