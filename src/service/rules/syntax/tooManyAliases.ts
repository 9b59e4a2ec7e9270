import { defineRule } from '../rule';

/** Aliases expanding to more than 100 values (an alias bomb). Found by reading the YAML (`reading.ts`). */
export const tooManyAliases = defineRule({
  code: 'too-many-aliases',
  severity: 'error',
  description: 'Aliases expanding to more than 100 values (an alias bomb).',
  severityReason: 'Error: the reader stops; the data is unusable.',
  layer: 'syntax',
  fix: 'none',
});
