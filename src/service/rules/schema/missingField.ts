import { defineRule } from '../rule';

/** A required field is missing (on the parent key, or on the opening `---`). Found by the schema check (`schemaFindings.ts`). */
export const missingField = defineRule({
  code: 'missing-field',
  severity: 'error',
  description: 'A required field is missing (on the parent key, or on the opening `---`).',
  severityReason:
    'Error where a layout needs the field; a warning where the schema declares it a completeness cue (`"x-severity": "warning"`: `excerpt`, `topics`).',
  layer: 'schema',
  fix: 'safe',
});
