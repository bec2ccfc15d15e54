import { glossaryKey, isStopWord } from '../analysis/analyzer.ts';
import { foldText, tokenize } from '../analysis/normalize.ts';
import type { Glossary } from '../glossary.ts';

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
  /** Cost taken off a pair per unit of shared cognates (Dice of 4-letter word starts). */
  cognateBonus: number;
  /** Cost added to a bead that joins a heading, a note or a formula ("Thank you.") to another passage. */
  joinPenalty: number;
  /** Cost added to a pair whose passages are of different kinds (a heading with a sentence, a note with text). */
  kindMismatch: number;
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
  cognateBonus: 6,
  joinPenalty: 12,
  kindMismatch: 5,
};

/** A passage to align: its text, and whether the document marks it as a heading. */
export type AlignUnit = string | { text: string; heading?: boolean };

/**
 * What a passage is, for alignment: a heading, a translator's or editor's note, a formula
 * (a salutation or thanks, short and found in one version or both), or running text.
 */
export type PassageKind = 'heading' | 'note' | 'formula' | 'text';

const NOTE =
  /^(?:\[|\()?\s*(?:translator['’]s\s+note|editor['’]s\s+note|note\s+(?:du|de\s+la)\s+(?:traducteur|traductrice|traduction|rédaction|éditeur)|n\.\s*d\.\s*(?:t|l\.?r|e)\.?|note\s*:|nota\s*:|\*)/iu;
const THANKS = /^(?:thank\s+you|thanks|merci|je\s+vous\s+remercie|many\s+thanks)\b/iu;
const ADDRESS =
  /^(?:mr\.?|mrs\.?|ms\.?|madam|madame|monsieur|mesdames|messieurs|excellenc|distinguished|your\s+excellenc|co-?chairs?|chers|chères|dear)\b/iu;

/**
 * Classifies a passage.
 * @example passageKind('Thank you.') // => 'formula'
 * @example passageKind("[Translator's note: …]") // => 'note'
 */
export function passageKind(unit: AlignUnit): PassageKind {
  const text = typeof unit === 'string' ? unit : unit.text;
  if (NOTE.test(text)) return 'note';
  if (text.length <= 80 && (THANKS.test(text) || ADDRESS.test(text))) return 'formula';
  if (typeof unit !== 'string' && unit.heading) return 'heading';
  return 'text';
}

/** The formula groups a salutation or thanks belongs to: "Thank you, Mr. President" is both. */
const formulaGroups = (text: string) =>
  new Set([
    ...(/\b(?:thank|thanks|merci|remercie)/iu.test(text) ? ['thanks'] : []),
    ...(/\b(?:president|présidente?|chair|coprésident|excellenc|monsieur|madame|mr|madam)/iu.test(text)
      ? ['address']
      : []),
  ]);

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
  enUnits: readonly AlignUnit[],
  frUnits: readonly AlignUnit[],
  glossary?: Glossary,
  options: AlignOptions = defaultAlignOptions,
): Bead[] {
  const textOf = (unit: AlignUnit) => (typeof unit === 'string' ? unit : unit.text);
  const en = enUnits.map(textOf);
  const fr = frUnits.map(textOf);
  const input: AlignInput = {
    en,
    fr,
    enAnchors: en.map((text) => anchorsOf(text, glossary)),
    frAnchors: fr.map((text) => anchorsOf(text, glossary)),
    enKinds: enUnits.map(passageKind),
    frKinds: frUnits.map(passageKind),
    enCognates: en.map((text) => cognatesOf(text, 'en')),
    frCognates: fr.map((text) => cognatesOf(text, 'fr')),
    options,
  };
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
    const unpaired = enSide.length === 0 || frSide.length === 0;
    // A passage in one version only is expected for a note or a formula; anything else needs a look.
    const expectedAlone =
      unpaired &&
      [...enSide.map((k) => input.enKinds[k]), ...frSide.map((k) => input.frKinds[k])].every(
        (kind) => kind === 'note' || kind === 'formula',
      );
    beads.push({
      kind: move.kind,
      en: enSide,
      fr: frSide,
      confidence,
      // Two passages on each side is rare enough (swapped or reworded passages) to always deserve a look.
      doubtful: unpaired ? !expectedAlone : move.kind === '2-2' || confidence < options.doubtfulBelow,
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
  enKinds: readonly PassageKind[];
  frKinds: readonly PassageKind[];
  enCognates: readonly Set<string>[];
  frCognates: readonly Set<string>[];
  options: AlignOptions;
}

/** The 4-letter starts of a passage's content words: "protection", "civils" ↔ "civilians" share "civi". */
function cognatesOf(text: string, language: 'en' | 'fr'): Set<string> {
  const starts = new Set<string>();
  for (const token of tokenize(text)) {
    if (token.joined || token.term.length < 4 || isStopWord(token.term, language)) continue;
    starts.add(token.term.slice(0, 4));
  }
  return starts;
}

/** Dice coefficient of the cognates of two sides. */
function cognateScore(enSide: readonly number[], frSide: readonly number[], input: AlignInput): number {
  const a = new Set(enSide.flatMap((k) => [...input.enCognates[k]!]));
  const b = new Set(frSide.flatMap((k) => [...input.frCognates[k]!]));
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const start of a) if (b.has(start)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Extra cost for what the passages are: joining a heading, note or formula, or pairing different kinds. */
function kindCost(enSide: readonly number[], frSide: readonly number[], input: AlignInput): number {
  const { options } = input;
  const enKinds = enSide.map((k) => input.enKinds[k]!);
  const frKinds = frSide.map((k) => input.frKinds[k]!);
  const kinds = [...enKinds, ...frKinds];
  if (enSide.length === 0 || frSide.length === 0) {
    const kind = kinds[0]!;
    // A note or a formula alone is common; a heading alone happens when versions word it differently.
    return kind === 'note'
      ? -options.unpairedCost - 2
      : kind === 'formula'
        ? -options.unpairedCost + 1.5
        : kind === 'heading'
          ? -1
          : 0;
  }
  let cost = 0;
  if (kinds.length > 2 && kinds.some((kind) => kind !== 'text')) cost += options.joinPenalty;
  if (enSide.length === 1 && frSide.length === 1) {
    const enKind = enKinds[0]!;
    const frKind = frKinds[0]!;
    if (enKind !== frKind) cost += options.kindMismatch;
    else if (enKind === 'formula') {
      const a = formulaGroups(input.en[enSide[0]!]!);
      const b = formulaGroups(input.fr[frSide[0]!]!);
      const same = [...a].filter((group) => b.has(group)).length;
      cost += same > 0 && a.size === b.size ? -options.anchorBonus : options.kindMismatch / 2;
    } else if (enKind === 'heading' || enKind === 'note') cost -= 1;
  }
  return cost;
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
  // A passage left unpaired has no length to compare: its prior, a fixed cost and its kind decide.
  if (enSide.length === 0 || frSide.length === 0)
    return options.unpairedCost - Math.log(options.priors[kind]) + kindCost(enSide, frSide, input);
  const lengthCost = -Math.log(lengthProbability(lengthOf(enSide, en), lengthOf(frSide, fr), options));
  const { shared, mismatched } = compareAnchors(enSide, frSide, enAnchors, frAnchors);
  return (
    lengthCost -
    Math.log(options.priors[kind]) -
    options.anchorBonus * shared +
    options.numberMismatch * mismatched -
    options.cognateBonus * cognateScore(enSide, frSide, input) +
    kindCost(enSide, frSide, input)
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
  const anchors = total === 0 ? 0.5 : Math.min(1, (shared + 1) / (total + 1));
  const cognates = Math.min(1, cognateScore(enSide, frSide, input) * 2.5);
  const kinds = kindCost(enSide, frSide, input) > 0 ? 0.3 : 0;
  const score =
    0.45 * length +
    0.25 * anchors +
    0.3 * cognates -
    0.25 * Math.min(mismatched, 2) -
    kinds -
    (kind === '1-1' ? 0 : 0.05);
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
  const marker = /^\(?([IVXLC]+|\d{1,3}|[A-Z])[.)]\s/u.exec(text);
  if (marker) others.add(`marker:${romanValue(marker[1]!) ?? marker[1]}`);
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

/** The value of a roman numeral section marker ("IV" → "4"), or undefined. */
function romanValue(marker: string): string | undefined {
  if (!/^[IVXLC]+$/.test(marker) || marker.length === 1)
    return /^[IVX]$/.test(marker) ? String({ I: 1, V: 5, X: 10 }[marker]) : undefined;
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let k = 0; k < marker.length; k++) {
    const value = values[marker[k]!]!;
    total += value < (values[marker[k + 1]!] ?? 0) ? -value : value;
  }
  return String(total);
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
