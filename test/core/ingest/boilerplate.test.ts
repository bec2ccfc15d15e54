import { describe, expect, it } from 'vitest';
import {
  boilerplateKind,
  dropBoilerplate,
  isAddress,
  isCaption,
  isContactHeading,
  isCoverArt,
  isDocumentPart,
  isEmailLine,
  isFileNumber,
  isFrontMatter,
  isLabelledDate,
  isLogoText,
  isOtherLanguageNotice,
  isPhoneLine,
  isPublisherName,
  isRelatedHeading,
  isSecurityMarking,
  isSignatureLine,
  isTableOfContents,
  isUrlLine,
} from '../../../src/core/ingest/boilerplate.ts';
import type { DocumentBlock, SourceDocument } from '../../../src/core/ingest/document.ts';
import { parsePlainStatement, readStatementDocument } from '../../../src/core/ingest/plain-text.ts';

/** Sentences of statements and reports that name departments, contracts, addresses or contacts: always text. */
const bodySentences = [
  'Global Affairs Canada will continue to support the Elsie Initiative for Women in Peace Operations.',
  'Mr. President, Canada and Global Affairs Canada’s partners stand ready to help.',
  'Affaires mondiales Canada appuiera les efforts du Secrétaire général.',
  'The contract value for the research was $214,669.49, including HST.',
  'PCO commissioned EKOS Research Associates to conduct a survey on government priorities.',
  'We met our partners at 24 Sussex Drive in the spring.',
  'Contact between the parties must resume without delay.',
  'This report is the result of consultations with Canadians across the country.',
  'Figure 2 shows that most Canadians support peacekeeping.',
  'Protected areas cover 13.7% of Canada’s land.',
  'The Secretary General’s report is available in English and French on the United Nations website.',
  'For more information on the Responsibility to Protect, Canada relies on the Secretary-General’s reports.',
  'Thank you.',
  'Merci.',
];

