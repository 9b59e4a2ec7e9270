import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnostic } from '../rule';
import { scalarSource } from '../../yaml/nodes';
import type { ContentKind } from '../../schema/catalog';
import type { Organization } from '../../site/taxonomy';
import { hostOf } from '../../util/uri';
import { linkedEntries, locate, type RuleContext, type SiteRule } from './context';

/**
 * A provider's `domain` must be the host of the entry's `webUrl` or a parent domain of it,
 * and its `name` what the site's catalogue calls that domain.
 */
export const providerRules: SiteRule = (context) => context.site.whenLoaded(() => checkProviders(context));

const LEARNING_KINDS: ReadonlySet<ContentKind> = new Set(['video', 'course', 'collection']);

function checkProviders(context: RuleContext): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const { path, entry } of linkedEntries(context.data)) {
    // A learning item's own webUrl is its page on this site, and its content is elsewhere
    // (originalUrl: a video platform that hosts every provider): no URL of its own names the
    // provider's domain. Its related entries are news, and are checked.
    if (path.length === 0 && context.kind !== undefined && LEARNING_KINDS.has(context.kind)) continue;
    const provider = entry.provider;
    if (typeof provider !== 'object' || provider === null || Array.isArray(provider)) continue;
    const { domain, name } = provider as Record<string, unknown>;
    if (typeof domain !== 'string') continue;
    const host = hostOf(entry.webUrl);
    const wanted = domain.trim().toLowerCase();
    if (host && host !== wanted && !host.endsWith('.' + wanted)) {
      const place = locate(context, [...path, 'provider', 'domain']);
      if (place) {
        // The catalogue's provider for the webUrl's host (or a parent domain), when it has one.
        const catalogued = catalogueEntryFor(context, host);
        result.push(
          diagnostic(
            'provider-domain-mismatch',
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
}

/** The catalogue entry of a host or of its nearest parent domain (`news.contoso.com` → `contoso.com`). */
function catalogueEntryFor(context: Parameters<SiteRule>[0], host: string): Organization | undefined {
  const labels = host.split('.');
  for (let index = 0; index < labels.length - 1; index++) {
    const found = context.site.organization(labels.slice(index).join('.'));
    if (found) return found;
  }
  return undefined;
}
