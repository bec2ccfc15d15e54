import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataFile } from '../../../src/core/data-file.ts';
import { buildGlossary, GlossaryFile } from '../../../src/core/glossary.ts';
import { type AlignUnit, alignParagraphs, type Bead } from '../../../src/core/ingest/align.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';

const glossary = buildGlossary(
  parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
);

/** A bilingual text and its right alignment: each bead's English and French paragraph indexes. */
interface Case {
  name: string;
  en: AlignUnit[];
  fr: AlignUnit[];
  truth: Array<[number[], number[]]>;
}

const folder = 'test/fixtures/align/published';
const read = (file: string) => parsePlainStatement(readFileSync(file, 'utf8')).paragraphs.map((p) => p.text);

/** The Prime Minister's statements, paragraph for paragraph as published. */
const published: Case[] = readdirSync(folder)
  .filter((name) => name.endsWith('.en.txt'))
  .map((name) => {
    const en = read(`${folder}/${name}`);
    const fr = read(`${folder}/${name.replace('.en.', '.fr.')}`);
    return {
      name: name.replace('.en.txt', ''),
      en,
      fr,
      truth: en.map((_, k) => [[k], [k]] as [number[], number[]]),
    };
  });

const seedTruth = JSON.parse(readFileSync('test/fixtures/align/seed.truth.json', 'utf8')) as {
  en: Record<string, number[]>;
  fr: Record<string, number>;
};
const seed: Case = {
  name: 'seed (2-1 and 1-2 passages)',
  en: read('test/fixtures/align/seed.en.txt'),
  fr: read('test/fixtures/align/seed.fr.txt'),
  truth: (() => {
    const beads = new Map<number, [number[], number[]]>();
    for (const [n, frIndex] of Object.entries(seedTruth.fr)) {
      const bead = beads.get(frIndex) ?? [[], [frIndex]];
      for (const enIndex of seedTruth.en[n]!) if (!bead[0].includes(enIndex)) bead[0].push(enIndex);
      beads.set(frIndex, bead);
    }
    return [...beads.values()].map(([en, fr]) => [en.sort((a, b) => a - b), fr] as [number[], number[]]);
  })(),
};

/** Inserts a passage into one version at `at`, and shifts the truth: the passage stays unpaired. */
function insert(base: Case, name: string, side: 'en' | 'fr', at: number, unit: AlignUnit): Case {
  const en = [...base.en];
  const fr = [...base.fr];
  (side === 'en' ? en : fr).splice(at, 0, unit);
  const shift = (indexes: number[], moved: boolean) => indexes.map((k) => (moved && k >= at ? k + 1 : k));
  const truth = base.truth.map(
    ([e, f]) => [shift(e, side === 'en'), shift(f, side === 'fr')] as [number[], number[]],
  );
  truth.push(side === 'en' ? [[at], []] : [[], [at]]);
  return { name, en, fr, truth };
}

/** Removes a passage from one version: its counterpart stays unpaired. */
function remove(base: Case, name: string, side: 'en' | 'fr', at: number): Case {
  const en = [...base.en];
  const fr = [...base.fr];
  (side === 'en' ? en : fr).splice(at, 1);
  const shift = (indexes: number[], moved: boolean) =>
    moved ? indexes.filter((k) => k !== at).map((k) => (k > at ? k - 1 : k)) : indexes;
  const truth = base.truth
    .map(([e, f]) => [shift(e, side === 'en'), shift(f, side === 'fr')] as [number[], number[]])
    .filter(([e, f]) => e.length + f.length > 0);
  return { name, en, fr, truth };
}

const [london, syria, election, newPm] = ['pm-london', 'pm-syria', 'pm-uk-election', 'pm-uk-new-pm'].map(
  (prefix) => published.find((c) => c.name.startsWith(prefix))!,
);

const edges: Case[] = [
  remove(seed, 'a closing "Thank you, Mr. President." in the English only', 'fr', seed.fr.length - 1),
  insert(election!, 'a closing "Thank you." in the English only', 'en', election!.en.length, 'Thank you.'),
  insert(syria!, 'a closing "Merci." in the French only', 'fr', syria!.fr.length, 'Merci.'),
  insert(newPm!, "a translator's note in the French only", 'fr', 3, {
    text: '[Note du traducteur : la version anglaise parle de « people-to-people ties ».]',
  }),
  insert(london!, "an editor's note in the English only", 'en', london!.en.length, {
    text: "Editor's note: this statement was updated to correct the name of the area of London.",
  }),
  insert(election!, 'a heading in the English only', 'en', 2, {
    text: 'A close relationship',
    heading: true,
  }),
  insert(
    insert(newPm!, 'headings in both versions', 'en', 1, {
      text: 'Welcoming Prime Minister Johnson',
      heading: true,
    }),
    'headings in both versions',
    'fr',
    1,
    { text: 'Bienvenue au premier ministre Johnson', heading: true },
  ),
];
/** Joins two passages of one version into one: the other version's two pair with it (2-1 or 1-2). */
function join(base: Case, name: string, side: 'en' | 'fr', at: number): Case {
  const en = [...base.en];
  const fr = [...base.fr];
  const list = side === 'en' ? en : fr;
  const text = (unit: AlignUnit) => (typeof unit === 'string' ? unit : unit.text);
  list.splice(at, 2, `${text(list[at]!)} ${text(list[at + 1]!)}`);
  const merged: Array<[number[], number[]]> = [];
  for (const [e, f] of base.truth) {
    const moved = (side === 'en' ? e : f).map((k) => (k > at ? k - 1 : k));
    const bead: [number[], number[]] = side === 'en' ? [moved, f] : [e, moved];
    const previous = merged.find(([pe, pf]) => (side === 'en' ? pe : pf).some((k) => moved.includes(k)));
    if (previous) {
      previous[0] = [...new Set([...previous[0], ...bead[0]])].sort((a, b) => a - b);
      previous[1] = [...new Set([...previous[1], ...bead[1]])].sort((a, b) => a - b);
    } else merged.push(bead);
  }
  return { name, en, fr, truth: merged };
}

