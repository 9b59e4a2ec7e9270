import { defineRule } from '../rule';

/** An empty `title` or list that must not be empty. Found by the schema check (`schemaFindings.ts`). */
export const emptyValue = defineRule({
  code: 'empty-value',
  severity: 'error',
  description: 'An empty `title` or list that must not be empty.',
  layer: 'schema',
  fix: 'none',
});
