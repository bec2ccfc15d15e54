import { beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../../src/core/knowledge-base.ts';
import { phraseMatcher } from '../../../src/core/search/positions.ts';
import { searchQuotes } from '../../../src/core/search/search.ts';
import { seedKnowledge } from '../../support/knowledge.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
});

const ranked = (query: string) => searchQuotes(query, knowledge).hits.map((hit) => hit.paragraph.n);

describe('searchQuotes', () => {
  it('finds an English-delivered paragraph from a French query through its translation, and the reverse', () => {
    expect(ranked('faiblesses institutionnelles')[0]).toBe(15);
    expect(ranked('kigali principles framework')[0]).toBe(8);
  });

  it('prefers paragraphs holding every word, and falls back to some words', () => {
    const all = searchQuotes('peace operations priority', knowledge);
    expect(all.mode).toBe('all');
    expect(all.hits.map((hit) => hit.paragraph.n)).toEqual([6]);
    const some = searchQuotes('veto zanzibar', knowledge);
    expect(some.mode).toBe('some');
    expect(some.hits[0]?.paragraph.n).toBe(14);
  });

  it('ranks a paragraph whose words stand together above one where they are apart', () => {
    // ¶21 has "civilian protection" side by side; ¶11 has "civilian protection" too, ¶16 has "protection of civilians".
    const order = ranked('civilian protection training');
    expect(order[0]).toBe(21);
  });

  it('expands glossary terms both ways', () => {
    expect(ranked('CSNU')).toEqual([11]);
    expect(ranked('UNSC')).toEqual([11]);
    expect(ranked('PSOPs')).toEqual([21]);
    expect(
      ranked('Casques bleus')
        .slice(0, 2)
        .sort((a, b) => a - b),
    ).toEqual([9, 10]);
  });

  it('matches hyphenated words written with a hyphen, a space, or joined', () => {
    for (const query of ['system-wide', 'system wide', 'systemwide']) expect(ranked(query)[0]).toBe(12);
  });

  it('forgives typos and half-typed words, and only where exact matching finds nothing', () => {
    expect(ranked('Kigalli')).toEqual([8]);
    expect(ranked('divisiv')).toEqual([13]);
    expect(ranked('peace')).not.toContain(17); // "piece" is not "peace": no fuzzy when the word exists
  });

  it('keeps a phrase query to paragraphs holding the phrase', () => {
    const outcome = searchQuotes('"political commitments"', knowledge);
    expect(outcome.hits.map((hit) => hit.paragraph.n)).toEqual([15]);
    expect(outcome.hits[0]?.phraseLanguages).toEqual(['en']);
    expect(ranked('"commitments political"')).toEqual([]);
  });

  it('guesses the query language without excluding the other', () => {
    expect(searchQuotes('operations de paix', knowledge).language).toBe('fr');
    expect(searchQuotes('R2P reality', knowledge).language).toBe('en');
    expect(searchQuotes('veto', knowledge).language).toBeUndefined();
  });

  it('compares phrases after folding accents and elisions, from the forward index', () => {
    const french = knowledge.index.postings.fr;
    const docsWith = (text: string) =>
      knowledge.index.ids.flatMap((id, doc) =>
        knowledge.paragraphs.get(id)!.text.fr?.text.includes(text) ? [doc] : [],
      );
    const council = docsWith('Conseil de sécurité');
    const troops = docsWith("jusqu'à 600 militaires");
    expect(council.length).toBeGreaterThan(0);
    expect(troops.length).toBeGreaterThan(0);
    for (const doc of council) {
      expect(phraseMatcher(french, ['conseil', 'de', 'securite'])(doc)).toBe(true);
      expect(phraseMatcher(french, ['securite', 'de', 'conseil'])(doc)).toBe(false);
    }
    for (const doc of troops) expect(phraseMatcher(french, ['a', '600', 'militaires'])(doc)).toBe(true);
    expect(phraseMatcher(french, ['conseil', 'zanzibar'])(council[0]!)).toBe(false);
  });
});
