// Checks the packaged .vsix: under 1 MiB, ships dist/, schemas/, syntaxes/, README and
// licence, and nothing of src/, test/ or node_modules/.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const file = process.argv[2] ?? 'article-frontmatter.vsix';
const size = statSync(file).size;
// `vsce ls` lists what the package holds, by the same rules `vsce package` uses.
const entries = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .map((entry) => `extension/${entry}`);
const problems = [];
if (size >= 1024 * 1024) problems.push(`the package is ${size} bytes, not under 1 MiB`);
for (const wanted of [
  'extension/dist/node/extension.js',
  'extension/dist/browser/extension.js',
  'extension/dist/cli.js',
  'extension/dist/service.js',
  'extension/schemas/article.schema.json',
  'extension/README.md',
  'extension/LICENSE',
]) {
  if (!entries.includes(wanted)) problems.push(`missing ${wanted}`);
}
if (!entries.some((entry) => entry.startsWith('extension/syntaxes/'))) problems.push('missing syntaxes/');
for (const entry of entries) {
  if (/^extension\/(src|test|node_modules|sample-site|scripts)\//.test(entry) || entry.endsWith('.map')) {
    problems.push(`should not ship ${entry}`);
  }
}
if (problems.length > 0) {
  console.error(`${file}: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`${file}: ${entries.length} files, ${(size / 1024).toFixed(0)} KiB`);
