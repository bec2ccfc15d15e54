import { foldText } from '../analysis/normalize.ts';
import { parseDate } from './dates.ts';

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

const SENTENCE_END = /[.!?…:;]["»”’)]*$/u;
const SALUTATION =
  /^(?:mr\.?|mrs\.?|ms\.?|madam|madame|monsieur|mesdames|messieurs|excellenc|distinguished|dear|chers?|chères?|thank\s+you|merci|your\s+(?:excellency|majesty)|honourable|co-?chairs?|colleagues|friends)\b/iu;

/** "Statement by …", "Remarks by …", "Message from …" and their French forms. */
const BY_EN =
  /^(?:(?:joint|opening|closing|canadian|canada['’]s)\s+)?(?:statement|remarks|address|speech|message|intervention|keynote\s+address|notes\s+for\s+(?:an?\s+)?(?:address|speech|remarks))\s+(?:delivered\s+|issued\s+|made\s+|given\s+)?(?:by|from)\s+(.+)$/iu;
const BY_FR =
  /^(?:déclaration|allocution|discours|intervention|message|remarques|notes\s+d['’]allocution)\s+(?:conjointe\s+|liminaire\s+)?(?:prononcée?s?\s+|faite\s+|livrée?\s+)?(?:(?:par|de)\s+(?:la\s+|l['’]\s*|le\s+)?|du\s+|des\s+|d['’]\s*)(.+)$/iu;

/** Where the speaker's name ends and the occasion begins. */
const OCCASION_EN = /\s(?:on|at|regarding|concerning|following|marking|during|before|for)\s/iu;
const OCCASION_FR =
  /\s(?:à\s+l['’]occasion|au\s+sujet|concernant|sur|lors|à|au|aux|pour|devant|suite|en\s+l['’]honneur)(?=\s)/iu;
/** The meeting named in a title: "… at the X", "… au X", "… lors de la X". */
const FORUM_EN = /\s(?:at|to|before)\s+(?:the\s+)?((?:UN|United\s+Nations|\d|[A-Z]).+)$/u;
const FORUM_FR =
  /\s(?:au|à\s+la|à\s+l['’]|aux|lors\s+d[eu]\s+(?:la\s+|l['’])?|devant\s+(?:le\s+|la\s+|l['’]))\s*((?:\p{Lu}|\d).+)$/u;

const MEETING =
  /\b(?:UN|U\.N\.|assembly|assemblée|council|conseil|conference|conférence|summit|sommet|meeting|réunion|session|debate|débat|dialogue|committee|comité|forum)\b/iu;
const COUNTRY_ONLY =
  /^(?:canada|the\s+delegation\s+of\s+canada|government\s+of\s+canada|gouvernement\s+du\s+canada)$/iu;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Reads a speaker line: "Statement by Ambassador X, Deputy Permanent Representative of
 * Canada to the United Nations", "Statement by the Prime Minister on United Nations Day",
 * "Déclaration du premier ministre à l'occasion de …". Returns the speaker and whether
 * the line also names an occasion (then it is the title too).
 * @example readSpeakerLine('Statement by the Prime Minister on United Nations Day') // => { name: 'Prime Minister', occasion: true }
 */
export function readSpeakerLine(
  line: string,
): { name: string; role?: string; occasion: boolean } | undefined {
  const match = BY_EN.exec(line) ?? BY_FR.exec(line);
  if (!match) return undefined;
  const french = !BY_EN.test(line);
  const rest = match[1]!.trim();
  const comma = rest.indexOf(',');
  let namePart = comma >= 0 ? rest.slice(0, comma) : rest;
  let rolePart = comma >= 0 ? rest.slice(comma + 1) : '';
  const occasion = (french ? OCCASION_FR : OCCASION_EN).exec(namePart);
  let hasOccasion = false;
  if (occasion) {
    namePart = namePart.slice(0, occasion.index);
    rolePart = '';
    hasOccasion = true;
  } else if (rolePart) {
    const roleEnd = /,?\s(?:at|on|before|during|à\s+l['’]occasion|lors|devant)\s/iu.exec(rolePart);
    if (roleEnd) {
      rolePart = rolePart.slice(0, roleEnd.index);
      hasOccasion = true;
    }
  }
  const name = capitalize(namePart.replace(/^(?:the|la|le|l['’])\s*/iu, '').trim());
  if (!name || COUNTRY_ONLY.test(name)) return undefined;
  const role = rolePart.trim().replace(/[.;]$/, '');
  return { name, ...(role ? { role } : {}), occasion: hasOccasion };
}

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
    words.every((word) => /^[\p{Lu}(]/u.test(word) || /^(?:de|du|la|le|d['’]\p{L}+)$/u.test(word))
  );
}

const toPlaceCase = (text: string) =>
  text === text.toUpperCase() && /\p{L}{3}/u.test(text)
    ? text
        .toLowerCase()
        .replace(/(^|[\s(-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase())
    : text;

/** True for a line a title block may hold: a title, a speaker, a date or a place, a note. */
export function isTitleBlockLine(line: string): boolean {
  if (SALUTATION.test(line) && !BY_EN.test(line)) return false;
  if (parseDate(line) && line.length < 120) return true;
  if (BY_EN.test(line) || BY_FR.test(line)) return line.length < 300;
  return line.length <= 200 && !SENTENCE_END.test(line);
}

/** A line with a date, short enough to be a dateline rather than a sentence. */
export const isDateLine = (line: string) =>
  line.length < 120 && parseDate(line) !== undefined && !SENTENCE_END.test(line.replace(/\d\.$/, '0'));

/** A line naming a place only, as canada.ca writes below the date ("Ottawa, Ontario"). */
export const isPlaceLine = (line: string) => !SENTENCE_END.test(line) && isPlaceLike(line);

/**
 * Reads the lines of a title block: the title, the date, the place, the speaker and,
 * when the title names it, the forum.
 * @example readTitleBlock(['General Assembly Interactive Dialogue', 'Statement by Ambassador Michael Grant', 'New York, September 6, 2016']).speaker?.name // => 'Ambassador Michael Grant'
 */
export function readTitleBlock(lines: readonly string[]): TitleBlock {
  let date: string | undefined;
  let place: string | undefined;
  let speaker: TitleBlock['speaker'];
  let speakerLine: string | undefined;
  let speakerIsTitle = false;
  const titleLines: string[] = [];
  for (const line of lines) {
    if (!date && isDateLine(line)) {
      date = parseDate(line);
      place ??= readPlace(line);
      continue;
    }
    const by = readSpeakerLine(line);
    if (by && !speaker) {
      speaker = { name: by.name, ...(by.role ? { role: by.role } : {}) };
      speakerLine = line;
      speakerIsTitle = by.occasion;
      continue;
    }
    if (date && !place && isPlaceLine(line)) {
      place = toPlaceCase(line);
      continue;
    }
    titleLines.push(line);
  }
  if (speakerLine && (speakerIsTitle || titleLines.length === 0)) titleLines.unshift(speakerLine);
  const title = titleLines.join(' ').replace(/\s+/g, ' ').trim() || undefined;
  const forumMatch = title ? (FORUM_EN.exec(title) ?? FORUM_FR.exec(title)) : null;
  const forum = forumMatch && MEETING.test(forumMatch[1]!) ? forumMatch[1]!.replace(/[.:]$/, '') : undefined;
  return { title, date, place, speaker, forum };
}

/** Folded words of a title, to compare two titles loosely. */
export const titleKey = (title: string) =>
  foldText(title)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
