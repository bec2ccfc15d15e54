import { foldText } from '../analysis/normalize.ts';
import type { Language } from '../corpus.ts';
import { boilerplateKind, boilerplateNames, isDocumentPart, isPublisherName } from './boilerplate.ts';
import { findDate, parseDate, parseMonth } from './dates.ts';
import type { DocumentMetadata, Doubt } from './document.ts';

/** What a title block says; a field it does not say is undefined, never guessed. */
export interface TitleBlock {
  /** The title as published: the title lines, or the "Statement by … on …" line when it is the only one. */
  title: string | undefined;
  date: string | undefined;
  place: string | undefined;
  speaker: { name: string; role?: string } | undefined;
  /** The meeting, when the title names it ("… at the United Nations General Assembly …"). */
  forum: string | undefined;
}

/** A title block read with its candidates weighed: what it says, and what the reading is not sure of. */
export interface TitleReading extends TitleBlock {
  /** The title or the date this reading is not sure of, with the candidates and why. */
  doubts: Doubt[];
}

/** A line refused as a title or a date, and why ("a security marking"). */
export interface SetAside {
  value: string;
  /** Where it was found: "the title block", "the front matter". */
  from: string;
  why: string;
  field: Doubt['field'];
}

/** What besides its lines weighs on the reading of a title block. */
export interface TitleBlockOptions {
  /** What the file declares about itself: its titles and dates are candidates too, after the title block's. */
  metadata?: DocumentMetadata;
  /** The document's language: a declared title in the other language is not this version's. */
  language?: Language;
  /** Lines set aside before the title block was read (a security marking, a contract number), named in a doubt. */
  setAside?: SetAside[];
}

