import { describe, expect, it } from 'vitest';
import { readHtml } from '../../../../src/core/ingest/formats/html.ts';
import { readStatementDocument } from '../../../../src/core/ingest/plain-text.ts';

/** What differs between the English and the French page; the chrome around it is Canada.ca's. */
interface NewsText {
  language: 'en' | 'fr';
  title: string;
  /** What the page's `<title>` ends with (French pages write a no-break space). */
  siteSuffix: string;
  url: string;
  archived: [string, string];
  from: [string, string];
  contentType: string;
  dateline: string;
  onThisPage: string;
  sections: [string, string];
  paragraphs: [string, string, string, string];
  caption: string;
  footnote: string;
  photoAlt: string;
  logoAlt: string;
  contacts: string;
  contactLines: string[];
  associatedLinks: string;
  relatedProducts: string;
  relatedInformation: string;
  report: string;
  share: string;
  dateModified: string;
  topOfPage: string;
}

const english: NewsText = {
  language: 'en',
  title: 'Statement by Minister Joly on the International Day of United Nations Peacekeepers',
  siteSuffix: ' - Canada.ca',
  url: 'https://www.canada.ca/en/global-affairs/news/2024/05/statement-by-minister-joly-on-the-international-day-of-united-nations-peacekeepers.html',
  archived: [
    'This page has been archived on the Web',
    'Information identified as archived is provided for reference, research or recordkeeping purposes.',
  ],
  from: ['From: ', 'Global Affairs Canada'],
  contentType: 'Statement',
  dateline: 'May 29, 2024 - Ottawa, Ontario - Global Affairs Canada',
  onThisPage: 'On this page',
  sections: ['Honouring those who serve', 'Canada’s commitment'],
  paragraphs: [
    'The Honourable Mélanie Joly, Minister of Foreign Affairs, today issued the following statement:',
    '“Today, we honour the more than 70,000 women and men who serve in United Nations peace operations, and we remember the peacekeepers who lost their lives in the service of peace.',
    '“Canada will continue to train peacekeepers, to support the Elsie Initiative for Women in Peace Operations and to stand with the United Nations as it adapts peacekeeping to the conflicts of today.',
    '“This document is the statement as issued; the full list of Canada’s contributions is available in English and French.”',
  ],
  caption: 'Minister Joly meets Canadian peacekeepers at the Pearson Peacekeeping Centre.',
  footnote: 'The Elsie Initiative Fund for Uniformed Women in Peace Operations was launched in 2019.',
  photoAlt: 'Minister Joly with peacekeepers',
  logoAlt: 'Logo Ekos',
  contacts: 'Contacts',
  contactLines: [
    'Media Relations Office',
    'Global Affairs Canada',
    '343-203-7700',
    'media@international.gc.ca',
    'Follow us on social media: @CanadaFP',
  ],
  associatedLinks: 'Associated links',
  relatedProducts: 'Related products',
  relatedInformation: 'Search for related information by keyword:',
  report: 'Report a problem or mistake on this page',
  share: 'Share this page',
  dateModified: 'Date modified:',
  topOfPage: 'Top of page',
};

const french: NewsText = {
  language: 'fr',
  title:
    'Déclaration de la ministre Joly à l’occasion de la Journée internationale des Casques bleus des Nations Unies',
  siteSuffix: '\u00a0- Canada.ca',
  url: 'https://www.canada.ca/fr/affaires-mondiales/nouvelles/2024/05/declaration-de-la-ministre-joly-a-loccasion-de-la-journee-internationale-des-casques-bleus-des-nations-unies.html',
  archived: [
    'Cette page Web a été archivée dans le Web',
    'L’information dont il est indiqué qu’elle est archivée est fournie à des fins de référence, de recherche ou de tenue de documents.',
  ],
  from: ['De\u00a0: ', 'Affaires mondiales Canada'],
  contentType: 'Déclaration',
  dateline: 'Le 29 mai 2024 - Ottawa (Ontario) - Affaires mondiales Canada',
  onThisPage: 'Sur cette page',
  sections: ['Rendre hommage à celles et ceux qui servent', 'L’engagement du Canada'],
  paragraphs: [
    'L’honorable Mélanie Joly, ministre des Affaires étrangères, a fait aujourd’hui la déclaration suivante :',
    '« Aujourd’hui, nous rendons hommage aux plus de 70 000 femmes et hommes qui servent dans les opérations de paix des Nations Unies, et nous nous souvenons des Casques bleus qui ont perdu la vie au service de la paix.',
    '« Le Canada continuera de former des Casques bleus, d’appuyer l’Initiative Elsie sur les femmes dans les opérations de paix et d’épauler les Nations Unies dans l’adaptation du maintien de la paix aux conflits d’aujourd’hui.',
    '« Ce document est la déclaration telle que publiée; la liste complète des contributions du Canada est disponible en français et en anglais. »',
  ],
  caption:
    'La ministre Joly rencontre des Casques bleus canadiens au Centre Pearson pour le maintien de la paix.',
  footnote:
    'Le Fonds de l’Initiative Elsie pour les femmes en uniforme dans les opérations de paix a été lancé en 2019.',
  photoAlt: 'La ministre Joly avec des Casques bleus',
  logoAlt: 'Derek-sign',
  contacts: 'Personnes-ressources',
  contactLines: [
    'Service des relations avec les médias',
    'Affaires mondiales Canada',
    '343-203-7700',
    'media@international.gc.ca',
    'Suivez-nous dans les médias sociaux : @CanadaPE',
  ],
  associatedLinks: 'Liens associés',
  relatedProducts: 'Produits connexes',
  relatedInformation: 'Recherche d’information connexe par mot-clé :',
  report: 'Signaler un problème ou une erreur sur cette page',
  share: 'Partagez cette page',
  dateModified: 'Date de modification :',
  topOfPage: 'Haut de la page',
};

