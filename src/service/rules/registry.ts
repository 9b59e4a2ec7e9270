import type { Rule } from './rule';
import { invalidFormat } from './schema/invalidFormat';
import { durationFormat } from './schema/durationFormat';
import { emptyValue } from './schema/emptyValue';
import { invalidValue } from './schema/invalidValue';
import { missingField } from './schema/missingField';
import { outOfRange } from './schema/outOfRange';
import { schemaMismatch } from './schema/schemaMismatch';
import { schemaUnavailable } from './schema/schemaUnavailable';
import { unknownField } from './schema/unknownField';
import { wrongType } from './schema/wrongType';
import { ampCacheUrlMismatch } from './site/ampCacheUrlMismatch';
import { duplicateArticle } from './site/duplicateArticle';
import { duplicateTopic } from './site/duplicateTopic';
import { staleRelated } from './site/staleRelated';
import { tagVariant } from './site/tagVariant';
import { jekyllBoolean } from './site/jekyllBoolean';
import { jekyllDate } from './site/jekyllDate';
import { futurePost } from './site/futurePost';
import { unpublished } from './site/unpublished';
import { postFilename } from './site/postFilename';
import { dateMismatch } from './site/dateMismatch';
import { missingCollectionItem } from './site/missingCollectionItem';
import { providerDomainMismatch } from './site/providerDomainMismatch';
import { providerNameMismatch } from './site/providerNameMismatch';
import { unknownTopic } from './site/unknownTopic';
import { unknownType } from './site/unknownType';
import { urlHasSpaces } from './site/urlHasSpaces';
import { commentInValue } from './syntax/commentInValue';
import { duplicateKey } from './syntax/duplicateKey';
import { frontmatterIgnored } from './syntax/frontmatterIgnored';
import { missingFrontmatter } from './syntax/missingFrontmatter';
import { numberLostDigits } from './syntax/numberLostDigits';
import { frontmatterTooLarge } from './syntax/frontmatterTooLarge';
import { frontmatterUnclosed } from './syntax/frontmatterUnclosed';
import { tabIndentation } from './syntax/tabIndentation';
import { tooManyAliases } from './syntax/tooManyAliases';
import { unusedSuppression } from './syntax/unusedSuppression';
import { yamlSyntax } from './syntax/yamlSyntax';

/**
 * Every rule of the service, in the order their checks run and the docs list them. Adding a
 * rule is its file and one line here; settings, the CLI's `--help`, the README's rule table
 * and the quick fixes follow from its declaration.
 */
export const BUILT_IN_RULES = [
  // The front matter block and its YAML.
  frontmatterUnclosed,
  yamlSyntax,
  duplicateKey,
  tabIndentation,
  tooManyAliases,
  frontmatterTooLarge,
  // YAML that reads without error but not as written (issue 18).
  frontmatterIgnored,
  missingFrontmatter,
  commentInValue,
  numberLostDigits,
  // The schema of the article's kind.
  missingField,
  unknownField,
  wrongType,
  invalidValue,
  invalidFormat,
  durationFormat,
  emptyValue,
  outOfRange,
  schemaMismatch,
  schemaUnavailable,
  // The site's own conventions.
  unknownType,
  jekyllBoolean,
  jekyllDate,
  futurePost,
  unpublished,
  postFilename,
  dateMismatch,
  unknownTopic,
  duplicateTopic,
  missingCollectionItem,
  ampCacheUrlMismatch,
  providerDomainMismatch,
  providerNameMismatch,
  urlHasSpaces,
  // The writer's suppression comments (`rules/suppressions.ts`).
  unusedSuppression,
  // The site as one linked whole (once the host has indexed it).
  duplicateArticle,
  staleRelated,
  tagVariant,
] as const satisfies readonly Rule[];

/** A stable diagnostic code of the built-in rules. */
export type RuleCode = (typeof BUILT_IN_RULES)[number]['code'];

/**
 * Every diagnostic code with its default severity and what it means, for the adapters
 * (settings, `--help`, `--rule`). Codes are stable.
 */
export const RULES = rulesByCode(BUILT_IN_RULES);

/** The `{ code: { severity, about } }` listing of a list of rules. */
export function rulesByCode(
  rules: readonly Rule[],
): Record<string, { severity: Rule['severity']; about: string; fix: Rule['fix'] }> {
  return Object.fromEntries(
    rules.map((rule) => [rule.code, { severity: rule.severity, about: rule.description, fix: rule.fix }]),
  );
}
