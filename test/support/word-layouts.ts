import {
  AlignmentType,
  Document,
  EndnoteReferenceRun,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  type ParagraphChild,
  TableOfContents,
  TextRun,
} from 'docx';
import { listZipEntries, openZip } from '../../src/core/ingest/formats/zip.ts';
import { zipWithDeclaredSizes } from './zip.ts';

/** A text box as Word floats one over a page: its lines, the first in larger type. */
export interface WordTextBox {
  lines: string[];
  /**
   * How the file holds it: `word` as Word writes it (a DrawingML shape in
   * `mc:AlternateContent`, with a VML copy as its fallback), `shape` a DrawingML shape
   * alone (as LibreOffice and Google Docs write it).
   */
  markup?: 'word' | 'shape';
}

/** One part of a Word file, in reading order. */
export type WordPart =
  | {
      /** A paragraph's text; a text box, if any, is anchored at its start. */
      paragraph: string;
      /** A style id: `Title`, `Subtitle`, `Caption`, `Heading1`… */
      style?: string;
      /** Footnotes referred to at the end of the paragraph, each one or more paragraphs. */
      footnotes?: string[][];
      endnotes?: string[][];
      /** An image at the end of the paragraph, with this alt text. */
      image?: string;
      textBox?: WordTextBox;
    }
  /** A table of contents: Word's TOC field (its heading, entries in TOC styles linking to the headings, dot leaders, page numbers), or typed by hand with dots. */
  | { tableOfContents: string; entries: Array<[string, number]>; typed?: boolean }
  | { pageBreak: true };

/** What `docProps/core.xml` and the styles declare. */
export interface WordProperties {
  title?: string;
  created?: string;
  modified?: string;
  /** The default language of the document's styles (`w:lang`), e.g. `fr-CA`. */
  language?: string;
}

/** A 1×1 PNG, for images that only carry alt text. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The paragraphs of a text box, centred, its first line in 16-point bold and the others in 12-point. */
const boxParagraphs = (lines: readonly string[]) =>
  lines
    .map(
      (line, k) =>
        `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>${k === 0 ? '<w:b/>' : ''}<w:sz w:val="${k === 0 ? 32 : 24}"/></w:rPr><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`,
    )
    .join('');

/** A text box as Word 2010 and later write one: a wps shape anchored to the page, and its VML fallback. */
function textBoxXml(box: WordTextBox, id: number): string {
  const content = `<w:txbxContent>${boxParagraphs(box.lines)}</w:txbxContent>`;
  const drawing = `<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="${251659264 + id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>457200</wp:posOffset></wp:positionV><wp:extent cx="5486400" cy="1371600"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/><wp:docPr id="${900 + id}" name="Text Box ${id}"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5486400" cy="1371600"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="6350"><a:noFill/></a:ln></wps:spPr><wps:txbx>${content}</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>`;
  if (box.markup === 'shape') return drawing;
  const fallback = `<w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype><v:shape id="Text Box ${id}" o:spid="_x0000_s10${id}" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:36pt;width:6in;height:108pt;z-index:${251659264 + id};mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical-relative:page" filled="f" stroked="f" strokeweight=".5pt"><v:textbox>${content}</v:textbox><w10:wrap type="topAndBottom" anchorx="margin" anchory="page"/></v:shape></w:pict>`;
  return `<mc:AlternateContent><mc:Choice Requires="wps">${drawing}</mc:Choice><mc:Fallback>${fallback}</mc:Fallback></mc:AlternateContent>`;
}

const marker = (id: number) => `@@TEXT-BOX-${id}@@`;

/**
 * A Word file laid out as missions write them, from its parts in order: text boxes (the
 * title block floated over the first page), footnotes and endnotes, captions, images with
 * alt text, a table of contents, page breaks, and the properties Word keeps.
 * @example await wordLayoutFile([{ paragraph: 'Mr. President.', textBox: { lines: ['Title'] } }])
 */
