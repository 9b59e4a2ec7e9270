import { parseDocument, type Document } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { readFastValues } from './fastValues';
import { nodesMoved, parseFastYaml, type FastYamlMemory } from './fastYaml';
import { locateFrontMatter, type FrontMatterBlock } from './frontMatter';

/** Most aliases an article may expand; more is an alias bomb, not an article. */
export const MAX_ALIAS_COUNT = 100;

/** The front matter's values as plain data, or why they could not be produced. */
export type ArticleData =
  { ok: true; value: unknown } | { ok: false; reason: 'aliases' | 'other'; message: string };

/**
 * One parse of one version of an article. Every feature reads this, so a document
 * is parsed once per version whatever the number of features asking.
 */
export interface ParsedArticle {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly document: TextDocument;
  /** Where the front matter is, or `undefined` when the file has none. */
  readonly block: FrontMatterBlock | undefined;
  /** The front matter's text, between its `---` lines (`''` without a block): offsets of its YAML nodes are into it. */
  readonly source: string;
  /**
   * The YAML of the front matter (syntax errors included), when there is a block that is
   * not too large. Read on first use: checking a clean article needs the values only.
   */
  readonly yaml: Document.Parsed | undefined;
  /** Whether the front matter is larger than the checked maximum (and so not read). */
  readonly tooLarge: boolean;
  /** The front matter's values (YAML 1.2: unquoted dates stay text), computed on first use. */
  data(): ArticleData;
  /** A document range from offsets inside the front matter's YAML. */
  range(start: number, end: number): Range;
  /** How the YAML was read: by the fast reader or by the full parser (`undefined`: not read). */
  readonly parsedBy: { reader: 'fast' } | { reader: 'full' } | undefined;
  /** What the fast reader keeps for the next version (once the nodes were read). */
  readonly memory: FastYamlMemory | undefined;
  /**
   * Whether the values were read with the nodes by the fast reader, whose next version
   * reuses the unchanged parts: their lists and mappings are then the same objects from one
   * version to the next, and what a rule found in them is worth remembering.
   */
  readonly valuesKept: boolean;
}

/** Reads front matter with the yaml package, as an article's YAML is read (errors included). */
export function parseFrontMatterYaml(source: string): Document.Parsed {
  // logLevel: the yaml package would otherwise print warnings through process.emitWarning.
  return parseDocument(source, { version: '1.2', uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
}

/** Parses an article and remembers the result per document version. */
export class ArticleCache {
  private readonly entries = new Map<string, ParsedArticle>();

  constructor(private readonly capacity = 64) {}

  get(document: TextDocument, maxLength: number): ParsedArticle {
    const text = document.getText();
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.text === text) {
      // Keep recently used entries at the end of the map.
      this.entries.delete(document.uri);
      this.entries.set(document.uri, cached);
      return cached;
    }
    // A document seen before is being edited: read its nodes now, so the next edit reuses them.
    const parsed = parseArticle(document, text, maxLength, cached !== undefined, cached?.memory);
    this.entries.delete(document.uri);
    this.entries.set(document.uri, parsed);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return parsed;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}

function parseArticle(
  document: TextDocument,
  text: string,
  maxLength: number,
  edited: boolean,
  previous: FastYamlMemory | undefined,
): ParsedArticle {
  const block = locateFrontMatter(text);
  const offset = block?.contentStart ?? 0;
  const source = block ? text.slice(block.contentStart, block.contentEnd) : '';
  const readable = block !== undefined && source.length <= maxLength;
  let yaml: Document.Parsed | undefined;
  let data: ArticleData | undefined;
  let parsedBy: ParsedArticle['parsedBy'];
  let memory: FastYamlMemory | undefined;
  let nodesRead = !readable;
  let valuesKept = false;

  // Most front matter is plain block YAML, which the fast reader reads (and re-reads
  // incrementally); anything else, errors included, goes to the full parser.
  const readNodes = (): void => {
    nodesRead = true;
    const fast = parseFastYaml(source, previous);
    if (fast) {
      yaml = fast.document;
      if (data === undefined) {
        data = { ok: true, value: fast.value };
        valuesKept = true;
      }
      parsedBy = { reader: 'fast' };
      memory = fast.memory;
    } else {
      yaml = parseFrontMatterYaml(source);
      parsedBy = { reader: 'full' };
      memory = undefined;
    }
  };
  if (readable) {
    // A new document is first read for its values only: a clean article needs no nodes
    // (they give the ranges of what is reported), and most articles are clean. A later
    // version reads nodes at once, reusing the unchanged parts of the previous one's.
    const values = edited ? undefined : readFastValues(source);
    if (values) {
      data = { ok: true, value: values.value };
      parsedBy = { reader: 'fast' };
    } else readNodes();
  }

  return {
    uri: document.uri,
    version: document.version,
    text,
    document,
    block,
    source,
    get yaml() {
      if (!nodesRead) readNodes();
      else if (memory && nodesMoved(memory)) {
        // A later version moved the nodes this one shares with it: read this version afresh.
        previous = undefined;
        readNodes();
      }
      return yaml;
    },
    get parsedBy() {
      return parsedBy;
    },
    get memory() {
      return memory;
    },
    get valuesKept() {
      return valuesKept;
    },
    tooLarge: block !== undefined && !readable,
    data() {
      if (!data) data = toData(this.yaml);
      return data;
    },
    range(start, end) {
      return {
        start: document.positionAt(offset + start),
        end: document.positionAt(offset + Math.max(start, end)),
      };
    },
  };
}

function toData(yaml: Document.Parsed | undefined): ArticleData {
  if (!yaml) return { ok: true, value: undefined };
  try {
    return { ok: true, value: yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: /alias/i.test(message) ? 'aliases' : 'other', message };
  }
}