/**
 * A news page as Canada.ca serves it, saved from a browser: meta tags, skip links, the
 * header, breadcrumbs, an archived notice above the h1, the byline and content type under
 * it, a table of contents, a photo with its caption, a footnote, a logo inside a paragraph, contacts,
 * associated links, related products, keywords, the page details and the footer.
 */
function newsPage(text: NewsText): string {
  const en = text.language === 'en';
  return `<!DOCTYPE html>
<html class="no-js" lang="${text.language}" dir="ltr">
<head>
<meta charset="utf-8">
<title>${text.title}${text.siteSuffix}</title>
<meta content="width=device-width,initial-scale=1" name="viewport">
<meta name="description" content="${text.paragraphs[1]}">
<meta name="dcterms.title" content="${text.title}">
<meta name="dcterms.creator" content="${text.from[1]}">
<meta name="dcterms.language" title="ISO639-2/T" content="${en ? 'eng' : 'fra'}">
<meta name="dcterms.issued" title="W3CDTF" content="2024-05-29">
<meta name="dcterms.modified" title="W3CDTF" content="2024-05-30">
<meta name="dcterms.type" content="${text.contentType.toLowerCase()}">
<meta property="og:title" content="${text.title}">
<meta property="og:type" content="article">
<meta property="og:url" content="${text.url}">
<meta property="article:published_time" content="2024-05-29T10:30:00-04:00">
<link rel="canonical" href="${text.url}">
<script>window.adobeDataLayer = window.adobeDataLayer || [];</script>
</head>
<body vocab="http://schema.org/" typeof="WebPage" class="newsrelease">
<nav><ul id="wb-tphp"><li class="wb-slc"><a class="wb-sl" href="#wb-cont">${en ? 'Skip to main content' : 'Passer au contenu principal'}</a></li></ul></nav>
<header>
  <div id="wb-bnr" class="container">
    <section id="wb-lng"><h2 class="wb-inv">Language selection</h2><ul><li><a href="#"><span class="hidden-xs">${en ? 'Français' : 'English'}</span></a></li></ul></section>
    <div class="brand"><a href="https://www.canada.ca/"><img src="/sig-blk.svg" alt="${en ? 'Government of Canada' : 'Gouvernement du Canada'}"></a></div>
    <section id="wb-srch"><h2>Search</h2><form role="search"><input type="search"><button type="submit">Search</button></form></section>
  </div>
  <nav id="wb-bc" property="breadcrumb"><h2>${en ? 'You are here:' : 'Vous êtes ici :'}</h2><ol class="breadcrumb"><li><a href="#">Canada.ca</a></li><li><a href="#">${text.from[1]}</a></li></ol></nav>
</header>
<main property="mainContentOfPage" resource="#wb-main" class="container" typeof="WebPageElement">
  <section id="archived" class="alert alert-warning wb-inview">
    <h2>${text.archived[0]}</h2>
    <p>${text.archived[1]}</p>
  </section>
  <div class="mwstitle section">
    <h1 property="name" id="wb-cont" dir="ltr">${text.title}</h1>
  </div>
  <div class="mwsgeneric-base-html parbase section">
    <div class="row"><div class="col-md-12"><p class="gc-byline"><strong>${text.from[0]}<a href="#">${text.from[1]}</a></strong></p></div></div>
  </div>
  <div class="mwsgeneric-base-html parbase section">
    <h2 class="h3 mrgn-tp-sm">${text.contentType}</h2>
  </div>
  <div class="mwsbodytext text parbase section">
    <p>${text.dateline}</p>
    <h2 class="h4">${text.onThisPage}</h2>
    <ul>
      <li><a href="#s1">${text.sections[0]}</a></li>
      <li><a href="#s2">${text.sections[1]}</a></li>
    </ul>
    <p>${text.paragraphs[0]}</p>
    <h2 id="s1">${text.sections[0]}</h2>
    <p>${text.paragraphs[1]}</p>
    <figure class="mrgn-bttm-md">
      <img src="/content/dam/gac-amc/images/peacekeepers.jpg" alt="${text.photoAlt}" class="img-responsive">
      <figcaption>${text.caption}</figcaption>
    </figure>
    <h2 id="s2">${text.sections[1]}</h2>
    <p>${text.paragraphs[2]}<sup id="fn1-rf"><a class="fn-lnk" href="#fn1"><span class="wb-inv">${en ? 'Footnote ' : 'Note de bas de page '}</span>1</a></sup></p>
    <p>${text.paragraphs[3]} <img src="/content/dam/logo.png" alt="${text.logoAlt}"></p>
    <p class="text-right"><a href="#wb-cont">${text.topOfPage}</a></p>
  </div>
  <aside class="wb-fnote" role="note">
    <h2 id="fn" class="wb-inv">${en ? 'Footnotes' : 'Notes de bas de page'}</h2>
    <dl>
      <dt>${en ? 'Footnote 1' : 'Note de bas de page 1'}</dt>
      <dd id="fn1"><p>${text.footnote}</p><p class="fn-rtn"><a href="#fn1-rf"><span class="wb-inv">${en ? 'Return to footnote ' : 'Retour à la référence de la note de bas de page '}</span>1<span class="wb-inv">${en ? ' referrer' : ''}</span></a></p></dd>
    </dl>
  </aside>
  <div class="mwsgeneric-base-html parbase section">
    <section class="lnkbx well">
      <h2 class="mrgn-tp-0">${text.associatedLinks}</h2>
      <ul><li><a href="#">${en ? 'Canada and peace operations' : 'Le Canada et les opérations de paix'}</a></li><li><a href="#">Elsie Initiative</a></li></ul>
    </section>
  </div>
  <div class="mwsgeneric-base-html parbase section">
    <h2>${text.relatedProducts}</h2>
    <ul><li><a href="#">${en ? 'Backgrounder: Canada’s support to peace operations' : 'Document d’information : Le soutien du Canada aux opérations de paix'}</a></li></ul>
  </div>
  <div class="mwsgeneric-base-html parbase section">
    <h2>${text.contacts}</h2>
    <p>${text.contactLines.join('<br>\n')}</p>
  </div>
  <div class="mwsgeneric-base-html parbase section">
    <p><strong>${text.relatedInformation}</strong> <a href="#">${en ? 'Foreign affairs' : 'Affaires étrangères'}</a> | <a href="#">${text.from[1]}</a> | <a href="#">${en ? 'statements' : 'déclarations'}</a></p>
  </div>
  <section class="pagedetails">
    <h2 class="wb-inv">${en ? 'Page details' : 'Détails de la page'}</h2>
    <div class="row">
      <div class="col-sm-8"><details class="brdr-0"><summary class="btn btn-default wb-toggle">${text.report}</summary><div class="well row"><div class="gc-rprt-prblm"><form><fieldset><legend>${en ? 'Please select all that apply:' : 'Veuillez sélectionner toutes les réponses qui s’appliquent :'}</legend></fieldset><button type="submit">${en ? 'Submit' : 'Soumettre'}</button></form></div></div></details></div>
      <div class="col-sm-4"><div class="wb-share" data-wb-share='{"lnkClass": "btn btn-default btn-block"}'><a href="#shr-pg0" class="shr-opn wb-lbx btn btn-default btn-block"><span class="glyphicon glyphicon-share"></span>${text.share}</a></div></div>
    </div>
    <dl id="wb-dtmd"><dt>${text.dateModified}</dt><dd><time property="dateModified">2024-05-30</time></dd></dl>
  </section>
</main>
<footer id="wb-info"><nav><h3>${en ? 'Government of Canada' : 'Gouvernement du Canada'}</h3><ul><li><a href="#">${en ? 'All contacts' : 'Toutes les coordonnées'}</a></li></ul></nav></footer>
</body>
</html>`;
}

