import { defineRule } from '../rule';

/** A line indented with a tab; YAML needs spaces. Found by reading the YAML (`reading.ts`). */
export const tabIndentation = defineRule({
  code: 'tab-indentation',
  severity: 'error',
  description: 'A line indented with a tab; YAML needs spaces.',
  layer: 'syntax',
  fix: 'safe',
});
