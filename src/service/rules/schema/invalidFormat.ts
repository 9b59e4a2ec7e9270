import { defineRule } from '../rule';

/** A value without the expected form (dates, URLs, durations). Found by the schema check (`schemaFindings.ts`). */
export const invalidFormat = defineRule({
  code: 'invalid-format',
  severity: 'error',
  description: 'A value without the expected form (dates, URLs, durations).',
  severityReason:
    'Error: a date or URL a page cannot use (sorting, links). Durations in words are `duration-format`.',
  layer: 'schema',
  fix: 'none',
});
