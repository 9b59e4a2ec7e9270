import { isScalar, isSeq, type Node, type YAMLSeq } from 'yaml';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { ArticleContext } from '../context';
import { defaultsHover } from './defaultsHover';
import { PUBLICATION_FIELDS, publicationHover } from './publicationHover';
import { resolveSchema, schemaAtPath, type JsonSchema } from '../schema/navigation';
import { isJsonType, jsonTypeInWords } from '../schema/words';
import { isRecord } from '../util/records';
import { closestName } from '../util/suggestions';
import { hostOf, webAddress } from '../util/uri';
import { nodeAtOffset, type PathSegment } from '../yaml/nodes';
import { trimmedSpan } from '../yaml/spans';

/** Fields whose value is the address of a page, shown as a link. */
const LINK_FIELDS = new Set(['webUrl', 'ampWebUrl', 'cdnAmpWebUrl', 'originalUrl', 'website']);

/** Widest a picture is drawn in a hover, and in a related article's card. */
const IMAGE_WIDTH = 300;
const CARD_IMAGE_WIDTH = 120;

/** Longest text taken from the file into a hover; the rest is cut off. */
const MAX_TEXT = 300;

/** What the cursor is on, in the front matter's YAML. */
interface Hovered {
  readonly path: PathSegment[];
  readonly node: Node;
  readonly onKey: boolean;
  /** On the `-` of a list entry, rather than on the entry itself. */
  readonly onDash: boolean;
  /** YAML offsets of what the hover is about. */
  readonly span: [number, number];
}

/**
 * What to show when hovering at a position of the front matter: what a field is for, the
 * picture of an image `url`, a card for a `related` article, the link of an address, whether a
 * topic is in the site's taxonomy. Every value from the file is shown as escaped text, and only
 * `http:`/`https:` addresses become links or pictures.
 */
export async function computeHover(context: ArticleContext, position: Position): Promise<Hover | null> {
  const { article } = context;
  const { block, yaml } = article;
  if (!block || !yaml) return null;
  const offset = article.document.offsetAt(position);
  if (offset >= block.openStart && offset <= block.openEnd) {
    const value = joined(publicationHover(context), defaultsHover(context, code));
    // Offsets in the document, not in the YAML (`article.range` takes those).
    const range = {
      start: article.document.positionAt(block.openStart),
      end: article.document.positionAt(block.openEnd),
    };
    return value ? { contents: { kind: MarkupKind.Markdown, value }, range } : null;
  }
  if (offset < block.contentStart || offset > block.contentEnd) return null;
  const source = article.source;
  const hovered = locate(yaml, source, offset - block.contentStart);
  if (!hovered) return null;
  let value = hovered.onKey ? keyHover(context, hovered) : valueHover(context, hovered);
  // Why the file will not be published, on the fields a writer looks at first.
  const field = hovered.path[0];
  if (hovered.path.length === 1 && typeof field === 'string' && PUBLICATION_FIELDS.has(field))
    value = joined(publicationHover(context), value);
  if (!value) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range: article.range(...hovered.span) };
}

/** Hover paragraphs, those there are, one after another. */
function joined(...parts: Array<string | undefined>): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part !== '');
  return present.length > 0 ? present.join('\n\n---\n\n') : undefined;
}

function locate(
  yaml: Parameters<typeof nodeAtOffset>[0],
  source: string,
  offset: number,
): Hovered | undefined {
  const found = nodeAtOffset(yaml, offset);
  if (!found.node || found.path.length === 0) return undefined;
  if (!found.onKey && isSeq(found.node)) {
    const entry = entryAtDash(found.node, source, offset);
    if (entry) {
      return {
        path: [...found.path, entry.index],
        node: entry.node,
        onKey: false,
        onDash: true,
        span: entry.span,
      };
    }
  }
  const span = trimmedSpan(found.node, source);
  if (!span) return undefined;
  return { path: found.path, node: found.node, onKey: found.onKey, onDash: false, span };
}

/** The list entry whose `-` marker is under the offset (the YAML nodes start after it). */
function entryAtDash(
  list: YAMLSeq,
  source: string,
  offset: number,
): { index: number; node: Node; span: [number, number] } | undefined {
  for (const [index, item] of list.items.entries()) {
    const span = trimmedSpan(item as Node, source);
    if (!span || span[0] <= offset) continue;
    const dash = source.lastIndexOf('-', span[0] - 1);
    if (dash < 0 || offset < dash || !/^[ \t]+$/.test(source.slice(dash + 1, span[0]))) return undefined;
    return { index, node: item as Node, span: [dash, span[1]] };
  }
  return undefined;
}

