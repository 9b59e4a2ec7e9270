import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../context';
import type { Rule } from '../rules/rule';
import { diagnostic } from '../rules/rule';
import { schemaDiagnostics } from '../rules/schema/schemaFindings';
import { schemaUnavailable } from '../rules/schema/schemaUnavailable';
import { wrongType } from '../rules/schema/wrongType';
import { outsideRelatedCopies } from '../rules/relatedCopies';
import { applySuppressions } from '../rules/suppressions';
import { syntaxDiagnostics } from '../rules/syntax/reading';
import { frontmatterTooLarge } from '../rules/syntax/frontmatterTooLarge';
import { frontmatterUnclosed } from '../rules/syntax/frontmatterUnclosed';
import { ignoredFrontMatter } from '../rules/syntax/frontmatterIgnored';
import { missingFrontMatter } from '../rules/syntax/missingFrontmatter';
import { isRecord } from '../util/records';

/**
 * Every problem of an article, in three layers: the front matter block and its YAML, then
 * the schema of the article's kind, then the checks of the site's rules, in the registry's
 * order. A rule that fails is logged and skipped; the others still report.
 */
export async function computeDiagnostics(context: ArticleContext): Promise<Diagnostic[]> {
  const { article } = context;
  const block = article.block;
  if (!block) return withoutFrontMatter(context);
  // Positions are computed only for what is reported: a clean article needs none.
  const opening = () => ({
    start: article.document.positionAt(block.openStart),
    end: article.document.positionAt(block.openEnd),
  });
  if (!block.closed) {
    return [
      diagnostic(
        frontmatterUnclosed,
        opening(),
        'The front matter opens with `---` here but is never closed: add a line with `---` after its last field',
      ),
    ];
  }
  if (article.tooLarge) {
    return [
      diagnostic(
        frontmatterTooLarge,
        opening(),
        `The front matter is larger than ${context.settings.maxFrontMatterLength} characters and is not checked`,
      ),
    ];
  }

  const result = syntaxDiagnostics(article);
  const data = article.data();
  if (!data.ok) return applySuppressions(context, result);
  if (!isRecord(data.value ?? {})) {
    const span = article.yaml?.contents?.range;
    result.push(
      diagnostic(
        wrongType,
        span ? article.range(span[0], span[1]) : opening(),
        'The front matter must be `field: value` lines, not a single value or a list',
      ),
    );
    return result;
  }

  const lookup = context.schemaLookup;
  if (lookup && !lookup.ok) {
    const local = context.localSchema;
    const where = local
      ? { start: article.document.positionAt(local.start), end: article.document.positionAt(local.end) }
      : opening();
    result.push(diagnostic(schemaUnavailable, where, lookup.message));
  } else if (lookup?.ok) {
    const checked = guard(context, 'schema', () => schemaDiagnostics(context));
    if (checked) result.push(...checked);
  }

  // One after another, and awaited only when a rule has to wait (for the site's files): a
  // clean article then costs no promise per rule.
  for (const rule of context.rules.values()) {
    if (!rule.check) continue;
    if (rule.fields && !rule.fields.some((field) => context.declares(field))) continue;
    try {
      const found = rule.check(context);
      const list = Array.isArray(found) ? found : await found;
      // What a `related` copy holds is the linked article's problem, reported in its own file.
      if (list.length > 0)
        result.push(...(rule.judgesRelatedCopies ? list : outsideRelatedCopies(context, list)));
    } catch (error) {
      context.logger.error(`The ${rule.code} check failed on ${article.uri}`, error);
    }
  }
  // The writer's `# article-frontmatter-disable…` comments, last: they see every finding.
  return capped(applySuppressions(context, withoutEchoes(result, context.rules)));
}

/**
 * A file in which no front matter was found: one placed after blank lines (which Jekyll
 * ignores), or a file of a collection that has none (which Jekyll copies unrendered).
 */
function withoutFrontMatter(context: ArticleContext): Diagnostic[] {
  const found =
    (context.rules.has('frontmatter-ignored') ? ignoredFrontMatter(context) : undefined) ??
    (context.rules.has('missing-frontmatter') ? missingFrontMatter(context) : undefined);
  return found ? [found] : [];
}

/**
 * A diagnostic that a rule's own, on the same range, says better (the schema's "must look
 * like `videos/…`" where the rule says which folder the item is in) is left out.
 */
function withoutEchoes(diagnostics: Diagnostic[], rules: ReadonlyMap<string, Rule>): Diagnostic[] {
  let explained: Diagnostic[] | undefined;
  for (const item of diagnostics) {
    if (rules.get(String(item.code))?.supersedes?.length) (explained ??= []).push(item);
  }
  if (!explained) return diagnostics;
  const same = (a: Diagnostic, b: Diagnostic) =>
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character;
  return diagnostics.filter(
    (item) =>
      !explained.some(
        (rule) =>
          rule !== item &&
          rules.get(String(rule.code))!.supersedes!.includes(String(item.code)) &&
          same(rule, item),
      ),
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

function guard<T>(context: ArticleContext, name: string, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    context.logger.error(`The ${name} check failed`, error);
    return undefined;
  }
}
