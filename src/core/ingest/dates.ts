import { foldText } from '../analysis/normalize.ts';

/** Month names and their abbreviations in both languages, folded: « sept. », « août », "Oct". */
export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  janvier: 1,
  janv: 1,
  february: 2,
  feb: 2,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  march: 3,
  mar: 3,
  mars: 3,
  april: 4,
  apr: 4,
  avril: 4,
  avr: 4,
  may: 5,
  mai: 5,
  june: 6,
  jun: 6,
  juin: 6,
  july: 7,
  jul: 7,
  juillet: 7,
  juill: 7,
  juil: 7,
  august: 8,
  aug: 8,
  aout: 8,
  september: 9,
  sep: 9,
  sept: 9,
  septembre: 9,
  october: 10,
  oct: 10,
  octobre: 10,
  november: 11,
  nov: 11,
  novembre: 11,
  december: 12,
  dec: 12,
  decembre: 12,
};

const MONTH = '(\\p{L}+)\\.?';
const DAY = '(\\d{1,2})(?:er|st|nd|rd|th)?';
const YEAR = '(\\d{4})';
type Part = 'day' | 'month' | 'year';
const PATTERNS: Array<{ regex: RegExp; order: [Part, Part, Part] }> = [
  { regex: new RegExp(`\\b${YEAR}-(\\d{2})-(\\d{2})\\b`, 'gu'), order: ['year', 'month', 'day'] },
  { regex: new RegExp(`\\b${DAY}\\s+${MONTH}\\s*,?\\s+${YEAR}\\b`, 'giu'), order: ['day', 'month', 'year'] },
  { regex: new RegExp(`\\b${MONTH}\\s+${DAY}\\s*,?\\s+${YEAR}\\b`, 'giu'), order: ['month', 'day', 'year'] },
];

/** A month's number from its name or abbreviation in either language, whatever its case and accents. */
const monthNumber = (name: string): number | undefined =>
  /^\d+$/.test(name) ? Number(name) : MONTHS[foldText(name)];

/**
 * Finds a date written in English or French: its ISO form and where it stands in the text.
 * @example findDate('New York, le 6 septembre 2016') // => { iso: '2016-09-06', index: 13, length: 16 }
 */
export function findDate(text: string): { iso: string; index: number; length: number } | undefined {
  for (const { regex, order } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const parts: Partial<Record<Part, string>> = {};
      order.forEach((name, i) => {
        parts[name] = match[i + 1]!;
      });
      const month = monthNumber(parts.month!);
      const day = Number(parts.day);
      const year = Number(parts.year);
      if (!month || month > 12 || day < 1 || day > 31) continue;
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const date = new Date(`${iso}T00:00:00Z`);
      if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso))
        return { iso, index: match.index, length: match[0].length };
    }
  }
  return undefined;
}

/**
 * Finds a date written in English or French and returns it as YYYY-MM-DD.
 * @example parseDate('le 6 septembre 2016') // => '2016-09-06'
 * @example parseDate('September 6, 2016') // => '2016-09-06'
 * @example parseDate('OTTAWA, le 24 juill. 2019') // => '2019-07-24'
 */
export const parseDate = (text: string): string | undefined => findDate(text)?.iso;

const MONTH_YEAR = /(?<![\p{L}\d])(\p{L}+)\.?,?\s+(?:de\s+|d['’]\s*)?(\d{4})(?!\d)/giu;

/**
 * Finds a month given without its day ("July 2022", « juillet 2022 ») and returns it as
 * YYYY-MM; undefined when the text gives a whole date (the day is never invented).
 * @example parseMonth('Ottawa, juillet 2022') // => '2022-07'
 * @example parseMonth('6 July 2022') // => undefined
 */
export function parseMonth(text: string): string | undefined {
  if (findDate(text)) return undefined;
  for (const match of text.matchAll(MONTH_YEAR)) {
    const month = MONTHS[foldText(match[1]!)];
    if (!month) continue;
    // "6 July 2022" is a whole date (read above); "Report 6 July 2022" never reaches here.
    if (/\d\s*$/.test(text.slice(0, match.index))) continue;
    return `${match[2]}-${String(month).padStart(2, '0')}`;
  }
  return undefined;
}
