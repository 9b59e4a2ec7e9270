import type { CancellationToken, SiteWorkspace } from '../types';
import { isSkippedFolder, isWalkedName } from '../util/articleNames';
import { relativePath } from '../util/uri';
import {
  readArticleRecord,
  readRecordWithoutRelated,
  type ArticleRecord,
  type CopiedValues,
  type LineSpan,
} from './articleRecord';
import { normalTag, TagCounts, type TagKind, type TagLists } from './tags';

/** An article of the site, as the index keeps it: its file, its `webUrl` and what its copies hold. */
export interface IndexedArticle {
  /** The file. */
  readonly uri: string;
  /** Its `webUrl`, trimmed. */
  readonly webUrl: string;
  /** Its title, date, excerpt, type, quality and provider name. */
  readonly values: CopiedValues;
  /** Where its `title`'s value is. */
  readonly titleSpan: LineSpan;
}

/** A `related` entry of some file of the site that points, by `webUrl`, at an article. */
export interface RelatedLink {
  /** The file holding the entry. */
  readonly uri: string;
  /** The entry's index in that file's `related` list. */
  readonly index: number;
  /** The entry's first line (0-based). */
  readonly line: number;
  /** Where its first field starts on that line. */
  readonly column: number;
}

/** Everything the site says about one `webUrl`: the files that are that article, and the entries that copy it. */
interface UrlEntry {
  readonly articles: Set<IndexedArticle>;
  readonly links: Set<LinkRecord>;
}

interface LinkRecord extends RelatedLink {
  readonly webUrl: string;
}

interface FileRecord {
  readonly article: IndexedArticle | undefined;
  readonly links: readonly LinkRecord[];
  readonly tags: TagLists | undefined;
}

/**
 * What an index holds, as plain data another thread can be sent (structured clone): per
 * file, its URI, its article (when it has a `webUrl`), its `related` entries and its tags. A check on
 * several threads builds the index once and gives each thread this copy.
 */
export interface SiteIndexSnapshot {
  /** Whether the whole site was read, not only some files. */
  readonly wholeSite: boolean;
  readonly files: ReadonlyArray<{
    readonly uri: string;
    readonly article?: Omit<IndexedArticle, 'uri'>;
    readonly links: ReadonlyArray<Omit<LinkRecord, 'uri'>>;
    readonly tags?: TagLists;
  }>;
}

/** Files read between two yields to the event loop while the whole site is indexed, at most… */
const FILES_PER_YIELD = 25;
/** …and milliseconds: 25 of a large site's biggest articles take far longer than a keystroke may wait. */
const MS_PER_YIELD = 5;
/** How deep a walk goes: a folder linked into itself would otherwise be walked forever. */
const MAX_DEPTH = 64;

/**
 * The site as one linked whole (the `SiteTaxonomy` is its topics and catalogue): per file,
 * the article it is and the `related` entries it holds; per `webUrl`, the files that are
 * that article and the entries anywhere on the site that copy it. It keeps only those few
 * values per article, never texts or parsed trees, and is updated one file at a time.
 */
