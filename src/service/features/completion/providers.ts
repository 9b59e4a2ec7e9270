import {
  CompletionItemKind,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { type Organization } from '../../site/taxonomy';
import { scalarSource } from '../../yaml/nodes';
import { type Located, type Place, firstNonBlank, valueReplaceEnd } from './outline';
import { INDENT } from './outline';
import { escapeMarkdown } from './words';

/* ---------- Providers ---------- */

export function organizationItem(
  organization: Organization,
  index: number,
  textEdit: TextEdit,
): CompletionItem {
  return {
    label: organization.name,
    kind: CompletionItemKind.Reference,
    labelDetails: { description: organization.domain },
    detail: `provider: ${organization.name} (${organization.domain})`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `Fills in the provider from the site’s catalogue of organizations: name ${escapeMarkdown(organization.name)}, domain ${escapeMarkdown(organization.domain)}${organization.images.length ? ' and its logo' : ''}.`,
    },
    sortText: `2${String(index).padStart(4, '0')}`,
    filterText: textEdit.newText,
    textEdit,
  };
}

/**
 * The organizations of the catalogue, on a new line under `provider:` without a `name` yet:
 * choosing one writes its name, and its domain and logo where the provider lacks them.
 */
export function providerProposals(
  place: Place,
  column: number,
  range: Range,
  present: Map<string, Located>,
  prefix: string,
): CompletionItem[] {
  const relative = ' '.repeat(Math.max(0, column - firstNonBlank(place.outline[place.line].text)));
  return place.context.site.organizations().map((organization, i) => {
    const domain = present.get('domain');
    const lines = [`name: ${scalarSource(undefined, organization.name)}`];
    if (!domain) lines.push(`${relative}domain: ${scalarSource(undefined, organization.domain)}`);
    const images = present.get('images');
    if (!images) lines.push(...logoLines(organization, relative));
    const item = organizationItem(organization, i, { range, newText: prefix + lines.join(place.eol) });
    item.filterText = organization.name;
    item.insertTextMode = InsertTextMode.adjustIndentation;
    const edits = [
      ...(domain ? [replaceValue(place, domain, organization.domain)] : []),
      ...(images ? replaceLogo(place, images, organization) : []),
    ];
    if (edits.length) item.additionalTextEdits = edits;
    return item;
  });
}

/** The edits that go with choosing a provider's name: its domain, and its logo. */
export function providerEdits(
  place: Place,
  organization: Organization,
  present: Map<string, Located>,
  column: number,
): TextEdit[] {
  const edits: TextEdit[] = [];
  const indent = ' '.repeat(column);
  const added: string[] = [];
  const domain = present.get('domain');
  if (domain) edits.push(replaceValue(place, domain, organization.domain));
  else added.push(`${indent}domain: ${scalarSource(undefined, organization.domain)}`);
  const images = present.get('images');
  if (images) edits.push(...replaceLogo(place, images, organization));
  else added.push(...logoLines(organization, indent));
  if (added.length) {
    const nextLine = place.firstLine + place.line + 1;
    const text = added.map((line) => line + place.eol).join('');
    if (nextLine < place.context.article.document.lineCount) {
      const at = { line: nextLine, character: 0 };
      edits.push({ range: { start: at, end: at }, newText: text });
    } else {
      const at = { line: place.firstLine + place.line, character: place.outline[place.line].text.length };
      edits.push({ range: { start: at, end: at }, newText: place.eol + text.slice(0, -place.eol.length) });
    }
  }
  return edits;
}

/** `images:` with the catalogue's logo of an organization, indented by `indent`. */
function logoLines(organization: Organization, indent: string): string[] {
  if (!organization.images.length) return [];
  const lines = [`${indent}images:`];
  for (const image of organization.images) {
    lines.push(`${indent}${INDENT}- url: ${scalarSource(undefined, image.url)}`);
    for (const size of ['width', 'height'] as const) {
      const value: unknown = image[size];
      if (typeof value === 'number') lines.push(`${indent}${INDENT}${INDENT}${size}: ${value}`);
    }
  }
  return lines;
}

/**
 * The provider's `images` (at `images`) replaced by the catalogue's logo of the organization
 * chosen: the one there was the previous provider's. Kept when the catalogue has no logo.
 */
function replaceLogo(place: Place, images: Located, organization: Organization): TextEdit[] {
  const column = images.entry.column;
  let last = images.line;
  for (let line = images.line + 1; line < place.outline.length; line++) {
    const text = place.outline[line].text;
    const indent = firstNonBlank(text);
    if (indent >= text.length) continue; // blank
    if (indent > column || (indent === column && text[indent] === '-' && /^-(\s|$)/.test(text.slice(indent))))
      last = line;
    else break;
  }
  const lines = logoLines(organization, ' '.repeat(column));
  if (lines.length === 0) return [];
  const old = place.outline.slice(images.line, last + 1).map((line) => line.text);
  if (old.join('\n') === lines.join('\n')) return [];
  return [
    {
      range: {
        start: { line: place.firstLine + images.line, character: 0 },
        end: { line: place.firstLine + last, character: place.outline[last].text.length },
      },
      newText: lines.join(place.eol),
    },
  ];
}

/** Replaces the value of `key: value` on another line. */
function replaceValue(place: Place, { line, entry }: Located, value: string): TextEdit {
  const text = place.outline[line].text;
  const end = valueReplaceEnd(text, entry);
  const documentLine = place.firstLine + line;
  return {
    range: {
      start: { line: documentLine, character: entry.markEnd },
      end: { line: documentLine, character: Math.max(end, entry.markEnd) },
    },
    newText: ' ' + scalarSource(undefined, value),
  };
}
