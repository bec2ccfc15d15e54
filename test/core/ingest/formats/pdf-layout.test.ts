import { readdirSync, readFileSync } from 'node:fs';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../../../src/core/ingest/document.ts';
import { readDocument } from '../../../../src/core/ingest/formats/detect.ts';
import { parsePlainStatement, readStatementDocument } from '../../../../src/core/ingest/plain-text.ts';
import { isDateLine } from '../../../../src/core/ingest/title-block.ts';
import {
  drawable,
  type Face,
  type FlowItem,
  flowPdf,
  type Placed,
  placedPdf,
  xmpPacket,
} from '../../../support/pdf-layouts.ts';

const read = async (bytes: Uint8Array) => readDocument(bytes);
const blocksOf = (document: SourceDocument) =>
  document.blocks.map((block) => ({ role: block.role, text: block.lines.join(' ') }));
const body = (text: string) => ({ role: 'body', text });
const paragraphs = (document: SourceDocument) =>
  readStatementDocument(document).paragraphs.map((p) => p.text);
/** Lines placed by hand, one under the other from baseline `y`. */
const stack = (
  texts: string[],
  x: number,
  y: number,
  pitch = 15.5,
  size = 11,
  face: Face = 'sans',
): Placed[] => texts.map((text, k) => ({ text, x, y: y + k * pitch, size, face }));

