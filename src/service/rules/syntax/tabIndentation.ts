import { defineRule } from '../rule';

/** A line indented with a tab; YAML needs spaces. Found by reading the YAML (`reading.ts`). */
export const tabIndentation = defineRule({
  code: 'tab-indentation',
  severity: 'error',
  description: 'A line indented with a tab; YAML needs spaces.',
  severityReason: 'Error: YAML cannot read a tab as indentation; Jekyll fails on the file.',
  layer: 'syntax',
  fix: 'safe',
});
