import { beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../../src/core/knowledge-base.ts';
import { searchArchive, substance } from '../../../src/core/search/archive-search.ts';
import { stripFrame } from '../../../src/core/search/frames.ts';
import { statementMetadata, takePeriod } from '../../../src/core/search/selectors.ts';
import { loadArchiveKnowledge } from '../../relevance/evaluate.ts';

let archive: Knowledge;
beforeAll(async () => {
  archive = await loadArchiveKnowledge();
});

describe('question frames', () => {
  it('are dropped in both languages, keeping a speaker other than us', () => {
    expect(stripFrame('What did Canada say on Syria atrocities?')).toBe('Syria atrocities');
    expect(stripFrame('what did we say about kigali')).toBe('kigali');
    expect(stripFrame("qu'avons-nous dit sur la protection des civils")).toBe('la protection des civils');
    expect(stripFrame('qu’a dit le Canada à propos de la Syrie')).toBe('la Syrie');
    expect(stripFrame('our position on veto')).toBe('veto');
    expect(stripFrame('what did Guterres say about floods')).toBe('Guterres floods');
    expect(stripFrame("qu'a dit le premier ministre sur le climat")).toBe('le premier ministre le climat');
  });

  it('leave a query alone when nothing would be left, or when there is no frame', () => {
    expect(stripFrame('what did we say about')).toBe('what did we say about');
    expect(stripFrame('veto power')).toBe('veto power');
  });
});

describe('a period in a query', () => {
  it('is a year or a month the archive has statements of, and leaves the query', () => {
    const metadata = statementMetadata(archive.statements);
    expect(takePeriod('un day 2019 climate', metadata)).toEqual({
      period: { prefix: '2019', text: '2019' },
      rest: 'un day climate',
    });
    expect(takePeriod('climat en 2018', metadata)).toEqual({
      period: { prefix: '2018', text: '2018' },
      rest: 'climat',
    });
    expect(takePeriod('october 2023 united nations day', metadata).period).toEqual({
      prefix: '2023-10',
      text: 'october 2023',
    });
  });

  it('is not a year no statement is dated: "2030 agenda" stays words', () => {
    expect(takePeriod('2030 agenda', statementMetadata(archive.statements))).toEqual({ rest: '2030 agenda' });
  });
});

describe('searching an archive', () => {
  const first = (query: string) =>
    searchArchive(query, archive, undefined, undefined, 5).hits[0]?.paragraph.id;

  it('lets a year pick one statement among look-alikes, and says so', () => {
    const outcome = searchArchive('un day 2019 climate', archive, undefined, undefined, 5);
    expect(outcome.hits[0]!.paragraph.id).toBe('sg-un-day-2019-10-24#3');
    expect(outcome.focus?.period?.text).toBe('2019');
    expect(outcome.searched).toBe('un day climate');
    expect(first('un day 2018 climate')).toBe('sg-un-day-2018-10-24#6');
  });

  it('finds a paragraph that does not repeat the occasion or the speaker named', () => {
    expect(first('peace day 2019 climate summit')).toBe('sg-peace-day-2019-09-21#2');
    const named = searchArchive('guterres', archive, undefined, undefined, 5);
    expect(named.hits.length).toBeGreaterThan(0);
    for (const hit of named.hits) expect(hit.paragraph.statement.speaker?.name.en).toContain('Guterres');
  });

  it('ranks a press office’s introduction below a paragraph with substance', () => {
    const paragraph = (text: string) =>
      ({ delivered: 'en', text: { en: { text, origin: 'delivered' }, fr: undefined } }) as never;
    expect(substance(paragraph("Following is the Secretary-General's message for the Day:"))).toBeLessThan(1);
    expect(substance(paragraph('Thank you, Mr. President.'))).toBeLessThan(1);
    expect(
      substance(paragraph('Mr. President, Canada has long advocated for the protection of civilians.')),
    ).toBe(1);
  });
});
