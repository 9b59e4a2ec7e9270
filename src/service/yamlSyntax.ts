import {
  isAlias,
  isCollection,
  isPair,
  isScalar,
  Scalar,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLError,
} from 'yaml';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { MAX_ALIAS_COUNT, type ParsedArticle } from './articleDocument';
import { diagnostic } from './rules';
import { keyText } from './yamlNodes';

/** At most this many syntax problems are shown: after a few, the rest are echoes of the first. */
const MAX_SYNTAX_DIAGNOSTICS = 20;

/**
 * Problems in the YAML itself: what cannot be read, duplicate keys, tabs, alias bombs.
 * Each is placed where the broken construct begins.
 */
export function syntaxDiagnostics(article: ParsedArticle): Diagnostic[] {
  // The fast reader reads only YAML without errors or warnings, and asking for the nodes
  // of an article it read for its values would read them for nothing.
  if (article.parsedBy?.reader === 'fast') return [];
  const yaml = article.yaml;
  if (!yaml) return [];
  const result: Diagnostic[] = [];
  const usedLines = new Set<number>();
  // Only a document with errors can have an unclosed `[` or quote worth pointing at.
  const unclosed = yaml.errors.length > 0 ? unclosedConstructs(article) : [];
  const reportedOpeners = new Set<Unclosed>();
  const keys = keyIndex(yaml);
  for (const error of yaml.errors) {
    const item = fromYamlError(article, error, unclosed, reportedOpeners, keys);
    if (!item) continue;
    if (usedLines.has(item.range.start.line)) continue;
    usedLines.add(item.range.start.line);
    result.push(item);
    if (result.length >= MAX_SYNTAX_DIAGNOSTICS) break;
  }
  for (const warning of yaml.warnings) {
    const [start, end] = warning.pos;
    const item = diagnostic('yaml-syntax', article.range(start, end), `YAML: ${firstLine(warning.message)}`);
    item.severity = DiagnosticSeverity.Warning;
    result.push(item);
  }
  const data = article.data();
  if (!data.ok) {
    const alias = firstAlias(article);
    const range = alias ? article.range(alias[0], alias[1]) : article.range(0, 0);
    result.push(
      data.reason === 'aliases'
        ? diagnostic(
            'too-many-aliases',
            range,
            `Aliases here expand to more than ${MAX_ALIAS_COUNT} values; the front matter is not checked further`,
          )
        : diagnostic('yaml-syntax', range, `The front matter cannot be read: ${firstLine(data.message)}`),
    );
  }
  return result;
}

function fromYamlError(
  article: ParsedArticle,
  error: YAMLError,
  unclosed: Unclosed[],
  reportedOpeners: Set<Unclosed>,
  keys: () => Map<number, Pair>,
): Diagnostic | undefined {
  const [start, end] = error.pos;
  const range = article.range(start, Math.max(end, start + 1));
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = keyAt(article, keys, start);
      const name = key?.[2];
      return diagnostic(
        'duplicate-key',
        key ? article.range(key[0], key[1]) : range,
        name !== undefined
          ? `\`${name}\` is written twice here; Jekyll keeps only the last one`
          : 'This key is written twice here; Jekyll keeps only the last one',
        name !== undefined ? { field: name } : undefined,
      );
    }
    case 'TAB_AS_INDENT':
      return diagnostic(
        'tab-indentation',
        range,
        'Indent with spaces: YAML does not allow tabs for indentation',
      );
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BAD_SCALAR_START': {
      // An unclosed `[`, `{` or quote: the parser notices far below; point at where it opened.
      const opener = unclosed.find((construct) => construct.start <= start);
      if (opener && /flow|quote|end with/i.test(error.message)) {
        if (reportedOpeners.has(opener)) return undefined;
        reportedOpeners.add(opener);
        // The knowable fix: close it at the end of its line (not after a comment, which it would hide).
        const written = article.text.slice(
          article.block!.contentStart + opener.start,
          article.block!.contentStart + opener.lineEnd,
        );
        const closable = !/\s#/.test(written) && written.trimEnd().length > 1;
        return diagnostic(
          'yaml-syntax',
          article.range(opener.start, opener.lineEnd),
          opener.message,
          closable ? { replacement: written.trimEnd() + opener.closing } : undefined,
        );
      }
      break;
    }
    case 'RESOURCE_EXHAUSTION':
      // The parser ran out of stack: lists or groups inside each other hundreds of times.
      return diagnostic(
        'yaml-syntax',
        range,
        'Lists or groups are nested too deeply here to be read \u2014 is a `]` or `}` missing?',
      );
    case 'BLOCK_AS_IMPLICIT_KEY':
      return diagnostic(
        'yaml-syntax',
        range,
        'A value cannot contain `: ` unquoted \u2014 put the value in quotes, or move the nested field to its own line',
      );
    case 'MULTILINE_IMPLICIT_KEY':
      return diagnostic(
        'yaml-syntax',
        range,
        'A key must fit on one line \u2014 is a `:` or a closing quote missing above?',
      );
    default:
      break;
  }
  return diagnostic('yaml-syntax', range, `YAML: ${firstLine(error.message)}`);
}

