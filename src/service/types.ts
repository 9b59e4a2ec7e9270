import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from './rules/rule';
import type { SiteIndexSnapshot } from './site/articleIndex';

/** Says that a long operation should stop, as LSP's and VS Code's tokens do. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

/** What a folder entry is, as the host reports it. */
export type EntryKind = 'file' | 'directory';

/**
 * How the service reads the site an article belongs to. The host provides it:
 * `createNodeWorkspace` in Node, one over `vscode.workspace.fs` in the editor,
 * an in-memory one in tests. All locations are URI strings (`file:///…`).
 */
export interface SiteWorkspace {
  /** URI of the site's root folder (the one holding `_config.yml` and `_data`), without a trailing slash. */
  readonly root: string;
  /** The text of a file, or `undefined` when it does not exist or cannot be read. */
  readFile(uri: string): Promise<string | undefined>;
  /**
   * Optional: the text of a file whose front matter holds a block `key:` (a line of its own at
   * the left margin) without that block, its lines cut out (`text`), and the file's size in
   * bytes (`bytes`, at least its length in characters); `undefined` when that cannot be done
   * at less cost than `readFile` (the site index then reads the whole text). The site index
   * reads every article but not their `related` lists, most of a large front matter: decoding
   * the bytes costs more than anything it does with them.
   */
  readFileWithout?(uri: string, key: string): Promise<{ text: string; bytes: number } | undefined>;
  /** The entries of a folder, or an empty list when it does not exist. */
  readDirectory(uri: string): Promise<Array<[name: string, kind: EntryKind]>>;
}

/** How serious a rule's finding is; `off` turns the rule off. */
export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

/**
 * Whether a fix may be made without looking: `safe` ones are made by fix-all (and on save,
 * and by `check --fix`); `unsafe` ones are only offered, for the writer to choose.
 */
export type FixSafety = 'safe' | 'unsafe';

/** What every code action of the service carries in its `data`. */
export interface CodeActionData {
  /** Whether the fix is safe to make without looking. */
  safety: FixSafety;
}

/** A schema the user chose for the articles whose path matches one of the globs. */
export interface SchemaAssociation {
  /** Globs matched against the article's path relative to the site root (e.g. `_news/**\/*.md`). */
  fileMatch: string[];
  /** Where the schema is: a path relative to the site root, or a `file:` URI. */
  url: string;
}

/** The writer's settings, all optional; the service fills in the defaults. */
export interface ArticleSettings {
  /** Per diagnostic code: a different severity, or `off`. */
  rules: Record<string, RuleSeverity>;
  /** Schemas chosen by glob; the first match wins over the bundled schemas. */
  schemas: SchemaAssociation[];
  /** Folder of topic files, relative to the site root. */
  topicsFolder: string;
  /** Folder of organization (provider) files, relative to the site root. */
  organizationsFolder: string;
  /** Front matter larger than this many characters is not checked (one diagnostic says so). */
  maxFrontMatterLength: number;
  /** Globs (relative to the site root) of the files not to check: no diagnostics, skipped by the CLI and Check All. */
  ignore: string[];
}

/** Receives what the service could not do, for an output channel or stderr. */
export interface ArticleLogger {
  error(message: string, error?: unknown): void;
}

/** What `createArticleService` needs from its host. */
export interface ArticleServiceOptions {
  /** How to read the site's taxonomy and learning items. */
  workspace: SiteWorkspace;
  /** Settings; can be changed later with `configure`. */
  settings?: Partial<ArticleSettings>;
  /** Where internal failures go; defaults to nowhere. */
  logger?: ArticleLogger;
  /**
   * The rules to check with, in the order they run: the built-in ones (`BUILT_IN_RULES`) when
   * omitted. A host or a test may add its own rule to that list.
   */
  rules?: readonly Rule[];
  /**
   * Whether the site index keeps every `related` entry (for references, rename and the link
   * count; the default) or only the articles, which is all the rules need: a command-line
   * check then skips reading the `related` lists when it indexes.
   */
  indexLinks?: boolean;
  /**
   * The current time, for what depends on it (a post dated in the future is not published):
   * the system clock when omitted; a test gives a fixed one.
   */
  now?: () => Date;
}

