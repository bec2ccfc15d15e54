import { describe, expect, it } from 'vitest';
import { type Sources, Statement } from '../../src/core/corpus.ts';
import {
  buildLinkTable,
  findLinkedStatement,
  isLinkOn,
  languageOfLink,
  normalizeLink,
} from '../../src/core/links.ts';

const r2p =
  'https://international.gc.ca/world-monde/international_relations-relations_internationales/un-onu/statements-declarations/2016-09-06-protect-proteger.aspx?lang=eng';

/** A statement of one paragraph, with these sources. */
const statement = (id: string, sources: Sources, date = '2016-09-06'): Statement =>
  Statement.parse({
    id,
    country: { en: 'Canada', fr: 'Canada' },
    date,
    title: { en: `Title ${id}`, fr: `Titre ${id}` },
    forum: { en: 'UN General Assembly', fr: 'Assemblée générale des Nations Unies' },
    sources,
    paragraphs: [
      { n: 1, delivered: 'en', text: 'Thank you.', counterpart: { origin: 'translation', text: 'Merci.' } },
    ],
  });

describe('normalizeLink', () => {
  it('reads the forms people paste of one page as the same page', () => {
    const page = normalizeLink(r2p);
    expect(page).toBe(
      'international.gc.ca/world-monde/international_relations-relations_internationales/un-onu/statements-declarations/2016-09-06-protect-proteger.aspx',
    );
    for (const form of [
      r2p.replace('lang=eng', 'lang=fra'),
      r2p.replace('?lang=eng', ''),
      r2p.replace('https://', 'http://'),
      r2p.replace('https://', 'https://www.'),
      r2p.replace('https://international.gc.ca', 'HTTPS://WWW.International.GC.ca'),
      r2p.replace('.aspx?lang=eng', '.aspx/?lang=fra'),
      r2p.replace('?lang=eng', '?lang=fra#contenu'),
      `${r2p}&utm_source=newsletter&utm_medium=email`,
      r2p.replace('https://international.gc.ca', 'https://international.gc.ca.'),
    ])
      expect(normalizeLink(form), form).toBe(page);
  });

  it('keeps what names another page: the path’s case, other parameters (in any order), another host', () => {
    expect(normalizeLink('https://press.un.org/en/2023/sgsm21932.doc.htm/')).toBe(
      'press.un.org/en/2023/sgsm21932.doc.htm',
    );
    expect(normalizeLink('https://press.un.org/en/2023/SGSM21932.doc.htm')).not.toBe(
      normalizeLink('https://press.un.org/en/2023/sgsm21932.doc.htm'),
    );
    expect(normalizeLink('https://x.org/index.php?id=3&view=article&lang=en')).toBe(
      normalizeLink('https://x.org/index.php?view=article&id=3'),
    );
    expect(normalizeLink('https://x.org/index.php?id=3')).not.toBe(
      normalizeLink('https://x.org/index.php?id=4'),
    );
    expect(normalizeLink('https://news.un.org/en/story')).not.toBe(normalizeLink('https://un.org/en/story'));
    expect(normalizeLink('https://x.org:8443/a')).toBe('x.org:8443/a');
  });

  it('writes accents and percent escapes one way', () => {
    const escaped = 'https://haiti.un.org/fr/250413-message-du-secr%C3%A9taire-g%C3%A9n%C3%A9ral';
    expect(normalizeLink('https://haiti.un.org/fr/250413-message-du-secrétaire-général')).toBe(
      normalizeLink(escaped),
    );
    expect(normalizeLink(escaped.toLowerCase().replace('https://', 'https://www.'))).toBe(
      normalizeLink(escaped),
    );
  });

  it('refuses what is not a web address', () => {
    for (const text of [
      'not a link',
      'mailto:someone@un.org',
      'ftp://un.org/file',
      'javascript:alert(1)',
      '',
    ])
      expect(normalizeLink(text), text).toBeUndefined();
  });
});

