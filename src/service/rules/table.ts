import type { Rule } from './rule';

/** Where the generated rule table starts and ends in the README. */
export const RULES_TABLE_MARKERS = {
  start: '<!-- rules-table:start (generated from src/service/rules/registry.ts by `npm run docs`) -->',
  end: '<!-- rules-table:end -->',
} as const;

/**
 * The README's table of rules, made from their declarations: code, default severity, what
 * its fix is, what it means, and why its severity is what it is (the audit of consequences).
 * `npm run docs` writes it; a test checks it is current.
 */
export function rulesTable(rules: readonly Rule[]): string {
  const lines = [
    '| code | default | fix | what it means | why this severity |',
    '| --- | --- | --- | --- | --- |',
  ];
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  for (const rule of rules) {
    const fix = rule.fix === 'none' ? '\u2013' : rule.fix;
    lines.push(
      `| \`${rule.code}\` | ${rule.severity} | ${fix} | ${cell(rule.description)} | ${cell(rule.severityReason ?? '\u2013')} |`,
    );
  }
  return lines.join('\n');
}
