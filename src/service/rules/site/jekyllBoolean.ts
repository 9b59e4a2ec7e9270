import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { isScalar, Scalar, type Node } from 'yaml';
import type { ArticleContext } from '../../context';
import { schemaAtPath } from '../../schema/navigation';
import { forEachScalarOnce, nodeAtOffset, nodeAtPath, parseInstancePath } from '../../yaml/nodes';
import { defineRule, diagnostic } from '../rule';
import { fieldName, misreading, reportedSchemaErrors, valueRange } from '../schema/schemaFindings';
import { someText } from './helpers';

/** `yes`, `no`, `on`, `off`: booleans to Jekyll (YAML 1.1), text to YAML 1.2 tools. */
export const YAML11_BOOLEAN = /^(?:yes|no|on|off)$/i;

/** Lists and mappings known to hold no unquoted `yes`/`no`/`on`/`off` (kept across versions). */
const WITHOUT_YAML11_BOOLEANS = new WeakSet<object>();
/** Values known to hold no `yes`/`no`/`on`/`off` at all, quoted or not. */
const WITHOUT_BOOLEAN_WORDS = new WeakSet<object>();
// `yes`, `no`, `on`, `off`: two or three letters, tested before the expression.
const isBooleanWord = (text: string): boolean => text.length <= 3 && YAML11_BOOLEAN.test(text);

/**
 * Unquoted `yes`/`no`/`on`/`off`: Jekyll (YAML 1.1) reads them as `true`/`false`, other tools
 * (YAML 1.2) as text. Where the schema expects a boolean, the fix is `true`/`false` (and the
 * schema's "must be true or false" is left out); where it expects text, and in a list of
 * words, quoting keeps the word for both. Where nothing says which is meant (a field no schema
 * declares: `comments: no` on a blog), Jekyll's reading is offered, `false`, but never made
 * by fix-all: quoting would turn `comments: no` into the text "no", which Liquid takes as true.
 */
export const jekyllBoolean = defineRule({
  code: 'jekyll-boolean',
  severity: 'warning',
  description: '`yes`/`no`/`on`/`off`, read differently by Jekyll and by other tools.',
  severityReason: 'Warning: Jekyll reads it as meant; other tools read text.',
  layer: 'site',
  fix: 'safe',
  supersedes: ['wrong-type'],
  fixTitle: (replacement) =>
    replacement.startsWith('"') ? `Quote ${replacement}` : `Write \`${replacement}\``,
  check(context): Diagnostic[] {
    if (!someText(context, isBooleanWord, WITHOUT_BOOLEAN_WORDS)) return [];
    const { article } = context;
    const yaml = article.yaml;
    if (!yaml) return [];
    const result: Diagnostic[] = [];
    const expected = booleansTheSchemaExpects(context);
    forEachScalarOnce(
      yaml.contents,
      (node, key) => {
        // A tagged `!!str yes` is text to Jekyll too.
        if (node.type !== Scalar.PLAIN || node.tag || !node.range || typeof node.value !== 'string')
          return false;
        if (!YAML11_BOOLEAN.test(node.value)) return false;
        const asBoolean = expected.get(node.range[0]);
        const meaning = /^(?:yes|on)$/i.test(node.value);
        if (asBoolean === null) return true;
        if (!asBoolean && key !== undefined && !schemaExpectsText(context, node.range[0])) {
          result.push(
            diagnostic(
              jekyllBoolean,
              article.range(node.range[0], node.range[1]),
              `\`${key}: ${node.value}\` is ${meaning} to Jekyll but the text "${node.value}" to other YAML tools \u2014 write \`${meaning}\` if that is meant, or put it in quotes to keep the word`,
              { replacement: String(meaning), guess: true },
            ),
          );
          return true;
        }
        result.push(
          asBoolean
            ? diagnostic(
                jekyllBoolean,
                asBoolean.range,
                `\`${asBoolean.name}: ${node.value}\` is read as ${meaning} by Jekyll but as the text "${node.value}" by other YAML tools \u2014 write \`${meaning}\``,
                { replacement: String(meaning) },
              )
            : diagnostic(
                jekyllBoolean,
                article.range(node.range[0], node.range[1]),
                `Jekyll reads an unquoted \`${node.value}\` as ${meaning}, not as text \u2014 put it in quotes to keep the word`,
                { replacement: JSON.stringify(node.value) },
              ),
        );
        return true;
      },
      WITHOUT_YAML11_BOOLEANS,
    );
    return result;
  },
});

/** Whether the schema in effect describes the value at this offset as text (a declared type). */
function schemaExpectsText(context: ArticleContext, offset: number): boolean {
  const yaml = context.article.yaml;
  if (!context.schema || !yaml) return false;
  const declared = schemaAtPath(context.schema, nodeAtOffset(yaml, offset).path);
  const type = declared?.type;
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}

/**
 * The `yes`/`no` values where the schema expects `true` or `false`, by offset: the range and
 * name to report them with, or `null` where the YAML around them is misread (nothing is said).
 */
function booleansTheSchemaExpects(
  context: ArticleContext,
): Map<number, { range: Range; name: string } | null> {
  const found = new Map<number, { range: Range; name: string } | null>();
  const yaml = context.article.yaml;
  if (!yaml || context.schemaErrors().length === 0) return found;
  let misread: ReturnType<typeof misreading> | undefined;
  for (const error of reportedSchemaErrors(context)) {
    if (error.keyword !== 'type' || !String((error.params as { type: string }).type).includes('boolean'))
      continue;
    const path = parseInstancePath(error.instancePath);
    const place = nodeAtPath(yaml, path);
    const node = place?.node as Node | undefined;
    if (
      !isScalar(node) ||
      node.type !== Scalar.PLAIN ||
      node.tag ||
      !node.range ||
      typeof node.value !== 'string' ||
      !YAML11_BOOLEAN.test(node.value) ||
      found.has(node.range[0])
    )
      continue;
    const range = valueRange(context.article, node, place?.ownerKey);
    misread ??= misreading(context.article);
    found.set(node.range[0], misread.within(range) ? null : { range, name: fieldName(path) });
  }
  return found;
}
