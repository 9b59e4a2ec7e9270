import { isMap, isPair, isScalar, isSeq, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ParsedArticle } from '../yaml/articleDocument';
import { keyText } from '../yaml/nodes';
import { entrySpan, pairSpan, scalarTextSpan, trimmedSpan, type Span } from '../yaml/spans';

/** Longest name or detail taken from the file into the outline. */
const MAX_NAME = 80;
const MAX_DETAIL = 60;

/**
 * The outline of the front matter: one symbol per field, with the fields of groups and the
 * entries of lists below it — a related article by its title, an image by its file name, a
 * topic by its name.
 */
export function computeSymbols(article: ParsedArticle): DocumentSymbol[] {
  const { block, yaml } = article;
  if (!block || !yaml || !isMap(yaml.contents)) return [];
  const outline = new Outline(article, article.source);
  return outline.fields(yaml.contents.items);
}

const MAX_OUTLINE_DEPTH = 32;

class Outline {
  private depth = 0;

  constructor(
    private readonly article: ParsedArticle,
    private readonly source: string,
  ) {}

  fields(pairs: readonly Pair[]): DocumentSymbol[] {
    return pairs.flatMap((pair) => this.field(pair) ?? []);
  }

  private field(pair: Pair): DocumentSymbol | undefined {
    const span = pairSpan(pair, this.source);
    if (!span) return undefined;
    const key = keyText(pair);
    const value = pair.value;
    return this.symbol({
      name: oneLine(key ?? this.written(pair.key)) || '(no name)',
      detail: detailOf(value),
      kind: kindOf(value),
      span,
      selection: trimmedSpan(pair.key, this.source) ?? span,
      children: this.children(value, key),
    });
  }

  /** The fields of a group, or the entries of a list (named after the list's field). */
  private children(node: unknown, field: string | undefined): DocumentSymbol[] | undefined {
    // An outline 32 levels deep is already unreadable; broken YAML can nest hundreds deep.
    if (this.depth >= MAX_OUTLINE_DEPTH) return undefined;
    this.depth++;
    try {
      if (isMap(node)) return this.fields(node.items);
      if (isSeq(node)) return node.items.flatMap((item, index) => this.entry(item, index, field) ?? []);
      return undefined;
    } finally {
      this.depth--;
    }
  }

  private entry(item: unknown, index: number, field: string | undefined): DocumentSymbol | undefined {
    if (isPair(item)) return this.field(item);
    const span = entrySpan(item, this.source);
    if (!span) return undefined;
    const fallback = `${field ?? ''}[${index}]`;
    if (isScalar(item)) {
      return this.symbol({
        name: oneLine(scalarText(item.value)) || fallback,
        kind: kindOf(item),
        span,
        selection: trimmedSpan(item, this.source) ?? span,
      });
    }
    if (!isMap(item)) {
      return this.symbol({
        name: fallback,
        kind: kindOf(item),
        span,
        selection: span,
        children: this.children(item, field),
      });
    }
    // A related article is known by its title, an image by its file name.
    const named = field === 'related' ? 'title' : field === 'images' ? 'url' : undefined;
    const namePair = named === undefined ? undefined : lastPair(item.items, named);
    const nameValue = isScalar(namePair?.value) ? namePair.value.value : undefined;
    const name = field === 'images' ? fileName(scalarText(nameValue)) : oneLine(scalarText(nameValue));
    return this.symbol({
      name: name || fallback,
      detail: entryDetail(item.items, field),
      kind: SymbolKind.Object,
      span,
      selection:
        (name && isScalar(namePair?.value) ? scalarTextSpan(namePair.value, this.source) : undefined) ??
        trimmedSpan(item.items[0]?.key, this.source) ??
        span,
      children: this.fields(item.items),
    });
  }

  private symbol(parts: {
    name: string;
    detail?: string;
    kind: SymbolKind;
    span: Span;
    selection: Span;
    children?: DocumentSymbol[];
  }): DocumentSymbol {
    const { span } = parts;
    // The editor rejects a symbol whose selection is not inside its range.
    const inside = parts.selection[0] >= span[0] && parts.selection[1] <= span[1];
    const selection = inside ? parts.selection : span;
    const symbol: DocumentSymbol = {
      name: parts.name,
      kind: parts.kind,
      range: this.article.range(...span),
      selectionRange: this.article.range(...selection),
    };
    if (parts.detail) symbol.detail = parts.detail;
    if (parts.children) symbol.children = parts.children;
    return symbol;
  }

