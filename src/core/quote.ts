import { termsOf, tokenize } from './analysis/analyzer.ts';
import type { Language, Origin } from './corpus.ts';

/** A [start, end) range of characters to show as matched. */
export type Mark = [number, number];

export interface MarkedText {
  language: Language;
  text: string;
  origin: Origin;
  /** Ranges of matched words in `text`. */
  marks: Mark[];
}

/** Options for cutting quotes out of paragraphs. */
export interface QuoteOptions {
  /** Longest quote, in characters, before it is cut with "…". */
  maxLength: number;
}

export const defaultQuoteOptions: QuoteOptions = { maxLength: 320 };

const ABBREVIATION =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|M|MM|Mme|Mmes|Mlle|No|no|art|para|p|pp|cf|Cf|e\.g|i\.e|U\.N|U\.S|É\.-U|St|Ste|Jr|Sr|vol|etc)\.\s*$/u;
const segmenters = new Map<Language, Intl.Segmenter>();

/**
 * Splits one paragraph into sentences, mending Intl.Segmenter's breaks after
 * abbreviations such as "Mr." or "M.".
 * @example splitSentences('Mr. President, thank you. We agree.', 'en').length // => 2
 */
export function splitSentences(text: string, language: Language): Array<{ start: number; end: number }> {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    segmenters.set(language, segmenter);
  }
  const sentences: Array<{ start: number; end: number }> = [];
  for (const segment of segmenter.segment(text)) {
    const start = segment.index;
    const end = start + segment.segment.length;
    const previous = sentences.at(-1);
    if (previous && ABBREVIATION.test(text.slice(previous.start, previous.end))) previous.end = end;
    else sentences.push({ start, end });
  }
  return sentences;
}

/** The words of a text whose index terms were matched. */
export function markTerms(text: string, language: Language, matched: ReadonlySet<string>): Mark[] {
  if (matched.size === 0) return [];
  const marks: Mark[] = [];
  for (const token of tokenize(text)) {
    if (!termsOf(token, language).some((term) => matched.has(term))) continue;
    const last = marks.at(-1);
    if (last && token.start < last[1]) last[1] = Math.max(last[1], token.end);
    else marks.push([token.start, token.end]);
  }
  return marks;
}

/**
 * Cuts the best-matching sentences out of a paragraph, and the same sentences out of its
 * counterpart when both have as many sentences; marks matched words in both.
 */
export function buildQuote(
  version: { text: string; origin: Origin; language: Language },
  counterpart: { text: string; origin: Origin; language: Language } | undefined,
  matched: Record<Language, ReadonlySet<string>>,
  options: QuoteOptions = defaultQuoteOptions,
): { quote: MarkedText; counterpart: MarkedText | undefined; partial: boolean } {
  const sentences = splitSentences(version.text, version.language);
  const marks = markTerms(version.text, version.language, matched[version.language]);
  const [from, to] = bestWindow(sentences, marks, options.maxLength);
  const quote = cut(version, sentences, from, to, marks, options.maxLength);
  let other: MarkedText | undefined;
  if (counterpart) {
    const otherSentences = splitSentences(counterpart.text, counterpart.language);
    const otherMarks = markTerms(counterpart.text, counterpart.language, matched[counterpart.language]);
    other =
      otherSentences.length === sentences.length
        ? cut(counterpart, otherSentences, from, to, otherMarks, options.maxLength)
        : cut(counterpart, otherSentences, 0, otherSentences.length - 1, otherMarks, options.maxLength);
  }
  return { quote, counterpart: other, partial: quote.text !== version.text };
}

/** Marks a whole text (for paragraph answers). */
export function markWhole(
  version: { text: string; origin: Origin; language: Language },
  matched: ReadonlySet<string>,
): MarkedText {
  return { ...version, marks: markTerms(version.text, version.language, matched) };
}

/** The run of at most two sentences, within the length limit, with the most matched words. */
function bestWindow(
  sentences: ReadonlyArray<{ start: number; end: number }>,
  marks: readonly Mark[],
  maxLength: number,
): [number, number] {
  const whole = sentences.at(-1)!.end - sentences[0]!.start;
  if (whole <= maxLength && sentences.length <= 2) return [0, sentences.length - 1];
  let best: [number, number] = [0, 0];
  let bestScore = -1;
  for (let from = 0; from < sentences.length; from++) {
    for (let to = from; to < Math.min(sentences.length, from + 2); to++) {
      const start = sentences[from]!.start;
      const end = sentences[to]!.end;
      if (to > from && end - start > maxLength) break;
      const count = marks.filter(([s, e]) => s >= start && e <= end).length;
      // Prefer more matches; then a single sentence over two for the same matches.
      const score = count * 10 - (to - from);
      if (score > bestScore) {
        bestScore = score;
        best = [from, to];
      }
    }
  }
  return best;
}

function cut(
  version: { text: string; origin: Origin; language: Language },
  sentences: ReadonlyArray<{ start: number; end: number }>,
  from: number,
  to: number,
  marks: readonly Mark[],
  maxLength: number,
): MarkedText {
  let start = sentences[from]?.start ?? 0;
  let end = sentences[to]?.end ?? version.text.length;
  if (end - start > maxLength) {
    const inside = marks.filter(([s, e]) => s >= start && e <= end);
    const focus = inside[0]?.[0] ?? start;
    start = Math.max(start, focus - Math.floor(maxLength / 3));
    end = Math.min(end, start + maxLength);
    start = snapForward(version.text, start, sentences[from]?.start ?? 0);
    end = snapBack(version.text, end, sentences[to]?.end ?? version.text.length);
  }
  let raw = version.text.slice(start, end);
  const leading = raw.length - raw.trimStart().length;
  raw = raw.trim();
  start += leading;
  const prefix = start > 0 ? '… ' : '';
  const suffix = start + raw.length < version.text.trimEnd().length ? ' …' : '';
  const shift = prefix.length - start;
  const kept = marks
    .filter(([s, e]) => s >= start && e <= start + raw.length)
    .map(([s, e]): Mark => [s + shift, e + shift]);
  return {
    language: version.language,
    origin: version.origin,
    text: `${prefix}${raw}${suffix}`,
    marks: kept,
  };
}

function snapForward(text: string, at: number, floor: number) {
  if (at <= floor) return floor;
  const space = text.indexOf(' ', at);
  return space === -1 ? at : space + 1;
}

function snapBack(text: string, at: number, ceiling: number) {
  if (at >= ceiling) return ceiling;
  const space = text.lastIndexOf(' ', at);
  return space <= 0 ? at : space;
}