describe('a PDF read as a person reads it', () => {
  it('keeps superscripts with their word and drops footnote references, never a paragraph of their own', async () => {
    const pdf = await flowPdf([
      {
        text: 'Canada welcomes the report of the Secretary-General on the protection of civilians^{1} and commends the work of humanitarian actors in the field, who protect civilians^{2,3} every day.',
      },
      {
        text: 'Au XXI^{e} siècle, depuis le 1^{er} janvier, M^{me} Ndiaye et la Fondation Canada^{®} travaillent sur 40 km^{2} de terres^{4}.',
      },
      { text: 'The UN Charter^{*} binds us all.' },
    ]);
    const document = await read(pdf);
    expect(blocksOf(document)).toEqual([
      body(
        'Canada welcomes the report of the Secretary-General on the protection of civilians and commends the work of humanitarian actors in the field, who protect civilians every day.',
      ),
      body(
        'Au XXIe siècle, depuis le 1er janvier, Mme Ndiaye et la Fondation Canada® travaillent sur 40 km2 de terres.',
      ),
      body('The UN Charter binds us all.'),
    ]);
  });

  it('takes the footnotes out of the text and records them, even where a paragraph runs on to the next page', async () => {
    const long =
      'Canada has long supported the protection of civilians in armed conflict, and we will continue to do so in every forum where it is discussed, including in this Council and in the General Assembly, with our partners and with civil society, whose work on the ground saves lives every day.';
    const items: FlowItem[] = [
      { text: 'Mr. President,' },
      ...Array.from({ length: 9 }, (_, k) => ({
        text: k === 2 ? `${long.replace('conflict,', 'conflict^{1},')}` : `${k + 1}. ${long}`,
      })),
    ];
    const pdf = await flowPdf(items, {
      header: 'Permanent Mission of Canada to the United Nations',
      footer: 'Page {n} of {pages}',
      footnotes: [
        {
          page: 1,
          marker: '1',
          text: 'Security Council resolution 2286 (2016) on the protection of health care in armed conflict.',
        },
        {
          page: 1,
          marker: '2',
          text: 'See the report of the Secretary-General on the protection of civilians in armed conflict (S/2016/447), which sets out the measures taken by Member States and the United Nations, and the recommendations that remain to be implemented.',
        },
      ],
    });
    const document = await read(pdf);
    expect(document.notes).toEqual([
      'Footnote 1: Security Council resolution 2286 (2016) on the protection of health care in armed conflict.',
      'Footnote 2: See the report of the Secretary-General on the protection of civilians in armed conflict (S/2016/447), which sets out the measures taken by Member States and the United Nations, and the recommendations that remain to be implemented.',
    ]);
    expect(blocksOf(document)).toEqual([
      body('Mr. President,'),
      ...Array.from({ length: 9 }, (_, k) => body(k === 2 ? long : `${k + 1}. ${long}`)),
    ]);
    // The paragraph cut by the page break is whole.
    expect(document.blocks.length).toBe(10);
  });

  it('reads headings as blocks of their own, never glued to the paragraph that follows', async () => {
    const pdf = await flowPdf([
      { text: 'Protection of Civilians', face: 'sansBold', size: 13, spaceAfter: 0 },
      {
        text: 'Canada remains deeply concerned by the toll that armed conflict takes on civilians, and by the attacks on hospitals and schools.',
      },
      { text: 'Women, peace and security', face: 'sansBold', spaceAfter: 0 },
      { text: 'Women must take part in every peace process as equals.' },
      { text: 'Peacekeeping', face: 'sansBold', spaceAfter: 0 },
      { text: 'We will train peacekeepers.', spaceAfter: 0 },
    ]);
    expect(blocksOf(await read(pdf))).toEqual([
      { role: 'title', text: 'Protection of Civilians' },
      body(
        'Canada remains deeply concerned by the toll that armed conflict takes on civilians, and by the attacks on hospitals and schools.',
      ),
      { role: 'heading', text: 'Women, peace and security' },
      body('Women must take part in every peace process as equals.'),
      { role: 'heading', text: 'Peacekeeping' },
      body('We will train peacekeepers.'),
    ]);
  });

  it('splits paragraphs at a Word gap (21 pt against a pitch of 15.5 pt), one-line paragraphs included', async () => {
    const texts = [
      'Mr. President,',
      'I wish to thank you for organising this informal interactive dialogue on the responsibility to protect, and the Secretary-General for his report.',
      'Canada supports the report.',
      'Ten years after the World Summit, the responsibility to protect is accepted by all Member States, and our task now is to put it into practice where it matters most: in the field, before atrocities happen.',
      'Thank you.',
    ];
    const document = await read(await flowPdf(texts.map((text) => ({ text }))));
    expect(blocksOf(document)).toEqual(texts.map(body));
  });

  it('splits a statement whose paragraphs are all one line long', async () => {
    const texts = [
      'Mr. President,',
      'Canada thanks you for convening this debate.',
      'We align ourselves with the statement of the Group of Friends.',
      'Peacekeeping saves lives.',
      'Thank you.',
    ];
    const document = await read(await flowPdf(texts.map((text) => ({ text }))));
    expect(blocksOf(document)).toEqual(texts.map(body));
  });

  it('starts a paragraph at a first-line indent, and each list item at its marker', async () => {
    const intro =
      'Canada has taken the following steps to support the peacekeeping operations of the United Nations this year, with its partners:';
    const pdf = await flowPdf(
      [
        { text: intro, firstIndent: 36 },
        {
          text: 'We have deployed a rapid response force, ready to move within days of a request from the Secretary-General.',
          indent: 18,
          marker: { text: '•', hang: 12 },
        },
        { text: 'We have trained 300 police officers.', indent: 18, marker: { text: '•', hang: 12 } },
        { text: 'We have funded the Elsie Initiative.', indent: 18, marker: { text: '–', hang: 12 } },
        {
          text: 'Women made up half of the officers trained, and a third of those deployed in the field this year.',
          indent: 24,
          marker: { text: '1.', hang: 18 },
        },
        { text: 'Ten countries joined us.', indent: 24, marker: { text: 'a)', hang: 18 } },
        {
          text: 'These steps are only a beginning, and Canada will do more in the years to come, with all Member States.',
          firstIndent: 36,
        },
        { text: 'Thank you, Mr. President.', firstIndent: 36 },
      ],
      { spaceAfter: 0 },
    );
    expect(blocksOf(await read(pdf))).toEqual([
      body(intro),
      body(
        'We have deployed a rapid response force, ready to move within days of a request from the Secretary-General.',
      ),
      body('We have trained 300 police officers.'),
      body('– We have funded the Elsie Initiative.'),
      body(
        '1. Women made up half of the officers trained, and a third of those deployed in the field this year.',
      ),
      body('a) Ten countries joined us.'),
      body(
        'These steps are only a beginning, and Canada will do more in the years to come, with all Member States.',
      ),
      body('Thank you, Mr. President.'),
    ]);
  });

  it('reads a page in two columns column by column', async () => {
    const texts = [
      'Mr. President, Canada welcomes this open debate on the protection of civilians in armed conflict, and thanks the briefers.',
      'Civilians continue to bear the brunt of conflict. Hospitals are bombed, schools are attacked, and humanitarian workers are killed while they bring help to those who need it most.',
      'Canada calls on all parties to respect international humanitarian law, and on this Council to act when they do not, including through sanctions and referrals.',
      'We must also listen to the women and children who survive these conflicts, and who know best what protection means on the ground.',
      'Thank you.',
    ];
    const pdf = await flowPdf(
      texts.map((text) => ({ text })),
      { columns: 2, gutter: 24, page: [612, 460], margin: 54 },
    );
    expect(blocksOf(await read(pdf))).toEqual(texts.map(body));
  });

  it('reads a table row by row, apart from the text around it', async () => {
    const pdf = await flowPdf([
      { text: 'Canada’s contributions this year are the following:' },
      {
        table: [
          ['Programme', 'Contribution'],
          ['Elsie Initiative for Women in Peace Operations', '$15 million over five years'],
          ['Peacekeeping training', '$5 million, with partners in Africa and in Latin America'],
        ],
        widths: [200, 220],
      },
      { text: 'We call on others to join us.' },
    ]);
    expect(blocksOf(await read(pdf))).toEqual([
      body('Canada’s contributions this year are the following:'),
      body('Programme | Contribution'),
      body('Elsie Initiative for Women in Peace Operations | $15 million over five years'),
      body('Peacekeeping training | $5 million, with partners in Africa and in Latin America'),
      body('We call on others to join us.'),
    ]);
  });

  it('joins words hyphenated at a line end, and keeps the hyphens of addresses, DOIs, numbers and compounds', async () => {
    const pdf = await flowPdf([
      {
        text: '',
        lines: [
          'The full text is at https://www.international.gc.ca/world-',
          'monde/issues_development-enjeux_developpement/index.aspx and in the',
          'book (doi:10.1007/978-0-387-',
          '35439-5) on the organi-',
          'zation of peace operations in 1990-',
          '2000, which the Secretary-',
          'General cited. It speaks of well-',
          'being, of long-',
          'term support and of rules-',
          'based order; c’est-',
          'à-dire, de la paix, d’un cessez-le-',
          'feu et de liens people-to-',
          'people – aujourd’hui et chaque jour –',
          'en 2016–',
          '2017 : « Nous agirons ensemble.',
          '»',
        ],
      },
    ]);
    expect(blocksOf(await read(pdf))).toEqual([
      body(
        'The full text is at https://www.international.gc.ca/world-monde/issues_development-enjeux_developpement/index.aspx and in the book (doi:10.1007/978-0-387-35439-5) on the organization of peace operations in 1990-2000, which the Secretary-General cited. It speaks of well-being, of long-term support and of rules-based order; c’est-à-dire, de la paix, d’un cessez-le-feu et de liens people-to-people – aujourd’hui et chaque jour – en 2016–2017 : « Nous agirons ensemble. »',
      ),
    ]);
  });

  it('keeps a title of three lines whole and drops the letters of the cover art', async () => {
    // Big letters across the top of the cover, one beside the title, one at the foot.
    const art: Placed[] = [
      ...['X', 'X', 'O', 'X', 'X'].map((text, k) => ({
        text,
        x: 90 + k * 100,
        y: 52,
        size: 36,
        face: 'sansBold' as const,
      })),
      { text: 'X', x: 530, y: 100.2, size: 48, face: 'sansBold' },
      { text: 'O', x: 90, y: 700, size: 48, face: 'sansBold' },
    ];
    const pdf = await flowPdf(
      [
        { text: 'Canadian Statement at the United Nations', face: 'sansBold', size: 20, spaceAfter: 0 },
        { text: 'General Assembly Interactive Dialogue on', face: 'sansBold', size: 20, spaceAfter: 0 },
        { text: 'the Responsibility to Protect', face: 'sansBold', size: 20, spaceAfter: 12 },
        { text: 'New York, September 6, 2016', spaceAfter: 12 },
        { text: 'Mr. President,' },
        {
          text: 'Canada thanks you for this dialogue, which comes ten years after the World Summit committed every Member State to protect its populations from genocide, war crimes, ethnic cleansing and crimes against humanity.',
        },
      ],
      { extras: [{ page: 1, runs: art }] },
    );
    const document = await read(pdf);
    expect(blocksOf(document)).toEqual([
      {
        role: 'title',
        text: 'Canadian Statement at the United Nations General Assembly Interactive Dialogue on the Responsibility to Protect',
      },
      body('New York, September 6, 2016'),
      body('Mr. President,'),
      body(
        'Canada thanks you for this dialogue, which comes ten years after the World Summit committed every Member State to protect its populations from genocide, war crimes, ethnic cleansing and crimes against humanity.',
      ),
    ]);
    expect(readStatementDocument(document)).toMatchObject({
      title:
        'Canadian Statement at the United Nations General Assembly Interactive Dialogue on the Responsibility to Protect',
      date: '2016-09-06',
      place: 'New York',
    });
  });

  it('keeps a dateline, "Check against delivery" and the first paragraph apart, as LibreOffice sets them', async () => {
    const first =
      'Mr. President, I wish to thank you for convening this important debate on the situation in the Middle East, and the Special Coordinator for his briefing.';
    const second =
      'Canada remains committed to a comprehensive, just and lasting peace, including the creation of a Palestinian state living side by side in peace and security with Israel.';
    const pdf = await flowPdf(
      [
        { text: 'Statement by Canada at the Security Council', face: 'serifBold', size: 14, spaceAfter: 0 },
        { text: '6 September 2016', align: 'right', spaceAfter: 0 },
        { text: 'Check against delivery', face: 'serifItalic', spaceAfter: 0 },
        { text: first, spaceAfter: 7 },
        { text: second, spaceAfter: 7 },
      ],
      { face: 'serif', size: 12, pitch: 13.8, spaceAfter: 0 },
    );
    const document = await read(pdf);
    expect(blocksOf(document)).toEqual([
      { role: 'title', text: 'Statement by Canada at the Security Council' },
      body('6 September 2016'),
      body('Check against delivery'),
      body(first),
      body(second),
    ]);
    expect(readStatementDocument(document)).toMatchObject({
      date: '2016-09-06',
      notes: ['Check against delivery'],
      paragraphs: [{ text: first }, { text: second }],
    });
  });

  it('reads a paragraph on around a pull quote set beside it, and keeps the quote out of the text', async () => {
    const pdf = await placedPdf([
      [
        ...stack(
          [
            'Canadians expect clear and meaningful notice about how their personal information is used,',
            'and by whom. Services offered in the digital identity ecosystem must protect and minimize the',
          ],
          72,
          100,
        ),
        // The text wraps around the quote, whose baselines are not the text's.
        ...stack(
          [
            'sharing of their personal information; they must understand their right',
            'to the privacy, protection and management of the information they share,',
            'and the tools that help them manage it.',
          ],
          196,
          131,
        ),
        ...stack(['“Notice must be', 'clear and', 'meaningful.”'], 80, 136, 14, 12, 'serifItalic'),
        ...stack(
          ['Modernized documents increase convenience and efficiency while reducing costs.'],
          72,
          198.5,
        ),
      ],
    ]);
    const document = await read(pdf);
    expect(blocksOf(document)).toEqual([
      body(
        'Canadians expect clear and meaningful notice about how their personal information is used, and by whom. Services offered in the digital identity ecosystem must protect and minimize the sharing of their personal information; they must understand their right to the privacy, protection and management of the information they share, and the tools that help them manage it.',
      ),
      body('Modernized documents increase convenience and efficiency while reducing costs.'),
    ]);
    expect(document.notes).toEqual(['Aside: “Notice must be clear and meaningful.”']);
  });

  it('reads labels set beside what they label as the start of each item, and numbered clauses whole', async () => {
    const label = (text: string, y: number): Placed => ({
      text,
      x: 175 - text.length * 5.6,
      y,
      size: 11,
      face: 'sansBold',
    });
    const pdf = await placedPdf([
      [
        label('Version:', 100),
        ...stack(
          ['Version number is expressed in the title of the deliverable, for example', '“Version 1.1”.'],
          185,
          100,
        ),
        label('Document Status:', 152),
        ...stack(
          ['Indicates the stage of development, consultation or approval of the draft', 'deliverable:'],
          185,
          152,
        ),
        { text: '•', x: 185, y: 183, size: 11 },
        ...stack(['Working Group Draft – content is still being developed;'], 203, 183),
        { text: '•', x: 185, y: 198.5, size: 11 },
        ...stack(['Release – content is approved.'], 203, 198.5),
        label('Date:', 235),
        ...stack(['Indicates the date when the document was made available.'], 185, 235),
        { text: '1.2', x: 72, y: 290, size: 11 },
        ...stack(
          [
            'This directive replaces the Directive on Identity Management and the Standard on',
            'Identity and Credential Assurance that went with them, both of the documents dated',
            'February 1, 2013.',
          ],
          108,
          290,
        ),
        { text: '1.3', x: 72, y: 346.5, size: 11 },
        ...stack(['It applies to every department.'], 108, 346.5),
        { text: '1.4', x: 72, y: 383, size: 11 },
        ...stack(['It is reviewed every five years.'], 108, 383),
      ],
    ]);
    expect(blocksOf(await read(pdf))).toEqual([
      body(
        'Version: Version number is expressed in the title of the deliverable, for example “Version 1.1”.',
      ),
      body(
        'Document Status: Indicates the stage of development, consultation or approval of the draft deliverable:',
      ),
      body('Working Group Draft – content is still being developed;'),
      body('Release – content is approved.'),
      body('Date: Indicates the date when the document was made available.'),
      body(
        '1.2 This directive replaces the Directive on Identity Management and the Standard on Identity and Credential Assurance that went with them, both of the documents dated February 1, 2013.',
      ),
      body('1.3 It applies to every department.'),
      body('1.4 It is reviewed every five years.'),
    ]);
  });

  it('goes on with a footnote that runs over to the foot of the next page', async () => {
    const note = (y: number, text: string, marker?: string): Placed[] => [
      ...(marker ? [{ text: marker, x: 72, y: y - 3, size: 6 }] : []),
      { text, x: 78, y, size: 9 },
    ];
    const text = [
      'Canada supports the report of the Secretary-General on the protection of civilians in',
      'armed conflict.',
    ];
    const pdf = await placedPdf([
      [
        ...stack(text, 72, 100),
        ...note(700, 'See the report of the Secretary-General on the protection of civilians,', '1'),
        ...note(711, 'which sets out the measures taken by Member States and'),
      ],
      [
        ...stack(
          [
            'We thank the briefers for their presentations, and the many civil society',
            'organizations that work every day to protect civilians in conflict.',
          ],
          72,
          100,
        ),
        ...note(700, 'the United Nations since 2016.'),
        ...note(711, 'Security Council resolution 2286 (2016).', '2'),
      ],
    ]);
    const document = await read(pdf);
    expect(document.notes).toEqual([
      'Footnote 1: See the report of the Secretary-General on the protection of civilians, which sets out the measures taken by Member States and the United Nations since 2016.',
      'Footnote 2: Security Council resolution 2286 (2016).',
    ]);
    expect(blocksOf(document)).toEqual([
      body(text.join(' ')),
      body(
        'We thank the briefers for their presentations, and the many civil society organizations that work every day to protect civilians in conflict.',
      ),
    ]);
  });

  it('reads a page turned by /Rotate as it is shown, and leaves out a watermark set at an angle', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([612, 792]);
    page.setRotation(degrees(90));
    // Upright on the turned page: drawn a quarter turn round in the PDF's own space.
    const lines = ['Mr. President, Canada welcomes this dialogue', 'and thanks the briefers.', 'Thank you.'];
    lines.forEach((text, k) => {
      page.drawText(text, { x: 100 + [0, 15.5, 36.5][k]!, y: 72, size: 11, font, rotate: degrees(90) });
    });
    page.drawText('DRAFT', { x: 300, y: 300, size: 60, font, rotate: degrees(45) });
    expect(blocksOf(await read(await pdf.save()))).toEqual([
      body('Mr. President, Canada welcomes this dialogue and thanks the briefers.'),
      body('Thank you.'),
    ]);
  });

  it('fills the metadata from the Info dictionary and the XMP, ignoring a file name as a title', async () => {
    const pdf = await flowPdf([{ text: 'Monsieur le Président,' }], {
      info: {
        Title: 'Microsoft Word - declaration-2016-09-06.docx',
        CreationDate: "D:20160906233000-04'00'",
        ModDate: 'D:20160908120000Z',
      },
      xmp: xmpPacket({
        title: 'Déclaration du Canada au Dialogue interactif',
        created: '2016-09-06T23:30:00-04:00',
        modified: '2016-09-10T08:00:00Z',
        language: 'fr-CA',
      }),
    });
    expect((await read(pdf)).metadata).toEqual({
      titles: [{ text: 'Déclaration du Canada au Dialogue interactif', from: 'pdf:dc:title' }],
      dates: [
        { date: '2016-09-06', from: 'pdf:info:CreationDate', kind: 'created' },
        { date: '2016-09-08', from: 'pdf:info:ModDate', kind: 'modified' },
        { date: '2016-09-10', from: 'pdf:xmp:ModifyDate', kind: 'modified' },
      ],
      language: 'fr',
    });
    const plain = await flowPdf([{ text: 'Mr. President,' }], {
      info: { Title: 'Statement on the Responsibility to Protect' },
    });
    expect((await read(plain)).metadata).toEqual({
      titles: [{ text: 'Statement on the Responsibility to Protect', from: 'pdf:info:Title' }],
    });
    expect(
      (await read(await flowPdf([{ text: 'Mr. President,' }], { info: { Title: 'untitled' } }))).metadata,
    ).toBe(undefined);
  });
});