/** The language service: one engine for the editor, the CLI and the benchmarks. */
export interface ArticleService {
  /** Resolves once the site's `_data` (topics, organizations) has been read. */
  readonly ready: Promise<void>;
  /** Every problem in the article's front matter. */
  validate(document: TextDocument): Promise<Diagnostic[]>;
  /** Completion proposals at a position in the front matter. */
  complete(document: TextDocument, position: Position): Promise<CompletionItem[] | CompletionList>;
  /** What to show when hovering at a position. */
  hover(document: TextDocument, position: Position): Promise<Hover | null>;
  /** A link on every `http(s)` address among the front matter's values; the range is the address as written. */
  links(document: TextDocument): Promise<DocumentLink[]>;
  /**
   * The outline of the front matter: one symbol per field, with the fields of groups and the
   * entries of lists below it (related articles by title, images by file name, topics by name).
   */
  symbols(document: TextDocument): Promise<DocumentSymbol[]>;
  /** The front matter block, and every field and list entry written on more than one line. */
  foldingRanges(document: TextDocument): Promise<FoldingRange[]>;
  /** Quick fixes for the given diagnostics in a range. */
  codeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]>;
  /**
   * Every safe fix at once (`source.fixAll`, usable on save): the preferred quick fix of each
   * diagnostic, checked again and repeated until none is left (at most five rounds). Returns
   * minimal edits from the document's text to the fixed text; none when there is nothing to fix,
   * so fixing the result again changes nothing. The document's cached parse is left alone.
   */
  fixAll(document: TextDocument): Promise<TextEdit[]>;
  /**
   * A new news article: its file name in the site's naming (`_news/YYYY-MM-DD-slug.md`), a front
   * matter that already validates except for the fields only the writer can fill, and where
   * to put the cursor (the first of them). The provider comes from the site's catalogue when
   * the `webUrl`'s domain is in it.
   */
  newArticle(options: NewArticleOptions): Promise<NewArticle>;
  /**
   * Reads every article of the site through the workspace into the site index, which the
   * cross-file rules (`duplicate-article`, `stale-related`) and navigation read; yields to
   * the event loop every few files, stops when `token` is cancelled (what was read stays).
   * Files given with a text by `indexFile` keep that text.
   */
  indexSite(token?: CancellationToken, onProgress?: (done: number, total: number) => void): Promise<void>;
  /**
   * Indexes one file again: `text` is an editor's unsaved text, which wins over the disk;
   * `undefined` reads the disk (a file saved, created, deleted or closed). Other files'
   * entries are left as they are.
   */
  indexFile(uri: string, text: string | undefined): Promise<void>;
  /**
   * What the site index holds, as plain data: a check on several threads builds the index on
   * one and gives the others this copy (`importIndex`) rather than each reading the site again.
   */
  exportIndex?(): SiteIndexSnapshot;
  /** Takes in another service's site index (`exportIndex`) in place of this one's. */
  importIndex?(snapshot: SiteIndexSnapshot): void;
  /** Calls `listener` whenever the site index changes (other files' cross-file findings may change). */
  onDidChangeIndex(listener: () => void): { dispose(): void };
  /**
   * Above an article's own `title`, once the whole site is indexed: "Linked from N articles",
   * whose command (`SHOW_LINKS_COMMAND`, with the article's URI and the title's position) the
   * editor runs to list the entries that link to it.
   */
  codeLenses(document: TextDocument): Promise<CodeLens[]>;
  /**
   * Go to definition on any line of a `related` entry: the title of the site's article at the
   * entry's `webUrl` (several when the story was imported twice; none before `indexSite`).
   */
  definition(document: TextDocument, position: Position): Promise<Location[]>;
  /**
   * Find references on an article's own `title` or `webUrl`: one location per `related`
   * entry of the site that points at it, and its own title when `includeDeclaration`.
   */
  references(
    document: TextDocument,
    position: Position,
    options: { includeDeclaration: boolean },
  ): Promise<Location[]>;
  /** Whether a rename can start here (an article's own `title`), or why not. */
  prepareRename(
    document: TextDocument,
    position: Position,
  ): Promise<{ range: Range; placeholder: string } | { message: string }>;
  /**
   * Renames an article's `title`, and the title of every `related` copy of it on the site;
   * elsewhere, says why not.
   */
  rename(
    document: TextDocument,
    position: Position,
    newName: string,
  ): Promise<WorkspaceEdit | { message: string }>;
  /** The site's articles whose title matches a query (its characters in order, case aside). */
  workspaceSymbols(query: string): Promise<SymbolInformation[]>;
  /** Changes the settings; the next calls use them. */
  configure(settings: Partial<ArticleSettings>): void;
  /** Forgets what was read of the site's files under this URI (or all of it), so it is read again. */
  invalidateSite(uri?: string): void;
  /** Forgets the cached parse of a closed document. */
  forget(uri: string): void;
  /**
   * Whether a file is not to be checked (the `ignore` of the team configuration or the
   * settings): the CLI and Check All skip it. Without a promise once the config was read.
   */
  ignores?(uri: string): boolean | Promise<boolean>;
  /**
   * Why Jekyll will not publish the document, one sentence per reason (a draft, `published:
   * false`, a date in the future, a name Jekyll does not read as a post, a collection not
   * written out); none when it will, or when Jekyll does not read it as a page, post or document.
   */
  unpublishedReasons?(document: TextDocument): Promise<string[]>;
}

/** What a writer says about an article they are about to write. */
export interface NewArticleOptions {
  /** The headline. */
  title: string;
  /** The address of the original article, when there is one. */
  webUrl?: string;
  /** The time of writing: the article's `publishedDateTime` and the date in its file name. */
  now: Date;
}

/** A new article, not yet written to disk. */
export interface NewArticle {
  /** Its path relative to the site root, e.g. `_news/2024-03-01-contoso-opens-a-region.md`. */
  fileName: string;
  /** The whole file: the front matter skeleton and an empty body. */
  text: string;
  /** Where the writer starts typing: inside the quotes of the empty `excerpt`. */
  cursorOffset: number;
}
