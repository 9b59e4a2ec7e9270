// A peer checking files in a fresh process, as a CLI would: `node peer-cli.mjs yls|remark FILE…`.
// Everything is counted, from loading the peer and setting up its schema to the last file.
// Prints `{ "files": N, "diagnostics": M }` on stdout.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { frontMatterOf } from './lib.mjs';
import { createRemarkPeer, createYamlPeer } from './peers.mjs';

const [which, ...files] = process.argv.slice(2);
let diagnostics = 0;
if (which === 'yls') {
  const peer = createYamlPeer();
  for (const file of files) {
    const yaml = frontMatterOf(await readFile(file, 'utf8'));
    if (yaml === undefined) continue;
    // The front matter as a YAML document of its own, beside the article.
    diagnostics += (await peer.validate(pathToFileURL(file).href + '.yaml', 1, yaml)).length;
  }
} else if (which === 'remark') {
  const peer = await createRemarkPeer();
  for (const file of files) {
    diagnostics += (await peer.validate(file, await readFile(file, 'utf8'))).length;
  }
} else {
  console.error('usage: node peer-cli.mjs yls|remark FILE…');
  process.exit(2);
}
process.stdout.write(JSON.stringify({ files: files.length, diagnostics }) + '\n');
