import { defineRule } from '../rule';

/** An empty `title` or list that must not be empty. Found by the schema check (`schemaFindings.ts`). */
export const emptyValue = defineRule({
  code: 'empty-value',
  severity: 'error',
  description: 'An empty `title` or list that must not be empty.',
  severityReason:
    'Error where a layout needs the value (`title`, a provider’s `name`); a warning where the schema declares it a completeness cue (`"x-severity": "warning"`: `excerpt`, `topics`, `author`, `price`, `location`; 190 real articles have an empty `excerpt`).',
  layer: 'schema',
  fix: 'none',
});
