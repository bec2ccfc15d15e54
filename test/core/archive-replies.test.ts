import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/core/answer.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import type { Reply } from '../../src/core/reply.ts';
import { loadArchiveKnowledge } from '../relevance/evaluate.ts';
import { seedKnowledge } from '../support/knowledge.ts';

let archive: Knowledge;
let seed: Knowledge;
beforeAll(async () => {
  archive = await loadArchiveKnowledge();
  seed = await seedKnowledge();
});

const as = <K extends Reply['kind']>(reply: Reply, kind: K) => {
  expect(reply.kind).toBe(kind);
  return reply as Extract<Reply, { kind: K }>;
};

describe('a paragraph number in an archive', () => {
  it('is the newest statement’s that has it, saying so and naming the others', () => {
    const reply = as(answer('para 9', archive), 'paragraph');
    const having = archive.statements.filter((s) => s.paragraphs.some((p) => p.n === 9));
    expect(reply.statement).toBe(having[0]!.id);
    expect(reply.chosen).toBe('newest');
    expect(reply.archive).toBe(true);
    expect(reply.others?.map((other) => other.id)).toEqual(having.slice(1, 6).map((s) => s.id));
  });

  it('is the conversation’s statement when it has it, and the one in: names', () => {
    const talked = as(answer('para 9', archive, { conversation: 'sg-un-day-2019-10-24' }), 'paragraph');
    expect(talked.statement).toBe('sg-un-day-2019-10-24');
    expect(talked.chosen).toBe('conversation');
    expect(talked.others).toBeUndefined();
    const named = as(answer('para 9 in:sg-un-day-2018-10-24', archive), 'paragraph');
    expect(named.statement).toBe('sg-un-day-2018-10-24');
    expect(named.chosen).toBeUndefined();
    // A conversation about a statement without that paragraph falls back to the newest that has it.
    const fallback = as(answer('para 20', archive, { conversation: 'sg-un-day-2019-10-24' }), 'paragraph');
    expect(fallback.statement).toBe('canada-r2p-dialogue-2016-09-06');
  });

  it('that no statement has is said so', () => {
    expect(as(answer('para 99', archive), 'error').message).toBe('No statement loaded has a ¶99.');
  });

  it('is answered as before when one statement is loaded: no archive flag, no choice', () => {
    const reply = as(answer('para 3', seed), 'paragraph');
    expect(reply.archive).toBeUndefined();
    expect(reply.chosen).toBeUndefined();
  });
});

describe('themes across an archive', () => {
  it('say which statements speak of each theme, newest first, and where', () => {
    const reply = as(answer('themes', archive), 'archive-themes');
    expect(reply.statements).toBe(archive.statements.length);
    const veto = reply.themes.find((theme) => theme.id === 'veto-restraint')!;
    expect(veto.statements.map((s) => s.id)).toEqual(['canada-r2p-dialogue-2016-09-06']);
    expect(veto.statements[0]!.paragraphs).toEqual([13, 14]);
    for (const theme of reply.themes) {
      const dates = theme.statements.map((s) => s.date);
      expect(dates).toEqual([...dates].sort().reverse());
    }
  });

  it('summarise a theme in each statement that speaks of it, each cited; in: keeps one statement', () => {
    const across = as(answer('theme veto', archive), 'archive-theme');
    expect(across.total).toBe(1);
    expect(across.statements[0]!.statement.id).toBe('canada-r2p-dialogue-2016-09-06');
    expect(across.statements[0]!.quote.citation).toMatch(/¶1[34]$/);
    const one = as(answer('theme veto in:r2p', archive), 'theme');
    expect(one.archive).toBe(true);
    expect(one.paragraphs).toEqual([13, 14]);
  });
});

describe('what was said over time', () => {
  it('is the best passage of each statement that speaks of it, newest first', () => {
    const reply = as(answer('history human rights', archive, { limit: 10 }), 'history');
    const statements = reply.results.map((result) => result.statement);
    expect(new Set(statements).size).toBe(statements.length);
    expect(reply.total).toBeGreaterThanOrEqual(3);
    const dates = reply.results.map((result) => result.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('is paged, and in French with historique', () => {
    const first = as(answer('historique droits de la personne', archive, { limit: 1 }), 'history');
    expect(first.language).toBe('fr');
    expect(first.results.length).toBe(3);
    const next = as(answer('historique droits de la personne', archive, { limit: 1, offset: 3 }), 'history');
    expect(next.results[0]?.statement).not.toBe(first.results[0]?.statement);
  });
});

describe('the list of statements', () => {
  it('narrows to a year, to words of titles and occasions, and pages', () => {
    const year = as(answer('statements 2023', archive), 'statements');
    expect(year.total).toBe(3);
    expect(year.statements.every((s) => s.date.startsWith('2023'))).toBe(true);
    const peace = as(answer('déclarations journée de la paix', archive), 'statements');
    expect(peace.language).toBe('fr');
    expect(peace.total).toBe(5);
    const page = as(answer('statements', archive, { limit: 1, offset: 10 }), 'statements');
    expect(page.total).toBe(12);
    expect(page.statements.length).toBe(2);
    expect(as(answer('statements zzzz', archive), 'statements').total).toBe(0);
  });
});
