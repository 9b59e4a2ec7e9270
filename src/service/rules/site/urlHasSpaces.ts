import type { Diagnostic } from 'vscode-languageserver-types';
import { defineRule, diagnostic } from '../rule';
import { forEachScalarOnce, nodeSpan, scalarSource } from '../../yaml/nodes';
import { someText } from './helpers';

const URL_KEY = /(?:url|website)$/i;

/** Lists and mappings known to hold no URL with spaces (kept across versions). */
const WITHOUT_SPACED_URLS = new WeakSet<object>();
/** Values known to hold no web address with spaces, whatever their key. */
const WITHOUT_SPACED_ADDRESSES = new WeakSet<object>();
/**
 * A web address with blanks inside (not only around it), in one expression: most text fails
 * at its first letter, and nothing is trimmed or copied. `\s` is what `trim` removes.
 */
const SPACED_ADDRESS = /^\s*https?:\/\/\S*\s+\S/i;
export const isSpacedAddress = (text: string): boolean => SPACED_ADDRESS.test(text);

/** URLs with unencoded spaces: browsers open them, other tools may not; offer `%20`. */
export const urlHasSpaces = defineRule({
  code: 'url-has-spaces',
  severity: 'warning',
  description: 'A URL with unencoded spaces (browsers open it, so not an error).',
  severityReason:
    'Warning: browsers open it, other tools cut it short; the fix is certain. Inside a `related` copy, reported on the article it copies when that is on the site.',
  layer: 'site',
  fix: 'safe',
  fixTitle: () => 'Encode the spaces as `%20`',
  check(context): Diagnostic[] {
    if (!someText(context, isSpacedAddress, WITHOUT_SPACED_ADDRESSES)) return [];
    const { article } = context;
    const yaml = article.yaml;
    if (!yaml) return [];
    const result: Diagnostic[] = [];
    forEachScalarOnce(
      yaml.contents,
      (value, key) => {
        if (key === undefined || typeof value.value !== 'string' || !URL_KEY.test(key)) return false;
        if (!isSpacedAddress(value.value)) return false;
        const text = value.value.trim();
        const span = nodeSpan(value);
        if (!span) return true;
        const encoded = text.replace(/\s/g, (space) => (space === ' ' ? '%20' : encodeURIComponent(space)));
        result.push(
          diagnostic(
            urlHasSpaces,
            article.range(span[0], span[1]),
            'This URL has unencoded spaces: browsers open it, but other tools may cut it short \u2014 write them as `%20`',
            { replacement: scalarSource(value, encoded) },
          ),
        );
        return true;
      },
      WITHOUT_SPACED_URLS,
    );
    return result;
  },
});
