import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';

/** A statement as its publisher lays it out: title lines, the lines under them, and the paragraphs. */
export interface Layout {
  language: 'en' | 'fr';
  /** Title lines (the page's h1, the Word Title, the large type of a PDF). */
  title: string[];
  /** Lines between the title and the text: speaker, date and place, "Check against delivery". */
  meta: string[];
  paragraphs: string[];
}

/** Splits the seed's plain form into a layout: the title block's lines, then the paragraphs. */
export function layoutOf(text: string, language: 'en' | 'fr', titleLines = 2): Layout {
  const [head = '', ...rest] = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/);
  const lines = head.split('\n').map((line) => line.replace(/\*\*/g, '').trim());
  return {
    language,
    title: lines.slice(0, titleLines),
    meta: lines.slice(titleLines),
    paragraphs: rest.map((block) => block.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean),
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A page built the way Canada.ca and international.gc.ca build theirs: skip links, a
 * header with the language toggle and search, breadcrumbs, `main[property=mainContentOfPage]`
 * with the h1, the text, a share button and "Date modified", then the footer.
 */
export function canadaCaPage(layout: Layout, url: string): string {
  const other = layout.language === 'en' ? 'Français' : 'English';
  return `<!DOCTYPE html>
<html class="no-js" lang="${layout.language}" dir="ltr">
<head>
<meta charset="utf-8">
<title>${escapeHtml(layout.title.join(' '))} - Canada.ca</title>
<link rel="canonical" href="${url}">
<meta property="og:url" content="${url}">
<script>window.dataLayer = window.dataLayer || [];</script>
<style>.wb-inv { clip: rect(1px, 1px, 1px, 1px); }</style>
</head>
<body vocab="http://schema.org/" typeof="WebPage">
<nav><ul id="wb-tphp"><li class="wb-slc"><a class="wb-sl" href="#wb-cont">Skip to main content</a></li></ul></nav>
<header>
  <div id="wb-bnr" class="container">
    <section id="wb-lng"><h2 class="wb-inv">Language selection</h2><ul><li><a lang="${layout.language === 'en' ? 'fr' : 'en'}" href="#">${other}</a></li></ul></section>
    <div class="brand"><a href="https://www.canada.ca/en.html"><img src="/wet-boew/assets/sig-blk-en.svg" alt=""><span class="wb-inv">Government of Canada</span></a></div>
    <section id="wb-srch"><h2>Search</h2><form><input type="search" placeholder="Search Canada.ca"><button type="submit">Search</button></form></section>
  </div>
  <nav id="wb-bc" property="breadcrumb"><h2>You are here:</h2><ol><li><a href="#">Canada.ca</a></li><li><a href="#">Global Affairs Canada</a></li><li><a href="#">Statements</a></li></ol></nav>
</header>
<main property="mainContentOfPage" resource="#wb-main" class="container" typeof="WebPageElement">
  <h1 property="name" id="wb-cont">${layout.title.map(escapeHtml).join('<br>')}</h1>
  ${layout.meta.map((line) => `<p><strong>${escapeHtml(line)}</strong></p>`).join('\n  ')}
  ${layout.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n  ')}
  <div class="pagedetails">
    <div class="row"><div class="wb-share"><button class="btn">Share this page</button></div></div>
    <dl id="wb-dtmd"><dt>Date modified:</dt><dd><time property="dateModified">2016-09-07</time></dd></dl>
  </div>
</main>
<footer id="wb-info"><nav><h3>Government of Canada</h3><ul><li><a href="#">All contacts</a></li><li><a href="#">Departments and agencies</a></li></ul></nav><p>Terms and conditions</p></footer>
</body>
</html>`;
}

/** A Word file as an officer writes one: a Title, a Heading for the meeting, metadata lines, a "Check against delivery" note, the text. */
export async function wordFile(layout: Layout, note: string): Promise<Uint8Array> {
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: note, alignment: 'right' }),
          new Paragraph({ text: layout.title[0] ?? '', heading: HeadingLevel.TITLE }),
          ...layout.title
            .slice(1)
            .map((line) => new Paragraph({ text: line, heading: HeadingLevel.HEADING_1 })),
          ...layout.meta.map(
            (line) => new Paragraph({ children: [new TextRun({ text: line, italics: true })] }),
          ),
          ...layout.paragraphs.map((text) => new Paragraph({ text })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** Breaks a paragraph into lines that fit, hyphenating long words at the line end as a typesetter does. */
function wrapForPdf(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= width;
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    // Break a compound at its hyphen, or hyphenate a long word, when part of it fits.
    const hyphen = word.indexOf('-');
    if (hyphen > 0 && fits(`${line} ${word.slice(0, hyphen + 1)}`)) {
      lines.push(`${line} ${word.slice(0, hyphen + 1)}`);
      line = word.slice(hyphen + 1);
      continue;
    }
    if (word.length >= 9 && /^\p{L}+[,.]?$/u.test(word) && line && fits(`${line} ${word.slice(0, 4)}-`)) {
      lines.push(`${line} ${word.slice(0, 4)}-`);
      line = word.slice(4);
      continue;
    }
    if (line) lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A PDF as a mission prints one: the title in large type, a running header on every
 * page, "Page N of M" at the foot, paragraphs wrapped and hyphenated, a gap between them.
 */
export async function pdfFile(layout: Layout, header: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [pageWidth, pageHeight] = [612, 792];
  const margin = 72;
  const textWidth = pageWidth - 2 * margin;
  const body = 11;
  const leading = 14;
  const items: Array<{ text: string; font: PDFFont; size: number; gapBefore: number }> = [];
  layout.title.forEach((title, k) => {
    wrapForPdf(title, bold, 16, textWidth).forEach((line, j) => {
      items.push({ text: line, font: bold, size: 16, gapBefore: k > 0 && j === 0 ? 2 : 0 });
    });
  });
  layout.meta.forEach((line, k) => {
    items.push({ text: line, font: regular, size: body, gapBefore: k === 0 ? 18 : 10 });
  });
  for (const paragraph of layout.paragraphs) {
    wrapForPdf(paragraph, regular, body, textWidth).forEach((line, k) => {
      items.push({ text: line, font: regular, size: body, gapBefore: k === 0 ? 12 : 0 });
    });
  }
  let page = pdf.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  const pages = [page];
  for (const item of items) {
    const step = item.size === 16 ? 20 : leading;
    if (y - item.gapBefore - step < margin) {
      page = pdf.addPage([pageWidth, pageHeight]);
      pages.push(page);
      y = pageHeight - margin;
    } else y -= item.gapBefore;
    y -= step;
    page.drawText(item.text, { x: margin, y, size: item.size, font: item.font });
  }
  pages.forEach((p, k) => {
    p.drawText(header, { x: margin, y: pageHeight - 40, size: 9, font: regular });
    p.drawText(`Page ${k + 1} of ${pages.length}`, { x: pageWidth / 2 - 25, y: 36, size: 9, font: regular });
  });
  return pdf.save();
}
