import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../src/core/corpus.ts';
import {
  type BuildResult,
  buildFromDocuments,
  type ReadVersion,
  type StatementOverrides,
} from '../../../src/core/ingest/build-statement.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';
import type { PendingReview } from '../../../src/ports/reviews.ts';
import type { ReviewView } from '../../../src/service/reviews.ts';
import {
  noticeText,
  type ReviewMessage,
  toReviewMessage,
} from '../../../src/slack/archive/review-message.ts';
import { blockLimits } from '../../../src/slack/blocks.ts';
import { slackDateTime } from '../../../src/slack/dates.ts';
import { notices } from '../../../src/slack/notices.ts';

const published = 'test/fixtures/align/published';
const fixture = (name: string) => readFileSync(join(published, name), 'utf8');
const version = (file: string, text: string): ReadVersion => ({
  version: parsePlainStatement(text),
  source: { file, format: 'txt', taken: '2026-12-06' },
});
const syria = {
  en: () => version('syria.en.txt', fixture('pm-syria-2018-04-13.en.txt')),
  fr: () => version('syrie.fr.txt', fixture('pm-syria-2018-04-13.fr.txt')),
};
const london = {
  en: () => version('london.en.txt', fixture('pm-london-2017-06-04.en.txt')),
  fr: () => version('londres.fr.txt', fixture('pm-london-2017-06-04.fr.txt')),
};

/** A review as the service keeps it, expiring at 16:09 UTC on 7 December 2026. */
const reviewOf = (
  documents: ReadVersion[],
  language: Language,
  overrides: StatementOverrides = {},
): PendingReview => ({
  id: '0123456789abcdef',
  team: 'T0MISSION',
  user: 'U0EDITOR',
  language,
  createdAt: '2026-12-06T16:09:00.000Z',
  expiresAt: '2026-12-07T16:09:00.000Z',
  channel: 'D0EDITOR',
  documents,
  overrides,
  status: 'pending',
  version: 0,
});
const expires = '<!date^1796659740^{date_long_pretty} {time}|7 December 2026, 16:09 UTC>';

/** The review of these documents, built as the service builds it, in the editor's language. */
function reviewView(
  documents: ReadVersion[],
  language: Language,
  change: (result: BuildResult) => void = () => {},
  overrides: StatementOverrides = {},
): ReviewMessage {
  const review = reviewOf(documents, language, overrides);
  const result = buildFromDocuments(documents, undefined, overrides);
  change(result);
  return toReviewMessage({ kind: 'review', review, result }, language);
}

type AnyBlock = {
  type: string;
  text?: { type: string; text: string };
  fields?: Array<{ type: string; text: string }>;
  elements?: Array<{ type: string; text?: string | { text: string }; value?: string }>;
};
const blocksOf = (message: ReviewMessage) => message.blocks as unknown as AnyBlock[];

/** What a person sees, block by block: a section's fields side by side as "left ‖ right". */
function seen(message: ReviewMessage): string[] {
  return blocksOf(message).map((block) => {
    if (block.fields) return `[fields] ${block.fields.map((f) => f.text).join(' ‖ ')}`;
    if (block.text) return `[${block.type}] ${block.text.text}`;
    return `[${block.type}] ${(block.elements ?? [])
      .map((e) => (typeof e.text === 'string' ? e.text : e.text?.text))
      .join(' | ')}`;
  });
}

/** The columns of the versions (the first section with fields), each as its lines. */
const columns = (message: ReviewMessage) =>
  blocksOf(message)
    .find((block) => block.fields)!
    .fields!.map((f) => f.text.split('\n'));

/** The pairs shown side by side: the first line of each field. */
const pairLabels = (message: ReviewMessage) =>
  blocksOf(message)
    .filter((block) => block.fields)
    .slice(1)
    .map((block) => block.fields!.map((f) => f.text.split('\n')[0]));

/** Every Block Kit rule a review could break, and our own room (well under Slack's ~12k characters). */
function checkLimits(message: ReviewMessage) {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(blockLimits.fallbackText);
  expect(message.blocks.length).toBeLessThanOrEqual(blockLimits.blocks);
  expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(blockLimits.totalText);
  for (const block of blocksOf(message)) {
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    if (block.fields) {
      expect(block.fields.length).toBeLessThanOrEqual(10);
      for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'context') expect(block.elements!.length).toBeLessThanOrEqual(10);
  }
}

