/**
 * Alignment at scale: `alignParagraphs` (a band around the diagonal) on generated
 * English and French versions of 500, 1,500 and 3,000 paragraphs, its work (bead costs
 * weighed) and time, each as a ratio to the smallest size; and, up to `--baseline-up-to`
 * paragraphs, the full table it replaced (`alignFullTable`, kept here as the reference
 * the tests compare against), on the same versions.
 *
 * Then the worst case the limit allows (`--no-worst` skips it).
 *
 *   node bench/align.ts [--sizes 500,1500,3000] [--baseline-up-to 500] [--runs 3] [--no-worst] [--json]
 */
import { readFileSync } from 'node:fs';
import { isStopWord } from '../src/core/analysis/analyzer.ts';
import { tokenize } from '../src/core/analysis/normalize.ts';
import { parseDataFile } from '../src/core/data-file.ts';
import { buildGlossary, type Glossary, GlossaryFile } from '../src/core/glossary.ts';
import {
  type AlignOptions,
  type AlignStats,
  type AlignUnit,
  alignParagraphs,
  anchorsOf,
  type Bead,
  type BeadKind,
  confidenceOf,
  defaultAlignOptions,
  lengthProbability,
  maxAlignedParagraphs,
  type PassageKind,
  passageKind,
  settle,
} from '../src/core/ingest/align.ts';
import { random } from './corpus.ts';

/** Sentences said in both languages, of varied lengths, some with names and glossary terms. */
const PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['Canada supports the Security Council.', 'Le Canada appuie le Conseil de sécurité.'],
  ['We must act now.', 'Nous devons agir maintenant.'],
  [
    'Peacekeepers protect civilians in armed conflict every day, often at great risk to themselves.',
    'Les Casques bleus protègent chaque jour les civils dans les conflits armés, souvent au péril de leur vie.',
  ],
  [
    'The responsibility to protect is a commitment all Member States made together.',
    'La responsabilité de protéger est un engagement que tous les États membres ont pris ensemble.',
  ],
  ['Humanitarian access must be granted without delay.', 'L’accès humanitaire doit être accordé sans délai.'],
  [
    'The Secretary-General has reported on the prevention of atrocity crimes.',
    'Le Secrétaire général a fait rapport sur la prévention des crimes d’atrocité.',
  ],
  ['Thank you.', 'Merci.'],
  [
    'Women’s participation in peace processes makes agreements more durable and more just.',
    'La participation des femmes aux processus de paix rend les accords plus durables et plus justes.',
  ],
  [
    'Canada will continue to work with its partners in Africa, Asia and the Americas.',
    'Le Canada continuera de travailler avec ses partenaires en Afrique, en Asie et dans les Amériques.',
  ],
  [
    'Accountability for international humanitarian law is not optional.',
    'Le respect du droit international humanitaire n’est pas facultatif.',
  ],
];

/** Versions generated for a benchmark or a test, and the truth: each bead's English and French indexes. */
export interface GeneratedVersions {
  en: AlignUnit[];
  fr: AlignUnit[];
  truth: Array<[number[], number[]]>;
}

export interface GenerateOptions {
  /** Passages said in both versions, before edits. */
  passages: number;
  seed: number;
  /** One line a passage (a short sentence, as in a list of decisions) rather than one to three sentences. */
  oneLine: boolean;
  /** Edits made to the versions: a passage dropped from one, a note added to one, two passages joined in French. */
  edits: number;
}

export const defaultGenerateOptions: GenerateOptions = {
  passages: 100,
  seed: 2016,
  oneLine: false,
  edits: 0,
};

/**
 * Two versions of one long statement, deterministic from the seed: the same passages in
 * English and French (a number in about a third of them), then `edits` random edits.
 * @example generateVersions({ passages: 3, edits: 0 }).en.length // => 3
 */
