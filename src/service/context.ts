import type { ParsedArticle } from './yaml/articleDocument';
import type { ContentKind } from './schema/catalog';
import type { JsonSchema } from './schema/navigation';
import type { SiteIndex } from './site/taxonomy';

/** What completion, hover and code actions see of an article and its site. */
export interface FeatureContext {
  /** The parsed article (its YAML, its front matter block, offset ↔ position mapping). */
  readonly article: ParsedArticle;
  /** The front matter's values; empty when they cannot be read. */
  readonly data: Record<string, unknown>;
  /** The site's topics, provider catalogue and learning items. */
  readonly site: SiteIndex;
  /** The content kind of the article, when known. */
  readonly kind: ContentKind | undefined;
  /** The schema that applies to the article (bundled or the writer's own), when there is one. */
  readonly schema: JsonSchema | undefined;
  /** The article's path relative to the site root. */
  readonly relativePath: string;
}
