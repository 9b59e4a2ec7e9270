import { defineRule } from '../rule';

/** A required field is missing (on the parent key, or on the opening `---`). Found by the schema check (`schemaFindings.ts`). */
export const missingField = defineRule({
  code: 'missing-field',
  severity: 'error',
  description: 'A required field is missing (on the parent key, or on the opening `---`).',
  layer: 'schema',
  fix: 'safe',
});
