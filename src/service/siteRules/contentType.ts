import { diagnostic } from '../rules';
import { KNOWN_TYPES } from '../schemaCatalog';
import { closestName } from '../suggestions';
import { scalarSource } from '../yamlNodes';
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
