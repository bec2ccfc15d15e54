import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import type { Language } from '../../corpus.ts';
import { cleanText, type DocumentBlock, type DocumentMetadata, type SourceDocument } from '../document.ts';
import { ownUrl } from '../official-sites.ts';

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;
type Element = DefaultTreeAdapterTypes.Element;

/** How `readHtml` reads its HTML. */
export interface HtmlReadOptions {
  /**
   * Where the HTML comes from. `page`: a web page, whose `h1` alone is the title (what lies
   * above it is dropped and recorded) and whose head says what the page is (`metadata`).
   * `word`: a Word file converted by mammoth, read in its order, with no head to read.
   */
  origin: 'page' | 'word';
}

/** A web page. */
export const defaultHtmlReadOptions: HtmlReadOptions = { origin: 'page' };

/** Elements whose text is never part of a statement. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'svg',
  'iframe',
  'object',
  'canvas',
  'menu',
  'dialog',
  'video',
  'audio',
  'map',
]);
/** Canada.ca (WET) parts of a page that sit inside main but are not the statement. */
const SKIPPED_CLASSES =
  /\b(?:pagedetails|gc-subway|wb-share|gc-pg-hlpfl|wb-inv|wb-sl|gc-prtts|gc-rprt-prblm|datemod|wb-lng|breadcrumb|wb-fnote|fn-lnk)\b|(?:^|\s)hidden(?:\s|$)/;
const SKIPPED_IDS = /^(?:wb-dtmd|wb-lng|wb-bc|wb-sm|wb-srch|wb-info|wb-sec|right-column|gc-pg-hlpfl)$/;
/** The page furniture whose widgets are recorded when dropped: page details, share, report a problem, date modified. */
const FURNITURE_CLASSES = /\b(?:pagedetails|wb-share|gc-rprt-prblm|datemod)\b/;
const DATE_MODIFIED_CLASSES = /\bdatemod\b/;
/** Canada.ca's footnotes (`aside.wb-fnote`), each recorded without its "Return to footnote 1 referrer" link. */
const FOOTNOTES_CLASSES = /\bwb-fnote\b/;
const FOOTNOTE_RETURN =
  /\s*(?:return\s+to\s+(?:the\s+)?footnote\s+\S+\s+referrer|retour\s+à\s+la\s+référence\s+de\s+la\s+note\s+de\s+bas\s+de\s+page\s+\S+)\s*$/iu;
/** What the furniture's widgets say, recorded when they are dropped. */
const WIDGET =
  /^(?:share\s+this\s+page|partagez\s+cette\s+page|report\s+a\s+problem\b.*|signaler\s+un\s+problème\b.*|date\s+modified\s*:.*|date\s+de\s+modification\s*:.*)$/iu;
/** Links that only move about the page. */
const TOP_OF_PAGE =
  /^(?:(?:back\s+to\s+)?top(?:\s+of\s+(?:the\s+)?page)?|(?:retour\s+)?(?:au\s+)?haut\s+de\s+(?:la\s+)?page)$/iu;
const TEXT_BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'dt',
  'dd',
  'pre',
  'caption',
  'figcaption',
  'td',
  'th',
  'summary',
]);
/** A figure's or a table's caption (a Word Caption is converted to `p.caption`): recorded, never text. */
const CAPTION_TAGS = new Set(['figcaption', 'caption']);
const CAPTION_CLASSES = /(?:^|\s)(?:caption|wp-caption-text)(?:\s|$)/;
/** A table of contents: Word's TOC styles (converted to `p.toc`), Canada.ca's `ul.toc`. */
const TOC_CLASSES = /(?:^|\s)toc(?:\s|$)/;
const INLINE_BREAKS = new Set(['br']);
const INLINE = new Set([
  'span',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'u',
  'abbr',
  'time',
  'sup',
  'sub',
  'small',
  'cite',
  'q',
  'mark',
  'img',
  'picture',
  'wbr',
]);

