import type { Diagnostic } from 'vscode-languageserver-types';
import type { ArticleContext } from '../../context';
import type { Organization } from '../../site/taxonomy';
import { scalarSource } from '../../yaml/nodes';
import { defineRule, diagnostic } from '../rule';
import { locate, providerEntries } from './helpers';

/**
 * A provider's `domain` must be the host of the entry's `webUrl` or a parent domain of it. The
 * fix takes the provider from the site's catalogue for that host when it has one (name,
 * domain and logos), else writes the host as the domain.
 */
export const providerDomainMismatch = defineRule({
  code: 'provider-domain-mismatch',
  severity: 'warning',
  description: '`provider.domain` is neither the host of `webUrl` nor a parent domain of it.',
  severityReason: 'Warning: the provider’s logo and link are wrong; the catalogue gives the fix.',
  layer: 'site',
  fix: 'safe',
  fields: ['provider', 'related'],
  check(context): Diagnostic[] | Promise<Diagnostic[]> {
    return context.site.whenLoaded(() => checkDomains(context));
  },
});

function checkDomains(context: ArticleContext): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const { path, domain, host, domainMatches } of providerEntries(context)) {
    if (domainMatches || !host) continue;
    const place = locate(context, [...path, 'provider', 'domain']);
    if (!place) continue;
    const catalogued = catalogueEntryFor(context, host);
    result.push(
      diagnostic(
        providerDomainMismatch,
        place.range,
        `\`provider.domain\` \`${domain}\` is not the host of \`webUrl\` (${host}) or a parent domain of it`,
        {
          replacement: scalarSource(place.node, catalogued?.domain ?? host.replace(/^www\./, '')),
          ...(catalogued && {
            provider: {
              name: catalogued.name,
              domain: catalogued.domain,
              images: catalogued.images.map(({ url, width, height }) => ({ url, width, height })),
            },
          }),
        },
      ),
    );
  }
  return result;
}

/** The catalogue entry of a host or of its nearest parent domain (`news.contoso.com` → `contoso.com`). */
function catalogueEntryFor(context: ArticleContext, host: string): Organization | undefined {
  const labels = host.split('.');
  for (let index = 0; index < labels.length - 1; index++) {
    const found = context.site.organization(labels.slice(index).join('.'));
    if (found) return found;
  }
  return undefined;
}
