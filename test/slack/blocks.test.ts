import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/core/answer.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import type { Reply } from '../../src/core/reply.ts';
import { blockLimits, enforceLimits, toMessage, toNotesMessage, truncate } from '../../src/slack/blocks.ts';
import { escapeMrkdwn, escapeSlack, stripSlackMarkup } from '../../src/slack/escape.ts';
import { decodeNotesState, decodeState, encodeState } from '../../src/slack/state.ts';
import { seedKnowledge, seedStatementId } from '../support/knowledge.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
});

const state = { t: 'veto', l: 'en' as const, i: 'en' as const, o: 0, n: 1, m: 'command' as const };

function checkLimits(message: ReturnType<typeof toMessage>) {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(blockLimits.blocks);
  expect(JSON.stringify(message.blocks).length).toBeLessThan(12_000);
  type Checked = {
    type: string;
    text: { text: string };
    elements: Array<{ value: string }>;
  };
  for (const block of message.blocks as unknown as Checked[]) {
    if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(3000);
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
    if (block.type === 'actions')
      for (const button of block.elements) expect(button.value.length).toBeLessThanOrEqual(2000);
  }
}

describe('the Block Kit renderer', () => {
  it('lays out a quote for a phone: quote with bold match, counterpart and citation at its size, Speaking notes, buttons', () => {
    const message = toMessage(answer('veto', knowledge, { limit: 1 }), { state });
    expect(message.blocks).toMatchInlineSnapshot(`
      [
        {
          "elements": [
            {
              "emoji": false,
              "text": "“veto” · 1 passage",
              "type": "plain_text",
            },
          ],
          "type": "context",
        },
        {
          "text": {
            "text": ">That is why Canada supports both the ACT's Code of Conduct and the France-Mexico Political Declaration on suspension of the *veto* in situations involving mass atrocity crimes.
      *¶14* · delivered in English",
            "type": "mrkdwn",
          },
          "type": "section",
        },
        {
          "text": {
            "text": "_FR · translation_
      C'est pourquoi le Canada appuie à la fois le Code de conduite du Groupe ACT et la déclaration politique de la France et du Mexique sur la suspension du *veto* en cas d'atrocités criminelles de masse.

      _Canada, UN General Assembly informal interactive dialogue on the Responsibility to Protect, New York, 6 September 2016, ¶14_",
            "type": "mrkdwn",
          },
          "type": "section",
        },
        {
          "block_id": "speaking_notes_0",
          "elements": [
            {
              "action_id": "speaking_notes",
              "text": {
                "emoji": false,
                "text": "Speaking notes",
                "type": "plain_text",
              },
              "type": "button",
              "value": "{"t":"veto","l":"en","i":"en","o":0,"n":1,"m":"command","p":"canada-r2p-dialogue-2016-09-06#14"}",
            },
            {
              "action_id": "speaking_notes_counterpart",
              "text": {
                "emoji": false,
                "text": "Speaking notes + French",
                "type": "plain_text",
              },
              "type": "button",
              "value": "{"t":"veto","l":"en","i":"en","o":0,"n":1,"m":"command","p":"canada-r2p-dialogue-2016-09-06#14"}",
            },
          ],
          "type": "actions",
        },
        {
          "block_id": "answer_actions",
          "elements": [
            {
              "action_id": "swap_language",
              "text": {
                "emoji": false,
                "text": "Show in French",
                "type": "plain_text",
              },
              "type": "button",
              "value": "{"t":"veto","l":"fr","i":"en","o":0,"n":1,"m":"command"}",
            },
            {
              "action_id": "share_in_channel",
              "text": {
                "emoji": false,
                "text": "Share in channel",
                "type": "plain_text",
              },
              "type": "button",
              "value": "{"t":"veto","l":"en","i":"en","o":0,"n":1,"m":"command"}",
            },
          ],
          "type": "actions",
        },
      ]
    `);
  });

  it('sets every counterpart and citation at the quote’s size, never in a context block’s small grey print', () => {
    let checked = 0;
    for (const text of ['veto', 'para 3', '¶13-14', 'theme veto', 'veto lang:fr']) {
      const reply = answer(text, knowledge, { limit: 5 });
      const message = toMessage(reply, { state });
      // Matched words are bold: their stars aside, the texts are as the reply has them.
      const sections = JSON.stringify(message.blocks.filter((block) => block.type === 'section')).replace(
        /\*/g,
        '',
      );
      const contexts = JSON.stringify(message.blocks.filter((block) => block.type === 'context'));
      const shown = reply.kind === 'paragraph' ? [reply] : reply.kind === 'quotes' ? reply.results : [];
      for (const quote of reply.kind === 'theme' ? reply.quotes : shown) {
        const counterpart =
          'counterpart' in quote ? quote.counterpart : quote[reply.language === 'fr' ? 'en' : 'fr'];
        expect(sections, text).toContain(`_${quote.citation}_`);
        expect(sections, text).toContain(counterpart.text!);
        expect(contexts, text).not.toContain(quote.citation);
        expect(contexts, text).not.toContain(counterpart.text!);
        checked++;
      }
    }
    expect(checked).toBe(7);
  });

  it('offers Speaking notes under each quote, carrying the answer’s state and the quote’s paragraph', () => {
    const message = toMessage(answer('¶13-14', knowledge, { limit: 2 }), {
      state: { ...state, t: '¶13-14', n: 2 },
    });
    type Actions = {
      block_id: string;
      elements: Array<{ action_id: string; value: string; text: { text: string } }>;
    };
    const rows = message.blocks.filter((block) => block.type === 'actions') as unknown as Actions[];
    expect(rows.map((row) => row.block_id)).toEqual([
      'speaking_notes_0',
      'speaking_notes_1',
      'answer_actions',
    ]);
    expect(message.blocks.at(-1)).toBe(rows.at(-1));
    for (const [k, n] of [13, 14].entries()) {
      const row = rows[k]!;
      expect(row.elements.map((b) => [b.action_id, b.text.text])).toEqual([
        ['speaking_notes', 'Speaking notes'],
        ['speaking_notes_counterpart', 'Speaking notes + French'],
      ]);
      for (const button of row.elements)
        expect(decodeNotesState(button.value)).toEqual({
          ...state,
          t: '¶13-14',
          n: 2,
          p: `${seedStatementId}#${n}`,
        });
      // Right under its own quote.
      const above = JSON.stringify(message.blocks[message.blocks.indexOf(row as never) - 2]);
      expect(above).toContain(`*¶${n}*`);
    }
    // Its value is no answer button's: the other buttons never read it as theirs.
    expect(decodeState(rows[0]!.elements[0]!.value)).toBeUndefined();
  });

  it('names the counterpart’s language in the reader’s language, and offers no counterpart that is not there', () => {
    const french = toMessage(answer('veto', knowledge, { limit: 1, interface: 'fr' }), {
      state: { ...state, i: 'fr' },
    });
    expect(JSON.stringify(french.blocks)).toContain('"text":"Notes d’allocution + anglais"');
    const missing: Knowledge = {
      ...knowledge,
      paragraphs: new Map(
        [...knowledge.paragraphs].map(([id, record]) => [
          id,
          { ...record, text: { ...record.text, fr: undefined } },
        ]),
      ),
    };
    const message = toMessage(answer('para 14', missing), { state });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain(
      '_FR · not available yet_\\nA translation of this paragraph is not available yet.',
    );
    expect(shown).toContain('"action_id":"speaking_notes"');
    expect(shown).not.toContain('speaking_notes_counterpart');
  });

  it('offers no Speaking notes where an answer has no buttons: shared, or compact in a thread', () => {
    for (const options of [{}, { sharedBy: 'U0SHARER' }, { state, compact: { command: '/quote' } }]) {
      expect(JSON.stringify(toMessage(answer('veto', knowledge), options).blocks)).not.toContain(
        'speaking_notes',
      );
    }
  });

  it('gives speaking notes as one rich_text block of plain text, and the same text as the fallback', () => {
    const notes = 'It is *time* to act_now > later.\n\nCanada, ¶14 <!channel>';
    const message = toNotesMessage(notes);
    expect(message.blocks).toEqual([
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'It is *time* to act_now > later.\n\nCanada, ¶14 <\u2060!channel>' },
            ],
          },
        ],
      },
    ]);
    expect(message.text).toBe('It is *time* to act_now &gt; later.\n\nCanada, ¶14 &lt;!channel&gt;');
  });

  it('stays within Block Kit limits for every kind of reply', () => {
    for (const text of [
      'veto',
      'peace',
      'para 21',
      '¶1-22',
      'themes',
      'theme protection of civilians',
      'help',
      'aide',
      'statements',
      'zzzz',
      'para 99',
    ]) {
      checkLimits(toMessage(answer(text, knowledge, { limit: 10 }), { state }));
    }
  });

  it('shortens what would break the limits: too many blocks, long sections, long headers', () => {
    const long = 'x'.repeat(5000);
    const reply: Reply = { kind: 'error', language: 'en', message: long };
    checkLimits(toMessage(reply));
    const many = enforceLimits({
      text: 'fallback',
      blocks: [
        ...Array.from({ length: 80 }, () => ({
          type: 'section' as const,
          text: { type: 'mrkdwn' as const, text: 'y'.repeat(2900) },
        })),
        { type: 'actions', elements: [] },
      ],
    });
    expect(many.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(many.blocks).length).toBeLessThan(12_000);
    expect(many.blocks.at(-1)?.type).toBe('actions');
    expect(truncate('a'.repeat(200), 150)).toHaveLength(150);
    expect(truncate(`${'a'.repeat(146)}&amp;b`, 150)).not.toMatch(/&am?p?…$/);
  });

  it('renders the theme map in a code block narrow enough for a phone', () => {
    const message = toMessage(answer('themes', knowledge));
    const code = JSON.stringify(message.blocks).match(/```(.*?)```/)?.[1] ?? '';
    const lines = code.split('\\n');
    expect(lines.length).toBe(1 + knowledge.themes.length);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('renders help and errors in the reply’s language', () => {
    expect(JSON.stringify(toMessage(answer('aide lang:fr', knowledge)).blocks)).toContain('Filtres');
    expect(toMessage(answer('para 99', knowledge)).text).toContain('There is no ¶99');
  });
});

