import { describe, expect, it } from 'vitest';
import { buildQuote, markTerms, splitSentences } from '../../src/core/quote.ts';

const sentences = (text: string, language: 'fr' | 'en') =>
  splitSentences(text, language).map(({ start, end }) => text.slice(start, end).trim());

describe('quotes', () => {
  it('splits sentences without breaking after Mr. or M.', () => {
    expect(sentences('Mr. President, thank you. We agree with Dr. Smith.', 'en')).toEqual([
      'Mr. President, thank you.',
      'We agree with Dr. Smith.',
    ]);
    expect(sentences('M. Guterres a raison. Nous agissons.', 'fr')).toEqual([
      'M. Guterres a raison.',
      'Nous agissons.',
    ]);
  });

  it('marks the words whose terms matched, whatever their form', () => {
    const text = 'Les opérations de paix et le maintien de la paix.';
    const marks = markTerms(text, 'fr', new Set(['oper', 'paix']));
    expect(marks.map(([s, e]) => text.slice(s, e))).toEqual(['opérations', 'paix', 'paix']);
  });

  it('quotes the best sentence of a long paragraph, cut with an ellipsis, and the same sentence of the counterpart', () => {
    const en = `${'Canada supports many things in many places. '.repeat(6)}We back the veto restraint code. ${'More words follow here. '.repeat(6)}`;
    const fr = `${'Le Canada appuie beaucoup de choses. '.repeat(6)}Nous appuyons le code sur le veto. ${'Encore des mots ici. '.repeat(6)}`;
    const built = buildQuote(
      { text: en.trim(), origin: 'delivered', language: 'en' },
      { text: fr.trim(), origin: 'translation', language: 'fr' },
      { en: new Set(['veto']), fr: new Set(['veto']) },
    );
    expect(built.partial).toBe(true);
    expect(built.quote.text).toBe('… We back the veto restraint code. …');
    expect(built.counterpart?.text).toBe('… Nous appuyons le code sur le veto. …');
    const [[s, e]] = built.quote.marks as [[number, number]];
    expect(built.quote.text.slice(s, e)).toBe('veto');
  });

  it('never exceeds the length limit for a single very long sentence', () => {
    const text = `${'word '.repeat(200)}veto ${'word '.repeat(200)}`.trim();
    const built = buildQuote({ text, origin: 'delivered', language: 'en' }, undefined, {
      en: new Set(['veto']),
      fr: new Set(),
    });
    expect(built.quote.text.length).toBeLessThanOrEqual(320 + 4);
    expect(built.quote.text).toContain('veto');
  });
});
