import { contentTokens, termsOf } from '../analysis/analyzer.ts';
import type { Bilingual, Language, ParagraphRecord, Statement } from '../corpus.ts';
import { splitSentences } from '../quote.ts';
import type { CompiledTheme } from './tagging.ts';

/** How generated summaries are made. */
export interface SummaryOptions {
  /** Sentences kept at most. */
  maxSentences: number;
  /** Longest sentence kept whole, in characters; longer ones are cut with "…". */
  maxSentenceLength: number;
  /** MMR trade-off between relevance (1) and diversity (0). */
  lambda: number;
}

export const defaultSummaryOptions: SummaryOptions = { maxSentences: 2, maxSentenceLength: 200, lambda: 0.7 };

export interface ThemeSummary extends Bilingual {
  /** 'curated': written by hand in the statement file; 'extract': sentences of the statement, chosen and shortened. */
  origin: 'curated' | 'extract';
  /** Paragraphs the summary cites. */
  cites: number[];
}

/** The ¶ numbers a text cites: "(¶16–17)" → [16, 17], "(¶3, ¶18)" → [3, 18]. */
export function citedParagraphs(text: string): number[] {
  const cited = new Set<number>();
  for (const match of text.matchAll(/¶\s*(\d+)(?:\s*[-–]\s*(\d+))?/g)) {
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : from;
    for (let n = from; n <= Math.min(to, from + 500); n++) cited.add(n);
  }
  return [...cited].sort((a, b) => a - b);
}

interface Candidate {
  paragraph: ParagraphRecord;
  index: number;
  vector: Map<string, number>;
  score: number;
  /** Theme keywords the sentence holds. */
  hits: number;
  length: number;
}

/**
 * The summary of a theme in one statement: the curated text when the statement has
 * one, else an extract: the theme's most central sentences (TF-IDF centroid), kept
 * diverse with MMR, shortened, each with its paragraph number, in both languages.
 * An extract only ever repeats the statement's own words.
 */
export function buildThemeSummary(
  theme: CompiledTheme,
  statement: Statement,
  paragraphs: readonly ParagraphRecord[],
  options: SummaryOptions = defaultSummaryOptions,
): ThemeSummary | undefined {
  const curated = statement.summaries?.[theme.theme.id];
  if (curated)
    return { ...curated, origin: 'curated', cites: citedParagraphs(`${curated.en} ${curated.fr}`) };
  if (paragraphs.length === 0) return undefined;
  const language: Language = paragraphs.every((p) => p.text.en)
    ? 'en'
    : paragraphs.every((p) => p.text.fr)
      ? 'fr'
      : 'en';

  const candidates: Candidate[] = [];
  for (const paragraph of paragraphs) {
    const version = paragraph.text[language] ?? paragraph.text[paragraph.delivered]!;
    const lang = paragraph.text[language] ? language : paragraph.delivered;
    splitSentences(version.text, lang).forEach(({ start, end }, index) => {
      const tokens = contentTokens(version.text.slice(start, end), lang).filter((token) => !token.joined);
      if (tokens.length < 4) return; // a salutation or a thank-you says nothing to summarise
      const vector = new Map<string, number>();
      for (const token of tokens) {
        const term = termsOf(token, lang).at(-1)!;
        vector.set(term, (vector.get(term) ?? 0) + 1);
      }
      const forms = new Set(tokens.flatMap((token) => termsOf(token, lang)));
      const hits = theme.keywords[lang].filter((keyword) =>
        keyword.every((word) => word.some((f) => forms.has(f))),
      ).length;
      candidates.push({ paragraph, index, vector, score: 0, hits, length: end - start });
    });
  }
  if (candidates.length === 0) return undefined;
  weighByIdf(candidates);
  const centroid = new Map<string, number>();
  for (const candidate of candidates) {
    for (const [term, weight] of candidate.vector)
      centroid.set(term, (centroid.get(term) ?? 0) + weight / candidates.length);
  }
  const maxHits = Math.max(1, ...candidates.map((candidate) => candidate.hits));
  for (const candidate of candidates) {
    const relevance = 0.5 * cosine(candidate.vector, centroid) + 0.5 * (candidate.hits / maxHits);
    // A sentence that would have to be cut reads worse than one that fits.
    candidate.score = candidate.length > options.maxSentenceLength ? 0.8 * relevance : relevance;
  }

  const chosen: Candidate[] = [];
  while (chosen.length < Math.min(options.maxSentences, candidates.length)) {
    let best: Candidate | undefined;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const candidate of candidates) {
      if (chosen.includes(candidate)) continue;
      const redundancy = Math.max(0, ...chosen.map((other) => cosine(candidate.vector, other.vector)));
      const value = options.lambda * candidate.score - (1 - options.lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = candidate;
      }
    }
    chosen.push(best!);
  }
  chosen.sort((a, b) => a.paragraph.n - b.paragraph.n || a.index - b.index);
  const render = (target: Language) =>
    chosen
      .map(
        (candidate) =>
          `${shorten(sentenceIn(candidate, target), options.maxSentenceLength)} (¶${candidate.paragraph.n}).`,
      )
      .join(' ');
  return {
    en: render('en'),
    fr: render('fr'),
    origin: 'extract',
    cites: [...new Set(chosen.map((c) => c.paragraph.n))],
  };
}

/** The chosen sentence in a language: the same sentence of the counterpart when both split alike, else the whole text. */
function sentenceIn(candidate: Candidate, language: Language): string {
  const { paragraph, index } = candidate;
  const version = paragraph.text[language] ?? paragraph.text[paragraph.delivered]!;
  const lang = paragraph.text[language] ? language : paragraph.delivered;
  const sentences = splitSentences(version.text, lang);
  const reference = splitSentences(
    (paragraph.text.en ?? paragraph.text.fr)!.text,
    paragraph.text.en ? 'en' : 'fr',
  );
  const span = sentences.length === reference.length ? sentences[index] : undefined;
  const text = span ? version.text.slice(span.start, span.end) : version.text;
  return text
    .trim()
    .replace(/^(?:And|But|Et|Mais),?\s+/u, '')
    .replace(/^(?:Mr\.|Madam|Monsieur le|Madame la) (?:President|Président|Présidente),\s*/u, '')
    .replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** Cuts a sentence at a word boundary and drops its final stop, so the citation can follow. */
function shorten(sentence: string, max: number): string {
  const text = sentence.replace(/[.;:!?…]+$/u, '');
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > 0 ? cut : max).replace(/[,;:]$/, '')} …`;
}

function weighByIdf(candidates: Candidate[]) {
  const df = new Map<string, number>();
  for (const candidate of candidates)
    for (const term of candidate.vector.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  for (const candidate of candidates) {
    for (const [term, tf] of candidate.vector) {
      candidate.vector.set(term, tf * (1 + Math.log(candidates.length / df.get(term)!)));
    }
  }
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, weight] of a) {
    na += weight * weight;
    dot += weight * (b.get(term) ?? 0);
  }
  for (const weight of b.values()) nb += weight * weight;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
