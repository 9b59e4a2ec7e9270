import { defineRule } from '../rule';

/** A number below its minimum (`heat` below -1, say). Found by the schema check (`schemaFindings.ts`). */
export const outOfRange = defineRule({
  code: 'out-of-range',
  severity: 'error',
  description: 'A number below its minimum (`heat` below -1, say).',
  severityReason: 'Error: a number outside what the site’s tooling defines (`heat` below -1).',
  layer: 'schema',
  fix: 'none',
});
