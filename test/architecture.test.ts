import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..', 'src');
const SERVICE = path.join(SRC, 'service');

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) {
      if (name !== 'generated') found.push(...filesUnder(file));
    } else if (name.endsWith('.ts')) found.push(file);
  }
  return found;
}

/** The files a file imports for its code (`import type` only names types: nothing runs). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.{1,2}\/[^']+)'/gm)) {
    const target = path.resolve(path.dirname(file), match[1]);
    const candidate = `${target}.ts`;
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) found.push(candidate);
  }
  return found;
}

/**
 * The layers of the service, lowest first: a file may import its own layer or a lower one.
 * `types.ts` and `defaults.ts` are the service's vocabulary; `context.ts` is what the rules
 * and features share of one article; `index.ts` assembles the service.
 */
const LAYERS: Array<[name: string, test: (relative: string) => boolean]> = [
  ['util and types', (file) => file.startsWith('util/') || file === 'types.ts' || file === 'defaults.ts'],
  ['yaml', (file) => file.startsWith('yaml/')],
  ['schema', (file) => file.startsWith('schema/')],
  ['site', (file) => file.startsWith('site/')],
  ['context', (file) => file === 'context.ts'],
  ['rules', (file) => file.startsWith('rules/')],
  ['features', (file) => file.startsWith('features/')],
  ['index', (file) => file === 'index.ts'],
];
const layerOf = (file: string): number => {
  const relative = path.relative(SERVICE, file).split(path.sep).join('/');
  const index = LAYERS.findIndex(([, test]) => test(relative));
  assert.ok(index >= 0, `${relative} is in no layer of the service`);
  return index;
};

describe('the service is built in layers a newcomer can see', () => {
  const files = filesUnder(SERVICE);

  test('at most six files at its top, and at least four layer folders', () => {
    const top = readdirSync(SERVICE).filter((name) => name.endsWith('.ts'));
    assert.ok(top.length <= 6, `top-level files: ${top.join(', ')}`);
    const folders = readdirSync(SERVICE).filter((name) => statSync(path.join(SERVICE, name)).isDirectory());
    for (const layer of ['yaml', 'schema', 'site', 'rules', 'features'])
      assert.ok(folders.includes(layer), layer);
  });

  test('no import runs back up a layer', () => {
    const wrong: string[] = [];
    for (const file of files)
      for (const target of valueImports(file)) {
        if (!target.startsWith(SERVICE + path.sep)) {
          wrong.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)} (outside the service)`);
        } else if (layerOf(target) > layerOf(file)) {
          wrong.push(`${path.relative(SERVICE, file)} → ${path.relative(SERVICE, target)}`);
        }
      }
    assert.deepEqual(wrong, []);
  });

  test('no import cycle anywhere in src', () => {
    const all = filesUnder(SRC);
    const imports = new Map(all.map((file) => [file, valueImports(file)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        const from = trail.indexOf(file);
        cycles.push([...trail.slice(from), file].map((item) => path.relative(SRC, item)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of imports.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of all) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  test('no TypeScript file of src is over 650 lines', () => {
    const long = filesUnder(SRC)
      .map((file) => [path.relative(SRC, file), readFileSync(file, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 650);
    assert.deepEqual(long, []);
  });
});
