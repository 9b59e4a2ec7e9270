import { defineRule } from '../rule';

/** Any other disagreement with the schema. Found by the schema check (`schemaFindings.ts`). */
export const schemaMismatch = defineRule({
  code: 'schema-mismatch',
  severity: 'error',
  description: 'Any other disagreement with the schema.',
  layer: 'schema',
  fix: 'none',
});
