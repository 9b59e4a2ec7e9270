import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bytesUpTo, defaultThreads, FileChecker, PARALLEL_BYTES } from '../src/cli/check';
import type { FoundFile } from '../src/cli/files';
import { WorkQueue, type HelperResult } from '../src/cli/parallel';
import type { ReportEntry } from '../src/cli/report';
import { createArticleService, RULES, type ArticleService } from '../src/service/index';
import { SiteArticleIndex } from '../src/service/site/articleIndex';
import { runCli } from './cliHelpers';
import { memoryWorkspace, SITE_ROOT } from './helpers';
import { A, article, linkedSite, writeSite } from './siteHelpers';

describe('threads decided by bytes as well as by files', () => {
  it('uses every core for a few large files, one thread for a few small ones', () => {
    const noCores = () => assert.fail('the cores are not asked when one thread is enough');
    assert.equal(
      defaultThreads(300, noCores, () => PARALLEL_BYTES - 1),
      1,
    );
    assert.equal(
      defaultThreads(
        300,
        () => 2,
        () => PARALLEL_BYTES,
      ),
      2,
    );
    assert.equal(
      defaultThreads(
        300,
        () => 8,
        () => PARALLEL_BYTES,
      ),
      4,
    );
    // One file is one thread's work, however large.
    assert.equal(
      defaultThreads(1, noCores, () => 100 * PARALLEL_BYTES),
      1,
    );
    // From 4 000 files the size is not asked.
    assert.equal(
      defaultThreads(
        4000,
        () => 2,
        () => assert.fail('not asked'),
      ),
      2,
    );
  });

  it('counts the files’ size only until it reaches the limit', (t) => {
    const root = writeSite(t, { 'a.md': 'x'.repeat(10), 'b.md': 'y'.repeat(20), 'c.md': 'z'.repeat(30) });
    const files = ['a.md', 'b.md', 'c.md', 'missing.md'].map((name): FoundFile => ({
      path: path.join(root, name),
      folder: root,
      name,
      fallbackRoot: root,
      walked: true,
    }));
    assert.equal(bytesUpTo(files, 1000), 60);
    assert.equal(bytesUpTo(files, 25), 30);
  });
});

describe('one site index shared by the threads', () => {
  it('a service given another’s index finds what that one finds, without reading the site', async () => {
    const files = linkedSite({ '_news/a.md': article('Article A, retitled', A) });
    const built = createArticleService({ workspace: memoryWorkspace(files) });
    await built.indexSite();
    let reads = 0;
    const workspace = memoryWorkspace(files);
    const readFile = workspace.readFile.bind(workspace);
    workspace.readFile = (uri) => {
      if (uri.endsWith('.md')) reads++;
      return readFile(uri);
    };
    const copy = createArticleService({ workspace });
    // Sent to another thread: only what survives a structured clone.
    copy.importIndex!(structuredClone(built.exportIndex!()));
    assert.equal(reads, 0);
    const document = TextDocument.create(`${SITE_ROOT}/_news/c.md`, 'markdown', 1, files['_news/c.md']);
    const expected = await built.validate(document);
    assert.ok(expected.some((item) => item.code === 'stale-related'));
    assert.deepEqual(await copy.validate(document), expected);
    assert.deepEqual(copy.exportIndex!(), built.exportIndex!());
  });

  for (const wholeSite of [true, false]) {
    it(`--jobs 2${wholeSite ? ' --root' : ''}: the helper checks with the main thread's index and reads no other file`, async (t) => {
      const root = writeSite(t, linkedSite({ '_news/a.md': article('Article A, retitled', A) }));
      const argv = ['check', '_news', '--format', 'json'];
      const single = await runCli([...argv, ...(wholeSite ? ['--root', '.'] : [])], root);
      assert.ok(single.stdout.includes('stale-related'));

      const helperReads: string[] = [];
      const helperServices: ArticleService[] = [];
      let helperChecked = 0;
      const parallel = await runCli(
        [...argv, ...(wholeSite ? ['--root', '.'] : []), '--jobs', '2'],
        root,
        (env) => {
          env.startHelper = (task) => {
            // What main.ts does in a helper thread, in this one: its own checker and services.
            const checker = new FileChecker(
              task.root,
              task.settings,
              task.cwd,
              (options) => {
                const workspace = options.workspace;
                const readFile = workspace.readFile.bind(workspace);
                workspace.readFile = (uri) => {
                  helperReads.push(uri);
                  return readFile(uri);
                };
                const service = createArticleService(options);
                helperServices.push(service);
                return service;
              },
              () => {},
            );
            let resolve!: (result: HelperResult) => void;
            const finished = new Promise<HelperResult>((done) => (resolve = done));
            return {
              shareIndexes(indexes) {
                // The first file taken at once, as a thread running beside this one would.
                const queue = new WorkQueue(task.files.length, task.queue);
                const first = queue.take();
                void checker
                  .adoptIndexes(structuredClone(indexes), task.files, task.wholeSites)
                  .then(async () => {
                    const results: Array<[number, ReportEntry[]]> = [];
                    for (let index = first; index >= 0; index = queue.take())
                      results.push([index, await checker.check(task.files[index])]);
                    helperChecked = results.length;
                    resolve({ results });
                  });
              },
              finished: () => finished,
              stop: async () => {},
            };
          };
          env.rules = RULES;
        },
      );
      assert.equal(parallel.stdout, single.stdout);
      assert.equal(parallel.code, single.code);
      // The helper's services read the site's _data (taxonomy), never its articles to index them.
      assert.deepEqual(
        helperReads.filter((uri) => uri.includes('/_news/') && uri.endsWith('.md')),
        [],
      );
      assert.ok(helperServices.length > 0);
      assert.ok(helperChecked > 0, 'the helper checked some of the files');
    });
  }
});

describe('an index copied to another thread', () => {
  it('keeps each file’s tags and their counts (tag-variant on a helper thread)', async () => {
    const post = (tags: string) => `---\ntitle: A post\ntags: [${tags}]\n---\n`;
    const files = {
      '_posts/2024-01-01-a.md': post('docker'),
      '_posts/2024-01-02-b.md': post('docker'),
      '_posts/2024-01-03-c.md': post('Docker'),
    };
    const index = new SiteArticleIndex(memoryWorkspace(files), () => 1_000_000);
    await index.indexSite();
    const copy = new SiteArticleIndex(memoryWorkspace({}), () => 1_000_000);
    copy.load(structuredClone(index.snapshot()));
    assert.equal(copy.wholeSite, true);
    assert.deepEqual(
      [...copy.tagSpellings('tags', 'docker')].sort(),
      [...index.tagSpellings('tags', 'docker')].sort(),
    );
    assert.deepEqual(
      copy.tagsOf(`${SITE_ROOT}/_posts/2024-01-03-c.md`),
      index.tagsOf(`${SITE_ROOT}/_posts/2024-01-03-c.md`),
    );
    assert.ok(index.tagSpellings('tags', 'docker').size > 0);
  });
});
