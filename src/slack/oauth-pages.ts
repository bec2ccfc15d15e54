import type { Installation } from '@slack/bolt';

/** Escapes text for HTML, attributes included. */
const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}
a.button{display:inline-block;background:#4a154b;color:#fff;padding:.7rem 1.2rem;border-radius:.4rem;text-decoration:none;font-weight:600}
p.fr{color:#555}</style></head>
<body>${body}</body></html>`;

/** The install page: what the app does, and the Add to Slack button (Slack's authorize URL, with the state). */
export function installPage(url: string): string {
  return page(
    'Add Quotes to Slack',
    `<h1>Quotes: what Canada said</h1>
<p>Find in seconds what Canada said, in French and English, with citations: <code>/quote</code>, <code>/citation</code>, or a mention in a thread.</p>
<p class="fr" lang="fr">Retrouvez en quelques secondes ce que le Canada a dit, en français et en anglais, avec les références.</p>
<p><a class="button" href="${html(url)}">Add to Slack · Ajouter à Slack</a></p>`,
  );
}

/** The page after a successful install: where it was installed, and what to type. */
export function installedPage(installation: Installation): string {
  const where = installation.isEnterpriseInstall
    ? (installation.enterprise?.name ?? installation.enterprise?.id ?? '')
    : (installation.team?.name ?? installation.team?.id ?? '');
  return page(
    'Quotes is installed',
    `<h1>Quotes is installed in ${html(where)}</h1>
<p>Type <code>/quote veto</code> in any channel, or mention <b>@Quotes</b> in a thread.</p>
<p class="fr" lang="fr">Quotes est installée dans ${html(where)}. Tapez <code>/citation veto</code> dans n'importe quel canal.</p>`,
  );
}

/** The page after a failed install: no detail that could help a forger, and the way to start again. */
export function installFailedPage(): string {
  return page(
    'Installation not completed',
    `<h1>The installation did not complete</h1>
<p>The link may have expired or been opened in another browser. Please start again from <a href="/slack/install">/slack/install</a>.</p>
<p class="fr" lang="fr">L'installation n'a pas abouti&#8239;: le lien a peut-être expiré. Veuillez recommencer depuis <a href="/slack/install">/slack/install</a>.</p>`,
  );
}
