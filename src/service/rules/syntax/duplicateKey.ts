import { defineRule } from '../rule';

/** A field written twice (Jekyll keeps only the last). Found by reading the YAML (`reading.ts`). */
export const duplicateKey = defineRule({
  code: 'duplicate-key',
  severity: 'error',
  description: 'A field written twice (Jekyll keeps only the last).',
  severityReason: 'Error: one of the two values is silently lost; which one the writer meant is unknowable.',
  layer: 'syntax',
  fix: 'safe',
  removal: {
    target: 'earlier-copy',
    safety: 'safe',
    title: (field) => `Remove the earlier \`${field}\` (Jekyll ignores it)`,
  },
});
