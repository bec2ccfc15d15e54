import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Source } from '../../../../src/core/corpus.ts';
import { DocumentError } from '../../../../src/core/errors.ts';
import { type DocumentFormat, documentFormats, readPlainText } from '../../../../src/core/ingest/document.ts';
import { detectFormat, readDocument } from '../../../../src/core/ingest/formats/detect.ts';
import {
  either,
  type FormatEntry,
  fileExtensions,
  formatNames,
  formatOfFileName,
  formatOfSlackType,
  formats,
} from '../../../../src/core/ingest/formats/index.ts';
import { defaultIngestLimits } from '../../../../src/core/ingest/limits.ts';
import { addModal } from '../../../../src/slack/archive/modals.ts';
import { notices } from '../../../../src/slack/notices.ts';
import { canadaCaPage, layoutOf, pdfFile, wordFile } from '../../../support/documents.ts';
import { zipWithDeclaredSizes } from '../../../support/zip.ts';

const seed = readFileSync('test/fixtures/align/seed.en.txt', 'utf8');
const layout = layoutOf(seed, 'en');
const url = 'https://www.international.gc.ca/statements-declarations/2016-09-06.aspx?lang=eng';
const encode = (text: string) => new TextEncoder().encode(text);

/** A sample of each format's content: a format added to the table without one fails here. */
const samples: Record<DocumentFormat, () => Promise<Uint8Array>> = {
  docx: () => wordFile(layout, 'Check against delivery'),
  pdf: () => pdfFile(layout, 'Permanent Mission of Canada to the United Nations'),
  html: async () => encode(canadaCaPage(layout, url)),
  txt: async () => encode(seed),
};

/** The text of a document's blocks, on one line. */
const textOf = (blocks: Array<{ lines: string[] }>) => blocks.flatMap((block) => block.lines).join(' ');

const refusal = async (read: () => unknown) => {
  try {
    await read();
  } catch (error) {
    if (error instanceof DocumentError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a DocumentError');
};

describe('the formats table', () => {
  it('has a sample for every format, and names the same formats as the statement files', () => {
    expect(Object.keys(samples).sort()).toEqual(formats.map((entry) => entry.format).sort());
    expect(documentFormats).toEqual(formats.map((entry) => entry.format));
    expect(Source.shape.format.unwrap().options).toEqual(documentFormats);
  });

  it.each(formats.map((entry) => [entry.format, entry] as const))(
    'recognises %s from its content, by its own entry and by none before it, and reads it',
    async (format, entry) => {
      const bytes = await samples[format]();
      const before = formats.slice(0, formats.indexOf(entry));
      expect(entry.sniff(bytes)).toBe(true);
      expect(before.filter((other) => other.sniff(bytes)).map((other) => other.format)).toEqual([]);
      expect(detectFormat(bytes)).toBe(format);
      const document = await readDocument(bytes);
      expect(document.format).toBe(format);
      const text = textOf(document.blocks);
      expect(text).toContain(layout.paragraphs[0]!.slice(0, 60));
      expect(text).toContain(layout.paragraphs.at(-1)!.slice(-60));
    },
  );

  it('recognises a format by its file name endings and by Slack’s file types, in any case', () => {
    expect(fileExtensions()).toEqual(['.docx', '.pdf', '.html', '.htm', '.txt']);
    expect(formatOfFileName('Statement.en.DOCX')?.format).toBe('docx');
    expect(formatOfFileName('page.htm')?.format).toBe('html');
    expect(formatOfFileName('notes.md')).toBeUndefined();
    expect(formatOfFileName('docx')).toBeUndefined();
    expect(formatOfSlackType('PDF')?.format).toBe('pdf');
    expect(formatOfSlackType('markdown')?.format).toBe('txt');
    expect(formatOfSlackType('png')).toBeUndefined();
  });

  it('refuses what a format resembles but cannot read, and what is no format, with its reason', async () => {
    const zip = zipWithDeclaredSizes([{ name: 'content.xml', data: encode('<office/>') }]);
    expect(await refusal(() => readDocument(zip))).toEqual({
      code: 'unknown_format',
      message: 'is a zip file, not a Word (.docx) document',
    });
    expect((await refusal(() => readDocument(zip.subarray(0, 40)))).code).toBe('corrupt');
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(() => readDocument(ole))).code).toBe('encrypted');
    expect(await refusal(() => readDocument(encode('{\\rtf1\\ansi Mr. President')))).toEqual({
      code: 'unknown_format',
      message: 'is an RTF file: save it as .docx and try again',
    });
    expect(await refusal(() => readDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])))).toEqual({
      code: 'unknown_format',
      message: 'is not a Word file (.docx), a PDF, a web page (.html) or a text file (.txt)',
    });
    expect((await refusal(() => readDocument(new Uint8Array()))).code).toBe('empty');
  });

  it('gives every place that lists formats the table’s list', () => {
    const input = addModal('en').blocks[0] as unknown as { element: { filetypes: string[] } };
    expect(input.element.filetypes).toEqual(['docx', 'pdf', 'html', 'htm', 'txt']);
    expect(notices.en.archive.file.unknown_format('x.png')).toBe(
      'x.png is not a Word file (.docx), a PDF, a web page (.html) or a text file (.txt).',
    );
    expect(notices.fr.archive.file.unknown_format('x.png')).toBe(
      'x.png n’est ni un fichier Word (.docx), ni un PDF, ni une page Web (.html), ni un fichier texte (.txt).',
    );
    expect(notices.en.archive.modal.filesHint).toContain(': Word, PDF, web page or text.');
    expect(notices.fr.archive.modal.filesHint).toContain('\u202f: Word, PDF, page Web ou texte.');
  });
});

