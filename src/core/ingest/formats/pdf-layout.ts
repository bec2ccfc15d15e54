import { cleanText, type DocumentBlock, isDocumentNote } from '../document.ts';
import { isDateLine } from '../title-block.ts';

/** One run of text as pdf.js reports it (a `getTextContent` item), in page coordinates. */
export interface TextRun {
  text: string;
  /** Left edge, in points from the left of the page. */
  x: number;
  /** Baseline, in points from the top of the page. */
  y: number;
  /** Advance width, in points. */
  width: number;
  /** Font size, in points. */
  size: number;
  /** The font's id within the document (pdf.js's `fontName`): runs in one font share it. */
  font: string;
}

/** The text runs of one page, and the page's size in points. */
export interface PageText {
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
}

/** What the layout says: the blocks in reading order, and the footnotes taken out of them. */
export interface PdfLayout {
  blocks: DocumentBlock[];
  /** Footnotes found at the foot of the pages ("Footnote 1: …") and asides set beside the text ("Aside: …"). */
  notes: string[];
}

/** The thresholds of the reading, relative to the type size (ems) or to the body's line pitch. */
export interface LayoutOptions {
  /** A vertical gap larger than this many line pitches starts a new paragraph. */
  paragraphGap: number;
  /** A raised or lowered run at most this fraction of its line's size is a superscript or subscript. */
  scriptSize: number;
  /** A horizontal gap, in ems, past which two runs on one baseline are separate lines (a tab, a gutter). */
  segmentGap: number;
  /** A shift of the left edge, in ems, that starts a paragraph (a first-line indent, a quotation). */
  indent: number;
  /** Type at least this many times the body size is a heading (the title, on the first page). */
  headingSize: number;
  /** Rows a band of columns or a table spans at least before it is read as one. */
  minColumnRows: number;
}

/** The thresholds used unless told otherwise; Word's usual spacing gives gaps of 1.35–1.6 pitches. */
export const defaultLayoutOptions: LayoutOptions = {
  paragraphGap: 1.2,
  scriptSize: 0.85,
  segmentGap: 3,
  indent: 0.8,
  headingSize: 1.15,
  minColumnRows: 3,
};

interface Piece {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  font: string;
  /** Raised (a footnote reference, "®", the "e" of "XXIe") or lowered against its line. */
  script?: 'super' | 'sub';
}

interface Row {
  page: PageText;
  /** Baseline of the row's main text. */
  y: number;
  /** The row's main type size (by characters, scripts left out). */
  size: number;
  /** Sorted left to right. */
  pieces: Piece[];
}

interface Line {
  page: number;
  /** The column the line belongs to: a change of flow is read like a page break. */
  flow: string;
  text: string;
  y: number;
  left: number;
  right: number;
  size: number;
  font: string;
  /** True when one font holds nearly all of the line. */
  pure: boolean;
  /** Where the text starts after a list marker ("•", "1.", "a)"), when the line starts with one. */
  marker?: { text: string; textLeft: number };
  /** The line ends with a soft hyphen: the word goes on, without the hyphen, on the next line. */
  soft: boolean;
  /** Set beside the text in other type (a pull quote, a sidebar): kept out of the text, as a note. */
  aside?: boolean;
}

/** A line to read, or a table row already read (its cells joined in order). */
type Item = { kind: 'line'; line: Line } | { kind: 'row'; text: string; page: number; flow: string };

/** What the whole document says about its type: the body's size, font, line pitch and text edges. */
interface Stats {
  bodySize: number;
  bodyFont: string;
  pitch: number;
  /** Left and right edges of each flow's body lines. */
  edges: Map<string, { left: number; right: number }>;
  words: Map<string, number>;
  compounds: Set<string>;
}

