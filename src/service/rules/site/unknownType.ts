import type { Diagnostic } from 'vscode-languageserver-types';
import { KNOWN_TYPES } from '../../schema/catalog';
import { closestName } from '../../util/suggestions';
import { scalarSource } from '../../yaml/nodes';
import { defineRule, diagnostic } from '../rule';
import { locate } from './helpers';

/** A `type` that no schema knows but that is close to one the site uses: a typo. */
export const unknownType = defineRule({
  code: 'unknown-type',
  severity: 'warning',
  description: 'A `type` close to a known one (`artcle`).',
  severityReason: 'Warning: the kind is guessed from the folder; the fix is certain.',
  layer: 'site',
  fix: 'safe',
  fields: ['type'],
  check(context): Diagnostic[] {
    const type = context.data.type;
    if (context.schemaLookup || typeof type !== 'string' || type in KNOWN_TYPES) return [];
    const suggestion = closestName(type, Object.keys(KNOWN_TYPES));
    const place = suggestion ? locate(context, ['type']) : undefined;
    if (!suggestion || !place) return [];
    return [
      diagnostic(
        unknownType,
        place.range,
        `Unknown content type \`${type}\` \u2014 did you mean \`${suggestion}\`?`,
        { replacement: scalarSource(place.node, suggestion) },
      ),
    ];
  },
});