export class SiteArticleIndex {
  private readonly files = new Map<string, FileRecord>();
  private readonly urls = new Map<string, UrlEntry>();
  /** Per spelling of each tag and category, how many articles use it (by the form its variants share). */
  private readonly tagCounts = new TagCounts();
  /** The files indexed under an encoded URI, by their decoded URI (hosts encode names differently). */
  private readonly aliases = new Map<string, string>();
  /** Files whose text an editor holds, and that text: a walk of the disk does not read them again. */
  private readonly editorTexts = new Map<string, string | undefined>();
  private state: 'none' | 'partial' | 'site' = 'none';
  private generationCount = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly workspace: SiteWorkspace,
    private readonly maxLength: () => number,
    /** Whether the `related` entries are kept (navigation needs them; the rules do not). */
    private readonly keepLinks = true,
  ) {}

  /** Whether any file has been indexed: until then the cross-file rules say nothing. */
  get built(): boolean {
    return this.state !== 'none';
  }

  /** Whether the whole site has been read (not only some files). */
  get wholeSite(): boolean {
    return this.state === 'site';
  }

  /** Changes whenever the index does. */
  get generation(): number {
    return this.generationCount;
  }

  /** Calls `listener` after each change of the index; returns how to stop. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Reads every article of the site through the workspace, yielding to the event loop every
   * few files. Files whose text an editor gave (`update` with a text) keep it.
   * @returns whether it finished (`false` when cancelled: what was read stays indexed).
   */
  async indexSite(
    token?: CancellationToken,
    onProgress?: (done: number, total: number) => void,
  ): Promise<boolean> {
    const found = await this.listArticles(token);
    if (token?.isCancellationRequested) return false;
    const seen = new Set(found);
    for (const uri of [...this.files.keys()])
      if (!seen.has(uri) && !this.editorTexts.has(uri)) this.remove(uri);
    let sinceYield = 0;
    let yielded = Date.now();
    for (let done = 0; done < found.length; done++) {
      if (sinceYield % FILES_PER_YIELD === 0 || Date.now() - yielded >= MS_PER_YIELD) {
        onProgress?.(done, found.length);
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        if (token?.isCancellationRequested) return false;
        sinceYield = 0;
        yielded = Date.now();
      }
      sinceYield++;
      const uri = found[done];
      if (this.editorTexts.has(uri)) continue;
      if (!this.keepLinks && (await this.setWithoutLinks(uri))) continue;
      this.set(uri, await this.readDisk(uri));
    }
    onProgress?.(found.length, found.length);
    this.state = 'site';
    this.changed();
    return true;
  }

  /**
   * Indexes one file again: `text` is an editor's unsaved text, which wins over the disk until
   * the file is updated without one; `undefined` reads the disk (a file saved, created,
   * deleted or closed), and a file that cannot be read is dropped from the index.
   */
  async update(uri: string, text?: string): Promise<void> {
    if (text !== undefined) {
      // The text itself only where navigation may need it (a rename reads the copies' files).
      this.editorTexts.set(uri, this.keepLinks ? text : undefined);
      this.set(uri, text);
    } else {
      this.editorTexts.delete(uri);
      this.set(uri, await this.readDisk(uri));
    }
    if (this.state === 'none') this.state = 'partial';
    this.changed();
  }

  /** What the index holds, to be loaded into another thread's index (`load`). */
  snapshot(): SiteIndexSnapshot {
    const files: Array<SiteIndexSnapshot['files'][number]> = [];
    for (const [uri, record] of this.files) {
      const article = record.article && {
        webUrl: record.article.webUrl,
        values: record.article.values,
        titleSpan: record.article.titleSpan,
      };
      const links = record.links.map(({ webUrl, index, line, column }) => ({ webUrl, index, line, column }));
      const tags = record.tags;
      files.push({ uri, links, ...(article && { article }), ...(tags && { tags }) });
    }
    return { wholeSite: this.state === 'site', files };
  }

  /**
   * Takes in what another index held (`snapshot`), in place of what this one holds; files
   * an editor gave a text keep it.
   */
  load(snapshot: SiteIndexSnapshot): void {
    for (const uri of [...this.files.keys()]) if (!this.editorTexts.has(uri)) this.remove(uri);
    for (const file of snapshot.files) {
      if (this.editorTexts.has(file.uri)) continue;
      this.add(file.uri, file.article && { uri: file.uri, ...file.article }, file.links, file.tags);
    }
    if (snapshot.wholeSite) this.state = 'site';
    else if (this.state === 'none' && snapshot.files.length > 0) this.state = 'partial';
    this.changed();
  }

  /** A file's current text: an editor's where it gave one, else the disk's. */
  async textOf(uri: string): Promise<string | undefined> {
    return this.editorTexts.get(uri) ?? this.readDisk(uri);
  }

  /** A file's text on disk; `undefined` when it cannot be read. */
  private async readDisk(uri: string): Promise<string | undefined> {
    try {
      return await this.workspace.readFile(uri);
    } catch {
      return undefined;
    }
  }

  /** Drops a file (deleted, or no longer an article) from the index. */
  remove(uri: string): void {
    const record = this.files.get(uri);
    if (!record) return;
    this.files.delete(uri);
    if (this.aliases.get(safeDecode(uri)) === uri) this.aliases.delete(safeDecode(uri));
    if (record.tags) this.tagCounts.add(record.tags, -1);
    if (record.article) this.entryOf(record.article.webUrl, false)?.articles.delete(record.article);
    for (const link of record.links) this.entryOf(link.webUrl, false)?.links.delete(link);
    if (record.article) this.prune(record.article.webUrl);
    for (const link of record.links) this.prune(link.webUrl);
    this.generationCount++;
  }

  /** The site's articles at a `webUrl` (several when it was imported twice), in file order. */
  articlesAt(webUrl: string): IndexedArticle[] {
    const entry = this.urls.get(webUrl.trim());
    if (!entry || entry.articles.size === 0) return [];
    // One article per address is the rule: nothing to sort (asked for every related entry).
    if (entry.articles.size === 1) return [...entry.articles];
    return [...entry.articles].sort((a, b) => compare(a.uri, b.uri));
  }

  /** The `related` entries of the site that point at a `webUrl`, by file and entry. */
  linksTo(webUrl: string): RelatedLink[] {
    const entry = this.urls.get(webUrl.trim());
    if (!entry) return [];
    return [...entry.links]
      .map(({ uri, index, line, column }) => ({ uri, index, line, column }))
      .sort((a, b) => compare(a.uri, b.uri) || a.index - b.index);
  }

  /** The article a file is, when the index holds one. */
  articleOf(uri: string): IndexedArticle | undefined {
    return this.files.get(uri)?.article;
  }

  /**
   * How many articles use each spelling of a tag's variants (case, separators and plurals
   * aside), leaving out the file `except` (whose current text the caller counts itself).
   */
  tagVariants(kind: TagKind, value: string, except?: string): Map<string, number> {
    const counts = this.tagSpellings(kind, normalTag(value));
    const own = except === undefined ? undefined : this.tagsOf(except)?.[kind];
    for (const spelling of own ?? []) {
      const count = counts.get(spelling);
      if (count === undefined) continue;
      if (count > 1) counts.set(spelling, count - 1);
      else counts.delete(spelling);
    }
    return counts;
  }

  /** How many articles use each spelling of the tags (or categories) of one form (`normalTag`). */
  tagSpellings(kind: TagKind, form: string): Map<string, number> {
    return this.tagCounts.spellingsOf(kind, form);
  }

  /** The files whose tags (or categories) hold this exact spelling, in file order. */
  filesWithTag(kind: TagKind, value: string): string[] {
    const found: string[] = [];
    for (const [uri, record] of this.files) if (record.tags?.[kind].includes(value)) found.push(uri);
    return found.sort(compare);
  }

  /** A file's record, under its URI as given or as another host encodes it. */
  private recordOf(uri: string): FileRecord | undefined {
    const record = this.files.get(uri);
    if (record) return record;
    const decoded = safeDecode(uri);
    return this.files.get(this.aliases.get(decoded) ?? decoded);
  }

  /** The distinct tags and categories the index holds for a file. */
  tagsOf(uri: string): TagLists | undefined {
    return this.recordOf(uri)?.tags;
  }

  /** A file's path below the site root, as messages name it. */
  relativePathOf(uri: string): string {
    return relativePath(this.workspace.root, uri) ?? uri;
  }

  /** Whether two URIs name the same file (hosts encode names differently: `%27` or `'`). */
  sameFile(a: string, b: string): boolean {
    return a === b || safeDecode(a) === safeDecode(b);
  }

  /** Every article of the site. */
  *articles(): IterableIterator<IndexedArticle> {
    for (const record of this.files.values()) if (record.article) yield record.article;
  }

  /** How many files, articles and links it holds. */
  get size(): { files: number; articles: number; links: number } {
    let articles = 0;
    let links = 0;
    for (const record of this.files.values()) {
      if (record.article) articles++;
      links += record.links.length;
    }
    return { files: this.files.size, articles, links };
  }

  /**
   * Indexes a file from its text without the `related` block, when the workspace can read it
   * so and that text tells all the index keeps; `false` when the whole text must be read.
   */
  private async setWithoutLinks(uri: string): Promise<boolean> {
    let record: ArticleRecord | undefined | null = null;
    try {
      const read = await this.workspace.readFileWithout?.(uri, 'related');
      if (read) record = readRecordWithoutRelated(read.text, read.bytes, this.maxLength());
    } catch {
      record = null;
    }
    if (record === null) return false;
    this.remove(uri);
    this.setRecord(uri, record);
    return true;
  }

  private set(uri: string, text: string | undefined): void {
    this.remove(uri);
    if (text === undefined) return;
    let record;
    try {
      record = readArticleRecord(text, this.maxLength(), this.keepLinks);
    } catch {
      record = undefined;
    }
    this.setRecord(uri, record);
  }

  private setRecord(uri: string, record: ArticleRecord | undefined): void {
    if (!record) return;
    const article: IndexedArticle | undefined =
      record.webUrl === undefined
        ? undefined
        : { uri, webUrl: record.webUrl, values: record.values, titleSpan: record.titleSpan };
    this.add(uri, article, record.related, record.tags);
  }

  /** Adds a file not in the index (removed first). */
  private add(
    uri: string,
    article: IndexedArticle | undefined,
    related: ReadonlyArray<Omit<LinkRecord, 'uri'>>,
    tags: TagLists | undefined,
  ): void {
    const links = related.map((link) => ({ uri, ...link }));
    this.files.set(uri, { article, links, tags });
    if (safeDecode(uri) !== uri) this.aliases.set(safeDecode(uri), uri);
    if (tags) this.tagCounts.add(tags, 1);
    if (article) this.entryOf(article.webUrl, true)!.articles.add(article);
    for (const link of links) this.entryOf(link.webUrl, true)!.links.add(link);
    this.generationCount++;
  }

  private entryOf(webUrl: string, create: boolean): UrlEntry | undefined {
    let entry = this.urls.get(webUrl);
    if (!entry && create) {
      entry = { articles: new Set(), links: new Set() };
      this.urls.set(webUrl, entry);
    }
    return entry;
  }

  private prune(webUrl: string): void {
    const entry = this.urls.get(webUrl);
    if (entry && entry.articles.size === 0 && entry.links.size === 0) this.urls.delete(webUrl);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** The site's article files, walked as the host's file list walks them, sorted. */
  private async listArticles(token: CancellationToken | undefined): Promise<string[]> {
    const found: string[] = [];
    const walk = async (folder: string, depth: number): Promise<void> => {
      if (token?.isCancellationRequested || depth > MAX_DEPTH) return;
      let entries: Array<[string, string]>;
      try {
        entries = await this.workspace.readDirectory(folder);
      } catch {
        return;
      }
      for (const [name, kind] of entries) {
        const child = `${folder}/${encodeURIComponent(name)}`;
        if (kind === 'directory') {
          if (!isSkippedFolder(name)) await walk(child, depth + 1);
        } else if (isWalkedName(name)) found.push(child);
      }
    };
    await walk(this.workspace.root.replace(/\/+$/, ''), 0);
    return found.sort(compare);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
