import { defineRule } from '../rule';

/**
 * An `# article-frontmatter-disable…` comment naming a code it silences nothing of (found where
 * the suppressions are read: `rules/suppressions.ts`). A hint: the comment harms nothing, but a
 * stale one would hide the next real problem.
 */
export const unusedSuppression = defineRule({
  code: 'unused-suppression',
  severity: 'hint',
  description:
    'An `# article-frontmatter-disable-next-line` or `# article-frontmatter-disable` comment naming a code it silences nothing of.',
  severityReason: 'Hint: it harms nothing, but a stale comment would hide the next real problem.',
  layer: 'syntax',
  fix: 'none',
});