const SENTENCE_END = /[.!?…:;]["»”’)]*$/u;
const SALUTATION =
  /^(?:mr\.?|mrs\.?|ms\.?|madam|madame|monsieur|mesdames|messieurs|excellenc|distinguished|dear|chers?|chères?|thank\s+you|merci|your\s+(?:excellency|majesty)|honourable|co-?chairs?|colleagues|friends)\b/iu;

/** "Statement by …", "Remarks by …", "Message from …" and their French forms. */
const BY_EN =
  /^(?:(?:joint|opening|closing|canadian|canada['’]s)\s+)?(?:statement|remarks|address|speech|message|intervention|keynote\s+address|notes\s+for\s+(?:an?\s+)?(?:address|speech|remarks))\s+(?:delivered\s+|issued\s+|made\s+|given\s+)?(?:by|from)\s+(.+)$/iu;
const BY_FR =
  /^(?:déclaration|allocution|discours|intervention|message|remarques|notes\s+d['’]allocution)\s+(?:conjointe\s+|liminaire\s+)?(?:prononcée?s?\s+|faite\s+|livrée?\s+)?(?:(?:par|de)\s+(?:la\s+|l['’]\s*|le\s+)?|du\s+|des\s+|d['’]\s*)(.+)$/iu;
/** "Secretary-General's message on …", "Prime Minister's statement on …". */
const POSSESSIVE_EN =
  /^(?:the\s+)?((?:(?:UN|United\s+Nations)\s+)?(?:deputy\s+)?secretary[- ]general|(?:deputy\s+)?prime\s+minister|minister\s+of\s+[^'’]{3,60}|president\s+of\s+[^'’]{3,60}|high\s+commissioner\s+for\s+[^'’]{3,60})['’]s?\s+(?:(?:video|opening|closing|keynote|new\s+year)\s+)?(?:message|statement|remarks|address|speech)\b\s*(.*)$/iu;

/** Where the speaker's name ends and the occasion begins. */
const OCCASION_EN =
  /\s(?:on|at|regarding|concerning|following|marking|during|before|for|to(?=\s+\p{Ll})(?!\s+the\s))\s/iu;
const OCCASION_FR =
  /\s(?:à\s+l['’]occasion|au\s+sujet|concernant|sur|lors|à|au|aux|pour|devant|suite|en\s+l['’]honneur)(?=\s)/iu;
/** Where a speaker's role ends and the occasion begins: "…to the United Nations, at the Security Council …". */
const ROLE_END_EN = /,\s*(?:at|to|on|before|during|in|for)\s|\s(?:at|before|during)\s/iu;
const ROLE_END_FR =
  /,\s*(?:au|aux|à|lors|devant|pendant|sur|concernant|pour)(?=[\s'’])|\s(?:lors\s+d|à\s+l['’]occasion|devant\s)/iu;

/** The meeting an occasion names: "at the Security Council …", « au débat public du Conseil … ». */
const AT_EN = /^(?:at|to|before|in)\s+(?:the\s+)?(.+)$/iu;
const AT_FR =
  /^(?:au|aux|à\s+la|à\s+l['’]|à|lors\s+d[eu]\s+(?:la\s+|l['’])?|lors\s+de\s+l['’]|devant\s+(?:le\s+|la\s+|les\s+|l['’])?)\s*(.+)$/iu;
/** Prepositions before a meeting's name inside a title. */
const FORUM_AT_EN = /\s(?:at|to|before)\s+(?:the\s+)?/gu;
const FORUM_AT_FR =
  /\s(?:au|à\s+la|à\s+l['’]|aux|lors\s+d[eu]\s+(?:la\s+|l['’])?|devant\s+(?:le\s+|la\s+|l['’]))\s*/gu;

const MEETING =
  /(?<![\p{L}\d])(?:UN|U\.N\.|assembly|assemblée|council|conseil|conference|conférence|summit|sommet|meeting|réunion|session|debate|débat|dialogue|committee|comité|forum)(?![\p{L}\d])/iu;
/** A meeting's name written in lower case: « débat public du Conseil de sécurité », "open debate". */
const MEETING_START =
  /^(?:(?:high-level|open|annual|informal|formal|special|emergency|plenary|interactive|ministerial|general|public|haut\s+niveau)\s+)*(?:assembly|assemblée|council|conseil|conference|conférence|summit|sommet|meeting|réunion|session|debate|débat|dialogue|committee|comité|commission|forum|séance|consultations?|briefing|table\s+ronde|roundtable|panel)(?![\p{L}\d])/iu;
const COUNTRY_ONLY =
  /^(?:canada|the\s+delegation\s+of\s+canada|government\s+of\s+canada|gouvernement\s+du\s+canada)$/iu;
/** Words that a place never holds: "FINAL 22 May 2018", "Sommaire Exécutif", "Contents". */
const NOT_PLACE =
  /(?<![\p{L}\d])(?:summary|sommaire|ex[ée]cuti(?:f|ve)|contents?|mati[èe]res|background|contexte|introduction|final|finale|version|d[ée]finitive|draft|[ée]bauche|report|rapport|office|statement|d[ée]claration|message|remarks|notes?|annex|annexe|appendix|abstract|overview|aperçu|methodology|conclusion|objectives|objectifs|secretary|secr[ée]taire|minister|ministre|ambassador|ambassadeur|ambassadrice|president|président)(?![\p{L}\d])/iu;

/** A role a speaker line may name without a person: "Secretary-General", « Premier ministre du Canada ». */
const ROLE_HEAD = String.raw`(?:(?:UN|United\s+Nations)\s+)?(?:deputy\s+|vice-)?secretary[- ]general|(?:vice-)?secr[ée]taire\s+g[ée]n[ée]ral(?:e)?(?:\s+adjointe?)?|(?:deputy\s+)?prime\s+minister|(?:vice-)?premi(?:er|ère)\s+ministre|minister|ministre|(?:deputy\s+|alternate\s+)?(?:ambassador|permanent\s+representative|high\s+commissioner)|ambassadeur|ambassadrice|(?:représentante?|représentant)\s+permanente?(?:\s+adjointe?)?|haute?-commissaire|présidente?|president|chargée?\s+d['’]affaires(?:\s+a\.\s?i\.)?`;
const ROLE_ONLY = new RegExp(
  String.raw`^(?:the\s+|la\s+|le\s+|l['’])?(?:${ROLE_HEAD})(?:\s+(?:of|for|to|du|de|des|de\s+la|d['’]|auprès|aux|au)\b.*)?$`,
  'iu',
);
const ROLE_LINE = new RegExp(String.raw`^(?:the\s+|la\s+|le\s+|l['’])?(?:${ROLE_HEAD})\b.*$`, 'iu');
/** Words no person's name holds: a title such as "United Nations Day" is not a speaker. */
const NOT_NAME =
  /(?<![\p{L}\d])(?:day|journée|nations?|unies|united|international|internationale|council|conseil|assembly|assemblée|general|générale|debate|débat|statement|déclaration|message|remarks|speech|discours|peace|paix|security|sécurité|rights|droits|human|world|monde|canada|canadian|summit|sommet|conference|conférence|forum|week|semaine|report|rapport|session|meeting|réunion|committee|comité|protection|responsibility|protect|women|femmes|children|enfants|climate|development|office|bureau|mission|government|gouvernement|affairs|affaires|charter|charte|secretary|secrétaire|minister|ministre|president|président|ambassador|representative|framework|survey|sondage|directive|policy|politique|summary|sommaire|new|york|ottawa|geneva|genève)(?![\p{L}\d])/iu;
const HONORIFIC =
  /^(?:(?:H\.\s?E\.|S\.\s?E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|M\.|Mme|the\s+(?:right\s+)?hon(?:ourable|\.)?|l['’]honorable)\s+)+/iu;
const NAME_WORD =
  /^(?:\p{Lu}[\p{Ll}'’]*\.?(?:-\p{Lu}[\p{Ll}'’]*)*|\p{Lu}{2,}(?:-\p{Lu}{2,})*|de|da|di|du|des|van|von|der|den|la|le|bin|al|el|d['’]\p{Lu}\p{L}*)$/u;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Upper-case words kept as written when a title in capitals is recased. */
const ACRONYMS =
  /^(?:UN|ONU|UNGA|UNSC|NATO|OTAN|OSCE|OAS|OEA|EU|UE|G7|G20|UNESCO|UNICEF|UNHCR|HCR|OCHA|ECOSOC|WPS|R2P|LGBTQ\w*|CEDAW|CSW|HRC|CDH|SDGS?|ODD|AIDS|HIV|VIH|SIDA|ICC|CPI|ICJ|CIJ|WTO|OMC|IAEA|AIEA|DPRK|RPDC|PCO|BCP|POR|ROP|II|III|IV)$/u;
const SMALL_EN = new Set(
  'a an and as at but by for from in into nor of on or per the to via vs with'.split(' '),
);
/** Names French writes with capitals inside a sentence-case title. */
const FRENCH_NAMES = [
  'Organisation des Nations Unies',
  'Nations Unies',
  'Conseil de sécurité',
  'Assemblée générale',
  'Conseil des droits de l’homme',
  "Conseil des droits de l'homme",
  'Conseil économique et social',
  'Cour internationale de Justice',
  'Cour pénale internationale',
  'Union européenne',
  'Secrétaire général',
  'Secrétaire générale',
  'Journée',
  'Casques bleus',
  'Charte',
  'Canada',
].map((name) => ({
  name,
  pattern: new RegExp(String.raw`(?<!\p{L})${name.replace(/'/g, "['’]")}(?!\p{L})`, 'giu'),
}));

/**
 * Writes a text given in capitals the way it is written in running text: title case in
 * English, sentence case with the names of institutions in French. Anything with a
 * lower-case letter is kept as written.
 * @example recase('SECURITY COUNCIL OPEN DEBATE ON WOMEN, PEACE AND SECURITY', 'en') // => 'Security Council Open Debate on Women, Peace and Security'
 * @example recase('DÉBAT PUBLIC DU CONSEIL DE SÉCURITÉ', 'fr') // => 'Débat public du Conseil de sécurité'
 */
export function recase(text: string, language: Language): string {
  if (/\p{Ll}/u.test(text) || !/\p{Lu}{3}/u.test(text)) return text;
  let first = true;
  const tokens = text.split(/(\s+)/);
  const cased = tokens.map((token) => {
    if (/^\s+$/u.test(token) || token === '') return token;
    const core = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const isFirst = first;
    first = /[:.!?]$/u.test(token);
    if (ACRONYMS.test(core) || /\p{L}\.\p{L}/u.test(core) || (/\d/.test(core) && /\p{L}/u.test(core)))
      return token;
    const lower = token.toLowerCase();
    if (language === 'fr') return isFirst ? capitalize(lower) : lower;
    if (!isFirst && SMALL_EN.has(core.toLowerCase())) return lower;
    return lower.replace(
      /(^|[-‐/(«"“])(\p{L})/gu,
      (_m, before: string, letter: string) => before + letter.toUpperCase(),
    );
  });
  let result = cased.join('');
  if (language === 'fr')
    for (const { name, pattern } of FRENCH_NAMES) result = result.replace(pattern, name.replace(/'/g, '’'));
  return result;
}

/** A person's name in capitals, written as a name: "ANTÓNIO GUTERRES" → "António Guterres". */
const nameCase = (name: string) =>
  /\p{Ll}/u.test(name)
    ? name
    : name
        .toLowerCase()
        .replace(/(^|[\s-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase())
        .replace(/\b(De|Du|Des|La|Le|Van|Von|Da|Di)\s/gu, (word) =>
          word === 'La ' ? word : word.toLowerCase(),
        )
        .replace(/^(\p{Ll})/u, (letter) => letter.toUpperCase());

/** A speaker line read: the speaker, and the occasion when the line names one. */
export interface SpeakerLine {
  name: string;
  role?: string;
  /** True when the line also names an occasion (then it is the title too). */
  occasion: boolean;
  /** The occasion's words as written: "at the Security Council Open Debate on …". */
  at?: string;
}

/**
 * Reads a speaker line: "Statement by Ambassador X, Deputy Permanent Representative of
 * Canada to the United Nations", "Statement by the Prime Minister on United Nations Day",
 * "Déclaration du premier ministre à l'occasion de …", "Secretary-General's message on …".
 * Returns the speaker and whether the line also names an occasion (then it is the title
 * too), with the occasion's words.
 * @example readSpeakerLine('Statement by the Prime Minister on United Nations Day') // => { name: 'Prime Minister', occasion: true, at: 'on United Nations Day' }
 */
export function readSpeakerLine(line: string): SpeakerLine | undefined {
  const possessive = POSSESSIVE_EN.exec(line);
  if (possessive) {
    const at = possessive[2]!.trim();
    const occasion = /^(?:on|for|at|to|marking|regarding|in)\s/iu.test(at);
    return { name: recase(capitalize(possessive[1]!), 'en'), occasion, ...(occasion ? { at } : {}) };
  }
  const match = BY_EN.exec(line) ?? BY_FR.exec(line);
  if (!match) return undefined;
  const french = !BY_EN.test(line);
  const language: Language = french ? 'fr' : 'en';
  const rest = match[1]!.trim();
  const comma = rest.indexOf(',');
  let namePart = comma >= 0 ? rest.slice(0, comma) : rest;
  let rolePart = comma >= 0 ? rest.slice(comma + 1) : '';
  const occasion = (french ? OCCASION_FR : OCCASION_EN).exec(namePart);
  let at: string | undefined;
  if (occasion) {
    at = rest.slice(occasion.index).trim();
    namePart = namePart.slice(0, occasion.index);
    rolePart = '';
  } else if (rolePart) {
    const roleEnd = (french ? ROLE_END_FR : ROLE_END_EN).exec(rolePart);
    if (roleEnd) {
      at = rolePart
        .slice(roleEnd.index)
        .replace(/^,?\s*/u, '')
        .trim();
      rolePart = rolePart.slice(0, roleEnd.index);
    }
  }
  const bare = namePart.replace(/^(?:the|la|le|l['’])\s*/iu, '').trim();
  const name = /\p{Ll}/u.test(bare)
    ? capitalize(bare)
    : capitalize(french && isRoleOnly(bare) ? recase(bare, 'fr') : nameCase(bare));
  if (!name || COUNTRY_ONLY.test(name)) return undefined;
  const written = rolePart.trim().replace(/[.;,]$/u, '');
  const recasedRole = recase(written, language);
  // French writes a role in lower case: « représentant permanent du Canada ».
  const role =
    french && recasedRole !== written
      ? recasedRole.replace(/^\p{Lu}(?!\p{Lu})/u, (l) => l.toLowerCase())
      : recasedRole;
  return {
    name,
    ...(role ? { role } : {}),
    occasion: at !== undefined,
    ...(at ? { at } : {}),
  };
}

/**
 * The meeting an occasion names, as a forum: "at the Security Council Open Debate on …"
 * gives "Security Council Open Debate on …"; « au débat public du Conseil de sécurité
 * sur … » gives « Débat public du Conseil de sécurité sur … ». Undefined for an occasion
 * that is not a meeting ("on United Nations Day").
 * @example forumOf('au débat public du Conseil de sécurité sur les enfants', 'fr') // => 'Débat public du Conseil de sécurité sur les enfants'
 */
export function forumOf(at: string, language: Language): string | undefined {
  const match = (language === 'fr' ? AT_FR : AT_EN).exec(at.trim());
  const named = match?.[1]?.trim().replace(/[.:;,]$/u, '');
  if (!named || !isMeetingName(named)) return undefined;
  return capitalize(recase(named, language));
}

/** A meeting's name: capitalised (or a number, "UN …") or a meeting word first, and naming a meeting. */
const isMeetingName = (text: string) =>
  (/^(?:\p{Lu}|\d)/u.test(text) || MEETING_START.test(text)) && MEETING.test(text);

/** The meeting a title names after "at", "to", « au », « lors de la »…, if any. */
function forumInTitle(title: string): string | undefined {
  for (const [pattern, language] of [
    [FORUM_AT_EN, 'en'],
    [FORUM_AT_FR, 'fr'],
  ] as const) {
    for (const match of title.matchAll(pattern)) {
      const named = title.slice(match.index + match[0].length).replace(/[.:]$/u, '');
      if (language === 'en' && !/^(?:UN|United\s+Nations|\d|[A-Z])/u.test(named)) continue;
      if (isMeetingName(named)) return capitalize(recase(named, language));
    }
  }
  return undefined;
}

/**
 * Reads a line naming a person, alone or with a role: "António Guterres", "António
 * Guterres, Secretary-General", "BOB RAE, AMBASSADOR …". Titles ("United Nations Day")
 * are not names.
 * @example readPersonLine('António Guterres, Secretary-General') // => { name: 'António Guterres', role: 'Secretary-General' }
 */
export function readPersonLine(line: string): { name: string; role?: string } | undefined {
  const [namePart = '', ...roleParts] = line.split(/\s*,\s*/u);
  const role = roleParts.join(', ').trim();
  if (role && !ROLE_LINE.test(role)) return undefined;
  const bare = namePart.replace(HONORIFIC, '').trim();
  const tokens = bare.split(/\s+/u).filter(Boolean);
  if (tokens.length < 2 || tokens.length > 5 || !tokens.every((token) => NAME_WORD.test(token)))
    return undefined;
  if (NOT_NAME.test(bare) || SALUTATION.test(bare)) return undefined;
  const french = /\b(?:secr[ée]taire|ministre|ambassadrice|ambassadeur|représentante?|présidente?)\b/iu.test(
    role,
  );
  return { name: nameCase(namePart.trim()), ...(role ? { role: recase(role, french ? 'fr' : 'en') } : {}) };
}

/** True for a speaker named by a role only ("Secretary-General", « Premier ministre du Canada »). */
export const isRoleOnly = (name: string): boolean => ROLE_ONLY.test(name);

/**
 * Reads the place from a date line: "New York, September 6, 2016", "OTTAWA, le 13 déc. 2019",
 * "Ottawa (Ontario) - 13 avril 2018", "September 6, 2016 - New York City, New York".
 * @example readPlace('New York, le 6 septembre 2016') // => 'New York'
 */
export function readPlace(line: string): string | undefined {
  const parts = line
    .replace(/\/CNW\/.*$/u, '')
    .split(/\s[-–—]\s|,\s*(?=(?:le\s+)?\d|\p{L}+\.?\s+\d)/u)
    .map((part) => part.trim())
    .filter(Boolean);
  for (const part of parts) {
    if (parseDate(part) || /\d/.test(part)) continue;
    if (MEETING.test(part)) continue;
    if (!isPlaceLike(part)) continue;
    return toPlaceCase(part);
  }
  return undefined;
}

/** A short run of capitalised words: "New York", "Ottawa (Ontario)", "Genève". */
function isPlaceLike(text: string): boolean {
  const words = text.split(/[\s,]+/).filter(Boolean);
  return (
    words.length >= 1 &&
    words.length <= 5 &&
    text.length <= 50 &&
    /^\p{Lu}[\p{L} .,'’()-]*$/u.test(text) &&
    !SALUTATION.test(text) &&
    !NOT_PLACE.test(text) &&
    words.every((word) => /^[\p{Lu}(]/u.test(word) || /^(?:de|du|la|le|d['’]\p{L}+)$/u.test(word))
  );
}

const toPlaceCase = (text: string) =>
  text === text.toUpperCase() && /\p{L}{3}/u.test(text)
    ? text
        .toLowerCase()
        .replace(/(^|[\s(-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase())
        .replace(/,\s*(On|Qc|Bc|Ab|Mb|Sk|Ns|Nb|Nl|Pe|Yt|Nt|Nu)$/u, (code) => code.toUpperCase())
    : text;

/** True for a line a title block may hold: a title, a speaker, a date or a place, a note. */
export function isTitleBlockLine(line: string): boolean {
  if (SALUTATION.test(line) && !BY_EN.test(line)) return false;
  if (parseDate(line) && line.length < 120) return true;
  if (BY_EN.test(line) || BY_FR.test(line)) return line.length < 300;
  return line.length <= 200 && !SENTENCE_END.test(line);
}

/** A label a date line may begin with ("Date:", "Delivery date:", « Date de publication : »). */
const DATE_LABEL =
  /^(?:date|delivery\s+date|publication\s+date|published(?:\s+on)?|issued(?:\s+on)?|date\s+de\s+(?:livraison|publication|diffusion)|publi[ée]e?\s+le|diffus[ée]e?\s+le)\s*:?$/iu;

/**
 * True for a line giving only a month: "July 2022", « Ottawa, juillet 2022 », "Delivery
 * date: March 2017" (the day is never invented).
 * @example isMonthLine('Mars 2017') // => true
 * @example isMonthLine('Survey – Winter 2017') // => false
 */
export function isMonthLine(line: string): boolean {
  if (line.length > 60 || !parseMonth(line)) return false;
  const rest = line
    .replace(/(?:(?:le|en|in)\s+)?\p{L}+\.?,?\s+(?:de\s+|d['’]\s*)?\d{4}\.?\s*$/u, '')
    .replace(/[\s,–—-]+$/u, '')
    .trim();
  return rest === '' || DATE_LABEL.test(rest) || isPlaceLike(rest);
}

/** A line with a date (or a month alone), short enough to be a dateline rather than a sentence. */
export const isDateLine = (line: string): boolean =>
  (line.length < 120 && parseDate(line) !== undefined && !SENTENCE_END.test(line.replace(/\d\.$/, '0'))) ||
  isMonthLine(line);

/** A line naming a place only, as canada.ca writes below the date ("Ottawa, Ontario"). */
export const isPlaceLine = (line: string): boolean => !SENTENCE_END.test(line) && isPlaceLike(line);

/** A speaker line run on after a title on the same line: "… – High-Level Segment Statement by Ambassador X, …". */
const EMBEDDED_BY =
  /\s((?:statement|remarks|address|speech|intervention|déclaration|allocution|discours|remarques)\s+(?:delivered\s+|prononcée?\s+)?(?:by|from|par|de|du|des|d['’])\s.+)$/iu;
/** A role run on before the title on the same line: « LE SECRÉTAIRE GÉNÉRAL MESSAGE À L'OCCASION DE … ». */
const ROLE_THEN_TITLE = new RegExp(
  String.raw`^((?:the\s+|le\s+|la\s+)?(?:${ROLE_HEAD}))\s+((?:message|statement|remarks|address|déclaration|allocution|discours)\b.+)$`,
  'iu',
);

/**
 * Splits a line a layout ran together: a title and the speaker line under it, or a
 * speaker's role and the title after it.
 * @example splitTitleLine('Conference on Disarmament – High-Level Segment Statement by Ambassador X, Permanent Representative of Canada') // => ['Conference on Disarmament – High-Level Segment', 'Statement by Ambassador X, Permanent Representative of Canada']
 */
export function splitTitleLine(line: string): string[] {
  const role = ROLE_THEN_TITLE.exec(line);
  if (role) return [role[1]!, role[2]!];
  const by = EMBEDDED_BY.exec(line);
  if (!by || BY_EN.test(line) || BY_FR.test(line) || POSSESSIVE_EN.test(line)) return [line];
  const before = line.slice(0, by.index).trim();
  const spoken = readSpeakerLine(by[1]!);
  // "… message from the heart" is a title; a speaker line names someone.
  if (!spoken || before.split(/\s+/u).length < 2 || /\b(?:the|a|an|le|la|les|un|une|of|de)$/iu.test(before))
    return [line];
  return [before, by[1]!];
}

/**
 * True for a line naming a person and their role, as a message's byline sets it under
 * the date: "António Guterres, Secretary-General", « António Guterres, Secrétaire général ».
 * @example isNameAndRoleLine('António Guterres, Secretary-General') // => true
 * @example isNameAndRoleLine('Ruined schools, bombed hospitals.') // => false
 */
export function isNameAndRoleLine(line: string): boolean {
  const comma = line.indexOf(',');
  if (comma < 0 || line.length > 160) return false;
  const name = line.slice(0, comma).trim();
  const words = name.split(/\s+/u);
  return (
    words.length >= 2 &&
    words.length <= 5 &&
    words.every((word) => /^\p{Lu}/u.test(word)) &&
    !NOT_NAME.test(name) &&
    isRoleLine(line.slice(comma + 1).trim())
  );
}

/** A line naming a role alone, with no occasion: "Ambassador and Permanent Representative of Canada to the United Nations". */
function isRoleLine(line: string): boolean {
  return (
    line.length <= 140 &&
    ROLE_LINE.test(line) &&
    !SENTENCE_END.test(line) &&
    !/(?:^|[,\s])(?:at|on|before|during)\s|,\s*(?:au|aux|à|lors|sur|pendant|devant)\s/iu.test(line) &&
    !/\b(?:message|statement|remarks|déclaration|allocution|discours)\b/iu.test(line)
  );
}

/** A role read as a speaker's name: "THE SECRETARY-GENERAL" → "Secretary-General". */
function roleName(line: string): string {
  const bare = line.replace(/^(?:the|le|la|l['’])\s*/iu, '').trim();
  if (/\p{Ll}/u.test(bare)) return capitalize(bare);
  const french = /[ÉÈÊÀÂÎÔÛÇ]|\b(?:SECR[ÉE]TAIRE|MINISTRE|PREMIER|PREMIÈRE|AMBASSADEUR|AMBASSADRICE)\b/u.test(
    bare,
  );
  return capitalize(french ? recase(bare, 'fr') : recase(bare, 'en'));
}

/** What a dateline says besides its date, place and publisher, when that is a title ("Message … - 24 octobre 2022"). */
function titleBesideDate(line: string): string | undefined {
  const found = findDate(line);
  if (!found) return undefined;
  const rest = `${line.slice(0, found.index)} - ${line.slice(found.index + found.length)}`
    .replace(/\/CNW\/.*$/u, '')
    .split(/\s+[-–—|]\s+|^[-–—|]\s+|\s+[-–—|]$/u)
    .map((part) => part.replace(/(?:^|\s)(?:le|on|the)\s*$/iu, '').replace(/^[\s,]+|[\s,]+$/gu, ''))
    .filter((part) => part.split(/\s+/u).length >= 2 && !isPlaceLike(part) && !isPublisherName(part))
    .join(' - ');
  return rest.split(/\s+/u).length >= 6 && /\p{Ll}/u.test(rest) ? rest : undefined;
}

/**
 * Reads the lines of a title block: the title, the date, the place, the speaker and,
 * when the title names it, the forum; then weighs the title and the date against the
 * file's declared ones, and says what it is not sure of. Lines that are front matter (a
 * security marking, a contract number, a labelled contract date, an address…) are never
 * taken for the title or the date.
 * @example readTitleBlock(['General Assembly Interactive Dialogue', 'Statement by Ambassador Michael Grant', 'New York, September 6, 2016']).speaker?.name // => 'Ambassador Michael Grant'
 */
export function readTitleBlock(lines: readonly string[], options: TitleBlockOptions = {}): TitleReading {
  const setAside: SetAside[] = [...(options.setAside ?? [])];
  const dates: Array<{ date: string; line: string }> = [];
  const months: Array<{ month: string; line: string }> = [];
  let place: string | undefined;
  let speaker: TitleBlock['speaker'];
  let speakerLine: string | undefined;
  let speakerIsTitle = false;
  const titleLines: string[] = [];
  /** A place-like title line just above the first dateline ("New York" / "21 September 2017"). */
  let placeAbove: string | undefined;
  let lastWasTitle = false;
  let lastWasSpeaker = false;
  const read = lines.flatMap(splitTitleLine);
  for (const [index, line] of read.entries()) {
    const kind = boilerplateKind(line);
    if (kind || isDocumentPart(line)) {
      setAside.push({
        value: line,
        from: 'the title block',
        why: kind ? boilerplateNames[kind] : 'the name of a part of the document',
        field: kind === 'labelled_date' ? 'date' : 'title',
      });
      lastWasTitle = false;
      lastWasSpeaker = false;
      continue;
    }
    if (isDateLine(line)) {
      const first = dates.length + months.length === 0;
      const date = parseDate(line);
      if (date) dates.push({ date, line });
      else months.push({ month: parseMonth(line)!, line });
      if (first) {
        place ??= readPlace(line);
        if (!place && lastWasTitle && isPlaceLine(titleLines.at(-1)!) && !MEETING.test(titleLines.at(-1)!))
          placeAbove = titleLines.at(-1);
      }
      const beside = titleBesideDate(line);
      const besideBy = beside && !speaker ? readSpeakerLine(beside) : undefined;
      if (beside && besideBy) {
        speaker = { name: besideBy.name, ...(besideBy.role ? { role: besideBy.role } : {}) };
        speakerLine = beside;
        speakerIsTitle = besideBy.occasion;
      } else if (beside) titleLines.push(beside);
      lastWasTitle = false;
      lastWasSpeaker = false;
      continue;
    }
    const afterSpeaker = lastWasSpeaker;
    lastWasTitle = false;
    lastWasSpeaker = false;
    const by = speaker ? undefined : readSpeakerLine(line);
    if (by) {
      speaker = { name: by.name, ...(by.role ? { role: by.role } : {}) };
      speakerLine = line;
      speakerIsTitle = by.occasion;
      lastWasSpeaker = true;
      continue;
    }
    // A role alone: the speaker when none is named yet ("THE SECRETARY-GENERAL"), else the
    // role of the speaker just named ("Statement by H.E. X" / "Ambassador and Permanent Representative …").
    if (isRoleLine(line)) {
      if (!speaker && isRoleOnly(line.replace(/^(?:the|le|la|l['’])\s*/iu, ''))) {
        speaker = { name: roleName(line) };
        continue;
      }
      if (afterSpeaker && speaker && !speaker.role && !isRoleOnly(speaker.name)) {
        speaker = { ...speaker, role: recase(line.replace(/[.;,]$/u, ''), guessLanguage(line)) };
        lastWasSpeaker = false;
        continue;
      }
    }
    // A person's name next to a speaker named by a role only is the role's holder
    // ("Message du Secrétaire général …" / "António Guterres"): never glued into the title.
    const person = readPersonLine(line);
    const below = afterSpeaker && speaker !== undefined && isRoleOnly(speaker.name);
    const next = !speaker && read[index + 1] !== undefined ? readSpeakerLine(read[index + 1]!) : undefined;
    const above = next !== undefined && isRoleOnly(next.name);
    if (person && (person.role || below || above)) {
      if (!speaker)
        speaker = {
          name: person.name,
          ...((person.role ?? next?.name) ? { role: person.role ?? next!.name } : {}),
        };
      else if (isRoleOnly(speaker.name)) speaker = { name: person.name, role: person.role ?? speaker.name };
      else if (!speaker.role && person.role) speaker = { ...speaker, role: person.role };
      continue;
    }
    if (
      dates.length + months.length > 0 &&
      !place &&
      (titleLines.length > 0 || speakerLine) &&
      isPlaceLine(line)
    ) {
      place = toPlaceCase(line);
      continue;
    }
    titleLines.push(line);
    lastWasTitle = true;
  }
  if (!place && placeAbove && (titleLines.length > 1 || speakerIsTitle)) {
    titleLines.splice(titleLines.lastIndexOf(placeAbove), 1);
    place = toPlaceCase(placeAbove);
  }
  if (speakerLine && (speakerIsTitle || titleLines.length === 0)) titleLines.unshift(speakerLine);
  const distinct = titleLines.filter((line, k) => k === 0 || titleKey(line) !== titleKey(titleLines[k - 1]!));
  const joined = distinct.join(' ').replace(/\s+/g, ' ').trim() || undefined;
  const language = options.language ?? guessLanguage(joined ?? '');
  // A title in capitals in running case, the speaker's name as a name.
  const recased = joined && recase(joined, language);
  const blockTitle =
    recased && speaker && recased !== joined
      ? recased.replace(new RegExp(speaker.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu'), speaker.name)
      : recased;
  const spoken = speakerIsTitle && joined ? readSpeakerLine(joined) : undefined;
  const forum = spoken?.at
    ? forumOf(spoken.at, BY_EN.test(joined!) || POSSESSIVE_EN.test(joined!) ? 'en' : 'fr')
    : blockTitle && !spoken
      ? forumInTitle(blockTitle)
      : undefined;

  const title = chooseTitle(blockTitle, setAside, options);
  const date = chooseDate(dates, months, setAside, options.metadata);
  return {
    title: title.title,
    date: date.date,
    place,
    speaker,
    forum,
    doubts: [title.doubt, date.doubt].filter((doubt): doubt is Doubt => doubt !== undefined),
  };
}

/** French or English from a title's words, for recasing a title in capitals. */
const guessLanguage = (text: string): Language =>
  /\b(?:DE|DU|DES|LA|LE|LES|ET|AU|AUX|SUR|POUR|DÉCLARATION|MESSAGE\s+DU)\b|[ÀÂÇÉÈÊËÎÏÔÛÙÜŸŒ]/iu.test(text) &&
  !/\b(?:THE|OF|AND|ON|AT|BY)\b/iu.test(text)
    ? 'fr'
    : 'en';

/** Folded words of a title, to compare two titles loosely. */
export const titleKey = (title: string) =>
  foldText(title)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * True when two titles are the same title, loosely: the same words, one holding the
 * other, or nearly all their words in common.
 * @example isSameTitle('Statement on Haiti - Canada.ca', 'Statement on Haiti') // => true
 */
export function isSameTitle(a: string, b: string): boolean {
  const [x, y] = [titleKey(a), titleKey(b)];
  if (!x || !y) return false;
  if (x === y || ` ${x} `.includes(` ${y} `) || ` ${y} `.includes(` ${x} `)) return true;
  const wordsOf = (key: string) => new Set(key.split(' ').filter((word) => word.length > 2));
  const [p, q] = [wordsOf(x), wordsOf(y)];
  const shared = [...p].filter((word) => q.has(word)).length;
  return shared / Math.max(1, Math.min(p.size, q.size)) >= 0.8 && shared / Math.max(p.size, q.size) >= 0.6;
}

/** A site's or publisher's name after a title: " - Canada.ca", " | Prime Minister of Canada". */
const SITE_TAIL = /\s+[-–—|:]\s+([^-–—|]{2,80})$/u;
const SITE_NAME =
  /^(?:canada\.ca|[\w.-]+\.(?:ca|com|org|int|net)|prime\s+minister\s+of\s+canada|premier\s+ministre\s+du\s+canada|united\s+nations|nations\s+unies|un\s+news|onu\s+info|news\s+releases?|communiqués?(?:\s+de\s+presse)?|statements?|déclarations?|speeches|discours)$/iu;

/**
 * A declared title without the site's name a page's `<title>` adds.
 * @example cleanDeclaredTitle('Statement on Haiti - Canada.ca') // => 'Statement on Haiti'
 */
export function cleanDeclaredTitle(text: string): string {
  let title = text.replace(/\s+/g, ' ').trim();
  for (let k = 0; k < 3; k++) {
    const tail = SITE_TAIL.exec(title);
    if (!tail || !(SITE_NAME.test(tail[1]!.trim()) || isPublisherName(tail[1]!))) break;
    title = title.slice(0, tail.index).trim();
  }
  return title.replace(/^Microsoft\s+(?:Word|PowerPoint)\s+-\s+/iu, '');
}

/** Why a title a file declares is not one: a file name, a placeholder, front matter, the other language. */
function refuseDeclaredTitle(title: string, language: Language | undefined): string | undefined {
  if (title.length < 4) return 'too short to be a title';
  if (
    /\.(?:docx?|pdf|rtf|txt|html?|odt|indd|pptx?)$/iu.test(title) ||
    (/^[\w-]+$/u.test(title) && /[_\d]/.test(title))
  )
    return 'a file name';
  if (!/\p{Lu}/u.test(title)) return 'a file label, not a title (no capital letter)';
  if (
    /^(?:title|titre|untitled|sans\s+titre|document\d*|présentation|presentation|powerpoint\s+presentation|template|modèle|draft|ébauche)$/iu.test(
      title,
    )
  )
    return 'a placeholder';
  const kind = boilerplateKind(title);
  if (kind) return boilerplateNames[kind];
  if (isDocumentPart(title)) return 'the name of a part of the document';
  const written = title.split(/\s+/).length >= 3 ? languageOf(title) : undefined;
  if (language && written && written !== language)
    return language === 'en'
      ? 'in French, while the document is in English'
      : 'in English, while the document is in French';
  return undefined;
}

/** The language of a short title from its function words and accents; undefined when it cannot tell. */
function languageOf(title: string): Language | undefined {
  const folded = ` ${title.toLowerCase()} `;
  const fr =
    (folded.match(/\s(?:(?:de|du|des|la|le|les|et|au|aux|sur|pour|à)\s|[dl]['’]\p{L})/gu) ?? []).length +
    (folded.match(/[àâçéèêëîïôûùüÿœ]/gu) ?? []).length * 0.5;
  const en = (folded.match(/\s(?:the|of|and|on|at|to|for|by|in|with)\s/gu) ?? []).length;
  return fr > en ? 'fr' : en > fr ? 'en' : undefined;
}

const quoteList = (items: readonly SetAside[]) =>
  items
    .slice(0, 3)
    .map((item) => `"${item.value}" is ${item.why}`)
    .join('; ');

/** The title: the title block's, else one the file declares; with a doubt when it is not sure. */
function chooseTitle(
  blockTitle: string | undefined,
  setAside: readonly SetAside[],
  options: TitleBlockOptions,
): { title?: string; doubt?: Doubt } {
  const plausible: Array<{ value: string; from: string }> = [];
  const refused: SetAside[] = [];
  for (const declared of options.metadata?.titles ?? []) {
    const value = cleanDeclaredTitle(declared.text);
    const why = refuseDeclaredTitle(value, options.language);
    if (why) refused.push({ value: declared.text, from: declared.from, why, field: 'title' });
    else if (!plausible.some((other) => isSameTitle(other.value, value)))
      plausible.push({ value, from: declared.from });
  }
  if (blockTitle) {
    const others = plausible.filter((other) => !isSameTitle(other.value, blockTitle));
    if (others.length === 0) return { title: blockTitle };
    return {
      title: blockTitle,
      doubt: {
        field: 'title',
        chosen: blockTitle,
        candidates: others,
        reason: `the title block and the file's properties (${others.map((o) => o.from).join(', ')}) give different titles; the title block's is used: check which is the statement's`,
        kind: 'conflict',
      },
    };
  }
  const [first, ...rest] = plausible;
  if (first) {
    return {
      title: first.value,
      doubt: {
        field: 'title',
        chosen: first.value,
        candidates: rest,
        reason:
          rest.length > 0
            ? `no title in the title block, and the file's properties give different titles; the one from ${first.from} is used: check which is the statement's`
            : `no title in the title block; the file's properties give one (${first.from}): check it is the statement's title`,
        kind: rest.length > 0 ? 'conflict' : 'weak',
      },
    };
  }
  const all = [...setAside.filter((item) => item.field === 'title'), ...refused];
  return {
    doubt: {
      field: 'title',
      candidates: all.slice(0, 4).map(({ value, from }) => ({ value, from })),
      reason:
        all.length > 0
          ? `no title found (${quoteList(all)}): give the title`
          : "no title found in the title block or the file's properties: give the title",
      kind: 'none_found',
    },
  };
}

const DATE_KIND_WORDS: Record<'issued' | 'created' | 'modified', string> = {
  issued: 'the date it was issued',
  created: 'the day the file was created',
  modified: 'the day the file was last changed',
};

/** The date: the title block's, else one the file declares (issued before created or modified); with a doubt when not sure. */
function chooseDate(
  dates: ReadonlyArray<{ date: string; line: string }>,
  months: ReadonlyArray<{ month: string; line: string }>,
  setAside: readonly SetAside[],
  metadata: DocumentMetadata | undefined,
): { date?: string; doubt?: Doubt } {
  const rank = { issued: 0, created: 1, modified: 2 } as const;
  const declared = (metadata?.dates ?? [])
    .filter((d) => /^\d{4}-\d{2}(?:-\d{2})?$/.test(d.date))
    .map((d, k) => ({ ...d, k }))
    .sort((a, b) => rank[a.kind] - rank[b.kind] || a.k - b.k);
  const declaredCandidates = (except?: string) => {
    const seen = new Set<string>(except ? [except] : []);
    return declared
      .filter((d) => !seen.has(d.date) && seen.add(d.date))
      .map((d) => ({ value: d.date, from: `${d.from} (${d.kind})` }));
  };
  const [first] = dates;
  if (first) {
    const others = [...new Set(dates.map((d) => d.date))].filter((date) => date !== first.date);
    if (others.length === 0) return { date: first.date };
    return {
      date: first.date,
      doubt: {
        field: 'date',
        chosen: first.date,
        candidates: others.map((value) => ({ value, from: 'the title block' })),
        reason:
          'the title block gives more than one date; the first is used: check it is the day of the statement',
        kind: 'conflict',
      },
    };
  }
  const [month] = months;
  if (month)
    return {
      doubt: {
        field: 'date',
        chosen: month.month,
        candidates: declaredCandidates(),
        reason: `only the month is given ("${month.line}"); the day is never guessed: give the date`,
        kind: 'month_only',
      },
    };
  const [best] = declared;
  if (best) {
    if (best.date.length === 7)
      return {
        doubt: {
          field: 'date',
          chosen: best.date,
          candidates: declaredCandidates(best.date),
          reason: `no date in the title block, and the file's properties give only a month (${best.from}); the day is never guessed: give the date`,
          kind: 'month_only',
        },
      };
    return {
      date: best.date,
      doubt: {
        field: 'date',
        chosen: best.date,
        candidates: declaredCandidates(best.date),
        reason: `no date in the title block; the file's properties give ${DATE_KIND_WORDS[best.kind]} (${best.from}): check it is the day of the statement`,
        kind: 'weak',
      },
    };
  }
  const refused = setAside.filter((item) => item.field === 'date');
  return {
    doubt: {
      field: 'date',
      candidates: refused.slice(0, 4).map(({ value, from }) => ({ value, from })),
      reason:
        refused.length > 0
          ? `no date found (${quoteList(refused)}): give the date`
          : "no date found in the title block or the file's properties: give the date",
      kind: 'none_found',
    },
  };
}
