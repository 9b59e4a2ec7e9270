import { defineRule } from '../rule';

/** The front matter opens with `---` but never closes (reported on the opening line). Found by reading the YAML (`reading.ts`). */
export const frontmatterUnclosed = defineRule({
  code: 'frontmatter-unclosed',
  severity: 'error',
  description: 'The front matter opens with `---` but never closes (reported on the opening line).',
  severityReason: 'Error: Jekyll reads no front matter at all, the page loses every field.',
  layer: 'syntax',
  fix: 'none',
});
