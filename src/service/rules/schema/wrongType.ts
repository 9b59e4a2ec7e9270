import { defineRule } from '../rule';

/** A value of the wrong kind: text where a number is expected, and so on. Found by the schema check (`schemaFindings.ts`). */
export const wrongType = defineRule({
  code: 'wrong-type',
  severity: 'error',
  description: 'A value of the wrong kind: text where a number is expected, and so on.',
  severityReason: 'Error: a layout gets a value it cannot use (a text where it computes with a number).',
  layer: 'schema',
  fix: 'safe',
});