/** Swaps two passages of one version: no monotonic alignment is right, so whatever is paired there must be flagged. */
function swap(base: Case, name: string, at: number): Case {
  const fr = [...base.fr];
  [fr[at], fr[at + 1]] = [fr[at + 1]!, fr[at]!];
  const truth = base.truth.map(
    ([e, f]) => [e, f.map((k) => (k === at ? at + 1 : k === at + 1 ? at : k))] as [number[], number[]],
  );
  return { name, en: base.en, fr, truth };
}

edges.push(
  join(london!, 'two paragraphs the French joins', 'fr', 2),
  join(newPm!, 'two paragraphs the English joins', 'en', 1),
  remove(london!, 'a paragraph missing from the French', 'fr', 3),
  swap(election!, 'two paragraphs in another order (no right monotonic pairing)', 2),
);

// The two inserted headings are one pair.
const headings = edges.find((c) => c.name === 'headings in both versions')!;
headings.truth = headings.truth.filter(([e, f]) => !(e.length === 0 || f.length === 0));
headings.truth.push([[1], [1]]);

const key = (en: readonly number[], fr: readonly number[]) => `${en.join(',')}|${fr.join(',')}`;

function score(c: Case) {
  const beads: Bead[] = alignParagraphs(c.en, c.fr, glossary);
  const truth = new Set(c.truth.map(([en, fr]) => key(en, fr)));
  const right = beads.filter((bead) => truth.has(key(bead.en, bead.fr)));
  const wrong = beads.filter((bead) => !truth.has(key(bead.en, bead.fr)));
  // Pairs join passages of both versions; a passage left alone is not a pair.
  const rightPairs = right.filter((bead) => bead.en.length > 0 && bead.fr.length > 0);
  return {
    beads,
    right: right.length,
    truth: truth.size,
    wrongUnflagged: wrong.filter((bead) => !bead.doubtful),
    rightPairs: rightPairs.length,
    rightFlagged: rightPairs.filter((bead) => bead.doubtful).length,
  };
}

describe('alignment of real published bilingual statements', () => {
  const cases = [seed, ...published, ...edges];
  const results = cases.map((c) => ({ c, ...score(c) }));

  it.each(results.map((r) => [r.c.name, r] as const))('%s: every pair exact or flagged', (_name, result) => {
    expect(result.wrongUnflagged.map((bead) => key(bead.en, bead.fr))).toEqual([]);
  });

  it('pairs at least 95% of the passages exactly, in every case', () => {
    for (const result of results.filter((r) => !/no right monotonic/.test(r.c.name)))
      expect(result.right / result.truth, result.c.name).toBeGreaterThanOrEqual(0.95);
  });

  it('flags at most 10% of the right pairs for review', () => {
    const right = results.reduce((sum, r) => sum + r.rightPairs, 0);
    const flagged = results.reduce((sum, r) => sum + r.rightFlagged, 0);
    expect(flagged / right).toBeLessThanOrEqual(0.1);
  });

  it('flags a passage of running text that one version lacks', () => {
    const result = results.find((r) => r.c.name === 'a paragraph missing from the French')!;
    expect(
      result.beads.filter((bead) => bead.fr.length === 0).map((bead) => [bead.en, bead.doubtful]),
    ).toEqual([[[3], true]]);
  });

  it('leaves a closing formula or a note alone, unpaired and unflagged, instead of gluing it to a paragraph', () => {
    for (const result of results.filter((r) => /closing|note/.test(r.c.name))) {
      const alone = result.beads.filter((bead) => bead.en.length === 0 || bead.fr.length === 0);
      expect(alone, result.c.name).toHaveLength(1);
      expect(alone[0]!.doubtful, result.c.name).toBe(false);
      expect(
        result.beads.every(
          (bead) => bead.en.length <= 1 || !/^Thank/.test(result.c.en[bead.en.at(-1)!] as string),
        ),
      ).toBe(true);
    }
  });
});