const pages = [english, french] as const;
const read = (text: NewsText) => readHtml(newsPage(text));
const statementOf = (text: NewsText) => readStatementDocument(read(text));

describe('a Canada.ca news page', () => {
  it.each(pages)('takes its h1 alone as the title, never the lines above or under it ($language)', (text) => {
    const { title, date, language } = statementOf(text);
    expect({ title, date, language }).toEqual({
      title: text.title,
      date: '2024-05-29',
      language: text.language,
    });
  });

  it.each(pages)(
    'reads only the statement as paragraphs: no byline, content type, table of contents, caption, image, contacts, links or widgets ($language)',
    (text) => {
      expect(statementOf(text).paragraphs.map((p) => p.text)).toEqual([
        text.paragraphs[0],
        text.sections[0],
        text.paragraphs[1],
        text.sections[1],
        text.paragraphs[2],
        text.paragraphs[3],
      ]);
    },
  );

  it.each(pages)('never reads an image’s alt text or a caption as text ($language)', (text) => {
    const paragraphs = statementOf(text).paragraphs.map((p) => p.text);
    const shown = [text.logoAlt, text.photoAlt, text.caption, 'Government of Canada'];
    expect(paragraphs.filter((paragraph) => shown.some((words) => paragraph.includes(words)))).toEqual([]);
  });

  it.each(pages)('records what it dropped, in the page’s own words and order ($language)', (text) => {
    expect(statementOf(text).notes).toEqual([
      text.archived[0],
      text.archived[1],
      `${text.from[0]}${text.from[1]}`.replace(/\u00a0/g, ' '),
      text.contentType,
      text.onThisPage,
      text.caption,
      text.footnote,
      text.associatedLinks,
      text.relatedProducts,
      text.contacts,
      `${text.relatedInformation} ${text.language === 'en' ? 'Foreign affairs' : 'Affaires étrangères'} | ${text.from[1]} | ${text.language === 'en' ? 'statements' : 'déclarations'}`,
      text.report,
      text.share,
      `${text.dateModified} 2024-05-30`,
    ]);
  });

  it.each(pages)(
    'reads what the page declares about itself: its titles, dates and language ($language)',
    (text) => {
      expect(read(text).metadata).toEqual({
        titles: [
          { text: text.title, from: 'html:title' },
          { text: text.title, from: 'html:og:title' },
          { text: text.title, from: 'html:dcterms.title' },
          { text: text.title, from: 'html:h1' },
        ],
        dates: [
          { date: '2024-05-29', from: 'html:dcterms.issued', kind: 'issued' },
          { date: '2024-05-29', from: 'html:article:published_time', kind: 'issued' },
          { date: '2024-05-30', from: 'html:dcterms.modified', kind: 'modified' },
          { date: '2024-05-30', from: 'html:dateModified', kind: 'modified' },
        ],
        language: text.language,
      });
    },
  );
});

