import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { readFastValues } from '../src/service/yaml/fastValues';
import { parseFastYaml } from '../src/service/yaml/fastYaml';
import { assertValuesReaderAgrees } from './robustnessHelpers';
import { locateFrontMatter } from '../src/service/yaml/frontMatter';

const CORPUS = process.env.ARTICLE_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');

function frontMatters(folder: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...frontMatters(full));
    else if (/\.(md|txt)$/.test(entry.name)) {
      const text = readFileSync(full, 'utf8');
      const block = locateFrontMatter(text);
      if (block) found.push([full, text.slice(block.contentStart, block.contentEnd)]);
    }
  }
  return found;
}

/** Both trees, node by node: same kinds, same values, same ranges (value start and end). */
function assertSameTree(fast: unknown, full: unknown, where = ''): void {
  if (isPair(full)) {
    assert.ok(isPair(fast), where);
    assertSameTree(fast.key, full.key, `${where}.key`);
    assertSameTree(fast.value, full.value, `${where}.value`);
    return;
  }
  const a = fast as Node;
  const b = full as Node;
  assert.equal(a?.constructor.name, b?.constructor.name, where);
  assert.deepEqual(a.range?.slice(0, 2), b.range?.slice(0, 2), `${where} range`);
  if (isScalar(b)) {
    assert.ok(isScalar(a));
    assert.deepEqual(a.value, b.value, where);
    assert.equal(a.type, b.type, `${where} type`);
  } else if (isMap(b) || isSeq(b)) {
    const items = (a as unknown as { items: unknown[] }).items;
    assert.equal(items.length, b.items.length, `${where} items`);
    b.items.forEach((item, index) => assertSameTree(items[index], item, `${where}[${index}]`));
  }
}

function check(source: string, label: string): boolean {
  assertValuesReaderAgrees(source, label);
  const fast = parseFastYaml(source);
  if (!fast) return false;
  const full = parseDocument(source, { version: '1.2' });
  assert.deepEqual(full.errors, [], label);
  assert.deepEqual(fast.value, full.toJS(), label);
  assertSameTree(fast.document.contents, full.contents, label);
  return true;
}

describe('the fast YAML reader gives what the yaml package gives', () => {
  it('on every real article of the corpus', { skip: !existsSync(CORPUS) && 'no corpus' }, () => {
    const all = frontMatters(CORPUS);
    const read = all.filter(([file, source]) => check(source, file));
    // Real front matter is the simple kind: the fast path reads (nearly) all of it.
    assert.ok(read.length >= all.length - 2, `read ${read.length} of ${all.length}`);
    // The values reader too: a command-line check reads every clean article with it alone.
    const valuesRead = all.filter(([, source]) => readFastValues(source) !== undefined);
    assert.ok(valuesRead.length >= all.length - 2, `values read ${valuesRead.length} of ${all.length}`);
  });

  const cases: Record<string, string> = {
    'scalars of every kind':
      'a: 1\nb: -1\nc: 1.5\nd: 0x1F\ne: 0o17\nf: .inf\ng: true\nh: False\ni: null\nj: ~\nk: 2021-04-01T22:08:00Z\nl: 1e3\nm: text with [brackets], commas\n',
    'quoted scalars and escapes': 'a: "x\\ty \\u00e9 \\"q\\""\nb: \'it\'\'s\'\nc: ""\nd: \'\'\n',
    'comments and blank lines': '# head\na: 1 # one\n\nb:\n  # inside\n  c: 2\n\n# between\nd: [x]\n'.replace(
      'd: [x]\n',
      'd: x\n',
    ),
    'empty values': 'a:\nb: 1\nc:\n',
    'empty values with trailing blanks': 'a:  \nb:\n  c: \nd: ',
    'lists of scalars and of maps':
      'topics:\n  - A\n  - B # c\nimages:\n  - url: x\n    width: 1\n\n  - url: y\n    height: 2\n',
    'nested maps in lists in maps':
      'related:\n  - title: T\n    provider:\n      name: P\n      images:\n        - url: u\n          width: 5\n',
    'CRLF line endings': 'a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: "z"\r\n',
    'no final line break': 'a: 1\nb: 2',
  };
  for (const [name, source] of Object.entries(cases)) {
    it(name, () => assert.ok(check(source, name), 'fell back'));
  }

  const fallbacks: Record<string, string> = {
    'flow collections': 'a: [1, 2]\n',
    anchors: 'a: &x 1\nb: *x\n',
    'block scalars': 'a: |\n  text\n',
    'multi-line plain scalars': 'a: one\n  two\n',
    'duplicate keys': 'a: 1\na: 2\n',
    tabs: 'a:\n\tb: 1\n',
    'syntax errors': 'a: b: c\n',
    'quoted keys': '"a": 1\n',
    'an indentless list': 'a:\n- x\n',
    'a lone CR': 'a: 1\rb: 2\n',
    'an unclosed quote': 'a: "x\n',
    'a byte order mark': '\ufeffa: 1\n',
    'a byte order mark opening a later line': '# note\n\ufefftitle: T\n',
    'a key longer than 1 024 characters': `title: x\n${'k'.repeat(1025)}: 1\n`,
    'a key longer than 1 024 characters in a list entry': `a:\n  - ${'k'.repeat(1025)}: 1\n`,
    'a lone dash as a value': 'a: -\nb: 1\n',
    'a carriage return at the very end': 'a: x\r',
  };
  it('reads a key of 1 024 characters, the longest YAML allows', () => {
    const source = `title: x\n${'k'.repeat(1024)}: 1\n`;
    assert.ok(check(source, 'long key'), 'fell back');
    assert.deepEqual(readFastValues(source)?.value, { title: 'x', ['k'.repeat(1024)]: 1 });
  });

  for (const [name, source] of Object.entries(fallbacks)) {
    it(`leaves ${name} to the yaml package`, () => {
      assert.equal(parseFastYaml(source), undefined);
      assert.equal(readFastValues(source), undefined);
    });
  }
});