/** "From: Global Affairs Canada" under a Canada.ca news page's h1. */
const BYLINE = /^(?:from|de|par)\s*:\s*\S/iu;
/** The content type Canada.ca writes under a news page's title. */
const CONTENT_TYPES = new Set([
  'statement',
  'joint statement',
  'news release',
  'media advisory',
  'backgrounder',
  'speech',
  'readout',
  'déclaration',
  'déclaration conjointe',
  'communiqué',
  'communiqué de presse',
  'avis aux médias',
  "document d'information",
  'document d’information',
  'discours',
  'compte rendu',
]);
/** Headings after which nothing is the statement: the media contacts, a release's "- 30 -". */
const TO_THE_END =
  /^(?:contacts?|media\s+contacts?|contacts?\s+for\s+(?:the\s+)?media(?:\s+only)?|personnes?-ressources?|-\s*30\s*-)$/iu;
/** Headings of sections that are not the statement. */
const CHROME_SECTIONS =
  /^(?:associated\s+links|liens\s+associés|related\s+products|produits\s+connexes|related\s+(?:information|links)|renseignements\s+connexes|liens\s+connexes|search\s+for\s+related\s+information\b.*|recherche\s+d['’]information\s+connexe\b.*|stay\s+connected|restez\s+branchés|page\s+details|détails\s+de\s+la\s+page)$/iu;
/** A security marking ("UNCLASSIFIED / NON CLASSIFIÉ"): recorded, never text. */
const MARKING =
  /^(?:un\s*classified|non[\s-]+classifiée?|protected\s+[abc]|protégée?\s+[abc]|(?:top\s+)?secret|(?:très\s+)?secrète?|confidential|confidentielle?|draft|ébauche|version\s+préliminaire)(?:\s*[/|]\s*\S.*)?$/iu;

/**
 * True for a line that is a security marking.
 * @example isSecurityMarking('UNCLASSIFIED / NON CLASSIFIÉ') // => true
 */
export const isSecurityMarking = (line: string): boolean => {
  const text = cleanText(line);
  return text.length <= 80 && MARKING.test(text);
};

/** Headings of a table of contents. */
const TOC_HEADINGS =
  /^(?:(?:table\s+of\s+)?contents|on\s+this\s+page|in\s+this\s+(?:page|section|article)|table\s+des\s+matières|sommaire|sur\s+cette\s+page|dans\s+cette\s+(?:page|section))$/iu;
/** An entry of a table of contents: "Introduction ........ 3", "Introduction<tab>3". */
const DOT_LEADERS =
  /^\S.{0,200}?(?:\s*(?:\.\s?){4,}|\s*…{2,}|\s*(?:·\s?){4,}|\t+)\s*(?:\d{1,4}|[ivxlcdm]{1,7})$/iu;

const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
const isElement = (node: Node): node is Element => 'tagName' in node;
const children = (node: Node): Node[] => ('childNodes' in node ? (node.childNodes as Node[]) : []);
const hasClass = (element: Element, pattern: RegExp) => pattern.test(attr(element, 'class') ?? '');

function find(node: Node, test: (element: Element) => boolean): Element | undefined {
  for (const child of children(node)) {
    if (isElement(child)) {
      if (test(child)) return child;
      const found = find(child, test);
      if (found) return found;
    }
  }
  return undefined;
}

function findAll(node: Node, test: (element: Element) => boolean, found: Element[] = []): Element[] {
  for (const child of children(node)) {
    if (isElement(child)) {
      if (test(child)) found.push(child);
      findAll(child, test, found);
    }
  }
  return found;
}

/** A footnote or endnote of a Word file converted to HTML (its text is recorded as a note). */
const isFootnote = (element: Element) => /^(?:footnote|endnote)-\d+$/.test(attr(element, 'id') ?? '');

function isSkipped(element: Element): boolean {
  if (SKIPPED.has(element.tagName)) return true;
  if (attr(element, 'hidden') !== undefined || attr(element, 'aria-hidden') === 'true') return true;
  const id = attr(element, 'id');
  if (id && SKIPPED_IDS.test(id)) return true;
  if (hasClass(element, SKIPPED_CLASSES)) return true;
  // Footnotes of a Word file converted to HTML.
  if (id && /^(?:footnote|endnote)-(?:ref-)?\d+$/.test(id)) return true;
  const role = attr(element, 'role');
  return role === 'navigation' || role === 'banner' || role === 'contentinfo' || role === 'search';
}

const isCaption = (element: Element) =>
  CAPTION_TAGS.has(element.tagName) ||
  (TEXT_BLOCKS.has(element.tagName) && hasClass(element, CAPTION_CLASSES));

/**
 * The text of an element, inline elements joined, `<br>` read as a line break. Only text
 * is read: an image's `alt` is not text, and is never glued to the words around it.
 */
function textOf(node: Node): string {
  let text = '';
  for (const child of children(node)) {
    if ('value' in child && child.nodeName === '#text') text += child.value;
    else if (isElement(child)) {
      if (INLINE_BREAKS.has(child.tagName)) text += '\n';
      else if (!isSkipped(child)) text += textOf(child);
    }
  }
  return text;
}

/** All the text of an element, skipped parts included, its blocks apart: what a note records. */
function spacedTextOf(node: Node): string {
  let text = '';
  for (const child of children(node)) {
    if ('value' in child && child.nodeName === '#text') text += child.value;
    else if (isElement(child) && !['script', 'style', 'template'].includes(child.tagName)) {
      const inline = INLINE.has(child.tagName);
      text += inline ? spacedTextOf(child) : ` ${spacedTextOf(child)} `;
    }
  }
  return text;
}

/** A block's lines: a title block written with `<br>` keeps its title, speaker and date apart. */
const linesOf = (text: string) => text.split('\n').map(cleanText).filter(Boolean);

/**
 * A note as recorded: the words dropped, cut short when long.
 * @example shortNote('Contacts') // => 'Contacts'
 */
function shortNote(text: string, max = 300): string {
  const clean = cleanText(text);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** True when all the words of an element are links within the page (`#…`): an entry of a table of contents. */
function isAnchorLinks(element: Element): boolean {
  let links = 0;
  let outside = '';
  const walk = (node: Node) => {
    for (const child of children(node)) {
      if ('value' in child && child.nodeName === '#text') outside += child.value;
      else if (isElement(child) && !isSkipped(child)) {
        const href = child.tagName === 'a' ? attr(child, 'href') : undefined;
        if (href?.startsWith('#') && href.length > 1 && cleanText(textOf(child))) links++;
        else walk(child);
      }
    }
  };
  walk(element);
  // Besides the links, at most a page number and its leaders.
  return links > 0 && /^[\s.…·]*(?:\d{1,4}|[ivxlcdm]{1,7})?[\s.…·]*$/iu.test(outside);
}

/** A block as collected, with what the reading of the page needs to know of where it came from. */
interface BlockItem {
  kind: 'block';
  block: DocumentBlock;
  /** The heading level (1–6), or 7 for any other block. */
  level: number;
  /** Its text as written, tabs kept (a table of contents' leaders). */
  raw: string;
  /** All its words are links within the page. */
  anchors: boolean;
  /** In a table of contents by its class (Word's TOC styles, `ul.toc`). */
  toc: boolean;
  /** Canada.ca's byline ("From: …"). */
  byline: boolean;
}
/** What the page holds, in order: blocks, and notes where something was dropped. */
type Item = BlockItem | { kind: 'note'; text: string };

const textOfItem = (item: BlockItem) => item.block.lines.join(' ');
const note = (text: string): Item => ({ kind: 'note', text: shortNote(text) });
const labelOf = (text: string) => cleanText(text).replace(/\s*:$/, '').toLowerCase();

function levelOf(tag: string): number {
  const heading = /^h([1-6])$/.exec(tag);
  return heading ? Number(heading[1]) : 7;
}

const roleOf = (tag: string): DocumentBlock['role'] =>
  tag === 'h1' ? 'title' : /^h[2-6]$/.test(tag) ? 'heading' : 'body';

/**
 * The lines of an element's blocks, hidden parts included, "Date modified" as one line:
 * where the page furniture's widgets are found.
 */
function furnitureLines(nodes: readonly Node[], lines: string[] = []): string[] {
  let loose = '';
  for (const child of nodes) {
    if ('value' in child && child.nodeName === '#text') loose += child.value;
    else if (isElement(child) && !['script', 'style', 'template'].includes(child.tagName)) {
      if (INLINE.has(child.tagName)) loose += spacedTextOf(child);
      else {
        lines.push(cleanText(loose));
        loose = '';
        if (attr(child, 'id') === 'wb-dtmd' || hasClass(child, DATE_MODIFIED_CLASSES))
          lines.push(cleanText(spacedTextOf(child)));
        else furnitureLines(children(child), lines);
      }
    }
  }
  lines.push(cleanText(loose));
  return lines.filter(Boolean);
}

/** Records what a skipped element held that is worth recording: a footnote, the page furniture's widgets. */
function recordSkipped(element: Element, items: Item[]): void {
  if (isFootnote(element)) {
    const text = cleanText(spacedTextOf(element)).replace(/\s*↑$/, '');
    if (text) items.push({ kind: 'note', text });
    return;
  }
  if (hasClass(element, FOOTNOTES_CLASSES)) {
    for (const footnote of findAll(element, (e) => e.tagName === 'dd' || e.tagName === 'li')) {
      const text = cleanText(spacedTextOf(footnote)).replace(FOOTNOTE_RETURN, '');
      if (text) items.push({ kind: 'note', text });
    }
    return;
  }
  if (!hasClass(element, FURNITURE_CLASSES) && attr(element, 'id') !== 'wb-dtmd') return;
  const lines = furnitureLines([element]);
  for (const line of new Set(lines)) if (WIDGET.test(line)) items.push(note(line));
}

/**
 * Collects the blocks of an element in reading order: each paragraph, heading and list
 * item is a block; text lying loose in a container is a block of its own. Captions and
 * footnotes become notes where they stand.
 */
function collect(node: Node, items: Item[], inToc: boolean): void {
  let loose = '';
  const flush = () => {
    const lines = linesOf(loose);
    if (lines.length > 0)
      items.push({
        kind: 'block',
        block: { lines, role: 'body' },
        level: 7,
        raw: loose.trim(),
        anchors: false,
        toc: inToc,
        byline: false,
      });
    loose = '';
  };
  for (const child of children(node)) {
    if ('value' in child && child.nodeName === '#text') {
      loose += child.value;
      continue;
    }
    if (!isElement(child)) continue;
    if (isSkipped(child)) {
      recordSkipped(child, items);
      continue;
    }
    const tag = child.tagName;
    if (isCaption(child)) {
      flush();
      const text = cleanText(spacedTextOf(child));
      if (text) items.push(note(text));
      continue;
    }
    // A list item or a cell that holds paragraphs is a container; any other text block is one block.
    const container =
      ['li', 'dd', 'td', 'th'].includes(tag) &&
      find(child, (element) => TEXT_BLOCKS.has(element.tagName)) !== undefined;
    if (TEXT_BLOCKS.has(tag) && !container) {
      flush();
      const raw = textOf(child);
      const lines = linesOf(raw);
      if (lines.length > 0)
        items.push({
          kind: 'block',
          block: { lines, role: roleOf(tag) },
          level: levelOf(tag),
          raw: raw.trim(),
          anchors: isAnchorLinks(child),
          toc: inToc || hasClass(child, TOC_CLASSES),
          byline: hasClass(child, /\bgc-byline\b/),
        });
    } else if (INLINE.has(tag)) {
      loose += textOf(child);
    } else if (INLINE_BREAKS.has(tag)) {
      loose += '\n';
    } else {
      flush();
      collect(child, items, inToc || hasClass(child, TOC_CLASSES));
    }
  }
  flush();
}

const blockAt = (items: Item[], k: number): BlockItem | undefined => {
  const item = items[k];
  return item?.kind === 'block' ? item : undefined;
};

/** Drops, recorded, what a page shows above its h1 (an alert, a banner): the title is the h1 alone. */
function dropAboveTitle(items: Item[]): void {
  const title = items.findIndex((item) => item.kind === 'block' && item.block.role === 'title');
  for (let k = 0; k < title; k++) {
    const item = blockAt(items, k);
    if (item) items[k] = note(textOfItem(item));
  }
}

/** Records, instead of reading them as text, the byline and the content type Canada.ca writes under the h1. */
function dropTitleLabels(items: Item[]): void {
  const title = items.findIndex((item) => item.kind === 'block' && item.block.role === 'title');
  if (title < 0) return;
  let seen = 0;
  for (let k = title + 1; k < items.length && seen < 4; k++) {
    const item = blockAt(items, k);
    if (!item) continue;
    seen++;
    const text = textOfItem(item);
    if (text.length > 150) break;
    if (item.byline || BYLINE.test(text) || CONTENT_TYPES.has(labelOf(text))) items[k] = note(text);
  }
}

const isTocEntry = (item: BlockItem, origin: HtmlReadOptions['origin']) =>
  item.toc ||
  (textOfItem(item).length <= 250 &&
    (item.anchors ||
      DOT_LEADERS.test(cleanText(item.raw)) ||
      (origin === 'word' && DOT_LEADERS.test(item.raw.replace(/[ \u00a0]+/g, ' ')))));

/** Drops, recorded by its heading, a table of contents: entries linking within the page, dot leaders and page numbers. */
function dropTablesOfContents(items: Item[], origin: HtmlReadOptions['origin']): void {
  for (let k = 0; k < items.length; k++) {
    const first = blockAt(items, k);
    if (!first || !isTocEntry(first, origin)) continue;
    let end = k;
    while (end < items.length) {
      const item = items[end]!;
      if (item.kind === 'block' && !isTocEntry(item, origin)) break;
      end++;
    }
    const entries = items.slice(k, end).filter((item): item is BlockItem => item.kind === 'block');
    let start = k;
    let heading: string | undefined;
    for (let h = k - 1; h >= 0; h--) {
      const before = items[h]!;
      if (before.kind === 'note') continue;
      if (TOC_HEADINGS.test(labelOf(textOfItem(before)))) {
        heading = textOfItem(before);
        start = h;
      }
      break;
    }
    const marked = entries.some((item) => item.toc);
    if (entries.length < 2 && !heading && !marked) {
      k = end - 1;
      continue;
    }
    // Word's "TOC Heading" style comes in as the first entry.
    const own =
      entries[0] && TOC_HEADINGS.test(labelOf(textOfItem(entries[0]))) ? textOfItem(entries[0]) : undefined;
    const kept = items.slice(start, end).filter((item) => item.kind === 'note');
    items.splice(start, end - start, note(heading ?? own ?? 'Table of contents'), ...kept);
    k = start + kept.length;
  }
}

/**
 * Drops, recorded by their headings, the parts of a page that are not the statement: the
 * media contacts and everything after them, associated links, related products and
 * information, the share and report-a-problem widgets, "Date modified" and what follows.
 */
function dropChrome(items: Item[]): void {
  for (let k = 0; k < items.length; k++) {
    const item = blockAt(items, k);
    if (!item) continue;
    const text = textOfItem(item);
    if (text.length > 200) continue;
    const label = labelOf(text);
    const toTheEnd =
      TO_THE_END.test(label) || /^(?:date\s+modified|date\s+de\s+modification)\s*:/iu.test(text);
    if (toTheEnd) {
      // What follows is recorded by its headings (associated links, related products…).
      const rest = items
        .slice(k + 1)
        .flatMap((next) =>
          next.kind === 'note'
            ? [next]
            : next.block.role !== 'body' || CHROME_SECTIONS.test(labelOf(textOfItem(next)))
              ? [note(textOfItem(next))]
              : [],
        );
      items.splice(k, items.length - k, note(text), ...rest);
      return;
    }
    if (CHROME_SECTIONS.test(label)) {
      let end = k + 1;
      for (; end < items.length; end++) {
        const next = blockAt(items, end);
        if (!next) continue;
        const isHeading = next.block.role !== 'body';
        if (isHeading && (item.level === 7 || next.level <= item.level)) break;
        if (next.level === 7 && !next.anchors && textOfItem(next).length > 300) break;
        if (TO_THE_END.test(labelOf(textOfItem(next)))) break;
      }
      const notes = items.slice(k + 1, end).filter((rest) => rest.kind === 'note');
      items.splice(k, end - k, note(text), ...notes);
      continue;
    }
    if (WIDGET.test(text) || isSecurityMarking(text)) items[k] = note(text);
    else if (TOP_OF_PAGE.test(label) && item.anchors) items.splice(k--, 1);
  }
}

/** The h1's text, or the first one's: the page's title as shown. */
const titleText = (items: Item[]) => {
  const title = items.find((item): item is BlockItem => item.kind === 'block' && item.block.role === 'title');
  return title ? textOfItem(title) : undefined;
};

/** A date as the page gives it (`2024-02-24`, `2024-02-24T10:00:00-05:00`, `2024-02`): `YYYY-MM-DD` or `YYYY-MM`. */
function readIsoDate(value: string | undefined): string | undefined {
  const match = /^\s*(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value ?? '');
  if (!match) return undefined;
  const [, year, month, day] = match;
  if (Number(month) < 1 || Number(month) > 12) return undefined;
  if (day === undefined) return `${year}-${month}`;
  const iso = `${year}-${month}-${day}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

/**
 * A declared language: `eng`, `fra`, `en`, `fr-CA`…
 * @example readLanguageCode('fra') // => 'fr'
 */
export function readLanguageCode(value: string | undefined): Language | undefined {
  const code = value?.trim().toLowerCase().slice(0, 3);
  if (!code) return undefined;
  if (code === 'eng' || code.startsWith('en')) return 'en';
  if (code === 'fra' || code === 'fre' || code.startsWith('fr')) return 'fr';
  return undefined;
}

/** The name of the site a page's `<title>` ends with, dropped from the title it declares. */
const SITE_SUFFIX =
  /\s*[-–—|]\s*(?:Canada\.ca|International\.gc\.ca|Global\s+Affairs\s+Canada|Affaires\s+mondiales\s+Canada|Prime\s+Minister\s+of\s+Canada|Premier\s+ministre\s+du\s+Canada)\s*$/iu;

/** What a page declares about itself: its titles (`<title>`, `og:title`, `dcterms.title`, the h1), dates and language. */
function readPageMetadata(
  document: Node,
  head: Element | undefined,
  h1: string | undefined,
): DocumentMetadata {
  const metas = findAll(document, (e) => e.tagName === 'meta');
  const meta = (key: string) => {
    const element = metas.find((e) => (attr(e, 'name') ?? attr(e, 'property'))?.toLowerCase() === key);
    const value = element && cleanText(attr(element, 'content') ?? '');
    return value || undefined;
  };
  const titles: NonNullable<DocumentMetadata['titles']> = [];
  const addTitle = (text: string | undefined, from: string) => {
    const clean = text && cleanText(text);
    if (clean) titles.push({ text: clean, from });
  };
  const titleElement = head && find(head, (e) => e.tagName === 'title');
  addTitle(titleElement && cleanText(textOf(titleElement)).replace(SITE_SUFFIX, ''), 'html:title');
  addTitle(meta('og:title')?.replace(SITE_SUFFIX, ''), 'html:og:title');
  addTitle(meta('dcterms.title'), 'html:dcterms.title');
  addTitle(h1, 'html:h1');

  const dates: NonNullable<DocumentMetadata['dates']> = [];
  const addDate = (value: string | undefined, from: string, kind: 'issued' | 'created' | 'modified') => {
    const date = readIsoDate(value);
    if (date) dates.push({ date, from, kind });
  };
  addDate(meta('dcterms.issued'), 'html:dcterms.issued', 'issued');
  addDate(meta('article:published_time'), 'html:article:published_time', 'issued');
  addDate(meta('dcterms.created'), 'html:dcterms.created', 'created');
  addDate(meta('dcterms.modified'), 'html:dcterms.modified', 'modified');
  addDate(meta('article:modified_time'), 'html:article:modified_time', 'modified');
  const modified = find(document, (e) => e.tagName === 'time' && attr(e, 'property') === 'dateModified');
  addDate(modified && (attr(modified, 'datetime') ?? textOf(modified)), 'html:dateModified', 'modified');

  const htmlElement = find(document, (e) => e.tagName === 'html');
  const language =
    readLanguageCode(meta('dcterms.language') ?? meta('dc.language')) ??
    readLanguageCode(htmlElement && attr(htmlElement, 'lang'));
  return {
    ...(titles.length > 0 ? { titles } : {}),
    ...(dates.length > 0 ? { dates } : {}),
    ...(language ? { language } : {}),
  };
}

/**
 * Reads a web page: only its main content (`main[property=mainContentOfPage]` on Canada.ca
 * and international.gc.ca, else `main`, `[role=main]`, `article` or the body), without
 * menus, breadcrumbs, the language toggle or footers. Its `h1` alone is the title; what
 * a Canada.ca news page adds to the statement (the "From:" byline and content type under
 * the title, the contacts and everything after them, associated links, related products,
 * share and report-a-problem widgets, "Date modified"), captions and tables of contents
 * are dropped and recorded in `notes`, as are footnotes. Images are not text. Its canonical
 * URL (on an official site) is the source, and its head's titles, dates and language are
 * its `metadata`.
 * @example readHtml('<main><h1>Title</h1><p>Mr. President,</p></main>').blocks.length // => 2
 */
export function readHtml(source: string, options: Partial<HtmlReadOptions> = {}): SourceDocument {
  const { origin } = { ...defaultHtmlReadOptions, ...options };
  const document = parse(source);
  const main =
    find(document, (e) => e.tagName === 'main' && attr(e, 'property') === 'mainContentOfPage') ??
    find(document, (e) => e.tagName === 'main') ??
    find(document, (e) => attr(e, 'role') === 'main') ??
    find(document, (e) => e.tagName === 'article') ??
    find(document, (e) => e.tagName === 'body') ??
    document;
  const items: Item[] = [];
  collect(main, items, false);
  if (origin === 'page') dropAboveTitle(items);
  dropTitleLabels(items);
  dropTablesOfContents(items, origin);
  dropChrome(items);
  const blocks = items.flatMap((item) => (item.kind === 'block' ? [item.block] : []));
  // A note already said elsewhere ("Check against delivery" is read out of the text later) is recorded once.
  const notes = [...new Set(items.flatMap((item) => (item.kind === 'note' ? [item.text] : [])))];
  if (origin === 'word') return { format: 'html', blocks, notes };

  const head = find(document, (e) => e.tagName === 'head');
  const canonical =
    (head && find(head, (e) => e.tagName === 'link' && /\bcanonical\b/i.test(attr(e, 'rel') ?? ''))) ??
    undefined;
  const ogUrl = head && find(head, (e) => e.tagName === 'meta' && attr(e, 'property') === 'og:url');
  // Kept only on an official site, and only when the page's two claims agree (see official-sites.ts).
  const url = ownUrl(
    (canonical && attr(canonical, 'href')) || undefined,
    (ogUrl && attr(ogUrl, 'content')) || undefined,
  );
  const htmlElement = find(document, (e) => e.tagName === 'html');
  const lang = htmlElement && attr(htmlElement, 'lang')?.slice(0, 2).toLowerCase();
  const metadata = readPageMetadata(document, head, titleText(items));
  return {
    format: 'html',
    blocks,
    notes,
    ...(url ? { url } : {}),
    ...(lang === 'fr' || lang === 'en' ? { language: lang } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}