describe('web pages beyond Canada.ca news', () => {
  it('reads a title split by <br> in its h1 as one title, and what lies above the h1 as notes', () => {
    const page = `<html lang="en"><head><title>Remarks | Global Affairs Canada</title></head><body><main>
      <p>Check against delivery</p><p class="alert">Archived content</p>
      <h1>General Assembly Interactive Dialogue:<br>The Responsibility to Protect</h1>
      <p>New York, September 6, 2016</p><p>Mr. President,</p></main></body></html>`;
    const document = readHtml(page);
    expect(readStatementDocument(document)).toMatchObject({
      title: 'General Assembly Interactive Dialogue: The Responsibility to Protect',
      date: '2016-09-06',
      notes: ['Check against delivery', 'Archived content'],
      paragraphs: [{ n: 1, text: 'Mr. President,' }],
    });
    expect(document.metadata?.titles).toEqual([
      { text: 'Remarks', from: 'html:title' },
      { text: 'General Assembly Interactive Dialogue: The Responsibility to Protect', from: 'html:h1' },
    ]);
  });

  it('drops a table of contents written with dot leaders and page numbers, recorded by its heading', () => {
    const page = `<html lang="fr"><body><main><h1>Discours du Canada</h1>
      <p>Table des matières</p><p>Introduction ........ 1</p><p>Le maintien de la paix ........ 2</p>
      <p>Monsieur le Président,</p><p>Le Canada appuie le maintien de la paix.</p></main></body></html>`;
    const statement = readStatementDocument(readHtml(page));
    expect(statement.paragraphs.map((p) => p.text)).toEqual([
      'Monsieur le Président,',
      'Le Canada appuie le maintien de la paix.',
    ]);
    expect(statement.notes).toEqual(['Table des matières']);
  });

  it('keeps a section after the associated links when a heading of its rank opens it', () => {
    const page = `<html lang="en"><body><main><h1>Statement</h1><p>Mr. President,</p>
      <h2>Associated links</h2><ul><li><a href="/a">A link</a></li></ul>
      <h2>Annex</h2><p>Canada's pledges for 2025.</p></main></body></html>`;
    const statement = readStatementDocument(readHtml(page));
    expect(statement.paragraphs.map((p) => p.text)).toEqual([
      'Mr. President,',
      'Annex',
      "Canada's pledges for 2025.",
    ]);
    expect(statement.notes).toEqual(['Associated links']);
  });
});
