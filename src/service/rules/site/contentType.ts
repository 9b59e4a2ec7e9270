import { diagnostic } from '../rule';
import { KNOWN_TYPES } from '../../schema/catalog';
import { closestName } from '../../util/suggestions';
import { scalarSource } from '../../yaml/nodes';
import { locate, type SiteRule } from './context';

/** A `type` that no schema knows but that is close to one the site uses: a typo. */
export const contentTypeRules: SiteRule = (context) => {
  const type = context.data.type;
  if (context.schemaApplied || typeof type !== 'string' || type in KNOWN_TYPES) return [];
  const suggestion = closestName(type, Object.keys(KNOWN_TYPES));
  const place = suggestion ? locate(context, ['type']) : undefined;
  if (!suggestion || !place) return [];
  return [
    diagnostic(
      'unknown-type',
      place.range,
      `Unknown content type \`${type}\` \u2014 did you mean \`${suggestion}\`?`,
      {
        replacement: scalarSource(place.node, suggestion),
      },
    ),
  ];
};
