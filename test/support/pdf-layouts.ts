import { PDFDict, PDFDocument, type PDFFont, PDFName, PDFString, StandardFonts } from 'pdf-lib';

/** The faces a layout may use: Helvetica (as Arial or Calibri would be) and Times (as Liberation Serif). */
export type Face = 'sans' | 'sansBold' | 'sansItalic' | 'serif' | 'serifBold' | 'serifItalic';

const FACES: Record<Face, StandardFonts> = {
  sans: StandardFonts.Helvetica,
  sansBold: StandardFonts.HelveticaBold,
  sansItalic: StandardFonts.HelveticaOblique,
  serif: StandardFonts.TimesRoman,
  serifBold: StandardFonts.TimesRomanBold,
  serifItalic: StandardFonts.TimesRomanItalic,
};

/** A run of text placed by hand: `y` is its baseline, in points from the top of the page. */
export interface Placed {
  text: string;
  x: number;
  y: number;
  size: number;
  face?: Face;
}

/** A paragraph of a flowing layout, set as a word processor sets it. */
export interface FlowParagraph {
  /** The text; `^{1}` inside a word is a superscript ("civilians^{1},", "XXI^{e}"). */
  text: string;
  face?: Face;
  size?: number;
  /** Baseline to baseline within the paragraph (default: the layout's). */
  pitch?: number;
  /** Extra space above the first line and below the last one. */
  spaceBefore?: number;
  spaceAfter?: number;
  /** Left indent of every line, and extra indent of the first line. */
  indent?: number;
  firstIndent?: number;
  /** A list marker ("•", "1.") set this far left of the text, on the first line (a hanging indent). */
  marker?: { text: string; hang: number };
  align?: 'left' | 'right' | 'center';
  /** The lines as broken by hand, instead of wrapping. */
  lines?: string[];
  /** Wraps into this width instead of the column's. */
  width?: number;
}

/** A table set in the flow: one row per entry, one cell per column, wrapped in its column. */
export interface FlowTable {
  table: string[][];
  /** Column widths; the cells have `padding` on each side and above and below. */
  widths: number[];
  padding?: number;
  face?: Face;
  size?: number;
}

export type FlowItem = FlowParagraph | FlowTable;

/** How the pages are set: size, margins, columns, running header and footer, notes, hand-placed runs. */
export interface FlowOptions {
  page?: [number, number];
  margin?: number;
  /** Type size, face and pitch of the body (defaults 11 pt Helvetica at 15.5 pt). */
  size?: number;
  face?: Face;
  pitch?: number;
  /** Space after each paragraph (default 5.5: 21 pt from baseline to baseline between paragraphs). */
  spaceAfter?: number;
  columns?: number;
  gutter?: number;
  /** A line at the top of every page, in 9 pt. */
  header?: string;
  /** A line at the foot of every page, in 9 pt: "Page {n} of {pages}". */
  footer?: string;
  /** Footnotes set at the foot of a page, in 9 pt, each starting with its raised marker. */
  footnotes?: Array<{ page: number; marker: string; text: string }>;
  /** Runs placed by hand on a page (1-based), besides the flow. */
  extras?: Array<{ page: number; runs: Placed[] }>;
  /** The Info dictionary and the XMP packet, as given (no dates are added). */
  info?: Record<string, string>;
  xmp?: string;
}

const SUPERSCRIPT = /\^\{([^}]*)\}/gu;

/** The parts of a word: plain text and superscripts. */
function partsOf(word: string): Array<{ text: string; raised: boolean }> {
  const parts: Array<{ text: string; raised: boolean }> = [];
  let at = 0;
  for (const match of word.matchAll(SUPERSCRIPT)) {
    if (match.index > at) parts.push({ text: word.slice(at, match.index), raised: false });
    parts.push({ text: match[1]!, raised: true });
    at = match.index + match[0].length;
  }
  if (at < word.length) parts.push({ text: word.slice(at), raised: false });
  return parts;
}

/** The characters the standard fonts (WinAnsi) cannot draw, as they are drawn instead. */
export const drawable = (text: string) =>
  text.replace(/[\u2010\u2011]/g, '-').replace(/[\u202f\u2009]/g, ' ');

interface Setter {
  fonts: Record<Face, PDFFont>;
  width: (text: string, face: Face, size: number) => number;
}

