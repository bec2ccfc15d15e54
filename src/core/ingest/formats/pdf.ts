import { DocumentError } from '../../errors.ts';
import { cleanText, type DocumentBlock, type SourceDocument } from '../document.ts';
import { defaultIngestLimits, type IngestLimits } from '../limits.ts';

/** One line of text as laid out on a page. */
interface Line {
  page: number;
  text: string;
  /** Baseline, from the top of the page. */
  top: number;
  /** Left edge. */
  left: number;
  size: number;
  /** Height of the page. */
  pageHeight: number;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

/**
 * Reads a PDF through pdf.js and rebuilds its paragraphs from the layout: lines rejoined,
 * words hyphenated across line breaks joined, paragraphs split at vertical gaps, running
 * headers, footers and page numbers dropped; larger type at the top is the title. A PDF
 * with more than `maxPdfPages` pages is refused before any page is read. What its streams
 * decode to is bounded by the reading process's memory cap (see `readDocumentInWorker`).
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
    const lines: Line[] = [];
    try {
      for (let number = 1; number <= document.numPages; number++) {
        const page = await document.getPage(number);
        const [, , , pageHeight = 792] = page.view;
        const content = await page.getTextContent();
        lines.push(...toLines(content.items as TextItem[], number, pageHeight));
        page.cleanup();
      }
    } catch {
      throw new DocumentError('corrupt', 'is damaged: its text could not be read');
    }
    if (lines.length === 0)
      throw new DocumentError('empty', 'has no text to read (a scanned PDF needs text recognition first)');
    return { format: 'pdf', blocks: toBlocks(dropRunningLines(lines)), notes: [] };
  } finally {
    // pdf.js 6 destroys a document through its loading task (PDFDocumentProxy.destroy is
    // gone); this also frees what a file that failed to open left behind.
    await loadingTask.destroy();
  }
}

/** Groups a page's text items into lines, top to bottom, left to right. */
function toLines(items: readonly TextItem[], page: number, pageHeight: number): Line[] {
  const pieces = items
    .filter((item) => typeof item.str === 'string' && item.str.length > 0)
    .map((item) => ({
      text: item.str,
      left: item.transform[4] ?? 0,
      right: (item.transform[4] ?? 0) + item.width,
      top: pageHeight - (item.transform[5] ?? 0),
      size: Math.abs(item.transform[3] ?? 0) || item.height || 10,
    }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
  const lines: Array<{ top: number; size: number; pieces: typeof pieces }> = [];
  for (const piece of pieces) {
    const line = lines.find(
      (candidate) => Math.abs(candidate.top - piece.top) < Math.max(2, candidate.size * 0.4),
    );
    if (line) {
      line.pieces.push(piece);
      line.size = Math.max(line.size, piece.size);
    } else lines.push({ top: piece.top, size: piece.size, pieces: [piece] });
  }
  return lines
    .sort((a, b) => a.top - b.top)
    .map((line) => {
      const sorted = line.pieces.sort((a, b) => a.left - b.left);
      let text = '';
      let right = Number.NEGATIVE_INFINITY;
      for (const piece of sorted) {
        const gap = piece.left - right;
        if (text && gap > line.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(piece.text)) text += ' ';
        text += piece.text;
        right = piece.right;
      }
      return {
        page,
        text: cleanText(text),
        top: line.top,
        left: sorted[0]!.left,
        size: line.size,
        pageHeight,
      };
    })
    .filter((line) => line.text.length > 0);
}

const PAGE_NUMBER =
  /^(?:[-–—]\s*)?(?:page\s+|p\.\s*)?\d{1,4}(?:\s*(?:of|de|sur|\/)\s*\d{1,4})?(?:\s*[-–—])?$/iu;
/** The text of a line with its numbers blanked, to find headers and footers that repeat with the page number. */
const shape = (text: string) => text.replace(/\d+/g, '#').toLowerCase();

/** Drops page numbers and the headers and footers that repeat at the top or bottom of the pages. */
function dropRunningLines(lines: readonly Line[]): Line[] {
  const pages = new Set(lines.map((line) => line.page)).size;
  const inMargin = (line: Line) => line.top < line.pageHeight * 0.1 || line.top > line.pageHeight * 0.9;
  const seen = new Map<string, Set<number>>();
  for (const line of lines) {
    if (!inMargin(line)) continue;
    const key = shape(line.text);
    const on = seen.get(key) ?? new Set<number>();
    on.add(line.page);
    seen.set(key, on);
  }
  return lines.filter((line) => {
    if (!inMargin(line)) return true;
    if (PAGE_NUMBER.test(line.text)) return false;
    return !(
      pages > 1 &&
      (seen.get(shape(line.text))?.size ?? 0) >= Math.min(pages, Math.max(2, Math.ceil(pages / 2)))
    );
  });
}

const ENDS_SENTENCE = /[.!?…:;»”"]$/u;

/** Joins lines into paragraphs: a vertical gap, a change of type size or a new indented line starts a new one. */
function toBlocks(lines: readonly Line[]): DocumentBlock[] {
  const sizes = lines.map((line) => line.size).sort((a, b) => a - b);
  const bodySize = sizes[Math.floor(sizes.length / 2)] ?? 10;
  const gaps: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    const gap = lines[k]!.top - lines[k - 1]!.top;
    if (lines[k]!.page === lines[k - 1]!.page && gap > 0) gaps.push(gap);
  }
  gaps.sort((a, b) => a - b);
  const lineStep = gaps[Math.floor(gaps.length * 0.25)] ?? bodySize * 1.2;
  const words = new Set(lines.flatMap((line) => line.text.match(/\p{L}+(?:-\p{L}+)+/gu) ?? []));

  const blocks: Array<{ text: string; size: number }> = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const current = blocks.at(-1);
    const sameSize = previous !== undefined && Math.abs(line.size - previous.size) < bodySize * 0.15;
    const continues =
      current !== undefined &&
      previous !== undefined &&
      sameSize &&
      (line.page === previous.page
        ? line.top - previous.top < lineStep * 1.45
        : // Over a page break, a paragraph goes on unless the last line ended a sentence.
          !ENDS_SENTENCE.test(previous.text));
    if (continues) current.text = joinLines(current.text, line.text, words);
    else blocks.push({ text: line.text, size: line.size });
    previous = line;
  }
  let inTitle = true;
  return blocks.map((block) => {
    inTitle &&= block.size > bodySize * 1.15;
    return { lines: [block.text], role: inTitle ? 'title' : 'body' };
  });
}

/**
 * Joins a wrapped line to the text before it: a word hyphenated at the line end is
 * joined, unless the document writes it with its hyphen elsewhere ("peut-être").
 */
function joinLines(before: string, after: string, hyphenated: ReadonlySet<string>): string {
  const broken = /(\p{L}+)-$/u.exec(before);
  if (broken && /^\p{Lu}/u.test(after)) return `${before}${after}`;
  const next = /^(\p{Ll}[\p{L}]*)/u.exec(after);
  if (broken && next) {
    const kept = `${broken[1]}-${next[1]}`;
    if (hyphenated.has(kept)) return `${before}${after}`;
    return `${before.slice(0, -1)}${after}`;
  }
  return `${before} ${after}`;
}
