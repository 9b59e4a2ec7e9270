import { parse } from 'yaml';
import { readFastValues } from '../yaml/fastValues';
import { parseFastYaml } from '../yaml/fastYaml';
import { locateFrontMatter } from '../yaml/frontMatter';
import type { ArticleLogger, SiteWorkspace } from '../types';
import { joinUri, parentUri } from '../util/uri';
import { isRecord } from '../util/records';

/** A provider from the site's catalogue (`_data/organizations/*.md`). */
export interface Organization {
  readonly name: string;
  readonly domain: string;
  readonly images: ReadonlyArray<{ url: string; width?: number; height?: number }>;
  /** The catalogue file it comes from. */
  readonly uri: string;
}

/** A topic from the site's taxonomy (`_data/topics/*.yaml`). */
export interface Topic {
  readonly name: string;
  readonly uri: string;
}

/** What the taxonomy holds. */
type Taxonomy = { topics: Topic[]; organizations: Organization[] };

/** Where the site keeps its taxonomy, relative to its root. */
export interface TaxonomyFolders {
  readonly topicsFolder: string;
  readonly organizationsFolder: string;
}

/**
 * What the service knows of the site around an article: its topics, its provider
 * catalogue and which learning items exist. Read lazily, kept until invalidated.
 */
export class SiteTaxonomy {
  private taxonomy: Promise<Taxonomy> | undefined;
  /** The reading of the taxonomy whose result the maps hold (stale once `taxonomy` is another). */
  private read: Promise<Taxonomy> | undefined;
  private topicsByName = new Map<string, Topic>();
  private organizationsByDomain = new Map<string, Organization>();
  private readonly folderListings = new Map<string, Promise<Set<string>>>();

  constructor(
    private readonly workspace: SiteWorkspace,
    private folders: TaxonomyFolders,
    private readonly logger: ArticleLogger,
  ) {}

  /** Whether the taxonomy has been read (and found anything at all). */
  get hasTopics(): boolean {
    return this.topicsByName.size > 0;
  }

  /** Reads the taxonomy if it has not been read yet. */
  load(): Promise<void> {
    this.taxonomy ??= this.startReading();
    return this.taxonomy.then(() => undefined);
  }

  private startReading(): Promise<Taxonomy> {
    const reading: Promise<Taxonomy> = this.readTaxonomy().then((taxonomy) => {
      this.topicsByName = new Map(taxonomy.topics.map((topic) => [topic.name, topic]));
      this.organizationsByDomain = new Map(
        taxonomy.organizations.map((organization) => [organization.domain.toLowerCase(), organization]),
      );
      this.read = reading;
      return taxonomy;
    });
    return reading;
  }

  /**
   * Runs `work` once the taxonomy has been read: at once, without a promise, when it already
   * has (checking a folder of articles then costs no promise per rule and article).
   */
  whenLoaded<T>(work: () => T): T | Promise<T> {
    if (this.taxonomy !== undefined && this.read === this.taxonomy) return work();
    return this.load().then(work);
  }

  /** The site's topic names, in the taxonomy's order. */
  topicNames(): string[] {
    return [...this.topicsByName.keys()];
  }

  /** Whether a topic of exactly this name exists. */
  hasTopic(name: string): boolean {
    return this.topicsByName.has(name);
  }

  /** The catalogue's organization for a domain, if any. */
  organization(domain: string): Organization | undefined {
    return this.organizationsByDomain.get(domain.toLowerCase());
  }

  /** All organizations of the catalogue. */
  organizations(): Organization[] {
    return [...this.organizationsByDomain.values()];
  }

  /**
   * Whether a folder (URI) holds a Markdown file of this base name (without extension).
   * Folder listings are cached until invalidated.
   */
  async hasItem(folderUri: string, name: string): Promise<boolean> {
    let listing = this.folderListings.get(folderUri);
    if (!listing) {
      listing = this.workspace.readDirectory(folderUri).then(
        (entries) => new Set(entries.filter(([, kind]) => kind === 'file').map(([file]) => file)),
        () => new Set<string>(),
      );
      this.folderListings.set(folderUri, listing);
    }
    const files = await listing;
    return files.has(`${name}.md`) || files.has(`${name}.markdown`) || files.has(`${name}.html`);
  }

  /** The Markdown items of a folder (URI), by base name without extension. */
  async itemNames(folderUri: string): Promise<string[]> {
    await this.hasItem(folderUri, '');
    const files = await this.folderListings.get(folderUri)!;
    return [...files]
      .filter((file) => /\.(md|markdown|html)$/.test(file))
      .map((file) => file.replace(/\.[^.]+$/, ''));
  }

