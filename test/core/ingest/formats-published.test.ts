import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataFile } from '../../../src/core/data-file.ts';
import { buildGlossary, GlossaryFile } from '../../../src/core/glossary.ts';
import { buildBilingualStatement } from '../../../src/core/ingest/build-statement.ts';
import { readDocument } from '../../../src/core/ingest/formats/detect.ts';
import { parsePlainStatement, readStatementDocument } from '../../../src/core/ingest/plain-text.ts';
import { canadaCaPage, layoutOf, pdfFile, wordFile } from '../../support/documents.ts';

/**
 * The real bilingual statements the project holds as text (published by the Prime
 * Minister's Office and the UN Secretary-General), laid out as a Word file, a Canada.ca
 * page and a printed PDF: each gives the same pairs as the text. Among them are statements
 * whose paragraphs are all one line long.
 */
const glossary = buildGlossary(
  parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
);
const folders = ['test/fixtures/align/published', 'test/relevance/archive/sources'];
const statements = folders.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.en.txt'))
    .map((name) => ({ folder, stem: name.replace(/\.en\.txt$/, '') })),
);
// The PDF builder's standard fonts have no non-breaking hyphen: every form is given an ordinary one.
const text = (folder: string, stem: string, language: 'en' | 'fr') =>
  readFileSync(`${folder}/${stem}.${language}.txt`, 'utf8').replaceAll('\u2011', '-');

const formats = {
  docx: (layout: ReturnType<typeof layoutOf>) => wordFile(layout, ''),
  html: async (layout: ReturnType<typeof layoutOf>) =>
    new TextEncoder().encode(canadaCaPage(layout, 'https://www.canada.ca/en/news/statement.html')),
  pdf: (layout: ReturnType<typeof layoutOf>) => pdfFile(layout, ''),
};

describe.each(Object.entries(formats))('real statements given as %s', (_format, make) => {
  it.each(statements.map(({ folder, stem }) => [stem, folder] as const))(
    '%s pairs as its text does',
    async (stem, folder) => {
      const fromText = buildBilingualStatement(
        {
          en: parsePlainStatement(text(folder, stem, 'en')),
          fr: parsePlainStatement(text(folder, stem, 'fr')),
        },
        glossary,
        { date: '2020-01-01' },
      );
      // Laid out as publishers do: the title in its own style first, the lines of the title block under it.
      const version = async (language: 'en' | 'fr') => {
        const title = parsePlainStatement(text(folder, stem, language)).title ?? '';
        const layout = layoutOf(text(folder, stem, language), language, 0);
        const lines = layout.meta;
        const inTitle = lines.filter((line) => line.length > 0 && title.includes(line));
        return readStatementDocument(
          await readDocument(
            await make({ ...layout, title: inTitle, meta: lines.filter((line) => !inTitle.includes(line)) }),
          ),
        );
      };
      const fromFormat = buildBilingualStatement(
        { en: await version('en'), fr: await version('fr') },
        glossary,
        { date: '2020-01-01' },
      );
      expect(fromFormat.statement.paragraphs.map((p) => p.text)).toEqual(
        fromText.statement.paragraphs.map((p) => p.text),
      );
      expect(fromFormat.pairs.map((p) => [p.bead.en, p.bead.fr])).toEqual(
        fromText.pairs.map((p) => [p.bead.en, p.bead.fr]),
      );
    },
  );
});
