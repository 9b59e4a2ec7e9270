import type { ArticleContext } from '../context';

/**
 * The hover of the front matter's opening `---`: the fields the file takes from `_config.yml`'s
 * `defaults`, each with its value and the scope that gives it (a field absent from the file has
 * no line of its own to hover). None when no default applies.
 * @param code shows a value from the files as an inline code span, escaped.
 */
export function defaultsHover(context: ArticleContext, code: (value: string) => string): string | undefined {
  if (context.defaulted.size === 0) return undefined;
  const lines = ['**From `_config.yml` `defaults`** (the file does not set these):', ''];
  for (const [key, { value, scope }] of context.defaulted) {
    const where = [
      scope.path === '' ? 'every path' : `path ${code(scope.path)}`,
      scope.type === undefined ? undefined : `type ${code(scope.type)}`,
    ].filter((part) => part !== undefined);
    lines.push(`- ${code(key)}: ${code(shown(value))} \u2014 scope: ${where.join(', ')}`);
  }
  return lines.join('\n');
}

/** A value as one line: text as it is, anything else as JSON. */
function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
