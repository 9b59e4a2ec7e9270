import type {
  ArticleLogger,
  ArticleService,
  ArticleServiceOptions,
  ArticleSettings,
  SiteWorkspace,
} from '../service/index';
import { pathBelow } from './uris';

/** What `SiteServices` needs from its adapter. */
export interface SiteServicesOptions {
  /** The service's factory (`createArticleService`), given once the adapter has loaded it. */
  readonly createArticleService: (options: ArticleServiceOptions) => ArticleService;
  /** How a site's files are read, for the site at `root`. */
  readonly createWorkspace: (root: string) => SiteWorkspace;
  /** Where the services' failures go. */
  readonly logger?: ArticleLogger;
}

interface Site {
  readonly service: ArticleService;
  /** The settings last given, as given and as JSON, to configure the service only when they change. */
  settings: Partial<ArticleSettings>;
  json: string;
}

/**
 * One service per site, made on first need and configured only when its settings change.
 * A site is named by its root: a URI wherever file changes are reported (`invalidate` compares
 * the changed file's URI with it), or whatever the adapter uses otherwise (a path in the CLI).
 */
export class SiteServices {
  private readonly sites = new Map<string, Site>();

  constructor(private readonly options: SiteServicesOptions) {}

  /** The service of the site at `root`, made or configured with `settings` as needed. */
  serviceAt(root: string, settings: Partial<ArticleSettings>): ArticleService {
    const site = this.sites.get(root);
    if (!site) {
      const service = this.options.createArticleService({
        workspace: this.options.createWorkspace(root),
        settings,
        logger: this.options.logger,
      });
      this.sites.set(root, { service, settings, json: JSON.stringify(settings) });
      return service;
    }
    // The same object is the same settings: no JSON to write (the CLI asks again and again).
    if (site.settings !== settings) {
      const json = JSON.stringify(settings);
      if (json !== site.json) site.service.configure(settings);
      site.settings = settings;
      site.json = json;
    }
    return site.service;
  }

  /**
   * Makes the sites that hold the file or folder `uri` (or that it holds; every site with
   * `everywhere`) read again what they read of it. Returns whether any site did.
   * @param options.when of the sites holding `uri`, those that read it, by its path below the root.
   */
  invalidate(
    uri: string,
    options?: {
      everywhere?: boolean;
      when?: (relativePath: string, settings: Partial<ArticleSettings>) => boolean;
    },
  ): boolean {
    let any = false;
    for (const [root, site] of this.sites) {
      try {
        const relative = pathBelow(root, uri);
        if (options?.everywhere) site.service.invalidateSite(uri);
        else if (relative !== undefined && (options?.when?.(relative, site.settings) ?? true))
          site.service.invalidateSite(uri);
        else if (relative === undefined && pathBelow(uri, root) !== undefined) site.service.invalidateSite();
        else continue;
        any = true;
      } catch (error) {
        this.options.logger?.error(`Could not forget what was read of ${root}`, error);
      }
    }
    return any;
  }

  /** Forgets a closed document in every site's service. */
  forget(uri: string): void {
    for (const [root, site] of this.sites) {
      try {
        site.service.forget(uri);
      } catch (error) {
        this.options.logger?.error(`Could not forget ${uri} in ${root}`, error);
      }
    }
  }

  /** Drops every service: the next request for a site makes a new one. */
  dispose(): void {
    this.sites.clear();
  }
}
