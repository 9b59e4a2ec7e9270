/**
 * Keeps the site index of every site an adapter serves: built once per service in the
 * background, fed the files that change (an editor's unsaved text, or the disk), and asked
 * for workspace symbols across sites. The VS Code extension and the language server share it.
 */
import type { SymbolInformation } from 'vscode-languageserver-types';
import type { ArticleService, CancellationToken } from '../service/index';
import { isWalkedArticle } from './articleFiles';
import { pathBelow } from './uris';

/** What the adapter hears of an index being built, for a progress indicator. */
export interface IndexingProgress {
  /** Called as files are read (`done` of `total`), and once with `done === total` at the end. */
  report(root: string, done: number, total: number): void;
}

interface IndexedSite {
  readonly root: string;
  readonly service: ArticleService;
  readonly built: Promise<void>;
}

/** The site indexes of the services an adapter uses, one per site root. */
export class SiteIndexing {
  private readonly sites = new Map<string, IndexedSite>();
  private cancelled = false;
  /** Cancels every index still being built once the adapter stops. */
  private readonly token: CancellationToken;

  constructor(private readonly progress?: IndexingProgress) {
    const cancelled = () => this.cancelled;
    this.token = {
      get isCancellationRequested() {
        return cancelled();
      },
    };
  }

  /**
   * Starts indexing a site's service in the background, once per service; resolves when its
   * index is built. A service made again for the same root (settings changed) is indexed again.
   */
  ensure(root: string, service: ArticleService): Promise<void> {
    const known = this.sites.get(root);
    if (known?.service === service) return known.built;
    const built = service.indexSite(this.token, (done, total) => this.progress?.report(root, done, total));
    this.sites.set(root, { root, service, built });
    return built;
  }

  /**
   * A file changed: `text` is an editor's unsaved text, `undefined` means read the disk (saved,
   * created, deleted, closed). Only articles of an indexed site are taken in.
   */
  async fileChanged(uri: string, text?: string): Promise<void> {
    for (const site of this.sites.values()) {
      const below = pathBelow(site.root, uri);
      if (below === undefined || !(isWalkedArticle(below) || text !== undefined)) continue;
      await site.built;
      await site.service.indexFile(uri, text);
    }
  }

  /** The articles of every indexed site whose title matches the query. */
  async workspaceSymbols(query: string): Promise<SymbolInformation[]> {
    const found = await Promise.all(
      [...this.sites.values()].map((site) => site.service.workspaceSymbols(query)),
    );
    return found.flat();
  }

  /** Stops every index being built. */
  dispose(): void {
    this.cancelled = true;
    this.sites.clear();
  }
}
