import { glossaryKey, isQueryStopWord, isStopWord, lightStem } from '../analysis/analyzer.ts';
import { foldText, tokenize } from '../analysis/normalize.ts';
import type { Glossary, GlossaryTerm } from '../glossary.ts';

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
  /** What a one-to-one pair between one-to-one pairs gains (twice when the whole text pairs one to one). */
  contextBonus: number;
  /** Below this confidence, context never lifts a pair: its own evidence is against it. */
  contextFloor: number;
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
  contextBonus: 0.1,
  contextFloor: 0.3,
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

const THANKS_GROUP = 1;
const ADDRESS_GROUP = 2;
/** The formula groups a salutation or thanks belongs to, as bits: "Thank you, Mr. President" is both. */
const formulaGroups = (text: string) =>
  (/\b(?:thank|thanks|merci|remercie)/iu.test(text) ? THANKS_GROUP : 0) |
  (/\b(?:president|présidente?|chair|coprésident|excellenc|monsieur|madame|mr|madam)/iu.test(text)
    ? ADDRESS_GROUP
    : 0);
/** How many groups a formula belongs to. */
const groupCount = (groups: number) => (groups & THANKS_GROUP) + ((groups & ADDRESS_GROUP) >> 1);

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

const moves: ReadonlyArray<{ kind: BeadKind; en: number; fr: number }> = [
  { kind: '1-1', en: 1, fr: 1 },
  { kind: '1-0', en: 1, fr: 0 },
  { kind: '0-1', en: 0, fr: 1 },
  { kind: '2-1', en: 2, fr: 1 },
  { kind: '1-2', en: 1, fr: 2 },
  { kind: '2-2', en: 2, fr: 2 },
];
/** Each move's passages on each side, as arrays the inner loop reads fast. */
const moveEn = Uint8Array.from(moves, (move) => move.en);
const moveFr = Uint8Array.from(moves, (move) => move.fr);

/**
 * The most paragraphs a version may have to be aligned. Statements run to tens of
 * paragraphs and a long report to a few hundred; at 5,000 a side alignment takes about a
 * second off the thread that answers, its worst case (unrelated versions, the band
 * widened to its ceiling) about 3 s and 22 million bead costs, in some 30 MB of heap.
 */
export const maxAlignedParagraphs = 5000;

/**
 * The band of the table computed around the diagonal, in paragraphs on each side of the
 * column expected for each row: `base` plus the difference in paragraph counts at first,
 * `growth` times wider whenever the best path runs along the band's edge or leaves most
 * pairs in doubt, up to `ceiling` (passages one version has in one place: 24, then 96,
 * then 256 of them at most).
 */
export const alignBand = { base: 24, growth: 4, ceiling: 256 } as const;

/** How much work an alignment did: `alignParagraphs` fills it in when given one (tests and benchmarks). */
export interface AlignStats {
  /** Cells of the dynamic-programming table computed, over every pass. */
  cells: number;
  /** Bead costs weighed, over every pass. */
  beadCosts: number;
  /** Passes over the table: 1, plus one per widening of the band. */
  passes: number;
  /** The band's half-width on the last pass, in paragraphs. */
  band: number;
}

/**
 * Aligns the paragraphs of two versions of one text by Gale and Church's length-based
 * dynamic programming, strengthened by anchors both versions share: numbers, names,
 * acronyms and glossary equivalents ("Security Council" ↔ "Conseil de sécurité").
 * Only a band around the diagonal (following the texts' cumulative lengths) is computed,
 * so time and memory grow with the number of paragraphs, not with its square; the band
 * widens when the best path runs along its edge or most of its pairs are in doubt. With
 * `stats`, says how much work it did. Throws a RangeError beyond `maxAlignedParagraphs`
 * paragraphs a version (builds refuse such statements first, with an IngestError).
 * @example alignParagraphs(['Thank you.'], ['Merci.']).map((b) => b.kind) // => ['1-1']
 */
