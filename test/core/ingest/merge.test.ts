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

  it('reports nothing kept when the file holds what the documents give, themes and summaries included', () => {
    expect(seed.summaries).toBeDefined();
    expect(seed.paragraphs.some((p) => p.themes)).toBe(true);
    const { statement, kept } = mergeStatement(seed, seed);
    expect(kept).toEqual([]);
    expect(statement).toEqual(seed);
  });

  it('reports themes and summaries kept when the documents give none', () => {
    const fresh = {
      ...seed,
      summaries: undefined,
      paragraphs: seed.paragraphs.map(({ themes: _, ...p }) => p),
    };
    const { statement, kept } = mergeStatement(seed, fresh);
    expect(kept).toEqual([
      `summaries: kept (${Object.keys(seed.summaries!).join(', ')})`,
      '¶6: themes protection-of-civilians',
      '¶7: themes protection-of-civilians',
      '¶17: themes protection-of-civilians',
    ]);
    expect(statement.summaries).toEqual(seed.summaries);
    expect(statement.paragraphs[5]!.themes).toEqual(['protection-of-civilians']);
  });

  it('lets a forum that is the title follow a title corrected by hand, reporting only the title', () => {
    // The documents name no forum, so the forum is the title; the file was written with
    // `forum: *alias` of the title, so correcting the title changed the forum too.
    const fresh = { ...seed, forum: seed.title };
    const corrected = { en: 'Canada at the dialogue on the Responsibility to Protect', fr: seed.title.fr };
    const existing = { ...seed, title: corrected, forum: { ...corrected } };
    const { statement, kept } = mergeStatement(existing, fresh);
    expect(kept).toEqual([
      `title: ${inWords(corrected)}, kept as in the file (the documents say ${inWords(seed.title)})`,
    ]);
    expect(statement.title).toEqual(corrected);
    expect(statement.forum).toEqual(corrected);
    // A forum edited by hand to something else is the person's work: kept, and said so.
    const forum = { en: 'Informal interactive dialogue', fr: 'Dialogue interactif informel' };
    const edited = mergeStatement({ ...existing, forum }, fresh);
    expect(edited.statement.forum).toEqual(forum);
    expect(edited.kept).toContain(
      `forum: ${inWords(forum)}, kept as in the file (the documents say ${inWords(seed.title)})`,
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
