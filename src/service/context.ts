import type { ErrorObject } from 'ajv';
import type { Rule } from './rules/rule';
import { contentKindOf, type ContentKind, type SchemaCatalog, type SchemaLookup } from './schema/catalog';
import { localSchemaOf, SCHEMA_KEY, type LocalSchemaReference } from './schema/localSchema';
import type { JsonSchema } from './schema/navigation';
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
  /** The content kind of the article, when known. */
  readonly kind: ContentKind | undefined;
  /** The schema chosen for the article (compiled, or why it cannot be had); none when no schema applies. */
  readonly schemaLookup: SchemaLookup | undefined;
  /** The chosen schema as JSON, for hovers and completion, when it could be had. */
  readonly schema: JsonSchema | undefined;
  /** The article's path relative to the site root (the path of its URI when it is elsewhere). */
  readonly relativePath: string;
  /** The settings in effect: the host's over the team configuration's over the defaults. */
  readonly settings: ArticleSettings;
  /** Where the article names its own schema (`$schema`, a `yaml-language-server` comment), when it does. */
  readonly localSchema: LocalSchemaReference | undefined;
  /**
   * Whether the schema in effect declares a top-level field: always, for the bundled schemas
   * and where none applies; for a writer's own, only the fields it declares (the site's rules
   * about other fields then stay silent).
   */
  declares(field: string): boolean;
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
  const localSchema = localSchemaOf(article, data);
  const lookup = localSchema
    ? sources.schemas.referencedBy(localSchema.reference, article.uri)
    : sources.schemas.lookupFor(kind, sources.relativePath, sources.settings.schemas);
  const make = (schemaLookup: SchemaLookup | undefined): ArticleContext => {
    let errors: readonly ErrorObject[] | undefined;
    return {
      article,
      data,
      site: sources.site,
      kind,
      schemaLookup,
      schema: schemaLookup?.ok && isRecord(schemaLookup.schema) ? schemaLookup.schema : undefined,
      relativePath: sources.relativePath,
      settings: sources.settings,
      localSchema,
      declares(field) {
        const declared = schemaLookup?.ok ? schemaLookup.declared : undefined;
        return declared === undefined || declared.has(field);
      },
      rules: sources.rules,
      logger: sources.logger,
      schemaErrors() {
        if (errors === undefined) {
          const validate = checkable && schemaLookup?.ok ? schemaLookup.validate : undefined;
          errors = validate && !validate(data) ? (validate.errors ?? []).filter(notAboutSchemaKey) : [];
        }
        return errors;
      },
    };
  };
  return lookup instanceof Promise ? lookup.then(make) : make(lookup);
}

/** The `$schema` key names the article's schema: it is never an unknown field. */
function notAboutSchemaKey(error: ErrorObject): boolean {
  return !(
    error.keyword === 'additionalProperties' &&
    error.instancePath === '' &&
    (error.params as { additionalProperty?: string }).additionalProperty === SCHEMA_KEY
  );
}
