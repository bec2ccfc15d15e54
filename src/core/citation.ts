import type { Language, Statement } from './corpus.ts';

const MONTHS: Record<Language, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
};

/**
 * A date as a reader writes it: "6 September 2016", "1er septembre 2016".
 * @example formatDate('2016-09-06', 'fr') // => '6 septembre 2016'
 */
export function formatDate(iso: string, language: Language): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const dayText = language === 'fr' && day === 1 ? '1er' : String(day);
  return `${dayText} ${MONTHS[language][month - 1]} ${year}`;
}

/**
 * A moment for people, in UTC: "30 November 2026, 06:12 UTC", "30 novembre 2026, 6 h 12 UTC".
 * @example formatDateTime('2026-11-30T06:12:00.000Z', 'fr') // => '30 novembre 2026, 6 h 12 UTC'
 */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = formatDate(date.toISOString().slice(0, 10), language);
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  return language === 'fr'
    ? `${day}, ${hours} h ${minutes} UTC`
    : `${day}, ${String(hours).padStart(2, '0')}:${minutes} UTC`;
}

/**
 * The citation to paste into speaking notes.
 * @example buildCitation(statement, 14, 'en') // => 'Canada, UN General Assembly informal interactive dialogue on the Responsibility to Protect, New York, 6 September 2016, ¶14'
 */
export function buildCitation(
  statement: Statement,
  paragraph: number | [number, number] | undefined,
  language: Language,
) {
  const where =
    paragraph === undefined
      ? ''
      : Array.isArray(paragraph)
        ? `, ¶${paragraph[0]}–${paragraph[1]}`
        : `, ¶${paragraph}`;
  const place = statement.place ? `, ${statement.place[language]}` : '';
  return `${statement.country[language]}, ${statement.forum[language]}${place}, ${formatDate(statement.date, language)}${where}`;
}
