import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { ArticleContext } from '../context';
import type { FixSafety, RuleSeverity } from '../types';

/** The source every diagnostic of this extension carries. */
export const DIAGNOSTIC_SOURCE = 'article-frontmatter';

/** Which reading of the article finds a rule's problems. */
export type RuleLayer = 'syntax' | 'schema' | 'site';

/**
 * A rule: everything about one diagnostic code, declared in the rule's own file next to its
 * check, as Biome and Ruff do. The registry (`registry.ts`) lists them; settings, the CLI's
 * `--help`, the README's rule table and the quick fixes all read this declaration.
 */
export interface Rule {
  /** The stable code diagnostics carry and settings name (`unknown-topic`). */
  readonly code: string;
  /** The severity where the writer has not chosen another. */
  readonly severity: Exclude<RuleSeverity, 'off'>;
  /** What the rule reports, in one line a writer understands. */
  readonly description: string;
  /** Which reading finds it: the YAML itself, the schema, or the site's own conventions. */
  readonly layer: RuleLayer;
  /**
   * Whether its usual fix is safe to make without looking (fix-all, `check --fix`), only
   * offered (`unsafe`), or whether there is none. A single fix may still be less safe than
   * this: a repair that guesses an indentation, a placeholder the schema refuses.
   */
  readonly fix: FixSafety | 'none';
  /**
   * Codes whose diagnostic on the same range says less than this rule's: left out where this
   * rule reports (the schema's "must look like `videos/…`" where the rule names the folder).
   */
  readonly supersedes?: readonly string[];
  /** The title of the fix that writes `data.replacement` over the flagged range. */
  fixTitle?(replacement: string): string;
  /**
   * A fix that removes what the diagnostic names: the field (`unknown-field`), the earlier
   * copy of a field written twice, or a repeated entry of `topics`.
   */
  readonly removal?: {
    readonly target: 'field' | 'earlier-copy' | 'topic-entry';
    readonly safety: FixSafety;
    title(field: string | undefined): string;
  };
  /**
   * The top-level fields a site rule is about (`topics`, `provider`): where a writer's own
   * schema declares none of them, the rule does not run. Omitted: it runs on every article.
   */
  readonly fields?: readonly string[];
  /**
   * For a schema-layer rule chosen by a schema's `"x-rule"`: the value to write instead of the
   * flagged one, when it is certain (`PT25M` for `25 mins`).
   */
  replacementFor?(value: unknown): string | undefined;
  /**
   * Whether the rule is about the article's `related` entries as copies (`stale-related`): its
   * findings there are this article's. Other site rules' findings inside `related` belong to
   * the linked article and are left to its own file.
   */
  readonly judgesRelatedCopies?: boolean;
  /** Why its default severity is what it is: the audit of consequences (shown in the README). */
  readonly severityReason?: string;
  /**
   * The check of a site rule: the problems of one article. Rules of the syntax and schema
   * layers have none here: their problems are found by one reading of the YAML or one run
   * of the schema, which report them through this declaration.
   */
  check?(context: ArticleContext): Diagnostic[] | Promise<Diagnostic[]>;
}

/** Declares a rule (the identity function, for type checking and inference of the code). */
export function defineRule<const T extends Rule>(rule: T): T {
  return rule;
}

/** Extra facts a diagnostic carries for its quick fix. */
export interface DiagnosticData {
  /** The text that would fix the flagged range, when one is known. */
  replacement?: string;
  /** Edits elsewhere than the flagged range that fix it together (the values a stale copy updates). */
  edits?: Array<{ range: Range; newText: string }>;
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
  /**
   * The fix guesses what the writer meant (how deep a line goes, whether `no` is a boolean):
   * offered, never made by fix-all.
   */
  guess?: boolean;
  /**
   * A new name for the article's file (in the same folder) that fixes it: offered as a file
   * rename, never made by fix-all or `check --fix`.
   */
  renameTo?: string;
  /** For a `provider-domain-mismatch`: the catalogue's provider for the `webUrl`'s domain. */
  provider?: {
    name: string;
    domain: string;
    images: Array<{ url: string; width?: number; height?: number }>;
  };
}

/** Creates a diagnostic of a rule, with the rule's default severity. */
export function diagnostic(
  rule: Pick<Rule, 'code' | 'severity'>,
  range: Range,
  message: string,
  data?: DiagnosticData,
): Diagnostic {
  const result: Diagnostic = {
    range,
    severity: toSeverity(rule.severity),
    code: rule.code,
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

/** The LSP severity of a severity word. */
export function toSeverity(severity: Exclude<RuleSeverity, 'off'>): DiagnosticSeverity {
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
