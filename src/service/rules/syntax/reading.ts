import { isAlias, isCollection, isScalar, Scalar, visit, type Node, type YAMLError } from 'yaml';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { MAX_ALIAS_COUNT, type ParsedArticle } from '../../yaml/articleDocument';
import { diagnostic } from '../rule';
import { lineEnd, lineStart, nextLineStart } from '../../util/lines';
import { pairWithKeyAt } from '../../yaml/keyIndex';
import { keyText } from '../../yaml/nodes';
import { duplicateKey } from './duplicateKey';
import { tabIndentation } from './tabIndentation';
import { tooManyAliases } from './tooManyAliases';
import { yamlSyntax } from './yamlSyntax';

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
  // What makes the YAML unreadable before duplicate keys: on a line with both, the one to fix first.
  const errors = [
    ...yaml.errors.filter((error) => error.code !== 'DUPLICATE_KEY'),
    ...yaml.errors.filter((error) => error.code === 'DUPLICATE_KEY'),
  ];
  for (const error of errors) {
    // One problem per line: the parser often reports one mistake twice, in two ways.
    const errorLine = article.range(error.pos[0], error.pos[0]).start.line;
    if (usedLines.has(errorLine)) continue;
    const item = fromYamlError(article, error, unclosed, reportedOpeners);
    if (!item) continue;
    if (usedLines.has(item.range.start.line)) continue;
    usedLines.add(item.range.start.line);
    usedLines.add(errorLine);
    result.push(item);
    if (result.length >= MAX_SYNTAX_DIAGNOSTICS) break;
  }
  for (const warning of yaml.warnings) {
    const [start, end] = warning.pos;
    const item = diagnostic(yamlSyntax, article.range(start, end), `YAML: ${firstLine(warning.message)}`);
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
            tooManyAliases,
            range,
            `Aliases here expand to more than ${MAX_ALIAS_COUNT} values; the front matter is not checked further`,
          )
        : diagnostic(yamlSyntax, range, `The front matter cannot be read: ${firstLine(data.message)}`),
    );
  }
  return result;
}

function fromYamlError(
  article: ParsedArticle,
  error: YAMLError,
  unclosed: Unclosed[],
  reportedOpeners: Set<Unclosed>,
): Diagnostic | undefined {
  const [start, end] = error.pos;
  const range = article.range(start, Math.max(end, start + 1));
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = keyAt(article, start);
      const name = key?.[2];
      return diagnostic(
        duplicateKey,
        key ? article.range(key[0], key[1]) : range,
        name !== undefined
          ? `\`${name}\` is written twice here; Jekyll keeps only the last one`
          : 'This key is written twice here; Jekyll keeps only the last one',
        name !== undefined ? { field: name } : undefined,
      );
    }
    case 'TAB_AS_INDENT': {
      // The knowable fix: two spaces for each tab of the line's indentation.
      const line = lineOf(article, start);
      const indent = /^[ \t]*/.exec(line.text)![0];
      const tabbed = indent.includes('\t');
      return diagnostic(
        tabIndentation,
        tabbed ? article.range(line.start, line.start + indent.length) : range,
        'Indent with spaces: YAML does not allow tabs for indentation',
        tabbed
          ? { replacement: indent.replace(/\t/g, '  '), repair: 'Indent with spaces', guess: true }
          : undefined,
      );
    }
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
          yamlSyntax,
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
        yamlSyntax,
        range,
        'Lists or groups are nested too deeply here to be read \u2014 is a `]` or `}` missing?',
      );
    case 'BLOCK_AS_IMPLICIT_KEY':
      return (
        colonInValue(article, start) ??
        indentedTooFar(article, start) ??
        diagnostic(
          yamlSyntax,
          range,
          'A value cannot contain `: ` unquoted \u2014 put the value in quotes, or move the nested field to its own line',
        )
      );
    case 'MULTILINE_IMPLICIT_KEY':
      return (
        noSpaceAfterColon(article, start) ??
        diagnostic(
          yamlSyntax,
          range,
          'A key must fit on one line \u2014 is a `:` or a closing quote missing above?',
        )
      );
    default:
      break;
  }
  return (
    explained(article, error, range) ?? diagnostic(yamlSyntax, range, `YAML: ${firstLine(error.message)}`)
  );
}

