import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDataFile } from '../../../src/core/data-file.ts';
import { buildGlossary, type Glossary, GlossaryFile } from '../../../src/core/glossary.ts';
import { alignParagraphs, type Bead } from '../../../src/core/ingest/align.ts';
import { buildBilingualStatement } from '../../../src/core/ingest/build-statement.ts';
import { parseDate } from '../../../src/core/ingest/dates.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';

let glossary: Glossary;
beforeAll(() => {
  glossary = buildGlossary(
    parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
  );
});

const read = (name: string) => parsePlainStatement(readFileSync(`test/fixtures/align/${name}`, 'utf8'));

/** Share of source paragraphs whose English and French land in the same pair. */
function accuracy(
  beads: readonly Bead[],
  truth: { en: Record<string, number[]>; fr: Record<string, number> },
) {
  const numbers = Object.keys(truth.fr);
  const right = numbers.filter((n) => {
    const bead = beads.find((b) => b.fr.includes(truth.fr[n]!));
    return bead !== undefined && truth.en[n]!.every((i) => bead.en.includes(i));
  });
  return right.length / numbers.length;
}

describe('alignment of two versions (Gale–Church with anchors)', () => {
  it.each([
    ['the seed statement, two passages merged in French and one split in English', 'seed'],
    ['a second statement written for the tests', 'poc'],
  ])('pairs ≥ 95%% of paragraphs right on %s', (_label, name) => {
    const en = read(`${name}.en.txt`);
    const fr = read(`${name}.fr.txt`);
    const truth = JSON.parse(readFileSync(`test/fixtures/align/${name}.truth.json`, 'utf8'));
    const beads = alignParagraphs(
      en.paragraphs.map((p) => p.text),
      fr.paragraphs.map((p) => p.text),
      glossary,
    );
    expect(accuracy(beads, truth)).toBeGreaterThanOrEqual(0.95);
    expect(beads.some((bead) => bead.kind === '2-1')).toBe(true);
  });

  it('handles a paragraph missing from one version as 1-0, flagged for review', () => {
    const en = [
      'Mr. President.',
      'Canada supports the veto restraint initiative of 2015.',
      'We must act.',
      'Thank you.',
    ];
    const fr = ['Monsieur le Président.', 'Nous devons agir.', 'Merci.'];
    const beads = alignParagraphs(en, fr, glossary);
    const missing = beads.find((bead) => bead.fr.length === 0);
    expect(missing?.en).toEqual([1]);
    expect(missing?.doubtful).toBe(true);
    expect(beads.filter((bead) => bead.kind === '1-1')).toHaveLength(3);
  });

  it('uses shared numbers and glossary terms to pair short passages that length alone would not', () => {
    const en = ['Up to 600 troops.', 'The Security Council must act.'];
    const fr = ['Le Conseil de sécurité doit agir.', "Jusqu'à 600 militaires."];
    // Swapped order cannot be aligned monotonically: both pairs are flagged rather than silently trusted.
    const beads = alignParagraphs(en, fr, glossary);
    expect(beads.every((bead) => bead.kind !== '1-1' || bead.doubtful)).toBe(true);
  });

  it('records the delivered language of each paragraph from the delivered text, and marks counterparts official', () => {
    const en = read('seed.en.txt');
    const fr = read('seed.fr.txt');
    const delivered = parsePlainStatement(
      readFileSync('test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt', 'utf8'),
    );
    const { statement, pairs } = buildBilingualStatement({ en, fr, delivered }, glossary);
    expect(pairs[0]!.delivered).toBe('fr');
    expect(pairs.at(-1)!.delivered).toBe('en');
    expect(statement.paragraphs[1]).toMatchObject({ delivered: 'fr', counterpart: { origin: 'official' } });
    expect(statement.paragraphs[1]!.text).toContain('Je tiens à vous remercier');
    expect(statement.date).toBe('2016-09-06');
    expect(statement.place?.en).toBe('New York');
    expect(statement.speaker?.name.en).toBe('Delegation of Canada');
  });
});

describe('title blocks', () => {
  it.each([
    ['September 6, 2016', '2016-09-06'],
    ['6 September 2016', '2016-09-06'],
    ['le 6 septembre 2016', '2016-09-06'],
    ['New York, le 1er août 2018', '2018-08-01'],
    ['Genève, 23 févr. 2019', '2019-02-23'],
    ['2019-05-23', '2019-05-23'],
    ['February 30, 2016', undefined],
    ['no date here', undefined],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('reads the title, the speaker and the place, in English and in French', () => {
    const en = read('poc.en.txt');
    expect(en).toMatchObject({
      title: 'Security Council Open Debate on the Protection of Civilians in Armed Conflict',
      date: '2019-05-23',
      place: 'New York',
      speaker: { name: 'Ambassador Jane Doe', role: 'Permanent Representative of Canada (test statement)' },
    });
    const fr = read('poc.fr.txt');
    expect(fr.speaker?.name).toBe('Ambassadrice Jane Doe');
    expect(fr.date).toBe('2019-05-23');
    expect(fr.title).toContain('Débat public du Conseil de sécurité');
  });
});
