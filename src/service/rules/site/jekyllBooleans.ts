import type { Diagnostic } from 'vscode-languageserver-types';
import { Scalar } from 'yaml';
import { diagnostic } from '../rule';
import { YAML11_BOOLEAN } from '../schema/schemaFindings';
import { forEachScalarOnce } from '../../yaml/nodes';
import { someText, type SiteRule } from './context';

/**
 * Unquoted `yes`/`no`/`on`/`off` where text is expected: Jekyll (YAML 1.1) reads them as
 * `true`/`false`, other tools (YAML 1.2) as text. Quoting keeps the text for both.
 * Where the schema expects a boolean, the schema check has already said so.
 */
/** Lists and mappings known to hold no unquoted `yes`/`no`/`on`/`off` (kept across versions). */
const WITHOUT_YAML11_BOOLEANS = new WeakSet<object>();
/** Values known to hold no `yes`/`no`/`on`/`off` at all, quoted or not. */
const WITHOUT_BOOLEAN_WORDS = new WeakSet<object>();
// `yes`, `no`, `on`, `off`: two or three letters, tested before the expression.
const isBooleanWord = (text: string): boolean => text.length <= 3 && YAML11_BOOLEAN.test(text);

export const jekyllBooleanRules: SiteRule = (context) => {
  if (!someText(context, isBooleanWord, WITHOUT_BOOLEAN_WORDS)) return [];
  const { article, reportedBooleans } = context;
  const yaml = article.yaml;
  if (!yaml) return [];
  const result: Diagnostic[] = [];
  forEachScalarOnce(
    yaml.contents,
    (node) => {
      // A tagged `!!str yes` is text to Jekyll too.
      if (node.type !== Scalar.PLAIN || node.tag || !node.range || typeof node.value !== 'string')
        return false;
      if (!YAML11_BOOLEAN.test(node.value)) return false;
      if (reportedBooleans.has(node.range[0])) return true;
      const meaning = /^(?:yes|on)$/i.test(node.value);
      result.push(
        diagnostic(
          'jekyll-boolean',
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
};
