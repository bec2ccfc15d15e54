import mammoth from 'mammoth';
import { DocumentError } from '../../errors.ts';
import { cleanText, type DocumentMetadata, isDocumentNote, type SourceDocument } from '../document.ts';
import { formatBytes, type IngestLimits } from '../limits.ts';
import { isTitleBlockLine } from '../title-block.ts';
import { isSecurityMarking, readHtml, readLanguageCode } from './html.ts';
import { listZipEntries, openZip, type ZipReader } from './zip.ts';

const DOCUMENT = 'word/document.xml';
/** The style given to the title a text box holds, read as the title like Word's own Title. */
const TEXT_BOX_TITLE = 'QuotesTextBoxTitle';

/**
 * How mammoth converts Word's styles: Title and Subtitle (and a text box's title) to `h1`,
 * the title role; the TOC styles to `p.toc` and Caption to `p.caption`, which the reading
 * drops and records. Styles are matched by name, and by id where a file names a style it
 * does not define.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Titre'] => h1:fresh",
  "p[style-name='Subtitle'] => h1:fresh",
  "p[style-name='Sous-titre'] => h1:fresh",
  `p.${TEXT_BOX_TITLE} => h1:fresh`,
  "p[style-name^='toc'] => p.toc:fresh",
  "p[style-name='Table of Figures'] => p.toc:fresh",
  "p[style-name='Table des illustrations'] => p.toc:fresh",
  ...['TOCHeading', ...Array.from({ length: 9 }, (_, k) => `TOC${k + 1}`)].map(
    (id) => `p.${id} => p.toc:fresh`,
  ),
  "p[style-name='caption'] => p.caption:fresh",
  "p[style-name='Légende'] => p.caption:fresh",
  'p.Caption => p.caption:fresh',
];

/** Style names that make a paragraph the title. */
const TITLE_STYLES = new Set(['title', 'titre', 'subtitle', 'sous-titre']);
/**
 * Checks a Word file's zip before it is opened: a readable zip holding `word/document.xml`,
 * with declared sizes within the limits (a zip bomb that admits its size is refused here;
 * one that lies is stopped while it unpacks, see `openZip`).
 */
export function checkDocxZip(bytes: Uint8Array, limits: IngestLimits): void {
  const entries = listZipEntries(bytes);
  if (!entries) throw new DocumentError('corrupt', 'is damaged: it is not a readable Word (.docx) file');
  if (!entries.some((entry) => entry.name === DOCUMENT))
    throw new DocumentError('unknown_format', 'is a zip file but not a Word (.docx) document');
  if (entries.length > limits.maxZipEntries)
    throw new DocumentError(
      'zip_bomb',
      `holds ${entries.length} parts, more than a Word file ever needs: it was not opened`,
    );
  const unpacked = entries.reduce((sum, entry) => sum + entry.unpackedSize, 0);
  const packed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  if (unpacked > limits.maxUnpackedBytes || (unpacked > 10 * 1024 * 1024 && unpacked > packed * 200))
    throw new DocumentError(
      'zip_bomb',
      `would unpack to ${formatBytes(unpacked)} (limit ${formatBytes(limits.maxUnpackedBytes)}): it was not opened`,
    );
}

/** One tag of an XML part, where it stands. */
interface XmlTag {
  name: string;
  kind: 'open' | 'close' | 'empty';
  /** Where the tag starts and ends in the part. */
  start: number;
  end: number;
  /** Its attributes, as written. */
  attributes: string;
}

const TAG =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/** Walks the tags of an XML part in order, with the text between them. */
function scanXml(xml: string, onTag: (tag: XmlTag) => void, onText: (text: string) => void): void {
  let at = 0;
  for (const match of xml.matchAll(TAG)) {
    if (match.index > at) onText(xml.slice(at, match.index));
    at = match.index + match[0].length;
    const name = match[2];
    if (!name) continue;
    onTag({
      name,
      kind: match[1] ? 'close' : match[4] ? 'empty' : 'open',
      start: match.index,
      end: at,
      attributes: match[3] ?? '',
    });
  }
  if (at < xml.length) onText(xml.slice(at));
}

const attributePatterns = new Map<string, RegExp>();

