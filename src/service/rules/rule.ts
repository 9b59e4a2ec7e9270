import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../types';

/** The source every diagnostic of this extension carries. */
export const DIAGNOSTIC_SOURCE = 'article-frontmatter';

/**
 * Every diagnostic code the service reports, with its default severity and what it means.
 * Codes are stable: settings, the CLI's output and quick fixes refer to them.
 */
export const RULES = {
  // The front matter block and its YAML.
  'frontmatter-unclosed': {
    severity: 'error',
    about: 'The front matter is opened with `---` but never closed.',
  },
  'yaml-syntax': { severity: 'error', about: 'The YAML cannot be read.' },
  'duplicate-key': { severity: 'error', about: 'A field is written twice in the same place.' },
  'tab-indentation': { severity: 'error', about: 'A line is indented with a tab; YAML needs spaces.' },
  'too-many-aliases': { severity: 'error', about: 'Aliases expand to too much data (an alias bomb).' },
  'frontmatter-too-large': { severity: 'warning', about: 'The front matter is too large to check.' },
  // The schema of the article's type.
  'missing-field': { severity: 'error', about: 'A required field is missing.' },
  'unknown-field': { severity: 'warning', about: 'A field the schema does not know (often a typo).' },
  'wrong-type': { severity: 'error', about: 'A value of the wrong kind (text, number, list…).' },
  'invalid-value': { severity: 'error', about: 'A value that is not one of the allowed ones.' },
  'invalid-format': { severity: 'error', about: 'A value that does not have the expected form.' },
  'empty-value': { severity: 'error', about: 'A value that must not be empty.' },
  'out-of-range': { severity: 'error', about: 'A number outside its allowed range.' },
  'schema-mismatch': { severity: 'error', about: 'Any other disagreement with the schema.' },
  'schema-unavailable': { severity: 'error', about: 'The schema chosen for this file cannot be loaded.' },
  // The site's own rules.
  'unknown-type': { severity: 'warning', about: 'A `type` close to, but not, a known content type.' },
  'jekyll-boolean': {
    severity: 'warning',
    about: '`yes`/`no`/`on`/`off` mean different things to Jekyll and to other tools.',
  },
  'unknown-topic': { severity: 'warning', about: 'A topic that is not in the site\u2019s `_data/topics`.' },
  'duplicate-topic': { severity: 'warning', about: 'The same topic listed twice.' },
  'missing-collection-item': {
    severity: 'warning',
    about: 'A collection item that names no existing learning item.',
  },
  'amp-cache-url-mismatch': {
    severity: 'warning',
    about: '`cdnAmpWebUrl` is not the AMP cache URL of `ampWebUrl`.',
  },
  'provider-domain-mismatch': {
    severity: 'warning',
    about: '`provider.domain` is not the host of `webUrl` or a parent of it.',
  },
  'provider-name-mismatch': {
    severity: 'warning',
    about: 'The provider\u2019s name differs from the site\u2019s catalogue.',
  },
  'url-has-spaces': { severity: 'warning', about: 'A URL with unencoded spaces.' },
} as const satisfies Record<string, { severity: RuleSeverity; about: string }>;

/** A stable diagnostic code. */
export type RuleCode = keyof typeof RULES;

/** Extra facts a diagnostic carries for its quick fix. */
export interface DiagnosticData {
  /** The text that would fix the flagged range, when one is known. */
  replacement?: string;
  /**
   * The field the diagnostic is about: the one a `missing-field` lacks, or the key an
   * `unknown-field` or `duplicate-key` names (a removal checks it still names that key).
   */
  field?: string;
  /**
   * For a `missing-field`: what to write after `field:` so the writer sees where to type —
   * a scalar (`""`, `0`, the only allowed value), or the group's own required fields.
   */
  placeholder?: string | Array<[field: string, value: string]>;
  /**
   * For a `missing-field`: where the group that lacks the field is, as field names and list
   * positions from the top (empty for the front matter itself). The fix adds the field there.
   */
  group?: Array<string | number>;
  /** For a `missing-field`: whether the schema accepts the placeholder (fix-all adds only such fields). */
  placeholderAccepted?: boolean;
  /** For a problem in the YAML itself: what writing `replacement` over its range does (the fix's title). */
  repair?: string;
  /** The repair guesses what the writer meant (how deep a line goes): offered, never made by fix-all. */
  guess?: boolean;
  /** For a `provider-domain-mismatch`: the catalogue's provider for the `webUrl`'s domain. */
  provider?: {
    name: string;
    domain: string;
    images: Array<{ url: string; width?: number; height?: number }>;
  };
}

/** Creates a diagnostic with the rule's default severity. */
export function diagnostic(code: RuleCode, range: Range, message: string, data?: DiagnosticData): Diagnostic {
  const result: Diagnostic = {
    range,
    severity: toSeverity(RULES[code].severity),
    code,
    source: DIAGNOSTIC_SOURCE,
    message,
  };
  if (data) result.data = data;
  return result;
}

/** Applies the writer's severity settings: changes severities and drops rules turned off. */
export function applySeverities(
  diagnostics: Diagnostic[],
  overrides: Record<string, RuleSeverity>,
): Diagnostic[] {
  if (Object.keys(overrides).length === 0) return diagnostics;
  const result: Diagnostic[] = [];
  for (const item of diagnostics) {
    const override = overrides[String(item.code)];
    if (override === 'off') continue;
    result.push(override ? { ...item, severity: toSeverity(override) } : item);
  }
  return result;
}

function toSeverity(severity: RuleSeverity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}
