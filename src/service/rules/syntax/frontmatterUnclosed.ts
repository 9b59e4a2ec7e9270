import { defineRule } from '../rule';

/** The front matter opens with `---` but never closes (reported on the opening line). Found by reading the YAML (`reading.ts`). */
export const frontmatterUnclosed = defineRule({
  code: 'frontmatter-unclosed',
  severity: 'error',
  description: 'The front matter opens with `---` but never closes (reported on the opening line).',
  layer: 'syntax',
  fix: 'none',
});
