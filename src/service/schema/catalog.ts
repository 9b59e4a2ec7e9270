import type { ValidateFunction } from 'ajv';
import articleSchema from '../../../schemas/article.schema.json';
import collectionSchema from '../../../schemas/collection.schema.json';
import courseSchema from '../../../schemas/course.schema.json';
import eventSchema from '../../../schemas/event.schema.json';
import organizationSchema from '../../../schemas/organization.schema.json';
import profileSchema from '../../../schemas/profile.schema.json';
import videoSchema from '../../../schemas/video.schema.json';
import * as precompiled from './generated/validators';
import { matchesGlob } from '../util/glob';
import { isRecord } from '../util/records';
import type { SchemaAssociation, SiteWorkspace } from '../types';
import { joinUri, parentUri } from '../util/uri';
import {
  declaredFields,
  isInside,
  isRemote,
  readSchemaFiles,
  resolveReference,
  type SchemaFile,
  type SchemaFiles,
} from './schemaFiles';

/** The kinds of content the bundled schemas describe. */
export type ContentKind =
  'article' | 'video' | 'course' | 'collection' | 'event' | 'profile' | 'organization';

const BUNDLED: Record<ContentKind, object> = {
  article: articleSchema,
  video: videoSchema,
  course: courseSchema,
  collection: collectionSchema,
  event: eventSchema,
  profile: profileSchema,
  organization: organizationSchema,
};

/** The `type` values the site uses, and the content kind each one means outside `_news`. */
export const KNOWN_TYPES: Record<string, ContentKind> = {
  article: 'article',
  video: 'video',
  course: 'course',
  collection: 'collection',
  profile: 'profile',
  webinar: 'event',
  conference: 'event',
  meetup: 'event',
  workshop: 'event',
  summit: 'event',
};