describe('a format added to the table', () => {
  /** A made-up format, recognised by its signature, read as the text after it. */
  const fake: FormatEntry = {
    format: 'qtf',
    extensions: ['.qtf'],
    slackTypes: ['qtf'],
    names: {
      en: { short: 'quotes file', one: 'a quotes file (.qtf)' },
      fr: { short: 'fichier de citations', one: 'un fichier de citations (.qtf)' },
    },
    sniff: (bytes) => new TextDecoder().decode(bytes.subarray(0, 4)) === 'QTF1',
    read: async (bytes) => ({
      ...readPlainText(new TextDecoder().decode(bytes.subarray(4))),
      // A made-up format is none of the real formats' names.
      format: 'qtf' as DocumentFormat,
    }),
  };
  const table: FormatEntry[] = [fake, ...formats];
  const sample = encode('QTF1Title\n6 September 2016\n\nMr. President.');

  it('is recognised from its content and read, before the formats after it', async () => {
    expect(detectFormat(sample, table)).toBe('qtf');
    const document = await readDocument(sample, defaultIngestLimits, table);
    expect(document.format).toBe('qtf');
    expect(document.blocks.map((block) => block.lines)).toEqual([
      ['Title', '6 September 2016'],
      ['Mr. President.'],
    ]);
    // The others are still recognised through the longer table.
    expect(detectFormat(encode(seed), table)).toBe('txt');
    expect(detectFormat(sample)).toBe('txt');
  });

  it('is accepted by its name and Slack type, and named where formats are listed', async () => {
    expect(fileExtensions(table)).toEqual(['.qtf', '.docx', '.pdf', '.html', '.htm', '.txt']);
    expect(formatOfFileName('speech.QTF', table)?.format).toBe('qtf');
    expect(formatOfSlackType('qtf', table)?.format).toBe('qtf');
    expect(formatOfFileName('speech.qtf')).toBeUndefined();
    expect(either(formatNames('en', 'short', table), 'en')).toBe('quotes file, Word, PDF, web page or text');
    expect(either(formatNames('fr', 'short', table), 'fr')).toBe(
      'fichier de citations, Word, PDF, page Web ou texte',
    );
    expect((await refusal(() => detectFormat(new Uint8Array([1, 0, 2]), table))).message).toBe(
      'is not a quotes file (.qtf), a Word file (.docx), a PDF, a web page (.html) or a text file (.txt)',
    );
  });
});
