import { defineRule } from '../rule';

/** A value outside the allowed ones (`type`, `category`, `levels`), with “did you mean”. Found by the schema check (`schemaFindings.ts`). */
export const invalidValue = defineRule({
  code: 'invalid-value',
  severity: 'error',
  description: 'A value outside the allowed ones (`type`, `category`, `levels`), with “did you mean”.',
  layer: 'schema',
  fix: 'safe',
});
