// Issue 17: "Check All Articles" and the CLI check exactly the same files of a site. The CLI's
// fast walk, the editor's search (its globs, as VS Code's `findFiles` matches them, then the
// host's predicate) and the host's own walk are run on one real folder and compared.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from '../src/cli/args';
import { collectFiles } from '../src/cli/files';
import { findArticleFiles, searchArticleFiles, type FolderReader } from '../src/host/index';

const ARTICLE = '---\ntitle: A\n---\n';

/** A site with everything a walk must skip or take. */
const SITE: Record<string, string> = {
  '_config.yml': 'title: Site\n',
  'index.md': ARTICLE,
  'about.markdown': ARTICLE,
  'LOUD.MD': ARTICLE,
  '.draft.md': ARTICLE,
  'notes.txt': ARTICLE,
  '_news/2024-01-01-a.md': ARTICLE,
  '_news/2024-01-02-b.markdown': ARTICLE,
  '_news/old.txt': ARTICLE,
  '_data/topics/cloud.yaml': 'name: Cloud\n',
  '_data/organizations/contoso.com.md': '---\nname: Contoso\n---\n',
  '_data/readme.txt': 'notes\n',
  '_learning/videos/intro.md': ARTICLE,
  'vendor/bundle/gems/x/README.md': '# gem\n',
  '.jekyll-cache/Jekyll/x.md': ARTICLE,
  '_site/index.md': ARTICLE,
  'node_modules/pkg/README.md': '# pkg\n',
  '.git/info/x.md': ARTICLE,
  'assets/.hidden/y.md': ARTICLE,
  'docs/deep/nested/z.md': ARTICLE,
  // Names Jekyll's entry filter leaves out: a post set aside, a partial, an editor's backup.
  '_news/#2024-01-03-set-aside.md': ARTICLE,
  'docs/_sidebar.md': ARTICLE,
  'docs/~z.md': ARTICLE,
};

/**
 * A VS Code glob as a regular expression: `**` across folders, `*` and `?` within one,
 * `{a,b}` alternatives, `[mM]` character classes; a leading dot is an ordinary character.
 */
function vscodeGlob(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      out += '.*';
      i += 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') out += '(?:';
    else if (c === '}') out += ')';
    else if (c === ',') out += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      out += glob.slice(i, end + 1);
      i = end;
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Every file below a folder, as `/`-separated relative paths, nothing skipped. */
function allFiles(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? allFiles(path.join(folder, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** The host's folder reader over the real disk, as the Node workspace reads it. */
const diskReader: FolderReader = {
  async readDirectory(uri) {
    return readdirSync(fileURLToPath(uri), { withFileTypes: true }).map((entry) => [
      entry.name,
      entry.isDirectory() ? 'directory' : 'file',
    ]);
  },
};

describe('Check All Articles and the CLI check the same files', () => {
  let root: string;
  let folderUri: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'af-same-files-'));
    for (const [name, text] of Object.entries(SITE)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    folderUri = pathToFileURL(root).href;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** Relative paths of file URIs below the site, sorted. */
  const relative = (uris: readonly string[]) =>
    uris.map((uri) => path.relative(root, fileURLToPath(uri)).split(path.sep).join('/')).sort();

  const EXPECTED = [
    'LOUD.MD',
    '_learning/videos/intro.md',
    '_news/2024-01-01-a.md',
    '_news/2024-01-02-b.markdown',
    'about.markdown',
    'docs/deep/nested/z.md',
    'index.md',
  ];

  it('the CLI walks the site for .md and .markdown, skipping what Jekyll skips', async () => {
    const files = await collectFiles([], root);
    assert.deepEqual(relative(files.map((file) => pathToFileURL(file.path).href)), EXPECTED);
  });

  it('Check All, through the editor’s search and the host’s predicate, takes exactly those', async () => {
    const everything = allFiles(root);
    const searched: string[][] = [];
    const found = await searchArticleFiles(
      async (include, exclude) => {
        searched.push([include, exclude]);
        const [wanted, unwanted] = [vscodeGlob(include), vscodeGlob(exclude)];
        return everything
          .filter((file) => wanted.test(file) && !unwanted.test(file))
          .map((file) => pathToFileURL(path.join(root, file)).href);
      },
      [folderUri],
    );
    assert.equal(searched.length, 1, 'one search');
    const cli = await collectFiles([], root);
    assert.deepEqual(relative(found), relative(cli.map((file) => pathToFileURL(file.path).href)));
    // With a turn for the editor between files, as Check All lists thousands: the same files.
    const paced = await searchArticleFiles(
      async () => everything.map((file) => pathToFileURL(path.join(root, file)).href),
      [folderUri],
      async () => {},
    );
    assert.deepEqual(relative(paced), relative(found));
  });

  it('the host’s own walk, for a language server, takes exactly those too', async () => {
    assert.deepEqual(relative(await findArticleFiles(folderUri, diskReader)), EXPECTED);
  });

  it('.txt files are articles only when named', async () => {
    const named = await collectFiles(['notes.txt', '_news/old.txt'], root);
    assert.deepEqual(
      named.map((file) => path.relative(root, file.path).split(path.sep).join('/')),
      ['_news/old.txt', 'notes.txt'],
    );
  });

  it('--rule takes the same severity words as the settings', () => {
    const command = parseArgs(['check', '--rule', 'unknown-topic=info'], ['unknown-topic']);
    assert.deepEqual(command.kind === 'check' && command.options.rules, { 'unknown-topic': 'information' });
  });
});