export function alignParagraphs(
  enUnits: readonly AlignUnit[],
  frUnits: readonly AlignUnit[],
  glossary?: Glossary,
  options: AlignOptions = defaultAlignOptions,
  stats?: AlignStats,
): Bead[] {
  const n = enUnits.length;
  const m = frUnits.length;
  if (n > maxAlignedParagraphs || m > maxAlignedParagraphs)
    throw new RangeError(
      `too many paragraphs to align: ${n} English and ${m} French, over ${maxAlignedParagraphs} a version`,
    );
  const ids = new Map<string, number>();
  const en = passagesOf(enUnits, 'en', glossary, options, ids);
  const fr = passagesOf(frUnits, 'fr', glossary, options, ids);
  const work: AlignStats = stats ?? { cells: 0, beadCosts: 0, passes: 0, band: 0 };
  Object.assign(work, { cells: 0, beadCosts: 0, passes: 0, band: 0 });
  const centre = diagonal(en, fr);
  let half = Math.min(alignBand.ceiling, alignBand.base + Math.abs(n - m));
  for (;;) {
    const band = bandOf(centre, n, m, half);
    const back = fillBand(band, en, fr, ids.size, options, work);
    const path = bestPath(band, back, n, m);
    work.passes += 1;
    work.band = half;
    const beads = toBeads(path.moves, en, fr, options);
    const whole = band.start[n + 1] === (n + 1) * (m + 1);
    // A better path may lie outside the band: one along its edge may have been kept from it,
    // and one mostly in doubt may be following the wrong passages (one version has a block
    // the other has elsewhere). Look again, wider.
    const suspect = path.alongEdge || beads.filter((bead) => bead.doubtful).length * 2 > beads.length;
    if (!suspect || whole || half >= alignBand.ceiling) return settle(beads, options);
    half = Math.min(alignBand.ceiling, half * alignBand.growth);
  }
}

/** Passage kinds, as numbers. */
const KIND_TEXT = 0;
const KIND_HEADING = 1;
const KIND_NOTE = 2;
const KIND_FORMULA = 3;
const kindCode: Record<PassageKind, number> = {
  text: KIND_TEXT,
  heading: KIND_HEADING,
  note: KIND_NOTE,
  formula: KIND_FORMULA,
};

/**
 * Sorted id lists, packed: entry k (0 ≤ k < count) is passage k's, entry count + k
 * (k ≥ 1) the union of passages k − 1 and k, for beads that join two.
 */
interface IdLists {
  start: Int32Array;
  ids: Int32Array;
}

/** One version, measured once: what every bead cost reads. Entries as in `IdLists`. */
interface Passages {
  count: number;
  /** Length in characters of each entry. */
  length: Float64Array;
  kind: Uint8Array;
  /** Formula groups (bits) of each passage. */
  formula: Uint8Array;
  /** Cost of leaving each passage unpaired. */
  alone: Float64Array;
  /** 1 when an entry holds a passage that is not running text. */
  special: Uint8Array;
  numbers: IdLists;
  others: IdLists;
  cognates: IdLists;
}

/** The entry of the side of a bead that ends before passage `end` and holds `size` passages. */
const entryOf = (passages: Passages, end: number, size: number) =>
  size === 1 ? end - 1 : passages.count + end - 1;

function passagesOf(
  units: readonly AlignUnit[],
  language: 'en' | 'fr',
  glossary: Glossary | undefined,
  options: AlignOptions,
  ids: Map<string, number>,
): Passages {
  const count = units.length;
  const texts = units.map((unit) => (typeof unit === 'string' ? unit : unit.text));
  const anchors = texts.map((text) => anchorsOf(text, glossary));
  const kind = Uint8Array.from(units, (unit) => kindCode[passageKind(unit)]);
  const length = new Float64Array(2 * count);
  const special = new Uint8Array(2 * count);
  const prior = Math.log(options.priors[language === 'en' ? '1-0' : '0-1']);
  const alone = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    length[k] = texts[k]!.length;
    special[k] = kind[k] === KIND_TEXT ? 0 : 1;
    alone[k] = options.unpairedCost - prior + aloneKindCost(kind[k]!, options);
    if (k > 0) {
      length[count + k] = texts[k - 1]!.length + texts[k]!.length;
      special[count + k] = special[k - 1]! | special[k]!;
    }
  }
  return {
    count,
    length,
    kind,
    formula: Uint8Array.from(texts, (text, k) => (kind[k] === KIND_FORMULA ? formulaGroups(text) : 0)),
    alone,
    special,
    numbers: idListsOf(
      anchors.map((a) => a.numbers),
      ids,
    ),
    others: idListsOf(
      anchors.map((a) => a.others),
      ids,
    ),
    cognates: idListsOf(
      texts.map((text) => cognatesOf(text, language)),
      ids,
    ),
  };
}