/** The real statements kept as text, each with its title block and its paragraphs. */
const sources = [
  ...['test/fixtures/align/published', 'test/relevance/archive/sources'].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => `${dir}/${name}`),
  ),
];

/**
 * A statement laid out as Word lays one out: a bold 14 pt title of two lines (or its own
 * lines), the date line, then the paragraphs in 11 pt Helvetica or 12 pt Times at a pitch of
 * 15.5 pt with 21 pt between paragraphs, wrapped at spaces and after compound hyphens, over
 * as many pages as it takes, numbered at the foot.
 */
async function wordLikePdf(text: string, serif: boolean): Promise<Uint8Array> {
  const head = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)[0]!
    .split('\n')
    .map((line) => line.replace(/\*\*/g, '').trim());
  const titles = head.filter((line) => !isDateLine(line));
  const dates = head.filter((line) => isDateLine(line));
  const titleFace = serif ? 'serifBold' : 'sansBold';
  const items: FlowItem[] = [
    ...titles.map((title, k) => ({
      text: title,
      face: titleFace,
      size: 14,
      pitch: 17.5,
      spaceAfter: k === titles.length - 1 ? 8 : 0,
      // A one-line title is broken in two, as a title page sets it.
      ...(titles.length === 1 ? { width: Math.max(200, title.length * 3.9) } : {}),
    })),
    ...dates.map((date) => ({ text: date, spaceAfter: 10 })),
    ...parsePlainStatement(text).paragraphs.map((paragraph) => ({ text: paragraph.text })),
  ];
  return flowPdf(items, {
    size: serif ? 12 : 11,
    face: serif ? 'serif' : 'sans',
    pitch: 15.5,
    spaceAfter: 5.5,
    footer: 'Page {n} of {pages}',
  });
}

describe('the real statements laid out as Word PDFs', () => {
  it.each(sources.map((file, k) => [file, k % 2 === 1] as const))(
    'give the paragraphs of their text form (%s)',
    async (file, serif) => {
      const text = readFileSync(file, 'utf8');
      const document = await read(await wordLikePdf(text, serif));
      // The standard fonts cannot draw U+2011 (a non-breaking hyphen): the PDF has "-".
      expect(paragraphs(document)).toEqual(parsePlainStatement(text).paragraphs.map((p) => drawable(p.text)));
    },
  );
});
