import type { Language, Statement } from './corpus.ts';

/**
 * Query parameters that only choose a page's language (`?lang=eng`, `?lang=fra` on
 * international.gc.ca, `&lang=en` elsewhere) or say where a link was clicked (`utm_…`):
 * the page is the same without them.
 */
const languageParameter = /^(?:lang|language|langue|lng|hl|locale)$/i;
const pageNeutral = (name: string) => languageParameter.test(name) || /^utm_/i.test(name);

/** What a `lang` parameter's value says: `eng`, `en`, `en-CA` → en; `fra`, `fre`, `fr` → fr. */
const languageOfValue = (value: string): Language | undefined => {
  const code = value.toLowerCase();
  if (/^(?:en|eng)(?:[-_]|$)/.test(code)) return 'en';
  if (/^(?:fr|fra|fre)(?:[-_]|$)/.test(code)) return 'fr';
  return undefined;
};

/**
 * A web address reduced to what names its page, so that the forms people paste find the
 * same statement: no scheme (http and https alike), the host in lowercase without `www.`,
 * no trailing slash, no fragment, no parameter that only picks the language (or tracks a
 * click), the others sorted, percent escapes in one case. Undefined for what is not an
 * http(s) address.
 * @example normalizeLink('http://WWW.International.gc.ca/x/page.aspx/?lang=fra#top') // => 'international.gc.ca/x/page.aspx'
 */
export function normalizeLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  if (!host) return undefined;
  const path = upperEscapes(parsed.pathname).replace(/\/+$/, '');
  const kept = [...parsed.searchParams]
    .filter(([name]) => !pageNeutral(name))
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const query = new URLSearchParams(kept).toString();
  const port = parsed.port ? `:${parsed.port}` : '';
  return `${host}${port}${path}${query ? `?${query}` : ''}`;
}

const upperEscapes = (text: string) => text.replace(/%[0-9a-f]{2}/gi, (sequence) => sequence.toUpperCase());

/**
 * The language a link itself asks for, when it says (`?lang=fra`); undefined otherwise.
 * @example languageOfLink('https://international.gc.ca/page.aspx?lang=fra') // => 'fr'
 */
export function languageOfLink(url: string): Language | undefined {
  try {
    for (const [name, value] of new URL(url.trim()).searchParams) {
      const language = languageParameter.test(name) ? languageOfValue(value) : undefined;
      if (language) return language;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * True when the address's host is one of `domains` or under one of them (`press.un.org`
 * is under `un.org`), over http or https.
 * @example isLinkOn('https://www.international.gc.ca/x', ['international.gc.ca']) // => true
 * @example isLinkOn('https://un.org.example.com/x', ['un.org']) // => false
 */
export function isLinkOn(url: string, domains: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return domains.some((domain) => {
    const site = domain.toLowerCase();
    return host === site || host.endsWith(`.${site}`);
  });
}

/** A statement a link points at, and the language of the page it points at when known. */
export interface LinkedStatement {
  statement: Statement;
  /** The link's language: what it asks for (`?lang=fra`), else the version whose address it is. */
  language?: Language;
}

/** The statement whose source an address is, and which version's. */
interface LinkTarget {
  statement: Statement;
  version: 'en' | 'fr' | 'delivered';
}

/** Normalised address → what it is the source of. */
export type LinkTable = ReadonlyMap<string, LinkTarget>;

const tables = new WeakMap<readonly Statement[], LinkTable>();

/**
 * Every source address of these statements (`sources.en`, `.fr`, `.delivered`), made once
 * per list of statements: a reload makes a new list, hence a new table. Statements come
 * newest first, so a page two statements name finds the newer.
 */
export function buildLinkTable(statements: readonly Statement[]): LinkTable {
  const known = tables.get(statements);
  if (known) return known;
  const table = new Map<string, LinkTarget>();
  for (const statement of statements) {
    for (const version of ['en', 'fr', 'delivered'] as const) {
      const url = statement.sources?.[version]?.url;
      const key = url ? normalizeLink(url) : undefined;
      if (key && !table.has(key)) table.set(key, { statement, version });
    }
  }
  tables.set(statements, table);
  return table;
}

/**
 * The statement of the archive a link points at, by the addresses of its versions, or
 * undefined when the archive holds no such page.
 * @example findLinkedStatement(knowledge.statements, 'https://www.international.gc.ca/…/2016-09-06-protect-proteger.aspx?lang=fra')?.statement.id // => 'canada-r2p-dialogue-2016-09-06'
 */
export function findLinkedStatement(
  statements: readonly Statement[],
  url: string,
): LinkedStatement | undefined {
  const key = normalizeLink(url);
  const found = key === undefined ? undefined : buildLinkTable(statements).get(key);
  if (!found) return undefined;
  const language = languageOfLink(url) ?? (found.version === 'delivered' ? undefined : found.version);
  return { statement: found.statement, ...(language ? { language } : {}) };
}
