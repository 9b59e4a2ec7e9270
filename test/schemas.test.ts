import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import ucs2length from 'ajv/dist/runtime/ucs2length';
import textLength from '../src/service/util/textLength';
import { seededRandom } from './helpers';

const folder = path.resolve(__dirname, '../schemas');
const schemas = Object.fromEntries(
  readdirSync(folder)
    .filter((name) => name.endsWith('.schema.json') && !name.startsWith('article-frontmatter.'))
    .map((name) => [
      name,
      JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as Record<string, unknown>,
    ]),
);

type Json = Record<string, unknown>;

/** Every property schema of a schema, following local `$ref`s, with its path. */
function properties(schema: Json, root: Json, at = ''): Array<[string, Json]> {
  const found: Array<[string, Json]> = [];
  const resolve = (node: Json): Json =>
    typeof node.$ref === 'string' ? resolve(pointer(root, node.$ref)) : node;
  const visit = (node: Json, where: string, seen: Set<Json>) => {
    const target = resolve(node);
    if (seen.has(target)) return;
    seen.add(target);
    for (const [name, child] of Object.entries((target.properties as Record<string, Json>) ?? {})) {
      found.push([`${where}.${name}`, resolve(child)]);
      visit(child, `${where}.${name}`, new Set(seen));
    }
    if (target.items && typeof target.items === 'object')
      visit(target.items as Json, `${where}[]`, new Set(seen));
  };
  visit(schema, at, new Set());
  return found;
}

function pointer(root: Json, ref: string): Json {
  assert.ok(ref.startsWith('#/'), `only local $refs: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce<Json>((node, part) => node[part] as Json, root);
}

describe('the bundled schemas', () => {
  it('are the seven kinds of content', () => {
    assert.deepEqual(Object.keys(schemas).sort(), [
      'article.schema.json',
      'collection.schema.json',
      'course.schema.json',
      'event.schema.json',
      'organization.schema.json',
      'profile.schema.json',
      'video.schema.json',
    ]);
  });

  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name} compiles in ajv's strict mode, with local $refs only`, () => {
      // Our two annotations (`x-severity`, `x-rule`: the consequence of a constraint) are the
      // only keywords strict mode does not know: another tool declares them, or runs non-strict.
      const strict = new Ajv({ strict: true, allErrors: true });
      strict.addKeyword('x-severity');
      strict.addKeyword('x-rule');
      strict.compile(schema);
      const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
      assert.ok(
        refs.every((ref) => ref.startsWith('"$ref":"#/')),
        refs.join(' '),
      );
    });

    it(`${name}: every field has a description, and every example is valid`, () => {
      const ajv = new Ajv({ strict: false });
      for (const [where, property] of properties(schema, schema)) {
        assert.equal(typeof property.description, 'string', `${name}${where} has no description`);
        for (const example of (property.examples as unknown[]) ?? []) {
          const check = ajv.compile({ ...property, $defs: schema.$defs });
          assert.ok(check(example), `${name}${where}: example ${JSON.stringify(example)} is invalid`);
        }
      }
    });
  }

  it('share their common parts word for word', () => {
    const definitions = new Map<string, string>();
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [key, value] of Object.entries((schema.$defs as Json) ?? {})) {
        const text = JSON.stringify(value);
        const before = definitions.get(key);
        assert.ok(
          before === undefined || before === text,
          `$defs.${key} in ${name} differs from another schema's`,
        );
        definitions.set(key, text);
      }
    }
    assert.ok(definitions.has('provider') && definitions.has('image') && definitions.has('related'));
  });
});

describe('textLength, the bundles’ stand-in for ajv’s ucs2length', () => {
  it('counts as ajv counts: plain, accented, emoji, CJK, lone and reversed surrogates', () => {
    const samples = [
      '',
      'Azure',
      'Café au lait',
      '😀 launch 🚀',
      '云计算',
      '\uD83D',
      'a\uDE00b',
      '\uDE00\uD83D',
      'x\uD83D\uDE00\uD83D',
    ];
    const next = seededRandom(11);
    const pieces = ['a', ' ', 'é', '😀', '\uD83D', '\uDE00', '云', '\n'];
    for (let i = 0; i < 300; i++) {
      let text = '';
      for (let n = Math.floor(next() * 12); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
      samples.push(text);
    }
    for (const text of samples) assert.equal(textLength(text), ucs2length(text), JSON.stringify(text));
  });
});
