import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBilingualStatement } from '../../../src/core/ingest/build-statement.ts';
import { parseDate, parseMonth } from '../../../src/core/ingest/dates.ts';
import type { DocumentBlock, DocumentMetadata, SourceDocument } from '../../../src/core/ingest/document.ts';
import { parsePlainStatement, readStatementDocument } from '../../../src/core/ingest/plain-text.ts';
import { deriveStatementId, distinctId } from '../../../src/core/ingest/statement-yaml.ts';
import { isMonthLine, readTitleBlock } from '../../../src/core/ingest/title-block.ts';

/** A Word file's paragraphs, one block each, as the Word reader gives them. */
const word = (
  paragraphs: Array<string | [string, DocumentBlock['role']]>,
  metadata?: DocumentMetadata,
): SourceDocument => ({
  format: 'docx',
  blocks: paragraphs.map((p) =>
    typeof p === 'string' ? { lines: [p], role: 'body' } : { lines: [p[0]], role: p[1] },
  ),
  notes: [],
  ...(metadata ? { metadata } : {}),
});

/** The cover page of a public opinion research summary, as Word gives it (PCO, winter 2017). */
const coverEn = [
  'PWGSC Contract #: 35035-161432/001/CY',
  'POR Registration #: POR – 081-16',
  'Contract Award Date: 12/12/2016',
  'Government Priorities Quantitative',
  'Survey – Winter 2017',
  'executive summary',
  'Submitted to:',
  'Privy Council Office (PCO)',
  'March 29, 2017',
  'For more information: por-rop@pco.gc.ca',
  'Ce rapport est aussi disponible en français.',
];
const summaryEn = [
  ['Background', 'heading'] as [string, DocumentBlock['role']],
  'The Communications and Consultations Secretariat of the Privy Council Office (PCO) provides advice and support to the Government of Canada.',
  'PCO commissioned EKOS Research Associates to conduct a survey to assess the concerns and the perceptions of Canadians on government priorities.',
];

/** No word twice in an id (the date aside). */
const repeated = (id: string) => {
  const words = id.replace(/-\d{4}-\d{2}-\d{2}$/, '').split('-');
  return words.filter((word, k) => words.indexOf(word) !== k);
};