describe('each predicate', () => {
  it.each([
    [
      isSecurityMarking,
      [
        'UNCLASSIFIED',
        'NON CLASSIFIÉ',
        'UNCLASSIFIED / NON CLASSIFIÉ',
        'PROTECTED B',
        'Protégé C',
        'CONFIDENTIAL',
        'SECRET',
        'For official use only',
        'PROTÉGÉ B (une fois rempli)',
      ],
      ['Protected areas and biodiversity', 'The secret of peace'],
    ],
    [
      isFileNumber,
      [
        'PWGSC Contract #: 35035-161432/001/CY',
        'Contract # 35035-165068/001/CY',
        'Contrat no 35035-165068/001/CY',
        'N° du contrat - TPSGC : 35035-161432/001/CY',
        'No d’inscription : POR – 081-16',
        'POR 030-16',
        'ROP : 030-16',
        'File: 2016-0451',
        'N° de dossier : 2016-0451',
        'ISBN 978-0-660-08744-7',
        'UNIS/SGSM/1359',
      ],
      ['Project 2030 is our plan.', 'No one is left behind.', 'Resolution 2417 (2018)', '2016-09-06'],
    ],
    [
      isLabelledDate,
      [
        'Contract Award Date: 12/12/2016',
        'Award date: 2016-08-10',
        'Date d’octroi du contrat : 2016-08-10',
        'Date du contrat : 12 décembre 2016',
        'Date modified: 2024-05-30',
        'Date de modification : 2024-05-30',
        'Printed: March 2017',
        'Revised on June 3, 2019',
      ],
      ['New York, September 6, 2016', 'OTTAWA, le 13 déc. 2019'],
    ],
    [
      isAddress,
      [
        '125 Sussex Drive',
        '359 Kent Street, Suite 300',
        '1, rue Nicholas, Bureau 1400',
        '359, rue Kent, pièce 300',
        'Ottawa ON K1N 7B7',
        'Ottawa (Ontario) K1A 0G2',
        'P.O. Box 4000',
      ],
      ['We met our partners at 24 Sussex Drive in the spring.', '50 years on the road to peace', 'New York'],
    ],
    [
      isPhoneLine,
      [
        'Tel: 613.241.5802',
        'Fax: (613) 235 8498',
        'Tél. : 613.241.5802',
        'Téléc. : 613.248.7981',
        'Téléphone : (613) 235 7215',
        'p. 613.235.7215',
        'f. 613.235.8498',
        '343-203-7700',
        'Toll-free: 1-800-267-8376',
      ],
      ['P. 12 of the report', 'Tel Aviv', 'In 2016-2017, 4,300 peacekeepers'],
    ],
    [
      isEmailLine,
      [
        'media@international.gc.ca',
        'e. pobox@ekos.com',
        'E-mail: pobox@ekos.com',
        'Courriel : pobox@ekos.com',
        'For more information: por-rop@pco.gc.ca',
        'Pour de plus amples renseignements : por-rop@cic.gc.ca',
      ],
      ['We wrote to info@un.org about it and heard nothing back from them.'],
    ],
    [
      isUrlLine,
      ['www.ipsos.ca', 'https://www.international.gc.ca/world-monde/index.aspx', 'Website: www.ekos.com'],
      ['Read more at www.canada.ca today.'],
    ],
    [
      isPublisherName,
      [
        'Global Affairs Canada',
        'Affaires mondiales Canada',
        'Government of Canada',
        'Gouvernement du Canada',
        'Public Services and Procurement Canada',
        'Privy Council Office (PCO)',
        'Bureau du Conseil privé (BCP)',
        'Permanent Mission of Canada to the United Nations',
        'Office of the Minister of Foreign Affairs',
        'UNITED NATIONS NATIONS UNIES',
      ],
      [
        'Global Affairs Canada will fund the project.',
        'Statement by Global Affairs Canada on Haiti',
        'Office of the Prime Minister statement on Ukraine',
      ],
    ],
    [
      isOtherLanguageNotice,
      [
        'Ce rapport est aussi disponible en français',
        '« Ce rapport est aussi disponible en français »',
        'This report is also available in French',
        '« This report is also available in English. »',
        '(Publié aussi en français sous le titre Directive sur la gestion de l’identité)',
        '(Also issued in English under the title Directive on Identity Management)',
        '[scroll down for French version]',
      ],
      ['Canada works in English and French at the United Nations.'],
    ],
    [
      isContactHeading,
      [
        'Contacts',
        'Media Relations',
        'Media Relations Office',
        'Relations avec les médias',
        'Personnes-ressources',
        'For more information',
      ],
      ['Contact Group on Piracy off the Coast of Somalia'],
    ],
    [
      isRelatedHeading,
      [
        'Related information',
        'Renseignements connexes',
        'Associated links',
        'Liens connexes',
        'Related products',
      ],
      ['Related to this, Canada supports the resolution.'],
    ],
    [
      isSignatureLine,
      [
        'Mike Colledge Signature',
        'Derek-sign',
        'colledge-sign.png',
        'Original signed by',
        'Original signé par Jane Doe',
      ],
      ['The signature of the Arms Trade Treaty was a milestone for Canada.'],
    ],
    [
      isLogoText,
      [
        'Logo Ekos',
        'ppt jan e logo',
        'Logo du gouvernement du Canada',
        'Canada wordmark',
        'Mot-symbole Canada',
      ],
      ['The logo of the conference was unveiled by the Minister.'],
    ],
    [
      isCaption,
      [
        'Photo: UN Photo/Mark Garten',
        '(Photo: UN Photo/Loey Felipe)',
        'Crédit photo : Affaires mondiales Canada',
        'Figure 1: Awareness of government priorities',
        'Table 1: minimum requirements',
      ],
      ['Figure 2 shows that most Canadians support peacekeeping.'],
    ],
    [
      isTableOfContents,
      [
        'Table of contents',
        'Contents',
        'Table des matières',
        'Executive Summary ............................ 3',
        'Genèse et contexte .......................3',
      ],
      ['We waited. Then we acted.'],
    ],
    [
      isCoverArt,
      ['* *** *', '*****', '--', '■', 'A', 'th', 'er', 'ii', '12', 'Page 3 of 10', '1 | Page'],
      ['Merci.', 'UN', 'Thank you.'],
    ],
    [
      isFrontMatter,
      [
        'Prepared for Global Affairs Canada',
        'Submitted to: Privy Council Office',
        'Soumis à : Bureau du Conseil privé',
        'Authors: DIACC Trust Framework Expert Committee',
        '© His Majesty the King in Right of Canada, as represented by the Minister of Foreign Affairs, 2023',
        'Political Neutrality Statement',
        'Supplier name: Ipsos Public Affairs',
      ],
      ['Canada prepared for this debate with its partners.'],
    ],
    [
      isDocumentPart,
      [
        'Executive Summary',
        'EXECUTIVE SUMMARY',
        'Sommaire exécutif',
        'SOMMAIRE EXÉCUTIVE',
        'Background',
        'Table of contents',
      ],
      ['Summary of the debate on Haiti'],
    ],
  ] as const)('%o', (predicate, yes, no) => {
    for (const line of yes) expect(predicate(line), line).toBe(true);
    for (const line of no) expect(predicate(line), line).toBe(false);
  });

  it.each(bodySentences)('never takes a sentence of the text for boilerplate: %s', (sentence) => {
    expect(boilerplateKind(sentence)).toBeUndefined();
  });
});

