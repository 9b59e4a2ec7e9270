import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { createArticleService } from '../src/service/index';

/** The real articles nobody here wrote: `../shared/corpus` beside the checkout. */
export const CORPUS = process.env.ARTICLE_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');

function articlesIn(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...articlesIn(full));
    else if (/\.(md|txt)$/.test(entry.name) && entry.name !== 'README.md') found.push(full);
  }
  return found.sort();
}

async function checkSite(root: string, files = articlesIn(root)) {
  const errors: string[] = [];
  const byCode = new Map<string, Diagnostic[]>();
  const service = createArticleService({
    workspace: createNodeWorkspace(root),
    logger: { error: (message, error) => errors.push(`${message}: ${String(error)}`) },
  });
  for (const file of files) {
    const document = TextDocument.create(fileUri(file), 'markdown', 1, readFileSync(file, 'utf8'));
    for (const item of await service.validate(document)) {
      if (item.severity === DiagnosticSeverity.Error) {
        errors.push(
          `${path.relative(CORPUS, file)}:${item.range.start.line + 1}: ${item.code} ${item.message}`,
        );
      }
      byCode.set(String(item.code), [...(byCode.get(String(item.code)) ?? []), item]);
    }
  }
  return {
    files: files.length,
    errors,
    warnings: Object.fromEntries([...byCode].map(([code, list]) => [code, list.length])),
  };
}

describe(
  'the real corpus',
  { skip: !existsSync(CORPUS) && 'no ../shared/corpus beside the checkout' },
  () => {
    it('the powerapps site checks with zero errors', async () => {
      const result = await checkSite(path.join(CORPUS, 'powerapps'));
      console.log('powerapps', result.files, 'files', result.warnings);
      assert.deepEqual(result.errors, []);
      assert.ok(result.files > 1200);
    });

    it('the 20 largest azure articles check with zero errors', async () => {
      const result = await checkSite(path.join(CORPUS, 'azure-large'));
      console.log('azure-large', result.files, 'files', result.warnings);
      assert.deepEqual(result.errors, []);
    });

    it('the seed article, front matter only, checks with zero errors', async () => {
      const result = await checkSite(path.join(CORPUS, 'seed'));
      console.log('seed', result.files, 'files', result.warnings);
      assert.deepEqual(result.errors, []);
      assert.equal(result.files, 1);
    });
  },
);
