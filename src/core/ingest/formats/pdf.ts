import type { Language } from '../../corpus.ts';
import { DocumentError } from '../../errors.ts';
import { cleanText, type DocumentMetadata, type SourceDocument } from '../document.ts';
import { defaultIngestLimits, type IngestLimits } from '../limits.ts';
import { buildPdfLayout, type PageText, type TextRun } from './pdf-layout.ts';

/** A text item of pdf.js's `getTextContent` (the marked-content items have no `str`). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName?: string;
  hasEOL?: boolean;
}

/**
 * Reads a PDF through pdf.js and rebuilds its paragraphs from the layout as a person reads
 * them (see `buildPdfLayout`): superscripts kept with their word, footnotes recorded as
 * notes, columns and tables read in order, paragraphs split where the document's spacing,
 * indents and list markers say, headings and the title apart, running headers, footers,
 * page numbers and decoration dropped; the Info dictionary's and XMP's title, dates and
 * language are kept as metadata. A PDF with more than `maxPdfPages` pages is refused before
 * any page is read. What its streams decode to is bounded by the reading process's memory
 * cap (see `readDocumentInWorker`).
 */
export async function readPdf(
  bytes: Uint8Array,
  limits: Pick<IngestLimits, 'maxPdfPages'> = defaultIngestLimits,
): Promise<SourceDocument> {
  // The legacy build is pdf.js's build for Node (the modern one warns there). In Node it
  // parses in this thread (its "fake worker"), so inside the document worker the heap cap,
  // the memory cap and the time limit of `readDocumentInWorker` hold for the parser too.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loadingTask = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    // No code generated from the file: pdf.js 6 no longer evals (`isEvalSupported` is gone);
    // without WebAssembly it does not compile the file's PostScript functions to wasm either,
    // nor load its wasm image decoders, which text extraction does not need.
    useWasm: false,
    // No fonts turned into font faces, none looked up among the system's.
    disableFontFace: true,
    useSystemFonts: false,
    // Nothing fetched: no URL of CMaps, standard fonts, ICC profiles or wasm is given, and
    // the parser may not fetch() them itself.
    useWorkerFetch: false,
    // Nothing rendered, so no renderer worker, OffscreenCanvas or ImageDecoder.
    disableWorkerRendering: true,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    // Images are never decoded: text extraction skips a page's images, and the only ones
    // it would meet (drawn by a Type3 font's glyphs) are dropped past one pixel, whatever
    // size they declare. No canvas is probed for its largest size (4 MB is given).
    maxImageSize: 1,
    canvasMaxAreaInBytes: 4 * 1024 * 1024,
    fontExtraProperties: false,
    enableXfa: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    let document: Awaited<typeof loadingTask.promise>;
    try {
      document = await loadingTask.promise;
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'PasswordException')
        throw new DocumentError(
          'encrypted',
          'is protected by a password: save an unprotected copy and try again',
        );
      throw new DocumentError('corrupt', 'is damaged or is not a PDF');
    }
    // The page tree's count, before any page is read: a PDF that declares fewer pages than
    // it holds is read no further than its count.
    if (document.numPages > limits.maxPdfPages)
      throw new DocumentError(
        'too_complex',
        `has ${document.numPages} pages, more than the ${limits.maxPdfPages} any statement needs: it was not read`,
      );
    const pages: PageText[] = [];
    try {
      for (let number = 1; number <= document.numPages; number++) {
        const page = await document.getPage(number);
        // The page as it is shown: its view box, turned by its /Rotate, y going down.
        const view = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        pages.push({
          number,
          width: view.width,
          height: view.height,
          runs: toRuns(content.items as TextItem[], view.transform),
        });
        page.cleanup();
      }
    } catch {
      throw new DocumentError('corrupt', 'is damaged: its text could not be read');
    }
    const { blocks, notes } = buildPdfLayout(pages);
    if (blocks.length === 0)
      throw new DocumentError('empty', 'has no text to read (a scanned PDF needs text recognition first)');
    const metadata = await document.getMetadata().then(
      (found) => readPdfMetadata(found as PdfMetadata),
      () => undefined,
    );
    return { format: 'pdf', blocks, notes, ...(metadata ? { metadata } : {}) };
  } finally {
    // pdf.js 6 destroys a document through its loading task (PDFDocumentProxy.destroy is
    // gone); this also frees what a file that failed to open left behind.
    await loadingTask.destroy();
  }
}

/**
 * The runs of a page as it is shown (`view`: pdf.js's viewport transform, from the PDF's
 * space to the page turned by its /Rotate, y going down): baselines from the top, left
 * edges from the left. Text that is not upright on the page (a watermark set at an angle,
 * a note up the margin) is left out.
 */
