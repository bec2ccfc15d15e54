import { glossaryKey } from '../analysis/analyzer';
import { foldText, tokenize } from '../analysis/normalize';
import type { Glossary } from '../glossary';

/** Gale and Church's parameters, and how much shared anchors weigh. */
export interface AlignOptions {
  /** Expected French/English length ratio, in characters. */
  ratio: number;
  /** Variance of that ratio per character. */
  variance: number;
  /** Bead priors. */
  priors: Record<BeadKind, number>;
  /** Cost taken off a bead per anchor (number, name, acronym, glossary term) both sides share. */
  anchorBonus: number;
  /** Cost added per number found on one side only. */
  numberMismatch: number;
  /** Below this confidence a pair is flagged for review. */
  doubtfulBelow: number;
  /** Cost of leaving a passage unpaired (1-0, 0-1), on top of its prior. */
  unpairedCost: number;
}

export type BeadKind = '1-1' | '1-0' | '0-1' | '2-1' | '1-2' | '2-2';

export const defaultAlignOptions: AlignOptions = {
  ratio: 1.15,
  variance: 6.8,
  priors: { '1-1': 0.89, '2-1': 0.089, '1-2': 0.089, '2-2': 0.011, '1-0': 0.0099, '0-1': 0.0099 },
  anchorBonus: 3,
  numberMismatch: 4,
  doubtfulBelow: 0.5,
  unpairedCost: 3,
};

/** A pair of aligned passages: indexes into the English and French paragraph lists. */
export interface Bead {
  kind: BeadKind;
  en: number[];
  fr: number[];
  /** 0–1: how sure the pairing is, from the length fit and the anchors. */
  confidence: number;
  /** True when the pair should be checked by a person. */
  doubtful: boolean;
}

const moves: Array<{ kind: BeadKind; en: number; fr: number }> = [
  { kind: '1-1', en: 1, fr: 1 },
  { kind: '1-0', en: 1, fr: 0 },
  { kind: '0-1', en: 0, fr: 1 },
  { kind: '2-1', en: 2, fr: 1 },
  { kind: '1-2', en: 1, fr: 2 },
  { kind: '2-2', en: 2, fr: 2 },
];

/**
 * Aligns the paragraphs of two versions of one text by Gale and Church's length-based
 * dynamic programming, strengthened by anchors both versions share: numbers, names,
 * acronyms and glossary equivalents ("Security Council" ↔ "Conseil de sécurité").
 * @example alignParagraphs(['Thank you.'], ['Merci.']).map((b) => b.kind) // => ['1-1']
 */
export function alignParagraphs(
  en: readonly string[],
  fr: readonly string[],
  glossary?: Glossary,
  options: AlignOptions = defaultAlignOptions,
): Bead[] {
  const enAnchors = en.map((text) => anchorsOf(text, glossary));
  const frAnchors = fr.map((text) => anchorsOf(text, glossary));
  const input: AlignInput = { en, fr, enAnchors, frAnchors, options };
  const n = en.length;
  const m = fr.length;
  const cost: number[][] = Array.from({ length: n + 1 }, () =>
    new Array<number>(m + 1).fill(Number.POSITIVE_INFINITY),
  );
  const back: Array<Array<{ kind: BeadKind; en: number; fr: number } | undefined>> = Array.from(
    { length: n + 1 },
    () => new Array(m + 1).fill(undefined),
  );
  cost[0]![0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      for (const move of moves) {
        if (i < move.en || j < move.fr) continue;
        const previous = cost[i - move.en]![j - move.fr]!;
        if (!Number.isFinite(previous)) continue;
        const enSide = range(i - move.en, i);
        const frSide = range(j - move.fr, j);
        const total = previous + beadCost(move.kind, enSide, frSide, input);
        if (total < cost[i]![j]!) {
          cost[i]![j] = total;
          back[i]![j] = move;
        }
      }
    }
  }
  const beads: Bead[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const move = back[i]![j]!;
    const enSide = range(i - move.en, i);
    const frSide = range(j - move.fr, j);
    const confidence = beadConfidence(move.kind, enSide, frSide, input);
    beads.push({
      kind: move.kind,
      en: enSide,
      fr: frSide,
      confidence,
      doubtful: confidence < options.doubtfulBelow || move.kind === '1-0' || move.kind === '0-1',
    });
    i -= move.en;
    j -= move.fr;
  }
  return beads.reverse();
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const lengthOf = (side: readonly number[], texts: readonly string[]) =>
  side.reduce((sum, k) => sum + texts[k]!.length, 0);

/** P(δ | match) = 2(1 − Φ(|δ|)), with δ = (l₂ − c·l₁) / √(s²·(l₁ + l₂/c)/2). */
function lengthProbability(enLength: number, frLength: number, options: AlignOptions): number {
  if (enLength === 0 && frLength === 0) return 1;
  const mean = (enLength + frLength / options.ratio) / 2;
  const delta = (frLength - options.ratio * enLength) / Math.sqrt(options.variance * Math.max(mean, 1));
  return Math.max(2 * (1 - normalCdf(Math.abs(delta))), 1e-12);
}