/** Interns each passage's strings, and packs them and each neighbouring pair's union as sorted ids. */
function idListsOf(sets: readonly ReadonlySet<string>[], ids: Map<string, number>): IdLists {
  const idOf = (value: string) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    return id;
  };
  const singles = sets.map((set) => Int32Array.from(set, idOf).sort());
  const pairs = singles.map((list, k) =>
    k === 0 ? new Int32Array(0) : Int32Array.from(new Set([...singles[k - 1]!, ...list])).sort(),
  );
  const lists = [...singles, ...pairs];
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, k) => {
    start[k + 1] = start[k]! + list.length;
  });
  const packed = new Int32Array(start[lists.length]!);
  lists.forEach((list, k) => {
    packed.set(list, start[k]!);
  });
  return { start, ids: packed };
}

const sizeOf = (lists: IdLists, entry: number) => lists.start[entry + 1]! - lists.start[entry]!;

/** How many ids two sorted lists share. */
function common(a: IdLists, aEntry: number, b: IdLists, bEntry: number): number {
  let x = a.start[aEntry]!;
  const xEnd = a.start[aEntry + 1]!;
  let y = b.start[bEntry]!;
  const yEnd = b.start[bEntry + 1]!;
  let shared = 0;
  while (x < xEnd && y < yEnd) {
    const u = a.ids[x]!;
    const v = b.ids[y]!;
    if (u === v) {
      shared++;
      x++;
      y++;
    } else if (u < v) x++;
    else y++;
  }
  return shared;
}

/** A note or a formula alone is common; a heading alone happens when versions word it differently. */
const aloneKindCost = (kind: number, options: AlignOptions) =>
  kind === KIND_NOTE
    ? -options.unpairedCost - 2
    : kind === KIND_FORMULA
      ? -options.unpairedCost + 1.5
      : kind === KIND_HEADING
        ? -1
        : 0;

/**
 * The column expected for each row: where the French text has covered the same share
 * of its characters as the English one (each passage counting one more, so empty ones move too).
 */
function diagonal(en: Passages, fr: Passages): Int32Array {
  const n = en.count;
  const m = fr.count;
  let enTotal = n;
  for (let k = 0; k < n; k++) enTotal += en.length[k]!;
  let frTotal = m;
  for (let k = 0; k < m; k++) frTotal += fr.length[k]!;
  const centre = new Int32Array(n + 1);
  let enAt = 0;
  let frAt = 0;
  let j = 0;
  for (let i = 1; i <= n; i++) {
    enAt += en.length[i - 1]! + 1;
    const target = enAt * frTotal;
    while (j < m && (frAt + fr.length[j]! + 1) * enTotal <= target) {
      frAt += fr.length[j]! + 1;
      j++;
    }
    const next = j < m ? (frAt + fr.length[j]! + 1) * enTotal : Number.POSITIVE_INFINITY;
    centre[i] = next - target < target - frAt * enTotal ? j + 1 : j;
  }
  if (n > 0) centre[n] = m;
  return centre;
}

/** Which columns each row computes, and where each row starts in the packed table. */
interface Band {
  lo: Int32Array;
  hi: Int32Array;
  start: Int32Array;
}

/**
 * Row i spans the columns expected for rows i − 1 to i + 1, widened by `half` on each
 * side: consecutive rows overlap, so (n, m) is always reachable from (0, 0).
 */
