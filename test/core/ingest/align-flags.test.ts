import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataFile } from '../../../src/core/data-file.ts';
import { buildGlossary, GlossaryFile } from '../../../src/core/glossary.ts';
import { alignParagraphs } from '../../../src/core/ingest/align.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';

const glossary = buildGlossary(
  parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
);
const sources = 'test/relevance/archive/sources';
const versions = (name: string) =>
  (['en', 'fr'] as const).map(
    (language) => parsePlainStatement(readFileSync(`${sources}/${name}.${language}.txt`, 'utf8')).paragraphs,
  ) as [
    ReturnType<typeof parsePlainStatement>['paragraphs'],
    ReturnType<typeof parsePlainStatement>['paragraphs'],
  ];

describe('review flags on real statements', () => {
  // The Secretary-General's messages are free translations: few shared words, paragraph for paragraph.
  it.each(['sg-peace-day-2017', 'sg-un-day-2018', 'sg-un-day-2023', 'sg-peacekeepers-day-2023'])(
    '%s: paired one to one throughout, nothing flagged',
    (name) => {
      const [en, fr] = versions(name);
      expect(en.length).toBe(fr.length);
      const beads = alignParagraphs(
        en.map((p) => p.text),
        fr.map((p) => p.text),
        glossary,
      );
      expect(beads.map((bead) => [bead.en, bead.fr])).toEqual(en.map((_, k) => [[k], [k]]));
      expect(beads.filter((bead) => bead.doubtful).map((bead) => bead.en[0])).toEqual([]);
    },
  );

  it('never doubts "Thank you." and "Merci."', () => {
    const [bead] = alignParagraphs(['Thank you.'], ['Merci.']);
    expect(bead).toMatchObject({ kind: '1-1', doubtful: false });
    const closing = alignParagraphs(
      ['Canada welcomes this debate on the protection of civilians.', 'Thank you.'],
      ['Le Canada se félicite de ce débat sur la protection des civils.', 'Merci.'],
    );
    expect(closing.map((b) => b.doubtful)).toEqual([false, false]);
  });
});
