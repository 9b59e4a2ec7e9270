import type { ErrorObject } from 'ajv';
import type { Rule } from './rules/rule';
import { contentKindOf, type ContentKind, type SchemaCatalog, type SchemaLookup } from './schema/catalog';
import { localSchemaOf, SCHEMA_KEY, type LocalSchemaReference } from './schema/localSchema';
import type { JsonSchema } from './schema/navigation';
import { defaultsFor, type DefaultedValue } from './site/jekyllDefaults';
import type { SiteShape } from './site/siteShape';
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
  /**
   * The values the article takes: its front matter's own over those `_config.yml`'s `defaults`
   * give its path and collection; empty when the front matter cannot be read or is not a
   * mapping. The schema, the kind and the site rules see these.
   */
  readonly data: Record<string, unknown>;
  /** The front matter's own values, as written in the file (the same object as `data` when no default applies). */
  readonly ownData: Record<string, unknown>;
  /** The fields the file does not write but takes from `_config.yml`'s `defaults`, with the scope that gives each. */
  readonly defaulted: ReadonlyMap<string, DefaultedValue>;
  /** The site's `_config.yml` and whether it has a taxonomy. */
  readonly shape: SiteShape;
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
  /** The current time, from the host (a test's fixed clock). */
  now(): Date;
  /**
   * The schema's complaints about the values, found once per version (none when the values
   * satisfy it, cannot be read, or no schema could be had).
   */
  schemaErrors(): readonly ErrorObject[];
}

/** What an article's context is made from, besides the article itself. */
export interface ArticleContextSources {
  readonly site: SiteTaxonomy;
  readonly shape: SiteShape;
  readonly articles: SiteArticleIndex;
  readonly schemas: SchemaCatalog;
  readonly settings: ArticleSettings;
  readonly rules: ReadonlyMap<string, Rule>;
  readonly logger: ArticleLogger;
  readonly relativePath: string;
  /** The current time; the system clock when omitted. */
  readonly now?: () => Date;
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
  const ownData = read?.ok && isRecord(read.value) ? read.value : {};
  // Empty front matter is checked as an empty mapping; a single value or a list is not checked.
  const checkable = read?.ok === true && (read.value == null || isRecord(read.value));
  const { data, defaulted } = checkable
    ? withDefaults(ownData, defaultsFor(sources.relativePath, sources.shape.config))
    : { data: ownData, defaulted: NOTHING_DEFAULTED };
  const kind = contentKindOf(data, sources.relativePath, {
    hasTaxonomy: sources.shape.hasTaxonomy,
    collections: sources.shape.config.collections,
  });
  // The file's own `$schema` (or yaml-language-server comment) wins over settings and kinds.
  const localSchema = localSchemaOf(article, ownData);
  const lookup = localSchema
    ? sources.schemas.referencedBy(localSchema.reference, article.uri)
    : sources.schemas.lookupFor(kind, sources.relativePath, sources.settings.schemas);
  const make = (schemaLookup: SchemaLookup | undefined): ArticleContext => {
    let errors: readonly ErrorObject[] | undefined;
    return {
      article,
      data,
      ownData,
      defaulted,
      shape: sources.shape,
      site: sources.site,
      articles: sources.articles,
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
      now: sources.now ?? systemNow,
      schemaErrors() {
        if (errors === undefined) {
          const validate = checkable && schemaLookup?.ok ? schemaLookup.validate : undefined;
          errors =
            validate && !validate(data)
              ? ownErrors(validate.errors ?? [], defaulted).filter(notAboutSchemaKey)
              : [];
        }
        return errors;
      },
    };
  };
  return lookup instanceof Promise ? lookup.then(make) : make(lookup);
}

const systemNow = (): Date => new Date();

const NOTHING_DEFAULTED: ReadonlyMap<string, DefaultedValue> = new Map();

/**
 * The file's values over its defaults, and the fields it takes from them. A field the file
 * writes replaces the default whole (Jekyll merges mappings deeply; no bundled field is a
 * mapping a default could half supply).
 */
function withDefaults(
  own: Record<string, unknown>,
  defaults: Map<string, DefaultedValue>,
): { data: Record<string, unknown>; defaulted: ReadonlyMap<string, DefaultedValue> } {
  for (const key of defaults.keys()) if (Object.hasOwn(own, key)) defaults.delete(key);
  if (defaults.size === 0) return { data: own, defaulted: NOTHING_DEFAULTED };
  const data: Record<string, unknown> = {};
  for (const [key, { value }] of defaults) data[key] = value;
  return { data: Object.assign(data, own), defaulted: defaults };
}

/**
 * The schema's complaints about what the file itself writes. A value the file takes from
 * `_config.yml` has no line in the file, and a site's defaults hold its own settings (`deleted`,
 * `support_paging`) that no article schema knows: complaints about those are left out, not
 * reported on the opening `---`. A default still counts where it supplies a required field.
 */
function ownErrors(
  errors: readonly ErrorObject[],
  defaulted: ReadonlyMap<string, DefaultedValue>,
): ErrorObject[] {
  if (defaulted.size === 0) return [...errors];
  return errors.filter((error) => {
    if (error.keyword === 'additionalProperties' && error.instancePath === '') {
      const name = (error.params as { additionalProperty?: unknown }).additionalProperty;
      return !(typeof name === 'string' && defaulted.has(name));
    }
    const top = /^\/([^/]*)/.exec(error.instancePath)?.[1];
    return top === undefined || !defaulted.has(top.replace(/~1/g, '/').replace(/~0/g, '~'));
  });
}

/** The `$schema` key names the article's schema: it is never an unknown field. */
function notAboutSchemaKey(error: ErrorObject): boolean {
  return !(
    error.keyword === 'additionalProperties' &&
    error.instancePath === '' &&
    (error.params as { additionalProperty?: string }).additionalProperty === SCHEMA_KEY
  );
}