export function generateVersions(options: Partial<GenerateOptions> = {}): GeneratedVersions {
  const { passages, seed, oneLine, edits } = { ...defaultGenerateOptions, ...options };
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const pairs: Array<{ en: string[]; fr: string[] }> = [];
  for (let k = 0; k < passages; k++) {
    const sentences = oneLine ? 1 : 1 + Math.floor(next() * 3);
    const chosen = Array.from({ length: sentences }, () => pick(PHRASES));
    const number = next() < 0.35 ? ` (${1 + Math.floor(next() * 5000)})` : '';
    pairs.push({
      en: [`${chosen.map(([en]) => en).join(' ')}${number}`],
      fr: [`${chosen.map(([, fr]) => fr).join(' ')}${number}`],
    });
  }
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(next() * pairs.length);
    const pair = pairs[at]!;
    const edit = next();
    if (edit < 0.3 && pair.en.length + pair.fr.length > 1) {
      // Dropped from one version.
      if (next() < 0.5 && pair.fr.length > 0) pair.en = [];
      else if (pair.en.length > 0) pair.fr = [];
    } else if (edit < 0.6) {
      pairs.splice(at, 0, {
        en: [],
        fr: [`[Note du traducteur : le passage ${at} reprend le texte prononcé.]`],
      });
    } else if (at + 1 < pairs.length && pair.en.length === 1 && pair.fr.length === 1) {
      // Joined in French: two passages, one paragraph.
      const following = pairs[at + 1]!;
      if (following.en.length === 1 && following.fr.length === 1) {
        pairs.splice(at, 2, {
          en: [pair.en[0]!, following.en[0]!],
          fr: [`${pair.fr[0]} ${following.fr[0]}`],
        });
      }
    }
  }
  const en: AlignUnit[] = [];
  const fr: AlignUnit[] = [];
  const truth: Array<[number[], number[]]> = [];
  for (const pair of pairs) {
    if (pair.en.length + pair.fr.length === 0) continue;
    truth.push([pair.en.map((_, k) => en.length + k), pair.fr.map((_, k) => fr.length + k)]);
    en.push(...pair.en);
    fr.push(...pair.fr);
  }
  return { en, fr, truth };
}

/**
 * The alignment as it was before the band: every cell of the (n + 1) × (m + 1) table,
 * each bead's cost from sets built on the spot. Kept as the reference `alignParagraphs`
 * must match, and as this benchmark's baseline; quadratic, so only for small versions.
 */
export function alignFullTable(
  enUnits: readonly AlignUnit[],
  frUnits: readonly AlignUnit[],
  glossary?: Glossary,
  options: AlignOptions = defaultAlignOptions,
): Bead[] {
  const textOf = (unit: AlignUnit) => (typeof unit === 'string' ? unit : unit.text);
  const en = enUnits.map(textOf);
  const fr = frUnits.map(textOf);
  const input: Input = {
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
  const back: Array<Array<Move | undefined>> = Array.from({ length: n + 1 }, () =>
    new Array(m + 1).fill(undefined),
  );
  cost[0]![0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      for (const move of moves) {
        if (i < move.en || j < move.fr) continue;
        const previous = cost[i - move.en]![j - move.fr]!;
        if (!Number.isFinite(previous)) continue;
        const total = previous + beadCost(move.kind, range(i - move.en, i), range(j - move.fr, j), input);
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
      doubtful: unpaired ? !expectedAlone : move.kind === '2-2' || confidence < options.doubtfulBelow,
    });
    i -= move.en;
    j -= move.fr;
  }
  return settle(beads.reverse(), options);
}

interface Move {
  kind: BeadKind;
  en: number;
  fr: number;
}
const moves: Move[] = [
  { kind: '1-1', en: 1, fr: 1 },
  { kind: '1-0', en: 1, fr: 0 },
  { kind: '0-1', en: 0, fr: 1 },
  { kind: '2-1', en: 2, fr: 1 },
  { kind: '1-2', en: 1, fr: 2 },
  { kind: '2-2', en: 2, fr: 2 },
];

