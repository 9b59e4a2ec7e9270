import type { Diagnostic } from 'vscode-languageserver-types';
import { Scalar } from 'yaml';
import type { ArticleContext } from '../../context';
import { schemaAtPath } from '../../schema/navigation';
import { forEachScalarAt, type PathSegment } from '../../yaml/nodes';
import { defineRule, diagnostic } from '../rule';

/**
 * What may be such a number, looked for in the text before any node is read: digits with a
 * leading zero or a point, alone as a value (after `: `, `- `, `[` or `,`, before the line's
 * end, a comment, `,`, `]` or `}`). Dates, times and numbers inside text do not match.
 */
const CANDIDATE = /(?:[:-][ \t]+|[[,{][ \t]*)([-+]?(?:0\d+|\d*\.\d+))(?=[ \t]*(?:[,\]}#\r\n]|$))/gm;
/** Fields of measures whose trailing zeros mean nothing (`lng: -74.0060`): never text to keep. */
const MEASURE = /^(?:lat|lng|lon|long|latitude|longitude|coords?|coordinates|geo|zoom)$/i;
/** A whole number written with leading zeros (`01234`, `007`). */
const LEADING_ZERO = /^[-+]?0\d+$/;
/** A decimal as YAML 1.1 and 1.2 both read it: digits, a point, digits (no exponent). */
const DECIMAL = /^[-+]?\d*\.\d+$/;

/**
 * A plain value that YAML reads as a number printed otherwise than written: `version: 1.10`
 * is the number 1.1, `zip: 01234` the number 1234 to YAML 1.2 tools and the octal 668 to
 * Jekyll (Ruby's YAML 1.1), `pi: 3.14159265358979323846` loses its last digits. What Jekyll
 * prints is Ruby's: `2.0` stays "2.0" and is not reported, `2.00` is. Where the schema says
 * the field is a number, the writer meant one: nothing is said; so too for coordinates
 * (`lng: -74.0060`), whose trailing zeros mean nothing. The fix quotes the value.
 */
export const numberLostDigits = defineRule({
  code: 'number-lost-digits',
  severity: 'warning',
  description:
    'An unquoted value that YAML reads as a number shown otherwise than written (`version: 1.10` is 1.1, `zip: 01234` loses its zero).',
  severityReason: 'Warning: the site builds, but the page shows another number than the one written.',
  layer: 'syntax',
  // Text lost in a `related` entry is lost from this file's own YAML, not only from the linked article.
  judgesRelatedCopies: true,
  fix: 'safe',
  supersedes: ['wrong-type'],
  fixTitle: (replacement) => `Put ${replacement} in quotes`,
  check(context): Diagnostic[] {
    const { article } = context;
    const block = article.block;
    if (!block) return [];
    const source = article.source;
    if (!someMisread(source)) return [];
    const yaml = article.yaml;
    if (!yaml || yaml.errors.length > 0) return [];
    const result: Diagnostic[] = [];
    forEachScalarAt(yaml.contents, (scalar, path) => {
      if (scalar.type !== Scalar.PLAIN || scalar.tag || !scalar.range || typeof scalar.value !== 'number')
        return;
      const written = source.slice(scalar.range[0], scalar.range[1]);
      const reading = misread(written);
      if (!reading || schemaSaysNumber(context, path)) return;
      const field = [...path].reverse().find((segment) => typeof segment === 'string');
      if (typeof field === 'string' && MEASURE.test(field) && !LEADING_ZERO.test(written)) return;
      const last = path.at(-1);
      const shown = typeof last === 'string' ? `\`${last}: ${written}\`` : `\`${written}\``;
      result.push(
        diagnostic(
          numberLostDigits,
          article.range(scalar.range[0], scalar.range[1]),
          `${shown} is read as ${reading} \u2014 put it in quotes to keep "${written}"`,
          { replacement: `"${written}"` },
        ),
      );
    });
    return result;
  },
});

/** Whether the text holds a value `misread` reports (quoted ones too: the nodes then tell). */
function someMisread(source: string): boolean {
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(source); match; match = CANDIDATE.exec(source))
    if (misread(match[1])) return true;
  return false;
}

/** How YAML reads a number written so, in words, when it is shown otherwise than written. */
function misread(written: string): string | undefined {
  if (LEADING_ZERO.test(written)) {
    const sign = written.startsWith('-') ? '-' : '';
    const digits = written.replace(/^[-+]/, '');
    const decimal = `${sign}${String(Number(digits))}`;
    // YAML 1.1 (Jekyll's Ruby) reads a leading 0 as octal where the digits allow it.
    if (/^0[0-7]+$/.test(digits)) {
      const octal = `${sign}${String(parseInt(digits, 8))}`;
      return octal === decimal
        ? `the number ${decimal}`
        : `the octal number ${octal} by Jekyll (YAML 1.1) and the number ${decimal} by other YAML tools`;
    }
    return `the number ${decimal} by YAML tools, without its leading zero`;
  }
  if (!DECIMAL.test(written)) return undefined;
  const value = Number(written);
  if (!Number.isFinite(value)) return undefined;
  const shown = rubyFloat(value);
  // `.5` shown as 0.5 and `+1.5` as 1.5 lose nothing.
  const normal = written.replace(/^\+/, '').replace(/^(-?)\./, '$10.');
  return shown === normal ? undefined : `the number ${shown}`;
}

/** A float as Ruby prints it (what Liquid shows): `1.1`, `2.0`, `1.0e-05`, `1.2345678901234568e+16`. */
export function rubyFloat(value: number): string {
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e16 || size < 1e-4)) {
    const [mantissa, exponent] = value.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[-+]/, '').padStart(2, '0');
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${sign}${digits}`;
  }
  if (Object.is(value, -0)) return '-0.0';
  return Number.isInteger(value) ? `${value.toFixed(0)}.0` : String(value);
}

/** Whether the schema in effect says the value at `path` is a number (and not text). */
function schemaSaysNumber(context: ArticleContext, path: readonly PathSegment[]): boolean {
  if (!context.schema) return false;
  const type = schemaAtPath(context.schema, path)?.type;
  const types = Array.isArray(type) ? type : [type];
  return types.some((item) => item === 'number' || item === 'integer') && !types.includes('string');
}