/** Word's paragraphs, one block each. */
const word = (paragraphs: string[]): SourceDocument => ({
  format: 'docx',
  blocks: paragraphs.map((line): DocumentBlock => ({ lines: [line], role: 'body' })),
  notes: [],
});

describe('front matter and boilerplate dropped from the text, and recorded', () => {
  it('drops a report’s cover page, addresses, certification and signature, and keeps the summary whole', () => {
    const summary = [
      'Background',
      'The Communications and Consultations Secretariat of the Privy Council Office (PCO) provides advice and support to the Government of Canada.',
      'Under this mandate, PCO needed to conduct a survey; Global Affairs Canada and other departments were consulted.',
      'The contract value for the research was $214,669.49, including HST.',
    ];
    const read = readStatementDocument(
      word([
        'Award date: 2016-08-10',
        'Contract # 35035-165068/001/CY',
        'POR 030-16',
        'POR@PCO-BCP.gc.ca',
        'Privy Council Office',
        'Government Priorities Quantitative Survey – Fall 2016',
        'EXECUTIVE SUMMARY',
        'March 2017',
        'Ipsos Public Affairs',
        '1 Nicholas Street, Suite 1400',
        'Ottawa ON K1N 7B7',
        'Tel: 613.241.5802',
        'Fax: 613.248.7981',
        'www.ipsos.ca',
        '« Ce rapport est aussi disponible en français »',
        'Political Neutrality Statement',
        'I hereby certify as Senior Officer of Ipsos that the deliverables fully comply with the Government of Canada political neutrality requirements outlined in the Communications Policy of the Government of Canada.',
        'Mike Colledge Signature',
        'Mike Colledge',
        'President',
        'Ipsos Public Affairs',
        ...summary,
      ]),
    );
    expect(read.title).toBe('Government Priorities Quantitative Survey – Fall 2016');
    expect(read.place).toBeUndefined();
    expect(read.paragraphs.map((p) => p.text)).toEqual(summary);
    expect(read.notes).toEqual([
      'Award date: 2016-08-10',
      'Contract # 35035-165068/001/CY / POR 030-16',
      'POR@PCO-BCP.gc.ca',
      'Privy Council Office',
      'Ipsos Public Affairs / 1 Nicholas Street, Suite 1400',
      'Ottawa ON K1N 7B7',
      'Tel: 613.241.5802 / Fax: 613.248.7981',
      'www.ipsos.ca',
      '« Ce rapport est aussi disponible en français »',
      expect.stringMatching(/^Political Neutrality Statement \/ I hereby certify/),
    ]);
  });

  it('drops a contact block and related links after a news release, whatever names them', () => {
    const text = [
      'Statement by the Minister of Foreign Affairs on World Press Freedom Day',
      'May 3, 2023 - Ottawa, Ontario - Global Affairs Canada',
      '',
      'The Minister of Foreign Affairs today issued the following statement:',
      '',
      '“On World Press Freedom Day, Canada honours journalists and media workers. Global Affairs Canada will keep supporting them.”',
      '',
      'Related information',
      'Media Freedom Coalition',
      'Canada and human rights',
      '',
      'Contacts',
      'Media Relations Office',
      'Global Affairs Canada',
      '343-203-7700',
      'media@international.gc.ca',
      'Follow us on Twitter: @CanadaFP',
    ].join('\n');
    const read = parsePlainStatement(text);
    expect(read.paragraphs.map((p) => p.text)).toEqual([
      'The Minister of Foreign Affairs today issued the following statement:',
      '“On World Press Freedom Day, Canada honours journalists and media workers. Global Affairs Canada will keep supporting them.”',
    ]);
    expect(read.notes).toEqual([
      'Related information / Media Freedom Coalition / Canada and human rights',
      'Contacts / Media Relations Office / Global Affairs Canada / 343-203-7700 / media@international.gc.ca / Follow us on Twitter: @CanadaFP',
    ]);
  });

  it('drops « Relations avec les médias » and the lines under it', () => {
    const read = readStatementDocument(
      word([
        'Déclaration de la ministre des Affaires étrangères à l’occasion de la Journée mondiale de la liberté de la presse',
        'Le 3 mai 2023 - Ottawa (Ontario) - Affaires mondiales Canada',
        'La ministre des Affaires étrangères a fait aujourd’hui la déclaration suivante :',
        'Relations avec les médias',
        'Affaires mondiales Canada',
        '343-203-7700',
        'media@international.gc.ca',
      ]),
    );
    expect(read.paragraphs.map((p) => p.text)).toEqual([
      'La ministre des Affaires étrangères a fait aujourd’hui la déclaration suivante :',
    ]);
  });

  it('drops a table of contents with dot leaders, and keeps the headings of the text', () => {
    const read = readStatementDocument(
      word([
        'Directive on Identity Management',
        'FINAL 22 May 2018',
        'Contents',
        '1. Effective date ......................................... 1',
        '2. Authorities ............................................ 1',
        '3. Objectives and expected results ......................... 2',
        '1. Effective date',
        '1.1 This directive takes effect on April 1, 2019.',
      ]),
    );
    expect(read.title).toBe('Directive on Identity Management');
    expect(read.date).toBe('2018-05-22');
    expect(read.paragraphs.map((p) => p.text)).toEqual([
      '1. Effective date',
      '1.1 This directive takes effect on April 1, 2019.',
    ]);
  });

  it('drops logos, captions, cover art and stray marks, never a sentence around them', () => {
    const { blocks, dropped } = dropBoilerplate(
      ['A', 'Logo Ekos', ...bodySentences.slice(0, 4), 'Photo: UN Photo/Mark Garten', '* *** *'].map(
        (line): DocumentBlock => ({ lines: [line], role: 'body' }),
      ),
    );
    expect(blocks.map((block) => block.lines[0])).toEqual(bodySentences.slice(0, 4));
    expect(dropped.map((piece) => piece.kind)).toEqual(['cover_art', 'logo', 'caption', 'cover_art']);
  });

  it('keeps every sentence of a text that names departments, contracts and contacts', () => {
    const { blocks, dropped } = dropBoilerplate(
      bodySentences.map((line): DocumentBlock => ({ lines: [line], role: 'body' })),
    );
    expect(blocks.map((block) => block.lines[0])).toEqual(bodySentences);
    expect(dropped).toEqual([]);
  });
});