describe('a title is never a security marking, a contract number, an address or a publisher', () => {
  it.each([
    ['NON CLASSIFIÉ'],
    ['UNCLASSIFIED / NON CLASSIFIÉ'],
    ['PROTECTED B'],
    ['Protégé A'],
    ['CONFIDENTIAL'],
    ['For official use only'],
  ])('skips the security marking "%s" and takes the next line, without a doubt', (marking) => {
    const read = readTitleBlock([marking, 'Statement on the Situation in Haiti', 'Ottawa, March 3, 2024']);
    expect(read.title).toBe('Statement on the Situation in Haiti');
    expect(read.date).toBe('2024-03-03');
    expect(read.doubts).toEqual([]);
  });

  it('reads a report’s cover page past its contract block: the title, and the report’s date, not the award date', () => {
    const read = readStatementDocument(word([...coverEn, ...summaryEn]));
    expect(read.title).toBe('Government Priorities Quantitative Survey – Winter 2017');
    expect(read.date).toBe('2017-03-29');
    expect(read.doubts).toBeUndefined();
    expect(deriveStatementId('Canada', read.title!, read.date!)).toBe(
      'canada-government-priorities-quantitative-2017-03-29',
    );
    expect(read.paragraphs.map((p) => p.text)).toEqual(
      summaryEn.map((p) => (typeof p === 'string' ? p : p[0])),
    );
    expect(read.notes).toEqual(
      expect.arrayContaining([
        'PWGSC Contract #: 35035-161432/001/CY / POR Registration #: POR – 081-16',
        'Contract Award Date: 12/12/2016',
        'Ce rapport est aussi disponible en français.',
      ]),
    );
  });

  it('reads the French cover page past « Date du contrat : 12 décembre 2016 »', () => {
    const read = readStatementDocument(
      word([
        'N° du contrat - TPSGC : 35035-161432/001/CY',
        'No d’inscription : POR – 081-16',
        'Date du contrat : 12 décembre 2016',
        'Sondage quantitatif sur les priorités gouvernementales – hiver 2017',
        'SOMMAIRE EXÉCUTIF',
        'Soumis à :',
        'Bureau du Conseil privé (BCP)',
        '29 mars 2017',
        'Pour de plus amples renseignements : por-rop@cic.gc.ca',
        'This report is also available in English',
        ['Contexte', 'heading'],
        'Le Secrétariat des communications et des consultations du Bureau du Conseil privé (BCP) prodigue des conseils au gouvernement du Canada.',
      ]),
    );
    expect(read.title).toBe('Sondage quantitatif sur les priorités gouvernementales – hiver 2017');
    expect(read.date).toBe('2017-03-29');
    expect(read.paragraphs.map((p) => p.text)[0]).toBe('Contexte');
  });

  it('never takes an award date for the date: with no other date, it says none was found and why', () => {
    const read = readTitleBlock([
      'Contract award date: 12 December 2016',
      'Evaluation of the Peace Operations Program',
    ]);
    expect(read.title).toBe('Evaluation of the Peace Operations Program');
    expect(read.date).toBeUndefined();
    expect(read.doubts).toEqual([
      {
        field: 'date',
        candidates: [{ value: 'Contract award date: 12 December 2016', from: 'the title block' }],
        reason: expect.stringMatching(/no date found.*award/),
        kind: 'none_found',
      },
    ]);
  });

  it('leaves the publisher’s address, phone, fax and web address out of the title', () => {
    const read = readTitleBlock([
      'Global Affairs Canada',
      'Government Priorities Quantitative Survey – Fall 2016',
      '1 Nicholas Street, Suite 1400',
      'Ottawa ON K1N 7B7',
      'Tel: 613.241.5802',
      'Téléc. : 613.248.7981',
      'www.ipsos.ca',
      'media@international.gc.ca',
      'November 14, 2016',
    ]);
    expect(read.title).toBe('Government Priorities Quantitative Survey – Fall 2016');
    expect(read.date).toBe('2016-11-14');
    expect(read.place).toBeUndefined();
  });

  it('says when nothing but a security marking stands where the title should be, naming it', () => {
    const read = readTitleBlock(['NON CLASSIFIÉ', '6 September 2016']);
    expect(read.title).toBeUndefined();
    expect(read.doubts).toEqual([
      {
        field: 'title',
        candidates: [{ value: 'NON CLASSIFIÉ', from: 'the title block' }],
        reason: 'no title found ("NON CLASSIFIÉ" is a security marking): give the title',
        kind: 'none_found',
      },
    ]);
  });

  it('names the front matter it set aside when a document has no title at all', () => {
    const read = readStatementDocument(
      word([
        'UNCLASSIFIED',
        'File: 2016-0451',
        '6 September 2016',
        'Mr. President, we meet today to discuss the situation.',
      ]),
    );
    expect(read.title).toBeUndefined();
    expect(read.doubts).toEqual([
      {
        field: 'title',
        candidates: [
          { value: 'UNCLASSIFIED', from: 'the front matter' },
          { value: 'File: 2016-0451', from: 'the front matter' },
        ],
        reason:
          'no title found ("UNCLASSIFIED" is a security marking; "File: 2016-0451" is a contract or file number): give the title',
        kind: 'none_found',
      },
    ]);
  });
});

