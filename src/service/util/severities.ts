import type { RuleSeverity } from '../types';

/** The severity words the config file, the settings and `--rule` accept (`info` is short for `information`). */
export const SEVERITY_WORDS: Readonly<Record<string, RuleSeverity>> = {
  error: 'error',
  warning: 'warning',
  information: 'information',
  info: 'information',
  hint: 'hint',
  off: 'off',
};
