import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDataFile } from '../../../src/core/data-file.ts';
import { buildGlossary, type Glossary, GlossaryFile } from '../../../src/core/glossary.ts';
import { buildBilingualStatement } from '../../../src/core/ingest/build-statement.ts';
import { readDocument } from '../../../src/core/ingest/formats/detect.ts';
import {
  type PlainStatement,
  parsePlainStatement,
  readStatementDocument,
} from '../../../src/core/ingest/plain-text.ts';
import { canadaCaPage, layoutOf, pdfFile, wordFile } from '../../support/documents.ts';

let glossary: Glossary;
beforeAll(() => {
  glossary = buildGlossary(
    parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
  );
});

const plainText = (language: 'en' | 'fr') => readFileSync(`test/fixtures/align/seed.${language}.txt`, 'utf8');
const plain = (language: 'en' | 'fr') => parsePlainStatement(plainText(language));
const layout = (language: 'en' | 'fr') => layoutOf(plainText(language), language);
const url = (language: 'en' | 'fr') =>
  `https://www.international.gc.ca/statements-declarations/2016-09-06.aspx?lang=${language === 'en' ? 'eng' : 'fra'}`;

const read = async (bytes: Uint8Array) => readStatementDocument(await readDocument(bytes));

/** What must come out the same whatever the format: the title block and the paragraphs. */
const essence = (statement: PlainStatement) => ({
  title: statement.title,
  date: statement.date,
  place: statement.place,
  speaker: statement.speaker,
  forum: statement.forum,
  language: statement.language,
  paragraphs: statement.paragraphs.map(({ n, language, text }) => ({ n, language, text })),
});

const formats = {
  html: async (language: 'en' | 'fr') =>
    new TextEncoder().encode(canadaCaPage(layout(language), url(language))),
  docx: async (language: 'en' | 'fr') =>
    wordFile(
      layout(language),
      language === 'en' ? 'Check against delivery' : 'Priorité au discours prononcé',
    ),
  pdf: async (language: 'en' | 'fr') =>
    pdfFile(
      layout(language),
      language === 'en'
        ? 'Permanent Mission of Canada to the United Nations'
        : 'Mission permanente du Canada auprès des Nations Unies',
    ),
};

describe.each(Object.entries(formats))('a statement given as %s', (format, make) => {
  it.each(['en', 'fr'] as const)(
    'reads the same title block and paragraphs as the plain text (%s)',
    async (language) => {
      const document = await readDocument(await make(language));
      expect(document.format).toBe(format);
      const read = readStatementDocument(document);
      expect(essence(read)).toEqual(essence(plain(language)));
      const everything = read.paragraphs.map((p) => p.text).join('\n');
      for (const furniture of [
        'Skip to main content',
        'Date modified',
        'Share this page',
        'Français',
        'Page 1',
        'Permanent Mission',
        'Mission permanente',
        'Search',
      ])
        expect(everything).not.toContain(furniture);
    },
  );

  it('pairs into the same statement and citations as the plain text', async () => {
    const fromPlain = buildBilingualStatement({ en: plain('en'), fr: plain('fr') }, glossary);
    const fromFormat = buildBilingualStatement(
      { en: await read(await make('en')), fr: await read(await make('fr')) },
      glossary,
    );
    expect(fromFormat.statement.paragraphs).toEqual(fromPlain.statement.paragraphs);
    expect(fromFormat.citations).toEqual(fromPlain.citations);
    expect(fromFormat.pairs.map((p) => [p.bead.en, p.bead.fr])).toEqual(
      fromPlain.pairs.map((p) => [p.bead.en, p.bead.fr]),
    );
  });
});

describe('format details', () => {
  it('reads a text file saved as UTF-16 (Notepad’s "Unicode"), either byte order, as its UTF-8 twin', async () => {
    const text = plainText('fr');
    const utf16le = new Uint8Array(2 + text.length * 2);
    utf16le.set([0xff, 0xfe]);
    const utf16be = new Uint8Array(2 + text.length * 2);
    utf16be.set([0xfe, 0xff]);
    for (let k = 0; k < text.length; k++) {
      const code = text.charCodeAt(k);
      utf16le.set([code & 0xff, code >> 8], 2 + 2 * k);
      utf16be.set([code >> 8, code & 0xff], 2 + 2 * k);
    }
    const expected = essence(plain('fr'));
    expect(essence(await read(utf16le))).toEqual(expected);
    expect(essence(await read(utf16be))).toEqual(expected);
  });

  it('keeps a web page’s canonical URL and declared language', async () => {
    const document = await readDocument(await formats.html('fr'));
    expect(document.url).toBe(url('fr'));
    expect(document.language).toBe('fr');
  });

  it('reads a page whose title block is one paragraph broken by <br>, as international.gc.ca writes it', async () => {
    const page = `<html lang="en"><body><main property="mainContentOfPage"><h1>General Assembly Interactive Dialogue:<br>The Responsibility to Protect</h1>
      <p><strong>Statement by Ambassador Michael Grant, Deputy Permanent Representative of Canada to the United Nations</strong><br>New York, September 6, 2016<br><em>Check against delivery</em></p>
      <p>Mr. President,</p><p>I wish to thank you for organising this informal interactive dialogue.</p></main></body></html>`;
    const read = readStatementDocument(await readDocument(new TextEncoder().encode(page)));
    expect(read).toMatchObject({
      title: 'General Assembly Interactive Dialogue: The Responsibility to Protect',
      speaker: {
        name: 'Ambassador Michael Grant',
        role: 'Deputy Permanent Representative of Canada to the United Nations',
      },
      date: '2016-09-06',
      place: 'New York',
      notes: ['Check against delivery'],
    });
    expect(read.paragraphs.map((p) => p.text)).toEqual([
      'Mr. President,',
      'I wish to thank you for organising this informal interactive dialogue.',
    ]);
  });

  it('records the "Check against delivery" note of a Word file instead of reading it as text', async () => {
    const read = readStatementDocument(await readDocument(await formats.docx('fr')));
    expect(read.notes).toEqual(['Priorité au discours prononcé']);
    expect(read.paragraphs[0]!.text).toBe('Monsieur le Président.');
  });

  it('joins words a PDF hyphenated at the end of a line, and keeps compounds whole', async () => {
    const read = readStatementDocument(await readDocument(await formats.pdf('en')));
    const text = read.paragraphs.map((p) => p.text).join(' ');
    expect(text).toContain('Secretary-General');
    expect(text).not.toMatch(/\p{L}- \p{L}/u);
    expect(text).not.toMatch(/\b(?:prot|resp|impl|inte|orga|peac)- ?\p{Ll}/u);
  });
});
