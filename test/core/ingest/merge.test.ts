import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../../src/core/data-file.ts';
import { inWords, mergeStatement } from '../../../src/core/ingest/merge.ts';

const seedFile = 'data/statements/canada-r2p-dialogue-2016-09-06.yml';
const seed = parseStatementFile(readFileSync(seedFile, 'utf8'), seedFile);

describe('an update', () => {
  it('reports kept only what differs, whatever the order of the keys, in words', () => {
    // The same values with their keys in another order (as a file edited by hand may have them).
    const reordered = {
      ...seed,
      title: { fr: seed.title.fr, en: seed.title.en },
      forum: { fr: seed.forum.fr, en: seed.forum.en },
    };
    expect(
      mergeStatement(reordered, seed).kept.filter((line) =>
        /^(?:title|forum|date|place|speaker|country|delivery):/.test(line),
      ),
    ).toEqual([]);
    const edited = { ...seed, place: { en: 'Geneva', fr: 'Genève' } };
    expect(mergeStatement(edited, seed).kept).toContain(
      `place: "Geneva" / « Genève », kept as in the file (the documents say ${inWords(seed.place)})`,
    );
  });

  it('words values as people read them', () => {
    expect(inWords({ en: 'Geneva', fr: 'Genève' })).toBe('"Geneva" / « Genève »');
    expect(
      inWords({ name: { en: 'Bob Rae', fr: 'Bob Rae' }, role: { en: 'Ambassador', fr: 'Ambassadeur' } }),
    ).toBe('"Bob Rae", "Ambassador" / « Ambassadeur »');
    expect(inWords(undefined)).toBe('nothing');
  });
});
