import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBilingualStatement, buildSingleStatement } from '../../../src/core/ingest/build-statement.ts';
import type { Doubt } from '../../../src/core/ingest/document.ts';
import { type PlainStatement, parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';

const read = (language: 'en' | 'fr'): PlainStatement =>
  parsePlainStatement(
    readFileSync(`test/fixtures/align/published/pm-london-2017-06-04.${language}.txt`, 'utf8'),
  );

const titleDoubt: Doubt = {
  field: 'title',
  chosen: 'Statement by the Prime Minister of Canada on the terrorist attack in London',
  candidates: [{ value: 'NON CLASSIFIÉ', from: 'the first line' }],
  reason: 'the first line looks like a security marking, so the next line was taken',
  kind: 'weak',
};

describe('what a build is not sure of', () => {
  it('is nothing when both versions agree and read clearly', () => {
    expect(buildBilingualStatement({ en: read('en'), fr: read('fr') }, undefined).doubts).toEqual([]);
  });

  it('is the date when the two versions disagree on it, naming both; a date given settles it', () => {
    const fr = { ...read('fr'), date: '2017-06-05' };
    const { doubts, statement } = buildBilingualStatement({ en: read('en'), fr }, undefined);
    expect(doubts).toEqual([
      {
        field: 'date',
        chosen: statement.date,
        candidates: [{ value: '2017-06-05', from: 'the French version' }],
        reason: `the versions disagree on the date (${statement.date}, 2017-06-05); ${statement.date} is used`,
        kind: 'languages_disagree',
      },
    ]);
    expect(buildBilingualStatement({ en: read('en'), fr }, undefined, { date: '2017-06-04' }).doubts).toEqual(
      [],
    );
  });

  it('carries a version’s own doubt once, until a person gives the field', () => {
    const en = { ...read('en'), doubts: [titleDoubt] };
    const fr = { ...read('fr'), doubts: [titleDoubt] };
    expect(buildBilingualStatement({ en, fr }, undefined).doubts).toEqual([titleDoubt]);
    expect(buildSingleStatement(en).doubts).toEqual([titleDoubt]);
    expect(
      buildBilingualStatement({ en, fr }, undefined, { title: { en: 'Statement on London' } }).doubts,
    ).toEqual([]);
  });
});

describe('a statement without a day', () => {
  it('is refused saying that only the month is given, and taken with --date', () => {
    const monthOnly = (version: PlainStatement): PlainStatement => {
      return {
        ...version,
        date: undefined,
        doubts: [
          {
            field: 'date',
            chosen: '2017-06',
            candidates: [],
            reason: 'only the month is given (June 2017)',
            kind: 'month_only',
          },
        ],
      };
    };
    expect(() => buildSingleStatement(monthOnly(read('en')))).toThrow(
      'only the month is given (2017-06): give the day with --date YYYY-MM-DD',
    );
    expect(buildSingleStatement(monthOnly(read('en')), { date: '2017-06-04' }).statement.date).toBe(
      '2017-06-04',
    );
  });
});