/** The folders of the built-in kinds, with the collection each folder is (none for `_data`). */
const FOLDER_KINDS: Array<[RegExp, ContentKind, string | undefined]> = [
  [/(^|\/)_news\//, 'article', 'news'],
  [/(^|\/)_learning\/videos\//, 'video', 'learning'],
  [/(^|\/)_learning\/courses\//, 'course', 'learning'],
  [/(^|\/)_learning\/collections\//, 'collection', 'learning'],
  [/(^|\/)_events\//, 'event', 'events'],
  [/(^|\/)_people\//, 'profile', 'people'],
  [/(^|\/)_data\/organizations\//, 'organization', undefined],
];

/**
 * What a site shows of its own shape: a folder tells the kind of its files only on a site
 * that has the taxonomy of this kind of site, or whose `_config.yml` declares the collection.
 */
export interface SiteEvidence {
  /** Whether the site has `_data/topics` or `_data/organizations`. */
  readonly hasTaxonomy: boolean;
  /** The collections `_config.yml` declares. */
  readonly collections: { has(name: string): boolean };
}

/**
 * Which content kind an article is: by its `type` (and `category: news`), else by the
 * collection folder it lives in when the site shows it is of that shape (`SiteEvidence`).
 * Never by `_posts` alone: a blog's posts are no news articles. `undefined` when nothing
 * tells: the file gets only what is true of every Jekyll site.
 */
export function contentKindOf(
  data: unknown,
  relativePath: string | undefined,
  site: SiteEvidence,
): ContentKind | undefined {
  const folder = relativePath ? FOLDER_KINDS.find(([pattern]) => pattern.test(relativePath)) : undefined;
  const confirmed =
    folder && (site.hasTaxonomy || (folder[2] !== undefined && site.collections.has(folder[2])));
  const folderKind = confirmed ? folder[1] : undefined;
  if (!isRecord(data)) return folderKind;
  if (data.taxonomy === 'organization') return 'organization';
  const type = typeof data.type === 'string' ? data.type : undefined;
  if (type === 'article') return 'article';
  if (type === 'video' && (data.category === 'news' || folderKind === 'article')) return 'article';
  if (data.category === 'news' && !type) return 'article';
  const byType = type ? KNOWN_TYPES[type] : undefined;
  if (byType && !(folderKind === 'event' && byType !== 'event')) return byType;
  return folderKind;
}

/** The bundled schema of a content kind (the JSON object, for hovers and completion). */
export function bundledSchema(kind: ContentKind): object {
  return BUNDLED[kind];
}

/** A compiled schema, or why it could not be had. */
export type SchemaLookup =
  | {
      ok: true;
      validate: ValidateFunction;
      schema: object;
      label: string;
      /**
       * For a writer's own schema, the top-level fields it declares (through `allOf` and
       * `$ref`s): the site's rules about other fields stay silent. `undefined` for the bundled ones.
       */
      declared?: ReadonlySet<string>;
      /** For a writer's own schema, the files it was read from (the first is the schema itself). */
      files?: readonly SchemaFile[];
    }
  | { ok: false; message: string };

/**
 * Compiles and caches schemas: the bundled ones by content kind, and the writer's own
 * ones chosen by glob. Schemas are read through the workspace, never from the network.
 */
export class SchemaCatalog {
  private readonly compilers = new Map<Dialect, Promise<() => SchemaCompiler>>();
  private readonly custom = new Map<string, Promise<SchemaLookup>>();

  constructor(
    private readonly workspace: SiteWorkspace,
    private associations: SchemaAssociation[],
  ) {}

  /** Replaces the writer's schema associations. */
  setAssociations(associations: SchemaAssociation[]): void {
    this.associations = associations;
    this.custom.clear();
  }

  /** Forgets compiled custom schemas read from under `uri` (all when omitted). */
  invalidate(uri?: string): void {
    if (uri === undefined || /\.(json|ya?ml)$/i.test(uri)) this.custom.clear();
  }

  /** The writer's schema association for a path, if one matches. */
  associationFor(relativePath: string | undefined): SchemaAssociation | undefined {
    if (relativePath === undefined) return undefined;
    return this.associations.find((association) =>
      association.fileMatch.some((glob) => matchesGlob(glob, relativePath)),
    );
  }

  /**
   * The schema that applies to an article: the writer's own for its path (a promise the first
   * time, while it is read), else the bundled one of its kind; none when neither applies.
   * @param associations the associations in effect for this article (the catalogue's own when omitted).
   */
  lookupFor(
    kind: ContentKind | undefined,
    relativePath: string | undefined,
    associations?: readonly SchemaAssociation[],
  ): SchemaLookup | undefined | Promise<SchemaLookup> {
    const association =
      associations === undefined
        ? this.associationFor(relativePath)
        : relativePath === undefined
          ? undefined
          : associations.find(({ fileMatch }) => fileMatch.some((glob) => matchesGlob(glob, relativePath)));
    if (association) return this.customFor(association);
    return kind ? this.bundledFor(kind) : undefined;
  }

  /**
   * The schema an article names itself (a `$schema` key, a `yaml-language-server` comment), as
   * remark-lint-frontmatter-schema reads it: a path relative to the article, else to the site
   * root, inside the site. Never fetched from the network.
   */
  async referencedBy(reference: string, articleUri: string): Promise<SchemaLookup> {
    if (isRemote(reference) || /^file:/i.test(reference)) {
      return {
        ok: false,
        message: `The schema \`${reference}\` is not loaded: schemas are read from the site's files only, never from the network.`,
      };
    }
    const root = this.workspace.root;
    const candidates = [resolveReference(articleUri, reference), joinUri(root, reference)].filter(
      (uri): uri is string => uri !== undefined && isInside(uri, [root]),
    );
    if (candidates.length === 0) {
      return { ok: false, message: `The schema \`${reference}\` is outside the site and is not read.` };
    }
    for (const uri of candidates) {
      let lookup = this.custom.get(uri);
      if (!lookup) {
        const files = await readSchemaFiles(this.workspace, uri, reference, [root]);
        if (
          !files.ok &&
          uri !== candidates[candidates.length - 1] &&
          / cannot be read\.$/.test(files.message)
        )
          continue;
        lookup = this.compileFiles(files, reference);
        this.custom.set(uri, lookup);
      }
      return lookup;
    }
    return { ok: false, message: `The schema \`${reference}\` cannot be read.` };
  }

  /** The compiled bundled schema for a content kind. */
  bundledFor(kind: ContentKind): SchemaLookup {
    // Compiled at build time by scripts/compile-schemas.mjs, with the options of ajvOptions().
    const validate = (precompiled as Record<ContentKind, ValidateFunction>)[kind];
    return { ok: true, validate, schema: BUNDLED[kind], label: `${kind}.schema.json` };
  }

  /** The compiled schema of a writer's association (read once, then cached). */
  customFor(association: SchemaAssociation): Promise<SchemaLookup> {
    let lookup = this.custom.get(association.url);
    if (!lookup) {
      lookup = this.loadCustom(association.url);
      this.custom.set(association.url, lookup);
    }
    return lookup;
  }

  private async loadCustom(url: string): Promise<SchemaLookup> {
    if (isRemote(url)) {
      return {
        ok: false,
        message: `The schema \`${url}\` is not loaded: schemas are read from the site's files only, never from the network.`,
      };
    }
    const uri = /^file:/i.test(url) ? url : joinUri(this.workspace.root, url);
    // A schema the host named by a `file:` URI may refer to the files beside it; any other only to the site's.
    const allowed = /^file:/i.test(url) ? [this.workspace.root, parentUri(uri)] : [this.workspace.root];
    if (!isInside(uri, [this.workspace.root]) && !/^file:/i.test(url)) {
      return { ok: false, message: `The schema \`${url}\` is outside the site and is not read.` };
    }
    return this.compileFiles(await readSchemaFiles(this.workspace, uri, url, allowed), url);
  }

  private async compileFiles(files: SchemaFiles, label: string): Promise<SchemaLookup> {
    if (!files.ok) return files;
    const schema = files.top.schema;
    try {
      // A compiler of its own: the files are added by their URI, which another schema may share.
      const compiler = await this.compilerFor(schema);
      for (const file of files.referenced) compiler.addSchema(withId(file.schema, file.uri), file.uri);
      const validate = compiler.compile(withId(schema, files.top.uri));
      const declared =
        files.referenced.length > 0 || isRecord(schema) ? declaredFields(files) : new Set<string>();
      return {
        ok: true,
        validate,
        schema: schema as object,
        label,
        declared,
        files: [files.top, ...files.referenced],
      };
    } catch (error) {
      const text = errorText(error);
      const remote = /can't resolve reference\s+(\S+)/i.exec(text);
      if (remote && /^https?:/i.test(remote[1])) {
        return {
          ok: false,
          message: `The schema \`${label}\` refers to \`${remote[1]}\`, which is not fetched: schemas must be self-contained.`,
        };
      }
      return {
        ok: false,
        message: `The schema \`${label}\` cannot be used: ${text.replace(/file:\/\/\S*/g, '…')}`,
      };
    }
  }

  private compilerFor(schema: unknown): Promise<SchemaCompiler> {
    const declared = isRecord(schema) && typeof schema.$schema === 'string' ? schema.$schema : '';
    const dialect: Dialect = declared.includes('2020-12')
      ? '2020-12'
      : declared.includes('2019-09')
        ? '2019-09'
        : 'draft-07';
    let compiler = this.compilers.get(dialect);
    if (!compiler) {
      compiler = loadCompiler(dialect);
      this.compilers.set(dialect, compiler);
    }
    return compiler.then((make) => make());
  }
}

type Dialect = 'draft-07' | '2019-09' | '2020-12';

interface SchemaCompiler {
  compile(schema: object): ValidateFunction;
  addSchema(schema: object, key: string): unknown;
}

/**
 * ajv's compiler, loaded only when a writer's own schema needs it: the bundled schemas are
 * compiled at build time, and loading the compiler would cost every activation and CLI run.
 */
async function loadCompiler(dialect: Dialect): Promise<() => SchemaCompiler> {
  const module =
    dialect === '2020-12'
      ? await import('ajv/dist/2020')
      : dialect === '2019-09'
        ? await import('ajv/dist/2019')
        : await import('ajv');
  const Compiler = module.default as unknown as new (
    options: ReturnType<typeof ajvOptions>,
  ) => SchemaCompiler;
  return () => new Compiler(ajvOptions());
}

/** A schema as ajv is given it: known by the URI of its file, so that relative `$ref`s resolve from there. */
function withId(schema: Record<string, unknown> | boolean, uri: string): object {
  if (!isRecord(schema)) return schema ? {} : { not: {} };
  const copy: Record<string, unknown> = { ...schema, $id: uri };
  delete copy.id;
  return copy;
}

function ajvOptions() {
  // verbose: errors carry their schema, which the messages need (examples, property names).
  return {
    allErrors: true,
    strict: false,
    verbose: true,
    validateFormats: false,
    allowUnionTypes: true,
  } as const;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
