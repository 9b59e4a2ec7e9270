import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createArticleContext, type ArticleContext } from './context';
import { DEFAULT_SETTINGS } from './defaults';
import { computeCodeActions } from './features/codeActions';
import { computeCodeLenses } from './features/codeLens';
import { computeConfigDiagnostics } from './features/configDiagnostics';
import { computeCompletions } from './features/completion/index';
import { computeDiagnostics } from './features/diagnostics';
import { computeFixAll } from './features/fixAll';
import { computeFoldingRanges } from './features/folding';
import { computeHover } from './features/hover';
import { computeLinks } from './features/links';
import {
  definition,
  prepareRename,
  references,
  RENAME_ONLY_TITLES,
  rename,
  withLinkCount,
  workspaceSymbols,
} from './features/navigation';
import { withTagUse } from './features/tags';
import { newArticle } from './features/newArticle';
import { unpublishedReasons } from './rules/site/publicationFacts';
import { computeSymbols } from './features/symbols';
import { BUILT_IN_RULES } from './rules/registry';
import { applySeverities, type Rule } from './rules/rule';
import { SchemaCatalog } from './schema/catalog';
import { SiteShapeReader, type SiteShape } from './site/siteShape';
import { SiteArticleIndex } from './site/articleIndex';
import { SiteTaxonomy } from './site/taxonomy';
import { isTeamConfigUri, TeamConfigs, withTeamSettings, type TeamConfigFile } from './site/teamConfig';
import { teamConfigCompletions, teamConfigDiagnostics, teamConfigHover } from './features/teamConfigDocument';
import { matchesGlob } from './util/glob';
import type { ArticleLogger, ArticleService, ArticleServiceOptions, ArticleSettings } from './types';
import { relativePath } from './util/uri';
import { ArticleCache, type ParsedArticle } from './yaml/articleDocument';

export type * from './types';
export type { SiteIndexSnapshot } from './site/articleIndex';
export { DEFAULT_SETTINGS } from './defaults';
export { BUILT_IN_RULES, RULES, rulesByCode, type RuleCode } from './rules/registry';
export { DIAGNOSTIC_SOURCE, defineRule, diagnostic, type Rule, type RuleLayer } from './rules/rule';
export { isSafeFix } from './features/codeActions';
export { rulesTable } from './rules/table';
export { locateFrontMatter, type FrontMatterBlock } from './yaml/frontMatter';
export type { ArticleContext } from './context';
export { closestName } from './util/suggestions';
export { SchemaCatalog } from './schema/catalog';
export { isExcludedByJekyll, readJekyllConfig, type JekyllConfig } from './site/jekyllConfig';
export { TEAM_CONFIG_NAMES, isTeamConfigUri } from './site/teamConfig';
export { SEVERITY_WORDS } from './util/severities';
export { SHOW_LINKS_COMMAND } from './util/commands';
export {
  inferSchema,
  RARE_KEY_SHARE,
  type DriftFinding,
  type InferenceOptions,
  type InferenceSample,
  type InferredSchema,
} from './schema/inference';
export {
  driftReport,
  inferSiteSchemas,
  readInferenceSample,
  teamConfigText,
  type ContentKind as SiteContentKind,
  type InferredKind,
  type InferredSite,
} from './site/contentKinds';

const SILENT: ArticleLogger = { error() {} };

/**
 * Creates the language service for one site. The host says how to read the site's files;
 * the service never touches the disk, the network or the editor itself.
 */