/** Every plain_text element anywhere in the blocks: Slack shows a date token there as typed. */
function plainTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(plainTexts);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  const own = object.type === 'plain_text' && typeof object.text === 'string' ? [object.text] : [];
  return [...own, ...Object.values(object).flatMap(plainTexts)];
}

describe('the review message', () => {
  it('shows two versions side by side, the first and last pairs, the citations in the columns’ order, and a local time', () => {
    const message = reviewView([syria.fr(), syria.en()], 'en');
    expect(seen(message)).toMatchInlineSnapshot(`
      [
        "[header] Check before adding",
        "[context] Files: \`syrie.fr.txt\` + \`syria.en.txt\`",
        "[fields] *English version*
      _Title_: Statement by the Prime Minister on airstrikes in Syria
      _Date_: 13 April 2018
      _Place_: Ottawa
      _Speaker_: Prime Minister ‖ *French version*
      _Title_: Déclaration du premier ministre concernant les frappes aériennes en Syrie
      _Date_: 13 avril 2018
      _Place_: Ottawa (Ontario)
      _Speaker_: Premier ministre",
        "[section] 4 English and 4 French paragraphs → 4 pairs",
        "[fields] *EN* ¶1
      The Prime Minister, Justin Trudeau, issued the following statement today on airstrikes in Syria: ‖ *FR* ¶1
      Le premier ministre Justin Trudeau a fait aujourd'hui la déclaration suivante concernant les frappes aériennes en Syrie :",
        "[fields] *EN* ¶4
      "We will continue to work with our international partners to further investigate the use of chemical weapons in Syria. Those responsible must be brought to justice." ‖ *FR* ¶4
      « Nous continuerons de travailler avec nos partenaires internationaux pour mener des enquêtes plus approfondies sur l'emploi d'armes chimiques en Syrie. Il faut traduire en justice les responsables de ces gestes. »",
        "[context] No pair flagged for review.",
        "[section] *Citations, as answers will give them*
      EN: Canada, Statement by the Prime Minister on airstrikes in Syria, Ottawa, 13 April 2018, ¶1
      FR: Canada, Déclaration du premier ministre concernant les frappes aériennes en Syrie, Ottawa (Ontario), 13 avril 2018, ¶1",
        "[section] *Assumed (change it with Edit details)*
      • Delivered in English (no text as delivered was sent).
      • Forum: the title.
      • Country: Canada.",
        "[context] Nothing is searchable until you press Add to the archive. This review expires <!date^1796659740^{date_long_pretty} {time}|7 December 2026, 16:09 UTC>.",
        "[actions] Add to the archive | Edit details | Discard",
      ]
    `);
    checkLimits(message);
  });

  it('puts the French first for a French editor: columns, pairs and citations alike', () => {
    const message = reviewView([syria.en(), syria.fr()], 'fr');
    expect(columns(message).map((column) => column[0])).toEqual([
      '*Version française*',
      '*Version anglaise*',
    ]);
    expect(pairLabels(message)).toEqual([
      ['*FR* ¶1', '*EN* ¶1'],
      ['*FR* ¶4', '*EN* ¶4'],
    ]);
    const citations = seen(message).find((line) => line.includes('Références'))!;
    expect(citations.indexOf('FR\u202f: Canada, Déclaration')).toBeGreaterThan(0);
    expect(citations.indexOf('FR\u202f:')).toBeLessThan(citations.indexOf('EN\u202f:'));
    expect(seen(message).at(-2)).toContain(
      'Fin de cette vérification\u202f: <!date^1796659740^{date_long_pretty} {time}|7 décembre 2026, 16 h 09 UTC>.',
    );
  });

  it('never shows one version’s text in the other’s column: a single French file leaves the English column not sent', () => {
    const message = reviewView([london.fr()], 'en');
    const [english, french] = columns(message);
    expect(english).toEqual([
      '*English version*',
      '_Not sent yet: the French details stand in for it until someone gives its own (Edit details)._',
    ]);
    expect(english!.join('\n')).not.toContain('Déclaration');
    expect(english!.join('\n')).not.toContain('Premier ministre');
    expect(french).toEqual([
      '*French version*',
      "_Title_: Déclaration du premier ministre du Canada au sujet de l'attentat terroriste survenu à Londres",
      '_Date_: 4 juin 2017',
      '_Place_: Ottawa',
      '_Speaker_: Premier ministre du Canada',
    ]);
    // Its first and last paragraphs, side by side.
    expect(pairLabels(message)).toEqual([['*FR* ¶1', '*FR* ¶6']]);
    expect(seen(message)).toContain(
      '[section] *Assumed (change it with Edit details)*\n• Title: not given in English; copied from the other version.\n• Forum: the title.\n• Place: not given in English; copied from the other version.\n• Speaker: not given in English; copied from the other version.\n• Country: Canada.',
    );
  });

  it('says in a single English file’s review that the French is not sent, in French for a French editor', () => {
    const message = reviewView([london.en()], 'fr');
    const [french, english] = columns(message);
    expect(french).toEqual([
      '*Version française*',
      '_Pas encore envoyée\u202f: les renseignements de la version anglaise en tiennent lieu jusqu’à ce que quelqu’un donne les siens (Modifier)._',
    ]);
    expect(english![1]).toBe(
      '_Titre_\u202f: Statement by the Prime Minister of Canada on the terrorist attack in London',
    );
    expect(pairLabels(message)).toEqual([['*EN* ¶1', '*EN* ¶6']]);
  });

  it('shows in the column of a version not sent what the editor gave for it, never what was copied', () => {
    const message = reviewView([london.en()], 'en', () => {}, {
      title: { fr: 'Déclaration sur Londres' },
      speaker: 'Justin Trudeau',
      date: '2017-06-05',
    });
    const [english, french] = columns(message);
    expect(french).toEqual([
      '*French version*',
      '_Not sent yet: the English details stand in for it until someone gives its own (Edit details)._',
      '_Title_: Déclaration sur Londres',
      '_Speaker_: Justin Trudeau',
    ]);
    expect(english).toEqual([
      '*English version*',
      '_Title_: Statement by the Prime Minister of Canada on the terrorist attack in London',
      '_Date_: 5 June 2017',
      '_Place_: Ottawa',
      '_Speaker_: Justin Trudeau',
    ]);
  });

  it('marks a field one version lacks as copied from the other, never as what that version says', () => {
    // The English version gives no place: its date line is only the date.
    const en = version(
      'syria.en.txt',
      fixture('pm-syria-2018-04-13.en.txt').replace('Ottawa, April 13, 2018', 'April 13, 2018'),
    );
    const message = reviewView([en, syria.fr()], 'en');
    const [english, french] = columns(message);
    expect(english).toContain('_Place_: _not in this version; copied from the French_');
    expect(english!.join('\n')).not.toContain('Ontario');
    expect(french).toContain('_Place_: Ottawa (Ontario)');
    // The citation says what answers will give, the copy included.
    expect(seen(message).find((line) => line.includes('Citations'))).toContain(
      'EN: Canada, Statement by the Prime Minister on airstrikes in Syria, Ottawa (Ontario), 13 April 2018, ¶1',
    );
  });

  it('shows the first and last pairs always, then the flagged ones not shown yet, three of them and a count', () => {
    const passages = 20;
    const text = (title: string, date: string, paragraph: (k: number) => string) =>
      `${title}\n${date}\n\n${Array.from({ length: passages }, (_, k) => paragraph(k + 1)).join('\n\n')}\n`;
    const documents = [
      version(
        'long.en.txt',
        text(
          'A long statement',
          'Ottawa, 1 December 2026',
          (k) => `Paragraph ${k}: the Council must protect civilians.`,
        ),
      ),
      version(
        'long.fr.txt',
        text(
          'Une longue déclaration',
          'Ottawa, le 1er décembre 2026',
          (k) => `Paragraphe ${k} : le Conseil doit protéger les civils.`,
        ),
      ),
    ];
    const flagged = new Set([1, 3, 4, 5, 6, 7, 9, 20]);
    const message = reviewView(documents, 'en', (result) => {
      for (const pair of result.pairs) pair.bead = { ...pair.bead, doubtful: flagged.has(pair.n) };
    });
    const labels = pairLabels(message).map(([left]) => left!.replace(/ · .*/, ''));
    expect(labels).toEqual(['*EN* ¶1', '*EN* ¶20', '*EN* ¶3', '*EN* ¶4', '*EN* ¶5']);
    expect(pairLabels(message)[0]![0]).toMatch(/^\*EN\* ¶1 · 1-1 · \d\.\d\d :warning:$/);
    const shown = seen(message);
    expect(shown).toContain('[section] *Pairs to check (8)*');
    expect(shown).toContain('[context] Shown above: ¶1, ¶20.');
    expect(shown).toContain('[context] …and 3 more to check in the file once added.');
    expect(shown).not.toContain('[context] No pair flagged for review.');
    checkLimits(message);
  });

  it('lists under Assumed only what Edit details can change, and the rest under Noted', () => {
    const en = version(
      'london.en.txt',
      fixture('pm-london-2017-06-04.en.txt').replace('\n\n', '\nCheck against delivery\n\n'),
    );
    const message = reviewView([en], 'en', (result) => {
      result.assumptions.push(
        { kind: 'id_taken', taken: 'canada-london', id: 'canada-london-2' },
        { kind: 'delivered_wording', paragraphs: [2, 5] },
      );
    });
    const shown = seen(message);
    const assumed = shown.find((line) => line.includes('*Assumed (change it with Edit details)*'))!;
    const noted = shown.find((line) => line.startsWith('[section] *Noted*'))!;
    expect(assumed).toContain('• Title: not given in French; copied from the other version.');
    expect(assumed).not.toContain('Notes taken out');
    expect(noted).toBe(
      '[section] *Noted*\n• Notes taken out of the text and recorded: “Check against delivery”.\n• Id: canada-london belongs to another statement; this one will be canada-london-2.\n• ¶2, ¶5: said otherwise than the official version; the words as delivered are kept.',
    );
    expect(shown.indexOf(assumed)).toBeLessThan(shown.indexOf(noted));
  });

  it('keeps the buttons, the duplicate notice and Add’s confirmation as they were', () => {
    const documents = [syria.en(), syria.fr()];
    const result = buildFromDocuments(documents, undefined);
    result.doubts.push({
      field: 'date',
      chosen: '2018-04-13',
      candidates: [{ value: '2018-04-14', from: 'the French version' }],
      reason: 'the versions disagree',
      kind: 'languages_disagree',
    });
    const review = reviewOf(documents, 'en');
    const open = toReviewMessage({ kind: 'review', review, result }, 'en');
    const buttons = blocksOf(open).at(-1)!.elements as unknown as Array<{
      action_id: string;
      value: string;
      confirm?: { text: { text: string } };
    }>;
    expect(buttons.map((b) => b.action_id)).toEqual(['archive_add', 'archive_edit', 'archive_discard']);
    expect(buttons.every((b) => b.value === review.id)).toBe(true);
    expect(buttons[0]!.confirm?.text.text).toBe(
      'Not sure of the date read from the files. Add the statement as shown?',
    );
    expect(seen(open)).toContain(
      '[section] :warning: *Please confirm before adding (or correct it with Edit details)*\n• Date “2018-04-13”: the two versions disagree. Also found: “2018-04-14”.',
    );
    const duplicate = toReviewMessage(
      {
        kind: 'review',
        review,
        result,
        duplicate: { id: 'canada-syria', title: { en: '<!channel> *Syria*', fr: 'Syrie' } },
      },
      'en',
    );
    expect(seen(duplicate)).toContain(
      '[section] :warning: Already in the archive: *&lt;!channel&gt; ∗Syria∗* (`canada-syria`). It will not be added twice.',
    );
    expect(
      (blocksOf(duplicate).at(-1)!.elements as unknown as Array<{ action_id: string }>).map(
        (b) => b.action_id,
      ),
    ).toEqual(['archive_edit', 'archive_discard']);
  });

  it('stays well within Slack’s limits however long and however marked up the documents are', () => {
    const long = (seed: string) => `${seed} <!channel> *bold* _it_ ~s~ \`c\` <@U1> 😀🇨🇦 `.repeat(120);
    const passages = 40;
    const text = (title: string, date: string, paragraph: string) =>
      `${title}\n${date}\n\n${Array.from({ length: passages }, (_, k) => `${k + 1} ${paragraph}`).join('\n\n')}\n`;
    const documents = [
      version(
        'x'.repeat(300),
        text(`Statement ${long('T')}`.slice(0, 900), 'Geneva, 1 December 2026', long('Canada supports')),
      ),
      version(
        'y'.repeat(300),
        text(
          `Déclaration ${long('T')}`.slice(0, 900),
          'Genève, le 1er décembre 2026',
          long('Le Canada appuie'),
        ),
      ),
    ];
    const result = buildFromDocuments(documents, undefined);
    for (const pair of result.pairs) pair.bead = { ...pair.bead, doubtful: true };
    // Every other field as long as it could be: places, speakers, notes, doubts, a duplicate.
    result.statement.place = { en: long('Place'), fr: long('Lieu') };
    result.statement.speaker = {
      name: { en: long('Name'), fr: long('Nom') },
      role: { en: long('Role'), fr: long('Rôle') },
    };
    result.assumptions.push(
      { kind: 'notes', notes: Array.from({ length: 200 }, () => long('note')) },
      { kind: 'delivered_wording', paragraphs: Array.from({ length: 3000 }, (_, k) => k + 1) },
    );
    result.doubts.push(
      ...Array.from({ length: 50 }, () => ({
        field: 'title' as const,
        chosen: long('title'),
        candidates: [{ value: long('candidate'), from: 'the English version' }],
        reason: 'unsure',
        kind: 'weak' as const,
      })),
    );
    for (const language of ['en', 'fr'] as const) {
      const review = reviewOf(documents, language);
      const message = toReviewMessage(
        {
          kind: 'review',
          review,
          result,
          duplicate: { id: 'canada-long', title: { en: long('Title'), fr: long('Titre') } },
        },
        language,
      );
      checkLimits(message);
      const shown = JSON.stringify(message.blocks);
      // Well below our own room (11,000) and Slack's (about 12,000), not just within it.
      expect(shown.length).toBeLessThan(10_000);
      expect(shown).not.toContain('<!channel>');
      expect(shown).not.toContain('<@U1>');
      // Nothing was cut by the last-resort trim: the expiry and the buttons are there.
      expect(seen(message).at(-2)).toContain('<!date^1796659740^');
      expect(blocksOf(message).at(-1)!.type).toBe('actions');
      expect(shown).toContain(`*${notices[language].archive.noted}*`);
      expect(shown).toContain('(`canada-long`)');
      expect(
        seen(message).some((line) => line.includes('more to check') || line.includes('autres à vérifier')),
      ).toBe(true);
    }
  });
});

