// Checks the packaged .vsix: under 1 MiB, ships dist/ (the Node extension with the service in
// its own file beside it), schemas/, syntaxes/, README and licence, and nothing of src/, test/
// or node_modules/, nor the language server (dist/server.js, for the npm package only). Also
// checks that the Node extension's entry stays small: activation loads only it, and the service (dist/node/engine.js) is loaded when the first article needs it.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

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
  'extension/dist/node/engine.js',
  'extension/dist/browser/extension.js',
  'extension/dist/cli.js',
  'extension/dist/cli/check.js',
  'extension/dist/service.js',
  'extension/schemas/article.schema.json',
  'extension/README.md',
  'extension/LICENSE',
]) {
  if (!entries.includes(wanted)) problems.push(`missing ${wanted}`);
}
if (!entries.some((entry) => entry.startsWith('extension/syntaxes/'))) problems.push('missing syntaxes/');
// The CLI's code cache is made for the Node that built it, and source maps are for developers.
for (const entry of entries.filter((entry) => /\.(cache|map)$/.test(entry))) problems.push(`ships ${entry}`);
/** The most the Node entry may weigh: the adapter alone is about 50 KB minified, the service 600 KB. */
const MAX_NODE_ENTRY = 150 * 1024;
const nodeEntry = statSync('dist/node/extension.js').size;
if (nodeEntry > MAX_NODE_ENTRY) {
  problems.push(`dist/node/extension.js is ${nodeEntry} bytes: the service is bundled into it again`);
}
if (!readFileSync('dist/node/extension.js', 'utf8').includes('require("./engine.js")')) {
  problems.push('dist/node/extension.js does not load ./engine.js');
}
// The language server (`article-frontmatter lsp`) ships in the npm package, not in the .vsix.
if (entries.includes('extension/dist/server.js')) problems.push('ships extension/dist/server.js');
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
