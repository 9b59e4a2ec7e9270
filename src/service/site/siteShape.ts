import type { ArticleLogger, SiteWorkspace } from '../types';
import { joinUri } from '../util/uri';
import { EMPTY_JEKYLL_CONFIG, readJekyllConfig, type JekyllConfig } from './jekyllConfig';
import type { TaxonomyFolders } from './taxonomy';

/** What a site shows of itself that decides which kinds of content it holds. */
export interface SiteShape {
  /** Its `_config.yml`, read as Jekyll reads it (empty when missing or broken). */
  readonly config: JekyllConfig;
  /** Whether it has a taxonomy folder (`_data/topics` or `_data/organizations`) with something in it. */
  readonly hasTaxonomy: boolean;
}

/** The shape of a site without a configuration or taxonomy: a plain Jekyll site. */
export const PLAIN_SITE: SiteShape = { config: EMPTY_JEKYLL_CONFIG, hasTaxonomy: false };

/**
 * Reads a site's `_config.yml` and whether it has taxonomy folders, through the workspace;
 * kept until `invalidate` names the configuration or the `_data` folder.
 */
export class SiteShapeReader {
  private shape: Promise<SiteShape> | undefined;
  private known: SiteShape | undefined;

  constructor(
    private readonly workspace: SiteWorkspace,
    private folders: TaxonomyFolders,
    private readonly logger: ArticleLogger,
  ) {}

  /** The site's shape: at once when it has been read, else a promise while it is read. */
  current(): SiteShape | Promise<SiteShape> {
    if (this.known) return this.known;
    const reading = (this.shape ??= this.read().catch((error: unknown) => {
      this.logger.error('Could not read the site\u2019s _config.yml', error);
      return PLAIN_SITE;
    }));
    void reading.then((shape) => {
      if (this.shape === reading) this.known = shape;
    });
    return reading;
  }

  /** Changes where the taxonomy is looked for; the shape is read again on next use. */
  setFolders(folders: TaxonomyFolders): void {
    if (
      folders.topicsFolder === this.folders.topicsFolder &&
      folders.organizationsFolder === this.folders.organizationsFolder
    )
      return;
    this.folders = { topicsFolder: folders.topicsFolder, organizationsFolder: folders.organizationsFolder };
    this.invalidate();
  }

  /** Forgets the shape when `uri` is the configuration or in `_data` (or when omitted). */
  invalidate(uri?: string): void {
    const root = this.workspace.root;
    if (
      uri === undefined ||
      uri === `${root}/_config.yml` ||
      uri === root ||
      uri.startsWith(`${root}/_data`)
    ) {
      this.shape = undefined;
      this.known = undefined;
    }
  }

  private async read(): Promise<SiteShape> {
    const folders = [this.folders.topicsFolder, this.folders.organizationsFolder];
    const [text, ...listings] = await Promise.all([
      this.workspace.readFile(joinUri(this.workspace.root, '_config.yml')).catch(() => undefined),
      ...folders.map((folder) =>
        this.workspace.readDirectory(joinUri(this.workspace.root, folder)).catch(() => []),
      ),
    ]);
    return { config: readJekyllConfig(text), hasTaxonomy: listings.some((entries) => entries.length > 0) };
  }
}
