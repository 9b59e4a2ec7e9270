import type { Diagnostic } from 'vscode-languageserver-types';
import { urlOf } from '../../site/articleRecord';
import { defineRule, diagnostic } from '../rule';
import { locate } from './helpers';

/** Most other files a message names. */
const MAX_NAMED = 3;

/**
 * The same story imported twice: another file of the site has this article's `webUrl`. The
 * site still builds, but shows the article twice. Needs the site index (`indexSite`).
 */
export const duplicateArticle = defineRule({
  code: 'duplicate-article',
  severity: 'warning',
  description: 'Another file of the site has the same `webUrl` (needs the site index).',
  layer: 'site',
  fix: 'none',
  severityReason:
    'Warning: the site still builds, but shows the same story twice; which copy to keep is the maintainer\u2019s call.',
  fields: ['webUrl'],
  check(context): Diagnostic[] {
    const index = context.articles;
    if (!index.built) return [];
    const webUrl = urlOf(context.data.webUrl);
    if (webUrl === undefined) return [];
    const others = index
      .articlesAt(webUrl)
      .filter((article) => !index.sameFile(article.uri, context.article.uri));
    if (others.length === 0) return [];
    const place = locate(context, ['webUrl']);
    if (!place) return [];
    // A few names: a story copied hundreds of times needs no list of hundreds.
    const names =
      others
        .slice(0, MAX_NAMED)
        .map((article) => `\`${index.relativePathOf(article.uri)}\``)
        .join(', ') + (others.length > MAX_NAMED ? ` and ${others.length - MAX_NAMED} more` : '');
    return [
      diagnostic(
        duplicateArticle,
        place.range,
        `${others.length === 1 ? 'Another file has' : `${others.length} other files have`} this \`webUrl\`: ${names} \u2014 the site shows the article twice`,
      ),
    ];
  },
});
