import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../../../src/core/ingest/document.ts';
import { readDocument } from '../../../../src/core/ingest/formats/detect.ts';
import {
  type PlainStatement,
  parsePlainStatement,
  readStatementDocument,
} from '../../../../src/core/ingest/plain-text.ts';
import { layoutOf } from '../../../support/documents.ts';
import { type WordPart, wordLayoutFile } from '../../../support/word-layouts.ts';

const seed = (language: 'en' | 'fr') => readFileSync(`test/fixtures/align/seed.${language}.txt`, 'utf8');
const marking = { en: 'UNCLASSIFIED', fr: 'NON CLASSIFIÉ' };

/** What must come out the same as the plain text: the title block and the paragraphs. */
const essence = (statement: PlainStatement) => ({
  title: statement.title,
  date: statement.date,
  place: statement.place,
  speaker: statement.speaker,
  forum: statement.forum,
  language: statement.language,
  paragraphs: statement.paragraphs.map(({ n, language, text }) => ({ n, language, text })),
});

const readWord = async (parts: readonly WordPart[], properties = {}): Promise<SourceDocument> =>
  readDocument(await wordLayoutFile(parts, properties));
const texts = (document: SourceDocument) => readStatementDocument(document).paragraphs.map((p) => p.text);

describe('a Word file’s text boxes', () => {
  it.each([
    ['word', 'en'],
    ['word', 'fr'],
    ['shape', 'en'],
    ['shape', 'fr'],
  ] as const)(
    'reads a title block floated in a text box over the first page as the title block (%s markup, %s)',
    async (markup, language) => {
      // The box floats at the top of the page, but Word anchors it in the first paragraph of the text.
      const layout = layoutOf(seed(language), language);
      const [first = '', ...rest] = layout.paragraphs;
      const document = await readWord([
        { paragraph: marking[language] },
        { paragraph: first, textBox: { lines: [...layout.title, ...layout.meta], markup } },
        ...rest.map((paragraph) => ({ paragraph })),
      ]);
      const read = readStatementDocument(document);
      expect({ ...essence(read), notes: read.notes }).toEqual({
        ...essence(parsePlainStatement(seed(language))),
        notes: [marking[language]],
      });
    },
  );

  it('places a text box that is not the title after the paragraph it is anchored in, and records a pull quote instead of repeating it', async () => {
    const quote = 'Canada will not be silent when civilians are targeted.';
    const document = await readWord([
      { paragraph: 'Statement by Canada on the Protection of Civilians', style: 'Title' },
      { paragraph: 'New York, 21 May 2024' },
      { paragraph: 'Thank you, Madam President.' },
      { paragraph: `${quote} The Council has the tools to act, and it must use them.` },
      {
        paragraph: 'Humanitarian workers are not targets.',
        textBox: { lines: [`“${quote}”`] },
      },
      { pageBreak: true },
      {
        paragraph: 'Canada stands ready to work with every member of this Council.',
        textBox: { lines: ['Canada’s pledge', '$10 million for peacekeeping training'] },
      },
    ]);
    expect(texts(document)).toEqual([
      'Thank you, Madam President.',
      `${quote} The Council has the tools to act, and it must use them.`,
      'Humanitarian workers are not targets.',
      'Canada stands ready to work with every member of this Council.',
      'Canada’s pledge',
      '$10 million for peacekeeping training',
    ]);
    expect(document.notes).toEqual([`“${quote}”`]);
  });
});