function attribute(tag: XmlTag, name: string): string | undefined {
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const match = pattern.exec(tag.attributes);
  return match ? decodeXml(match[1] ?? match[2] ?? '') : undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (text: string) =>
  text.replace(
    /&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|(\w+));/gi,
    (whole, hex: string, decimal: string, name: string) => {
      if (!hex && !decimal) return ENTITIES[name] ?? whole;
      const code = hex ? Number.parseInt(hex, 16) : Number(decimal);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );

const isOn = (tag: XmlTag) => !/^(?:false|0|off)$/i.test(attribute(tag, 'w:val') ?? 'true');

/** A paragraph of a text box: where it stands in document.xml, its style, its text and its largest type. */
interface BoxParagraph {
  start: number;
  /** Where its `<w:p …>` tag ends. */
  openEnd: number;
  end: number;
  /** A direct child of the text box (not inside one of its tables). */
  topLevel: boolean;
  pPr?: { start: number; end: number; empty: boolean };
  pStyle?: { start: number; end: number };
  text: string;
  /** Its largest type, in half-points, when its runs say. */
  size: number;
}

/** The text of one text box (`w:txbxContent`). */
interface TextBox {
  contentStart: number;
  contentEnd: number;
  paragraphs: BoxParagraph[];
}

/** A run's drawing, picture or alternate content that holds text boxes, and the paragraph it is anchored in. */
interface Shape {
  start: number;
  end: number;
  boxes: TextBox[];
  /** The page it is on: 0 for the first. */
  page: number;
  /** How much of the body's text comes before its paragraph. */
  textBefore: number;
  /** Where its paragraph ends (where its text is placed, unless it is the title). */
  anchorEnd?: number;
  /** Which branch of an `mc:AlternateContent` its text boxes are read from (the other holds the same text). */
  branch?: string;
}

/** What document.xml holds that mammoth does not place: its text boxes and shapes. */
interface WordLayout {
  shapes: Shape[];
  /** Where `<w:body>` ends: where a title is placed. */
  bodyStart: number;
  /** The body's text (outside text boxes), to find a pull quote that repeats it. */
  bodyText: string;
  /** A paragraph outside text boxes has a Title or Subtitle style. */
  titled: boolean;
}

const CONTAINERS = new Set(['mc:AlternateContent', 'w:drawing', 'w:pict', 'w:object']);

/**
 * Finds the text boxes and shapes of a Word document (`w:txbxContent` in `w:drawing`,
 * `w:pict`/`v:textbox` or `mc:AlternateContent`, whose two branches hold the same text),
 * with the paragraph each is anchored in and the page it is on.
 */
function readWordLayout(xml: string, styleNames: ReadonlyMap<string, string>): WordLayout {
  const stack: XmlTag[] = [];
  const shapes: Shape[] = [];
  let bodyStart = 0;
  let page = 0;
  let bodyText = '';
  let titled = false;
  let shape: (Shape & { depth: number }) | undefined;
  let box: (TextBox & { depth: number }) | undefined;
  /** The depth of an element whose content is not read: the other branch's copy of a text box. */
  let ignored: number | undefined;
  const paragraphs: BoxParagraph[] = [];
  const anchors: Array<{ depth: number; shapes: Shape[] }> = [];
  let inText = false;
  const parent = (k = 1) => stack[stack.length - k]?.name;

  const open = (tag: XmlTag, depth: number) => {
    const name = tag.name;
    if (name === 'w:body') bodyStart = tag.end;
    if (box) {
      // Inside a text box: its paragraphs, their styles, text and type sizes.
      const paragraph = paragraphs.at(-1);
      if (name === 'mc:Fallback' && tag.kind === 'open') ignored = depth;
      else if (name === 'w:p' && tag.kind === 'open') {
        const read = {
          start: tag.start,
          openEnd: tag.end,
          end: tag.end,
          topLevel: depth === box.depth + 1,
          text: '',
          size: 0,
        };
        paragraphs.push(read);
        box.paragraphs.push(read);
      } else if (!paragraph) return;
      else if (name === 'w:pPr' && parent(tag.kind === 'open' ? 2 : 1) === 'w:p')
        paragraph.pPr = { start: tag.start, end: tag.end, empty: tag.kind === 'empty' };
      else if (name === 'w:pStyle' && parent() === 'w:pPr' && !paragraph.pStyle)
        paragraph.pStyle = { start: tag.start, end: tag.end };
      else if (name === 'w:sz' && parent() === 'w:rPr' && parent(2) === 'w:r')
        paragraph.size = Math.max(paragraph.size, Number(attribute(tag, 'w:val')) || 0);
      else if ((name === 'w:tab' || name === 'w:br' || name === 'w:cr') && parent() === 'w:r')
        paragraph.text += name === 'w:tab' ? '\t' : '\n';
      else if (name === 'w:t' && tag.kind === 'open') inText = true;
      return;
    }
    if (shape) {
      if (name === 'w:txbxContent' && tag.kind === 'open') {
        const branch =
          stack
            .slice(shape.depth + 1)
            .reverse()
            .find((element) => element.name === 'mc:Choice' || element.name === 'mc:Fallback')?.name ??
          'none';
        shape.branch ??= branch;
        if (shape.branch !== branch) ignored = depth;
        else box = { contentStart: tag.end, contentEnd: tag.end, paragraphs: [], depth };
      }
      return;
    }
    if (CONTAINERS.has(name) && tag.kind === 'open') {
      shape = { start: tag.start, end: tag.end, boxes: [], page, textBefore: bodyText.trim().length, depth };
      return;
    }
    // The body, outside text boxes: its paragraphs, styles, text and page breaks.
    if (name === 'w:p' && tag.kind === 'open') anchors.push({ depth, shapes: [] });
    else if (name === 'w:pStyle' && parent() === 'w:pPr') {
      const id = attribute(tag, 'w:val') ?? '';
      if (TITLE_STYLES.has((styleNames.get(id) ?? id).toLowerCase())) titled = true;
    } else if (name === 'w:br' && attribute(tag, 'w:type') === 'page') page++;
    else if (name === 'w:lastRenderedPageBreak') page++;
    else if (name === 'w:pageBreakBefore' && isOn(tag) && bodyText.trim()) page++;
    else if (name === 'w:sectPr' && parent(tag.kind === 'open' ? 2 : 1) === 'w:pPr') page++;
    else if (name === 'w:tab' && parent() === 'w:r') bodyText += ' ';
    else if (name === 'w:t' && tag.kind === 'open') inText = true;
  };

  const close = (tag: XmlTag, name: string, depth: number) => {
    if (name === 'w:t') inText = false;
    if (ignored !== undefined) {
      if (ignored === depth) ignored = undefined;
      return;
    }
    if (box && box.depth === depth) {
      shape?.boxes.push({
        contentStart: box.contentStart,
        contentEnd: tag.start,
        paragraphs: box.paragraphs,
      });
      box = undefined;
    } else if (box && name === 'w:p') {
      const paragraph = paragraphs.pop();
      if (paragraph) paragraph.end = tag.end;
    } else if (shape && shape.depth === depth) {
      shape.end = tag.end;
      if (shape.boxes.length > 0) {
        shapes.push(shape);
        anchors.at(-1)?.shapes.push(shape);
      }
      shape = undefined;
    } else if (!shape && name === 'w:p' && anchors.at(-1)?.depth === depth) {
      for (const anchored of anchors.pop()!.shapes) anchored.anchorEnd = tag.end;
      bodyText += ' ';
    }
  };

  scanXml(
    xml,
    (tag) => {
      if (tag.kind === 'close') {
        const element = stack.pop();
        if (element) close(tag, element.name, stack.length);
        return;
      }
      const depth = stack.length;
      if (tag.kind === 'open') stack.push(tag);
      if (ignored === undefined) open(tag, depth);
    },
    (text) => {
      if (!inText || ignored !== undefined) return;
      const paragraph = paragraphs.at(-1);
      if (box && paragraph) paragraph.text += decodeXml(text);
      else if (!box && !shape) bodyText += decodeXml(text);
    },
  );
  return { shapes, bodyStart, bodyText: cleanText(bodyText), titled };
}

const linesOfBox = (textBox: TextBox) =>
  textBox.paragraphs.filter((p) => p.topLevel).map((p) => ({ paragraph: p, text: cleanText(p.text) }));

/** A text box that may hold the title block: a few short lines, title, speaker, date, place or notes. */
function isTitleLike(textBox: TextBox): boolean {
  const lines = linesOfBox(textBox).filter((line) => line.text);
  const text = lines.filter((line) => !isDocumentNote(line.text) && !isSecurityMarking(line.text));
  return (
    text.length > 0 &&
    lines.length <= 12 &&
    textBox.paragraphs.every((p) => p.topLevel) &&
    lines.reduce((sum, line) => sum + line.text.length, 0) <= 800 &&
    text.every((line) => isTitleBlockLine(line.text))
  );
}

const foldForQuote = (text: string) =>
  cleanText(text)
    .toLowerCase()
    .replace(/[“”«»"]/g, '');

/**
 * A text box's paragraphs as document.xml holds them; when it holds the title, its title
 * (the first line in its largest type that is neither a note nor a marking) is given the
 * style read as the title.
 */
function boxContent(xml: string, textBox: TextBox, holdsTitle: boolean): string {
  const content = (from: number, to: number) => xml.slice(from, to);
  const lines = linesOfBox(textBox).filter(
    ({ text }) => text && !isDocumentNote(text) && !isSecurityMarking(text),
  );
  const largest = Math.max(...lines.map(({ paragraph }) => paragraph.size));
  const paragraph = lines.find((line) => line.paragraph.size === largest)?.paragraph;
  if (!holdsTitle || !paragraph) return content(textBox.contentStart, textBox.contentEnd);
  const style = `<w:pStyle w:val="${TEXT_BOX_TITLE}"/>`;
  const edit = paragraph.pStyle
    ? { ...paragraph.pStyle, text: style }
    : paragraph.pPr?.empty
      ? { ...paragraph.pPr, text: `<w:pPr>${style}</w:pPr>` }
      : paragraph.pPr
        ? { start: paragraph.pPr.end, end: paragraph.pPr.end, text: style }
        : { start: paragraph.openEnd, end: paragraph.openEnd, text: `<w:pPr>${style}</w:pPr>` };
  return content(textBox.contentStart, edit.start) + edit.text + content(edit.end, textBox.contentEnd);
}

/**
 * Places the text of text boxes and shapes where it belongs, and returns document.xml as
 * mammoth will read it: a text box on the first page holding the title block goes first,
 * its title styled as the title (unless a Title style names another); any other text box
 * follows the paragraph it is anchored in. A pull quote (a box repeating the text) is
 * dropped and recorded.
 */
function placeTextBoxes(
  xml: string,
  styleNames: ReadonlyMap<string, string>,
): { xml: string; notes: string[] } {
  const layout = readWordLayout(xml, styleNames);
  if (layout.shapes.length === 0) return { xml, notes: [] };
  const notes: string[] = [];
  const body = foldForQuote(layout.bodyText);
  const anchored = layout.shapes.filter((shape) => shape.anchorEnd !== undefined);
  const titleBoxes = layout.titled
    ? []
    : anchored
        .filter((shape) => shape.page === 0 && shape.textBefore < 400)
        .flatMap((shape) => shape.boxes)
        .filter(isTitleLike);
  const title = titleBoxes.reduce<TextBox | undefined>(
    (best, textBox) =>
      !best ||
      Math.max(...textBox.paragraphs.map((p) => p.size)) > Math.max(...best.paragraphs.map((p) => p.size))
        ? textBox
        : best,
    undefined,
  );
  const top = new Set(titleBoxes);
  const edits: Array<{ at: number; end: number; text: string; order: number }> = [];
  let order = 0;
  // The title's box first, then the other boxes of the title block, in their order.
  for (const textBox of [...(title ? [title] : []), ...titleBoxes.filter((b) => b !== title)])
    edits.push({
      at: layout.bodyStart,
      end: layout.bodyStart,
      text: boxContent(xml, textBox, textBox === title),
      order: order++,
    });
  for (const shape of anchored) {
    edits.push({ at: shape.start, end: shape.end, text: '', order: order++ });
    for (const textBox of shape.boxes) {
      if (top.has(textBox)) continue;
      const lines = linesOfBox(textBox).filter((line) => line.text);
      if (lines.length === 0) continue;
      if (lines.every((line) => line.text.length >= 20 && body.includes(foldForQuote(line.text)))) {
        notes.push(lines.map((line) => line.text).join(' '));
        continue;
      }
      edits.push({
        at: shape.anchorEnd!,
        end: shape.anchorEnd!,
        text: boxContent(xml, textBox, textBox === title),
        order: order++,
      });
    }
  }
  let out = '';
  let at = 0;
  for (const edit of edits.sort((a, b) => a.at - b.at || a.order - b.order)) {
    out += xml.slice(at, edit.at) + edit.text;
    at = Math.max(at, edit.end);
  }
  return { xml: out + xml.slice(at), notes };
}

/** Word's style names by id, from `word/styles.xml`, and the document's default language. */
function readStyles(xml: string): { names: Map<string, string>; language?: DocumentMetadata['language'] } {
  const names = new Map<string, string>();
  const stack: string[] = [];
  let id: string | undefined;
  let isDefault = false;
  let defaults: string | undefined;
  let normal: string | undefined;
  scanXml(
    xml,
    (tag) => {
      if (tag.kind === 'close') {
        stack.pop();
        return;
      }
      if (tag.kind === 'open') stack.push(tag.name);
      if (tag.name === 'w:style') {
        id = attribute(tag, 'w:styleId');
        isDefault =
          attribute(tag, 'w:type') === 'paragraph' &&
          /^(?:1|true|on)$/i.test(attribute(tag, 'w:default') ?? '');
      } else if (tag.name === 'w:name' && id && stack.includes('w:style'))
        names.set(id, attribute(tag, 'w:val') ?? id);
      else if (tag.name === 'w:lang') {
        const value = attribute(tag, 'w:val');
        if (stack.includes('w:docDefaults')) defaults ??= value;
        else if (
          stack.includes('w:style') &&
          isDefault &&
          stack.includes('w:rPr') &&
          !stack.includes('w:pPr')
        )
          normal ??= value;
      }
    },
    () => {},
  );
  const language = readLanguageCode(normal ?? defaults);
  return { names, ...(language ? { language } : {}) };
}

/** A title Word fills in by itself or from a template or file name: "Document1", "Microsoft Word - x.docx". */
const PLACEHOLDER_TITLE =
  /^(?:(?:document|doc|untitled|sans\s+titre|titre|title|normal|template|modèle|blank)\s*\d*|microsoft\s+word\s*-.*|.*\.(?:docx?|dotx?|docm|rtf|odt|pdf)|.*\b(?:template|gabarit)\b.*|.*[-–—]\s*modèle)$/iu;

/** What `docProps/core.xml` declares: the title (unless a placeholder), when it was created and modified, its language. */
function readCoreProperties(xml: string): DocumentMetadata {
  const field = (name: string) => {
    const match = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml);
    return match ? cleanText(decodeXml(match[1]!)) : undefined;
  };
  const title = field('title');
  const dates: NonNullable<DocumentMetadata['dates']> = [];
  for (const [name, kind] of [
    ['created', 'created'],
    ['modified', 'modified'],
  ] as const) {
    const date = /^(\d{4}-\d{2}-\d{2})/.exec(field(name) ?? '')?.[1];
    // Word writes 1601-01-01 or 1899-12-30 for "never"; a date before the web is no statement's.
    if (date && date >= '1990') dates.push({ date, from: `docx:dcterms:${name}`, kind });
  }
  const language = readLanguageCode(field('language'));
  return {
    ...(title && !PLACEHOLDER_TITLE.test(title) ? { titles: [{ text: title, from: 'docx:dc:title' }] } : {}),
    ...(dates.length > 0 ? { dates } : {}),
    ...(language ? { language } : {}),
  };
}

const readText = async (zip: ZipReader, name: string) =>
  zip.exists(name) ? ((await zip.read(name, 'utf-8')) as string) : undefined;

/**
 * Reads a Word file through mammoth: its paragraphs and styles (Title and Subtitle are the
 * title, Heading styles headings), the text of its text boxes and shapes where it belongs
 * (a title in a text box on the first page is the title), footnotes and captions recorded
 * as notes, tables of contents dropped and recorded, images dropped (their alt text is not
 * text), and what `docProps/core.xml` and the default language declare as `metadata`.
 * Mammoth reads the zip through `openZip`, which counts what really unpacks (never what
 * the zip declares) and stops at `maxUnpackedBytes`; images are never unpacked.
 */
export async function readDocx(bytes: Uint8Array, limits: IngestLimits): Promise<SourceDocument> {
  checkDocxZip(bytes, limits);
  const zip = openZip(bytes, limits.maxUnpackedBytes);
  if (!zip) throw new DocumentError('corrupt', 'is damaged: it is not a readable Word (.docx) file');
  const styles = readStyles((await readText(zip, 'word/styles.xml')) ?? '');
  const core = readCoreProperties((await readText(zip, 'docProps/core.xml')) ?? '');
  const xml = (await readText(zip, DOCUMENT))!;
  let placed: { xml: string; notes: string[] };
  try {
    placed = placeTextBoxes(xml, styles.names);
  } catch {
    // A layout this reading does not follow: mammoth reads the file as it is.
    placed = { xml, notes: [] };
  }
  const document = new TextEncoder().encode(placed.xml);
  // Mammoth reads document.xml as the text boxes were placed; every other part through the zip.
  const file: ZipReader = {
    exists: (name) => zip.exists(name),
    read: async (name, encoding) =>
      name === DOCUMENT ? (encoding ? placed.xml : document) : zip.read(name, encoding),
  };
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      // mammoth reads an opened zip given as `file` (its own unzip.openZip), though its
      // types list only paths and buffers: so it never unpacks anything with jszip.
      { file } as unknown as Parameters<typeof mammoth.convertToHtml>[0],
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('corrupt', 'is damaged: Word could not be read from it');
  }
  const read = readHtml(`<!doctype html><html><body>${html}</body></html>`, { origin: 'word' });
  const language = styles.language ?? core.language;
  const metadata: DocumentMetadata = { ...core, ...(language ? { language } : {}) };
  return {
    format: 'docx',
    blocks: read.blocks,
    notes: [...new Set([...placed.notes, ...read.notes])],
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}