describe('titles and dates the file declares are candidates after the title block’s', () => {
  const body = ['Mr. President,', 'Canada thanks you for convening this debate.'];

  it('takes no doubt when the page’s own title agrees, site name aside', () => {
    const read = readStatementDocument(
      word(
        [['General Assembly Debate on the Use of the Veto', 'title'], 'New York, April 26, 2023', ...body],
        {
          titles: [
            {
              text: 'General Assembly Debate on the Use of the Veto | Permanent Mission of Canada to the United Nations',
              from: 'html:title',
            },
            { text: 'General Assembly Debate on the Use of the Veto', from: 'html:dcterms.title' },
          ],
          dates: [
            { date: '2023-04-27', from: 'html:dcterms.issued', kind: 'issued' },
            { date: '2023-04-27', from: 'html:dcterms.modified', kind: 'modified' },
          ],
        },
      ),
    );
    expect(read.title).toBe('General Assembly Debate on the Use of the Veto');
    // A date in the title block beats the day the page was published.
    expect(read.date).toBe('2023-04-26');
    expect(read.doubts).toBeUndefined();
  });

  it('refuses a stale contract number as Word’s title property, silently when the title block has the title', () => {
    const read = readStatementDocument(
      word([...coverEn, ...summaryEn], {
        titles: [{ text: 'PWGSC Contract #: B8815-142219/001/CY', from: 'docx:dc:title' }],
      }),
    );
    expect(read.title).toBe('Government Priorities Quantitative Survey – Winter 2017');
    expect(read.doubts).toBeUndefined();
  });

  it('doubts a title found only in the file’s properties, and says where it comes from', () => {
    const read = readStatementDocument(
      word(['29 May 2024', 'Today we honour the women and men who serve in peacekeeping operations.'], {
        titles: [{ text: 'Message on the International Day of UN Peacekeepers', from: 'pdf:Title' }],
      }),
    );
    expect(read.title).toBe('Message on the International Day of UN Peacekeepers');
    expect(read.date).toBe('2024-05-29');
    expect(read.doubts).toEqual([
      {
        field: 'title',
        chosen: 'Message on the International Day of UN Peacekeepers',
        candidates: [],
        reason: expect.stringContaining('pdf:Title'),
        kind: 'weak',
      },
    ]);
  });

  it('doubts a title the title block and the file’s properties disagree on, with both', () => {
    const read = readStatementDocument(
      word(
        [
          'For WG Discussion February 4th, 2020',
          'PCTF Document Versioning Conventions',
          'Version numbering indicates a planned release.',
        ],
        {
          titles: [{ text: 'PSP PCTF Versioning Conventions', from: 'pdf:Title' }],
        },
      ),
    );
    expect(read.title).toBe('PCTF Document Versioning Conventions');
    expect(read.date).toBe('2020-02-04');
    expect(read.doubts).toEqual([
      {
        field: 'title',
        chosen: 'PCTF Document Versioning Conventions',
        candidates: [{ value: 'PSP PCTF Versioning Conventions', from: 'pdf:Title' }],
        reason: expect.stringContaining('give different titles'),
        kind: 'conflict',
      },
    ]);
  });

  it('refuses a file name or a label as a declared title', () => {
    const read = readStatementDocument(
      word(['6 September 2016', ...body], {
        titles: [
          { text: 'Microsoft Word - speech_final_v3.docx', from: 'pdf:Title' },
          { text: 'sgm peacekeepers day 2024', from: 'pdf:dc:title' },
        ],
      }),
    );
    expect(read.title).toBeUndefined();
    expect(read.doubts).toEqual([
      expect.objectContaining({
        field: 'title',
        kind: 'none_found',
        candidates: [
          { value: 'Microsoft Word - speech_final_v3.docx', from: 'pdf:Title' },
          { value: 'sgm peacekeepers day 2024', from: 'pdf:dc:title' },
        ],
      }),
    ]);
  });

  it('takes the issued date over the created and modified dates when the title block has none, and doubts it', () => {
    const read = readStatementDocument(
      word([['Statement on World Humanitarian Day', 'title'], ...body], {
        dates: [
          { date: '2023-08-21', from: 'html:dcterms.modified', kind: 'modified' },
          { date: '2023-08-19', from: 'html:dcterms.issued', kind: 'issued' },
        ],
      }),
    );
    expect(read.date).toBe('2023-08-19');
    expect(read.doubts).toEqual([
      {
        field: 'date',
        chosen: '2023-08-19',
        candidates: [{ value: '2023-08-21', from: 'html:dcterms.modified (modified)' }],
        reason: expect.stringContaining('no date in the title block'),
        kind: 'weak',
      },
    ]);
  });

  it('says no date was found when neither the title block nor the file gives one', () => {
    const read = readTitleBlock(['Statement on World Humanitarian Day']);
    expect(read.date).toBeUndefined();
    expect(read.doubts).toEqual([
      expect.objectContaining({ field: 'date', kind: 'none_found', candidates: [] }),
    ]);
  });
});

