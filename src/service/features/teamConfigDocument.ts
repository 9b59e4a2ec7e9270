/**
 * The team config file (`.article-frontmatter.yml`) as a document of its own: its mistakes as
 * diagnostics (an unknown rule with "did you mean"), completion of its keys, rule codes and
 * severities, and hovers that say what a key or a rule is for. Never throws on bad input.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Position,
} from 'vscode-languageserver-types';
import configSchema from '../../../schemas/article-frontmatter.config.schema.json';
import { diagnostic, type Rule } from '../rules/rule';
import { invalidValue } from '../rules/schema/invalidValue';
import { unknownField } from '../rules/schema/unknownField';
import { wrongType } from '../rules/schema/wrongType';
import { yamlSyntax } from '../rules/syntax/yamlSyntax';
import { readTeamConfig, TEAM_CONFIG_KEYS, type TeamConfigProblem } from '../site/teamConfig';
import { SEVERITY_WORDS } from '../util/severities';

const RULE_OF: Record<TeamConfigProblem['kind'], Rule> = {
  syntax: yamlSyntax,
  'unknown-key': unknownField,
  'wrong-type': wrongType,
  'invalid-value': invalidValue,
};

/** The mistakes of a team config file. */
export function teamConfigDiagnostics(document: TextDocument, ruleCodes: readonly string[]): Diagnostic[] {
  const { problems } = readTeamConfig(document.getText(), '', ruleCodes);
  return problems.map((problem) =>
    diagnostic(
      RULE_OF[problem.kind],
      { start: document.positionAt(problem.start), end: document.positionAt(problem.end) },
      problem.message,
    ),
  );
}

const KEY_DESCRIPTIONS = configSchema.properties as Record<string, { description: string }>;

/** Where the cursor is in the config file: which section, and whether on a key or after `key:`. */
function placeOf(document: TextDocument, position: Position) {
  const lines = document.getText().split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  let section: string | undefined;
  for (let index = position.line; index >= 0; index--) {
    const match = /^([A-Za-z][\w-]*)\s*:/.exec(lines[index] ?? '');
    if (match && !(index === position.line && /^\S/.test(line) && !before.includes(':'))) {
      section = match[1];
      break;
    }
  }
  const indented = /^\s+/.test(line);
  const key = /^\s*["']?([\w-]+)/.exec(line)?.[1];
  return { line, before, section: indented ? section : undefined, afterColon: before.includes(':'), key };
}

/** Completion of the config's keys, of rule codes under `rules:` and of severities after `code:`. */
export function teamConfigCompletions(
  document: TextDocument,
  position: Position,
  rules: ReadonlyMap<string, Rule>,
): CompletionList {
  const place = placeOf(document, position);
  if (place.section === undefined && !place.afterColon) {
    return {
      isIncomplete: false,
      items: TEAM_CONFIG_KEYS.map((key) => ({
        label: key,
        kind: CompletionItemKind.Property,
        insertText: `${key}:`,
        documentation: KEY_DESCRIPTIONS[key]?.description,
      })),
    };
  }
  if (place.section === 'rules' && !place.afterColon) {
    return {
      isIncomplete: false,
      items: [...rules.values()].map((rule) => ({
        label: rule.code,
        kind: CompletionItemKind.Property,
        insertText: `${rule.code}: `,
        detail: `default: ${rule.severity}`,
        documentation: rule.description,
      })),
    };
  }
  if (place.section === 'rules' && place.afterColon) {
    return {
      isIncomplete: false,
      items: Object.keys(SEVERITY_WORDS).map((word) => ({
        label: word,
        kind: CompletionItemKind.EnumMember,
      })),
    };
  }
  return { isIncomplete: false, items: [] };
}

/** What a top-level key or a rule code of the config file is for. */
export function teamConfigHover(
  document: TextDocument,
  position: Position,
  rules: ReadonlyMap<string, Rule>,
): Hover | null {
  const place = placeOf(document, position);
  if (place.key === undefined) return null;
  const rule = place.section === 'rules' ? rules.get(place.key) : undefined;
  const text = rule
    ? `**${rule.code}** (default: ${rule.severity})\n\n${rule.description}`
    : place.section === undefined && KEY_DESCRIPTIONS[place.key]
      ? `**${place.key}**\n\n${KEY_DESCRIPTIONS[place.key].description}`
      : undefined;
  return text ? { contents: { kind: MarkupKind.Markdown, value: text } } : null;
}
