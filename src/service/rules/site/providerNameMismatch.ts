import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../../context';
import { closestName } from '../../util/suggestions';
import { scalarSource } from '../../yaml/nodes';
import { defineRule, diagnostic } from '../rule';
import { locate, providerEntries } from './helpers';

/**
 * A provider's `name` is a slip of what the site's catalogue calls its `domain`: a typo or
 * another case (checked only where the domain itself is right: a wrong domain is
 * `provider-domain-mismatch`'s, and its fix sets both). Another name altogether ("Wall Street
 * Journal" where the catalogue says "WSJ") is the writer's choice, which real sites publish.
 */
export const providerNameMismatch = defineRule({
  code: 'provider-name-mismatch',
  severity: 'warning',
  description:
    'The provider’s name is a misspelling (or another case) of the catalogue’s name for its domain.',
  severityReason:
    'A warning, for a typo only: the page shows the name as written. Another name for the same provider (“Wall Street Journal” for “WSJ”, 179 times in one month of a real site) is an editorial choice and not reported.',
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
    if (!known || closestName(name.trim(), [known.name]) === undefined) continue;
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