describe('the fast reader reuses what an edit did not touch', () => {
  const entry = (n: number) => `  - title: "Entry ${n}"\n    quality: ${n}\n`;
  const source = `title: T\nrelated:\n${Array.from({ length: 100 }, (_, n) => entry(n)).join('')}topics:\n  - A\n`;

  it('an edit inside related[57] reads that entry only', () => {
    const first = parseFastYaml(source)!;
    const edited = source.replace('"Entry 57"', '"Entry 57!"');
    const second = parseFastYaml(edited, first.memory)!;
    // Only the edited entry is read: title, topics and the 99 other entries are reused.
    assert.equal(second.chunksRead, 1);
    assert.ok(check(edited, 'edited'));
    assertSameTree(second.document.contents, parseDocument(edited).contents);
    assert.deepEqual(second.value, parseDocument(edited).toJS());
  });

  it('entries after an edit that changes the length move to their new place', () => {
    const first = parseFastYaml(source)!;
    const edited = source.replace('"Entry 3"', '"Entry three, longer"');
    const second = parseFastYaml(edited, first.memory)!;
    assertSameTree(second.document.contents, parseDocument(edited).contents);
  });

  it('two equal entries get nodes of their own', () => {
    const twice = `related:\n${entry(1)}${entry(1)}`;
    const first = parseFastYaml(twice)!;
    const second = parseFastYaml(twice.replace('related', 'relatedx'), first.memory)!;
    assertSameTree(second.document.contents, parseDocument(twice.replace('related', 'relatedx')).contents);
  });
});

describe('the values reader reads only what the fast reader reads, into the same values', () => {
  const cases: Record<string, string> = {
    'a line separator inside a key (found by the fuzzer: the line was skipped)':
      'c\u2028ategory: news\ntitle: x\n',
    'a next line inside a value': 'title: a\u0085b\n',
    'an empty list entry at the end': 'images:\n  - \n',
    'escapes in double quotes': 'a: "say \\"hi\\" \\u00e9"\nb: "bad \\q escape"\n',
    'a comment after an empty value, then a nested block': 'provider: # the source\n  name: X\n',
    'text that looks like a pair in a list': 'topics:\n  - Power Apps: the platform\n',
    'keys that are not text': 'true: 1\n',
    'deep nesting':
      Array.from({ length: 40 }, (_, depth) => `${'  '.repeat(depth)}k${depth}:`).join('\n') + ' x\n',
  };
  for (const [name, source] of Object.entries(cases)) {
    it(name, () => assertValuesReaderAgrees(source, name));
  }

  it('more lines than its arrays first hold, and a read right after one that gave up', () => {
    const long =
      'related:\n' +
      Array.from({ length: 3000 }, (_, n) => `  - title: "Entry ${n}"\n    quality: ${n}\n`).join('');
    assertValuesReaderAgrees(long, 'long');
    assert.equal((readFastValues(long)?.value.related as unknown[]).length, 3000);
    assert.equal(readFastValues('a: [1, 2]\nb: 1\n'), undefined, 'a flow list');
    assert.deepEqual(readFastValues('c: 3\n')?.value, { c: 3 });
    assert.deepEqual(readFastValues('title: "x\nnext: 1\n'), undefined, 'an unclosed quote');
    assert.deepEqual(readFastValues('d: "4"\n')?.value, { d: '4' });
  });

  it('reads the common kind: nested fields, lists of text and of mappings, quotes, comments, numbers', () => {
    const source =
      'title: "A \\"quoted\\" title" # why\nheat: -1\nquality: 102\nwidth: 1.5e3\npublished: true\ndate: 2021-04-01T22:08:00Z\n' +
      "note: 'single'\nempty:\nprovider:\n  name: Contoso\n  images:\n    - url: https://x.com/a.png\n      width: 50\n\ntopics:\n  - Cloud\n  - AI # a comment\n";
    const values = readFastValues(source);
    assert.deepEqual(values?.value, parseFastYaml(source)?.value);
    assert.equal((values?.value.provider as { images: unknown[] }).images.length, 1);
  });
});
