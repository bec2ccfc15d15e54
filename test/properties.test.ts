import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toText } from '../src/cli/render-text.ts';
import { answer, answerRelated } from '../src/core/answer.ts';
import { parseCommand } from '../src/core/command.ts';
import { maxCommandLength } from '../src/core/input.ts';
import type { Knowledge } from '../src/core/knowledge-base.ts';
import { blockLimits, toMessage } from '../src/slack/blocks.ts';
import { stripSlackMarkup } from '../src/slack/escape.ts';
import { seedKnowledge } from './support/knowledge.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
});

/** Pieces delegates (or anyone) might paste: Slack markup, mrkdwn markers, control and bidi characters, code-like text. */
const pieces = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123ABC>',
  '<@U0QUOTES|quotes>',
  '<#C123|general>',
  '<http://x|y>',
  '<https://evil.example/login|Open the agenda>',
  '<mailto:a@b.c|mail>',
  '*',
  '_',
  '~',
  '`',
  '```',
  '>',
  '&',
  '&amp;',
  '&lt;',
  '\u200b',
  '\u200f',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\u0000',
  '\u001b[31m',
  '\t',
  '\n',
  '😀',
  '🇨🇦',
  'é',
  'œ',
  'ß',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: regex and template metacharacters are the point here.
  '.*+?^${}()|[]\\',
  '((',
  ']]',
  '"',
  '«',
  '»',
  '“',
  "'",
  '’',
  '<script>alert(1)</script>',
  "'; DROP TABLE statements; --",
  'veto',
  'para',
  '14',
  '¶',
  '§',
  '#',
  '¶3-',
  'lang:fr',
  'lang:',
  'in:',
  'from:2016',
  'to:20x',
  'theme',
  'thèmes',
  'help',
  'aide',
  'R2P',
  'CSNU',
  'Kigalli',
  'operations de paix',
  ' ',
  '  ',
];
const messy = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(' ')),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 })), { maxLength: 10 })
      .map((p) => p.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t ', '\u200b\u200b') },
);
const runs = { numRuns: 300 };

/** Every text Slack will render from a message (not button values, which Slack does not render). */
function renderedTexts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) renderedTexts(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (key !== 'value') renderedTexts(item, out);
  }
  return out;
}

describe('whatever is typed', () => {
  it('the command parser never throws', () => {
    fc.assert(
      fc.property(messy, (text) => {
        expect(typeof parseCommand(text).kind).toBe('string');
      }),
      runs,
    );
  });

  it('answer never throws and its JSON always parses', () => {
    fc.assert(
      fc.property(
        messy,
        fc.constantFrom<'en' | 'fr' | undefined>('en', 'fr', undefined),
        (text, language) => {
          const reply = answer(text, knowledge, language ? { interface: language } : {});
          const related = answerRelated(text, knowledge);
          expect(JSON.parse(JSON.stringify(reply))).toEqual(reply);
          expect(JSON.parse(JSON.stringify(related)).kind).toBe(related.kind);
        },
      ),
      runs,
    );
  });

  it('the terminal renderer never throws and keeps to 80 columns without colour', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const rendered = toText(answer(text, knowledge));
        for (const line of rendered.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
      }),
      runs,
    );
  });

  it('the Block Kit renderer stays within Slack’s limits and lets no user markup through', () => {
    fc.assert(
      fc.property(messy, (typed) => {
        const text = stripSlackMarkup(typed);
        const state = {
          t: text.slice(0, 600),
          l: 'en' as const,
          i: 'en' as const,
          o: 0,
          n: 1,
          m: 'command' as const,
        };
        for (const message of [
          toMessage(answer(text, knowledge), { state }),
          toMessage(answerRelated(typed, knowledge)),
        ]) {
          expect(message.blocks.length).toBeLessThanOrEqual(blockLimits.blocks);
          expect(JSON.stringify(message.blocks).length).toBeLessThan(12_000);
          for (const block of message.blocks as Array<{ type: string; text?: { text: string } }>) {
            if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(3000);
            if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
          }
          for (const shown of [message.text, ...renderedTexts(message.blocks)]) {
            expect(shown).not.toMatch(/<[!@#]|<https?:|<mailto:/);
            expect(shown).not.toContain('&#39;');
          }
        }
      }),
      runs,
    );
  });

  it('lets no markup opener through the plain-text summary (fast-check counterexample, seed -1515437350)', () => {
    const typed = "'; DROP TABLE statements; --<!";
    const message = toMessage(answer(stripSlackMarkup(typed), knowledge));
    for (const shown of renderedTexts(message.blocks)) expect(shown).not.toMatch(/<[!@#]|<https?:|<mailto:/);
  });

  it('survives 20,000 characters of anything, searching only the first ones up to the input limit', () => {
    // The work is bounded by what is searched: never more than the input limit, whatever is pasted.
    let searched = 0;
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 20_000, maxLength: 20_000 }),
        fc.constantFrom(...pieces),
        (long, piece) => {
          const text = `${piece} ${long}`;
          const reply = answer(text, knowledge);
          const related = answerRelated(text, knowledge);
          expect(typeof toText(reply)).toBe('string');
          expect(toMessage(reply).blocks.length).toBeLessThanOrEqual(blockLimits.blocks);
          expect(toMessage(related).blocks.length).toBeLessThanOrEqual(blockLimits.blocks);
          for (const searchedReply of [reply, related]) {
            if (searchedReply.kind !== 'quotes') continue;
            expect(searchedReply.query.length).toBeLessThanOrEqual(maxCommandLength);
            searched++;
          }
        },
      ),
      { numRuns: 20 },
    );
    expect(searched).toBeGreaterThan(0);
  });
});