function bandOf(centre: Int32Array, n: number, m: number, half: number): Band {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const start = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) {
    lo[i] = i === 0 ? 0 : Math.max(0, centre[i - 1]! - half);
    hi[i] = i === n ? m : Math.min(m, centre[i + 1]! + half);
    start[i + 1] = start[i]! + hi[i]! - lo[i]! + 1;
  }
  return { lo, hi, start };
}

/** The cheapest cost of reaching each cell of the band, and the move (1–6; 0 for none) that does. */
function fillBand(
  band: Band,
  en: Passages,
  fr: Passages,
  idCount: number,
  options: AlignOptions,
  work: AlignStats,
) {
  const n = en.count;
  const { lo, hi, start } = band;
  const cells = start[n + 1]!;
  const cost = new Float64Array(cells);
  const back = new Uint8Array(cells);
  const logPriors = Float64Array.from(moves, (move) => Math.log(options.priors[move.kind]));
  const marks = marksOf(idCount);
  let weighed = 0;
  for (let i = 0; i <= n; i++) {
    if (i > 0) markRow(marks, en, i);
    const rowLo = lo[i]!;
    const rowHi = hi[i]!;
    const row = start[i]!;
    for (let j = rowLo; j <= rowHi; j++) {
      const cell = row + j - rowLo;
      if (i === 0 && j === 0) {
        cost[cell] = 0;
        continue;
      }
      let best = Number.POSITIVE_INFINITY;
      let choice = 0;
      for (let k = 0; k < 6; k++) {
        const a = moveEn[k]!;
        const b = moveFr[k]!;
        if (i < a || j < b) continue;
        const pi = i - a;
        const pj = j - b;
        const previousLo = lo[pi]!;
        if (pj < previousLo || pj > hi[pi]!) continue;
        const previous = cost[start[pi]! + pj - previousLo]!;
        if (previous === Number.POSITIVE_INFINITY) continue;
        weighed++;
        const bead =
          b === 0
            ? en.alone[i - 1]!
            : a === 0
              ? fr.alone[j - 1]!
              : pairCost(a, b, i, j, en, fr, logPriors[k]!, options, marks);
        const total = previous + bead;
        if (total < best) {
          best = total;
          choice = k + 1;
        }
      }
      cost[cell] = best;
      back[cell] = choice;
    }
  }
  work.cells += cells;
  work.beadCosts += weighed;
  return back;
}

/**
 * The cost of pairing the `a` English passages before `i` with the `b` French ones
 * before `j`: −log P(δ | match) − log P(bead), less the anchors and cognates they share,
 * plus numbers found on one side only and the kinds of passage joined or paired.
 */
function pairCost(
  a: number,
  b: number,
  i: number,
  j: number,
  en: Passages,
  fr: Passages,
  logPrior: number,
  options: AlignOptions,
  marks: Marks,
): number {
  const enEntry = entryOf(en, i, a);
  const frEntry = entryOf(fr, j, b);
  const lengthCost = -Math.log(lengthProbability(en.length[enEntry]!, fr.length[frEntry]!, options));
  const side = a - 1;
  const sharedNumbers = countMarked(marks.numbers[side]!, i, fr.numbers, frEntry);
  const mismatched =
    sizeOf(en.numbers, enEntry) - sharedNumbers + (sizeOf(fr.numbers, frEntry) - sharedNumbers);
  const shared = sharedNumbers + countMarked(marks.others[side]!, i, fr.others, frEntry);
  const enCognates = sizeOf(en.cognates, enEntry);
  const frCognates = sizeOf(fr.cognates, frEntry);
  const cognates =
    enCognates === 0 || frCognates === 0
      ? 0
      : (2 * countMarked(marks.cognates[side]!, i, fr.cognates, frEntry)) / (enCognates + frCognates);
  // The same sum, in the same order, as `compareAnchors` and `cognateScore` give the path's beads.
  return (
    lengthCost -
    logPrior -
    options.anchorBonus * shared +
    options.numberMismatch * mismatched -
    options.cognateBonus * cognates +
    pairKindCost(a, b, i, j, en, fr, options)
  );
}

/**
 * The ids of the English side of the row's beads (one passage, and two), marked with the
 * row's number: counting what a French side shares is then one look-up an id.
 */