/** Breaks a paragraph into lines that fit, at spaces and after the hyphens of compounds, as Word does. */
function wrap(text: string, fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    const hyphen = word.lastIndexOf('-', word.length - 2);
    const head = hyphen > 0 ? word.slice(0, hyphen + 1) : '';
    if (head && /\p{L}-$/u.test(head) && fits(line ? `${line} ${head}` : head)) {
      lines.push(line ? `${line} ${head}` : head);
      line = word.slice(hyphen + 1);
      continue;
    }
    if (line) lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws a line of words (with their superscripts) from `x` on baseline `y`, one run between superscripts. */
function setLine(setter: Setter, line: string, x: number, y: number, face: Face, size: number): Placed[] {
  const runs: Placed[] = [];
  let run: Placed | undefined;
  let at = x;
  const space = setter.width(' ', face, size);
  const end = () => {
    if (run) at = run.x + setter.width(run.text, face, size);
    run = undefined;
  };
  line.split(' ').forEach((word, k) => {
    for (const [j, part] of partsOf(word).entries()) {
      const spaced = k > 0 && j === 0;
      if (part.raised) {
        end();
        if (spaced) at += space;
        const raisedSize = Math.round(size * 6.5) / 10;
        runs.push({ text: part.text, x: at, y: y - size * 0.33, size: raisedSize, face });
        at += setter.width(part.text, face, raisedSize);
      } else if (run) run.text += (spaced ? ' ' : '') + part.text;
      else {
        run = { text: part.text, x: at + (spaced ? space : 0), y, size, face };
        runs.push(run);
      }
    }
  });
  return runs;
}

const lineWidth = (setter: Setter, line: string, face: Face, size: number) =>
  line
    .split(' ')
    .map((word) =>
      partsOf(word).reduce(
        (sum, part) => sum + setter.width(part.text, face, part.raised ? Math.round(size * 6.5) / 10 : size),
        0,
      ),
    )
    .reduce((sum, width, k) => sum + width + (k > 0 ? setter.width(' ', face, size) : 0), 0);

/**
 * A PDF laid out as a word processor lays one out: paragraphs wrapped and set at a pitch,
 * with space after each, in one or more columns, over as many pages as they need; tables,
 * footnotes, a running header and footer, hand-placed runs, Info and XMP metadata.
 */
export async function flowPdf(items: readonly FlowItem[], options: FlowOptions = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts = {} as Record<Face, PDFFont>;
  for (const face of Object.keys(FACES) as Face[]) fonts[face] = await pdf.embedFont(FACES[face]);
  const setter: Setter = { fonts, width: (text, face, size) => fonts[face].widthOfTextAtSize(text, size) };
  const [pageWidth, pageHeight] = options.page ?? [612, 792];
  const margin = options.margin ?? 72;
  const bodySize = options.size ?? 11;
  const bodyFace = options.face ?? 'sans';
  const bodyPitch = options.pitch ?? 15.5;
  const columns = options.columns ?? 1;
  const gutter = options.gutter ?? 24;
  const columnWidth = (pageWidth - 2 * margin - (columns - 1) * gutter) / columns;
  const pages: Placed[][] = [[]];
  const noteLines = (page: number) =>
    (options.footnotes ?? [])
      .filter((note) => note.page === page + 1)
      .map((note) => ({
        note,
        lines: wrap(
          drawable(note.text),
          (line) => lineWidth(setter, line, 'sans', 9) <= pageWidth - 2 * margin - 6,
        ),
      }));
  const bottom = (page: number) => {
    const count = noteLines(page).reduce((sum, { lines }) => sum + lines.length, 0);
    return pageHeight - margin - (count > 0 ? count * 11 + 14 : 0);
  };
  let page = 0;
  let column = 0;
  let y = margin;
  let top = true;
  const advance = (step: number) => {
    if (y + step > bottom(page)) {
      column++;
      if (column >= columns) {
        column = 0;
        page++;
        pages[page] = [];
      }
      y = margin;
      top = true;
    }
    y += step;
    top = false;
  };
  const columnLeft = () => margin + column * (columnWidth + gutter);

  for (const item of items) {
    if ('table' in item) {
      const face = item.face ?? bodyFace;
      const size = item.size ?? bodySize;
      const padding = item.padding ?? 4;
      const pitch = bodyPitch * (size / bodySize);
      if (!top) y += options.spaceAfter ?? 5.5;
      for (const row of item.table) {
        const cells = row.map((cell, k) =>
          wrap(
            drawable(cell),
            (line) => lineWidth(setter, line, face, size) <= item.widths[k]! - 2 * padding,
          ),
        );
        const height = Math.max(...cells.map((lines) => lines.length));
        y += padding;
        for (let line = 0; line < height; line++) {
          advance(pitch);
          let x = columnLeft();
          cells.forEach((lines, k) => {
            if (lines[line]) pages[page]!.push(...setLine(setter, lines[line]!, x + padding, y, face, size));
            x += item.widths[k]!;
          });
        }
        y += padding;
      }
      continue;
    }
    const face = item.face ?? bodyFace;
    const size = item.size ?? bodySize;
    const pitch = item.pitch ?? bodyPitch * (size / bodySize);
    const indent = item.indent ?? 0;
    const width = item.width ?? columnWidth - indent;
    const first = item.firstIndent ?? 0;
    const text = drawable(item.text);
    const lines =
      item.lines?.map(drawable) ??
      (() => {
        let k = 0;
        return wrap(text, (line) => lineWidth(setter, line, face, size) <= width - (k++ === 0 ? first : 0));
      })();
    if (!top) y += item.spaceBefore ?? 0;
    lines.forEach((line, k) => {
      advance(pitch);
      const own = lineWidth(setter, line, face, size);
      const left = columnLeft() + indent + (k === 0 ? first : 0);
      const x =
        item.align === 'right'
          ? columnLeft() + columnWidth - own
          : item.align === 'center'
            ? columnLeft() + (columnWidth - own) / 2
            : left;
      if (k === 0 && item.marker)
        pages[page]!.push(...setLine(setter, item.marker.text, left - item.marker.hang, y, face, size));
      pages[page]!.push(...setLine(setter, line, x, y, face, size));
    });
    y += item.spaceAfter ?? options.spaceAfter ?? 5.5;
  }

  pages.forEach((runs, page) => {
    const notes = noteLines(page);
    let baseline = pageHeight - margin - notes.reduce((sum, { lines }) => sum + lines.length, 0) * 11 + 11;
    for (const { note, lines } of notes) {
      runs.push({ text: note.marker, x: margin, y: baseline - 3, size: 6, face: 'sans' });
      for (const line of lines) {
        runs.push(...setLine(setter, line, margin + 6, baseline, 'sans', 9));
        baseline += 11;
      }
    }
  });
  for (const extra of options.extras ?? []) {
    while (pages.length < extra.page) pages.push([]);
    pages[extra.page - 1]!.push(...extra.runs);
  }
  pages.forEach((runs, k) => {
    const pdfPage = pdf.addPage([pageWidth, pageHeight]);
    const all = [...runs];
    if (options.header) all.push({ text: options.header, x: margin, y: 40, size: 9, face: 'sans' });
    if (options.footer)
      all.push({
        text: options.footer.replace('{n}', String(k + 1)).replace('{pages}', String(pages.length)),
        x: pageWidth / 2 - 25,
        y: pageHeight - 36,
        size: 9,
        face: 'sans',
      });
    for (const run of all)
      pdfPage.drawText(drawable(run.text), {
        x: run.x,
        y: pageHeight - run.y,
        size: run.size,
        font: fonts[run.face ?? 'sans'],
      });
  });
  if (options.info) {
    const info = PDFDict.withContext(pdf.context);
    for (const [key, value] of Object.entries(options.info)) info.set(PDFName.of(key), PDFString.of(value));
    pdf.context.trailerInfo.Info = pdf.context.register(info);
  }
  if (options.xmp) {
    const stream = pdf.context.stream(new TextEncoder().encode(options.xmp), {
      Type: 'Metadata',
      Subtype: 'XML',
    });
    pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));
  }
  return pdf.save();
}

/** Runs placed by hand on pages of their own (no flow), in the standard faces. */
export async function placedPdf(pages: readonly Placed[][], size: [number, number] = [612, 792]) {
  return flowPdf([], { page: size, extras: pages.map((runs, k) => ({ page: k + 1, runs })) });
}

/** An XMP packet declaring a title, a creation date and a language, as Word and Acrobat write one. */
export function xmpPacket(fields: {
  title?: string;
  created?: string;
  modified?: string;
  language?: string;
}) {
  const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
${fields.title ? `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(fields.title)}</rdf:li></rdf:Alt></dc:title>` : ''}
${fields.language ? `<dc:language><rdf:Bag><rdf:li>${fields.language}</rdf:li></rdf:Bag></dc:language>` : ''}
${fields.created ? `<xmp:CreateDate>${fields.created}</xmp:CreateDate>` : ''}
${fields.modified ? `<xmp:ModifyDate>${fields.modified}</xmp:ModifyDate>` : ''}
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
