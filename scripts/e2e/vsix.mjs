// Packages the extension (`npm run package`) when article-frontmatter.vsix is missing or older
// than dist/ or src/, so that the end-to-end runs test what the sources build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, VSIX } from './setup.mjs';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** `skip`: use the .vsix as it is when there is one; `log(message)`: progress lines. */
export function packageIfStale({ skip = false, log = () => {} } = {}) {
  if (skip && existsSync(VSIX)) return;
  const vsixTime = existsSync(VSIX) ? statSync(VSIX).mtimeMs : 0;
  const sourcesTime = Math.max(newestMtime(join(ROOT, 'dist')), newestMtime(join(ROOT, 'src')));
  if (vsixTime >= sourcesTime) {
    log(`${relative(ROOT, VSIX)} is up to date`);
    return;
  }
  log(`${existsSync(VSIX) ? 'repackaging' : 'packaging'} the extension (npm run package)`);
  const result = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('npm run package failed');
}
