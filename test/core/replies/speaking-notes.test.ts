import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../../src/core/answer.ts';
import type { Knowledge } from '../../../src/core/knowledge-base.ts';
import { notedQuotes, toSpeakingNotes } from '../../../src/core/replies/speaking-notes.ts';
import { seedKnowledge, seedStatementId } from '../../support/knowledge.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
});

/** The real seed, with one paragraph's counterpart not available yet (as a statement added in one language has). */
const withoutCounterpart = (n: number): Knowledge => ({
  ...knowledge,
  paragraphs: new Map(
    [...knowledge.paragraphs].map(([id, record]) => [
      id,
      record.n === n
        ? { ...record, text: { ...record.text, [record.delivered === 'en' ? 'fr' : 'en']: undefined } }
        : record,
    ]),
  ),
});

const veto = {
  en: "That is why Canada supports both the ACT's Code of Conduct and the France-Mexico Political Declaration on suspension of the veto in situations involving mass atrocity crimes.",
  fr: "C'est pourquoi le Canada appuie à la fois le Code de conduite du Groupe ACT et la déclaration politique de la France et du Mexique sur la suspension du veto en cas d'atrocités criminelles de masse.",
  citation: {
    en: 'Canada, UN General Assembly informal interactive dialogue on the Responsibility to Protect, New York, 6 September 2016, ¶14',
    fr: "Canada, Dialogue interactif informel de l'Assemblée générale des Nations Unies sur la responsabilité de protéger, New York, 6 septembre 2016, ¶14",
  },
};

const only = (text: string, options = {}) => {
  const reply = answer(text, knowledge, { limit: 1, ...options });
  const [noted] = notedQuotes(reply);
  if (!noted) throw new Error(`no quote in ${JSON.stringify(reply)}`);
  return { reply, noted };
};

describe('speaking notes', () => {
  it('gives the quote and its citation, a blank line between, nothing else', () => {
    const { reply, noted } = only('veto');
    expect(noted.paragraph).toBe(`${seedStatementId}#14`);
    expect(toSpeakingNotes(noted, reply.language, false)).toBe(`${veto.en}\n\n${veto.citation.en}`);
  });

  it('adds the counterpart when asked, marking the translation as one in words', () => {
    const { reply, noted } = only('veto');
    expect(toSpeakingNotes(noted, reply.language, true)).toBe(
      `${veto.en}\n\n${veto.fr} (translation)\n\n${veto.citation.en}`,
    );
  });

  it('marks a translation shown first as one, in French for a French answer, even without its counterpart', () => {
    const { reply, noted } = only('veto', { interface: 'fr' });
    expect(reply.language).toBe('fr');
    expect(noted.quote.origin).toBe('translation');
    expect(toSpeakingNotes(noted, 'fr', false)).toBe(`${veto.fr} (traduction)\n\n${veto.citation.fr}`);
    expect(toSpeakingNotes(noted, 'fr', true)).toBe(
      `${veto.fr} (traduction)\n\n${veto.en}\n\n${veto.citation.fr}`,
    );
  });

  it('never calls an official version or a delivered text a translation', () => {
    const { reply, noted } = only('para 3');
    expect(reply.kind).toBe('paragraph');
    expect([noted.quote.origin, noted.counterpart.origin].sort()).toEqual(['delivered', 'official']);
    const notes = toSpeakingNotes(noted, reply.language, true);
    expect(notes).toBe(
      `Responsibility to Protect, as a concept, has come a long way.\n\nL'idée de la responsabilité de protéger a fait beaucoup de progrès.\n\n${veto.citation.en.replace('¶14', '¶3')}`,
    );
    expect(notes).not.toMatch(/translation|traduction|official|officielle/i);
  });

  it('gives the quote and its citation alone when the counterpart is not available yet, whatever is asked', () => {
    const missing = withoutCounterpart(14);
    const expected = `${veto.en}\n\n${veto.citation.en}`;
    for (const text of ['¶14-14', 'para 14']) {
      const reply = answer(text, missing, { interface: 'en' });
      const [noted] = notedQuotes(reply);
      expect(noted!.counterpart.text, text).toBeNull();
      expect(toSpeakingNotes(noted!, 'en', true)).toBe(expected);
      expect(toSpeakingNotes(noted!, 'en', false)).toBe(expected);
    }
    // A paragraph asked in the language it lacks: its one text, as delivered, is the quote.
    const french = notedQuotes(answer('para 14', missing, { interface: 'fr' }))[0]!;
    expect(french.quote).toMatchObject({ language: 'en', origin: 'delivered', text: veto.en });
    expect(toSpeakingNotes(french, 'fr', true)).toBe(`${veto.en}\n\n${veto.citation.fr}`);
  });

  it('holds no markup, label, button text or emoji, for any quote an answer shows', () => {
    let checked = 0;
    for (const text of ['veto', 'peace operations', 'conseil de securite', 'para 3', '¶1-22', 'theme veto']) {
      for (const language of ['en', 'fr'] as const) {
        const reply = answer(text, knowledge, { limit: 22, interface: language });
        for (const noted of notedQuotes(reply)) {
          for (const withCounterpart of [false, true]) {
            const notes = toSpeakingNotes(noted, reply.language, withCounterpart);
            expect(notes).not.toMatch(/[*_>`~<]/);
            expect(notes).not.toMatch(/\p{Extended_Pictographic}/u);
            expect(notes).not.toMatch(
              /\b(?:EN|FR) ·|Counterpart|Équivalent|Speaking notes|Notes d’allocution/i,
            );
            expect(notes.endsWith(noted.citation)).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('finds the quotes of every kind of answer that shows some, in the order shown', () => {
    expect(notedQuotes(answer('theme veto', knowledge)).map((noted) => noted.paragraph)).toEqual(
      (answer('theme veto', knowledge) as { quotes: Array<{ paragraph: number }> }).quotes.map(
        (quote) => `${seedStatementId}#${quote.paragraph}`,
      ),
    );
    expect(notedQuotes(answer('¶13-14', knowledge)).map((noted) => noted.paragraph)).toEqual([
      `${seedStatementId}#13`,
      `${seedStatementId}#14`,
    ]);
    for (const text of ['themes', 'help', 'statements', 'zzzz', 'para 99'])
      expect(notedQuotes(answer(text, knowledge))).toEqual([]);
  });
});
