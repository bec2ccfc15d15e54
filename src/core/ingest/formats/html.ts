import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import { cleanText, type DocumentBlock, type SourceDocument } from '../document.ts';
import { ownUrl } from '../official-sites.ts';

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;
type Element = DefaultTreeAdapterTypes.Element;

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
]);
/** Canada.ca (WET) parts of a page that sit inside main but are not the statement. */
const SKIPPED_CLASSES =
  /\b(?:pagedetails|gc-subway|wb-share|gc-pg-hlpfl|wb-inv|wb-sl|gc-prtts|gc-rprt-prblm|datemod|wb-lng|breadcrumb)\b/;
const SKIPPED_IDS = /^(?:wb-dtmd|wb-lng|wb-bc|wb-sm|wb-srch|wb-info|wb-sec|right-column|gc-pg-hlpfl)$/;
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
]);
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
]);

const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
const isElement = (node: Node): node is Element => 'tagName' in node;
const children = (node: Node): Node[] => ('childNodes' in node ? (node.childNodes as Node[]) : []);

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

/** A footnote or endnote of a Word file converted to HTML (its text is recorded as a note). */
const isFootnote = (element: Element) => /^(?:footnote|endnote)-\d+$/.test(attr(element, 'id') ?? '');

function isSkipped(element: Element): boolean {
  if (SKIPPED.has(element.tagName)) return true;
  if (attr(element, 'hidden') !== undefined || attr(element, 'aria-hidden') === 'true') return true;
  const id = attr(element, 'id');
  if (id && SKIPPED_IDS.test(id)) return true;
  const className = attr(element, 'class');
  if (className && SKIPPED_CLASSES.test(className)) return true;
  // Footnotes of a Word file converted to HTML.
  if (id && /^(?:footnote|endnote)-(?:ref-)?\d+$/.test(id)) return true;
  const role = attr(element, 'role');
  return role === 'navigation' || role === 'banner' || role === 'contentinfo' || role === 'search';
}

/** The text of an element, inline elements joined, `<br>` read as a line break. */
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

/** A block's lines: a title block written with `<br>` keeps its title, speaker and date apart. */
const linesOf = (text: string) => text.split('\n').map(cleanText).filter(Boolean);

const roleOf = (tag: string): DocumentBlock['role'] =>
  tag === 'h1' ? 'title' : /^h[2-6]$/.test(tag) ? 'heading' : 'body';

/**
 * Collects the blocks of an element in reading order: each paragraph, heading and list
 * item is a block; text lying loose in a container is a block of its own.
 */
function collect(node: Node, blocks: DocumentBlock[], notes: string[]): void {
  let loose = '';
  const flush = () => {
    const lines = linesOf(loose);
    if (lines.length > 0) blocks.push({ lines, role: 'body' });
    loose = '';
  };
  for (const child of children(node)) {
    if ('value' in child && child.nodeName === '#text') {
      loose += child.value;
      continue;
    }
    if (!isElement(child)) continue;
    if (isSkipped(child)) {
      if (isFootnote(child)) notes.push(cleanText(textOf(child)).replace(/\s*↑$/, ''));
      continue;
    }
    const tag = child.tagName;
    // A list item or a cell that holds paragraphs is a container; any other text block is one block.
    const container =
      ['li', 'dd', 'td', 'th'].includes(tag) &&
      find(child, (element) => TEXT_BLOCKS.has(element.tagName)) !== undefined;
    if (TEXT_BLOCKS.has(tag) && !container) {
      flush();
      const lines = linesOf(textOf(child));
      if (lines.length > 0) blocks.push({ lines, role: roleOf(tag) });
    } else if (INLINE.has(tag)) {
      loose += textOf(child);
    } else if (INLINE_BREAKS.has(tag)) {
      loose += '\n';
    } else {
      flush();
      collect(child, blocks, notes);
    }
  }
  flush();
}

/**
 * Reads a web page: only its main content (`main[property=mainContentOfPage]` on Canada.ca
 * and international.gc.ca, else `main`, `[role=main]`, `article` or the body), without
 * menus, breadcrumbs, the language toggle, "Date modified" or footers; its `h1` is the
 * title and its canonical URL (on an official site) the source.
 * @example readHtml('<main><h1>Title</h1><p>Mr. President,</p></main>').blocks.length // => 2
 */
export function readHtml(source: string): SourceDocument {
  const document = parse(source);
  const main =
    find(document, (e) => e.tagName === 'main' && attr(e, 'property') === 'mainContentOfPage') ??
    find(document, (e) => e.tagName === 'main') ??
    find(document, (e) => attr(e, 'role') === 'main') ??
    find(document, (e) => e.tagName === 'article') ??
    find(document, (e) => e.tagName === 'body') ??
    document;
  const blocks: DocumentBlock[] = [];
  const notes: string[] = [];
  collect(main, blocks, notes);
  // Everything from "Date modified" on is page furniture.
  const modified = blocks.findIndex((block) =>
    /^(?:date\s+modified|date\s+de\s+modification)\s*:/i.test(block.lines[0]!),
  );
  if (modified >= 0) blocks.length = modified;
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
  return {
    format: 'html',
    blocks,
    notes,
    ...(url ? { url } : {}),
    ...(lang === 'fr' || lang === 'en' ? { language: lang } : {}),
  };
}
