import { PDFDocument, PDFName, PDFNumber, type PDFPage, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../../src/core/errors.ts';
import { readDocument } from '../../../../src/core/ingest/formats/detect.ts';
import { readPdf } from '../../../../src/core/ingest/formats/pdf.ts';

const MB = 1024 * 1024;

/** A one-page statement, and what the test adds to its page. */
async function statementPdf(
  pages = 1,
  addTo: (pdf: PDFDocument, page: PDFPage) => void = () => {},
): Promise<PDFDocument> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let k = 0; k < pages; k++) {
    const page = pdf.addPage([612, 792]);
    page.drawText('Mr. President, Canada welcomes this dialogue.', { x: 72, y: 650, size: 11, font });
    addTo(pdf, page);
  }
  return pdf;
}

const texts = (document: Awaited<ReturnType<typeof readDocument>>) =>
  document.blocks.flatMap((block) => block.lines).join(' ');

describe('a PDF that declares more than it holds', () => {
  it('is read without decoding an image of 30,000 × 30,000 pixels, on the page or in a Type3 glyph', async () => {
    const pdf = await statementPdf(1, (pdf, page) => {
      // 3.6 GB once decoded, from a few bytes of garbage.
      const image = pdf.context.register(
        pdf.context.stream(new Uint8Array(1000).fill(0x5a), {
          Type: 'XObject',
          Subtype: 'Image',
          Width: 30_000,
          Height: 30_000,
          ColorSpace: 'DeviceRGB',
          BitsPerComponent: 8,
        }),
      );
      const onPage = page.node.newXObject('Im', image);
      // A Type3 font whose glyph draws it: pdf.js loads a Type3 font's glyphs to read its text.
      const glyph = pdf.context.register(pdf.context.stream('1000 0 d0 q 1000 0 0 1000 0 0 cm /Im Do Q'));
      const type3 = pdf.context.register(
        pdf.context.obj({
          Type: 'Font',
          Subtype: 'Type3',
          FontBBox: [0, 0, 1000, 1000],
          FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
          CharProcs: { a: glyph },
          Encoding: { Type: 'Encoding', Differences: [97, PDFName.of('a')] },
          FirstChar: 97,
          LastChar: 97,
          Widths: [500],
          Resources: { XObject: { Im: image } },
        }),
      );
      const font = page.node.newFontDictionary('T3', type3);
      page.node.addContentStream(
        pdf.context.register(
          pdf.context.stream(`q 500 0 0 500 50 50 cm ${onPage} Do Q BT ${font} 12 Tf 72 600 Td (aaa) Tj ET`),
        ),
      );
    });
    const bytes = await pdf.save();
    expect(bytes.length).toBeLessThan(20_000);
    const before = process.memoryUsage.rss();
    const document = await readDocument(bytes);
    // A loose guard, not a measure: decoding the image would take gigabytes.
    expect(process.memoryUsage.rss() - before).toBeLessThan(300 * MB);
    expect(texts(document)).toContain('Mr. President, Canada welcomes this dialogue.');
  });

  it('is refused when it has more pages than the limit, before any page is read', async () => {
    const bytes = await (await statementPdf(3)).save();
    const error = await readPdf(bytes, { maxPdfPages: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe('too_complex');
    expect((error as DocumentError).message).toBe(
      'has 3 pages, more than the 2 any statement needs: it was not read',
    );
    expect((await readPdf(bytes, { maxPdfPages: 3 })).blocks.length).toBeGreaterThan(0);
  });

  it('is counted by the pages it holds, not by the count it declares', async () => {
    const pdf = await statementPdf(1);
    pdf.catalog.Pages().set(PDFName.of('Count'), PDFNumber.of(1_000_000));
    const document = await readPdf(await pdf.save({ useObjectStreams: false }));
    expect(texts(document)).toBe('Mr. President, Canada welcomes this dialogue.');
  });
});