describe('a month given without its day', () => {
  it.each([
    ['July 2022', '2022-07'],
    ['juillet 2022', '2022-07'],
    ['Mars 2017', '2017-03'],
    ['Ottawa, août 2016', '2016-08'],
  ])('reads "%s" as the month %s', (text, month) => {
    expect(parseMonth(text)).toBe(month);
    expect(isMonthLine(text)).toBe(true);
  });

  it('is not a month in "Survey – Winter 2017" or a whole date', () => {
    expect(parseMonth('Survey – Winter 2017')).toBeUndefined();
    expect(parseMonth('6 July 2022')).toBeUndefined();
  });

  it('is reported as a doubt of its own, never invented to the 1st', () => {
    const read = readTitleBlock([
      'Government Priorities Quantitative Survey – Fall 2016',
      'EXECUTIVE SUMMARY',
      'March 2017',
    ]);
    expect(read.title).toBe('Government Priorities Quantitative Survey – Fall 2016');
    expect(read.date).toBeUndefined();
    expect(read.doubts).toEqual([
      {
        field: 'date',
        chosen: '2017-03',
        candidates: [],
        reason: 'only the month is given ("March 2017"); the day is never guessed: give the date',
        kind: 'month_only',
      },
    ]);
  });

  it('is reported from the file’s properties too', () => {
    const read = readTitleBlock(['Pan-Canadian Trust Framework Overview'], {
      metadata: { dates: [{ date: '2016-08', from: 'pdf:xmp:CreateDate', kind: 'created' }] },
    });
    expect(read.date).toBeUndefined();
    expect(read.doubts).toEqual([
      expect.objectContaining({ field: 'date', chosen: '2016-08', kind: 'month_only' }),
    ]);
  });
});

