/**
 * The command line, `article-frontmatter check [paths…]` (bundled as `dist/cli.js`):
 * wires the real service, files and terminal to `run`.
 */
import { version } from '../../package.json';
import { createArticleService, RULES } from '../service/index';
import { run } from './check';

// `check … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

void run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  version,
  createService: createArticleService,
  rules: RULES,
}).then((code) => {
  // Not `process.exit`: it could cut off output still being written to a pipe.
  process.exitCode = code;
});