describe('times in the review workflow', () => {
  const at = '2026-11-30T09:05:00.000Z';
  const token = '<!date^1796029500^{date_long_pretty} {time}|30 November 2026, 09:05 UTC>';
  const statement = buildFromDocuments([london.en()], undefined).statement;
  const review = reviewOf([london.en()], 'en');

  it('writes a time as Slack’s date token, each reader’s own time, with the UTC wording as fallback', () => {
    expect(slackDateTime(at, 'en')).toBe(token);
    expect(slackDateTime(at, 'fr')).toBe(
      '<!date^1796029500^{date_long_pretty} {time}|30 novembre 2026, 9 h 05 UTC>',
    );
    expect(slackDateTime('<!channel>|x', 'en')).toBe('&lt;!channel&gt;¦x');
  });

  it.each<[string, ReviewView]>([
    [
      'added',
      { kind: 'added', review, statement: { ...statement, id: 'canada-london' }, by: 'U0EDITOR', at },
    ],
    ['removed', { kind: 'removed', statement, by: 'U0EDITOR', at }],
    ['discarded', { kind: 'discarded', by: 'U0EDITOR', at, title: statement.title }],
    ['review', { kind: 'review', review, result: buildFromDocuments([london.en()], undefined) }],
  ])(
    'shows the %s time as a date token in mrkdwn only, the UTC wording in the fallback text',
    (kind, view) => {
      const message = toReviewMessage(view, 'en');
      const blocks = JSON.stringify(message.blocks);
      expect(blocks).toContain(kind === 'review' ? expires : token);
      expect(plainTexts(message.blocks).filter((text) => text.includes('<!date'))).toEqual([]);
      if (kind !== 'review') {
        expect(message.text).toContain('30 November 2026, 09:05 UTC');
        expect(message.text).not.toContain('<!date');
      }
    },
  );

  it('says when a statement was already added, as a token, or in UTC where Slack does not format (a form’s error)', () => {
    const notice = { kind: 'alreadyAdded', by: 'U0EDITOR', at, id: 'canada-london' } as const;
    expect(noticeText(notice, 'en')).toBe(
      `Already added, by <@U0EDITOR>, ${token}, as \`canada-london\`: nothing more to do.`,
    );
    expect(noticeText(notice, 'fr', { plain: true })).toBe(
      'Déjà ajoutée, par <@U0EDITOR>, 30 novembre 2026, 9 h 05 UTC, sous `canada-london`\u202f: il n’y a plus rien à faire.',
    );
    expect(toReviewMessage({ kind: 'problems', problems: [notice] }, 'en').blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:warning: Already added, by <@U0EDITOR>, ${token}, as \`canada-london\`: nothing more to do.`,
        },
      },
    ]);
  });
});
