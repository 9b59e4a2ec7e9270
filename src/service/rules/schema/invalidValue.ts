import { defineRule } from '../rule';

/** A value outside the allowed ones (`type`, `category`, `levels`), with “did you mean”. Found by the schema check (`schemaFindings.ts`). */
export const invalidValue = defineRule({
  code: 'invalid-value',
  severity: 'error',
  description: 'A value outside the allowed ones (`type`, `category`, `levels`), with “did you mean”.',
  severityReason:
    'Error: `type` and `category` decide the layout and the listing; another value breaks both.',
  layer: 'schema',
  fix: 'safe',
});