interface Marks {
  numbers: Int32Array[];
  others: Int32Array[];
  cognates: Int32Array[];
}

const marksOf = (idCount: number): Marks => {
  const pair = () => [new Int32Array(idCount).fill(-1), new Int32Array(idCount).fill(-1)];
  return { numbers: pair(), others: pair(), cognates: pair() };
};

function markRow(marks: Marks, en: Passages, i: number): void {
  for (const [mark, lists] of [
    [marks.numbers, en.numbers],
    [marks.others, en.others],
    [marks.cognates, en.cognates],
  ] as const) {
    for (let size = 1; size <= Math.min(2, i); size++) {
      const entry = entryOf(en, i, size);
      const row = mark[size - 1]!;
      for (let x = lists.start[entry]!; x < lists.start[entry + 1]!; x++) row[lists.ids[x]!] = i;
    }
  }
}

/** How many ids of a French entry are marked for row i. */
function countMarked(mark: Int32Array, i: number, lists: IdLists, entry: number): number {
  let shared = 0;
  const end = lists.start[entry + 1]!;
  for (let x = lists.start[entry]!; x < end; x++) if (mark[lists.ids[x]!] === i) shared++;
  return shared;
}

/** Numbers and other anchors both sides share, numbers found on one side only, and all the anchors. */
function compareAnchors(en: Passages, enEntry: number, fr: Passages, frEntry: number) {
  const sharedNumbers = common(en.numbers, enEntry, fr.numbers, frEntry);
  const enNumbers = sizeOf(en.numbers, enEntry);
  const frNumbers = sizeOf(fr.numbers, frEntry);
  const shared = sharedNumbers + common(en.others, enEntry, fr.others, frEntry);
  const mismatched = enNumbers - sharedNumbers + (frNumbers - sharedNumbers);
  const total =
    enNumbers + frNumbers - sharedNumbers + Math.max(sizeOf(en.others, enEntry), sizeOf(fr.others, frEntry));
  return { shared, mismatched, total };
}

/** Dice coefficient of the cognates of two sides. */
function cognateScore(en: Passages, enEntry: number, fr: Passages, frEntry: number): number {
  const a = sizeOf(en.cognates, enEntry);
  const b = sizeOf(fr.cognates, frEntry);
  if (a === 0 || b === 0) return 0;
  return (2 * common(en.cognates, enEntry, fr.cognates, frEntry)) / (a + b);
}

/** Extra cost for what paired passages are: a heading, note or formula joined, or different kinds paired. */
function pairKindCost(
  a: number,
  b: number,
  i: number,
  j: number,
  en: Passages,
  fr: Passages,
  options: AlignOptions,
): number {
  let cost = 0;
  if (a + b > 2 && (en.special[entryOf(en, i, a)]! | fr.special[entryOf(fr, j, b)]!) !== 0)
    cost += options.joinPenalty;
  if (a === 1 && b === 1) {
    const enKind = en.kind[i - 1]!;
    const frKind = fr.kind[j - 1]!;
    if (enKind !== frKind) cost += options.kindMismatch;
    else if (enKind === KIND_FORMULA) {
      const x = en.formula[i - 1]!;
      const y = fr.formula[j - 1]!;
      cost +=
        (x & y) !== 0 && groupCount(x) === groupCount(y) ? -options.anchorBonus : options.kindMismatch / 2;
    } else if (enKind === KIND_HEADING || enKind === KIND_NOTE) cost -= 1;
  }
  return cost;
}

/** The moves (0–5) of the best path to (n, m), first to last, and whether it runs along the band's edge. */
function bestPath(band: Band, back: Uint8Array, n: number, m: number) {
  const path: number[] = [];
  let alongEdge = false;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const rowLo = band.lo[i]!;
    const rowHi = band.hi[i]!;
    if ((rowLo > 0 && j - rowLo < EDGE) || (rowHi < m && rowHi - j < EDGE)) alongEdge = true;
    const move = back[band.start[i]! + j - rowLo]! - 1;
    // Unreachable: 1-0 and 0-1 moves connect every row of the band to the next.
    if (move < 0) throw new Error(`alignment found no path to (${i}, ${j})`);
    path.push(move);
    i -= moveEn[move]!;
    j -= moveFr[move]!;
  }
  return { moves: path.reverse(), alongEdge };
}

