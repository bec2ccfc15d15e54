import { beforeAll, describe, expect, it } from 'vitest';
import { toText } from '../src/cli/render-text.ts';
import { answer } from '../src/core/answer.ts';
import type { Knowledge } from '../src/core/knowledge-base.ts';
import { overviewReply } from '../src/core/replies/overview.ts';
import type { Reply } from '../src/core/reply.ts';
import { toMessage } from '../src/slack/blocks.ts';
import { loadArchiveKnowledge } from './relevance/evaluate.ts';
import { seedKnowledge } from './support/knowledge.ts';

let knowledge: Knowledge;
let archive: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
  archive = await loadArchiveKnowledge();
});

/** Over an archive: what only several statements make, and each answer naming its statement. */
const archiveKinds: Array<[Reply['kind'], string, string[]]> = [
  ['history', 'history ceasefire', ['over time', 'in:sg-peace-day-2020-09-21', '21 September 2020']],
  ['archive-themes', 'themes', ['Themes across 12 statements', 'in:canada-r2p-dialogue-2016-09-06']],
  ['archive-theme', 'theme veto', ['Veto restraint', 'in:canada-r2p-dialogue-2016-09-06']],
  ['paragraph', 'para 3', ['in:pm-peace-day-2024-09-21', 'The newest statement with a ¶3.']],
  [
    'quotes',
    'un day 2019 climate',
    ['in:sg-un-day-2019-10-24', 'Statements of 2019 · un day first', 'Searched for “un day climate”'],
  ],
  ['statements', 'statements 2023', ['3 statements for “2023”', '2023', 'in:sg-un-day-2023-10-24']],
];

/** One command per kind of reply, and what both renderers must show of it. */
const kinds: Array<[Reply['kind'], string, string[]]> = [
  ['quotes', 'veto', ['¶14', 'suspension of the', 'FR']],
  [
    'paragraph',
    'para 3',
    ['¶3', "L'idée de la responsabilité de protéger", 'Responsibility to Protect, as a concept'],
  ],
  ['themes', 'themes', ['Veto restraint', '■']],
  ['theme', 'thème veto', ['Retenue dans l', 'Trop souvent']],
  ['help', 'aide', ['Retrouver ce que le Canada a dit', 'paragraphe 14']],
  ['error', 'para 99', ['¶99', '¶22']],
  ['statements', 'statements', ['1 statement loaded', 'in:canada-r2p-dialogue-2016-09-06']],
];

describe('both renderers draw every kind of reply', () => {
  it.each(kinds)('%s (%j)', (kind, command, shown) => {
    const reply = answer(command, knowledge);
    expect(reply.kind).toBe(kind);
    const text = toText(reply);
    const slack = JSON.stringify(toMessage(reply).blocks);
    for (const piece of shown) {
      expect(text, `terminal: ${piece}`).toContain(piece);
      expect(slack, `Slack: ${piece}`).toContain(piece.replace(/_/g, 'ˍ'));
    }
  });

  it('overview (the App Home)', () => {
    const reply = overviewReply(knowledge.statements, knowledge.themes, 'fr');
    const text = toText(reply);
    const slack = JSON.stringify(toMessage(reply).blocks);
    for (const piece of ['Déclarations chargées', '(1)', 'Retenue dans l', 'opérations de paix']) {
      expect(text, `terminal: ${piece}`).toContain(piece);
      expect(slack, `Slack: ${piece}`).toContain(piece);
    }
    // Slack shows each example as the command of its language.
    expect(slack).toContain('/citation opérations de paix');
    expect(slack).toContain('/quote peacekeeper training');
  });

  it('says who added a statement from Slack, and when, under its paragraph', () => {
    const added = { from: 'slack' as const, by: 'U0EDITOR', at: '2026-11-30T09:05:00.000Z' };
    const withAdded: Knowledge = {
      ...knowledge,
      paragraphs: new Map(
        [...knowledge.paragraphs].map(([id, record]) => [
          id,
          { ...record, statement: { ...record.statement, added } },
        ]),
      ),
    };
    const reply = answer('para 3', withAdded);
    expect(toText(reply)).toContain('Added from Slack by U0EDITOR, 30 November 2026, 09:05 UTC');
    expect(JSON.stringify(toMessage(reply).blocks)).toContain(
      'Added from Slack by <@U0EDITOR>, 30 November 2026, 09:05 UTC',
    );
    const french = answer('paragraphe 3', withAdded);
    expect(toText(french)).toContain('Ajoutée depuis Slack par U0EDITOR, le 30 novembre 2026, 9 h 05 UTC');
    // Without it, nothing is said.
    expect(toText(answer('para 3', knowledge))).not.toContain('Added from Slack');
  });

  it.each(archiveKinds)('over an archive: %s (%j)', (kind, command, shown) => {
    const reply = answer(command, archive);
    expect(reply.kind).toBe(kind);
    const text = toText(reply);
    const slack = JSON.stringify(toMessage(reply).blocks);
    for (const piece of shown) {
      expect(text, `terminal: ${piece}`).toContain(piece);
      expect(slack, `Slack: ${piece}`).toContain(piece);
    }
  });

  it('covers every kind the Reply type has', () => {
    const covered = new Set<Reply['kind']>([
      ...kinds.map(([kind]) => kind),
      ...archiveKinds.map(([kind]) => kind),
      'overview',
    ]);
    const all: Record<Reply['kind'], true> = {
      quotes: true,
      paragraph: true,
      themes: true,
      theme: true,
      help: true,
      error: true,
      statements: true,
      overview: true,
      history: true,
      'archive-themes': true,
      'archive-theme': true,
    };
    expect([...covered].sort()).toEqual(Object.keys(all).sort());
  });
});