/** Both versions, their anchors and the parameters: what every bead is weighed against. */
interface AlignInput {
  en: readonly string[];
  fr: readonly string[];
  enAnchors: readonly Anchors[];
  frAnchors: readonly Anchors[];
  options: AlignOptions;
}

interface Anchors {
  numbers: Set<string>;
  others: Set<string>;
}

function beadCost(
  kind: BeadKind,
  enSide: readonly number[],
  frSide: readonly number[],
  input: AlignInput,
): number {
  const { en, fr, enAnchors, frAnchors, options } = input;
  // A passage left unpaired has no length to compare: its prior and a fixed cost decide.
  if (enSide.length === 0 || frSide.length === 0)
    return options.unpairedCost - Math.log(options.priors[kind]);
  const lengthCost = -Math.log(lengthProbability(lengthOf(enSide, en), lengthOf(frSide, fr), options));
  const { shared, mismatched } = compareAnchors(enSide, frSide, enAnchors, frAnchors);
  return (
    lengthCost -
    Math.log(options.priors[kind]) -
    options.anchorBonus * shared +
    options.numberMismatch * mismatched
  );
}

function beadConfidence(
  kind: BeadKind,
  enSide: readonly number[],
  frSide: readonly number[],
  input: AlignInput,
): number {
  const { en, fr, enAnchors, frAnchors, options } = input;
  if (enSide.length === 0 || frSide.length === 0) return 0.2;
  // Length alone is a weak witness for one pair (δ of 1 is common), so it is read leniently.
  const length = lengthProbability(lengthOf(enSide, en), lengthOf(frSide, fr), {
    ...options,
    variance: options.variance * 4,
  });
  const { shared, mismatched, total } = compareAnchors(enSide, frSide, enAnchors, frAnchors);
  const anchors = total === 0 ? 0.6 : Math.min(1, (shared + 1) / (total + 1));
  const score = 0.6 * length + 0.4 * anchors - 0.25 * Math.min(mismatched, 2) - (kind === '1-1' ? 0 : 0.1);
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

function compareAnchors(
  enSide: readonly number[],
  frSide: readonly number[],
  enAnchors: readonly Anchors[],
  frAnchors: readonly Anchors[],
) {
  const union = (side: readonly number[], anchors: readonly Anchors[], key: keyof Anchors) =>
    new Set(side.flatMap((k) => [...anchors[k]![key]]));
  const enNumbers = union(enSide, enAnchors, 'numbers');
  const frNumbers = union(frSide, frAnchors, 'numbers');
  const enOthers = union(enSide, enAnchors, 'others');
  const frOthers = union(frSide, frAnchors, 'others');
  let shared = 0;
  let mismatched = 0;
  for (const number of enNumbers) frNumbers.has(number) ? shared++ : mismatched++;
  for (const number of frNumbers) if (!enNumbers.has(number)) mismatched++;
  for (const anchor of enOthers) if (frOthers.has(anchor)) shared++;
  const total = new Set([...enNumbers, ...frNumbers]).size + Math.max(enOthers.size, frOthers.size);
  return { shared, mismatched, total };
}

/**
 * What both versions of a passage keep: numbers, capitalised names and acronyms (not
 * first in a sentence), and glossary terms, mapped to one key per glossary entry.
 */
export function anchorsOf(text: string, glossary?: Glossary): Anchors {
  const numbers = new Set<string>();
  const others = new Set<string>();
  const tokens = tokenize(text).filter((token) => !token.joined);
  tokens.forEach((token, k) => {
    const written = text.slice(token.start, token.end);
    if (/^\d[\d\s]*$/.test(token.term)) numbers.add(token.term);
    else if (/^\p{Lu}/u.test(written) && k > 0 && !SENTENCE_END.test(text.slice(0, token.start))) {
      others.add(`name:${foldText(written)}`);
    }
  });
  if (glossary) {
    const words = tokens.map((token) => token.term);
    for (let from = 0; from < words.length; from++) {
      for (let length = Math.min(glossary.longestKey + 2, words.length - from); length >= 1; length--) {
        const key = glossaryKey(words.slice(from, from + length).join(' '));
        const entry = key ? glossary.byKey.get(key) : undefined;
        if (entry && entry.length > 1) {
          others.add(`term:${glossaryKey(entry[0]!.text)}`);
          break;
        }
      }
    }
  }
  return { numbers, others };
}

/** The end of a sentence, but not of "Mr." or "M.". */
const SENTENCE_END = /(?<!\b(?:Mr|Mrs|Ms|Dr|M|Mme|St))[.!?:]\s*$/u;

/** The standard normal cumulative distribution (Abramowitz and Stegun 7.1.26). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