  private written(node: unknown): string {
    const span = trimmedSpan(node, this.source);
    return span ? this.source.slice(...span) : '';
  }
}

function kindOf(node: unknown): SymbolKind {
  if (isMap(node)) return SymbolKind.Object;
  if (isSeq(node)) return SymbolKind.Array;
  if (isScalar(node)) {
    const { value } = node;
    if (typeof value === 'string') return SymbolKind.String;
    if (typeof value === 'number' || typeof value === 'bigint') return SymbolKind.Number;
    if (typeof value === 'boolean') return SymbolKind.Boolean;
  }
  return SymbolKind.Key;
}

/** A short preview of a field's value. */
function detailOf(node: unknown): string | undefined {
  if (isScalar(node)) return shorten(scalarText(node.value), MAX_DETAIL);
  if (isSeq(node)) {
    const items = node.items;
    const texts = items.flatMap((item) => (isScalar(item) ? scalarText(item.value).trim() || [] : []));
    if (texts.length > 0 && texts.length === items.length) return shorten(texts.join(', '), MAX_DETAIL);
    return items.length === 1 ? '1 entry' : `${items.length} entries`;
  }
  if (isMap(node)) {
    const name = lastPair(node.items, 'name')?.value;
    if (isScalar(name) && typeof name.value === 'string') return shorten(name.value, MAX_DETAIL);
    return node.items.length === 1 ? '1 field' : `${node.items.length} fields`;
  }
  return undefined;
}

/** A related article's provider, an image's size. */
function entryDetail(pairs: readonly Pair[], field: string | undefined): string | undefined {
  if (field === 'images') {
    const width = scalarText(valueOf(lastPair(pairs, 'width')));
    const height = scalarText(valueOf(lastPair(pairs, 'height')));
    return width || height ? `${width || '?'} \u00d7 ${height || '?'}` : undefined;
  }
  if (field === 'related') {
    const provider = lastPair(pairs, 'provider')?.value;
    const name = isMap(provider) ? valueOf(lastPair(provider.items, 'name')) : undefined;
    return typeof name === 'string' ? shorten(name, MAX_DETAIL) : undefined;
  }
  return `${pairs.length} ${pairs.length === 1 ? 'field' : 'fields'}`;
}

/** With a key written twice the last one counts, as in the front matter's values. */
function lastPair(pairs: readonly Pair[], key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const pair of pairs) if (keyText(pair) === key) found = pair;
  return found;
}

function valueOf(pair: Pair | undefined): unknown {
  return isScalar(pair?.value) ? pair.value.value : undefined;
}

function scalarText(value: unknown): string {
  return value == null ? '' : String(value);
}

/** The last part of an address's path: `…/images/region.jpg?w=300` → `region.jpg`. */
function fileName(url: string): string {
  const path = url
    .trim()
    .replace(/[?#].*$/s, '')
    .replace(/\/+$/, '');
  return oneLine(path.slice(path.lastIndexOf('/') + 1));
}

function oneLine(value: string): string {
  return shorten(value, MAX_NAME);
}

/** One line of at most `max` characters. */
function shorten(value: string, max: number): string {
  // Most values are short single lines already, and the outline of a long article has thousands;
  // of the others only the start is shown (long excerpts, the `secured` blob).
  const folded =
    value.length <= max && !NOT_ONE_LINE.test(value)
      ? value
      : value
          .slice(0, max * 4)
          .replace(BLANKS, ' ')
          .trim();
  if (folded.length <= max) return folded;
  let cut = folded.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd() + '\u2026';
}

// eslint-disable-next-line no-control-regex
const BLANKS = /[\u0000-\u001f\u007f\u2028\u2029\s]+/g;
// eslint-disable-next-line no-control-regex
const NOT_ONE_LINE = /[\u0000-\u001f\u007f\u2028\u2029]|[^\S ]| {2}|^ | $/;