export function createArticleService(options: ArticleServiceOptions): ArticleService {
  const { workspace } = options;
  const logger = options.logger ?? SILENT;
  const now = options.now ?? (() => new Date());
  let settings: ArticleSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const rules: ReadonlyMap<string, Rule> = new Map(
    (options.rules ?? BUILT_IN_RULES).map((rule) => [rule.code, rule]),
  );
  const cache = new ArticleCache();
  const site = new SiteTaxonomy(workspace, settings, logger);
  const shapes = new SiteShapeReader(workspace, settings, logger);
  const schemas = new SchemaCatalog(workspace, settings.schemas);
  const siteIndex = new SiteArticleIndex(
    workspace,
    () => settings.maxFrontMatterLength,
    options.indexLinks ?? true,
  );
  // The team's configuration (`.article-frontmatter.yml`), under the host's settings.
  const teams = new TeamConfigs(workspace, [...rules.keys()]);
  let effective = new WeakMap<TeamConfigFile, ArticleSettings>();
  const settingsUnder = (team: TeamConfigFile | null): ArticleSettings => {
    if (!team) return settings;
    let merged = effective.get(team);
    if (!merged) effective.set(team, (merged = withTeamSettings(settings, team.settings)));
    return merged;
  };
  /** The team config that applies to a document (the root's for a file outside the site). */
  const teamFor = (uri: string) => {
    const inSite = relativePath(workspace.root, uri);
    return inSite === undefined ? teams.forFolder('') : teams.forPath(inSite);
  };
  const ready = Promise.all([
    site.load().catch((error: unknown) => logger.error('Could not read the site\u2019s taxonomy', error)),
    shapes.current(),
    Promise.resolve(teams.forFolder('')).catch((error: unknown) =>
      logger.error('Could not read the team configuration', error),
    ),
  ]).then(() => undefined);
  /** Contexts made for a parse, with the generation of the settings and site they were made with. */
  const contexts = new WeakMap<
    ParsedArticle,
    { generation: number; context: ArticleContext | Promise<ArticleContext> }
  >();
  /** Changes when the settings or the site's files change: contexts made before are made again. */
  let generation = 0;

  /**
   * The one context of a version of a document, made on first need and shared by every
   * feature and rule (a promise only while a writer's own schema is read).
   * @param articles where parses are kept: fix-all's drafts never go into the editor documents' cache.
   */
  function contextFor(
    document: TextDocument,
    articles: ArticleCache = cache,
  ): ArticleContext | Promise<ArticleContext> {
    const article = articles.get(document, settings.maxFrontMatterLength);
    const made = contexts.get(article);
    if (made && made.generation === generation) return made.context;
    const make = (shape: SiteShape, team: TeamConfigFile | null) =>
      createArticleContext(article, {
        site,
        shape,
        articles: siteIndex,
        schemas,
        settings: settingsUnder(team),
        rules,
        logger,
        relativePath: pathInSite(workspace.root, document.uri),
        now,
      });
    const shape = shapes.current();
    const team = teamFor(document.uri);
    const context =
      shape instanceof Promise || team instanceof Promise
        ? Promise.all([shape, team]).then(([siteShape, teamConfig]) => make(siteShape, teamConfig))
        : make(shape, team);
    contexts.set(article, { generation, context });
    return context;
  }

  /** What completion, hover and code actions need, once the site's files have been read. */
  async function featureContext(
    document: TextDocument,
    articles: ArticleCache = cache,
    withoutFrontMatter = false,
  ): Promise<ArticleContext | undefined> {
    const context = await contextFor(document, articles);
    // Quick fixes also serve a file whose front matter Jekyll does not see (`frontmatter-ignored`).
    if (!withoutFrontMatter && (!context.article.block || !context.article.yaml)) return undefined;
    await site.load();
    return context;
  }

  /** Runs a feature; a failure is logged and answered with the empty result. */
  async function guarded<T>(
    what: string,
    document: TextDocument,
    empty: T,
    work: (context: ArticleContext) => Promise<T> | T,
    withoutFrontMatter = false,
  ): Promise<T> {
    try {
      const context = await featureContext(document, cache, withoutFrontMatter);
      return context ? await work(context) : empty;
    } catch (error) {
      logger.error(`Could not compute ${what} for ${document.uri}`, error);
      return empty;
    }
  }

  async function validate(document: TextDocument, articles: ArticleCache = cache): Promise<Diagnostic[]> {
    try {
      if (isTeamConfigUri(document.uri)) return teamConfigDiagnostics(document, [...rules.keys()]);
      if (pathInSite(workspace.root, document.uri) === '_config.yml') {
        return applySeverities(computeConfigDiagnostics(document), settings.rules);
      }
      const made = contextFor(document, articles);
      const context = made instanceof Promise ? await made : made;
      if (isIgnored(context.settings, context.relativePath)) return [];
      const found = await computeDiagnostics(context);
      return applySeverities(found, context.settings.rules);
    } catch (error) {
      logger.error(`Could not check ${document.uri}`, error);
      return [];
    }
  }

  return {
    ready,
    validate: (document) => validate(document),
    complete(document, position) {
      if (isTeamConfigUri(document.uri))
        return Promise.resolve(teamConfigCompletions(document, position, rules));
      return guarded<CompletionList>('completions', document, { isIncomplete: false, items: [] }, (context) =>
        computeCompletions(context, position),
      );
    },
    hover(document, position) {
      if (isTeamConfigUri(document.uri)) return Promise.resolve(teamConfigHover(document, position, rules));
      return guarded('the hover', document, null, async (context) =>
        withTagUse(
          context,
          position,
          withLinkCount(context, position, await computeHover(context, position)),
        ),
      );
    },
    links(document) {
      return guarded('links', document, [], (context) => computeLinks(context.article));
    },
    symbols(document) {
      return guarded('the outline', document, [], (context) => computeSymbols(context.article));
    },
    foldingRanges(document) {
      return guarded('folding ranges', document, [], (context) => computeFoldingRanges(context.article));
    },
    codeActions(document, range, diagnostics) {
      return guarded<CodeAction[]>(
        'quick fixes',
        document,
        [],
        (context) => computeCodeActions(context, range, diagnostics),
        true,
      );
    },
    fixAll(document) {
      return guarded<TextEdit[]>(
        'fix-all',
        document,
        [],
        () => {
          // The fixed drafts share the document's URI (so its path and schema are the same) but
          // not its cache entry, which stays the editor's version.
          const drafts = new ArticleCache(2);
          return computeFixAll(document, async (draft) => {
            const articles = draft === document ? cache : drafts;
            const context = await featureContext(draft, articles, true);
            return context && { context, diagnostics: await validate(draft, articles) };
          });
        },
        true,
      );
    },
    async newArticle(options) {
      try {
        await site.load();
      } catch (error) {
        logger.error('Could not read the site\u2019s organizations', error);
      }
      return newArticle({ ...options, organizations: site.organizations() });
    },
    codeLenses(document) {
      return guarded('code lenses', document, [], (context) => computeCodeLenses(context));
    },
    definition(document, position) {
      return guarded('the definition', document, [], (context) => definition(context, position));
    },
    references(document, position, { includeDeclaration }) {
      return guarded('references', document, [], (context) =>
        references(context, position, includeDeclaration),
      );
    },
    prepareRename(document, position) {
      return guarded('a rename', document, { message: RENAME_ONLY_TITLES }, (context) =>
        prepareRename(context, position),
      );
    },
    rename(document, position, newName) {
      return guarded('a rename', document, { message: RENAME_ONLY_TITLES }, (context) =>
        rename(context, position, newName),
      );
    },
    async workspaceSymbols(query) {
      try {
        return workspaceSymbols(siteIndex, query);
      } catch (error) {
        logger.error('Could not list the site\u2019s articles', error);
        return [];
      }
    },
    async indexSite(token, onProgress) {
      try {
        await siteIndex.indexSite(token, onProgress);
      } catch (error) {
        logger.error('Could not index the site', error);
      }
    },
    async indexFile(uri, text) {
      try {
        await siteIndex.update(uri, text);
      } catch (error) {
        logger.error(`Could not index ${uri}`, error);
      }
    },
    exportIndex: () => siteIndex.snapshot(),
    importIndex: (snapshot) => siteIndex.load(snapshot),
    onDidChangeIndex: (listener) => siteIndex.onDidChange(listener),
    configure(changes) {
      settings = { ...settings, ...changes };
      generation++;
      effective = new WeakMap();
      site.setFolders(settings);
      shapes.setFolders(settings);
      if (changes.schemas) schemas.setAssociations(settings.schemas);
    },
    invalidateSite(uri) {
      generation++;
      site.invalidate(uri);
      shapes.invalidate(uri);
      schemas.invalidate(uri);
      teams.invalidate(uri);
    },
    forget(uri) {
      cache.forget(uri);
    },
    async unpublishedReasons(document) {
      try {
        const context = await contextFor(document);
        if (!context.article.block || isIgnored(context.settings, context.relativePath)) return [];
        return unpublishedReasons(context);
      } catch (error) {
        logger.error(`Could not tell whether ${document.uri} is published`, error);
        return [];
      }
    },
    ignores(uri) {
      const path = pathInSite(workspace.root, uri);
      const team = teamFor(uri);
      return team instanceof Promise
        ? team.then((found) => isIgnored(settingsUnder(found), path))
        : isIgnored(settingsUnder(team), path);
    },
  };
}

/** Whether the settings say a file at this path below the site root is not to be checked. */
function isIgnored(settings: ArticleSettings, path: string): boolean {
  // A glob naming a folder (`drafts`, `drafts/`) holds the files below it too.
  return (
    settings.ignore.length > 0 &&
    settings.ignore.some(
      (glob) => matchesGlob(glob, path) || matchesGlob(glob.replace(/\/+$/, '') + '/**', path),
    )
  );
}

/** The article's path below the site root, or the path part of its URI when it is elsewhere. */
function pathInSite(root: string, uri: string): string {
  return relativePath(root, uri) ?? uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\/+/, '');
}
