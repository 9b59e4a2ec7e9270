// The floor of the site row of `npm run bench`: one Node process that reads every file named
// (or every `.md` below the folders named) and runs the `yaml` package's Lexer over its front
// matter to the end, nothing else. Prints `{ "files": N, "bytes": B }` on stdout.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Lexer } from 'yaml';
import { frontMatterOf } from './lib.mjs';

const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_data')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.md')) files.push(full);
  }
};
for (const arg of process.argv.slice(2)) {
  if (statSync(arg).isDirectory()) walk(arg);
  else files.push(arg);
}
let bytes = 0;
let tokens = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  const yaml = frontMatterOf(text);
  if (yaml === undefined) continue;
  for (const _ of new Lexer().lex(yaml)) tokens++;
}
process.stdout.write(JSON.stringify({ files: files.length, bytes, tokens }) + '\n');