interface Unclosed {
  start: number;
  lineEnd: number;
  message: string;
  /** The character that would close it. */
  closing: string;
}

/** Flow collections and quoted texts that open but never close, last first. */
function unclosedConstructs(article: ParsedArticle): Unclosed[] {
  const yaml = article.yaml;
  const block = article.block;
  if (!yaml || !block) return [];
  const source = article.text.slice(block.contentStart, block.contentEnd);
  const found: Unclosed[] = [];
  visit(yaml, (_key, node) => {
    if (!node || typeof node !== 'object' || !('range' in node) || !node.range) return;
    const [start, end] = node.range as [number, number, number];
    if (isCollection(node) && node.flow) {
      const open = source[start];
      const close = open === '[' ? ']' : '}';
      if ((open === '[' || open === '{') && source.slice(start, end).trimEnd().slice(-1) !== close) {
        const what = open === '[' ? 'list' : 'group';
        found.push({
          start,
          lineEnd: lineEnd(source, start),
          message: `This \`${open}\` ${what} is never closed with \`${close}\``,
          closing: close,
        });
      }
    } else if (isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) {
      const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : "'";
      const text = source.slice(start, end).trimEnd();
      if (text.length < 2 || text[text.length - 1] !== quote) {
        found.push({
          start,
          lineEnd: lineEnd(source, start),
          message: `This text opens a quote \`${quote}\` that is never closed`,
          closing: quote,
        });
      }
    }
  });
  return found.sort((a, b) => b.start - a.start);
}

function lineEnd(source: string, from: number): number {
  const newline = source.slice(from).search(/\r?\n|\r/);
  return newline < 0 ? source.length : from + newline;
}

/**
 * The key starting at an offset (or after blanks there: after a key with no value, the parser
 * places the error at the end of that line): its span, and its text unless it is a list or group.
 */
function keyAt(
  article: ParsedArticle,
  keys: () => Map<number, Pair>,
  offset: number,
): [number, number, string | undefined] | undefined {
  const block = article.block!;
  const after = article.text.slice(
    block.contentStart + offset,
    Math.min(block.contentEnd, block.contentStart + offset + 1000),
  );
  const pair = keys().get(offset + /^\s*/.exec(after)![0].length);
  const range = (pair?.key as Node | null | undefined)?.range;
  return pair && range ? [range[0], range[1], keyText(pair)] : undefined;
}

/**
 * The pairs of the YAML by where their key starts (the first pair there), made on first use:
 * one walk for all the duplicate keys, not one each (thousands on one line would take seconds).
 */
function keyIndex(yaml: Document.Parsed): () => Map<number, Pair> {
  let index: Map<number, Pair> | undefined;
  return () => {
    if (!index) {
      const made = new Map<number, Pair>();
      visit(yaml, {
        Pair(_key, pair) {
          const start = (pair.key as Node | null)?.range?.[0];
          if (isPair(pair) && start !== undefined && !made.has(start)) made.set(start, pair);
        },
      });
      index = made;
    }
    return index;
  };
}

function firstAlias(article: ParsedArticle): [number, number] | undefined {
  let result: [number, number] | undefined;
  visit(article.yaml!, (_key, node) => {
    if (isAlias(node) && node.range) {
      result = [node.range[0], node.range[1]];
      return visit.BREAK;
    }
  });
  return result;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
