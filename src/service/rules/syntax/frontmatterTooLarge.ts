import { defineRule } from '../rule';

/** Front matter over 512 KiB (3.6 times the largest real one) is not checked. Found by reading the YAML (`reading.ts`). */
export const frontmatterTooLarge = defineRule({
  code: 'frontmatter-too-large',
  severity: 'warning',
  description: 'Front matter over 512 KiB (3.6 times the largest real one) is not checked.',
  severityReason: 'Warning: not a fault of the article, only a limit of this checker.',
  layer: 'syntax',
  fix: 'none',
});