/** How close to the band's edge a path may come before the band is widened. */
const EDGE = 2;

function toBeads(path: readonly number[], en: Passages, fr: Passages, options: AlignOptions): Bead[] {
  const beads: Bead[] = [];
  let i = 0;
  let j = 0;
  for (const k of path) {
    const move = moves[k]!;
    i += move.en;
    j += move.fr;
    const enSide = range(i - move.en, i);
    const frSide = range(j - move.fr, j);
    const unpaired = move.en === 0 || move.fr === 0;
    const confidence = unpaired ? 0.2 : beadConfidence(move.kind, i, j, en, fr, options);
    // A passage in one version only is expected for a note or a formula; anything else needs a look.
    const aloneKind = move.en === 0 ? fr.kind[j - 1] : en.kind[i - 1];
    const expectedAlone = unpaired && (aloneKind === KIND_NOTE || aloneKind === KIND_FORMULA);
    beads.push({
      kind: move.kind,
      en: enSide,
      fr: frSide,
      confidence,
      // Two passages on each side is rare enough (swapped or reworded passages) to always deserve a look.
      doubtful: unpaired ? !expectedAlone : move.kind === '2-2' || confidence < options.doubtfulBelow,
    });
  }
  return beads;
}

/**
 * Reads each one-to-one pair in its context, as a reviewer does: a free translation
 * shares few words with its original, but a pair between two other one-to-one pairs, in
 * versions that pair one to one throughout, is where it should be. Such a pair gains
 * `contextBonus` (twice in a text paired one to one from end to end), unless its numbers
 * disagree; a pair beside a join, a gap or a doubt gains nothing, so a passage displaced
 * there is still flagged.
 */
