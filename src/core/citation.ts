import type { Language, Statement } from './corpus';

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
