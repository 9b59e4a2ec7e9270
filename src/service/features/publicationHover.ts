import type { ArticleContext } from '../context';
import { unpublishedReasons } from '../rules/site/publicationFacts';

/** The top-level fields whose hover says why Jekyll will not publish the file: what a writer looks at first. */
export const PUBLICATION_FIELDS: ReadonlySet<string> = new Set(['title', 'date', 'published']);

/**
 * Why Jekyll will not publish the article (a draft, a collection that is not written out,
 * `published: false`, a date in the future, a name Jekyll does not read as a post), as a hover
 * paragraph; none when it will.
 */
export function publicationHover(context: ArticleContext): string | undefined {
  const reasons = unpublishedReasons(context);
  if (reasons.length === 0) return undefined;
  return ['**Not published by Jekyll**', '', ...reasons.map((reason) => `- ${reason}`)].join('\n');
}
