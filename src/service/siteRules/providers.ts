import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnostic } from '../rules';
import { scalarSource } from '../yamlNodes';
import { hostOf, linkedEntries, locate, type SiteRule } from './context';

/**
 * A provider's `domain` must be the host of the entry's `webUrl` or a parent domain of it,
 * and its `name` what the site's catalogue calls that domain.
 */
export const providerRules: SiteRule = async (context) => {
  await context.site.load();
  const result: Diagnostic[] = [];
  for (const { path, entry } of linkedEntries(context.data)) {
    const provider = entry.provider;
    if (typeof provider !== 'object' || provider === null || Array.isArray(provider)) continue;
    const { domain, name } = provider as Record<string, unknown>;
    if (typeof domain !== 'string') continue;
    const host = hostOf(entry.webUrl);
    const wanted = domain.trim().toLowerCase();
    if (host && host !== wanted && !host.endsWith('.' + wanted)) {
      const place = locate(context, [...path, 'provider', 'domain']);
      if (place) {
        result.push(
          diagnostic(
            'provider-domain-mismatch',
            place.range,
            `\`provider.domain\` \`${domain}\` is not the host of \`webUrl\` (${host}) or a parent domain of it`,
            { replacement: scalarSource(place.node, host.replace(/^www\./, '')) },
          ),
        );
      }
      continue;
    }
    const known = context.site.organization(wanted);
    if (known && typeof name === 'string' && name.trim() !== known.name) {
      const place = locate(context, [...path, 'provider', 'name']);
      if (place) {
        result.push(
          diagnostic(
            'provider-name-mismatch',
            place.range,
            `The site\u2019s catalogue calls \`${known.domain}\` \u201c${known.name}\u201d, not \u201c${name}\u201d`,
            {
              replacement: scalarSource(place.node, known.name),
            },
          ),
        );
      }
    }
  }
  return result;
};
