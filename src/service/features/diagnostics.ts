import type { Diagnostic } from 'vscode-languageserver-types';
import type { ParsedArticle } from '../yaml/articleDocument';
import { diagnostic } from '../rules/rule';
import { contentKindOf, type ContentKind, type SchemaCatalog, type SchemaLookup } from '../schema/catalog';
import { schemaDiagnostics } from '../rules/schema/schemaFindings';
import { isRecord, type SiteIndex } from '../site/taxonomy';
import { ampUrlRules } from '../rules/site/ampUrls';
import { collectionItemRules } from '../rules/site/collectionItems';
import { contentTypeRules } from '../rules/site/contentType';
import type { RuleContext, SiteRule } from '../rules/site/context';
import { jekyllBooleanRules } from '../rules/site/jekyllBooleans';
import { providerRules } from '../rules/site/providers';
import { topicRules } from '../rules/site/topics';
import { urlRules } from '../rules/site/urls';
import type { ArticleLogger } from '../types';
import { syntaxDiagnostics } from '../rules/syntax/yamlSyntax';

const SITE_RULES: ReadonlyArray<[name: string, rule: SiteRule]> = [
  ['content type', contentTypeRules],
  ['Jekyll booleans', jekyllBooleanRules],
  ['topics', topicRules],
  ['collection items', collectionItemRules],
  ['AMP URLs', ampUrlRules],
  ['providers', providerRules],
  ['URLs', urlRules],
];

/** What the diagnostics need besides the article. */
export interface DiagnosticsContext {
  readonly site: SiteIndex;
  readonly schemas: SchemaCatalog;
  readonly logger: ArticleLogger;
  /** The article's path relative to the site root, when it is inside it. */
  readonly relativePath: string | undefined;
  readonly maxFrontMatterLength: number;
}

/**
 * Every problem of an article, in three layers: the front matter block and its YAML,
 * then the schema of the article's type, then the site's own rules. A rule that fails
 * is logged and skipped; the others still report.
 */
export async function computeDiagnostics(
  article: ParsedArticle,
  context: DiagnosticsContext,
): Promise<Diagnostic[]> {
  const block = article.block;
  if (!block) return [];
  // Positions are computed only for what is reported: a clean article needs none.
  const opening = () => ({
    start: article.document.positionAt(block.openStart),
    end: article.document.positionAt(block.openEnd),
  });
  if (!block.closed) {
    return [
      diagnostic(
        'frontmatter-unclosed',
        opening(),
        'The front matter opens with `---` here but is never closed: add a line with `---` after its last field',
      ),
    ];
  }
  if (article.tooLarge) {
    return [
      diagnostic(
        'frontmatter-too-large',
        opening(),
        `The front matter is larger than ${context.maxFrontMatterLength} characters and is not checked`,
      ),
    ];
  }

  const result = syntaxDiagnostics(article);
  const data = article.data();
  if (!data.ok) return result;
  const values = data.value ?? {};
  if (!isRecord(values)) {
    const span = article.yaml?.contents?.range;
    result.push(
      diagnostic(
        'wrong-type',
        span ? article.range(span[0], span[1]) : opening(),
        'The front matter must be `field: value` lines, not a single value or a list',
      ),
    );
    return result;
  }

  const kind = contentKindOf(values, context.relativePath);
  const chosen = chooseSchema(kind, context);
  const { lookup, schemaApplied } = chosen instanceof Promise ? await chosen : chosen;
  let reportedBooleans: ReadonlySet<number> = new Set();
  if (lookup && !lookup.ok) {
    result.push(diagnostic('schema-unavailable', opening(), lookup.message));
  } else if (lookup?.ok) {
    const checked = guard(context.logger, 'schema', () =>
      schemaDiagnostics(article, values, lookup.validate, lookup.schema),
    );
    if (checked) {
      result.push(...checked.diagnostics);
      reportedBooleans = checked.reportedBooleans;
    }
  }

  const ruleContext: RuleContext = {
    article,
    data: values,
    site: context.site,
    kind,
    schemaApplied,
    reportedBooleans,
  };
  // One after another, and awaited only when a rule has to wait (for the site's files): a
  // clean article then costs no promise per rule.
  for (const [name, rule] of SITE_RULES) {
    try {
      const found = rule(ruleContext);
      const list = Array.isArray(found) ? found : await found;
      if (list.length > 0) result.push(...list);
    } catch (error) {
      context.logger.error(`The ${name} check failed on ${article.uri}`, error);
    }
  }
  return capped(withoutEchoes(result));
}

/** Rule diagnostics that say what the schema says of the same value, and give the fix. */
const SUPERSEDING = new Set(['missing-collection-item']);

/**
 * The schema's message on a value a site rule explains with its fix (`items[1]` "must look
 * like `videos/…`" where the rule says which folder it is in) is left out.
 */
function withoutEchoes(diagnostics: Diagnostic[]): Diagnostic[] {
  const explained = diagnostics.filter((item) => SUPERSEDING.has(String(item.code)));
  if (explained.length === 0) return diagnostics;
  const same = (a: Diagnostic, b: Diagnostic) =>
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character;
  return diagnostics.filter(
    (item) => item.code !== 'invalid-format' || !explained.some((rule) => same(rule, item)),
  );
}

/** At most this many diagnostics of one code: past it, a list of thousands helps nobody. */
const MAX_PER_CODE = 100;

function capped(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_PER_CODE) return diagnostics;
  const counts = new Map<string, number>();
  for (const item of diagnostics) counts.set(String(item.code), (counts.get(String(item.code)) ?? 0) + 1);
  if ([...counts.values()].every((count) => count <= MAX_PER_CODE)) return diagnostics;
  const shown = new Map<string, number>();
  const result: Diagnostic[] = [];
  for (const item of diagnostics) {
    const code = String(item.code);
    const index = (shown.get(code) ?? 0) + 1;
    shown.set(code, index);
    if (index < MAX_PER_CODE || (index === MAX_PER_CODE && counts.get(code) === MAX_PER_CODE))
      result.push(item);
    else if (index === MAX_PER_CODE) {
      const more = counts.get(code)! - MAX_PER_CODE + 1;
      result.push({
        ...item,
        message: `${item.message} (and ${more} more like this, not shown)`,
        data: undefined,
      });
    }
  }
  return result;
}

/** The schema for the article: a promise only when a custom schema has to be read. */
function chooseSchema(
  kind: ContentKind | undefined,
  context: DiagnosticsContext,
):
  | { lookup: SchemaLookup | undefined; schemaApplied: boolean }
  | Promise<{ lookup: SchemaLookup | undefined; schemaApplied: boolean }> {
  const association = context.schemas.associationFor(context.relativePath);
  if (association) {
    return context.schemas.customFor(association).then((lookup) => ({ lookup, schemaApplied: true }));
  }
  if (!kind) return { lookup: undefined, schemaApplied: false };
  return { lookup: context.schemas.bundledFor(kind), schemaApplied: true };
}

function guard<T>(logger: ArticleLogger, name: string, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    logger.error(`The ${name} check failed`, error);
    return undefined;
  }
}
