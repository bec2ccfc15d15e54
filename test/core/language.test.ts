import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerOptions, answer } from '../../src/core/answer.ts';
import { parseCommand } from '../../src/core/command.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { localeLanguage, resolveLanguage } from '../../src/core/language.ts';
import { seedKnowledge } from '../support/knowledge.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
});

/** The reply's language, and the language of the first quote shown when there is one. */
const languages = (text: string, options: Partial<AnswerOptions> = {}) => {
  const reply = answer(text, knowledge, options);
  return [reply.language, reply.kind === 'quotes' ? reply.results[0]?.quote.language : undefined];
};

describe('the language of an answer', () => {
  it.each([
    ['aide', {}, 'fr'],
    ['thèmes', {}, 'fr'],
    ['thème veto', {}, 'fr'],
    ['déclarations', {}, 'fr'],
    ['paragraphe 3', {}, 'fr'],
    ['CSNU', {}, 'fr'],
    ['ONU', {}, 'fr'],
    ['OMP', {}, 'fr'],
    ['securite', {}, 'fr'],
    ['conseil securite', {}, 'fr'],
    ['maintien de la paix', {}, 'fr'],
    ['casques bleus', {}, 'fr'],
    ['six cents militaires', {}, 'fr'],
    ['Syrie', {}, 'fr'],
    ['help', { interface: 'fr' }, 'en'],
    ['statements', { interface: 'fr' }, 'en'],
    ['paragraph 3', { interface: 'fr' }, 'en'],
    ['UNSC', {}, 'en'],
    ['Security Council', { interface: 'fr' }, 'en'],
    ['peacekeeping training', {}, 'en'],
    ['the veto', { locale: 'fr' }, 'en'],
    ['Syria', {}, 'en'],
    ['veto lang:fr', { interface: 'en' }, 'fr'],
    ['maintien de la paix en', {}, 'en'],
    ['veto', { chosen: 'fr', interface: 'en' }, 'fr'],
    ['R2P', { interface: 'fr' }, 'fr'],
    ['veto', { interface: 'fr' }, 'fr'],
    ['veto', { locale: 'fr' }, 'fr'],
    ['veto', { interface: 'en', locale: 'fr' }, 'en'],
    ['para 3', { locale: 'fr' }, 'fr'],
  ] as const)('%j with %j answers in %s', (text, options, expected) => {
    const [reply, first] = languages(text, options as Partial<AnswerOptions>);
    expect(reply).toBe(expected);
    if (first !== undefined) expect(first).toBe(expected);
  });

  it('shows each passage in its delivered language when nothing says which language', () => {
    const reply = answer('R2P', knowledge);
    if (reply.kind !== 'quotes') throw new Error(reply.kind);
    expect(reply.results.length).toBeGreaterThan(1);
    for (const result of reply.results) expect(result.quote.language).toBe(result.delivered);
  });

  it('follows one precedence: typed, command word, query, interface, locale', () => {
    expect(resolveLanguage({ typed: 'en', said: 'fr', query: 'fr', interface: 'fr', locale: 'fr' })).toBe(
      'en',
    );
    expect(resolveLanguage({ said: 'fr', query: 'en', interface: 'en' })).toBe('fr');
    expect(resolveLanguage({ query: 'en', interface: 'fr', locale: 'fr' })).toBe('en');
    expect(resolveLanguage({ interface: 'fr', locale: 'en' })).toBe('fr');
    expect(resolveLanguage({ locale: 'fr' })).toBe('fr');
    expect(resolveLanguage({})).toBeUndefined();
    expect(localeLanguage('fr_CA.UTF-8')).toBe('fr');
    expect(localeLanguage('C.UTF-8')).toBeUndefined();
  });
});

describe('paragraph commands typed on a phone', () => {
  it.each([
    ['para 14', 14],
    ['para14', 14],
    ['p14', 14],
    ['p.14', 14],
    ['P 14', 14],
    ['¶14', 14],
    ['¶ 14', 14],
    ['§ 14', 14],
    ['§14', 14],
    ['#14', 14],
    ['paragraph 14', 14],
    ['paragraphe 14', 14],
    ['par. 14', 14],
  ])('%j is paragraph %i', (text, n) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'paragraph', n });
  });

  it.each([
    ['para 10-14'],
    ['para 10 - 14'],
    ['para 10 à 14'],
    ['para 10 a 14'],
    ['para 10 to 14'],
    ['paras 10-14'],
    ['paragraphs 10 to 14'],
    ['paragraphes 10 à 14'],
    ['pp. 10-14'],
    ['¶10–14'],
    ['¶ 10-14'],
    ['§10-14'],
  ])('%j is paragraphs 10 to 14', (text) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'range', filters: { range: [10, 14] } });
  });

  it('answers each form with the paragraph, not "no passage matches"', () => {
    for (const text of ['p14', 'paragraphe 14', '§ 14', 'para 10 to 14']) {
      const reply = answer(text, knowledge);
      expect(['paragraph', 'quotes'], text).toContain(reply.kind);
      if (reply.kind === 'quotes') expect(reply.mode).toBe('range');
    }
  });
});
