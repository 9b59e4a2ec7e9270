import type { Rule } from './rule';

/** Where the generated rule table starts and ends in the README. */
export const RULES_TABLE_MARKERS = {
  start: '<!-- rules-table:start (generated from src/service/rules/registry.ts by `npm run docs`) -->',
  end: '<!-- rules-table:end -->',
} as const;

/**
 * The README's table of rules, made from their declarations: code, default severity, what
 * its fix is, and what it means. `npm run docs` writes it; a test checks it is current.
 */
export function rulesTable(rules: readonly Rule[]): string {
  const lines = ['| code | default | fix | what it means |', '| --- | --- | --- | --- |'];
  for (const rule of rules) {
    const fix = rule.fix === 'none' ? '\u2013' : rule.fix;
    lines.push(
      `| \`${rule.code}\` | ${rule.severity} | ${fix} | ${rule.description.replace(/\|/g, '\\|')} |`,
    );
  }
  return lines.join('\n');
}
