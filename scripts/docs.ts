// Writes the README's rule table from the rule registry (`npm run docs`); test/docs.test.ts
// fails when the README's table is not the one this would write.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import { BUILT_IN_RULES } from '../src/service/rules/registry';
import { rulesTable, RULES_TABLE_MARKERS } from '../src/service/rules/table';

const file = path.join(__dirname, '..', 'README.md');
const text = readFileSync(file, 'utf8');
const start = text.indexOf(RULES_TABLE_MARKERS.start);
const end = text.indexOf(RULES_TABLE_MARKERS.end);
if (start < 0 || end < start) throw new Error('README.md has no rule table markers');
const updated =
  text.slice(0, start + RULES_TABLE_MARKERS.start.length) +
  '\n\n' +
  rulesTable(BUILT_IN_RULES) +
  '\n\n' +
  text.slice(end);
if (updated !== text) writeFileSync(file, updated);
console.log(updated === text ? 'README.md: the rule table is current' : 'README.md: rule table written');

// The team configuration's schema lists the rule codes, each with its meaning and default.
const configFile = path.join(__dirname, '..', 'schemas', 'article-frontmatter.config.schema.json');
const configText = readFileSync(configFile, 'utf8');
const config = JSON.parse(configText) as {
  properties: { rules: { propertyNames: { enum: string[] }; properties: Record<string, unknown> } };
};
const severities = ['error', 'warning', 'information', 'info', 'hint', 'off'];
config.properties.rules.propertyNames.enum = BUILT_IN_RULES.map((rule) => rule.code);
config.properties.rules.properties = Object.fromEntries(
  BUILT_IN_RULES.map((rule) => [
    rule.code,
    { type: 'string', enum: severities, description: `${rule.description} (default: ${rule.severity})` },
  ]),
);
void format(JSON.stringify(config), { parser: 'json', printWidth: 110 }).then((formatted) => {
  if (formatted !== configText) writeFileSync(configFile, formatted);
  console.log(
    formatted === configText
      ? 'schemas/article-frontmatter.config.schema.json: the rule codes are current'
      : 'schemas/article-frontmatter.config.schema.json: rule codes written',
  );
});