/** The messages of the yaml package a writer meets most, in a writer's words, with the fix when it is knowable. */
function explained(article: ParsedArticle, error: YAMLError, range: Range): Diagnostic | undefined {
  const start = error.pos[0];
  if (error.code === 'MISSING_CHAR' && /followed by map values/.test(error.message)) {
    const spaced = noSpaceAfterColon(article, start);
    if (spaced) return spaced;
    const moved = valueOnNextLine(article, start);
    if (moved) return moved;
    const line = lineOf(article, start);
    const written = line.text.trim();
    // Only a line with no `:` at all: one with a `:` has another problem.
    if (written.includes(':') || written.startsWith('-')) return undefined;
    // Shortened without splitting a surrogate pair.
    const cut = /[\ud800-\udbff]/.test(written.charAt(39)) ? 39 : 40;
    return diagnostic(
      yamlSyntax,
      range,
      `\`${written.length > 40 ? written.slice(0, cut) + '\u2026' : written}\` is not \`field: value\` \u2014 is the \`:\` missing?`,
    );
  }
  if (error.code === 'BAD_INDENT' && /same column/.test(error.message)) {
    return diagnostic(
      yamlSyntax,
      range,
      'This line is not indented like the fields around it: the fields of one group start at the same column',
    );
  }
  if (error.code === 'UNEXPECTED_TOKEN' && /scalar at node end/.test(error.message)) {
    // Text after a closing quote: `title: "Azure" rocks`, `title: 'it's'`.
    const value = valueOnLine(article, start);
    const closedAt = value ? closingQuote(value.text) : -1;
    if (value && closedAt > 0 && closedAt < value.text.length - 1 && start > value.start + closedAt) {
      const quote = value.text[0];
      // `'it's'`: the quotes were meant to hold the text, with its apostrophe. Anything else
      // (`"Azure" rocks`, `"a" and "b"`) is quoted whole, as written.
      const inner = value.text.slice(1, -1);
      const apostrophe = quote === "'" && value.text.endsWith("'") && inner.split("'").length === 2;
      const content = apostrophe ? inner : value.text;
      return diagnostic(
        yamlSyntax,
        article.range(value.start, value.end),
        `Text follows the closing quote \`${quote}\` \u2014 put the whole value in quotes`,
        {
          replacement: quoted(content),
          repair: 'Put the whole value in quotes',
        },
      );
    }
  }
  if (error.code === 'BAD_SCALAR_START') {
    const value = valueOnLine(article, start);
    const first = article.text[article.block!.contentStart + start];
    if (value && value.start === start && /[@`%!&*|>]/.test(first)) {
      return diagnostic(
        yamlSyntax,
        article.range(value.start, value.end),
        `A value cannot start with \`${first}\` unless it is in quotes`,
        { replacement: quoted(value.text), repair: 'Put the value in quotes' },
      );
    }
  }
  return undefined;
}