type Anchors = ReturnType<typeof anchorsOf>;
interface Input {
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

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const lengthOf = (side: readonly number[], texts: readonly string[]) =>
  side.reduce((sum, k) => sum + texts[k]!.length, 0);

function cognatesOf(text: string, language: 'en' | 'fr'): Set<string> {
  const starts = new Set<string>();
  for (const token of tokenize(text)) {
    if (token.joined || token.term.length < 4 || isStopWord(token.term, language)) continue;
    starts.add(token.term.slice(0, 4));
  }
  return starts;
}

function cognateScore(enSide: readonly number[], frSide: readonly number[], input: Input): number {
  const a = new Set(enSide.flatMap((k) => [...input.enCognates[k]!]));
  const b = new Set(frSide.flatMap((k) => [...input.frCognates[k]!]));
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const start of a) if (b.has(start)) shared++;
  return (2 * shared) / (a.size + b.size);
}

const formulaGroups = (text: string) =>
  new Set([
    ...(/\b(?:thank|thanks|merci|remercie)/iu.test(text) ? ['thanks'] : []),
    ...(/\b(?:president|présidente?|chair|coprésident|excellenc|monsieur|madame|mr|madam)/iu.test(text)
      ? ['address']
      : []),
  ]);

function kindCost(enSide: readonly number[], frSide: readonly number[], input: Input): number {
  const { options } = input;
  const enKinds = enSide.map((k) => input.enKinds[k]!);
  const frKinds = frSide.map((k) => input.frKinds[k]!);
  const kinds = [...enKinds, ...frKinds];
  if (enSide.length === 0 || frSide.length === 0) {
    const kind = kinds[0]!;
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

function beadCost(
  kind: BeadKind,
  enSide: readonly number[],
  frSide: readonly number[],
  input: Input,
): number {
  const { en, fr, enAnchors, frAnchors, options } = input;
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
  input: Input,
): number {
  const { en, fr, enAnchors, frAnchors, options } = input;
  if (enSide.length === 0 || frSide.length === 0) return 0.2;
  const length = lengthProbability(lengthOf(enSide, en), lengthOf(frSide, fr), {
    ...options,
    variance: options.variance * 4,
  });
  const { shared, mismatched, total } = compareAnchors(enSide, frSide, enAnchors, frAnchors);
  return confidenceOf({
    length,
    shared,
    mismatched,
    total,
    cognates: cognateScore(enSide, frSide, input),
    kindPenalty: kindCost(enSide, frSide, input) > 0,
    oneToOne: kind === '1-1',
  });
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

/** One size measured: the band's work and time, and the full table's where it was run. */
export interface AlignFigure {
  paragraphs: { en: number; fr: number };
  beadCosts: number;
  cells: number;
  passes: number;
  band: number;
  ms: number;
  /** Share of the truth's beads found (the generated versions say what is right). */
  correct: number;
  fullTable?: { ms: number; beadCosts: number; same: boolean };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Measures the alignment of generated versions of each size (passages before edits; edits 2 % of them). */
export function runAlignBench(sizes: readonly number[], runs: number, baselineUpTo: number): AlignFigure[] {
  const glossary = buildGlossary(
    parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
  );
  return sizes.map((size) => {
    const versions = generateVersions({ passages: size, seed: size, edits: Math.round(size / 50) });
    const stats: AlignStats = { cells: 0, beadCosts: 0, passes: 0, band: 0 };
    alignParagraphs(versions.en, versions.fr, glossary); // warm-up
    const times: number[] = [];
    let beads: Bead[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      beads = alignParagraphs(versions.en, versions.fr, glossary, defaultAlignOptions, stats);
      times.push(performance.now() - started);
    }
    const key = (en: readonly number[], fr: readonly number[]) => `${en.join(',')}|${fr.join(',')}`;
    const found = new Set(beads.map((bead) => key(bead.en, bead.fr)));
    const figure: AlignFigure = {
      paragraphs: { en: versions.en.length, fr: versions.fr.length },
      beadCosts: stats.beadCosts,
      cells: stats.cells,
      passes: stats.passes,
      band: stats.band,
      ms: Math.round(median(times)),
      correct: round(
        versions.truth.filter(([en, fr]) => found.has(key(en, fr))).length / versions.truth.length,
      ),
    };
    if (size <= baselineUpTo) {
      const started = performance.now();
      const full = alignFullTable(versions.en, versions.fr, glossary);
      const ms = Math.round(performance.now() - started);
      const n = versions.en.length;
      const m = versions.fr.length;
      // Every move of every cell whose predecessor exists, as the full table weighs them.
      let weighed = 0;
      for (let i = 0; i <= n; i++)
        for (let j = 0; j <= m; j++)
          for (const move of moves) if (i >= move.en && j >= move.fr && (i > 0 || j > 0)) weighed++;
      figure.fullTable = { ms, beadCosts: weighed, same: JSON.stringify(full) === JSON.stringify(beads) };
    }
    return figure;
  });
}

/**
 * The worst case the limit allows: two unrelated versions of `maxAlignedParagraphs`
 * paragraphs, whose path stays in doubt, so the band widens to its ceiling.
 */
export function runWorstCase() {
  const glossary = buildGlossary(
    parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
  );
  const en = generateVersions({ passages: maxAlignedParagraphs, seed: 1 }).en;
  const fr = generateVersions({ passages: maxAlignedParagraphs, seed: 2 }).fr;
  const stats: AlignStats = { cells: 0, beadCosts: 0, passes: 0, band: 0 };
  const started = performance.now();
  alignParagraphs(en, fr, glossary, defaultAlignOptions, stats);
  return { paragraphs: maxAlignedParagraphs, ...stats, ms: Math.round(performance.now() - started) };
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The figures as a Markdown table, each size's work and time as a ratio to the first size's. */
export function toAlignTable(figures: readonly AlignFigure[]): string {
  const first = figures[0]!;
  const lines = [
    '| paragraphs (en + fr) | bead costs | work ratio | time | time ratio | passes (band) | right | full table: bead costs / time / same beads |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of figures) {
    const full = f.fullTable
      ? `${f.fullTable.beadCosts.toLocaleString('en-CA')} / ${f.fullTable.ms} ms / ${f.fullTable.same ? 'yes' : 'NO'}`
      : '–';
    lines.push(
      `| ${f.paragraphs.en.toLocaleString('en-CA')} + ${f.paragraphs.fr.toLocaleString('en-CA')} | ${f.beadCosts.toLocaleString('en-CA')} | ${round(f.beadCosts / first.beadCosts, 2)}× | ${f.ms} ms | ${round(f.ms / Math.max(first.ms, 1), 2)}× | ${f.passes} (±${f.band}) | ${round(f.correct * 100, 1)} % | ${full} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('bench/align.ts')) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  if (process.argv.includes('--help')) {
    process.stdout.write(
      'usage: node bench/align.ts [--sizes 500,1500,3000] [--baseline-up-to 500] [--runs 3] [--no-worst] [--json]\n',
    );
    process.exit(0);
  }
  const sizes = (arg('sizes') ?? '500,1500,3000').split(',').map(Number);
  const runs = Number(arg('runs') ?? 3);
  const baselineUpTo = Number(arg('baseline-up-to') ?? 500);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !(runs >= 1) || !(baselineUpTo >= 0)) {
    process.stderr.write(
      '--sizes takes whole numbers (e.g. 500,1500,3000); --runs and --baseline-up-to too\n',
    );
    process.exit(2);
  }
  const figures = runAlignBench(sizes, runs, baselineUpTo);
  const worst = process.argv.includes('--no-worst') ? undefined : runWorstCase();
  const count = (n: number) => n.toLocaleString('en-CA');
  process.stdout.write(
    process.argv.includes('--json')
      ? `${JSON.stringify({ figures, worst })}\n`
      : `${toAlignTable(figures)}\n${
          worst
            ? `\nWorst case at the limit (${count(worst.paragraphs)} + ${count(worst.paragraphs)} unrelated paragraphs, band ±${worst.band} after ${worst.passes} passes): ${count(worst.beadCosts)} bead costs, ${worst.ms} ms\n`
            : ''
        }`,
  );
}
