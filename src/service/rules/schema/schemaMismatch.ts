import { defineRule } from '../rule';

/** Any other disagreement with the schema. Found by the schema check (`schemaFindings.ts`). */
export const schemaMismatch = defineRule({
  code: 'schema-mismatch',
  severity: 'error',
  description: 'Any other disagreement with the schema.',
  severityReason: 'Error: the value fits none of the shapes the layouts read.',
  layer: 'schema',
  fix: 'none',
});
