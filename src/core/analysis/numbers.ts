/**
 * Numbers written in digits, as ordinals and in words are one term in both languages, so
 * that "75th anniversary" finds "seventy-fifth anniversary" and « 75e » finds
 * « soixante-quinzième ». Words for numbers under ten ("one", "first", « premier ») are
 * left alone: they are mostly not numbers in a statement ("one of", "second", « un »); so is
 * « seize », an English verb too.
 * @example numberTerm('seventyfifth') // => '75'
 * @example numberTerm('75e') // => '75'
 */
export function numberTerm(term: string): string | undefined {
  const suffixed = DIGITS_WITH_SUFFIX.exec(term);
  if (suffixed) return String(Number(suffixed[1]));
  return numberWords.get(term);
}

/** "1st", "75th", "2nd", "75e", "75eme", "1er", "1re", "2de" (folded: no accents). */
const DIGITS_WITH_SUFFIX = /^(\d{1,4})(?:st|nd|rd|th|e|er|re|ere|eme|ieme|de|d)$/;

const englishUnits = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const englishTeens = 'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
  ' ',
);
const englishTens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const englishIrregular: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** An English number word made ordinal: "seventy" → "seventieth", "five" → "fifth". */
const englishOrdinal = (word: string) =>
  englishIrregular[word] ?? (word.endsWith('y') ? `${word.slice(0, -1)}ieth` : `${word}th`);

function englishWords(n: number): string {
  if (n < 10) return englishUnits[n]!;
  if (n < 20) return englishTeens[n - 10]!;
  return `${englishTens[Math.floor(n / 10)]}${englishUnits[n % 10]}`;
}

const frenchUnits = ['', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'];
const frenchTeens = 'dix onze douze treize quatorze quinze seize dixsept dixhuit dixneuf'.split(' ');
const frenchTens = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/** The French spellings of a number from 10 to 99, joined (hyphens and "et" as written). */
function frenchWords(n: number): string[] {
  if (n < 10) return [frenchUnits[n]!];
  if (n < 20) return [frenchTeens[n - 10]!];
  const ten = Math.floor(n / 10);
  const unit = n % 10;
  if (ten < 7) {
    const base = frenchTens[ten]!;
    if (unit === 0) return [base];
    if (unit === 1) return [`${base}etun`, `${base}un`];
    return [`${base}${frenchUnits[unit]}`];
  }
  if (ten === 7) return unit === 1 ? ['soixanteetonze', 'soixanteonze'] : [`soixante${frenchTeens[unit]}`];
  if (ten === 8) return unit === 0 ? ['quatrevingts', 'quatrevingt'] : [`quatrevingt${frenchUnits[unit]}`];
  return [`quatrevingt${frenchTeens[unit]}`];
}

/** A French number word made ordinal: "quinze" → "quinzieme", "cinq" → "cinquieme", "neuf" → "neuvieme". */
function frenchOrdinal(word: string): string {
  if (word.endsWith('cinq')) return `${word}uieme`;
  if (word.endsWith('neuf')) return `${word.slice(0, -1)}vieme`;
  if (word.endsWith('vingts')) return `${word.slice(0, -1)}ieme`;
  return `${word.endsWith('e') ? word.slice(0, -1) : word}ieme`;
}

/** Every number word from 10 to 99, the hundreds and a thousand, cardinal and ordinal, in both languages. */
const numberWords: ReadonlyMap<string, string> = (() => {
  const words = new Map<string, string>();
  for (let n = 10; n < 100; n++) {
    const english = englishWords(n);
    const last = n >= 20 && n % 10 !== 0 ? englishUnits[n % 10]! : english;
    const ordinal = english.slice(0, english.length - last.length) + englishOrdinal(last);
    words.set(english, String(n));
    words.set(ordinal, String(n));
    for (const french of frenchWords(n)) {
      words.set(french, String(n));
      words.set(frenchOrdinal(french), String(n));
    }
  }
  for (let unit = 2; unit < 10; unit++) {
    const value = String(unit * 100);
    words.set(`${englishUnits[unit]}hundred`, value);
    words.set(`${englishUnits[unit]}hundredth`, value);
    words.set(`${frenchUnits[unit]}cents`, value);
    words.set(`${frenchUnits[unit]}cent`, value);
    words.set(`${frenchUnits[unit]}centieme`, value);
  }
  // "seize" is also an English verb ("seize the moment"): only its ordinal is a number.
  words.delete('seize');
  for (const [word, value] of [
    ['hundred', '100'],
    ['hundredth', '100'],
    ['cent', '100'],
    ['centieme', '100'],
    ['thousand', '1000'],
    ['thousandth', '1000'],
    ['mille', '1000'],
    ['millieme', '1000'],
  ] as const)
    words.set(word, value);
  return words;
})();

/** Number words that a following number word may complete: tens ("seventy eight") and units before a hundred ("six cents"). */
const leading = new Set([
  ...englishTens.filter(Boolean),
  ...frenchTens.filter(Boolean),
  ...englishUnits.filter(Boolean),
  ...frenchUnits.filter(Boolean),
  'quatre',
  'soixante',
  'quatrevingt',
]);

/**
 * The number two neighbouring words write together, when they do ("seventy eight" → "78",
 * « six cents » → "600"); undefined otherwise.
 * @example spacedNumber('seventy', 'eight') // => '78'
 */
export function spacedNumber(first: string, second: string): string | undefined {
  if (!leading.has(first)) return undefined;
  return numberWords.get(`${first}${second}`);
}
