import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { alignFullTable, generateVersions } from '../../../bench/align.ts';
import { parseDataFile } from '../../../src/core/data-file.ts';
import { buildGlossary, type Glossary, GlossaryFile } from '../../../src/core/glossary.ts';
import {
  type AlignStats,
  type AlignUnit,
  alignBand,
  alignParagraphs,
  type Bead,
  maxAlignedParagraphs,
} from '../../../src/core/ingest/align.ts';
import {
  alignUnitsOf,
  buildBilingualStatement,
  buildFromDocuments,
  IngestError,
  type ReadVersion,
} from '../../../src/core/ingest/build-statement.ts';
import { type PlainStatement, parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';

let glossary: Glossary;
beforeAll(() => {
  glossary = buildGlossary(
    parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
  );
});

const emptyStats = (): AlignStats => ({ cells: 0, beadCosts: 0, passes: 0, band: 0 });

/** Aligns with the band, and says how much work it took. */
function align(en: readonly AlignUnit[], fr: readonly AlignUnit[]) {
  const stats = emptyStats();
  const beads = alignParagraphs(en, fr, glossary, undefined, stats);
  return { beads, stats };
}

const read = (file: string) => parsePlainStatement(readFileSync(file, 'utf8'));
const units = (version: PlainStatement): AlignUnit[] =>
  version.paragraphs.map((p) => (p.heading ? { text: p.text, heading: true } : { text: p.text }));

/** Every English and French fixture of test/fixtures/align, as pairs of versions. */
function fixtures(): Array<{ name: string; en: AlignUnit[]; fr: AlignUnit[] }> {
  const published = 'test/fixtures/align/published';
  return [
    ...['seed', 'poc'].map((name) => ({
      name,
      en: units(read(`test/fixtures/align/${name}.en.txt`)),
      fr: units(read(`test/fixtures/align/${name}.fr.txt`)),
    })),
    ...readdirSync(published)
      .filter((file) => file.endsWith('.en.txt'))
      .map((file) => ({
        name: file.replace('.en.txt', ''),
        en: units(read(`${published}/${file}`)),
        fr: units(read(`${published}/${file.replace('.en.', '.fr.')}`)),
      })),
  ];
}

describe('alignment in a band around the diagonal', () => {
  it('does work that grows with the number of paragraphs, not with its square', () => {
    const work = [250, 500, 1000, 2000].map((passages) => {
      const versions = generateVersions({ passages, seed: 11, edits: passages / 50 });
      const { stats } = align(versions.en, versions.fr);
      return { ...stats, table: (versions.en.length + 1) * (versions.fr.length + 1) };
    });
    for (let k = 1; k < work.length; k++) {
      // Doubling the paragraphs about doubles the work (the full table quadrupled it).
      const ratio = work[k]!.beadCosts / work[k - 1]!.beadCosts;
      expect(ratio).toBeGreaterThan(1.6);
      expect(ratio).toBeLessThan(2.5);
      expect(work[k]!.passes).toBe(1);
    }
    // At 2,000 a side, a few percent of the full table's cells.
    expect(work.at(-1)!.cells / work.at(-1)!.table).toBeLessThan(0.05);
  });

  it('finds the same beads as the full table on every alignment fixture, alone and end to end', () => {
    const all = fixtures();
    for (const fixture of all) {
      expect(align(fixture.en, fixture.fr).beads, fixture.name).toEqual(
        alignFullTable(fixture.en, fixture.fr, glossary),
      );
    }
    // All of them one after the other, six times over: far longer than the band is wide.
    const repeated = Array.from({ length: 6 }, () => all).flat();
    const en = repeated.flatMap((fixture) => fixture.en);
    const fr = repeated.flatMap((fixture) => fixture.fr);
    const { beads, stats } = align(en, fr);
    expect(stats.cells).toBeLessThan(((en.length + 1) * (fr.length + 1)) / 2);
    expect(beads).toEqual(alignFullTable(en, fr, glossary));
  });

  it.each([
    [1, 150, 6, false],
    [2, 200, 20, false],
    [3, 200, 30, true],
    [4, 120, 40, false],
    [5, 250, 10, true],
  ])(
    'finds the same beads as the full table on generated versions with passages dropped, added and joined (seed %i)',
    (seed, passages, edits, oneLine) => {
      const versions = generateVersions({ passages, seed, edits, oneLine });
      const { beads, stats } = align(versions.en, versions.fr);
      expect(stats.cells).toBeLessThan(((versions.en.length + 1) * (versions.fr.length + 1)) / 2);
      expect(beads).toEqual(alignFullTable(versions.en, versions.fr, glossary));
    },
  );

  it('widens the band when one version has a block of passages the other has elsewhere, and still pairs every passage right', () => {
    // The English has 60 passages first that the French has last: the same counts, but the
    // right path runs 60 rows off the diagonal, well outside the first band.
    const extra = 60;
    const body = generateVersions({ passages: 160, seed: 7 });
    const block = generateVersions({ passages: extra, seed: 8, oneLine: true });
    const en = [...block.en.map((text, k) => `${text} Annex ${k + 900}.`), ...body.en];
    const fr = [...body.fr, ...block.fr.map((text, k) => `${text} Annexe ${k + 700}.`)];
    expect(extra).toBeGreaterThan(alignBand.base);
    const { beads, stats } = align(en, fr);
    expect(stats.passes).toBeGreaterThan(1);
    expect(beads).toEqual(alignFullTable(en, fr, glossary));
    const paired = beads.filter((bead) => bead.kind === '1-1');
    expect(paired.length).toBeGreaterThanOrEqual(150);
    expect(paired.every((bead) => bead.en[0]! - extra === bead.fr[0])).toBe(true);
  });

  it('pairs 3,000 one-line paragraphs a side, a few inserted and dropped, as the truth says', () => {
    const versions = generateVersions({ passages: 3000, seed: 3, oneLine: true, edits: 30 });
    const { beads, stats } = align(versions.en, versions.fr);
    const key = (en: readonly number[], fr: readonly number[]) => `${en.join(',')}|${fr.join(',')}`;
    const found = new Set(beads.map((bead) => key(bead.en, bead.fr)));
    const right = versions.truth.filter(([en, fr]) => found.has(key(en, fr))).length;
    expect(right / versions.truth.length).toBeGreaterThan(0.97);
    expect(stats.cells).toBeLessThan(((versions.en.length + 1) * (versions.fr.length + 1)) / 20);
  });
});

/** A version of `count` one-line paragraphs, as read from a document. */
function version(language: 'en' | 'fr', count: number): PlainStatement {
  return {
    title: language === 'en' ? 'A very long statement' : 'Une très longue déclaration',
    date: '2024-09-21',
    place: 'New York',
    speaker: undefined,
    forum: undefined,
    format: 'txt',
    notes: [],
    language,
    paragraphs: Array.from({ length: count }, (_, k) => ({
      n: k + 1,
      language,
      text:
        language === 'en' ? `Canada supports decision ${k + 1}.` : `Le Canada appuie la décision ${k + 1}.`,
    })),
  };
}

describe('versions too long to align', () => {
  it('are refused before any alignment, with a problem that names both counts and the limit', () => {
    const en = version('en', 20_000);
    const fr = version('fr', 20_000);
    const error = (() => {
      try {
        buildBilingualStatement({ en, fr }, glossary);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).problem).toEqual({
      kind: 'too_many_paragraphs',
      en: 20_000,
      fr: 20_000,
      limit: maxAlignedParagraphs,
    });
    expect((error as IngestError).message).toBe(
      'the English version has 20,000 paragraphs and the French version 20,000: at most 5,000 a version can be aligned, so the statement was not added (check that each file holds one statement)',
    );
  });

  it('are refused when either version is over the limit, from documents too, and accepted at the limit', () => {
    const documents = (enCount: number, frCount: number): ReadVersion[] => [
      { version: version('fr', frCount), source: { file: 'fr.txt', format: 'txt', taken: '2024-09-22' } },
      { version: version('en', enCount), source: { file: 'en.txt', format: 'txt', taken: '2024-09-22' } },
    ];
    expect(() => buildFromDocuments(documents(12, maxAlignedParagraphs + 1), glossary)).toThrow(
      /the English version has 12 paragraphs and the French version 5,001/,
    );
    const { pairs } = buildFromDocuments(documents(maxAlignedParagraphs, maxAlignedParagraphs), glossary);
    expect(pairs).toHaveLength(maxAlignedParagraphs);
    expect(pairs.every((pair) => pair.bead.kind === '1-1')).toBe(true);
  });

  it('are refused by alignParagraphs itself with a RangeError, whoever calls it', () => {
    const lines = Array.from({ length: maxAlignedParagraphs + 1 }, (_, k) => `Line ${k}.`);
    expect(() => alignParagraphs(lines, ['Une ligne.'])).toThrow(RangeError);
  });
});

describe('beads made beforehand', () => {
  const en = () => read('test/fixtures/align/seed.en.txt');
  const fr = () => read('test/fixtures/align/seed.fr.txt');
  const sources: ReadVersion['source'] = { file: 'x.txt', format: 'txt', taken: '2024-09-22' };

  it('are what alignUnitsOf gives and buildFromDocuments uses, in either order of the documents', () => {
    const documents: ReadVersion[] = [
      { version: fr(), source: sources },
      { version: en(), source: sources },
    ];
    const passages = alignUnitsOf(documents)!;
    expect(passages.en.map((unit) => (typeof unit === 'string' ? unit : unit.text))).toEqual(
      en().paragraphs.map((p) => p.text),
    );
    const beads = alignParagraphs(passages.en, passages.fr, glossary);
    const aligned = buildFromDocuments(documents, glossary);
    expect(aligned.pairs.map((pair) => pair.bead)).toEqual(beads);
    expect(buildFromDocuments(documents, glossary, {}, { beads })).toEqual(aligned);
    expect(alignUnitsOf(documents.slice(0, 1))).toBeUndefined();
    expect(alignUnitsOf([documents[1]!, documents[1]!])).toBeUndefined();
  });

  it('are used as given when they cover every paragraph once, in order', () => {
    const n = en().paragraphs.length;
    const m = fr().paragraphs.length;
    // Nothing paired: a valid alignment, if a poor one, that the build must take as it is.
    const unpaired: Bead[] = [
      ...Array.from(
        { length: n },
        (_, k): Bead => ({ kind: '1-0', en: [k], fr: [], confidence: 0.2, doubtful: true }),
      ),
      ...Array.from(
        { length: m },
        (_, k): Bead => ({ kind: '0-1', en: [], fr: [k], confidence: 0.2, doubtful: true }),
      ),
    ];
    const { pairs } = buildBilingualStatement({ en: en(), fr: fr() }, glossary, {}, {}, undefined, {
      beads: unpaired,
    });
    expect(pairs.map((pair) => pair.bead)).toEqual(unpaired);
  });

  it.each([
    ['one paragraph short', (beads: Bead[]) => beads.slice(1)],
    ['out of order', (beads: Bead[]) => [beads[1]!, beads[0]!, ...beads.slice(2)]],
    [
      'a kind that does not match its sides',
      (beads: Bead[]) => [{ ...beads[0]!, kind: '2-2' as const }, ...beads.slice(1)],
    ],
    ['a confidence out of range', (beads: Bead[]) => [{ ...beads[0]!, confidence: 7 }, ...beads.slice(1)]],
  ])('are set aside when %s, and the versions aligned anew', (_label, spoil) => {
    const right = buildBilingualStatement({ en: en(), fr: fr() }, glossary);
    const beads = right.pairs.map((pair) => pair.bead);
    const rebuilt = buildBilingualStatement({ en: en(), fr: fr() }, glossary, {}, {}, undefined, {
      beads: spoil(beads),
    });
    expect(rebuilt).toEqual(right);
  });
});