describe('escaping', () => {
  it('escapes exactly &, < and >', () => {
    expect(escapeSlack(`<!channel> & <@U1> "it's"`)).toBe(`&lt;!channel&gt; &amp; &lt;@U1&gt; "it's"`);
  });

  it('neutralises mrkdwn markers in text we did not format', () => {
    expect(escapeMrkdwn('*bold* _it_ ~s~ `c`')).not.toMatch(/[*_~`]/);
  });

  it('strips mentions, channels, special mentions and links from mention text, keeping link labels', () => {
    expect(
      stripSlackMarkup('<@U0QUOTES> veto <#C1|general> <!here> <https://x.org|the text> &lt;b&gt;'),
    ).toBe('veto the text <b>');
  });

  it('reads back only button values of its own shape', () => {
    expect(decodeState(encodeState(state))).toEqual(state);
    expect(decodeState('{"t":1}')).toBeUndefined();
    expect(decodeState('not json')).toBeUndefined();
  });

  it('links the official version of a paragraph in its context line, in the reply language', () => {
    const message = toMessage(answer('para 3 fr', knowledge), { state });
    const contexts = JSON.stringify(message.blocks.filter((block) => block.type === 'context'));
    expect(contexts).toContain(
      '<https://international.gc.ca/world-monde/international_relations-relations_internationales/un-onu/statements-declarations/2016-09-06-protect-proteger.aspx?lang=eng|Version officielle anglaise> (consultée le 30 novembre 2026)',
    );
    checkLimits(message);
  });
});