function toRuns(items: readonly TextItem[], view: readonly number[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of items) {
    if (typeof item.str !== 'string' || !item.str.trim()) continue;
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = multiply(view, item.transform);
    // Upright as shown: along the x axis, glyphs going up (y goes down in the view).
    if (a <= 0 || d >= 0 || Math.abs(b) > a * 0.05 || Math.abs(c) > -d * 0.05) continue;
    runs.push({
      text: item.str,
      x,
      y,
      width: item.width,
      size: -d || item.height || 10,
      font: item.fontName ?? '',
    });
  }
  return runs;
}

/** The product of two 2D affine transforms `[a, b, c, d, e, f]`: `inner`, then `outer`. */
function multiply(outer: readonly number[], inner: readonly number[]): number[] {
  const [a1 = 1, b1 = 0, c1 = 0, d1 = 1, e1 = 0, f1 = 0] = outer;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = inner;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

/** What pdf.js's `getMetadata()` gives: the Info dictionary and the parsed XMP packet. */
export interface PdfMetadata {
  info?: Record<string, unknown>;
  metadata?: { get(name: string): unknown } | null;
}

/** A title that is only a file name, a template's or a placeholder: "Microsoft Word - x.docx", "untitled". */
const FILE_NAME_TITLE =
  /^(?:(?:document|doc|untitled|sans\s+titre|titre|title|normal|template|modèle|blank|presentation|présentation|slide)\s*\d*|microsoft\s+(?:word|powerpoint|excel)\s*-.*|.*\.(?:docx?|dotx?|docm|pdf|rtf|odt|txt|pptx?|xlsx?|indd|html?)|.*\b(?:template|gabarit)\b.*|.*[-–—]\s*modèle|[a-z]:\\.*|\/.*)$/iu;

/**
 * Reads what a PDF declares about itself: its title (Info `Title`, XMP `dc:title`), unless
 * it is a file name; its dates (Info `CreationDate` and `ModDate`, XMP `xmp:CreateDate` and
 * `xmp:ModifyDate`) as written, `YYYY-MM-DD`; its language (XMP `dc:language`, the catalog's
 * `Lang`). Undefined when it declares none of them.
 * @example readPdfMetadata({ info: { Title: 'Microsoft Word - x.docx', CreationDate: "D:20160906093000-04'00'" } }) // => { dates: [{ date: '2016-09-06', from: 'pdf:info:CreationDate', kind: 'created' }] }
 */
export function readPdfMetadata(found: PdfMetadata): DocumentMetadata | undefined {
  const info = found.info ?? {};
  const xmp = (name: string) => {
    const value = found.metadata?.get(name);
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : undefined;
  };
  const text = (value: unknown) => (typeof value === 'string' ? cleanText(value) : '');
  const titles: NonNullable<DocumentMetadata['titles']> = [];
  for (const [value, from] of [
    [text(info.Title), 'pdf:info:Title'],
    [text(xmp('dc:title')), 'pdf:dc:title'],
  ] as const) {
    if (value.length < 3 || FILE_NAME_TITLE.test(value) || !/\p{L}/u.test(value)) continue;
    if (!titles.some((title) => title.text === value)) titles.push({ text: value, from });
  }
  const dates: NonNullable<DocumentMetadata['dates']> = [];
  for (const [value, from, kind] of [
    [info.CreationDate, 'pdf:info:CreationDate', 'created'],
    [info.ModDate, 'pdf:info:ModDate', 'modified'],
    [xmp('xmp:createdate'), 'pdf:xmp:CreateDate', 'created'],
    [xmp('xmp:modifydate'), 'pdf:xmp:ModifyDate', 'modified'],
  ] as const) {
    const date = typeof value === 'string' ? readPdfDate(value) : undefined;
    if (date && !dates.some((other) => other.date === date && other.kind === kind))
      dates.push({ date, from, kind });
  }
  const language = toLanguage(xmp('dc:language')) ?? toLanguage(info.Language);
  const metadata: DocumentMetadata = {
    ...(titles.length > 0 ? { titles } : {}),
    ...(dates.length > 0 ? { dates } : {}),
    ...(language ? { language } : {}),
  };
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

/**
 * A PDF date (`D:20160906093000-04'00'`) or an XMP date (`2016-09-06T09:30:00-04:00`) as
 * `YYYY-MM-DD` (or `YYYY-MM`), the day as written, in the writer's own time zone.
 * @example readPdfDate("D:20160906233000-04'00'") // => '2016-09-06'
 */
export function readPdfDate(value: string): string | undefined {
  const match =
    /^\s*(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value) ?? /^\s*(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value);
  if (!match) return undefined;
  const [, year, month, day] = match;
  if (!month || Number(month) < 1 || Number(month) > 12 || Number(year) < 1990) return undefined;
  if (!day) return `${year}-${month}`;
  const iso = `${year}-${month}-${day}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : `${year}-${month}`;
}

/** "en", "en-CA", "fr-CA", "French" as a language the ingest knows. */
function toLanguage(value: unknown): Language | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toLowerCase();
  if (/^(?:en|eng|english)\b/.test(code)) return 'en';
  if (/^(?:fr|fra|fre|french|français|francais)\b/.test(code)) return 'fr';
  return undefined;
}
