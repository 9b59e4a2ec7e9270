import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { JekyllExclusions, SiteRoots } from '../src/host/index';
import { isExcludedByJekyll, readJekyllConfig } from '../src/service/index';
import { runCli } from './cliHelpers';
import { memoryWorkspace } from './helpers';

const CONFIG = 'exclude:\n  - old\n  - "*.draft.md"\n';

describe('walks skip what _config.yml exclude leaves out', () => {
  it('the host tells which found files Jekyll builds', async () => {
    const site = memoryWorkspace({ '_config.yml': CONFIG }, 'file:///w/site');
    const roots = new SiteRoots({ exists: async (uri) => (await site.readFile(uri)) !== undefined });
    const exclusions = new JekyllExclusions(roots, (uri) => site.readFile(uri), {
      readJekyllConfig,
      isExcludedByJekyll,
    });
    const found = [
      'file:///w/site/_posts/2024-01-01-a.md',
      'file:///w/site/old/b.md',
      'file:///w/site/notes/c.draft.md',
      'file:///w/elsewhere/old/d.md',
    ];
    const kept = await exclusions.kept(found);
    assert.deepEqual(kept, ['file:///w/site/_posts/2024-01-01-a.md', 'file:///w/elsewhere/old/d.md']);
    // Giving the editor a turn between files (Check All) keeps the same files, in order.
    let pauses = 0;
    assert.deepEqual(
      await exclusions.kept(found, undefined, async () => {
        pauses++;
      }),
      kept,
    );
    assert.equal(pauses, found.length);
  });

  it('the CLI walk leaves them out, and checks one when it is named', async (t) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'af-blog-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(path.join(root, '_posts'));
    mkdirSync(path.join(root, 'old'));
    writeFileSync(path.join(root, '_config.yml'), CONFIG);
    writeFileSync(path.join(root, '_posts', '2024-01-01-a.md'), '---\nlayout: post\ndate: 2024-01-01\n---\n');
    writeFileSync(path.join(root, 'old', 'b.md'), '---\ndate: someday\n---\n');
    const walked = await runCli(['check', '.', '--format', 'json'], root);
    assert.deepEqual(JSON.parse(walked.stdout), { files: 1, diagnostics: [] });
    const named = await runCli(['check', 'old/b.md'], root);
    assert.equal(named.code, 1);
    assert.match(named.stdout, /jekyll-date/);
  });
});
