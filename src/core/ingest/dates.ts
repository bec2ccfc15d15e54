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

const MONTH = '([a-z]+)\\.?';
const DAY = '(\\d{1,2})(?:er|st|nd|rd|th)?';
const YEAR = '(\\d{4})';
const PATTERNS: Array<{
  regex: RegExp;
  order: ['day' | 'month' | 'year', 'day' | 'month' | 'year', 'day' | 'month' | 'year'];
}> = [
  { regex: new RegExp(`\\b${YEAR}-(\\d{2})-(\\d{2})\\b`), order: ['year', 'month', 'day'] },
  { regex: new RegExp(`\\b${DAY}\\s+${MONTH},?\\s+${YEAR}\\b`), order: ['day', 'month', 'year'] },
  { regex: new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`), order: ['month', 'day', 'year'] },
];

/**
 * Finds a date written in English or French and returns it as YYYY-MM-DD.
 * @example parseDate('le 6 septembre 2016') // => '2016-09-06'
 * @example parseDate('September 6, 2016') // => '2016-09-06'
 */
export function parseDate(text: string): string | undefined {
  const folded = foldText(text);
  for (const { regex, order } of PATTERNS) {
    for (const match of folded.matchAll(new RegExp(regex, 'g'))) {
      const parts: Record<string, string> = {};
      order.forEach((name, i) => {
        parts[name] = match[i + 1]!;
      });
      const month = /^\d+$/.test(parts.month!) ? Number(parts.month) : MONTHS[parts.month!];
      const day = Number(parts.day);
      const year = Number(parts.year);
      if (!month || day < 1 || day > 31) continue;
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const date = new Date(`${iso}T00:00:00Z`);
      if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso)) return iso;
    }
  }
  return undefined;
}
