import { describe, expect, it } from 'vitest';
import { readHtml } from '../../../src/core/ingest/formats/html.ts';
import { isOfficialUrl, ownUrl } from '../../../src/core/ingest/official-sites.ts';

const page = (head: string) =>
  `<html lang="en"><head>${head}</head><body><main><h1>Statement</h1><p>Mr. President,</p></main></body></html>`;

describe('a saved page’s own address', () => {
  it('is kept on the Government of Canada’s and the UN’s sites, over https only', () => {
    expect(isOfficialUrl('https://www.international.gc.ca/x.aspx?lang=eng')).toBe(true);
    expect(isOfficialUrl('https://pm.gc.ca/en/news/statements/2018/04/13/x')).toBe(true);
    expect(isOfficialUrl('https://www.canada.ca/en/global-affairs/news.html')).toBe(true);
    expect(isOfficialUrl('https://press.un.org/en/2016/ga11820.doc.htm')).toBe(true);
    for (const url of [
      'https://evil.example/login',
      'http://www.international.gc.ca/x',
      'https://gc.ca.evil.example/x',
      'https://notgc.ca/x',
      'https://user:pw@www.canada.ca/x',
      'https://www.canada.ca:8443/x',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(isOfficialUrl(url), url).toBe(false);
  });

  it('is dropped when the page’s canonical URL and og:url name different sites', () => {
    expect(ownUrl('https://www.canada.ca/a', 'https://www.canada.ca/a')).toBe('https://www.canada.ca/a');
    expect(ownUrl(undefined, 'https://www.un.org/a')).toBe('https://www.un.org/a');
    expect(ownUrl('https://www.canada.ca/a', 'https://pm.gc.ca/b')).toBeUndefined();
  });

  it('never becomes a statement’s public link from a page that points elsewhere', () => {
    expect(readHtml(page('<link rel="canonical" href="https://evil.example/login">')).url).toBeUndefined();
    expect(
      readHtml(page('<link rel="canonical" href="https://www.international.gc.ca/s.aspx?lang=eng">')).url,
    ).toBe('https://www.international.gc.ca/s.aspx?lang=eng');
  });
});
