import { defineRule } from '../rule';

/** A schema named in the settings cannot be read, is broken, or is on the network. Found by the schema check (`schemaFindings.ts`). */
export const schemaUnavailable = defineRule({
  code: 'schema-unavailable',
  severity: 'error',
  description: 'A schema named in the settings cannot be read, is broken, or is on the network.',
  severityReason: 'Error: nothing can be checked until the schema is readable.',
  layer: 'schema',
  fix: 'none',
});