const SENTENCE_END = /[.!?…:;]["'»”’)\]]*$/u;
const round = (value: number, step = 0.5) => Math.round(value / step) * step;
const letters = (text: string) => text.replace(/\s+/g, '').length;

/** The most common value, each weighted (ties: the smaller value). */
function weightedMode<T extends string | number>(entries: Iterable<[T, number]>): T | undefined {
  const totals = new Map<T, number>();
  for (const [value, weight] of entries) totals.set(value, (totals.get(value) ?? 0) + weight);
  let best: T | undefined;
  let bestWeight = -1;
  for (const [value, weight] of totals) {
    if (weight > bestWeight || (weight === bestWeight && best !== undefined && value < best)) {
      best = value;
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * Reads the blocks of a PDF from its layout, as a person reads the pages: lines rebuilt
 * from their runs (superscripts kept with their word, footnote references dropped),
 * running headers, footers, page numbers and decorative letters dropped, footnotes taken
 * out of the text, columns read one after the other and tables row by row, paragraphs
 * split where the document's own spacing, indents or list markers say, headings and the
 * title apart, and words hyphenated at a line end joined.
 * @example buildPdfLayout([{ number: 1, width: 612, height: 792, runs: [{ text: 'Mr. President,', x: 72, y: 100, width: 70, size: 11, font: 'f1' }] }]).blocks // => [{ lines: ['Mr. President,'], role: 'body' }]
 */
export function buildPdfLayout(pages: readonly PageText[], options: Partial<LayoutOptions> = {}): PdfLayout {
  const settings = { ...defaultLayoutOptions, ...options };
  let rows = pages.flatMap((page) => toRows(page, settings));
  rows = dropRunningRows(rows, pages.length);
  const bodySize = modeSize(rows);
  rows = dropDecorations(rows, bodySize);
  const bodyFont =
    weightedMode(
      rows.flatMap((row) =>
        row.pieces
          .filter((piece) => !piece.script && Math.abs(piece.size - bodySize) <= 0.5)
          .map((piece): [string, number] => [piece.font, letters(piece.text)]),
      ),
    ) ?? '';
  const byPage = new Map<PageText, Row[]>(pages.map((page) => [page, []]));
  for (const row of rows) byPage.get(row.page)?.push(row);
  const footnotes: Footnote[] = [];
  const items: Item[] = [];
  for (const page of pages) {
    const body = takeFootnotes(byPage.get(page) ?? [], bodySize, footnotes);
    items.push(...readingOrder(body, { size: bodySize, font: bodyFont }, settings));
  }
  const notes = footnotes.map((note) => `Footnote ${note.marker}: ${note.text}`);
  const lines = items.flatMap((item) => (item.kind === 'line' ? [item.line] : []));
  if (lines.length === 0 && items.length === 0) return { blocks: [], notes };
  const stats = measure(lines, { size: bodySize, font: bodyFont });
  const { blocks, asides } = toBlocks(items, stats, settings);
  return { blocks, notes: [...notes, ...asides.map((text) => `Aside: ${text}`)] };
}

/** The body's type size: the size most characters are set in. */
function modeSize(rows: readonly Row[]): number {
  return (
    weightedMode(
      rows.flatMap((row) =>
        row.pieces
          .filter((piece) => !piece.script)
          .map((piece): [number, number] => [round(piece.size), letters(piece.text)]),
      ),
    ) ?? 10
  );
}

// ---------------------------------------------------------------------------------------------
// Rows: runs on one baseline, with their superscripts and subscripts.

/** The text without control characters: glyphs with no text meaning (a logo drawn in a font). */
const withoutControls = (text: string) =>
  [...text]
    .filter((char) => (char.codePointAt(0) ?? 0) >= 0x20 || /\s/.test(char))
    .join('')
    .replace(/\u007f/g, '');

/** Groups a page's runs into rows by baseline, and attaches each superscript or subscript to its line. */
function toRows(page: PageText, settings: LayoutOptions): Row[] {
  const pieces: Piece[] = [];
  for (const run of page.runs) {
    const text = withoutControls(run.text);
    if (!text.trim() || !(run.size > 0)) continue;
    const piece = {
      text,
      x: run.x,
      right: run.x + Math.max(run.width, 0),
      y: run.y,
      size: run.size,
      font: run.font,
    };
    // Text drawn twice, a hair apart (a fake bold or a shadow), is read once.
    const twin = pieces.find(
      (other) =>
        other.text === piece.text && Math.abs(other.x - piece.x) < 1.5 && Math.abs(other.y - piece.y) < 1.5,
    );
    if (!twin) pieces.push(piece);
  }
  pieces.sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: Row[] = [];
  for (const piece of pieces) {
    const row = rows.find(
      (candidate) =>
        Math.abs(candidate.y - piece.y) <= Math.max(0.75, 0.3 * Math.min(candidate.size, piece.size)),
    );
    if (row) {
      row.pieces.push(piece);
      row.size = Math.max(row.size, piece.size);
    } else rows.push({ page, y: piece.y, size: piece.size, pieces: [piece] });
  }
  attachScripts(rows, settings);
  const kept = rows.filter((row) => row.pieces.length > 0);
  for (const row of kept) settleRow(row);
  return kept.sort((a, b) => a.y - b.y);
}

/** Sorts a row's pieces and takes its size and baseline from its main text. */
function settleRow(row: Row): void {
  row.pieces.sort((a, b) => a.x - b.x);
  const main = row.pieces.filter((piece) => !piece.script);
  const sized = main.length > 0 ? main : row.pieces;
  row.size =
    weightedMode(sized.map((piece): [number, number] => [round(piece.size), letters(piece.text)])) ??
    row.size;
  const base = sized.find((piece) => Math.abs(piece.size - row.size) < 0.6) ?? sized[0]!;
  row.y = base.y;
}

/**
 * Moves each short run that sits raised or lowered against a line of larger type, touching
 * one of its words, into that line as a superscript or subscript.
 */
function attachScripts(rows: Row[], settings: LayoutOptions): void {
  for (const row of rows) {
    for (const piece of [...row.pieces]) {
      const text = piece.text.trim();
      if (text.length > 6 || /\s/.test(text)) continue;
      let best: { row: Row; distance: number; script: 'super' | 'sub' } | undefined;
      for (const line of rows) {
        if (
          line === row ||
          Math.abs(line.y - piece.y) > 0.75 * line.size ||
          line.size * settings.scriptSize < piece.size
        )
          continue;
        const main = line.pieces.filter(
          (other) => !other.script && other.size * settings.scriptSize >= piece.size,
        );
        if (main.length === 0) continue;
        const size = Math.max(...main.map((other) => other.size));
        const rise = main[0]!.y - piece.y;
        const script =
          rise >= 0.12 * size && rise <= 0.75 * size
            ? 'super'
            : rise <= -0.08 * size && rise >= -0.4 * size
              ? 'sub'
              : undefined;
        if (!script) continue;
        const touches = main.some(
          (other) =>
            (piece.x - other.right >= -1 && piece.x - other.right <= 0.5 * size) ||
            (other.x - piece.right >= -1 && other.x - piece.right <= 0.5 * size),
        );
        if (touches && (!best || Math.abs(rise) < best.distance))
          best = { row: line, distance: Math.abs(rise), script };
      }
      if (!best) continue;
      row.pieces.splice(row.pieces.indexOf(piece), 1);
      best.row.pieces.push({ ...piece, script: best.script });
    }
  }
}

/** A footnote reference: a number, a list of numbers or a dagger, raised after a word. */
const NOTE_REFERENCE = /^(?:\d{1,3}(?:[,–-]\d{1,3})*|[*†‡§]{1,3})$/u;
/** Units whose powers are written raised: "km2", "m3". */
const UNIT_BEFORE = /(?:^|[\s\d])(?:k?m|cm|mm|ft)$/u;
/** A soft hyphen at the end of a line: a word broken by the typesetter. */
const SOFT_HYPHEN = /\u00ad\s*$/u;

/**
 * The text of pieces on one baseline, left to right: a space where the gap is wider than
 * a hairline; a footnote reference dropped; another superscript joined to its word.
 */
function textOf(pieces: readonly Piece[], size: number): { text: string; soft: boolean } {
  let text = '';
  let right = Number.NEGATIVE_INFINITY;
  let first = true;
  for (const piece of pieces) {
    const gap = piece.x - right;
    const spaced = text !== '' && gap > size * 0.15 && !/\s$/.test(text) && !/^\s/.test(piece.text);
    if (piece.script) {
      const mark = piece.text.trim();
      if (first) text = `${mark} `;
      else if (piece.script === 'super' && NOTE_REFERENCE.test(mark) && !UNIT_BEFORE.test(text.trimEnd())) {
        // A footnote reference: the note is read at the foot of the page.
      } else text += (spaced ? ' ' : '') + mark;
    } else text += (spaced ? ' ' : '') + piece.text;
    right = Math.max(right, piece.right);
    first = false;
  }
  const soft = SOFT_HYPHEN.test(text);
  return { text: cleanText(text.replace(/[\u2010\u2011]\s*$/u, '-')), soft };
}

const rowText = (row: Row) => textOf(row.pieces, row.size).text;

// ---------------------------------------------------------------------------------------------
// What is not the text: running heads and feet, page numbers, decoration, footnotes.

const PAGE_NUMBER =
  /^(?:(?:[-–—]\s*)?(?:page\s+|p\.\s*)?\d{1,4}(?:\s*(?:of|de|sur|\/)\s*\d{1,4})?(?:\s*[-–—])?|\d{1,4}\s*\|\s*p\s?a\s?g\s?e|p\s?a\s?g\s?e\s*\|\s*\d{1,4})$/iu;
/** The text of a line with its numbers blanked, to find headers and footers that repeat with the page number. */
const shape = (text: string) => text.replace(/\d+/g, '#').toLowerCase();
const inMargin = (row: Row) => row.y < row.page.height * 0.1 || row.y > row.page.height * 0.9;

/** Drops page numbers and the headers and footers that repeat at the top or bottom of the pages. */
function dropRunningRows(rows: readonly Row[], pages: number): Row[] {
  const seen = new Map<string, Set<number>>();
  for (const row of rows) {
    if (!inMargin(row)) continue;
    const key = shape(rowText(row));
    const on = seen.get(key) ?? new Set<number>();
    on.add(row.page.number);
    seen.set(key, on);
  }
  return rows.filter((row) => {
    if (!inMargin(row)) return true;
    const text = rowText(row);
    if (PAGE_NUMBER.test(text)) return false;
    return !(
      pages > 1 && (seen.get(shape(text))?.size ?? 0) >= Math.min(pages, Math.max(2, Math.ceil(pages / 2)))
    );
  });
}

/** Punctuation a line may wrap onto a line of its own (« Syrie : », « paix. »). */
const WRAPPED_PUNCTUATION = /[.,;:!?»«"“”'’()[\]…–—-]/u;

/**
 * Single letters or symbols standing alone: cover art ("X X O X X" in large type), a rule
 * of stars; never punctuation, a digit, or one small letter.
 */
function isDecoration(text: string, size: number, bodySize: number): boolean {
  const tokens = text.split(/\s+/).filter(Boolean);
  return (
    tokens.length > 0 &&
    tokens.every(
      (token) => [...token].length === 1 && !/\p{N}/u.test(token) && !WRAPPED_PUNCTUATION.test(token),
    ) &&
    (size >= bodySize * 1.3 || tokens.length >= 2)
  );
}

/**
 * Drops decoration: clusters of lone letters and symbols (a drop cap is put back at the
 * start of its paragraph) and stray tiny marks that belong to no line.
 */
function dropDecorations(rows: readonly Row[], bodySize: number): Row[] {
  const kept: Row[] = [];
  for (const row of rows) {
    const clusters: Piece[][] = [];
    for (const piece of row.pieces) {
      const last = clusters.at(-1);
      const previous = last?.at(-1);
      if (last && previous && piece.x - previous.right <= 2 * row.size) last.push(piece);
      else clusters.push([piece]);
    }
    const pieces: Piece[] = [];
    const decorative = (cluster: Piece[]) =>
      isDecoration(textOf(cluster, row.size).text, Math.max(...cluster.map((piece) => piece.size)), bodySize);
    clusters.forEach((cluster, k) => {
      const text = textOf(cluster, row.size).text;
      const next = clusters[k + 1];
      const marker =
        next !== undefined && next[0]!.x - cluster.at(-1)!.right <= 6 * row.size && !decorative(next);
      if (!decorative(cluster) || marker) {
        pieces.push(...cluster);
        return;
      }
      const dropCap = cluster.length === 1 && /^\p{Lu}$/u.test(text) && cluster[0]!.size >= bodySize * 1.5;
      if (dropCap) attachDropCap(cluster[0]!, rows);
    });
    if (pieces.length === 0) continue;
    const text = textOf(pieces, row.size).text;
    // A stray mark in small type (a reference that lost its word), never a paragraph.
    if (text.length <= 3 && row.size < bodySize * 0.85 && !/\p{L}{2}/u.test(text)) continue;
    kept.push({ ...row, pieces });
  }
  return kept;
}

/** Puts a drop cap back at the start of the line its letter stands beside. */
function attachDropCap(letter: Piece, rows: readonly Row[]): void {
  const line = rows
    .filter((row) => row.y >= letter.y - letter.size && row.y <= letter.y + 0.3 * letter.size)
    .map((row) => ({ row, first: row.pieces.find((piece) => !piece.script) }))
    .find(
      ({ first }) =>
        first !== undefined && first.x - letter.right >= -1 && first.x - letter.right <= 0.6 * letter.size,
    );
  if (line?.first) line.first.text = `${letter.text.trim()}${line.first.text.trimStart()}`;
}

/** The marker a footnote starts with: "1", "12", "*", "†". */
const NOTE_MARKER = /^(\d{1,3}|[*†‡§]{1,3})\.?\s*(?=\S)/u;

/** A footnote being read: its marker, its text so far, and whether its last line ended with a soft hyphen. */
interface Footnote {
  marker: string;
  text: string;
  soft: boolean;
}

/**
 * Takes the footnotes out of a page into `notes`: the rows in smaller type at the foot of
 * the page, below the text, each note starting with its marker; rows before the first
 * marker go on with the last note of the page before (a note run over).
 */
function takeFootnotes(rows: readonly Row[], bodySize: number, notes: Footnote[]): Row[] {
  const small = (row: Row) => row.size < bodySize * 0.92;
  const lastBody = rows.findLast((row) => !small(row));
  let start = rows.length;
  while (start > 0 && small(rows[start - 1]!)) start--;
  // At the foot of the page, below the text; or alone on a page, run over from the page before.
  const atFoot = (row: Row) =>
    lastBody ? row.y > lastBody.y && row.y >= row.page.height * 0.5 : row.page.number > 1;
  let first = start;
  while (first < rows.length && !NOTE_MARKER.test(rowText(rows[first]!))) first++;
  const previous = notes.at(-1);
  const runsOver =
    previous !== undefined && !SENTENCE_END.test(previous.text) && first > start && atFoot(rows[start]!);
  const cut = runsOver ? start : first < rows.length && atFoot(rows[first]!) ? first : rows.length;
  for (const row of rows.slice(cut)) {
    const { text, soft } = textOf(row.pieces, row.size);
    const marker = NOTE_MARKER.exec(text);
    const last = notes.at(-1);
    if (marker) notes.push({ marker: marker[1]!, text: text.slice(marker[0].length), soft });
    else if (last) {
      last.text = joinLines(last.text, text, last.soft);
      last.soft = soft;
    }
  }
  return rows.slice(0, cut);
}

// ---------------------------------------------------------------------------------------------
// Reading order: columns one after the other, tables row by row, lines split at wide gaps.

/** A list marker at the start of a line: a bullet, a dash, "1.", "a)", "(iv)". */
const LIST_MARKER =
  /^(?:[•◦▪▫●○■□➢►▶‣⁃∙·\uf0b7\uf0a7\uf076\uf0d8\uf0fc]|[–—-]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])(?=\s|$)/u;
/** A bullet glyph, dropped from the start of a list item's text (numbers and dashes are kept). */
const BULLET = /^[•◦▪▫●○■□➢►▶‣⁃∙·\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\s*/u;
/** A section number: "1.2", "4.1.7.4", "A.2.2.5". */
const SECTION_NUMBER = /^(?:[A-Z]\.)?\d{1,3}(?:\.\d{1,3})+\.?$/u;
/** A piece that is only a marker, never the text to the left of a column. */
const MARKER_ONLY =
  /^(?:[•◦▪▫●○■□➢►▶‣⁃∙·\uf0b7\uf0a7\uf076\uf0d8\uf0fc*†‡–—-]|\(?\d{1,3}[.)]?|\(?[a-zA-Z][.)]|\(?[ivxlc]{1,5}[.)]|(?:[A-Z]\.)?\d{1,3}(?:\.\d{1,3})+\.?)$/u;

/** The body's type: its size and its font. */
interface BodyType {
  size: number;
  font: string;
}

interface Band {
  start: number;
  end: number;
  splits: number[];
}

/** The page's rows in reading order, as lines and table rows. */
function readingOrder(rows: readonly Row[], body: BodyType, settings: LayoutOptions): Item[] {
  const bands = findBands(rows, settings);
  const items: Item[] = [];
  const page = rows[0]?.page.number ?? 0;
  let k = 0;
  let bandIndex = 0;
  while (k < rows.length) {
    const band = bands.find((candidate) => candidate.start === k);
    if (band) {
      const read = readBand(
        rows.slice(band.start, band.end),
        band.splits,
        `${page}:${bandIndex++}`,
        body,
        settings,
      );
      items.push(...read.items);
      k = band.start + read.rows;
      continue;
    }
    const row = rows[k]!;
    for (const segment of segments(row.pieces, row.size, settings))
      items.push({ kind: 'line', line: toLine(segment, row, `${page}`) });
    k++;
  }
  return items;
}

/** Splits a row's pieces where a gap is wider than a tab stop's. */
function segments(pieces: readonly Piece[], size: number, settings: LayoutOptions): Piece[][] {
  const result: Piece[][] = [];
  let right = Number.NEGATIVE_INFINITY;
  for (const piece of pieces) {
    const current = result.at(-1);
    const afterMarker = current?.length === 1 && MARKER_ONLY.test(current[0]!.text.trim());
    if (current && (piece.script || afterMarker || piece.x - right <= settings.segmentGap * size))
      current.push(piece);
    else result.push([piece]);
    if (!piece.script) right = Math.max(right, piece.right);
  }
  return result;
}

function toLine(pieces: readonly Piece[], row: Row, flow: string): Line {
  const { text, soft } = textOf(pieces, row.size);
  const main = pieces.filter((piece) => !piece.script);
  const measured = main.length > 0 ? main : pieces;
  const font =
    weightedMode(measured.map((piece): [string, number] => [piece.font, letters(piece.text)])) ?? '';
  const total = measured.reduce((sum, piece) => sum + letters(piece.text), 0);
  const inFont = measured
    .filter((piece) => piece.font === font)
    .reduce((sum, piece) => sum + letters(piece.text), 0);
  const size =
    weightedMode(measured.map((piece): [number, number] => [round(piece.size), letters(piece.text)])) ??
    row.size;
  const line: Line = {
    page: row.page.number,
    flow,
    text,
    y: row.y,
    left: measured[0]!.x,
    right: Math.max(...measured.map((piece) => piece.right)),
    size,
    font,
    pure: inFont >= total * 0.8,
    soft,
  };
  // A section number or a label set apart from its text by a tab ("4.1.7.4   Notice and
  // consent", "Date:   Indicates…") is a marker too.
  const head = measured[0]!.text.trim();
  const apart = measured.length > 1 && measured[1]!.x - measured[0]!.right >= 0.8 * size;
  const tabbed =
    apart && (SECTION_NUMBER.test(head) || (/^\p{Lu}[^:]{0,40}:$/u.test(head) && head.split(' ').length <= 5))
      ? head
      : undefined;
  const marker = LIST_MARKER.exec(text)?.[0] ?? tabbed;
  if (marker) {
    const first = measured[0]!;
    const next = measured[1];
    const textLeft =
      first.text.trim() === marker && next
        ? next.x
        : first.x + ((first.right - first.x) * (marker.length + 1)) / Math.max(first.text.length, 1);
    line.marker = { text: marker, textLeft };
  }
  return line;
}

/**
 * Finds the bands of a page laid out in columns or as a table: x positions where at least
 * `minColumnRows` runs start with text to their left, and the rows around them that no
 * run crosses.
 */
function findBands(rows: readonly Row[], settings: LayoutOptions): Band[] {
  const starts: Array<{ x: number; row: number; marker: boolean }> = [];
  rows.forEach((row, k) => {
    // The rows beside this one: its own, and those whose baselines drift from it by less than a line.
    const beside: Row[] = [row];
    for (let j = k - 1; j >= 0 && row.y - rows[j]!.y <= row.size * 0.9; j--) beside.push(rows[j]!);
    for (let j = k + 1; j < rows.length && rows[j]!.y - row.y <= row.size * 0.9; j++) beside.push(rows[j]!);
    for (const piece of row.pieces) {
      if (piece.script) continue;
      const reach = piece.x - 0.8 * row.size;
      let text = false;
      let blocked = false;
      for (const other of beside) {
        for (const left of other.pieces) {
          if (left.script || left === piece || left.x >= piece.x - 0.5) continue;
          if (left.right > reach) blocked = true;
          else if (!MARKER_ONLY.test(left.text.trim())) text = true;
        }
      }
      if (text && !blocked) starts.push({ x: piece.x, row: k, marker: MARKER_ONLY.test(piece.text.trim()) });
    }
  });
  starts.sort((a, b) => a.x - b.x);
  const found: Array<{ x: number; rows: Set<number>; markers: boolean }> = [];
  let cluster: typeof starts = [];
  const close = () => {
    const supporting = new Set(cluster.map((start) => start.row));
    const markers = cluster.filter((start) => start.marker).length >= cluster.length * 0.8;
    if (supporting.size >= settings.minColumnRows)
      found.push({ x: cluster[0]!.x, rows: supporting, markers });
  };
  for (const start of starts) {
    if (cluster.length > 0 && start.x - cluster[0]!.x > 2) {
      close();
      cluster = [];
    }
    cluster.push(start);
  }
  if (cluster.length > 0) close();
  // Bullets start a column with their text a little to their right: the column starts at the
  // bullets, and the bullets are no column of their own.
  const candidates: Array<{ x: number; rows: Set<number> }> = [];
  found.forEach((candidate, k) => {
    const before = found[k - 1];
    if (candidate.markers) return;
    if (before?.markers && candidate.x - before.x <= 24)
      candidates.push({ x: before.x, rows: new Set([...before.rows, ...candidate.rows]) });
    else candidates.push(candidate);
  });

  const bands: Band[] = [];
  for (const { x, rows: supporting } of candidates) {
    const crosses = (row: Row) =>
      row.pieces.some((piece) => !piece.script && piece.x < x - 2 && piece.right > x + 2);
    const sides = (row: Row) => ({
      left: row.pieces.some(
        (piece) => !piece.script && piece.right <= x && !MARKER_ONLY.test(piece.text.trim()),
      ),
      right: row.pieces.some((piece) => !piece.script && piece.x >= x - 2),
    });
    let k = 0;
    while (k < rows.length) {
      if (crosses(rows[k]!)) {
        k++;
        continue;
      }
      let end = k + 1;
      while (
        end < rows.length &&
        !crosses(rows[end]!) &&
        rows[end]!.y - rows[end - 1]!.y <= 4 * Math.max(rows[end]!.size, rows[end - 1]!.size)
      )
        end++;
      // Enough runs start at x in this run, and text stands to the left of x: a band. Its
      // baselines may drift from one side to the other (a pull quote beside the text).
      const support: number[] = [];
      for (let j = k; j < end; j++) if (supporting.has(j)) support.push(j);
      const lefts: number[] = [];
      for (let j = k; j < end; j++) if (sides(rows[j]!).left) lefts.push(j);
      if (support.length >= settings.minColumnRows && lefts.length > 0) {
        const top = rows[support[0]!]!;
        const firstLeft = lefts.find((j) => rows[j]!.y >= top.y - 2 * top.size) ?? support[0]!;
        bands.push({ start: Math.min(support[0]!, firstLeft), end, splits: [x] });
      }
      k = end;
    }
  }
  // Bands that overlap are one band (a table of three columns has two splits).
  bands.sort((a, b) => a.start - b.start);
  const merged: Band[] = [];
  for (const band of bands) {
    const last = merged.at(-1);
    if (last && band.start < last.end) {
      last.end = Math.max(last.end, band.end);
      last.splits = [...new Set([...last.splits, ...band.splits])].sort((a, b) => a - b);
    } else merged.push({ ...band, splits: [...band.splits] });
  }
  return merged;
}

/**
 * Reads a band: text in columns, column by column; a table, row by row. Returns how many of
 * the rows it read: a table ends with its last row of cells (and the lines of that row's
 * cells), so the paragraph after it is read as text.
 */
function readBand(
  band: readonly Row[],
  splits: readonly number[],
  flow: string,
  body: BodyType,
  settings: LayoutOptions,
): { items: Item[]; rows: number } {
  const columnAt = (x: number) => splits.filter((split) => x >= split - 2).length;
  const columns = splits.length + 1;
  // A bullet goes with the text that follows it.
  const cellsOf = (row: Row) => {
    const cells: Piece[][] = Array.from({ length: columns }, () => []);
    row.pieces.forEach((piece, k) => {
      const next = row.pieces[k + 1];
      const bullet = MARKER_ONLY.test(piece.text.trim()) && next && next.x - piece.right <= 2 * row.size;
      cells[columnAt(bullet ? next.x : piece.x)]!.push(piece);
    });
    return cells;
  };
  const kind = bandKind(band, band.map(cellsOf), splits);
  if (kind === 'labels') {
    // Each row read whole, a label as the marker of the text it labels (a hanging indent).
    const items: Item[] = band.map((row) => {
      const line = toLine(row.pieces, row, flow);
      const label = cellsOf(row)[0]!;
      if (label.length > 0 && !line.marker)
        line.marker = { text: textOf(label, row.size).text, textLeft: splits[0]! };
      return { kind: 'line', line };
    });
    return { items, rows: band.length };
  }
  if (kind === 'columns') {
    const cells = band.map(cellsOf);
    // A column in other type beside one in the body's type is an aside (a pull quote): the
    // paragraph it interrupts is read on around it, and the aside is kept apart.
    const isBody = Array.from({ length: columns }, (_, column) => {
      const pieces = band.flatMap((_, k) => cells[k]![column]!);
      const size = weightedMode(
        pieces.map((piece): [number, number] => [round(piece.size), letters(piece.text)]),
      );
      const font = weightedMode(pieces.map((piece): [string, number] => [piece.font, letters(piece.text)]));
      return size !== undefined && Math.abs(size - body.size) <= 0.5 && font === body.font;
    });
    const asides = isBody.some(Boolean) && !isBody.every(Boolean);
    const order = [...isBody.keys()].sort(
      (a, b) => (asides ? Number(isBody[b]) - Number(isBody[a]) : 0) || a - b,
    );
    const items: Item[] = [];
    for (const column of order)
      band.forEach((row, k) => {
        for (const segment of segments(cells[k]![column]!, row.size, settings)) {
          const line = toLine(segment, row, `${flow}:${column}`);
          if (asides && !isBody[column]) line.aside = true;
          items.push({ kind: 'line', line });
        }
      });
    return { items, rows: band.length };
  }
  // A table: rows of cells. The gap between a cell's lines is the smallest within a column.
  const allGaps = band.slice(1).map((row, k) => row.y - band[k]!.y);
  const cellGaps: number[] = [];
  for (let column = 0; column < columns; column++) {
    const ys = band.filter((row) => cellsOf(row)[column]!.length > 0).map((row) => row.y);
    ys.slice(1).forEach((y, k) => {
      if (y - ys[k]! >= 0.5 * band[0]!.size) cellGaps.push(y - ys[k]!);
    });
  }
  const lineGap = Math.min(...cellGaps, Number.POSITIVE_INFINITY);
  const full = (row: Row) => cellsOf(row).filter((cell) => cell.length > 0).length > 1;
  const cellLeft = weightedMode(
    band.filter(full).flatMap((row): Array<[number, number]> => {
      const first = cellsOf(row)[0]![0];
      return first ? [[round(first.x), 1]] : [];
    }),
  );
  // After the last row of cells, the lines of its cells: in another column, or in the first
  // one where its cells start (a paragraph after the table starts at the margin).
  const continues = (row: Row) => {
    const [first = [], ...others] = cellsOf(row);
    const start = first[0];
    return start
      ? Math.abs(round(start.x) - (cellLeft ?? -1)) <= 1.5
      : others.some((cell) => cell.length > 0);
  };
  let end = band.findLastIndex(full) + 1;
  while (end < band.length && allGaps[end - 1]! <= lineGap * 1.3 && continues(band[end]!)) end++;
  const rows = band.slice(0, end);
  const cells = rows.map(cellsOf);
  const gaps = allGaps.slice(0, end - 1);
  // Where the first column names the rows, a row starts where it starts an item: below a
  // gap of its own, or after a line of it that ended short of the cell's edge. Otherwise a
  // row starts below a gap wider than the gap between a cell's lines.
  const named = cells.filter((row) => row[0]!.length > 0).length >= rows.length * 0.2;
  const groups: number[][] = [];
  let label: { y: number; right: number; size: number } | undefined;
  // The first column's cells end where its widest line ends.
  const cellRight = Math.max(...cells.flatMap((row) => row[0]!.map((piece) => piece.right)));
  rows.forEach((row, k) => {
    const first = cells[k]![0]!;
    let starts = k === 0;
    if (!starts && named && first.length > 0 && label) {
      const text = textOf(first, row.size).text;
      const right = Math.max(...first.map((piece) => piece.right));
      const word =
        (1.1 * (right - first[0]!.x) * (text.split(' ')[0]?.length ?? 0)) / Math.max(text.length, 1);
      starts = row.y - label.y > lineGap * 1.3 || label.right + 0.3 * label.size + word <= cellRight;
    } else if (!starts && !named) starts = gaps[k - 1]! > lineGap * 1.3;
    if (starts) groups.push([k]);
    else groups.at(-1)!.push(k);
    if (first.length > 0)
      label = { y: row.y, right: Math.max(...first.map((piece) => piece.right)), size: row.size };
  });
  const page = rows[0]!.page.number;
  const items = groups.map((group): Item => {
    const texts: string[] = [];
    for (let column = 0; column < columns; column++) {
      let cell = '';
      let soft = false;
      for (const k of group) {
        const pieces = cells[k]![column]!;
        if (pieces.length === 0) continue;
        const line = textOf(pieces, rows[k]!.size);
        const text = line.text.replace(BULLET, '');
        cell = cell ? joinLines(cell, text, soft) : text;
        soft = line.soft;
      }
      if (cell) texts.push(cell);
    }
    // Cells are read in order, apart; a label ("Date:") is read with what it labels.
    const text = texts.reduce(
      (all, cell) => (!all ? cell : /:$/.test(all) ? `${all} ${cell}` : `${all} | ${cell}`),
      '',
    );
    return { kind: 'row', text, page, flow };
  });
  return { items, rows: end };
}

/**
 * What a band is: labels beside what they label (few lines on the left, each beside a line on
 * the right: "Date:", "Document Status:"); a table (more than two columns, rows that start
 * together in every column, or cells mostly too short to be lines of running text); or
 * columns of text.
 */
function bandKind(
  rows: readonly Row[],
  cells: readonly Piece[][][],
  splits: readonly number[],
): 'labels' | 'table' | 'columns' {
  if (splits.length > 1) return 'table';
  const sides = [0, 1].map((column) =>
    rows.flatMap((row, k) => {
      const pieces = cells[k]![column]!.filter((piece) => !piece.script);
      return pieces.length > 0
        ? [{ y: row.y, left: pieces[0]!.x, right: Math.max(...pieces.map((piece) => piece.right)) }]
        : [];
    }),
  );
  const [left, right] = sides as [
    Array<{ y: number; left: number; right: number }>,
    Array<{ y: number; left: number; right: number }>,
  ];
  const besideRight = left.filter((line) => right.some((other) => Math.abs(other.y - line.y) < 1.5)).length;
  if (left.length > 0 && left.length * 2 <= right.length && besideRight >= left.length * 0.8) return 'labels';
  // Text on each side at baselines of its own (a pull quote beside the text): no rows of cells.
  if (besideRight < Math.min(left.length, right.length) * 0.5) return 'columns';
  if (left.length < 3 || right.length < 3) return 'table';
  const startsOf = (lines: typeof left) => {
    const gaps = lines.slice(1).map((line, k) => line.y - lines[k]!.y);
    const step = Math.min(...gaps.filter((gap) => gap > 0), Number.POSITIVE_INFINITY);
    return lines.filter((_, k) => k === 0 || gaps[k - 1]! > step * 1.25).map((line) => line.y);
  };
  const leftStarts = startsOf(left);
  const rightStarts = startsOf(right);
  const aligned = rightStarts.filter((y) => leftStarts.some((other) => Math.abs(other - y) < 1.5)).length;
  if (aligned >= 2 && aligned >= rightStarts.length * 0.6) return 'table';
  const x = splits[0]!;
  const leftEdge = Math.min(...left.map((line) => line.left));
  const rightEdge = Math.max(...right.map((line) => line.right));
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const leftFill = median(left.map((line) => line.right - line.left)) / Math.max(x - leftEdge, 1);
  const rightFill = median(right.map((line) => line.right - line.left)) / Math.max(rightEdge - x, 1);
  return leftFill < 0.55 || rightFill < 0.55 ? 'table' : 'columns';
}

// ---------------------------------------------------------------------------------------------
// Paragraphs.

/** The body's font, its line pitch, the edges of each flow and the words of the document. */
function measure(lines: readonly Line[], body: BodyType): Stats {
  const { size: bodySize, font: bodyFont } = body;
  const isBody = (line: Line) => Math.abs(line.size - bodySize) <= 0.5;
  const edges = new Map<string, { left: number; right: number }>();
  for (const line of lines) {
    if (!isBody(line)) continue;
    const edge = edges.get(line.flow) ?? { left: line.left, right: line.right };
    edge.left = Math.min(edge.left, line.left);
    edge.right = Math.max(edge.right, line.right);
    edges.set(line.flow, edge);
  }
  // The pitch of wrapped lines: gaps after a line that runs on into the next.
  const wraps: number[] = [];
  const gaps: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    const [before, line] = [lines[k - 1]!, lines[k]!];
    if (before.flow !== line.flow || !isBody(before) || !isBody(line)) continue;
    if (before.font !== bodyFont || line.font !== bodyFont) continue;
    const gap = line.y - before.y;
    if (gap < 0.6 * bodySize) continue;
    gaps.push(gap);
    const edge = edges.get(line.flow);
    const full = edge !== undefined && before.right >= edge.right - 2 * bodySize;
    const runsOn =
      !SENTENCE_END.test(before.text) &&
      (/^\p{Ll}/u.test(line.text) || /\p{L}-$/u.test(before.text) || (full && !line.marker));
    if (runsOn) wraps.push(gap);
  }
  wraps.sort((a, b) => a - b);
  const pitch =
    wraps.length > 0
      ? wraps[Math.floor((wraps.length - 1) / 4)]!
      : Math.min(1.2 * bodySize, ...gaps, Number.POSITIVE_INFINITY);
  const words = new Map<string, number>();
  const compounds = new Set<string>();
  for (const line of lines) {
    for (const word of line.text.toLowerCase().match(/\p{L}+/gu) ?? [])
      words.set(word, (words.get(word) ?? 0) + 1);
    for (const compound of line.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)+/gu) ?? [])
      compounds.add(compound);
  }
  return { bodySize, bodyFont, pitch, edges, words, compounds };
}

interface Draft {
  lines: Line[];
  text: string;
  soft: boolean;
  /** A table row, read already. */
  row?: boolean;
}

const startsLower = (text: string) => /^\p{Ll}/u.test(text);

/** A line that holds a date and little else, standing alone: a dateline. */
function isDateAlone(line: Line, stats: Stats): boolean {
  const text = line.text;
  if (!isDateLine(text) || text.length > 80 || text.split(/\s+/).length > 10 || startsLower(text))
    return false;
  const edge = stats.edges.get(line.flow);
  if (!edge) return true;
  const width = edge.right - edge.left;
  return line.right <= edge.left + 0.8 * width || line.left >= edge.left + 0.2 * width;
}

/** A line that reaches the right edge of its column: the text wraps after it. */
function isFull(line: Line, stats: Stats): boolean {
  const edge = stats.edges.get(line.flow);
  return (
    edge !== undefined && line.right >= edge.right - 2.5 * line.size && line.left <= edge.left + 4 * line.size
  );
}

/**
 * Whether the first word of `line` would have fitted at the end of `before`, within the right
 * edge of its column: if it would, the line before ended by choice (a paragraph's end), not
 * because it was full. Undefined when the column's edge is not known.
 */
function nextWordFits(before: Line, line: Line, stats: Stats): boolean | undefined {
  const edge = stats.edges.get(before.flow);
  // Unknown for a line set in the right half of its column (a signature, text after a tab).
  if (!edge || line.text.length === 0 || before.left > (edge.left + edge.right) / 2) return undefined;
  const word = line.text.split(' ')[0]!;
  // The word's width from its share of its line, a tenth more for the error of that measure.
  const width = (1.1 * (line.right - line.left) * word.length) / line.text.length;
  return before.right + 0.3 * before.size + width <= edge.right;
}

/** A line that stands alone by what it says: a dateline, "Check against delivery". */
const standsAlone = (line: Line, stats: Stats) => isDateAlone(line, stats) || isDocumentNote(line.text);

/**
 * True when `b` may go on from `a` by their type: the same size, and the same font unless
 * the text runs on (a phrase in italics or bold that fills a line, inside a paragraph: the
 * line before was full, or the sentence goes on in lowercase).
 */
function sameStyle(a: Line, b: Line, stats: Stats): boolean {
  if (Math.abs(a.size - b.size) > 0.12 * Math.max(a.size, b.size)) return false;
  if (a.font === b.font || !a.pure || !b.pure) return true;
  if (a.size > stats.bodySize + 0.5) return false;
  if (!SENTENCE_END.test(a.text) && startsLower(b.text)) return true;
  return a.flow === b.flow && nextWordFits(a, b, stats) === false;
}

/** True when `line` starts a new block after the block `draft` (whose last line is `before`). */
function startsBlock(draft: Draft, line: Line, stats: Stats, settings: LayoutOptions): boolean {
  if (draft.row) return true;
  const before = draft.lines.at(-1)!;
  const first = draft.lines[0]!;
  if (!sameStyle(before, line, stats)) return true;
  // A dateline or a note stands alone, unless the line before runs on into it ("… dated" /
  // "February 1, 2013.").
  const intoDate =
    !SENTENCE_END.test(before.text) &&
    line.flow === before.flow &&
    (isFull(before, stats) || nextWordFits(before, line, stats) === false);
  if ((standsAlone(line, stats) && !intoDate) || (draft.lines.length === 1 && standsAlone(first, stats)))
    return true;
  const dash = line.marker && /^[–—-]$/.test(line.marker.text);
  if (line.marker && (!dash || SENTENCE_END.test(before.text) || first.marker)) return true;
  if (line.flow !== before.flow || line.page !== before.page) {
    // Over a page or column break, a paragraph goes on when the line before was full: the
    // next word could not fit on it. Without a measure, unless the line ended a sentence.
    if (startsLower(line.text)) return false;
    const fits = nextWordFits(before, line, stats);
    return fits ?? SENTENCE_END.test(before.text);
  }
  const gap = line.y - before.y;
  const em = Math.max(line.size, before.size);
  if (Math.abs(gap) <= 0.5 * em) return false; // Two parts of one row, a tab apart.
  if (gap < 0) return true;
  const pitch = stats.pitch * (Math.max(line.size, before.size) / stats.bodySize);
  // A sentence that goes on in lowercase may cross a wider gap (a heading's own leading).
  const lower = !SENTENCE_END.test(before.text) && startsLower(line.text);
  if (gap > pitch * settings.paragraphGap * (lower ? 1.35 : 1)) return true;
  // Indents tell paragraphs apart in running text only (headings and titles may be centred).
  const body = line.size <= stats.bodySize + 0.5 && line.font === stats.bodyFont;
  if (!body) return false;
  const shift = settings.indent * line.size;
  // A list item goes on under its text (a hanging indent) or back under its marker.
  if (first.marker)
    return Math.abs(line.left - first.marker.textLeft) > shift && Math.abs(line.left - first.left) > shift;
  // A first-line indent, or the end of a quotation set in; not text that wraps around a
  // picture, where the sentence runs on over a full line.
  const runsOn = lower || (!SENTENCE_END.test(before.text) && nextWordFits(before, line, stats) === false);
  if (runsOn) return false;
  if (line.left > before.left + shift) return true;
  return draft.lines.length > 1 && line.left < before.left - shift;
}

/**
 * Joins lines into blocks and gives each its role. Asides (pull quotes beside the text) are
 * kept out of the blocks and returned apart, for the notes.
 */
function toBlocks(
  items: readonly Item[],
  stats: Stats,
  settings: LayoutOptions,
): { blocks: DocumentBlock[]; asides: string[] } {
  const drafts: Draft[] = [];
  /** Adds a line to `draft` when it goes on with it; returns false when it starts a block. */
  const join = (draft: Draft | undefined, line: Line): draft is Draft => {
    if (!draft || draft.row || startsBlock(draft, line, stats, settings)) return false;
    const before = draft.lines.at(-1)!;
    draft.text =
      Math.abs(line.y - before.y) <= 0.5 * line.size && line.flow === before.flow
        ? `${draft.text} ${line.text}`
        : joinLines(draft.text, line.text, draft.soft, stats);
    draft.soft = line.soft;
    draft.lines.push(line);
    return true;
  };
  // An aside is read apart: the paragraph it interrupts goes on around it.
  const asides: Draft[] = [];
  let current: Draft | undefined;
  for (const item of items) {
    if (item.kind === 'row') {
      current = { lines: [], text: item.text, soft: false, row: true };
      drafts.push(current);
    } else if (item.line.aside) {
      if (!join(asides.at(-1), item.line))
        asides.push({ lines: [item.line], text: item.line.text, soft: item.line.soft });
    } else if (!join(current, item.line)) {
      current = { lines: [item.line], text: item.line.text, soft: item.line.soft };
      drafts.push(current);
    }
  }

  const all = drafts.flatMap((draft) => draft.lines);
  const firstPageNumber = Math.min(...all.map((line) => line.page));
  const firstPage = all.filter((line) => line.page === firstPageNumber);
  const largest = Math.max(0, ...firstPage.map((line) => line.size));
  const titleSize = largest >= stats.bodySize * settings.headingSize ? largest : Number.POSITIVE_INFINITY;
  let inTitle = true;
  const blocks = drafts.map((draft): DocumentBlock => {
    const lines = draft.lines;
    const size = Math.max(0, ...lines.map((line) => line.size));
    const text = draft.row || !lines[0]?.marker ? draft.text : draft.text.replace(BULLET, '');
    if (draft.row) {
      inTitle = false;
      return { lines: [text], role: 'body' };
    }
    const first = lines[0]!;
    const isTitle = inTitle && first.page === firstPageNumber && size >= titleSize - 0.5;
    // Blocks before the title, or short ones between its lines and the text, keep it open.
    if (!isTitle && size <= stats.bodySize + 0.5 && (lines.length > 1 || SENTENCE_END.test(text)))
      inTitle = false;
    if (isTitle) return { lines: [text], role: 'title' };
    const emphasis =
      lines.every((line) => line.pure && line.font !== stats.bodyFont) && size >= stats.bodySize * 0.95;
    const heading =
      (size >= stats.bodySize * settings.headingSize || emphasis) &&
      lines.length <= 3 &&
      text.length <= 200 &&
      !/[.,;]$/.test(text) &&
      !standsAlone(first, stats) &&
      !(lines.length === 1 && isDocumentNote(text));
    return { lines: [text], role: heading ? 'heading' : 'body' };
  });
  return { blocks, asides: asides.map((draft) => draft.text) };
}

// ---------------------------------------------------------------------------------------------
// Joining wrapped lines.

/** Words that begin compounds written with a hyphen: "non-state", "well-being", "soixante-quinze". */
const COMPOUND_FIRST = new Set(
  [
    'all anti co counter cross ex full half high long low mid multi non post pre pro quasi self semi short so vice well',
    'twenty thirty forty fifty sixty seventy eighty ninety',
    'après arrière au avant bien c ci contre demi grand là mi non peut porte quatre sous vis',
    'vingt trente quarante cinquante soixante',
    'afro anglo euro franco germano hispano indo italo russo sino',
  ]
    .join(' ')
    .split(' '),
);
/** Words that end compounds written with a hyphen: "rules-based", "UN-led", "décideurs-clés". */
const COMPOUND_LAST = new Set(
  'based led related driven wide level term making owned free oriented specific sensitive responsive centred centered focused affected scale style like nous vous il ils elle elles on le la les moi toi lui leur y en ci là'.split(
    ' ',
  ),
);

/** A web address or a DOI, which a line may break anywhere. */
const LINK = /(?:^|\s)(?:https?:\/\/|www\.|doi:|10\.\d{4,9}\/)\S*$/iu;

/**
 * Joins a wrapped line to the text before it. A word broken at a soft hyphen is joined; a
 * hyphen between two lowercase parts of a word is dropped ("organi-" + "zation") unless the
 * compound is known (written so elsewhere in the document, or a common compound such as
 * "well-being" or "peut-être"); a hyphen inside an address, a DOI, a number or before a
 * capital is kept, with no space ("978-0-387-" + "35439-5", "Secretary-" + "General").
 * @example joinLines('the Secretary-', 'General said') // => 'the Secretary-General said'
 */
export function joinLines(
  before: string,
  after: string,
  soft = false,
  stats?: Pick<Stats, 'words' | 'compounds'>,
): string {
  if (!before) return after;
  if (!after) return before;
  if (soft) return `${before}${after}`;
  const link = LINK.exec(before);
  if (link) {
    if (/[/\-_?=&#~%]$/.test(before)) return `${before}${after}`;
    if (/^[\p{Ll}\d][^\s]*[/.?=&#][^\s]*$/u.test(after.split(' ')[0] ?? '') && !/[.,;:!?)]$/.test(before))
      return `${before}${after}`;
    return `${before} ${after}`;
  }
  // A dash after a number ("2016–" + "2017") or an em dash after a word ("ever—" + "and").
  if (/(?:\d[–—]|\p{L}—)$/u.test(before)) return `${before}${after}`;
  const hyphen = /(\S)-$/u.exec(before);
  if (!hyphen) return `${before} ${after}`;
  const last = hyphen[1]!;
  if (!/\p{Ll}/u.test(last) || !startsLower(after)) return `${before}${after}`;
  return isCompound(before, after, stats) ? `${before}${after}` : `${before.slice(0, -1)}${after}`;
}

/** True when "x-" at a line end and "y…" on the next line make a compound "x-y" rather than the word "xy". */
function isCompound(before: string, after: string, stats?: Pick<Stats, 'words' | 'compounds'>): boolean {
  const head = (/(\p{L}+)-$/u.exec(before)?.[1] ?? '').toLowerCase();
  const next = /^(\p{L}+)(-?)/u.exec(after);
  const tail = (next?.[1] ?? '').toLowerCase();
  if (!head || !tail) return true;
  // A compound of more than two words: "c'est-" + "à-dire", "cessez-le-" + "feu", "people-to-" + "people".
  if (next?.[2] || /\p{L}-\p{L}+-$/u.test(before)) return true;
  if (stats?.compounds.has(`${head}-${tail}`)) return true;
  if ((stats?.words.get(`${head}${tail}`) ?? 0) > 0) return false;
  if (COMPOUND_FIRST.has(head) || COMPOUND_LAST.has(tail)) return true;
  const known = (word: string) => word.length >= 3 && (stats?.words.get(word) ?? 0) >= 2;
  return known(head) && known(tail);
}
