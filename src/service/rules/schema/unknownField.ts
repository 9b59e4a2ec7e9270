import { defineRule } from '../rule';

/** A field the schema does not know, with “did you mean”. Found by the schema check (`schemaFindings.ts`). */
export const unknownField = defineRule({
  code: 'unknown-field',
  severity: 'warning',
  description: 'A field the schema does not know, with “did you mean”.',
  severityReason: 'Warning: Jekyll keeps it and no layout reads it; usually a misspelt field.',
  layer: 'schema',
  fix: 'safe',
  fixTitle: (replacement) => `Rename to \`${replacement}\``,
  // Removing a field the schema does not know is never done without looking: fix-all must
  // not delete fields a writer may rely on.
  removal: { target: 'field', safety: 'unsafe', title: () => 'Remove this field' },
});
