/**
 * The sites whose pages a statement may link to as its public source: the Government of
 * Canada's and the United Nations' (a page's subdomains included: www.international.gc.ca,
 * pm.gc.ca, press.un.org). A saved page can claim any canonical URL; one elsewhere is
 * never shown to delegates as "Text as delivered".
 */
export const officialSites: readonly string[] = ['canada.ca', 'gc.ca', 'un.org'];

/**
 * True for an https address, without credentials or an odd port, on one of `sites`.
 * @example isOfficialUrl('https://www.international.gc.ca/x.aspx?lang=eng') // => true
 * @example isOfficialUrl('https://evil.example/login') // => false
 */
export function isOfficialUrl(url: string, sites: readonly string[] = officialSites): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return sites.some((site) => host === site || host.endsWith(`.${site}`));
}

/** The page's own address: its canonical URL, when it is on an official site and agrees with the page's og:url. */
export function ownUrl(canonical: string | undefined, ogUrl: string | undefined): string | undefined {
  const candidate = canonical ?? ogUrl;
  if (!candidate || !isOfficialUrl(candidate)) return undefined;
  if (canonical && ogUrl && hostOf(canonical) !== hostOf(ogUrl)) return undefined;
  return candidate;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};