describe('dates as publishers abbreviate them', () => {
  it.each([
    ['OTTAWA, le 24 juill. 2019', '2019-07-24'],
    ['For WG Discussion February 4 , 2020', '2020-02-04'],
  ])('reads "%s"', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('takes neither "FINAL" nor « Version définitive » for a place', () => {
    expect(readTitleBlock(['Directive on Identity Management', 'FINAL 22 May 2018']).place).toBeUndefined();
    expect(
      readTitleBlock(['Directive sur la gestion de l’identité', 'VERSION DÉFINITIVE, le 22 mai 2018']).place,
    ).toBeUndefined();
  });
});

const mission = {
  en: [
    'Statement by Ambassador David Lametti, Permanent Representative of Canada to the United Nations, at the Security Council Open Debate on Women, Peace and Security',
    'New York, October 23, 2025',
    '',
    'Mr. President,',
    '',
    'Canada thanks Mozambique for convening this debate.',
    '',
    'Twenty-five years after resolution 1325, women are still kept from the tables where peace is made.',
  ].join('\n'),
  fr: [
    "Déclaration de l'ambassadeur David Lametti, représentant permanent du Canada auprès des Nations Unies, au débat public du Conseil de sécurité sur les femmes, la paix et la sécurité",
    'New York, le 23 octobre 2025',
    '',
    'Monsieur le Président,',
    '',
    "Le Canada remercie le Mozambique d'avoir convoqué ce débat.",
    '',
    'Vingt-cinq ans après la résolution 1325, les femmes sont encore tenues à l’écart des tables où la paix se fait.',
  ].join('\n'),
};

describe('the UN mission’s form: "Statement by Ambassador X, Permanent Representative …, at the …"', () => {
  it('reads the speaker, a role without the meeting’s name, and the meeting as the forum (English)', () => {
    const read = parsePlainStatement(mission.en);
    expect(read.speaker).toEqual({
      name: 'Ambassador David Lametti',
      role: 'Permanent Representative of Canada to the United Nations',
    });
    expect(read.forum).toBe('Security Council Open Debate on Women, Peace and Security');
    expect(read.place).toBe('New York');
  });

  it('reads the French form, « au débat public » in lower case, into a French role and forum', () => {
    const read = parsePlainStatement(mission.fr);
    expect(read.speaker).toEqual({
      name: 'Ambassadeur David Lametti',
      role: 'représentant permanent du Canada auprès des Nations Unies',
    });
    expect(read.forum).toBe('Débat public du Conseil de sécurité sur les femmes, la paix et la sécurité');
  });

  it('cites each language with its own forum', () => {
    const { citations, statement } = buildBilingualStatement(
      { en: parsePlainStatement(mission.en), fr: parsePlainStatement(mission.fr) },
      undefined,
    );
    expect(citations).toEqual({
      en: 'Canada, Security Council Open Debate on Women, Peace and Security, New York, 23 October 2025, ¶1',
      fr: 'Canada, Débat public du Conseil de sécurité sur les femmes, la paix et la sécurité, New York, 23 octobre 2025, ¶1',
    });
    expect(statement.id).toBe('canada-women-peace-security-2025-10-23');
  });

  it('reads the form in capitals, and writes it in running case', () => {
    const en = readTitleBlock([mission.en.split('\n')[0]!.toUpperCase(), 'NEW YORK, OCTOBER 23, 2025']);
    expect(en.speaker).toEqual({
      name: 'Ambassador David Lametti',
      role: 'Permanent Representative of Canada to the United Nations',
    });
    expect(en.forum).toBe('Security Council Open Debate on Women, Peace and Security');
    expect(en.place).toBe('New York');
    const fr = readTitleBlock([mission.fr.split('\n')[0]!.toUpperCase(), 'NEW YORK, LE 23 OCTOBRE 2025']);
    expect(fr.speaker).toEqual({
      name: 'Ambassadeur David Lametti',
      role: 'représentant permanent du Canada auprès des Nations Unies',
    });
    expect(fr.forum).toBe('Débat public du Conseil de sécurité sur les femmes, la paix et la sécurité');
  });

  it('reads « à la séance », « au Conseil » and "to the" forms', () => {
    expect(
      readTitleBlock([
        "Déclaration de la ministre Mélanie Joly, ministre des Affaires étrangères, à la séance d'information du Conseil de sécurité sur Haïti",
        'New York, le 3 mars 2024',
      ]),
    ).toMatchObject({
      speaker: { name: 'Ministre Mélanie Joly', role: 'ministre des Affaires étrangères' },
      forum: "Séance d'information du Conseil de sécurité sur Haïti",
    });
    expect(
      readTitleBlock([
        'Statement by Ambassador Bob Rae, Permanent Representative of Canada to the United Nations, to the General Assembly Plenary Meeting on the Veto Initiative',
        'New York, June 2, 2022',
      ]),
    ).toMatchObject({
      speaker: {
        name: 'Ambassador Bob Rae',
        role: 'Permanent Representative of Canada to the United Nations',
      },
      forum: 'General Assembly Plenary Meeting on the Veto Initiative',
    });
  });

  it('reads a role on the line under the speaker as the role, not the title', () => {
    const read = readTitleBlock([
      'General Assembly Debate on the Use of the Veto',
      'Statement by H.E. Jean-Philippe Lacasse',
      'Ambassador and Permanent Representative of Canada to the United Nations',
      'New York, April 26, 2023',
    ]);
    expect(read.title).toBe('General Assembly Debate on the Use of the Veto');
    expect(read.speaker).toEqual({
      name: 'H.E. Jean-Philippe Lacasse',
      role: 'Ambassador and Permanent Representative of Canada to the United Nations',
    });
  });

  it('splits a title and a speaker line a layout ran together', () => {
    const read = readTitleBlock([
      'Conference on Disarmament – High-Level Segment Statement by Ambassador Marc-Olivier Fontaine, Permanent Representative of Canada to the Conference on Disarmament',
      'Geneva, 27 February 2024',
    ]);
    expect(read.title).toBe('Conference on Disarmament – High-Level Segment');
    expect(read.speaker).toEqual({
      name: 'Ambassador Marc-Olivier Fontaine',
      role: 'Permanent Representative of Canada to the Conference on Disarmament',
    });
  });
});

describe('the Secretary-General’s messages', () => {
  it('keeps the speaker line out of the French title', () => {
    const read = readTitleBlock([
      "Message du Secrétaire général à l'occasion de la Journée internationale de la paix",
      'António Guterres',
      'New York, le 21 septembre 2017',
    ]);
    expect(read.title).toBe(
      "Message du Secrétaire général à l'occasion de la Journée internationale de la paix",
    );
    expect(read.speaker).toEqual({ name: 'António Guterres', role: 'Secrétaire général' });
  });

  it('reads the archive’s 2017 message: place above the date, speaker and role under the title', () => {
    const read = parsePlainStatement(
      readFileSync('test/relevance/archive/sources/sg-peace-day-2017.en.txt', 'utf8'),
    );
    expect(read).toMatchObject({
      title: "Secretary-General's message on the International Day of Peace",
      date: '2017-09-21',
      place: 'New York',
      speaker: { name: 'António Guterres', role: 'Secretary-General' },
    });
  });

  it('reads the UN’s printed message: letterhead and role in capitals, the title in running case', () => {
    const en = readTitleBlock([
      'UNITED NATIONS NATIONS UNIES',
      'THE SECRETARY-GENERAL',
      '--',
      'MESSAGE ON THE INTERNATIONAL DAY OF UN PEACEKEEPERS',
      '29 May 2024',
    ]);
    expect(en).toMatchObject({
      title: 'Message on the International Day of UN Peacekeepers',
      speaker: { name: 'Secretary-General' },
      date: '2024-05-29',
    });
    const fr = readTitleBlock([
      'NATIONS UNIES UNITED NATIONS',
      "LE SECRÉTAIRE GÉNÉRAL MESSAGE À L'OCCASION DE LA JOURNÉE INTERNATIONALE DES CASQUES BLEUS DES NATIONS UNIES",
      '29 mai 2024',
    ]);
    expect(fr).toMatchObject({
      title: "Message à l'occasion de la Journée internationale des Casques bleus des Nations Unies",
      speaker: { name: 'Secrétaire général' },
      date: '2024-05-29',
    });
  });
});

describe('statement ids', () => {
  it('says what a mission’s statement is about, not who gave it', () => {
    expect(deriveStatementId('Canada', mission.en.split('\n')[0]!, '2025-10-23')).toBe(
      'canada-women-peace-security-2025-10-23',
    );
  });

  it('gives a second statement by the same ambassador on the same day a short id that repeats no word', () => {
    const first = 'canada-ambassador-david-lametti-2025-10-23';
    const second = distinctId(first, 'Ambassador David Lametti', '2025-10-23', (id) => id === first);
    expect(second).toBe('canada-ambassador-david-lametti-2-2025-10-23');
    expect(repeated(second)).toEqual([]);
    const third = distinctId(
      'canada-women-peace-security-2025-10-23',
      'H.E. Ambassador David Lametti',
      '2025-10-23',
      (id) => id === 'canada-women-peace-security-2025-10-23',
    );
    expect(third).toBe('canada-women-peace-security-david-lametti-2025-10-23');
  });

  it('repeats no word of the title either', () => {
    const id = deriveStatementId(
      'Canada',
      'Security and Development: Security Council Debate on Security',
      '2024-01-10',
    );
    expect(repeated(id)).toEqual([]);
  });
});