/** `title: Azure: what is new`: a `: ` inside a plain value. The fix puts the value in quotes. */
function colonInValue(article: ParsedArticle, start: number): Diagnostic | undefined {
  const value = valueOnLine(article, start);
  if (!value || value.start !== start || !/: |:$/.test(value.text) || /^["'[{]/.test(value.text))
    return undefined;
  return diagnostic(
    yamlSyntax,
    article.range(value.start, value.end),
    'A value cannot contain `: ` unless it is in quotes',
    { replacement: quoted(value.text), repair: 'Put the value in quotes' },
  );
}

/**
 * `title: T` then `  excerpt: x`: a line indented further than the field above is read as part
 * of its value. Placed on that line; the fix indents it like the field above.
 */
function indentedTooFar(article: ParsedArticle, start: number): Diagnostic | undefined {
  const line = lineOf(article, start);
  const source = article.source;
  let next = line.end;
  let nextLine: { start: number; end: number; text: string } | undefined;
  while (next < source.length) {
    next = nextLineStart(source, next);
    const candidate = lineOf(article, next);
    if (candidate.text.trim() && !candidate.text.trim().startsWith('#')) {
      nextLine = candidate;
      break;
    }
    next = candidate.end;
  }
  if (!nextLine) return undefined;
  // The field's own column: after the line's indentation and any `- ` markers.
  const column = /^(?: *- +)* */.exec(line.text)![0].length;
  const indent = /^ */.exec(nextLine.text)![0].length;
  if (indent <= column) return undefined;
  const key = /^ *([^\s:#][^:#]*?):(?: |$)/.exec(line.text.slice(column))?.[1];
  return diagnostic(
    yamlSyntax,
    article.range(nextLine.start, nextLine.start + nextLine.text.trimEnd().length),
    `This line is indented further than ${key ? `\`${key}\`` : 'the field above'}, so YAML reads it as part of that value \u2014 indent it like the field above`,
    {
      replacement: ' '.repeat(column) + nextLine.text.trim(),
      repair: key ? `Indent it like \`${key}\`` : 'Indent it like the field above',
      guess: true,
    },
  );
}

/**
 * `webUrl:` then the URL on a line of its own, at the field's indentation: the value went to
 * the next line (a paste). The fix joins it to its field.
 */
function valueOnNextLine(article: ParsedArticle, start: number): Diagnostic | undefined {
  const line = lineOf(article, start);
  const url = line.text.trim();
  if (!/^https?:\/\/\S+$/.test(url) || line.start === 0) return undefined;
  const source = article.source;
  const above = lineOf(article, line.start - (source.slice(line.start - 2, line.start) === '\r\n' ? 2 : 1));
  const field = /^( *(?:- +)*)([A-Za-z_][\w-]*):[ \t]*$/.exec(above.text);
  if (!field || /^ */.exec(line.text)![0].length > field[1].length) return undefined;
  const colon = above.start + field[0].trimEnd().length;
  return diagnostic(
    yamlSyntax,
    article.range(colon, line.start + line.text.trimEnd().length),
    `This URL is on a line of its own: is it the value of \`${field[2]}\`? Write it after \`${field[2]}: \``,
    { replacement: ` ${url}`, repair: `Move it after \`${field[2]}:\`` },
  );
}

/** `title:Azure`: a `:` with no space after it is part of the text, not a field. The fix adds the space. */
function noSpaceAfterColon(article: ParsedArticle, start: number): Diagnostic | undefined {
  const line = lineOf(article, start);
  // Not `https://…` (a URL on a line of its own), nor a line whose `: ` makes it a field already.
  const match = /^( *(?:- +)*)([A-Za-z_][\w-]*):(?=[^\s:/])/.exec(line.text);
  const comment = line.text.search(/[ \t]#/);
  const written = (comment < 0 ? line.text : line.text.slice(0, comment))
    .slice(match?.[1].length ?? 0)
    .trimEnd();
  if (!match || /:[ \t]/.test(written)) return undefined;
  return diagnostic(
    yamlSyntax,
    article.range(line.start + match[1].length, line.start + match[1].length + written.length),
    `A \`:\` needs a space after it to start a value: \`${match[2]}: \u2026\``,
    {
      replacement: `${match[2]}: ${written.slice(match[2].length + 1)}`,
      repair: `Add a space after \`${match[2]}:\``,
    },
  );
}

/** The line holding `offset` of the front matter, without its line break. */
function lineOf(article: ParsedArticle, offset: number): { start: number; end: number; text: string } {
  const source = article.source;
  const start = lineStart(source, offset);
  const end = lineEnd(source, offset);
  return { start, end, text: source.slice(start, end) };
}

/**
 * The value written on the line of `offset`, after `key: ` or `- `, up to a comment or the
 * line's end (trailing blanks left out).
 */
function valueOnLine(
  article: ParsedArticle,
  offset: number,
): { start: number; end: number; text: string } | undefined {
  // Scanned by hand, in one pass: expressions with a lazy part before blanks took time in the
  // square of a run of blanks (a line of 100 000 spaces took 24 s).
  const line = lineOf(article, offset);
  const text = line.text;
  const blank = (at: number) => text[at] === ' ' || text[at] === '\t';
  let at = 0;
  for (;;) {
    while (text[at] === ' ') at++;
    if (text[at] === '-' && (blank(at + 1) || at + 1 === text.length)) at++;
    else break;
  }
  // An optional key (plain or quoted), its `:` and blanks.
  let keyEnd = -1;
  if (text[at] === '"' || text[at] === "'") {
    const close = closingQuote(text.slice(at));
    if (close > 0) {
      let colon = at + close + 1;
      while (blank(colon)) colon++;
      if (text[colon] === ':' && blank(colon + 1)) keyEnd = colon + 1;
    }
  } else if (text[at] !== '#' && text[at] !== undefined) {
    for (let i = at; i < text.length; i++) {
      if (text[i] === '#' && blank(i - 1)) break;
      if (text[i] === ':' && blank(i + 1)) {
        keyEnd = i + 1;
        break;
      }
    }
  }
  let start = keyEnd < 0 ? at : keyEnd;
  while (blank(start)) start++;
  if (start >= text.length || text[start] === '#') return undefined;
  // The value ends at a comment (a blank then `#`; in a quoted value, after its closing
  // quote), and its trailing blanks are left out.
  const close = text[start] === '"' || text[start] === "'" ? closingQuote(text.slice(start)) : 0;
  let end = text.length;
  if (close >= 0) {
    for (let i = start + Math.max(close, 1); i < text.length; i++) {
      if (text[i] === '#' && blank(i - 1)) {
        end = i;
        break;
      }
    }
  }
  while (end > start && blank(end - 1)) end--;
  return { start: line.start + start, end: line.start + end, text: text.slice(start, end) };
}

/** Where the quote opening `text` closes; -1 when it does not open with a quote or never closes. */
function closingQuote(text: string): number {
  const match =
    text[0] === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(text) : text[0] === "'" ? /^'(?:[^']|'')*'/.exec(text) : null;
  return match ? match[0].length - 1 : -1;
}

/** A text as a quoted YAML scalar that reads back as the same text. */
function quoted(text: string): string {
  if (!/["\\]/.test(text)) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
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
  const source = article.source;
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

/**
 * The key starting at an offset (or after blanks there: after a key with no value, the parser
 * places the error at the end of that line): its span, and its text unless it is a list or group.
 */
function keyAt(article: ParsedArticle, offset: number): [number, number, string | undefined] | undefined {
  const block = article.block!;
  const after = article.text.slice(
    block.contentStart + offset,
    Math.min(block.contentEnd, block.contentStart + offset + 1000),
  );
  const pair = pairWithKeyAt(article.yaml!, offset + /^\s*/.exec(after)![0].length)?.pair;
  const range = (pair?.key as Node | null | undefined)?.range;
  return pair && range ? [range[0], range[1], keyText(pair)] : undefined;
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
