import { foldText } from '../analysis/normalize.ts';
import { findDate, parseMonth } from './dates.ts';
import { cleanText, type DocumentBlock } from './document.ts';

/**
 * What a line of front matter or page furniture is: never a statement's title, date or
 * paragraph. One place for the patterns, used to drop such lines from the text and to
 * refuse them as a title or a date.
 */
export type BoilerplateKind =
  | 'security_marking'
  | 'file_number'
  | 'labelled_date'
  | 'address'
  | 'phone'
  | 'email'
  | 'url'
  | 'publisher'
  | 'other_language'
  | 'contact'
  | 'related'
  | 'caption'
  | 'signature'
  | 'logo'
  | 'table_of_contents'
  | 'cover_art'
  | 'front_matter';

/** Each kind in words, for notes and for the reasons a candidate title or date is refused. */
export const boilerplateNames: Record<BoilerplateKind, string> = {
  security_marking: 'a security marking',
  file_number: 'a contract or file number',
  labelled_date: 'a contract, award, print or revision date, not the statement’s',
  address: 'an address',
  phone: 'a phone or fax number',
  email: 'an e-mail address',
  url: 'a web address',
  publisher: 'the publisher’s name alone',
  other_language: 'a note that the document exists in the other language',
  contact: 'contact details',
  related: 'a list of related links',
  caption: 'an image caption',
  signature: 'a signature',
  logo: 'a logo’s text',
  table_of_contents: 'a table of contents',
  cover_art: 'a stray mark (cover art, page number)',
  front_matter: 'front matter (copyright, authors, prepared for or by)',
};