export async function wordLayoutFile(
  parts: readonly WordPart[],
  properties: WordProperties = {},
): Promise<Uint8Array> {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  const endnotes: Record<number, { children: Paragraph[] }> = {};
  const boxes: WordTextBox[] = [];
  const children = parts.flatMap((part) => {
    if ('pageBreak' in part) return [new Paragraph({ children: [new PageBreak()] })];
    if ('tableOfContents' in part) {
      if (part.typed)
        return [
          new Paragraph({ text: part.tableOfContents }),
          ...part.entries.map(
            ([title, page]) => new Paragraph({ text: `${title} ${'.'.repeat(30)} ${page}` }),
          ),
        ];
      return [
        new Paragraph({ text: part.tableOfContents, style: 'TOCHeading' }),
        new TableOfContents('Table of Contents', {
          hyperlink: true,
          headingStyleRange: '1-3',
          cachedEntries: part.entries.map(([title, page], k) => ({
            title,
            level: 1,
            page,
            href: `_Toc${k}`,
          })),
        }),
      ];
    }
    const runs: ParagraphChild[] = [];
    if (part.textBox) {
      boxes.push(part.textBox);
      runs.push(new TextRun(marker(boxes.length)));
    }
    runs.push(new TextRun(part.paragraph));
    for (const note of part.footnotes ?? []) {
      const id = Object.keys(footnotes).length + 1;
      footnotes[id] = { children: note.map((text) => new Paragraph(text)) };
      runs.push(new FootnoteReferenceRun(id));
    }
    for (const note of part.endnotes ?? []) {
      const id = Object.keys(endnotes).length + 1;
      endnotes[id] = { children: note.map((text) => new Paragraph(text)) };
      runs.push(new EndnoteReferenceRun(id));
    }
    if (part.image !== undefined)
      runs.push(
        new ImageRun({
          type: 'png',
          data: PIXEL,
          transformation: { width: 120, height: 40 },
          altText: { name: part.image, description: part.image, title: part.image },
        }),
      );
    return [
      new Paragraph({
        children: runs,
        ...(part.style === 'Title'
          ? { heading: HeadingLevel.TITLE }
          : part.style
            ? { style: part.style }
            : {}),
        ...(part.style === 'Caption' ? { alignment: AlignmentType.CENTER } : {}),
      }),
    ];
  });
  const document = new Document({
    ...(properties.title !== undefined ? { title: properties.title } : {}),
    creator: 'PRMNY',
    footnotes,
    endnotes,
    styles: {
      ...(properties.language
        ? { default: { document: { run: { language: { value: properties.language } } } } }
        : {}),
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { size: 30, color: '5A5A5A' } },
        { id: 'Caption', name: 'caption', basedOn: 'Normal', run: { italics: true, size: 18 } },
        { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Heading1' },
        { id: 'TOC1', name: 'toc 1', basedOn: 'Normal' },
      ],
    },
    sections: [{ children }],
  });
  const packed = new Uint8Array(await Packer.toBuffer(document));
  return rewriteParts(packed, {
    'word/document.xml': (xml) =>
      boxes.reduce(
        (text, box, k) =>
          text.replace(
            new RegExp(`<w:r>(?:(?!<w:r>).)*?${marker(k + 1)}</w:t></w:r>`, 's'),
            `<w:r>${textBoxXml(box, k + 1)}</w:r>`,
          ),
        xml,
      ),
    'docProps/core.xml': (xml) =>
      xml
        .replace(/(<dcterms:created[^>]*>)[^<]*/, `$1${properties.created ?? '2016-09-05T14:12:00Z'}`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*/, `$1${properties.modified ?? '2016-09-06T09:30:00Z'}`),
  });
}

/** The same zip with some of its text parts rewritten (stored uncompressed, as a zip may). */
async function rewriteParts(
  bytes: Uint8Array,
  rewrites: Record<string, (xml: string) => string>,
): Promise<Uint8Array> {
  const zip = openZip(bytes, Number.MAX_SAFE_INTEGER)!;
  const entries = await Promise.all(
    listZipEntries(bytes)!.map(async (entry) => {
      const data = (await zip.read(entry.name)) as Uint8Array;
      const rewrite = rewrites[entry.name];
      return {
        name: entry.name,
        data: rewrite ? new TextEncoder().encode(rewrite(new TextDecoder().decode(data))) : data,
      };
    }),
  );
  return zipWithDeclaredSizes(entries);
}