/** A node's span without the blank lines and spaces a block collection ends with. */
function keyHover(context: ArticleContext, hovered: Hovered): string | undefined {
  const { path } = hovered;
  if (relatedIndex(path) !== undefined && path.length === 3 && path[2] === 'title') {
    return relatedCard(context, path.slice(0, 2));
  }
  return fieldHover(context, path);
}

function valueHover(context: ArticleContext, hovered: Hovered): string | undefined {
  const { path, node } = hovered;
  const field = path[path.length - 1];
  if (isImageUrl(path)) return imageHover(context, path.slice(0, -1));
  if (hovered.onDash && path[path.length - 2] === 'images') return imageHover(context, path);
  if (relatedIndex(path) !== undefined) return relatedCard(context, path.slice(0, 2));
  if (!isScalar(node)) return undefined;
  if (path.length === 2 && path[0] === 'topics' && typeof field === 'number') {
    return topicHover(context, node.value);
  }
  if (typeof field === 'string' && (LINK_FIELDS.has(field) || field === 'url')) {
    return linkHover(field, node.value);
  }
  return fieldHover(context, path);
}

/** What a field is for, from its schema: description, kind of value, allowed values, examples. */
function fieldHover(context: ArticleContext, path: PathSegment[]): string | undefined {
  if (!context.schema) return undefined;
  const schema = schemaAtPath(context.schema, path);
  if (!schema) return undefined;
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  const type = typeInWords(context.schema, schema);
  const allowed = Array.isArray(schema.enum) ? schema.enum : undefined;
  const examples = Array.isArray(schema.examples) ? schema.examples.slice(0, 3) : [];
  if (!description && !type && !allowed && examples.length === 0) return undefined;
  const name = [...path].reverse().find((segment) => typeof segment === 'string') ?? '';
  const parts = [`**${code(name)}**` + (description ? ` \u2014 ${text(description, 1000)}` : '')];
  if (type) parts.push(`Type: ${type}`);
  if (allowed) parts.push(`Allowed values: ${allowed.map((value) => code(exampleText(value))).join(', ')}`);
  if (examples.length > 0) {
    const label = examples.length === 1 ? 'Example' : 'Examples';
    parts.push(`${label}: ${examples.map((value) => code(exampleText(value))).join(', ')}`);
  }
  return parts.join('\n\n');
}

/** The kind of value a schema asks for, in a writer's words ("whole number", "list of texts"). */
function typeInWords(root: JsonSchema, schema: JsonSchema, plural = false): string | undefined {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(isJsonType);
  if (types.length === 0) return undefined;
  const words = types.map((type) => {
    const word = jsonTypeInWords(type, plural ? 'many' : 'one');
    if (type !== 'array' || plural) return word;
    const items = resolveSchema(root, schema.items);
    const of = items ? typeInWords(root, items, true) : undefined;
    return of ? `${word} of ${of}` : word;
  });
  return words.join(' or ');
}

function exampleText(value: unknown): string {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return truncate(shown ?? String(value), 160);
}

/** The picture of an image entry (`images[n]`), scaled, with its declared size. */
function imageHover(context: ArticleContext, imagePath: PathSegment[]): string | undefined {
  const image = valueAt(context.data, imagePath);
  if (!isRecord(image) || image.url === undefined) return undefined;
  const size = declaredSize(image);
  const url = String(image.url);
  const address = webAddress(url, LINK_ADDRESS_CHAR);
  let picture: string;
  if (address) {
    picture = `![${text(altText(image))}](${address}|width=${scaledWidth(image, IMAGE_WIDTH)})`;
  } else if (/^\/(?!\/)/.test(url)) {
    picture = `${text(url)} is a path on this site: the picture cannot be shown here.`;
  } else {
    picture = `${text(url)} is not a web address (http or https), so the picture is not shown.`;
  }
  return `${picture}\n\n${size}`;
}

function declaredSize(image: Record<string, unknown>): string {
  const { width, height } = image;
  if (width === undefined && height === undefined) return 'No width or height given.';
  const shown = (value: unknown) => (value === undefined ? '?' : text(String(value), 20));
  return `${shown(width)} \u00d7 ${shown(height)} pixels`;
}

function altText(image: Record<string, unknown>): string {
  return typeof image.title === 'string' && image.title.trim() ? image.title : 'picture';
}

function scaledWidth(image: Record<string, unknown>, widest: number): number {
  const width = image.width;
  return typeof width === 'number' && Number.isInteger(width) && width > 0 ? Math.min(width, widest) : widest;
}