describe('what a Word file holds besides its text', () => {
  const titled: WordPart[] = [
    { paragraph: 'Statement by Canada on Peacekeeping', style: 'Title' },
    { paragraph: 'New York, 6 September 2016' },
  ];

  it('records footnotes and endnotes as notes, each whole, never as text', async () => {
    const document = await readWord([
      ...titled,
      { paragraph: 'Mr. President.' },
      {
        paragraph: 'Canada welcomes the report of the Secretary-General.',
        footnotes: [['A/70/999–S/2016/620.', 'See also A/69/981.']],
      },
      { paragraph: 'Thank you.', endnotes: [['Delivered by the Deputy Permanent Representative.']] },
    ]);
    expect({ paragraphs: texts(document), notes: document.notes }).toEqual({
      paragraphs: ['Mr. President.', 'Canada welcomes the report of the Secretary-General.', 'Thank you.'],
      notes: ['A/70/999–S/2016/620. See also A/69/981.', 'Delivered by the Deputy Permanent Representative.'],
    });
  });

  it('records a caption, and never reads an image’s alt text', async () => {
    const document = await readWord([
      ...titled,
      {
        paragraph:
          'Les produits livrables ne contiennent aucune évaluation d’un parti politique ou de ses dirigeants.',
        image: 'Derek-sign',
      },
      { paragraph: '', image: 'Mike Colledge Signature' },
      { paragraph: 'Figure 1 : Mike Colledge Signature', style: 'Caption' },
      { paragraph: 'Canada remains committed to this work.', image: 'Logo Ekos' },
    ]);
    expect(texts(document)).toEqual([
      'Les produits livrables ne contiennent aucune évaluation d’un parti politique ou de ses dirigeants.',
      'Canada remains committed to this work.',
    ]);
    expect(document.notes).toEqual(['Figure 1 : Mike Colledge Signature']);
  });

  it.each([
    ['Word’s TOC field', 'Contents', false],
    ['typed with dot leaders', 'Table des matières', true],
  ] as const)('drops a table of contents (%s), recorded by its heading', async (_kind, heading, typed) => {
    const document = await readWord([
      ...titled,
      {
        tableOfContents: heading,
        entries: [
          ['Introduction', 1],
          ['Protection of civilians', 2],
          ['Peacekeeping', 3],
        ],
        typed,
      },
      { paragraph: 'Introduction', style: 'Heading1' },
      { paragraph: 'Mr. President.' },
    ]);
    expect(texts(document)).toEqual(['Introduction', 'Mr. President.']);
    expect(document.notes).toEqual([heading]);
  });

  it('reads the Title and Subtitle styles as the title', async () => {
    const document = await readWord([
      { paragraph: 'Canadian Statement at the United Nations General Assembly', style: 'Title' },
      { paragraph: 'Interactive Dialogue on the Responsibility to Protect', style: 'Subtitle' },
      { paragraph: 'New York, September 6, 2016' },
      { paragraph: 'Mr. President.' },
    ]);
    expect({
      roles: document.blocks.map((block) => block.role),
      title: readStatementDocument(document).title,
    }).toEqual({
      roles: ['title', 'title', 'body', 'body'],
      title:
        'Canadian Statement at the United Nations General Assembly Interactive Dialogue on the Responsibility to Protect',
    });
  });
});

describe('what a Word file declares about itself', () => {
  const parts: WordPart[] = [
    { paragraph: 'Déclaration du Canada', style: 'Title' },
    { paragraph: 'Monsieur le Président.' },
  ];

  it('reads the title, dates and default language of docProps/core.xml and the styles', async () => {
    const document = await readWord(parts, {
      title: 'Déclaration du Canada au Dialogue interactif sur la responsabilité de protéger',
      created: '2016-09-05T14:12:00Z',
      modified: '2016-09-06T09:30:00Z',
      language: 'fr-CA',
    });
    expect(document.metadata).toEqual({
      titles: [
        {
          text: 'Déclaration du Canada au Dialogue interactif sur la responsabilité de protéger',
          from: 'docx:dc:title',
        },
      ],
      dates: [
        { date: '2016-09-05', from: 'docx:dcterms:created', kind: 'created' },
        { date: '2016-09-06', from: 'docx:dcterms:modified', kind: 'modified' },
      ],
      language: 'fr',
    });
  });

  it.each(['Document1', 'Microsoft Word - R2P statement FINAL.docx', 'Speaking notes – template'])(
    'ignores a title Word took from a template or a file name: %s',
    async (title) => {
      const document = await readWord(parts, {
        title,
        created: '2016-09-05T14:12:00Z',
        modified: '2016-09-06T09:30:00Z',
      });
      expect(document.metadata).toEqual({
        dates: [
          { date: '2016-09-05', from: 'docx:dcterms:created', kind: 'created' },
          { date: '2016-09-06', from: 'docx:dcterms:modified', kind: 'modified' },
        ],
      });
    },
  );
});
