import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/core/answer.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import type { Reply } from '../../src/core/reply.ts';
import { seedKnowledge, seedStatementId } from '../support/knowledge.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
});

const quotes = (reply: Reply) => {
  if (reply.kind !== 'quotes')
    throw new Error(`expected quotes, got ${reply.kind}: ${JSON.stringify(reply)}`);
  return reply;
};
const marked = (text: string | null, marks: Array<[number, number]>) =>
  marks.map(([s, e]) => text!.slice(s, e));

describe('answer', () => {
  it('answers "veto" with ¶14 as delivered in English, its French translation and the citation', () => {
    const reply = quotes(answer('veto', knowledge));
    const [first] = reply.results;
    expect(first).toMatchObject({
      statement: seedStatementId,
      paragraph: 14,
      delivered: 'en',
      quote: { language: 'en', origin: 'delivered' },
      counterpart: { language: 'fr', origin: 'translation' },
      citation:
        'Canada, UN General Assembly informal interactive dialogue on the Responsibility to Protect, New York, 6 September 2016, ¶14',
    });
    expect(first!.quote.text).toContain('suspension of the veto');
    expect(first!.counterpart.text).toContain('suspension du veto');
    expect(marked(first!.quote.text, first!.quote.marks)).toEqual(['veto']);
    expect(marked(first!.counterpart.text, first!.counterpart.marks)).toEqual(['veto']);
  });

  it('answers a French query in French first, with the French citation, even for an English-delivered paragraph', () => {
    const reply = quotes(answer('conseil de sécurité', knowledge));
    expect(reply.language).toBe('fr');
    const [first] = reply.results;
    expect(first).toMatchObject({ paragraph: 11, quote: { language: 'fr', origin: 'translation' } });
    expect(first!.counterpart).toMatchObject({ language: 'en', origin: 'delivered' });
    expect(first!.citation).toBe(
      "Canada, Dialogue interactif informel de l'Assemblée générale des Nations Unies sur la responsabilité de protéger, New York, 6 septembre 2016, ¶11",
    );
    expect(marked(first!.counterpart.text, first!.counterpart.marks)).toEqual(['Security', 'Council']);
  });

  it('shows the language asked with lang:, whatever the query', () => {
    const reply = quotes(answer('veto lang:fr', knowledge));
    expect(reply.results[0]!.quote.language).toBe('fr');
    expect(reply.language).toBe('fr');
  });

  it('answers para 14, ¶14, §14 and #14 with the paragraph in both languages', () => {
    for (const text of ['para 14', '¶14', '§14', '#14']) {
      const reply = answer(text, knowledge);
      expect(reply).toMatchObject({
        kind: 'paragraph',
        paragraph: 14,
        delivered: 'en',
        en: { origin: 'delivered' },
        fr: { origin: 'translation' },
      });
    }
  });

  it('answers a paragraph that does not exist with a friendly error', () => {
    const reply = answer('para 99', knowledge);
    expect(reply).toMatchObject({ kind: 'error' });
    expect(reply.kind === 'error' && reply.message).toMatch(/no ¶99.*¶1 to ¶22/);
  });

  it('answers a run of paragraphs in order', () => {
    const reply = quotes(answer('¶10-12', knowledge));
    expect(reply.results.map((result) => result.paragraph)).toEqual([10, 11, 12]);
    expect(reply.mode).toBe('range');
  });

  it('limits a search to a range of paragraphs', () => {
    const reply = quotes(answer('peace operations ¶15-22', knowledge));
    expect(reply.results.length).toBeGreaterThan(0);
    for (const result of reply.results) expect(result.paragraph).toBeGreaterThanOrEqual(15);
  });

  it('answers help and aide in their language', () => {
    expect(answer('help', knowledge)).toMatchObject({ kind: 'help', language: 'en' });
    expect(answer('aide lang:fr', knowledge)).toMatchObject({ kind: 'help', language: 'fr' });
    expect(answer('', knowledge).kind).toBe('help');
  });

  it('refuses an unknown filter with a message that lists the filters', () => {
    const reply = answer('veto colour:blue', knowledge);
    expect(reply.kind).toBe('error');
    expect(reply.kind === 'error' && reply.message).toContain('lang:, in:, from:, to:');
  });

  it('refuses a statement filter that matches nothing, naming the statements it knows', () => {
    const reply = answer('veto in:climate', knowledge);
    expect(reply.kind === 'error' && reply.message).toContain(seedStatementId);
  });

  it('finds nothing outside the dates asked', () => {
    expect(answer('veto from:2020', knowledge).kind).toBe('error');
    expect(quotes(answer('veto from:2016 to:2016-12', knowledge)).results[0]?.paragraph).toBe(14);
  });

  it('offers corpus words when nothing matches', () => {
    const reply = quotes(answer('kigaloxx', knowledge));
    expect(reply.results).toEqual([]);
    expect(reply.suggestions).toContain('Kigali');
  });

  it('pages through results with an offset', () => {
    const all = quotes(answer('peace', knowledge, { limit: 50 }));
    const second = quotes(answer('peace', knowledge, { limit: 2, offset: 2 }));
    expect(second.total).toBe(all.total);
    expect(second.results.map((r) => r.paragraph)).toEqual(all.results.slice(2, 4).map((r) => r.paragraph));
  });

  it('lists the loaded statements', () => {
    expect(answer('statements', knowledge)).toMatchObject({
      kind: 'statements',
      statements: [{ id: seedStatementId, date: '2016-09-06', paragraphs: 22 }],
    });
  });

  it('shows where each text of a paragraph comes from: the published official version, never for a translation', () => {
    const reply = answer('para 3', knowledge);
    if (reply.kind !== 'paragraph') throw new Error(reply.kind);
    expect(reply.en.origin).toBe('official');
    expect(reply.sources.map((source) => [source.kind, source.language])).toEqual([
      ['delivered', 'fr'],
      ['official', 'en'],
    ]);
    expect(reply.sources[1]!.url).toMatch(/^https:\/\/international\.gc\.ca\/.*lang=eng$/);
    const translated = answer('para 14', knowledge);
    if (translated.kind !== 'paragraph') throw new Error(translated.kind);
    expect(translated.fr.origin).toBe('translation');
    expect(translated.sources.every((source) => source.language === 'en')).toBe(true);
  });

  it('searches the words of a glossary term one by one when the term as a whole matches nothing', () => {
    const reply = quotes(answer('veto restraint', knowledge));
    expect(reply.mode).toBe('some');
    expect(reply.results[0]?.paragraph).toBe(14);
  });
});