/** A card for a `related` entry: its title linked to its page, provider, date, quality, excerpt, picture. */
function relatedCard(context: ArticleContext, entryPath: PathSegment[]): string | undefined {
  const entry = valueAt(context.data, entryPath);
  if (!isRecord(entry)) return undefined;
  const webUrl = typeof entry.webUrl === 'string' ? entry.webUrl : undefined;
  const address = webUrl === undefined ? undefined : webAddress(webUrl, LINK_ADDRESS_CHAR);
  const title =
    typeof entry.title === 'string' && entry.title.trim() ? entry.title : (webUrl ?? 'Related article');
  const parts = [address ? `**[${text(title)}](${address})**` : `**${text(title)}**`];
  if (webUrl !== undefined && !address) {
    parts.push(`${text(webUrl)} is not a web address (http or https), so it is not a link.`);
  }
  const details: string[] = [];
  const provider = isRecord(entry.provider) ? entry.provider : {};
  const name = typeof provider.name === 'string' ? provider.name : undefined;
  const domain = typeof provider.domain === 'string' ? provider.domain : address && hostOf(address);
  if (name && domain) details.push(`${text(name)} (${text(domain)})`);
  else if (name || domain) details.push(text(String(name ?? domain)));
  if (entry.publishedDateTime != null) details.push(text(String(entry.publishedDateTime), 40));
  if (entry.quality != null) details.push(`quality ${text(String(entry.quality), 20)}`);
  if (details.length > 0) parts.push(details.join(' \u00b7 '));
  if (typeof entry.excerpt === 'string' && entry.excerpt.trim()) parts.push(text(entry.excerpt));
  const image = Array.isArray(entry.images) ? entry.images[0] : undefined;
  const imageAddress =
    isRecord(image) && typeof image.url === 'string' ? webAddress(image.url, LINK_ADDRESS_CHAR) : undefined;
  if (isRecord(image) && imageAddress) {
    parts.push(
      `![${text(altText({ title, ...image }))}](${imageAddress}|width=${scaledWidth(image, CARD_IMAGE_WIDTH)})`,
    );
  }
  return parts.join('\n\n');
}

/** The link of an address field, or why it is not one. */
function linkHover(field: string, value: unknown): string | undefined {
  if (value == null || value === '') return undefined;
  const shown = String(value);
  const address = webAddress(shown, LINK_ADDRESS_CHAR);
  const label = `**${code(field)}**: `;
  if (address) return `${label}[${text(shown)}](${address})`;
  if (/^\/(?!\/)/.test(shown)) return `${label}${text(shown)} (a path on this site)`;
  return `${label}${text(shown)} is not a web address (http or https), so it is not a link.`;
}

/** Whether a topic is in the site's taxonomy, and the closest one when it is not. */
function topicHover(context: ArticleContext, value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const { site } = context;
  const name = `**${text(value)}**`;
  if (!site.hasTopics) return `${name}: the site has no topics to check it against.`;
  if (site.hasTopic(value)) return `${name} is one of the site\u2019s topics.`;
  const closest = closestName(value, site.topicNames());
  return (
    `${name} is not one of the site\u2019s topics.` + (closest ? ` Did you mean **${text(closest)}**?` : '')
  );
}

function relatedIndex(path: PathSegment[]): number | undefined {
  return path[0] === 'related' && typeof path[1] === 'number' ? path[1] : undefined;
}

function isImageUrl(path: PathSegment[]): boolean {
  const n = path.length;
  return n >= 3 && path[n - 1] === 'url' && typeof path[n - 2] === 'number' && path[n - 3] === 'images';
}

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value) && typeof segment === 'string') value = value[segment];
    else return undefined;
  }
  return value;
}

/**
 * What a Markdown link or picture address may hold as it is. Not `(`, `)`, spaces, `<>` or
 * backslashes, which could end the link, nor `|`, which starts VS Code's `|width=` suffix.
 */
const LINK_ADDRESS_CHAR = /^[A-Za-z0-9\-._~:/?#[\]@!$&'*+,;=%]$/;

/**
 * Text from the file as Markdown that shows exactly that text: one line, every character
 * Markdown could read as syntax (links, emphasis, HTML, autolinks, entities) escaped.
 */
function text(value: string, max = MAX_TEXT): string {
  return truncate(value, max).replace(/[\\`*_{}[\]()#+\-.!|<>~&:@$]/g, '\\$&');
}

/** Text as an inline code span, whatever backticks it holds. */
function code(value: string): string {
  const folded = truncate(value, MAX_TEXT);
  if (!folded) return '` `';
  const longest = Math.max(0, ...(folded.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = folded.startsWith('`') || folded.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${folded}${pad}${fence}`;
}

/** One line of at most `max` characters. */
function truncate(value: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const folded = value.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, ' ').trim();
  const chars = Array.from(folded);
  return chars.length > max ? chars.slice(0, max - 1).join('') + '\u2026' : folded;
}
