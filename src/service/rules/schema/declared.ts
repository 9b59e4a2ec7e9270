import type { ErrorObject } from 'ajv';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../../types';
import { resolveSchema } from '../../schema/navigation';
import { isRecord } from '../../util/records';
import { toSeverity, type DiagnosticData, type Rule } from '../rule';

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint']);

/**
 * What the schema declares about the consequence of one of its constraints, on the field
 * that holds it (for a missing field, on that field's own schema):
 * - `"x-rule": "<code>"` reports it as that rule (its code, default severity and fix:
 *   `duration-format` on `length`);
 * - `"x-severity": "warning"` keeps the usual code at that severity (an empty `excerpt` is
 *   a completeness cue, not a broken page).
 * A declaration in the schema, not a list of field names in code; other schemas work alike.
 */
export function withDeclaredConsequence(
  found: Diagnostic,
  error: ErrorObject,
  root: unknown,
  rules: ReadonlyMap<string, Rule>,
): Diagnostic {
  const field = declaringSchema(error, root);
  if (!field) return found;
  const named = field['x-rule'];
  const rule = typeof named === 'string' ? rules.get(named) : undefined;
  if (rule && rule.layer === 'schema') {
    const result: Diagnostic = { ...found, code: rule.code, severity: toSeverity(rule.severity) };
    const replacement = rule.replacementFor?.(error.data);
    if (replacement !== undefined) result.data = { ...(found.data as DiagnosticData), replacement };
    return result;
  }
  const severity = field['x-severity'];
  if (typeof severity === 'string' && SEVERITIES.has(severity))
    return { ...found, severity: toSeverity(severity as Exclude<RuleSeverity, 'off'>) };
  return found;
}

/** The schema of the field a finding is about: where the keyword is, or the missing field's own. */
function declaringSchema(error: ErrorObject, root: unknown): Record<string, unknown> | undefined {
  const parent = error.parentSchema;
  if (!isRecord(parent)) return undefined;
  if (error.keyword !== 'required') return parent;
  const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
  const property = isRecord(parent.properties) ? parent.properties[missing] : undefined;
  return isRecord(root) && isRecord(property) ? resolveSchema(root, property) : undefined;
}
