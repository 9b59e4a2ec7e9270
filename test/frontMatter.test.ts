import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateFrontMatter } from '../src/service/yaml/frontMatter';

function yamlOf(text: string): string | undefined {
  const block = locateFrontMatter(text);
  return block && text.slice(block.contentStart, block.contentEnd);
}

describe('front matter is located exactly', () => {
  it('between the opening --- and the closing ---', () => {
    assert.equal(yamlOf('---\ntitle: A\ntype: article\n---\nBody\n'), 'title: A\ntype: article');
  });

  it('closed by ... as well', () => {
    assert.equal(yamlOf('---\ntitle: A\n...\nBody'), 'title: A');
  });

  it('with CRLF line endings', () => {
    const block = locateFrontMatter('---\r\ntitle: A\r\n---\r\nBody');
    assert.deepEqual(block && { start: block.contentStart, end: block.contentEnd, closed: block.closed }, {
      start: 5,
      end: 13,
      closed: true,
    });
  });

  it('after a UTF-8 byte order mark, which stays out of the opening marker', () => {
    const block = locateFrontMatter('\uFEFF---\ntitle: A\n---\n');
    assert.equal(block?.openStart, 1);
    assert.equal(block?.openEnd, 4);
    assert.equal(yamlOf('\uFEFF---\ntitle: A\n---\n'), 'title: A');
  });

  it('in a file that is front matter only, without a final line break', () => {
    assert.equal(yamlOf('---\ntitle: A\n---'), 'title: A');
  });

  it('empty when the closing marker follows at once', () => {
    assert.equal(yamlOf('---\n---\nBody'), '');
  });

  it('not at all when the file does not start with ---', () => {
    assert.equal(locateFrontMatter('# Title\n---\nx: 1\n---\n'), undefined);
    assert.equal(locateFrontMatter(''), undefined);
    assert.equal(locateFrontMatter('----\nx: 1\n----\n'), undefined);
  });

  it('as unclosed when no closing marker follows', () => {
    const block = locateFrontMatter('---\ntitle: A\nBody text\n');
    assert.equal(block?.closed, false);
  });

  it('does not take a --- inside a longer line as the end', () => {
    assert.equal(yamlOf('---\ntitle: A\n---x\nb: 1\n---\n'), 'title: A\n---x\nb: 1');
  });
});
