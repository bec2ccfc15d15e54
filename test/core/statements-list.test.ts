import { beforeAll, describe, expect, it } from 'vitest';
import { toText } from '../../src/cli/render-text.ts';
import type { Statement } from '../../src/core/corpus.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { listedForum, statementsReply } from '../../src/core/replies/statements.ts';
import { toMessage } from '../../src/slack/blocks.ts';
import { seedKnowledge } from '../support/knowledge.ts';

let knowledge: Knowledge;
let seed: Statement;
/** A statement added with no forum in its title block: its forum is its long title. */
let added: Statement;
const title = {
  en: 'Statement by the Prime Minister of Canada on the terrorist attack in London',
  fr: "Déclaration du premier ministre du Canada au sujet de l'attentat terroriste survenu à Londres",
};

beforeAll(async () => {
  knowledge = await seedKnowledge();
  seed = knowledge.statements[0]!;
  added = {
    ...seed,
    id: 'canada-prime-minister-terrorist-2017-06-04',
    date: '2017-06-04',
    title,
    forum: title,
  };
});

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('the list of statements', () => {
  it('names the forum only where it says more than the title', () => {
    expect(listedForum(seed, 'en')).toBe(seed.forum.en);
    expect(listedForum(added, 'en')).toBeUndefined();
    expect(listedForum(added, 'fr')).toBeUndefined();
    // The same words, however spaced or cased, are the title again.
    expect(
      listedForum({ title, forum: { en: ` ${title.en.toUpperCase()}`, fr: title.fr } }, 'en'),
    ).toBeUndefined();
    // A forum that differs in one language only is shown in that language.
    const half = { title, forum: { en: title.en, fr: 'Chambre des communes' } };
    expect([listedForum(half, 'en'), listedForum(half, 'fr')]).toEqual([undefined, 'Chambre des communes']);
  });

  it('shows a title the forum defaults to once per entry, in the terminal and in Slack, in both languages', () => {
    for (const language of ['en', 'fr'] as const) {
      const reply = statementsReply([added, seed], knowledge, language, { offset: 0, limit: 10 });
      const text = toText(reply, { width: 400 });
      expect(occurrences(text, title[language]), language).toBe(1);
      expect(occurrences(text, seed.title[language]), language).toBe(1);
      expect(occurrences(text, seed.forum[language]), language).toBe(1);
      const blocks = JSON.stringify(toMessage(reply).blocks);
      expect(occurrences(blocks, title[language]), language).toBe(1);
      expect(occurrences(blocks, seed.forum[language]), language).toBe(1);
    }
  });

  it('keeps the forum in the JSON, where nothing is shown twice', () => {
    const reply = statementsReply([added], knowledge, 'en', { offset: 0, limit: 10 });
    expect(reply.kind === 'statements' && reply.statements[0]!.forum).toEqual(title);
  });
});