describe('languageOfLink', () => {
  it('reads the language a link asks for, and says nothing when it does not', () => {
    expect(languageOfLink(r2p)).toBe('en');
    expect(languageOfLink(r2p.replace('lang=eng', 'lang=fra'))).toBe('fr');
    expect(languageOfLink('https://x.org/?Langue=FR-ca')).toBe('fr');
    expect(languageOfLink('https://x.org/?lang=es')).toBeUndefined();
    expect(languageOfLink('https://press.un.org/fr/2020/sgsm20257.doc.htm')).toBeUndefined();
  });
});

describe('isLinkOn', () => {
  const domains = ['international.gc.ca', 'un.org'];
  it('takes a domain and its subdomains, over http or https, and nothing that only looks like them', () => {
    expect(isLinkOn(r2p, domains)).toBe(true);
    expect(isLinkOn('http://WWW.International.gc.ca/x', domains)).toBe(true);
    expect(isLinkOn('https://press.un.org/en/2023/sgsm21932.doc.htm', domains)).toBe(true);
    expect(isLinkOn('https://un.org', domains)).toBe(true);
    expect(isLinkOn('https://un.org.example.com/x', domains)).toBe(false);
    expect(isLinkOn('https://fakeun.org/x', domains)).toBe(false);
    expect(isLinkOn('https://pm.gc.ca/en/news', domains)).toBe(false);
    expect(isLinkOn('ftp://un.org/x', domains)).toBe(false);
    expect(isLinkOn('not a link', domains)).toBe(false);
  });
});

describe('findLinkedStatement', () => {
  const older = statement(
    'older',
    { en: { url: 'https://un.org/shared', taken: '2026-11-30' } },
    '2015-01-01',
  );
  const seed = statement('seed', {
    en: { url: r2p, format: 'html', taken: '2026-11-30' },
    fr: { url: 'https://www.un.org/fr/page-fr/', taken: '2026-11-30' },
    delivered: { url: 'https://undocs.org/A/70/PV.99', taken: '2026-11-30' },
  });
  const newer = statement(
    'newer',
    { en: { url: 'https://un.org/shared', taken: '2026-11-30' } },
    '2020-01-01',
  );
  const statements = [newer, seed, older];

  it('finds a statement by the address of each of its versions, in the language of the page', () => {
    expect(findLinkedStatement(statements, r2p)).toEqual({ statement: seed, language: 'en' });
    expect(findLinkedStatement(statements, r2p.replace('lang=eng', 'lang=fra'))).toEqual({
      statement: seed,
      language: 'fr',
    });
    expect(findLinkedStatement(statements, 'http://un.org/fr/page-fr')).toEqual({
      statement: seed,
      language: 'fr',
    });
    expect(findLinkedStatement(statements, 'https://undocs.org/A/70/PV.99')).toEqual({ statement: seed });
  });

  it('finds nothing for a page the archive does not hold, or a file name', () => {
    expect(findLinkedStatement(statements, 'https://un.org/fr/another-page')).toBeUndefined();
    expect(findLinkedStatement(statements, 'canada-r2p-dialogue-2016-09-06.txt')).toBeUndefined();
  });

  it('gives the newer statement when two name the same page', () => {
    expect(findLinkedStatement(statements, 'https://un.org/shared')?.statement.id).toBe('newer');
  });

  it('builds one table per list of statements: a reload’s new list is read anew', () => {
    expect(buildLinkTable(statements)).toBe(buildLinkTable(statements));
    const reloaded = [older];
    expect(buildLinkTable(reloaded)).not.toBe(buildLinkTable(statements));
    expect(findLinkedStatement(reloaded, r2p)).toBeUndefined();
    expect(findLinkedStatement(reloaded, 'https://un.org/shared')?.statement.id).toBe('older');
    expect(findLinkedStatement(statements, r2p)?.statement.id).toBe('seed');
  });
});