/** Ends like a sentence. */
const SENTENCE_END = /[.!?…;]["»”’)]*$/u;
const words = (line: string) => line.split(/\s+/).filter(Boolean).length;
/** Short enough to be a label, a name or a heading rather than a sentence of the text. */
const isShort = (line: string, maxWords = 10) =>
  line.length <= 90 && words(line) <= maxWords && !SENTENCE_END.test(line);

const MARKING = String.raw`(?:unclassified|non[\s-]?classifi[ée]e?|classified|classifi[ée]e?|protected(?:\s*[-–]?\s*[abc])?|prot[ée]g[ée]e?(?:\s*[-–]?\s*[abc])?|confidential|confidentiel(?:le)?|(?:top\s+|tr[èe]s\s+)?secret|for\s+official\s+use\s+only|(?:à|a|pour)\s+usage\s+officiel(?:\s+seulement)?|canadian\s+eyes\s+only|r[ée]serv[ée]\s+aux\s+canadiens)`;
const SECURITY_MARKING = new RegExp(
  String.raw`^[([«"]?\s*${MARKING}(?:\s*(?:\/{1,2}|\||,|[-–—])\s*${MARKING})*(?:\s*[-–(,]?\s*(?:when\s+completed|once\s+completed|une\s+fois\s+rempli(?:e|s)?)\s*\)?)?\s*[)\]»"]?\.?$`,
  'iu',
);

/**
 * True for a security marking: UNCLASSIFIED, NON CLASSIFIÉ, PROTECTED B, Protégé A,
 * CONFIDENTIAL, SECRET, "For official use only", alone on their line.
 * @example isSecurityMarking('UNCLASSIFIED / NON CLASSIFIÉ') // => true
 * @example isSecurityMarking('Protected areas and biodiversity') // => false
 */
export const isSecurityMarking = (line: string): boolean => SECURITY_MARKING.test(cleanText(line));

/** Words of a file number's label: "PWGSC Contract #", « N° du contrat - TPSGC », "POR Registration #". */
const LABEL_WORD = String.raw`(?:pwgsc|pspc|tpsgc|spac|contract|contrat|file|dossier|project|projet|por|rop|registration|inscription|enregistrement|requisition|r[ée]quisition|solicitation|catalogue|catalog|cat\.|isbn|issn|reference|r[ée]f[ée]rence|ref\.|r[ée]f\.|number|num[ée]ro|no\.?|n[o°º]\.?|#|du|de|la|d['’]|l['’])`;
const FILE_LABEL = new RegExp(
  String.raw`^((?:${LABEL_WORD}(?:\s*[-–]\s*|\s+|(?=[:#])|(?<=['’])))+)\s*([:#]?)\s*(.*)$`,
  'iu',
);
const CORE_LABEL =
  /\b(?:contract|contrat|file|dossier|project|projet|por|rop|registration|inscription|enregistrement|requisition|r[ée]quisition|solicitation|catalog(?:ue)?|cat\.|isbn|issn|reference|r[ée]f[ée]rence|ref\.|r[ée]f\.)/iu;
/** A code: letters and digits joined by dashes or slashes, with at least three digits. */
const CODE = /^[#\s]*[\p{L}\d]*\d[\p{L}\d]*(?:\s?[-–/.]\s?[\p{L}\d]+)+$|^\d{5,}$/u;
const BARE_CODE = /^(?=.*[-–/])[\p{Lu}\d#]+(?:\s?[-–/.]\s?[\p{Lu}\d]+){2,}$/u;

/**
 * True for a contract, file, registration or catalogue number ("PWGSC Contract #:
 * 35035-161432/001/CY", « Contrat no … », "File: …", « N° de dossier : … », "POR 030-16",
 * ISBN), or a bare code of digits and slashes ("UNIS/SGSM/1359").
 * @example isFileNumber('PWGSC Contract #: 35035-161432/001/CY') // => true
 * @example isFileNumber('N° du contrat - TPSGC : 35035-161432/001/CY') // => true
 * @example isFileNumber('Project 2030 is our plan.') // => false
 */
export function isFileNumber(line: string): boolean {
  const text = cleanText(line);
  if (text.length > 120 || !/\d/.test(text)) return false;
  const labelled = FILE_LABEL.exec(text);
  if (labelled && CORE_LABEL.test(labelled[1]!)) {
    const [, label = '', colon, value = ''] = labelled;
    const marked = colon !== '' || label.includes('#');
    if (
      /\d/.test(value) &&
      words(value) <= 6 &&
      (marked || CODE.test(value) || /^[A-Z]{2,5}\s*[-–]?\s*\d/.test(value))
    )
      return true;
  }
  return BARE_CODE.test(text) && (text.match(/\d/g) ?? []).length >= 3 && !findDate(text);
}

const REFUSED_DATE_LABEL =
  /^(?:(?:pwgsc\s+|tpsgc\s+)?contract\s+(?:award\s+)?date|(?:contract\s+)?award(?:ed)?(?:\s+date|\s+on)|date\s+(?:of\s+)?(?:contract\s+)?award|date\s+of\s+(?:the\s+)?contract|date\s+modified|(?:last\s+)?modified(?:\s+on)?|last\s+(?:updated|revised)|(?:date\s+)?revised(?:\s+on)?|revision(?:\s+date)?|date\s+of\s+revision|print(?:ed)?(?:\s+on|\s+in|\s+date)?|date\s+printed|date\s+(?:d['’](?:octroi|attribution|impression)|du\s+contrat|de\s+(?:modification|r[ée]vision|l['’]impression|l['’]octroi|l['’]attribution|signature\s+du\s+contrat))(?:\s+du\s+contrat)?|(?:date\s+de\s+)?(?:modifi[ée]e?|r[ée]vis[ée]e?)\s+le|imprim[ée]e?\s+(?:le|en)|derni[èe]re\s+(?:modification|mise\s+à\s+jour|r[ée]vision)|mise?\s+à\s+jour\s+le)(?=[\s:.,-]|$)/iu;
const NUMERIC_DATE = /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}[/.-]\d{1,2}(?:[/.-]\d{1,2})?\b/;

/**
 * True for a date labelled as a contract, award, modification, print or revision date:
 * the date of something else than the statement.
 * @example isLabelledDate('Contract Award Date: 12/12/2016') // => true
 * @example isLabelledDate('Date d’octroi du contrat : 2016-08-10') // => true
 * @example isLabelledDate('New York, 6 September 2016') // => false
 */
export function isLabelledDate(line: string): boolean {
  const text = cleanText(line);
  return (
    text.length <= 120 &&
    (text.includes(':') || isShort(text, 12)) &&
    REFUSED_DATE_LABEL.test(text) &&
    (findDate(text) !== undefined || parseMonth(text) !== undefined || NUMERIC_DATE.test(text))
  );
}

/** A label of front matter whose value is on the next line ("Contract award date:", « Soumis à : »). */
const VALUE_NEXT =
  /^(?:(?:pwgsc\s+|tpsgc\s+)?(?:contract|contrat|file|dossier|por|registration|inscription)(?:\s+(?:#|no\.?|n[o°º]|number|numéro))?|(?:n[o°º]|numéro|number)\s+(?:du\s+|de\s+)?(?:contrat|dossier)|(?:contract\s+)?award\s+date|date\s+d['’](?:octroi|attribution)(?:\s+du\s+contrat)?|date\s+du\s+contrat|submitted\s+(?:to|by)|prepared\s+(?:for|by)|soumise?\s+(?:à|au|par)|pr[ée]par[ée]e?\s+(?:pour|par))\s*[:#]?$/iu;

/**
 * True for a label whose value is on the next line ("Contract award date:", "Submitted to:").
 * @example isValueNextLabel('Submitted to:') // => true
 */
export const isValueNextLabel = (line: string): boolean => VALUE_NEXT.test(cleanText(line));

const STREET_EN =
  /^(?:(?:[Ss]uite|[Uu]nit|[Rr]oom)\s+\d+\s*[-,]?\s*)?\d{1,6}[A-Za-z]?(?:-\d+)?,?\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,4}(?:[Ss]treet|[Ss]t\.?|[Aa]venue|[Aa]ve\.?|[Rr]oad|[Rr]d\.?|[Dd]rive|[Dd]r\.?|[Bb]oulevard|[Bb]lvd\.?|[Pp]lace|[Pp]l\.?|[Ww]ay|[Ll]ane|[Cc]rescent|[Cc]ourt|[Tt]errace|[Pp]arkway|[Pp]romenade|[Pp]oint|[Ss]quare|[Cc]ircle|[Hh]ighway)(?=[\s,.]|$)/u;
const STREET_FR =
  /^\d{1,6}[A-Za-z]?(?:-\d+)?,?\s+(?:rue|avenue|av\.|boulevard|boul\.|chemin|ch\.|promenade|place|allée|route|rang|côte|croissant|impasse|terrasse)\s+(?:de\s+la\s+|du\s+|des\s+|de\s+|d['’])?\p{Lu}/u;
const POSTAL_CODE = /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b/;
const PO_BOX = /^(?:P\.?\s?O\.?\s+Box|C\.\s?P\.|case\s+postale)\s+\d+/iu;

/**
 * True for a line of a postal address: a street number and a street word ("125 Sussex
 * Drive", « 1, rue Nicholas »), a Canadian postal code ("Ottawa ON K1A 0G2"), a P.O. box.
 * @example isAddress('359 Kent Street, Suite 300') // => true
 * @example isAddress('Ottawa (Ontario) K1A 0G2') // => true
 * @example isAddress('50 years on the road to peace') // => false
 */
export function isAddress(line: string): boolean {
  const text = cleanText(line);
  if (text.length > 100 || SENTENCE_END.test(text.replace(/\b(?:St|Ave|Rd|Dr|Blvd|Pl)\.$/u, '')))
    return false;
  if (POSTAL_CODE.test(text) && words(text) <= 8) return true;
  const street = text.replace(/^(?:suite|unit|room|bureau|pièce)\s+\d+\s*[-,]\s*/iu, '');
  return STREET_EN.test(street) || STREET_FR.test(street) || PO_BOX.test(text);
}

const PHONE_LABEL =
  /^(?:tel|tél|t|p|ph|phone|telephone|téléphone|fax|f|téléc|télécopieur|facsimile|fac-similé|cell|mobile|cellulaire|toll[\s-]free|sans\s+frais|ligne\s+sans\s+frais|tty|ats|teletypewriter|téléimprimeur)\.?\s*(?:\([^)]{1,40}\))?\s*:?\s*(?=[+(\d])/iu;
const digits = (text: string) => (text.match(/\d/g) ?? []).length;

/**
 * True for a phone or fax line: "Tel: 613-944-4000", « Téléc. : 613.248.7981 »,
 * "p. 613.235.7215", or a number alone.
 * @example isPhoneLine('Tél. : 613.241.5802') // => true
 * @example isPhoneLine('343-203-7700') // => true
 * @example isPhoneLine('P. 12 of the report') // => false
 */
export function isPhoneLine(line: string): boolean {
  const text = cleanText(line);
  if (text.length > 120) return false;
  const labelled = PHONE_LABEL.exec(text);
  if (labelled) {
    const number = text.slice(labelled[0].length);
    return (
      digits(number) >= 7 && /^[+\d\s().\-–/]+(?:\s*(?:ext\.?|poste|x)\s*\d+)?(?:\s*\(.*\))?$/iu.test(number)
    );
  }
  return /^\+?[\d\s().-]{10,22}(?:\s*(?:ext\.?|poste|x)\s*\d+)?$/iu.test(text) && digits(text) >= 10;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/u;

/**
 * True for an e-mail address alone on its line, or after a short label ("Email:",
 * « Courriel : », "For more information: …").
 * @example isEmailLine('e. pobox@ekos.com') // => true
 * @example isEmailLine('Pour de plus amples renseignements : por-rop@cic.gc.ca') // => true
 * @example isEmailLine('We wrote to the secretariat at info@un.org about it and heard nothing.') // => false
 */
export function isEmailLine(line: string): boolean {
  const text = cleanText(line);
  const match = EMAIL.exec(text);
  if (!match || text.length > 160) return false;
  const before = text.slice(0, match.index).trim();
  const after = text
    .slice(match.index + match[0].length)
    .replace(/^[\s.;,)»"]+/u, '')
    .trim();
  if (after && !EMAIL.test(after)) return false;
  return (
    before === '' ||
    /[:：]$/u.test(before) ||
    /^(?:e\.|e-?mail|email|courriel|mail|adresse\s+électronique)\s*:?$/iu.test(before)
  );
}

const URL_ONLY =
  /^(?:(?:website|web\s*site|web|site\s+web|site\s+internet|internet|url|online)\s*:\s*)?(?:https?:\/\/\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.(?:ca|com|org|net|int|gov)(?:\/\S*)?)$/iu;

/**
 * True for a web address alone on its line ("www.ipsos.ca", "Website: https://…").
 * @example isUrlLine('www.ekos.com') // => true
 * @example isUrlLine('Read more at www.canada.ca today.') // => false
 */
export const isUrlLine = (line: string): boolean => URL_ONLY.test(cleanText(line));

/** Publishers' and departments' names, folded: what stands alone on a cover page or a letterhead. */
const PUBLISHERS = new Set(
  [
    'Canada',
    'Canada.ca',
    'Global Affairs Canada',
    'Affaires mondiales Canada',
    'Government of Canada',
    'Gouvernement du Canada',
    'Public Services and Procurement Canada',
    'Services publics et Approvisionnement Canada',
    'Public Works and Government Services Canada',
    'Travaux publics et Services gouvernementaux Canada',
    'Foreign Affairs, Trade and Development Canada',
    'Affaires étrangères, Commerce et Développement Canada',
    'Foreign Affairs and International Trade Canada',
    'Affaires étrangères et Commerce international Canada',
    'Department of Foreign Affairs and International Trade',
    'Ministère des Affaires étrangères et du Commerce international',
    'Privy Council Office',
    'Bureau du Conseil privé',
    'Prime Minister’s Office',
    'Cabinet du premier ministre',
    'Treasury Board of Canada',
    'Treasury Board of Canada Secretariat',
    'Conseil du Trésor du Canada',
    'Secrétariat du Conseil du Trésor du Canada',
    'Department of National Defence',
    'Ministère de la Défense nationale',
    'National Defence',
    'Défense nationale',
    'Canadian Heritage',
    'Patrimoine canadien',
    'Immigration, Refugees and Citizenship Canada',
    'Immigration, Réfugiés et Citoyenneté Canada',
    'Statistics Canada',
    'Statistique Canada',
    'Health Canada',
    'Santé Canada',
    'Environment and Climate Change Canada',
    'Environnement et Changement climatique Canada',
    'United Nations',
    'Nations Unies',
    'United Nations Nations Unies',
    'Nations Unies United Nations',
    'Permanent Mission of Canada to the United Nations',
    'Mission permanente du Canada auprès des Nations Unies',
    'Permanent Mission of Canada to the Office of the United Nations at Geneva',
    'Mission permanente du Canada auprès de l’Office des Nations Unies à Genève',
  ].map((name) => publisherKey(name)),
);

function publisherKey(text: string): string {
  return foldText(cleanText(text))
    .replace(/\s*\([\p{L}.\s-]{2,12}\)$/u, '')
    .replace(/['’]/g, "'")
    .replace(/[,.]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const PUBLISHER_FORM =
  /^(?:the\s+)?(?:permanent\s+mission|mission\s+permanente|embassy|ambassade|high\s+commission|haut-commissariat|consulate(?:\s+general)?|consulat(?:\s+g[ée]n[ée]ral)?|department|minist[èe]re|ministry|office|bureau|secretariat|secr[ée]tariat|agency|agence)\s+(?:of|for|du|de|des|de\s+la|d['’]|auprès\s+d[eu]s?)\s+/iu;
const NOT_PUBLISHER =
  /(?<![\p{L}\d])(?:statement|remarks|speech|address|report|d[ée]claration|discours|allocution|rapport|message|notes?|on|sur|at|à)(?![\p{L}\d])/iu;

/**
 * True for a publisher's or department's name standing alone ("Global Affairs Canada",
 * « Affaires mondiales Canada », "Privy Council Office (PCO)", "Permanent Mission of Canada
 * to …"): a letterhead, never a title. A sentence that names one is text.
 * @example isPublisherName('Affaires mondiales Canada') // => true
 * @example isPublisherName('Global Affairs Canada will fund the project.') // => false
 */
export function isPublisherName(line: string): boolean {
  const text = cleanText(line);
  if (text.length > 110 || SENTENCE_END.test(text)) return false;
  if (PUBLISHERS.has(publisherKey(text))) return true;
  return (
    PUBLISHER_FORM.test(text) && words(text) <= 14 && !NOT_PUBLISHER.test(text.replace(PUBLISHER_FORM, ''))
  );
}

const OTHER_LANGUAGE =
  /^[«"“([]?\s*(?:(?:this|the)\s+(?:report|document|publication|statement|speech|page|text|summary|directive|policy|brochure|guide)\s+is\s+(?:also\s+)?(?:available|offered|published)\s+(?:also\s+)?in\s+(?:french|english)|(?:also\s+)?(?:available|issued|published|offered)\s+(?:also\s+)?in\s+(?:french|english)|(?:ce(?:tte)?|le|la)\s+(?:rapport|document|publication|texte|discours|déclaration|sommaire|directive|politique|brochure|guide)\s+(?:est\s+)?(?:aussi|également)\s+(?:disponible|offerte?|publiée?)\s+en\s+(?:français|anglais)|(?:aussi|également)\s+(?:disponible|offerte?|publiée?)\s+en\s+(?:français|anglais)|publiée?\s+(?:aussi|également)\s+en\s+(?:français|anglais)|scroll\s+down\s+for\s+(?:the\s+)?(?:french|english)|version\s+(?:française|anglaise)|(?:french|english)\s+version|disponible\s+en\s+(?:français|anglais))\b/iu;

/**
 * True for a note that the document exists in the other language: « Ce rapport est aussi
 * disponible en français », "This report is also available in English", "(Publié aussi
 * en français sous le titre …)".
 * @example isOtherLanguageNotice('« Ce rapport est aussi disponible en français »') // => true
 */
export function isOtherLanguageNotice(line: string): boolean {
  const text = cleanText(line);
  return text.length <= 220 && OTHER_LANGUAGE.test(text);
}

const CONTACT_HEADING =
  /^(?:contacts?|media\s+(?:relations|contacts?|inquiries|enquiries)(?:\s+office)?|for\s+(?:more|further)\s+information(?:,?\s+(?:please\s+)?contact)?|information\s+for\s+(?:the\s+)?media|personnes?-ressources?|relations\s+avec\s+les\s+m[ée]dias|renseignements(?:\s+aux\s+m[ée]dias)?|demandes\s+des\s+m[ée]dias|pour\s+(?:obtenir\s+)?(?:plus\s+d['’]information|de\s+plus\s+amples\s+renseignements|plus\s+de\s+renseignements|renseignements))\s*:?$/iu;

/**
 * True for the heading of a contact block: "Contacts", "Media Relations", « Relations
 * avec les médias », « Personnes-ressources » (the lines that follow are contact details).
 * @example isContactHeading('Media Relations') // => true
 */
export const isContactHeading = (line: string): boolean => CONTACT_HEADING.test(cleanText(line));

const SOCIAL =
  /^(?:follow\s+us|suivez-nous|like\s+us|aimez-nous|join\s+us|find\s+us)\b.*\b(?:twitter|x|facebook|linkedin|instagram|youtube|flickr|threads|bluesky)\b/iu;

const RELATED_HEADING =
  /^(?:related\s+(?:information|links|products|documents|news)|associated\s+links|see\s+also|renseignements\s+connexes|liens\s+connexes|produits\s+connexes|documents\s+connexes|nouvelles\s+connexes|voir\s+aussi)\s*:?$/iu;

/**
 * True for the heading of a list of links: "Related information", « Renseignements connexes ».
 * @example isRelatedHeading('Renseignements connexes') // => true
 */
export const isRelatedHeading = (line: string): boolean => RELATED_HEADING.test(cleanText(line));

const SIGNATURE =
  /^(?:(?:[\p{L}.'’-]+\s+){0,5}signature|signature\s+(?:of|de|du|des)\s+.{1,60}|[\w.-]*-sign(?:ature)?(?:\.\w{3,4})?|(?:original\s+)?(?:signed\s+by|sign[ée]e?\s+par)\b.{0,60}|original\s+signed|original\s+sign[ée]e?)$/iu;

/**
 * True for an image of a signature or its caption: "Mike Colledge Signature",
 * "colledge-sign.png", "Original signed by …".
 * @example isSignatureLine('Mike Colledge Signature') // => true
 */
export const isSignatureLine = (line: string): boolean => {
  const text = cleanText(line);
  return text.length <= 90 && SIGNATURE.test(text);
};

const LOGO =
  /^(?:logo|logotype|wordmark|mot-symbole)\b.{0,80}$|^.{0,80}\b(?:logo|logotype|wordmark|mot-symbole)$/iu;

/**
 * True for a logo's alternative text: "Logo Global Affairs Canada", "Ipsos logo",
 * « Mot-symbole Canada ».
 * @example isLogoText('Logo du gouvernement du Canada') // => true
 */
export const isLogoText = (line: string): boolean => {
  const text = cleanText(line);
  return isShort(text, 10) && LOGO.test(text);
};

const CAPTION =
  /^[([]?\s*(?:photo(?:graph)?|image|figure|fig\.|graphique|graph|chart|tableau|table(?=\s*\d)|exhibit|illustration|cr[ée]dit(?:\s+photo)?|photo\s+credit|credit|source)\s*(?:\d+(?:\.\d+)*)?\s*[:–—]\s*\S.*$/iu;

/**
 * True for an image caption or a credit: "Photo: UN Photo/Mark Garten", "Figure 2: …",
 * « Crédit photo : … ». A sentence about a figure ("Figure 2 shows …") is text.
 * @example isCaption('(Photo: UN Photo/Loey Felipe)') // => true
 * @example isCaption('Figure 2 shows the results.') // => false
 */
export const isCaption = (line: string): boolean => {
  const text = cleanText(line);
  return text.length <= 200 && CAPTION.test(text);
};

const TOC_HEADING = /^(?:table\s+of\s+contents|contents|table\s+des\s+mati[èe]res|mati[èe]res)\s*:?$/iu;
const DOT_LEADERS = /(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})\b|…{2,}\s*\d{1,4}\b|\t\d{1,4}$/iu;

/**
 * True for a table of contents' heading ("Table of contents", « Table des matières ») or
 * an entry with dot leaders and a page number ("Introduction ........ 3").
 * @example isTableOfContents('Executive Summary ............ 3') // => true
 * @example isTableOfContents('Table des matières') // => true
 */
export const isTableOfContents = (line: string): boolean => {
  const text = cleanText(line);
  return TOC_HEADING.test(text) || DOT_LEADERS.test(text);
};

/** An entry of a table of contents without leaders: a short title ending with its page number. */
const isTocEntry = (line: string) =>
  isTableOfContents(line) ||
  (line.length <= 120 &&
    /\S\s+(?:\d{1,3}|[ivxlc]{1,6})$/iu.test(line) &&
    !SENTENCE_END.test(line.replace(/\s+\S+$/u, '')));

/**
 * True for cover-page art and stray marks: a line without a letter or a digit ("* *** *",
 * "■"), a single letter, a superscript left alone ("th", "er"), a page number ("12",
 * "iv", "Page 3 of 10", "1 | Page").
 * @example isCoverArt('* *** *') // => true
 * @example isCoverArt('Merci.') // => false
 */
export function isCoverArt(line: string): boolean {
  const text = cleanText(line);
  if (text === '') return true;
  if (!/[\p{L}\p{N}]/u.test(text)) return true;
  if (/^[^\p{L}\p{N}]*\p{L}[^\p{L}\p{N}]*$/u.test(text)) return true;
  if (/^(?:st|nd|rd|th|er|re|e|ème|eme)$/iu.test(text)) return true;
  if (/^(?:\d{1,3}|[ivxlc]{1,6})$/iu.test(text)) return true;
  return /^(?:page\s+\d+(?:\s+(?:of|de|sur)\s+\d+)?|\d+\s*\|\s*page)$/iu.test(text);
}

/** A part of a document named alone: "Executive summary", « Sommaire exécutif », "Background". */
const DOCUMENT_PART =
  /^(?:\d+(?:\.\d+)*\.?\s+)?(?:executive\s+summary|summary|sommaire(?:\s+ex[ée]cuti(?:f|ve))?|r[ée]sum[ée](?:\s+ex[ée]cutif)?|final\s+report|rapport\s+final|background|contexte|introduction|table\s+of\s+contents|table\s+des\s+mati[èe]res|abstract|foreword|avant-propos|preface|préface|methodology|méthodologie|overview|aperçu)\s*:?$/iu;

/**
 * True for the name of a part of a document standing alone: a heading, never a title.
 * @example isDocumentPart('SOMMAIRE EXÉCUTIF') // => true
 * @example isDocumentPart('Summary of the debate on Haiti') // => false
 */
export const isDocumentPart = (line: string): boolean => DOCUMENT_PART.test(cleanText(line));

const FRONT_MATTER =
  /^(?:(?:©|\(c\)|copyright)\s|(?:prepared|submitted|produced)\s+(?:for|to|by)\b|(?:pr[ée]par[ée]e?|soumise?|produite?)\s+(?:pour|à|au|aux|par)(?=[\s:]|$)|(?:authors?|auteure?s?|supplier(?:\s+name)?|(?:nom\s+du\s+)?fournisseur|contract\s+value|valeur\s+du\s+contrat|research\s+firm|firme\s+de\s+recherche)\s*:)/iu;
/** The political neutrality certification of a public opinion research report, itself. */
const CERTIFICATION_TEXT =
  /^(?=.{0,700}$).{0,200}\b(?:certify|certifie|atteste)\b.{0,400}\b(?:political\s+neutrality|neutralité\s+politique)/iu;
const CERTIFICATION_HEADING =
  /^(?:political\s+neutrality\s+(?:statement|certification)|(?:attestation|d[ée]claration)\s+de\s+neutralit[ée]\s+politique)\s*:?$/iu;

/**
 * True for front matter: copyright, authors, "Prepared for …", "Submitted to:", supplier
 * and contract value, a political neutrality statement's heading.
 * @example isFrontMatter('Prepared for Global Affairs Canada') // => true
 * @example isFrontMatter('© His Majesty the King in Right of Canada, 2023') // => true
 */
export function isFrontMatter(line: string): boolean {
  const text = cleanText(line);
  return (
    CERTIFICATION_HEADING.test(text) ||
    CERTIFICATION_TEXT.test(text) ||
    (text.length <= 300 && /^(?:©|\(c\)|copyright)\s/iu.test(text)) ||
    (text.length <= 100 && FRONT_MATTER.test(text))
  );
}

/**
 * True for a cover page's abstract or keywords ("Abstract: The purpose of this document
 * …", « Résumé : … »): front matter when it stands right under the title block.
 * @example isAbstract('Abstract: The purpose of this document is to describe the framework.') // => true
 */
export const isAbstract = (line: string): boolean =>
  /^(?:abstract|summary|r[ée]sum[ée]|keywords|mots-cl[ée]s)\s*:\s*\S/iu.test(cleanText(line));

/**
 * What a line is when it is front matter or page furniture; undefined for anything that
 * may be a title, a date, a speaker or text. A contact, related-links or contents heading
 * is reported here; the lines under it are recognised by `dropBoilerplate`.
 * @example boilerplateKind('NON CLASSIFIÉ') // => 'security_marking'
 * @example boilerplateKind('Mr. President, Global Affairs Canada supports the resolution.') // => undefined
 */
export function boilerplateKind(line: string): BoilerplateKind | undefined {
  const text = cleanText(line);
  if (isCoverArt(text)) return 'cover_art';
  if (isSecurityMarking(text)) return 'security_marking';
  if (isLabelledDate(text)) return 'labelled_date';
  if (isFileNumber(text)) return 'file_number';
  if (isPhoneLine(text)) return 'phone';
  if (isEmailLine(text)) return 'email';
  if (isUrlLine(text)) return 'url';
  if (isAddress(text)) return 'address';
  if (isOtherLanguageNotice(text)) return 'other_language';
  if (isContactHeading(text) || (text.length <= 160 && SOCIAL.test(text))) return 'contact';
  if (isRelatedHeading(text)) return 'related';
  if (isTableOfContents(text)) return 'table_of_contents';
  if (isSignatureLine(text)) return 'signature';
  if (isLogoText(text)) return 'logo';
  if (isCaption(text)) return 'caption';
  if (isFrontMatter(text) || isValueNextLabel(text)) return 'front_matter';
  if (isPublisherName(text)) return 'publisher';
  return undefined;
}

/** A date standing alone on its line: never part of a signature block's name, title and firm. */
const isDateLineLike = (line: string) =>
  isShort(line, 6) && (findDate(line) !== undefined || parseMonth(line) !== undefined);

/** Contact details for sure: a number, an address, an e-mail or web address. */
const isHardContact = (line: string) =>
  isPhoneLine(line) || isEmailLine(line) || isUrlLine(line) || isAddress(line);
/** A line a contact block may hold: contact details, or a short name, title or organisation. */
const isContactLine = (line: string) =>
  isHardContact(line) ||
  isPublisherName(line) ||
  (line.length <= 160 && SOCIAL.test(line)) ||
  (isShort(line, 8) && !findDate(line) && !parseMonth(line));

/** The heading of a section dropped whole: contacts, related links, contents, a neutrality statement. */
const isSectionHeading = (line: string) => {
  const text = cleanText(line);
  return (
    isContactHeading(text) ||
    isRelatedHeading(text) ||
    TOC_HEADING.test(text) ||
    CERTIFICATION_HEADING.test(text)
  );
};

/** Front matter and page furniture dropped from a document, in reading order. */
export interface DroppedBoilerplate {
  kind: BoilerplateKind;
  lines: string[];
  /** How many kept blocks come before it: 0 when it stands above everything kept. */
  before: number;
}

/** How many blocks after a heading a contact, related-links or contents section may span. */
const SECTION_MAX = 14;

/**
 * Drops front matter and page furniture from a document's blocks: lines that are
 * boilerplate (`boilerplateKind`), contact blocks ("Contacts", "Media Relations" and the
 * lines under them, or blocks of names, addresses, phones and e-mails), related links,
 * tables of contents, a political neutrality statement and its signature, and the value
 * under a label such as "Contract award date:". A sentence of the text stays, whatever it
 * names.
 */
export function dropBoilerplate(blocks: readonly DocumentBlock[]): {
  blocks: DocumentBlock[];
  dropped: DroppedBoilerplate[];
} {
  const kept: DocumentBlock[] = [];
  const dropped: DroppedBoilerplate[] = [];
  const drop = (kind: BoilerplateKind, lines: string[]) => {
    const last = dropped.at(-1);
    if (last && last.kind === kind && last.before === kept.length) last.lines.push(...lines);
    else dropped.push({ kind, lines: [...lines], before: kept.length });
  };
  /** The section a heading opened, and how many blocks it has spanned. */
  let section:
    | { kind: 'contact' | 'related' | 'table_of_contents' | 'certification'; span: number }
    | undefined;
  let valueNext = false;

  const continues = (kind: NonNullable<typeof section>['kind'], line: string, span: number): boolean => {
    // Another section's heading ends this one.
    if (isSectionHeading(line)) return false;
    switch (kind) {
      case 'contact':
        return isContactLine(line) && !isDocumentPart(line);
      case 'related':
        return isUrlLine(line) || isShort(line, 16);
      case 'table_of_contents':
        return isTocEntry(line);
      case 'certification':
        // The certification itself, then the signatory's name, title and firm.
        return span === 0
          ? CERTIFICATION_TEXT.test(line) || /certif|attest/iu.test(line)
          : (isShort(line, 6) || isSignatureLine(line)) &&
              span <= 4 &&
              !isDocumentPart(line) &&
              !isDateLineLike(line);
    }
  };

  for (const [index, block] of blocks.entries()) {
    // A block inside a section, all of whose lines belong to it, goes with it.
    if (section && block.role === 'body' && section.span < SECTION_MAX) {
      const open = section;
      if (block.lines.every((line) => continues(open.kind, line, open.span))) {
        drop(open.kind === 'certification' ? 'front_matter' : open.kind, block.lines);
        open.span++;
        continue;
      }
    }
    section = undefined;
    // A block of contact details: every line a contact line, one of them for sure.
    if (block.lines.length > 1 && block.lines.every(isContactLine) && block.lines.some(isHardContact)) {
      drop('contact', block.lines);
      continue;
    }
    // A short name above an address or between contact blocks is the firm's or the office's.
    const next = blocks[index + 1];
    if (
      block.role === 'body' &&
      block.lines.length === 1 &&
      isShort(block.lines[0]!, 6) &&
      !findDate(block.lines[0]!) &&
      !parseMonth(block.lines[0]!) &&
      next?.lines.some(isAddress) &&
      next.lines.every(isContactLine)
    ) {
      drop('contact', block.lines);
      continue;
    }
    const lines: string[] = [];
    for (const line of block.lines) {
      if (valueNext) {
        valueNext = false;
        if (isShort(line, 8) || findDate(line) || isFileNumber(line)) {
          drop('front_matter', [line]);
          continue;
        }
      }
      if (section && continues(section.kind, line, section.span)) {
        drop(section.kind === 'certification' ? 'front_matter' : section.kind, [line]);
        continue;
      }
      const text = cleanText(line);
      const kind = boilerplateKind(text);
      if (!kind) {
        section = undefined;
        lines.push(line);
        continue;
      }
      drop(kind, [line]);
      if (isContactHeading(text)) section = { kind: 'contact', span: 0 };
      else if (isRelatedHeading(text)) section = { kind: 'related', span: 0 };
      else if (TOC_HEADING.test(text)) section = { kind: 'table_of_contents', span: 0 };
      else if (CERTIFICATION_HEADING.test(text)) section = { kind: 'certification', span: 0 };
      else if (CERTIFICATION_TEXT.test(text)) section = { kind: 'certification', span: 1 };
      else if (isValueNextLabel(text)) valueNext = true;
    }
    if (lines.length > 0) kept.push({ ...block, lines });
  }
  return { blocks: kept, dropped };
}

/**
 * A dropped piece as a note for the record: its lines, joined, kept short.
 * @example boilerplateNote({ kind: 'phone', lines: ['Tel: 613-944-4000'], before: 0 }) // => 'Tel: 613-944-4000'
 */
export function boilerplateNote(piece: DroppedBoilerplate): string {
  const text = piece.lines.map(cleanText).filter(Boolean).join(' / ');
  return text.length > 200 ? `${text.slice(0, 199).trimEnd()}…` : text;
}
