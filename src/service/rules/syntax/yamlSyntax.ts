import { defineRule } from '../rule';

/** The YAML cannot be read; an unclosed `[`, `{` or quote is marked where it opens. Found by reading the YAML (`reading.ts`). */
export const yamlSyntax = defineRule({
  code: 'yaml-syntax',
  severity: 'error',
  description: 'The YAML cannot be read; an unclosed `[`, `{` or quote is marked where it opens.',
  severityReason: 'Error: Jekyll cannot read the YAML; the page is built without its fields or not at all.',
  layer: 'syntax',
  fix: 'safe',
});