  /** Changes where the taxonomy is read from; it is read again on next use. */
  setFolders(folders: TaxonomyFolders): void {
    if (
      folders.topicsFolder !== this.folders.topicsFolder ||
      folders.organizationsFolder !== this.folders.organizationsFolder
    ) {
      this.folders = folders;
      this.invalidate();
    }
  }

  /** Forgets what was read under `uri` (everything when omitted). */
  invalidate(uri?: string): void {
    if (uri === undefined || uri.includes('/_data/') || this.isTaxonomyUri(uri)) {
      this.taxonomy = undefined;
    }
    if (uri === undefined) {
      this.folderListings.clear();
      return;
    }
    for (const folder of [...this.folderListings.keys()]) {
      if (uri === folder || parentUri(uri) === folder || folder.startsWith(uri + '/')) {
        this.folderListings.delete(folder);
      }
    }
  }

  private isTaxonomyUri(uri: string): boolean {
    const topics = joinUri(this.workspace.root, this.folders.topicsFolder);
    const organizations = joinUri(this.workspace.root, this.folders.organizationsFolder);
    return [topics, organizations].some((folder) => uri.startsWith(folder) || folder.startsWith(uri + '/'));
  }

  private async readTaxonomy(): Promise<{ topics: Topic[]; organizations: Organization[] }> {
    const [topics, organizations] = await Promise.all([this.readTopics(), this.readOrganizations()]);
    return { topics, organizations };
  }

  private async readTopics(): Promise<Topic[]> {
    const folder = joinUri(this.workspace.root, this.folders.topicsFolder);
    const files = await this.filesIn(folder, /\.ya?ml$/i);
    const topics: Topic[] = [];
    for (const [uri, text] of files) {
      try {
        const data = readYaml(text);
        const name = isRecord(data) ? data.name : undefined;
        if (typeof name === 'string' && name.trim()) topics.push({ name, uri });
      } catch (error) {
        this.logger.error(`Could not read the topic file ${uri}`, error);
      }
    }
    return topics;
  }

  private async readOrganizations(): Promise<Organization[]> {
    const folder = joinUri(this.workspace.root, this.folders.organizationsFolder);
    const files = await this.filesIn(folder, /\.(md|markdown|ya?ml)$/i);
    const organizations: Organization[] = [];
    for (const [uri, text] of files) {
      try {
        const block = locateFrontMatter(text);
        const data = readYaml(block ? text.slice(block.contentStart, block.contentEnd) : text);
        if (!isRecord(data) || typeof data.name !== 'string' || typeof data.domain !== 'string') continue;
        const images = Array.isArray(data.images)
          ? data.images.filter(
              (image): image is Organization['images'][number] =>
                isRecord(image) && typeof image.url === 'string',
            )
          : [];
        organizations.push({ name: data.name, domain: data.domain, images, uri });
      } catch (error) {
        this.logger.error(`Could not read the organization file ${uri}`, error);
      }
    }
    return organizations;
  }

  private async filesIn(folderUri: string, pattern: RegExp): Promise<Array<[string, string]>> {
    const entries = await this.workspace.readDirectory(folderUri).catch(() => []);
    const names = entries
      .filter(([name, kind]) => kind === 'file' && pattern.test(name))
      .map(([name]) => name)
      .sort();
    const texts = await Promise.all(
      names.map(async (name): Promise<[string, string | undefined]> => {
        const uri = joinUri(folderUri, name);
        return [uri, await this.workspace.readFile(uri).catch(() => undefined)];
      }),
    );
    return texts.filter((entry): entry is [string, string] => entry[1] !== undefined);
  }
}

/** The folders of `_learning/` whose files a collection's `items` name (`videos/<name>`, `courses/<name>`). */
export const LEARNING_FOLDERS: readonly string[] = ['videos', 'courses'];

/** The `_learning/` folder of a collection: `_learning/collections/x.md` names its items relative to it. */
export function learningFolderOf(collectionUri: string): string {
  return parentUri(parentUri(collectionUri));
}

/** The values of a small YAML file: the fast readers when they can, the yaml package otherwise. */
function readYaml(text: string): unknown {
  const fast = readFastValues(text) ?? parseFastYaml(text);
  return fast ? fast.value : parse(text, { logLevel: 'error' });
}
