import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { isoDuration } from '../src/service/rules/schema/durationFormat';
import { brief, diagnose, GOOD_ARTICLE, rangeText, SMALL_SITE } from './helpers';

const COURSE = `---
title: Basics
excerpt: The basics
type: course
webUrl: https://everyday.cc/learning/courses/basics/
length: ⟦25 mins⟧
provider:
  name: Contoso
  domain: contoso.com
topics:
  - Cloud
---
`;

describe('severities by consequence, declared in the schema', () => {
  it('an empty excerpt is a warning: a cue to fill it in, not a broken page', async () => {
    const { diagnostics } = await diagnose(GOOD_ARTICLE.replace(/^excerpt: .*$/m, 'excerpt: ""'));
    assert.deepEqual(
      diagnostics.map((item) => [item.code, item.severity]),
      [['empty-value', DiagnosticSeverity.Warning]],
    );
  });

  it('an empty title is still an error: the layout needs it', async () => {
    const { diagnostics } = await diagnose(GOOD_ARTICLE.replace(/^title: .*$/m, 'title: ""'));
    assert.deepEqual(
      diagnostics.map((item) => [item.code, item.severity]),
      [['empty-value', DiagnosticSeverity.Error]],
    );
  });

  it('a duration in words is a duration-format warning, with PT25M as the safe fix', async () => {
    const { diagnostics, ranges, document, service } = await diagnose(COURSE, {
      path: '_learning/courses/basics.md',
      files: SMALL_SITE,
    });
    assert.deepEqual(diagnostics.map(brief), [
      {
        code: 'duration-format',
        range: rangeText(ranges[0]),
        message: diagnostics[0]?.message ?? '',
      },
    ]);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    const actions = await service.codeActions(document, diagnostics[0].range, diagnostics);
    const fix = actions.find((action) => action.title === 'Write it as `PT25M`');
    assert.deepEqual(fix?.data, { safety: 'safe' });
  });
});

describe('durations in words, read as ISO 8601 where the reading is certain', () => {
  const cases: Array<[string, string | undefined]> = [
    ['25 mins', 'PT25M'],
    ['1 hour 5 minutes', 'PT1H5M'],
    ['90 min', 'PT90M'],
    ['2 hours, 30 seconds', 'PT2H30S'],
    ['25m', undefined], // minutes or months?
    ['1.5 hours', undefined],
    ['5 minutes 1 hour', undefined],
    ['soon', undefined],
  ];
  for (const [written, expected] of cases)
    it(`${written} → ${String(expected)}`, () => assert.equal(isoDuration(written), expected));
});
