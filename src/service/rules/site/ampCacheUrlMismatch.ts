import type { Diagnostic } from 'vscode-languageserver-types';
import { defineRule, diagnostic } from '../rule';
import { scalarSource } from '../../yaml/nodes';
import { linkedEntries, locate } from './helpers';

/**
 * The AMP cache URL of an AMP page: the host with `-` doubled and `.` turned into `-`,
 * under `cdn.ampproject.org`, then `/c/s/` (HTTPS) or `/c/` and the AMP URL without its scheme.
 */
export function ampCacheUrl(ampUrl: string): string | undefined {
  const match = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(ampUrl.trim());
  if (!match) return undefined;
  const [, scheme, host, rest] = match;
  const cacheHost = host.toLowerCase().replace(/-/g, '--').replace(/\./g, '-');
  return `https://${cacheHost}.cdn.ampproject.org/c/${scheme.toLowerCase() === 'https' ? 's/' : ''}${host}${rest}`;
}

/** `cdnAmpWebUrl` must be the AMP cache URL derived from `ampWebUrl`. */
export const ampCacheUrlMismatch = defineRule({
  code: 'amp-cache-url-mismatch',
  severity: 'warning',
  description: '`cdnAmpWebUrl` is not the AMP cache URL of `ampWebUrl`.',
  severityReason:
    'Warning: the AMP link goes nowhere; derived, so the fix is certain (no exception in 53 633 real pairs).',
  layer: 'site',
  fix: 'safe',
  fixTitle: () => 'Set `cdnAmpWebUrl` from `ampWebUrl`',
  fields: ['ampWebUrl', 'cdnAmpWebUrl'],
  check(context): Diagnostic[] {
    const result: Diagnostic[] = [];
    for (const { path, entry } of linkedEntries(context.data)) {
      if (typeof entry.ampWebUrl !== 'string' || typeof entry.cdnAmpWebUrl !== 'string') continue;
      const expected = ampCacheUrl(entry.ampWebUrl);
      if (!expected || expected === entry.cdnAmpWebUrl.trim()) continue;
      const place = locate(context, [...path, 'cdnAmpWebUrl']);
      if (place) {
        result.push(
          diagnostic(
            ampCacheUrlMismatch,
            place.range,
            `\`cdnAmpWebUrl\` should be the AMP cache URL of \`ampWebUrl\`: ${expected}`,
            {
              replacement: scalarSource(place.node, expected),
            },
          ),
        );
      }
    }
    return result;
  },
});
