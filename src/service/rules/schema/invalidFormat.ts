import { defineRule } from '../rule';

/** A value without the expected form (dates, URLs, durations). Found by the schema check (`schemaFindings.ts`). */
export const invalidFormat = defineRule({
  code: 'invalid-format',
  severity: 'error',
  description: 'A value without the expected form (dates, URLs, durations).',
  layer: 'schema',
  fix: 'none',
});