export function settle(beads: Bead[], options: AlignOptions): Bead[] {
  const oneToOne = (bead: Bead | undefined) => bead === undefined || bead.kind === '1-1';
  const throughout = beads.every((bead) => bead.kind === '1-1');
  return beads.map((bead, k) => {
    if (bead.kind !== '1-1' || !bead.doubtful || bead.confidence < options.contextFloor) return bead;
    if (!oneToOne(beads[k - 1]) || !oneToOne(beads[k + 1])) return bead;
    const confidence =
      Math.round(Math.min(1, bead.confidence + options.contextBonus * (throughout ? 2 : 1)) * 100) / 100;
    return { ...bead, confidence, doubtful: confidence < options.doubtfulBelow };
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** P(δ | match) = 2(1 − Φ(|δ|)), with δ = (l₂ − c·l₁) / √(s²·(l₁ + l₂/c)/2). */
export function lengthProbability(enLength: number, frLength: number, options: AlignOptions): number {
  if (enLength === 0 && frLength === 0) return 1;
  const mean = (enLength + frLength / options.ratio) / 2;
  const delta = (frLength - options.ratio * enLength) / Math.sqrt(options.variance * Math.max(mean, 1));
  return Math.max(2 * (1 - normalCdf(Math.abs(delta))), 1e-12);
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

/**
 * How sure a pair is (0–1), from its witnesses: the length fit (read leniently), the share
 * of anchors both sides keep, the cognates, numbers on one side only, and passages of
 * different kinds. The one formula, for the path and for the full-table reference.
 */
export function confidenceOf(w: {
  length: number;
  shared: number;
  mismatched: number;
  total: number;
  cognates: number;
  kindPenalty: boolean;
  oneToOne: boolean;
}): number {
  const anchors = w.total === 0 ? 0.5 : Math.min(1, (w.shared + 1) / (w.total + 1));
  const cognates = Math.min(1, w.cognates * 2.5);
  const score =
    0.45 * w.length +
    0.25 * anchors +
    0.3 * cognates -
    0.25 * Math.min(w.mismatched, 2) -
    (w.kindPenalty ? 0.3 : 0) -
    (w.oneToOne ? 0 : 0.05);
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

/** How sure a pair of the path is (0–1), from the length fit, the anchors, the cognates and the kinds. */
function beadConfidence(
  kind: BeadKind,
  i: number,
  j: number,
  en: Passages,
  fr: Passages,
  options: AlignOptions,
): number {
  const a = kind === '2-1' || kind === '2-2' ? 2 : 1;
  const b = kind === '1-2' || kind === '2-2' ? 2 : 1;
  const enEntry = entryOf(en, i, a);
  const frEntry = entryOf(fr, j, b);
  // Length alone is a weak witness for one pair (δ of 1 is common), so it is read leniently.
  const length = lengthProbability(en.length[enEntry]!, fr.length[frEntry]!, {
    ...options,
    variance: options.variance * 4,
  });
  const { shared, mismatched, total } = compareAnchors(en, enEntry, fr, frEntry);
  return confidenceOf({
    length,
    shared,
    mismatched,
    total,
    cognates: cognateScore(en, enEntry, fr, frEntry),
    kindPenalty: pairKindCost(a, b, i, j, en, fr, options) > 0,
    oneToOne: kind === '1-1',
  });
}

interface Anchors {
  numbers: Set<string>;
  others: Set<string>;
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
    else if (/^\p{Lu}/u.test(written) && k > 0 && !endsSentence(text, token.start)) {
      others.add(`name:${foldText(written)}`);
    }
  });
  if (glossary) {
    const words = tokens.map((token) => token.term);
    const prefixes = keyPrefixesOf(glossary);
    for (let from = 0; from < words.length; from++) {
      // The longest run of words from here whose glossary key names an entry with equivalents.
      // Keys grow word by word (as glossaryKey would read the run joined by spaces), and stop
      // once their content words begin no key.
      const all: string[] = [];
      const content: string[] = [];
      let found: readonly GlossaryTerm[] | undefined;
      for (let length = 1; length <= Math.min(glossary.longestKey + 2, words.length - from); length++) {
        for (const part of partsOf(words[from + length - 1]!)) {
          all.push(lightStem(part));
          if (!isQueryStopWord(part)) content.push(lightStem(part));
        }
        const key = (content.length > 0 ? content : all).join(' ');
        const entry = key ? glossary.byKey.get(key) : undefined;
        if (entry && entry.length > 1) found = entry;
        if (content.length > 0 && !prefixes.has(content.join(' '))) break;
      }
      if (found) others.add(`term:${glossaryKey(found[0]!.text)}`);
    }
  }
  return { numbers, others };
}

/** Every glossary key and each of its first words: where a run of words can still grow into a key. */
const keyPrefixes = new WeakMap<Glossary['byKey'], Set<string>>();
function keyPrefixesOf(glossary: Glossary): Set<string> {
  let prefixes = keyPrefixes.get(glossary.byKey);
  if (!prefixes) {
    prefixes = new Set();
    for (const key of glossary.byKey.keys()) {
      const words = key.split(' ');
      for (let k = 1; k <= words.length; k++) prefixes.add(words.slice(0, k).join(' '));
    }
    keyPrefixes.set(glossary.byKey, prefixes);
  }
  return prefixes;
}

/** The words tokenize reads in one folded word (itself, nearly always), memoized. */
const wordParts = new Map<string, readonly string[]>();
function partsOf(word: string): readonly string[] {
  let parts = wordParts.get(word);
  if (parts === undefined) {
    parts = tokenize(word)
      .filter((token) => !token.joined)
      .map((token) => token.term);
    if (wordParts.size > 100_000) wordParts.clear();
    wordParts.set(word, parts);
  }
  return parts;
}

/**
 * True when the text before `at` ends a sentence (spaces aside), but not with "Mr." or
 * "M.": SENTENCE_END on the last few characters, so a long paragraph is not read again for each of its names.
 */
function endsSentence(text: string, at: number): boolean {
  let end = at;
  while (end > 0 && SPACE.test(text[end - 1]!)) end--;
  return SENTENCE_END.test(text.slice(Math.max(0, end - 8), end));
}
const SPACE = /\s/u;

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
