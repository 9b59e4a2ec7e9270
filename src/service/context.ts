import type { ErrorObject } from 'ajv';
import type { Rule } from './rules/rule';
import { contentKindOf, type ContentKind, type SchemaCatalog, type SchemaLookup } from './schema/catalog';
import type { JsonSchema } from './schema/navigation';
import type { SiteArticleIndex } from './site/articleIndex';
import type { SiteTaxonomy } from './site/taxonomy';
import type { ArticleLogger, ArticleSettings } from './types';
import { isRecord } from './util/records';
import type { ParsedArticle } from './yaml/articleDocument';

/**
 * One article as every feature and rule sees it, made once per version of the document: its
 * parse, its values, its site, the schema chosen for it (in one place) and the settings in
 * effect. Where a site's defaults, a team's configuration or a suppression comment change
 * what applies to an article, they enter here.
 */
export interface ArticleContext {
  /** The parsed article (its YAML, its front matter block, offset ↔ position mapping). */
  readonly article: ParsedArticle;
  /** The front matter's values; empty when they cannot be read or are not a mapping. */
  readonly data: Record<string, unknown>;
  /** The site's topics, provider catalogue and learning items. */
  readonly site: SiteTaxonomy;
  /**
   * The site as one linked whole: its articles by `webUrl` and the `related` entries that
   * copy them. Empty until the host indexes the site (or some files): the cross-file rules
   * then say nothing.
   */
  readonly articles: SiteArticleIndex;
  /** The content kind of the article, when known. */
  readonly kind: ContentKind | undefined;
  /** The schema chosen for the article (compiled, or why it cannot be had); none when no schema applies. */
  readonly schemaLookup: SchemaLookup | undefined;
  /** The chosen schema as JSON, for hovers and completion, when it could be had. */
  readonly schema: JsonSchema | undefined;
  /** The article's path relative to the site root (the path of its URI when it is elsewhere). */
  readonly relativePath: string;
  /** The settings in effect. */
  readonly settings: ArticleSettings;
  /** The rules in effect, by code. */
  readonly rules: ReadonlyMap<string, Rule>;
  /** Where a failing rule is reported. */
  readonly logger: ArticleLogger;
  /**
   * The schema's complaints about the values, found once per version (none when the values
   * satisfy it, cannot be read, or no schema could be had).
   */
  schemaErrors(): readonly ErrorObject[];
}

/** What an article's context is made from, besides the article itself. */
export interface ArticleContextSources {
  readonly site: SiteTaxonomy;
  readonly articles: SiteArticleIndex;
  readonly schemas: SchemaCatalog;
  readonly settings: ArticleSettings;
  readonly rules: ReadonlyMap<string, Rule>;
  readonly logger: ArticleLogger;
  readonly relativePath: string;
}

/**
 * The context of one version of an article: a promise only when a schema of the writer's
 * own has to be read first (the bundled ones are compiled in), so a clean article checked
 * from the command line costs no promise.
 */
export function createArticleContext(
  article: ParsedArticle,
  sources: ArticleContextSources,
): ArticleContext | Promise<ArticleContext> {
  // The values only: a clean article is checked without reading its nodes.
  const read = article.block && !article.tooLarge ? article.data() : undefined;
  const data = read?.ok && isRecord(read.value) ? read.value : {};
  // Empty front matter is checked as an empty mapping; a single value or a list is not checked.
  const checkable = read?.ok === true && (read.value == null || isRecord(read.value));
  const kind = contentKindOf(data, sources.relativePath);
  const lookup = sources.schemas.lookupFor(kind, sources.relativePath);
  const make = (schemaLookup: SchemaLookup | undefined): ArticleContext => {
    let errors: readonly ErrorObject[] | undefined;
    return {
      article,
      data,
      site: sources.site,
      articles: sources.articles,
      kind,
      schemaLookup,
      schema: schemaLookup?.ok && isRecord(schemaLookup.schema) ? schemaLookup.schema : undefined,
      relativePath: sources.relativePath,
      settings: sources.settings,
      rules: sources.rules,
      logger: sources.logger,
      schemaErrors() {
        if (errors === undefined) {
          const validate = checkable && schemaLookup?.ok ? schemaLookup.validate : undefined;
          errors = validate && !validate(data) ? [...(validate.errors ?? [])] : [];
        }
        return errors;
      },
    };
  };
  return lookup instanceof Promise ? lookup.then(make) : make(lookup);
}
