import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../../context';
import { scalarSource } from '../../yaml/nodes';
import { defineRule, diagnostic } from '../rule';
import { locate, providerEntries } from './helpers';

/**
 * A provider's `name` is what the site's catalogue calls its `domain` (checked only where the
 * domain itself is right: a wrong domain is `provider-domain-mismatch`'s, and its fix sets both).
 */
export const providerNameMismatch = defineRule({
  code: 'provider-name-mismatch',
  severity: 'warning',
  description: 'The provider’s name differs from the catalogue’s for its domain.',
  layer: 'site',
  fix: 'safe',
  fixTitle: (replacement) => `Use the catalogue\u2019s name ${replacement}`,
  fields: ['provider', 'related'],
  check(context): Diagnostic[] | Promise<Diagnostic[]> {
    return context.site.whenLoaded(() => checkNames(context));
  },
});

function checkNames(context: ArticleContext): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const { path, domain, name, domainMatches } of providerEntries(context)) {
    if (!domainMatches || typeof name !== 'string') continue;
    const known = context.site.organization(domain.trim().toLowerCase());
    if (!known || name.trim() === known.name) continue;
    const place = locate(context, [...path, 'provider', 'name']);
    if (!place) continue;
    result.push(
      diagnostic(
        providerNameMismatch,
        place.range,
        `The site\u2019s catalogue calls \`${known.domain}\` \u201c${known.name}\u201d, not \u201c${name}\u201d`,
        { replacement: scalarSource(place.node, known.name) },
      ),
    );
  }
  return result;
}
