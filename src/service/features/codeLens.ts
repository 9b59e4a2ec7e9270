import type { CodeLens } from 'vscode-languageserver-types';
import type { ArticleContext } from '../context';
import { urlOf } from '../site/articleRecord';
import { SHOW_LINKS_COMMAND } from '../util/commands';
import { nodeAtPath, nodeSpan } from '../yaml/nodes';

/**
 * Above an article's own `title`: how many articles of the site link to it (their `related`
 * entries copy it). Only once the whole site is indexed: before, the count would be short.
 */
export function computeCodeLenses(context: ArticleContext): CodeLens[] {
  const index = context.articles;
  const webUrl = urlOf(context.data.webUrl);
  const yaml = context.article.yaml;
  if (!index.wholeSite || webUrl === undefined || !yaml) return [];
  const found = nodeAtPath(yaml, ['title']);
  const span = found && nodeSpan(found.node);
  if (!span) return [];
  const range = context.article.range(span[0], span[1]);
  const files = new Set(index.linksTo(webUrl).map((link) => link.uri));
  const title =
    files.size === 0
      ? 'Not linked from any article of the site'
      : `Linked from ${files.size} article${files.size === 1 ? '' : 's'}`;
  // An empty command id shows the lens as plain text: there is nothing to list.
  const command = files.size === 0 ? '' : SHOW_LINKS_COMMAND;
  return [
    {
      range,
      command: { title, command, arguments: command ? [context.article.document.uri, range.start] : [] },
    },
  ];
}
