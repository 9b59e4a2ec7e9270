import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseArgs, usage, UsageError } from '../src/cli/args';
import { defaultThreads, FileUris, run, type CliEnvironment } from '../src/cli/check';
import { WorkQueue, type HelperResult, type HelperTask } from '../src/cli/parallel';
import { collectFiles, displayPath, InputError, LISTED_FROM, SiteRootFinder } from '../src/cli/files';
import { Output } from '../src/cli/output';
import { createProgress } from '../src/cli/progress';
import { countSeverities, formatJson, formatSummary, formatText, toEntries } from '../src/cli/report';
import type { ArticleService, ArticleServiceOptions } from '../src/service/types';
import { createNodeWorkspace } from '../src/node/nodeWorkspace';

const repo = path.resolve(__dirname, '..');
const fixtures = path.join(__dirname, 'fixtures', 'cli');
const cli = path.join(repo, 'dist', 'cli.js');
const isRoot = process.getuid?.() === 0;

/** A scratch folder tree: `files` maps relative paths to contents. */
function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'af-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** A scratch folder tree for one test, removed when the test ends, passed or failed. */
function scratch(t: TestContext, files: Record<string, string>): string {
  const root = makeTree(files);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

function diagnostic(
  line: number,
  character: number,
  severity: DiagnosticSeverity,
  code: string,
  message: string,
): Diagnostic {
  return {
    range: { start: { line, character }, end: { line, character: character + 3 } },
    severity,
    code,
    message,
  };
}

describe('parseArgs', () => {
  const codes = ['unknown-topic', 'yaml-syntax'];

  test('defaults: check the current folder as text', () => {
    assert.deepEqual(parseArgs(['check']), {
      kind: 'check',
      options: { paths: [], format: 'text', rules: {}, quiet: false },
    });
  });

  test('every option, with and without =', () => {
    const command = parseArgs(
      [
        'check',
        'a',
        '--root',
        'site',
        '--schema=s.json',
        '--format',
        'json',
        '--rule',
        'unknown-topic=off',
        '--quiet',
        'b',
      ],
      codes,
    );
    assert.deepEqual(command, {
      kind: 'check',
      options: {
        paths: ['a', 'b'],
        root: 'site',
        schema: 's.json',
        format: 'json',
        rules: { 'unknown-topic': 'off' },
        quiet: true,
      },
    });
  });

  test('--jobs: a number of threads from 1 to 64', () => {
    const command = parseArgs(['check', '--jobs', '3'], codes);
    assert.equal(command.kind === 'check' && command.options.jobs, 3);
    for (const bad of ['0', '65', 'two', '1.5', '-1', ''])
      assert.throws(() => parseArgs(['check', `--jobs=${bad}`], codes), UsageError, bad);
  });

  test('--rule repeats, the last one winning per code', () => {
    const command = parseArgs(['check', '--rule=yaml-syntax=warning', '--rule', 'yaml-syntax=hint'], codes);
    assert.equal(command.kind, 'check');
    assert.deepEqual(command.kind === 'check' && command.options.rules, { 'yaml-syntax': 'hint' });
  });

  test('help and version win, -- ends the options', () => {
    assert.deepEqual(parseArgs(['check', '--bogus', '-h']), { kind: 'help' });
    assert.deepEqual(parseArgs(['--help']), { kind: 'help' });
    assert.deepEqual(parseArgs(['--version']), { kind: 'version' });
    const command = parseArgs(['check', '--', '--help', '-x.md']);
    assert.deepEqual(command.kind === 'check' && command.options.paths, ['--help', '-x.md']);
  });

  const bad: Array<[string[], RegExp]> = [
    [['check', '--bogus'], /unknown option '--bogus'/],
    [['check', '-q'], /unknown option '-q'/],
    [['check', '--format', 'xml'], /unknown --format 'xml' \(use text, json, sarif or github\)/],
    [['check', '--fix=yes'], /--fix takes no value/],
    [['check', '--fix', '--fix-dry-run'], /use --fix or --fix-dry-run, not both/],
    [
      ['check', '--fix-dry-run', '--format', 'json'],
      /--fix-dry-run prints a diff: it cannot be combined with --format json/,
    ],
    [['check', '--format'], /option --format needs a value/],
    [['check', '--root', '--quiet'], /option --root needs a value/],
    [['check', '--root='], /option --root needs a value/],
    [['check', '--quiet=yes'], /--quiet takes no value/],
    [['check', '--rule', 'unknown-topic'], /--rule expects CODE=SEVERITY/],
    [
      ['check', '--rule', 'unknown-topic=fatal'],
      /severity must be one of error, warning, information, hint, off/,
    ],
    [
      ['check', '--rule', 'unknown-topik=off'],
      /unknown rule 'unknown-topik' \(did you mean 'unknown-topic'\?\)/,
    ],
    [[], /missing command/],
    [['lint'], /unknown command 'lint'/],
  ];
  for (const [argv, message] of bad) {
    test(`rejects ${JSON.stringify(argv)}`, () => {
      assert.throws(
        () => parseArgs(argv, codes),
        (error: unknown) => {
          assert.ok(error instanceof UsageError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  test('usage lists the options and the rules', () => {
    const text = usage({ 'unknown-topic': { severity: 'warning', about: 'A topic not in the taxonomy.' } });
    for (const option of [
      '--root DIR',
      '--schema FILE',
      '--format FORMAT',
      '--fix ',
      '--fix-dry-run',
      '--rule CODE=SEVERITY',
      '--quiet',
    ]) {
      assert.ok(text.includes(option), option);
    }
    assert.match(text, /unknown-topic {2}warning {2}A topic not in the taxonomy\./);
  });
});

describe('collectFiles', () => {
  let root: string;
  before(() => {
    root = makeTree({
      'b.md': '',
      'a.markdown': '',
      'notes.txt': '',
      'sub/c.MD': '',
      'node_modules/x.md': '',
      '.git/x.md': '',
      '_site/x.md': '',
      '.jekyll-cache/x.md': '',
      'vendor/x.md': '',
      '.hidden/x.md': '',
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const relative = (files: Array<{ path: string }>) => files.map((file) => path.relative(root, file.path));

  test('walks folders for articles, skipping tool folders, sorted', async () => {
    const files = await collectFiles([], root);
    assert.deepEqual(relative(files), ['a.markdown', 'b.md', path.join('sub', 'c.MD')]);
    assert.ok(files.every((file) => file.fallbackRoot === root));
  });

  test('files named explicitly are checked whatever their extension; each file once', async () => {
    const files = await collectFiles(['notes.txt', '.', 'b.md', 'node_modules/x.md'], root);
    assert.deepEqual(relative(files), [
      'a.markdown',
      'b.md',
      path.join('node_modules', 'x.md'),
      'notes.txt',
      path.join('sub', 'c.MD'),
    ]);
    assert.equal(files.find((file) => file.path.endsWith('notes.txt'))?.fallbackRoot, root);
  });

  test('paths typed in any form: the same absolute path, folder and name as path.resolve gives', async () => {
    const typed = [
      'sub/c.MD',
      './sub//c.MD',
      `../${path.basename(root)}/sub/./c.MD`,
      path.join(root, 'b.md'),
      'sub/../b.md',
      'a.markdown',
      'sub/',
    ];
    for (const one of typed) {
      const files = await collectFiles([one], root);
      const expected = path.resolve(root, one);
      if (one === 'sub/') {
        assert.deepEqual(relative(files), [path.join('sub', 'c.MD')], one);
        continue;
      }
      assert.deepEqual(
        files.map(({ path: file, folder, name }) => ({ file, folder, name })),
        [{ file: expected, folder: path.dirname(expected), name: path.basename(expected) }],
        one,
      );
    }
    assert.equal((await collectFiles(typed, root)).length, 3, 'each file once');
  });

  test('many files named in one folder: listed once, with the same result as a look-up per file', async (t) => {
    const files: Record<string, string> = { 'sub.md/inner.md': '' };
    for (let index = 0; index < LISTED_FROM + 8; index++) files[`a${index}.md`] = '';
    const tree = scratch(t, files);
    symlinkSync(path.join(tree, 'a0.md'), path.join(tree, 'link.md'));
    const names = Object.keys(files).filter((name) => !name.includes('/'));
    const found = await collectFiles([...names, 'link.md', 'sub.md', 'a0.md'], tree);
    // link.md is a0.md (each file once); sub.md is a folder, walked.
    assert.deepEqual(
      found.map((file) => path.relative(tree, file.path)),
      [...names, path.join('sub.md', 'inner.md')].sort(),
    );
    assert.ok(found.every((file) => file.folder === path.dirname(file.path)));
    await assert.rejects(
      collectFiles([...names, 'missing.md'], tree),
      /cannot read 'missing.md': no such file/,
    );
  });

  test('a folder named explicitly is walked even if it would be skipped', async () => {
    assert.deepEqual(relative(await collectFiles(['_site'], root)), [path.join('_site', 'x.md')]);
  });

  test('symbolic link loops do not hang; broken links are skipped', async (t) => {
    const tree = scratch(t, { 'docs/a.md': '' });
    symlinkSync(tree, path.join(tree, 'docs', 'loop'));
    symlinkSync(path.join(tree, 'docs'), path.join(tree, 'again'));
    symlinkSync(path.join(tree, 'missing.md'), path.join(tree, 'broken.md'));
    symlinkSync(path.join(tree, 'docs', 'a.md'), path.join(tree, 'link.md'));
    const files = await collectFiles([], tree);
    assert.equal(files.length, 1);
  });

  test('a missing path is an InputError with a one-line message', async () => {
    await assert.rejects(collectFiles(['nope.md'], root), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.message, "cannot read 'nope.md': no such file or folder");
      return true;
    });
  });

  test(
    'an unreadable folder is an InputError',
    { skip: isRoot || process.platform === 'win32' },
    async (t) => {
      const tree = scratch(t, { 'locked/a.md': '' });
      chmodSync(path.join(tree, 'locked'), 0o000);
      try {
        await assert.rejects(collectFiles([], tree), /cannot read 'locked': permission denied/);
      } finally {
        chmodSync(path.join(tree, 'locked'), 0o755);
      }
    },
  );
});

describe('the node workspace reads by URI', () => {
  test('plain names, encoded names, a # in a name, a site folder with a space, outside the site', async (t) => {
    const site = scratch(t, {
      'my site/_data/topics/a.yaml': 'name: A\n',
      'my site/_data/topics/b c.yaml': 'name: B C\n',
      'my site/_data/topics/d#e.yaml': 'name: D#E\n',
      'outside.md': 'x\n',
    });
    const root = path.join(site, 'my site');
    const workspace = createNodeWorkspace(root);
    assert.equal(workspace.root, pathToFileURL(root).href);
    const topics = `${workspace.root}/_data/topics`;
    assert.equal(await workspace.readFile(`${topics}/a.yaml`), 'name: A\n');
    assert.equal(await workspace.readFile(`${topics}/b%20c.yaml`), 'name: B C\n');
    assert.equal(await workspace.readFile(`${topics}/b c.yaml`), 'name: B C\n');
    assert.equal(
      await workspace.readFile(pathToFileURL(path.join(root, '_data/topics/d#e.yaml')).href),
      'name: D#E\n',
    );
    assert.equal(await workspace.readFile(pathToFileURL(path.join(site, 'outside.md')).href), 'x\n');
    assert.equal(await workspace.readFile(`${topics}/missing.yaml`), undefined);
    assert.deepEqual((await workspace.readDirectory(topics)).map(([name]) => name).sort(), [
      'a.yaml',
      'b c.yaml',
      'd#e.yaml',
    ]);
  });
});

describe('SiteRootFinder and displayPath', () => {
  test('finds the nearest folder holding _config.yml', async (t) => {
    const tree = scratch(t, {
      '_config.yml': '',
      'docs/deep/a.md': '',
      'inner/_config.yml': '',
      'inner/x/a.md': '',
    });
    const finder = new SiteRootFinder();
    assert.equal(await finder.find(path.join(tree, 'docs', 'deep')), tree);
    assert.equal(await finder.find(path.join(tree, 'inner', 'x')), path.join(tree, 'inner'));
  });

  test('undefined when no folder above has one', async (t) => {
    const tree = scratch(t, { 'a.md': '' });
    // The temporary folder is assumed not to be inside a site.
    assert.equal(await new SiteRootFinder().find(tree), undefined);
  });

  test('paths relative to the current folder, absolute outside it', () => {
    const cwd = path.join(path.sep, 'work', 'site');
    assert.equal(displayPath(path.join(cwd, '_news', 'a.md'), cwd), path.join('_news', 'a.md'));
    assert.equal(
      displayPath(path.join(path.sep, 'elsewhere', 'a.md'), cwd),
      path.join(path.sep, 'elsewhere', 'a.md'),
    );
    assert.equal(displayPath(cwd, cwd), '.');
    assert.equal(displayPath(path.join(cwd + '-other', 'a.md'), cwd), path.join(cwd + '-other', 'a.md'));
    assert.equal(displayPath(path.join(path.sep, 'a.md'), path.sep), 'a.md');
  });

  test('file URIs made from the folder equal pathToFileURL, names that need encoding included', () => {
    const uris = new FileUris();
    const folder = path.join(path.sep, 'work', 'my site', '_news');
    const names = [
      '2024-01-01-plain_name.md',
      'with space.md',
      '50%.md',
      'a#b.md',
      'café.md',
      'q?.md',
      'x.markdown',
    ];
    for (const name of names) {
      const file = path.join(folder, name);
      assert.equal(uris.of({ path: file, folder, name }), pathToFileURL(file).href, name);
    }
    const top = path.join(path.sep, 'top.md');
    assert.equal(uris.of({ path: top, folder: path.sep, name: 'top.md' }), pathToFileURL(top).href);
  });
});

describe('report', () => {
  const entries = toEntries('_news/a.md', [
    diagnostic(9, 0, DiagnosticSeverity.Warning, 'unknown-topic', 'Not a topic.'),
    diagnostic(2, 4, DiagnosticSeverity.Error, 'duplicate-key', 'Written twice:\n  remove one.'),
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, message: 'No severity.' },
  ]);

  test('entries are 1-based, in document order', () => {
    assert.deepEqual(entries[1], {
      file: '_news/a.md',
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 8,
      severity: 'error',
      code: 'duplicate-key',
      message: 'Written twice:\n  remove one.',
    });
    assert.deepEqual(
      entries.map((entry) => [entry.line, entry.severity, entry.code]),
      [
        [1, 'error', 'unknown'],
        [3, 'error', 'duplicate-key'],
        [10, 'warning', 'unknown-topic'],
      ],
    );
  });

  test('text: one line per finding, like a compiler', () => {
    assert.equal(
      formatText(entries),
      '_news/a.md:1:1: error unknown: No severity.\n' +
        '_news/a.md:3:5: error duplicate-key: Written twice: remove one.\n' +
        '_news/a.md:10:1: warning unknown-topic: Not a topic.\n',
    );
  });

  test('json and summary', () => {
    assert.deepEqual(JSON.parse(formatJson(3, entries)), { files: 3, diagnostics: entries });
    assert.equal(formatSummary(12, countSeverities(entries)), '12 files checked: 2 errors, 1 warning\n');
    assert.equal(
      formatSummary(1, { error: 0, warning: 0, information: 1, hint: 2 }),
      '1 file checked: 0 errors, 0 warnings, 1 information, 2 hints\n',
    );
  });
});

describe('progress', () => {
  test('rewrites one line and clears it', () => {
    let output = '';
    let clock = 0;
    const progress = createProgress(
      3,
      (text) => (output += text),
      100,
      () => clock,
    );
    progress.tick();
    progress.tick(); // Too soon: not shown.
    clock = 500;
    progress.tick();
    progress.done();
    assert.equal(output, '\rchecked 1/3 files\rchecked 3/3 files\r                 \r');
  });
});

describe('WorkQueue and the number of threads', () => {
  test('hands out each file once, in order, across queues sharing one buffer', () => {
    const main = new WorkQueue(5);
    const helper = new WorkQueue(5, main.buffer);
    assert.deepEqual(
      [main.take(), helper.take(), main.take(), helper.take(), helper.take()],
      [0, 1, 2, 3, 4],
    );
    assert.deepEqual([main.take(), helper.take()], [-1, -1]);
  });

  test('stop: no thread takes another file', () => {
    const main = new WorkQueue(5);
    const helper = new WorkQueue(5, main.buffer);
    assert.equal(main.take(), 0);
    helper.stop();
    assert.deepEqual([main.take(), helper.take()], [-1, -1]);
  });

  test('one thread below 4 000 files; then one per core, at most 4', () => {
    const noCores = () => assert.fail('the cores are not asked below the threshold');
    assert.equal(defaultThreads(3999, noCores), 1);
    assert.equal(
      defaultThreads(4000, () => 2),
      2,
    );
    assert.equal(
      defaultThreads(5000, () => 8),
      4,
    );
    assert.equal(
      defaultThreads(5000, () => 1),
      1,
    );
  });
});

describe('run, with a stand-in service', () => {
  /** A service that reports an error on each line holding `ERROR` and a warning on each holding `WARN`. */
  function environment(cwd: string, roots: string[] = [], settings: unknown[] = []) {
    const out = { stdout: '', stderr: '' };
    const env: CliEnvironment = {
      cwd,
      stdout: (text) => (out.stdout += text),
      stderr: (text) => (out.stderr += text),
      stderrIsTTY: false,
      version: '1.2.3',
      rules: { 'stand-in': { severity: 'error', about: 'Test.' } },
      createService(options: ArticleServiceOptions): ArticleService {
        roots.push(options.workspace.root);
        settings.push(options.settings);
        return {
          ready: Promise.resolve(),
          async validate(document) {
            const found: Diagnostic[] = [];
            document
              .getText()
              .split('\n')
              .forEach((line, index) => {
                const at = line.search(/ERROR|WARN/);
                if (at === -1) return;
                const severity = line.includes('ERROR')
                  ? DiagnosticSeverity.Error
                  : DiagnosticSeverity.Warning;
                found.push(diagnostic(index, at, severity, 'stand-in', `Found ${line.slice(at)}.`));
              });
            return found;
          },
          complete: async () => [],
          hover: async () => null,
          links: async () => [],
          symbols: async () => [],
          foldingRanges: async () => [],
          codeActions: async () => [],
          fixAll: async () => [],
          newArticle: async () => ({ fileName: '', text: '', cursorOffset: 0 }),
          configure() {},
          invalidateSite() {},
          forget() {},
          indexSite: async () => {},
          indexFile: async () => {},
          codeLenses: async () => [],
          definition: async () => [],
          references: async () => [],
          prepareRename: async () => ({ message: '' }),
          rename: async () => ({ message: '' }),
          workspaceSymbols: async () => [],
          onDidChangeIndex: () => ({ dispose() {} }),
        };
      },
    };
    return { env, out };
  }

  let tree: string;
  before(() => {
    tree = makeTree({
      'one/_config.yml': '',
      'one/_news/a.md': '---\ntitle: ERROR\n---\n',
      'one/_news/b.md': '---\ntitle: WARN\n---\n',
      'two/_config.yml': '',
      'two/c.md': '---\n---\n',
      'loose/d.md': '---\nWARN\n---\n',
    });
  });
  after(() => rmSync(tree, { recursive: true, force: true }));

  test('one service per site root; text to stdout, summary to stderr; exit 1 on errors', async () => {
    const roots: string[] = [];
    const { env, out } = environment(tree, roots);
    assert.equal(await run(['check', 'one', 'two', 'loose'], env), 1);
    assert.equal(
      out.stdout,
      `${path.join('loose', 'd.md')}:2:1: warning stand-in: Found WARN.\n` +
        `${path.join('one', '_news', 'a.md')}:2:8: error stand-in: Found ERROR.\n` +
        `${path.join('one', '_news', 'b.md')}:2:8: warning stand-in: Found WARN.\n`,
    );
    assert.equal(out.stderr, '4 files checked: 1 error, 2 warnings\n');
    const uri = (folder: string) => `file://${path.join(tree, folder)}`;
    assert.deepEqual(roots.sort(), [uri('loose'), uri('one'), uri('two')].sort());
  });

  test('no _config.yml: files of one folder found from different paths get the site root of their own path', async (t) => {
    const files: Record<string, string> = { 'x/z.md': '---\ntitle: Z\n---\n' };
    for (let index = 0; index < 40; index++) files[`x/b${index}.md`] = '---\ntitle: B\n---\n';
    const loose = scratch(t, files);
    const { env } = environment(loose);
    const checkedBy = new Map<string, string>();
    const create = env.createService;
    env.createService = (options) => {
      const service = create(options);
      return {
        ...service,
        validate: (document) => {
          checkedBy.set(path.basename(document.uri), options.workspace.root);
          return service.validate(document);
        },
      };
    };
    // z.md is named (its root: x), and sorted last; the b files are found by walking `.` (their root: the working folder).
    assert.equal(await run(['check', path.join('x', 'z.md'), '.'], env), 0);
    assert.equal(checkedBy.size, 41);
    for (const [name, root] of checkedBy) {
      assert.equal(root, `file://${name === 'z.md' ? path.join(loose, 'x') : loose}`, name);
    }
  });

  /** A helper that takes `count` files from the queue the moment it starts and answers with `answer`. */
  function fakeHelper(
    count: number,
    answer: (files: HelperTask['files'], taken: number[]) => HelperResult,
  ): { start: NonNullable<CliEnvironment['startHelper']>; taken: number[] } {
    const taken: number[] = [];
    const start = (task: HelperTask) => {
      const queue = new WorkQueue(task.files.length, task.queue);
      for (let i = 0; i < count; i++) taken.push(queue.take());
      return { finished: async () => answer(task.files, taken), stop: async () => {} };
    };
    return { start, taken };
  }

  test('--jobs 2: files a helper thread took are reported from its answer, in path order', async () => {
    const { env, out } = environment(tree);
    const helper = fakeHelper(2, (files, taken) => ({
      results: taken.map((index): [number, ReturnType<typeof toEntries>] => [
        index,
        toEntries(displayPath(files[index].path, tree), [
          diagnostic(0, 0, DiagnosticSeverity.Error, 'stand-in', 'From the helper.'),
        ]),
      ]),
    }));
    env.startHelper = helper.start;
    assert.equal(await run(['check', 'one', 'two', 'loose', '--jobs', '2'], env), 1);
    assert.deepEqual(helper.taken, [0, 1]);
    assert.equal(
      out.stdout,
      `${path.join('loose', 'd.md')}:1:1: error stand-in: From the helper.\n` +
        `${path.join('one', '_news', 'a.md')}:1:1: error stand-in: From the helper.\n` +
        `${path.join('one', '_news', 'b.md')}:2:8: warning stand-in: Found WARN.\n`,
    );
    assert.equal(out.stderr, '4 files checked: 2 errors, 1 warning\n');
  });

  test('--jobs 2: a file the helper could not read stops the run (exit 2, its message)', async () => {
    const { env, out } = environment(tree);
    env.startHelper = fakeHelper(1, (_files, taken) => ({
      results: [],
      failure: { index: taken[0], message: "cannot read 'x.md': permission denied" },
    })).start;
    assert.equal(await run(['check', 'one', 'two', 'loose', '--jobs', '2'], env), 2);
    assert.equal(out.stdout, '');
    assert.equal(out.stderr, "article-frontmatter: cannot read 'x.md': permission denied\n");
  });

  test('--jobs 2: files a helper took and never answered for (it crashed) are checked by the main thread', async () => {
    const { env, out } = environment(tree);
    env.startHelper = fakeHelper(2, () => ({ results: [], stopped: 'out of memory' })).start;
    assert.equal(await run(['check', 'one', 'two', 'loose', '--jobs', '2'], env), 1);
    assert.match(out.stdout, /a\.md:2:8: error stand-in: Found ERROR\.\n/);
    assert.equal(
      out.stderr,
      'article-frontmatter: a checking thread stopped (out of memory); its files are checked again\n' +
        '4 files checked: 1 error, 2 warnings\n',
    );
  });

  test('--root: one service for every file; --rule and --schema become settings', async () => {
    const roots: string[] = [];
    const settings: unknown[] = [];
    const { env, out } = environment(tree, roots, settings);
    const schema = path.join(fixtures, 'schema.json');
    const code = await run(
      ['check', 'one/_news/b.md', 'two', '--root', 'two', '--rule', 'stand-in=off', '--schema', schema],
      env,
    );
    assert.equal(code, 0);
    assert.deepEqual(roots, [`file://${path.join(tree, 'two')}`]);
    assert.deepEqual(settings, [
      { rules: { 'stand-in': 'off' }, schemas: [{ fileMatch: ['**/*'], url: `file://${schema}` }] },
    ]);
    assert.equal(out.stderr, '2 files checked: 0 errors, 1 warning\n');
  });

  test('--quiet: errors only, no summary; --format json: pure JSON', async () => {
    const { env, out } = environment(tree);
    assert.equal(await run(['check', '--quiet', '--format', 'json'], env), 1);
    assert.deepEqual(JSON.parse(out.stdout), {
      files: 4,
      diagnostics: [
        {
          file: path.join('one', '_news', 'a.md'),
          line: 2,
          column: 8,
          endLine: 2,
          endColumn: 11,
          severity: 'error',
          code: 'stand-in',
          message: 'Found ERROR.',
        },
      ],
    });
    assert.equal(out.stderr, '');
  });

  test('bad usage and unreadable input: exit 2, one line on stderr, nothing on stdout', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['check', '--format', 'xml'],
        /^article-frontmatter: unknown --format 'xml' \(use text, json, sarif or github\) \(see 'article-frontmatter --help'\)\n$/,
      ],
      [['check', 'missing.md'], /^article-frontmatter: cannot read 'missing.md': no such file or folder\n$/],
      [
        ['check', '--root', 'nowhere'],
        /^article-frontmatter: cannot read --root 'nowhere': no such file or folder\n$/,
      ],
      [
        ['check', '--root', 'one/_config.yml'],
        /^article-frontmatter: --root 'one\/_config.yml' is not a folder\n$/,
      ],
      [
        ['check', '--schema', 'none.json'],
        /^article-frontmatter: cannot read --schema 'none.json': no such file or folder\n$/,
      ],
      [
        ['check', '--schema', path.join(fixtures, 'broken-schema.json')],
        /^article-frontmatter: --schema '.*broken-schema\.json' is not valid JSON: .*\n$/,
      ],
    ];
    for (const [argv, message] of cases) {
      const { env, out } = environment(tree);
      assert.equal(await run(argv, env), 2, argv.join(' '));
      assert.match(out.stderr, message);
      assert.equal(out.stdout, '');
    }
  });

  test('--help and --version go to stdout with exit 0', async () => {
    const { env, out } = environment(tree);
    assert.equal(await run(['--version'], env), 0);
    assert.equal(await run(['-h'], env), 0);
    assert.match(out.stdout, /^1\.2\.3\nUsage: article-frontmatter check/);
    assert.match(out.stdout, /stand-in {2}error {4}Test\./);
  });

  test('the progress line on a terminal with many files, cleared before the report', async (t) => {
    const many = scratch(
      t,
      Object.fromEntries(
        Array.from({ length: 205 }, (_, i) => [`p${String(i).padStart(3, '0')}.md`, '---\n---\n']),
      ),
    );
    const { env, out } = environment(many);
    env.stderrIsTTY = true;
    assert.equal(await run(['check'], env), 0);
    assert.match(out.stderr, /^\rchecked 1\/205 files/);
    assert.match(out.stderr, /checked 205\/205 files\r {21}\r205 files checked: 0 errors, 0 warnings\n$/);
  });
});

describe('dist/cli.js on the fixture site', () => {
  before(() => {
    assert.ok(existsSync(cli), 'dist/cli.js is missing: run `npm run build` first');
  });

  function check(...args: string[]) {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: fixtures, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const bad = path.join('site', '_news', 'bad.md');
  const good = path.join('site', '_news', 'good.md');
  const warning = path.join('site', '_news', 'warning.md');

  test('a good article: exit 0, no output but the summary', () => {
    const result = check('check', good);
    assert.deepEqual(result, { code: 0, stdout: '', stderr: '1 file checked: 0 errors, 0 warnings\n' });
  });

  test('a warning alone still exits 0', () => {
    const result = check('check', warning);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^site\/_news\/warning\.md:17:5: warning unknown-topic: .+\n$/);
    assert.equal(result.stderr, '1 file checked: 0 errors, 1 warning\n');
  });

  test('the site: errors exit 1, compiler-style lines, _site skipped', () => {
    const result = check('check', 'site');
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) {
      assert.match(
        line,
        /^site\/_news\/(bad|warning)\.md:\d+:\d+: (error|warning|information|hint) [a-z-]+: \S.*$/,
      );
    }
    assert.ok(
      lines.some((line) => line.startsWith(`${bad}:4:1: error duplicate-key: `)),
      result.stdout,
    );
    assert.ok(
      lines.some((line) => line.startsWith(`${bad}:18:5: warning unknown-topic: `)),
      result.stdout,
    );
    assert.ok(!result.stdout.includes('_site'));
    assert.match(result.stderr, /^3 files checked: \d+ errors?, \d+ warnings?\n$/);
  });

  test('--format json: exactly the documented shape, and nothing else on stdout', () => {
    const result = check('check', '--format', 'json', 'site');
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as {
      files: number;
      diagnostics: Array<Record<string, unknown>>;
    };
    assert.deepEqual(Object.keys(report), ['files', 'diagnostics']);
    assert.equal(report.files, 3);
    assert.ok(report.diagnostics.length >= 3);
    for (const entry of report.diagnostics) {
      assert.deepEqual(Object.keys(entry), [
        'file',
        'line',
        'column',
        'endLine',
        'endColumn',
        'severity',
        'code',
        'message',
      ]);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(entry.severity as string));
      for (const key of ['line', 'column', 'endLine', 'endColumn']) assert.ok(Number(entry[key]) >= 1, key);
    }
    const duplicate = report.diagnostics.find((entry) => entry.code === 'duplicate-key');
    assert.deepEqual(duplicate && { ...duplicate, message: '' }, {
      file: bad,
      line: 4,
      column: 1,
      endLine: 4,
      endColumn: 6,
      severity: 'error',
      code: 'duplicate-key',
      message: '',
    });
  });

  test('--rule CODE=off and --rule CODE=error', () => {
    const off = check('check', warning, '--rule', 'unknown-topic=off');
    assert.deepEqual(off, { code: 0, stdout: '', stderr: '1 file checked: 0 errors, 0 warnings\n' });
    const error = check('check', warning, '--rule=unknown-topic=error');
    assert.equal(error.code, 1);
    assert.match(error.stdout, /:17:5: error unknown-topic: /);
  });

  test('--root: the taxonomy comes from the root given', () => {
    // Outside any site, there is no taxonomy: the unknown topic goes unnoticed...
    const loose = check('check', warning, '--root', 'empty-root');
    assert.equal(loose.code, 0);
    assert.ok(!loose.stdout.includes('unknown-topic'), loose.stdout);
    // ...and a loose file checked against the site's taxonomy is fine with `Cloud`.
    const rooted = check('check', path.join('loose', 'post.md'), '--root', 'site');
    assert.deepEqual(rooted, { code: 0, stdout: '', stderr: '1 file checked: 0 errors, 0 warnings\n' });
  });

  test('--schema: one schema for every file', () => {
    const result = check('check', good, '--schema', 'schema.json');
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^site\/_news\/good\.md:\d+:\d+: error missing-field: .*summary/m);
  });

  test('--quiet: errors only, no summary', () => {
    const result = check('check', 'site', '--quiet');
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
    assert.ok(
      result.stdout.split('\n').every((line) => line === '' || line.includes(': error ')),
      result.stdout,
    );
  });

  test('a reader that stops early (`check … | head`): the rest is dropped quietly, the exit code stays true', async (t) => {
    // 150 articles of 60 unknown fields each: far more than a pipe holds.
    const fields = Array.from({ length: 60 }, (_, index) => `oddField${index}: x`).join('\n');
    // A site that declares its news collection: its `_news` files are news articles.
    const files: Record<string, string> = { '_config.yml': 'title: t\ncollections: [news]\n' };
    for (let index = 0; index < 150; index++) files[`_news/a${index}.md`] = `---\ntitle: A\n${fields}\n---\n`;
    const root = scratch(t, files);
    const child = spawn(process.execPath, [cli, 'check', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // No stack trace: the summary alone, and exit 1 for the errors (the articles lack required fields).
    assert.match(stderr, /^150 files checked: [1-9]\d* errors?, \d+ warnings?\n$/);
    assert.equal(code, 1);
  });

  test('nobody reading stderr: the report is whole on stdout and the exit code still says errors', async () => {
    const child = spawn(process.execPath, [cli, 'check', 'site'], {
      cwd: fixtures,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.destroy();
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1);
    assert.equal(stdout, check('check', 'site').stdout);
  });

  test('a missing path: exit 2, one line, no stack trace', () => {
    const result = check('check', 'site', 'no/such/file.md');
    assert.deepEqual(result, {
      code: 2,
      stdout: '',
      stderr: "article-frontmatter: cannot read 'no/such/file.md': no such file or folder\n",
    });
  });

  test('--format xml and unknown options: exit 2 with the reason', () => {
    const xml = check('check', '--format', 'xml');
    assert.equal(xml.code, 2);
    assert.equal(xml.stdout, '');
    assert.match(
      xml.stderr,
      /^article-frontmatter: unknown --format 'xml' \(use text, json, sarif or github\).*\n$/,
    );
    const unknown = check('check', '--frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^article-frontmatter: unknown option '--frobnicate'.*\n$/);
    const rule = check('check', '--rule', 'unknown-topik=off');
    assert.equal(rule.code, 2);
    assert.match(rule.stderr, /did you mean 'unknown-topic'\?/);
  });

  test('--jobs 2 on 1 200 articles: real helper threads, the same report as one thread', (t) => {
    // Enough files that the main thread cannot finish before the helper has started.
    const many = scratch(t, {});
    cpSync(path.join(fixtures, 'site'), many, { recursive: true });
    const articles = ['good', 'bad', 'warning'].map((name) =>
      readFileSync(path.join(fixtures, 'site', '_news', `${name}.md`), 'utf8'),
    );
    for (let i = 0; i < 1200; i++) {
      writeFileSync(path.join(many, '_news', `copy-${String(i).padStart(4, '0')}.md`), articles[i % 3]);
    }
    const run = (jobs: string) =>
      spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--jobs', jobs, '.'], {
        cwd: many,
        encoding: 'utf8',
      });
    const one = run('1');
    const two = run('2');
    assert.equal(one.status, 1, one.stderr);
    assert.equal(JSON.parse(one.stdout).files, 1203);
    assert.deepEqual(
      { status: two.status, stdout: two.stdout, stderr: two.stderr },
      { status: one.status, stdout: one.stdout, stderr: one.stderr },
    );
  });

  test('the code cache made by the build is accepted, in the main thread and in helper threads', (t) => {
    // Any V8 flag set after the cache was made makes V8 refuse it, silently: only this shows it.
    const hook = path.join(fixtures, 'report-code-cache.cjs');
    const many = scratch(t, { '_config.yml': '' });
    const article = readFileSync(path.join(fixtures, good), 'utf8');
    for (let index = 0; index < 600; index++) writeFileSync(path.join(many, `a${index}.md`), article);
    const result = spawnSync(process.execPath, ['-r', hook, cli, 'check', '--jobs', '2', many], {
      encoding: 'utf8',
    });
    const reports = result.stderr.split('\n').filter((line) => line.startsWith('code cache'));
    assert.ok(reports.includes('code cache accepted (main)'), result.stderr);
    // The helper may be stopped before it loads when the main thread is quick; if it loaded, it used the cache.
    assert.deepEqual(
      reports.filter((line) => !line.includes('accepted')),
      [],
      result.stderr,
    );
  });

  test('a code cache V8 refuses (another Node, or damaged) or none at all: the CLI still checks', (t) => {
    const copy = scratch(t, {});
    mkdirSync(path.join(copy, 'cli'));
    cpSync(cli, path.join(copy, 'cli.js'));
    cpSync(path.join(path.dirname(cli), 'cli', 'check.js'), path.join(copy, 'cli', 'check.js'));
    const run = () =>
      spawnSync(process.execPath, [path.join(copy, 'cli.js'), 'check', good], {
        cwd: fixtures,
        encoding: 'utf8',
      });
    const expected = { status: 0, stdout: '', stderr: '1 file checked: 0 errors, 0 warnings\n' };
    const pick = (result: ReturnType<typeof run>) => ({
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
    });
    assert.deepEqual(pick(run()), expected, 'no cache');
    writeFileSync(path.join(copy, 'cli', 'check.cache'), Buffer.alloc(4096, 7));
    assert.deepEqual(pick(run()), expected, 'a damaged cache');
  });

  test('--version and --help', () => {
    const version = check('--version');
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const help = check('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: article-frontmatter check/);
    assert.match(help.stdout, /duplicate-key/);
  });

  test('a non-UTF-8 file is read anyway', (t) => {
    const tree = scratch(t, { '_config.yml': '' });
    writeFileSync(path.join(tree, 'latin1.md'), Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'));
    const result = spawnSync(process.execPath, [cli, 'check', 'latin1.md', '--format', 'json'], {
      cwd: tree,
      encoding: 'utf8',
    });
    assert.notEqual(result.status, 2, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { files: number }).files, 1);
  });
});

describe('the CLI fails clearly: one line, exit 2, nothing on stdout', () => {
  const source = path.join(repo, 'src', 'cli', 'main.ts');
  const tsx = path.join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  const NOBODY = 65534;

  /** Runs the CLI from its source (no build needed), optionally as another user. */
  function cliFromSource(args: string[], cwd: string, uid?: number) {
    const result = spawnSync(process.execPath, ['--import', tsx, source, ...args], {
      cwd,
      encoding: 'utf8',
      ...(uid === undefined ? {} : { uid, gid: uid }),
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, error: result.error };
  }

  /** The failure is one line on stderr, exit code 2, no stack trace, no output (not half a JSON report). */
  function assertOneLineFailure(result: ReturnType<typeof cliFromSource>, message: RegExp): void {
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^article-frontmatter: [^\n]+\n$/);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+/, 'a stack trace');
  }

  let tree: string;
  before(() => {
    tree = makeTree({
      '_config.yml': '',
      '_news/a.md': '---\ncategory: news\ntitle: A\n---\n',
      'not-json.json': '{ "type": ',
      'not-a-schema.json': '{ "type": 12 }',
      'remote-ref.json': '{ "$ref": "https://example.com/article.schema.json" }',
    });
    // Readable by another user, for the permission test.
    chmodSync(tree, 0o755);
  });
  after(() => rmSync(tree, { recursive: true, force: true }));

  test('a missing path', () => {
    assertOneLineFailure(
      cliFromSource(['check', 'missing.md', '--format', 'json'], tree),
      /cannot read 'missing\.md': no such file or folder/,
    );
  });

  test('a symbolic link loop named on the command line', () => {
    symlinkSync('loop-b.md', path.join(tree, 'loop-a.md'));
    symlinkSync('loop-a.md', path.join(tree, 'loop-b.md'));
    assertOneLineFailure(
      cliFromSource(['check', 'loop-a.md'], tree),
      /cannot read 'loop-a\.md': too many symbolic links/,
    );
  });

  test(
    'a named pipe named on the command line',
    { skip: process.platform === 'win32' && 'no mkfifo' },
    () => {
      const made = spawnSync('mkfifo', [path.join(tree, 'pipe.md')]);
      if (made.status !== 0) return;
      assertOneLineFailure(
        cliFromSource(['check', 'pipe.md'], tree),
        /'pipe\.md' is neither a file nor a folder/,
      );
    },
  );

  test('permission denied, on a file named and on a file found in a folder, even with --format json', (t) => {
    const locked = path.join(tree, 'locked');
    mkdirSync(locked);
    writeFileSync(path.join(locked, 'a.md'), '---\ntitle: A\n---\n');
    writeFileSync(path.join(locked, 'b.md'), '---\ntitle: B\n---\n');
    chmodSync(locked, 0o755);
    chmodSync(path.join(locked, 'b.md'), 0o000);
    // As root every file is readable: run the CLI as `nobody` instead.
    const uid = isRoot ? NOBODY : undefined;
    const named = cliFromSource(['check', 'locked/b.md'], tree, uid);
    if (named.error || /EACCES.*(loader|main)|Cannot find module/.test(named.stderr)) {
      t.skip(
        `cannot run the CLI as another user here: ${named.error?.message ?? named.stderr.split('\n')[0]}`,
      );
      return;
    }
    assertOneLineFailure(named, /cannot read 'locked\/b\.md': permission denied/);
    assertOneLineFailure(
      cliFromSource(['check', 'locked', '--format', 'json'], tree, uid),
      /cannot read 'locked\/b\.md': permission denied/,
    );
  });

  test('a --schema that is not JSON, not a usable schema, or refers to the network', () => {
    const cases: Array<[string, RegExp]> = [
      ['not-json.json', /--schema 'not-json\.json' is not valid JSON: /],
      ['not-a-schema.json', /--schema 'not-a-schema\.json' cannot be used: schema is invalid: /],
      [
        'remote-ref.json',
        /--schema 'remote-ref\.json' refers to `https:\/\/example\.com\/article\.schema\.json`, which is not fetched/,
      ],
    ];
    for (const [schema, message] of cases) {
      assertOneLineFailure(
        cliFromSource(['check', '_news', '--schema', schema, '--format', 'json'], tree),
        message,
      );
    }
  });

  test('a file that is not UTF-8 is checked, its bad bytes read as U+FFFD', () => {
    writeFileSync(
      path.join(tree, '_news', 'latin1.md'),
      Buffer.from('---\ncategory: news\ntitle: caf\xe9\nheat: x\n---\n', 'latin1'),
    );
    const result = cliFromSource(['check', '_news/latin1.md', '--format', 'json'], tree);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as {
      files: number;
      diagnostics: Array<{ code: string; line: number }>;
    };
    assert.equal(report.files, 1);
    assert.ok(report.diagnostics.some((entry) => entry.code === 'wrong-type' && entry.line === 4));
    assert.match(result.stderr, /^1 file checked: \d+ errors?, \d+ warnings?\n$/);
  });
});

describe('Output: straight to the descriptor, the stream only when the descriptor is full', () => {
  /** A descriptor that takes at most `chunk` bytes a call and is full (EAGAIN) after `room` bytes. */
  function descriptor(room: number, chunk: number) {
    const written: Buffer[] = [];
    let taken = 0;
    const write = (fd: number, bytes: Uint8Array, offset: number): number => {
      assert.equal(fd, 1);
      if (taken >= room)
        throw Object.assign(new Error('resource temporarily unavailable'), { code: 'EAGAIN' });
      const count = Math.min(chunk, room - taken, bytes.length - offset);
      written.push(Buffer.from(bytes.subarray(offset, offset + count)));
      taken += count;
      return count;
    };
    return { write, text: () => Buffer.concat(written).toString('utf8') };
  }
  function stream() {
    const chunks: string[] = [];
    let asked = 0;
    const streamOf = () => {
      asked++;
      return {
        write: (chunk: string | Uint8Array) => (chunks.push(Buffer.from(chunk).toString('utf8')), true),
        on() {
          return this;
        },
      } as unknown as NodeJS.WritableStream;
    };
    return { streamOf, text: () => chunks.join(''), asked: () => asked };
  }

  test('partial writes are resumed, and the stream is never loaded', () => {
    const fd = descriptor(Infinity, 7);
    const out = stream();
    const output = new Output(1, out.streamOf, fd.write);
    output.write('é first line\n');
    output.write('second line\n');
    assert.equal(fd.text(), 'é first line\nsecond line\n');
    assert.equal(out.asked(), 0);
  });

  test('a full descriptor hands the rest, and every later write, to the stream in order', () => {
    const fd = descriptor(10, 4);
    const out = stream();
    const output = new Output(1, out.streamOf, fd.write);
    output.write('0123456789abcdef\n');
    output.write('next\n');
    assert.equal(fd.text() + out.text(), '0123456789abcdef\nnext\n');
    assert.equal(fd.text(), '0123456789');
    assert.equal(out.asked(), 1);
  });

  test('other errors are not swallowed', () => {
    const output = new Output(1, stream().streamOf, () => {
      throw Object.assign(new Error('bad file descriptor'), { code: 'EBADF' });
    });
    assert.throws(() => output.write('x'), /bad file descriptor/);
  });
});
