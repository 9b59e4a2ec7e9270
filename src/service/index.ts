import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { ArticleCache } from './articleDocument';
import { DEFAULT_SETTINGS } from './defaults';
import { computeDiagnostics } from './diagnostics';
import { applySeverities } from './rules';
import { computeCodeActions } from './codeActions';
import { computeCompletions } from './completion';
import type { FeatureContext } from './featureContext';
import { computeFixAll } from './fixAll';
import { computeFoldingRanges } from './folding';
import { computeHover } from './hover';
import { computeLinks } from './links';
import { newArticle } from './newArticle';
import { contentKindOf, SchemaCatalog } from './schemaCatalog';
import { isRecord, SiteIndex } from './siteIndex';
import { computeSymbols } from './symbols';
import type { ArticleLogger, ArticleService, ArticleServiceOptions, ArticleSettings } from './types';
import { relativePath } from './uri';

export type * from './types';
export { DEFAULT_SETTINGS } from './defaults';
export { RULES, DIAGNOSTIC_SOURCE, type RuleCode } from './rules';
export { locateFrontMatter, type FrontMatterBlock } from './frontMatter';
export { closestName } from './suggestions';
export { SchemaCatalog } from './schemaCatalog';

const SILENT: ArticleLogger = { error() {} };

/**
 * Creates the language service for one site. The host says how to read the site's files;
 * the service never touches the disk, the network or the editor itself.
 */
export function createArticleService(options: ArticleServiceOptions): ArticleService {
  const { workspace } = options;
  const logger = options.logger ?? SILENT;
  let settings: ArticleSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const cache = new ArticleCache();
  const site = new SiteIndex(workspace, settings, logger);
  const schemas = new SchemaCatalog(workspace, settings.schemas);
  const ready = site
    .load()
    .catch((error: unknown) => logger.error('Could not read the site\u2019s taxonomy', error));

  /**
   * What completion, hover and code actions need, from the cached parse of the document.
   * @param articles where parses are kept: fix-all's drafts never go into the editor documents' cache.
   */
  async function featureContext(
    document: TextDocument,
    articles: ArticleCache = cache,
  ): Promise<FeatureContext | undefined> {
    const article = articles.get(document, settings.maxFrontMatterLength);
    if (!article.block || !article.yaml) return undefined;
    const data = article.data();
    const values = data.ok && isRecord(data.value) ? data.value : {};
    const relative = pathInSite(workspace.root, document.uri);
    const kind = contentKindOf(values, relative);
    await site.load();
    return {
      article,
      data: values,
      site,
      kind,
      schema: await schemas.schemaFor(kind, relative),
      relativePath: relative,
    };
  }

  /** Runs a feature; a failure is logged and answered with the empty result. */
  async function guarded<T>(
    what: string,
    document: TextDocument,
    empty: T,
    work: (context: FeatureContext) => Promise<T> | T,
  ): Promise<T> {
    try {
      const context = await featureContext(document);
      return context ? await work(context) : empty;
    } catch (error) {
      logger.error(`Could not compute ${what} for ${document.uri}`, error);
      return empty;
    }
  }

  async function validate(document: TextDocument, articles: ArticleCache = cache): Promise<Diagnostic[]> {
    try {
      const article = articles.get(document, settings.maxFrontMatterLength);
      const found = await computeDiagnostics(article, {
        site,
        schemas,
        logger,
        relativePath: pathInSite(workspace.root, document.uri),
        maxFrontMatterLength: settings.maxFrontMatterLength,
      });
      return applySeverities(found, settings.rules);
    } catch (error) {
      logger.error(`Could not check ${document.uri}`, error);
      return [];
    }
  }

  return {
    ready,
    validate: (document) => validate(document),
    complete(document, position) {
      return guarded<CompletionList>('completions', document, { isIncomplete: false, items: [] }, (context) =>
        computeCompletions(context, position),
      );
    },
    hover(document, position) {
      return guarded('the hover', document, null, (context) => computeHover(context, position));
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
      return guarded<CodeAction[]>('quick fixes', document, [], (context) =>
        computeCodeActions(context, range, diagnostics),
      );
    },
    fixAll(document) {
      return guarded<TextEdit[]>('fix-all', document, [], () => {
        // The fixed drafts share the document's URI (so its path and schema are the same) but
        // not its cache entry, which stays the editor's version.
        const drafts = new ArticleCache(2);
        return computeFixAll(document, async (draft) => {
          const articles = draft === document ? cache : drafts;
          const context = await featureContext(draft, articles);
          return context && { context, diagnostics: await validate(draft, articles) };
        });
      });
    },
    async newArticle(options) {
      try {
        await site.load();
      } catch (error) {
        logger.error('Could not read the site\u2019s organizations', error);
      }
      return newArticle({ ...options, organizations: site.organizations() });
    },
    configure(changes) {
      settings = { ...settings, ...changes };
      site.setFolders(settings);
      if (changes.schemas) schemas.setAssociations(settings.schemas);
    },
    invalidateSite(uri) {
      site.invalidate(uri);
      schemas.invalidate(uri);
    },
    forget(uri) {
      cache.forget(uri);
    },
  };
}

/** The article's path below the site root, or the path part of its URI when it is elsewhere. */
function pathInSite(root: string, uri: string): string {
  return relativePath(root, uri) ?? uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\/+/, '');
}
