// The largest real article of the corpus, for the outline, link and folding tests.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { parseDocument } from 'yaml';
import { createNodeWorkspace, fileUri } from '../src/node/nodeWorkspace';
import { createArticleService } from '../src/service/index';
import type { ArticleService } from '../src/service/types';

/** The real articles nobody here wrote: `../shared/corpus` beside the checkout (as in corpus.test.ts). */
const CORPUS = process.env.ARTICLE_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');
const SITE = path.join(CORPUS, 'azure-large');
const NEWS = path.join(SITE, '_news');

/** Why the corpus tests are skipped, or `false` when the corpus is there. */
export const NO_CORPUS = !existsSync(NEWS) && 'no ../shared/corpus/azure-large beside the checkout';

/** The largest news article of azure-large, a service over its site, its front matter's values and related titles. */
export function largestCorpusArticle(): {
  document: TextDocument;
  service: ArticleService;
  relatedTitles: string[];
  values: { related?: Array<{ title?: unknown }> };
} {
  const [largest] = readdirSync(NEWS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(NEWS, name))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  const text = readFileSync(largest, 'utf8');
  const document = TextDocument.create(fileUri(largest), 'markdown', 1, text);
  const service = createArticleService({
    workspace: createNodeWorkspace(SITE),
    logger: {
      error(message, error) {
        throw new Error(`${message}: ${String(error)}`);
      },
    },
  });
  const yaml = text.split(/^---[ \t]*$/m)[1];
  const values = parseDocument(yaml).toJS() as { related?: Array<{ title?: unknown }> };
  const relatedTitles = (values.related ?? []).map((entry) => String(entry.title));
  return { document, service, relatedTitles, values };
}

/** Whether a range lies inside the document (each end maps to an offset and back), start first. */
export function isInside(document: TextDocument, range: Range): boolean {
  const exists = (position: Range['start']) => {
    const back = document.positionAt(document.offsetAt(position));
    return back.line === position.line && back.character === position.character;
  };
  return (
    exists(range.start) && exists(range.end) && document.offsetAt(range.start) <= document.offsetAt(range.end)
  );
}
