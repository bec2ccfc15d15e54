/**
 * Writes N synthetic bilingual statements for benchmarks (never used by the app):
 * `npm run bench:corpus -- --statements N --out DIR [--seed S]`.
 * Vocabulary: tens of thousands of invented words per language, drawn with a Zipf-like
 * law around real function words; paragraph and statement lengths like real statements;
 * deterministic from the seed. Also copies data/glossary.yml and data/themes.yml.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Statement } from '../src/core/corpus.ts';
import { toStatementYaml } from '../src/core/ingest/statement-yaml.ts';

export interface CorpusOptions {
  statements: number;
  seed: number;
  /** Distinct content words per language. */
  vocabulary: number;
}

export const defaultCorpusOptions: CorpusOptions = { statements: 100, seed: 2016, vocabulary: 40_000 };

/** mulberry32: a small, fast, deterministic PRNG. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = {
  en: 'ca ro ti na le mi sta pro de ment tion ver al con ri ty ac se cu por ex ter na po li ble in ge ra'.split(
    ' ',
  ),
  fr: 'ca ro ti na le mi sta pro dé ment tion vér al con ri té ac se cu por ex ter na po li ble in gé ra eau'.split(
    ' ',
  ),
};
const FUNCTION_WORDS = {
  en: 'the of and to in a that is for on with as by we our this it be are has its must will all from'.split(
    ' ',
  ),
  fr: 'le la les de des du et à en un une que qui pour dans sur par nous notre ce est sont doit avec'.split(
    ' ',
  ),
};
const PLACES = [
  'Syria',
  'Mali',
  'Haiti',
  'Ukraine',
  'Yemen',
  'Sudan',
  'Colombia',
  'Myanmar',
  'Kigali',
  'Geneva',
];
const FORUMS = [
  { en: 'UN Security Council open debate', fr: 'Débat public du Conseil de sécurité' },
  { en: 'UN General Assembly plenary meeting', fr: "Séance plénière de l'Assemblée générale" },
  {
    en: 'Human Rights Council interactive dialogue',
    fr: 'Dialogue interactif du Conseil des droits de l’homme',
  },
];

/** Builds the invented vocabulary of each language: word i of English translates as word i of French. */
function buildVocabulary(next: () => number, size: number) {
  const make = (language: 'en' | 'fr') => {
    const words = new Set<string>();
    while (words.size < size) {
      const count = 2 + Math.floor(next() * 3);
      let word = '';
      for (let i = 0; i < count; i++)
        word += SYLLABLES[language][Math.floor(next() * SYLLABLES[language].length)];
      words.add(word);
    }
    return [...words];
  };
  return { en: make('en'), fr: make('fr') };
}

/** A Zipf-like draw (exponent ~1.05) over ranks 0..n-1, by inverse transform of a precomputed CDF. */
function zipf(next: () => number, n: number) {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    total += 1 / (rank + 1) ** 1.05;
    cdf[rank] = total;
  }
  return () => {
    const target = next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Generates the statements in memory (deterministic from the seed). */
export function generateStatements(options: Partial<CorpusOptions> = {}): Statement[] {
  const { statements, seed, vocabulary } = { ...defaultCorpusOptions, ...options };
  const next = random(seed);
  const words = buildVocabulary(next, vocabulary);
  const draw = zipf(next, vocabulary);
  const out: Statement[] = [];
  for (let s = 0; s < statements; s++) {
    const year = 2005 + Math.floor((s / Math.max(1, statements)) * 20);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const forum = FORUMS[Math.floor(next() * FORUMS.length)]!;
    const topic = words.en[Math.floor(next() * 2000)]!;
    const paragraphCount = 8 + Math.floor(next() * next() * 22);
    const frenchUntil = next() < 0.5 ? Math.floor(paragraphCount / 2) : next() < 0.5 ? paragraphCount : 0;
    const paragraphs: Statement['paragraphs'] = [];
    for (let p = 1; p <= paragraphCount; p++) {
      const sentences = 1 + Math.floor(next() * next() * 4);
      const en: string[] = [];
      const fr: string[] = [];
      for (let k = 0; k < sentences; k++) {
        const length = 8 + Math.floor(next() * 22);
        const enWords: string[] = [];
        const frWords: string[] = [];
        for (let w = 0; w < length; w++) {
          const roll = next();
          if (roll < 0.4) {
            const f = Math.floor(next() * FUNCTION_WORDS.en.length);
            enWords.push(FUNCTION_WORDS.en[f]!);
            frWords.push(FUNCTION_WORDS.fr[f]!);
          } else if (roll < 0.42) {
            const place = PLACES[Math.floor(next() * PLACES.length)]!;
            enWords.push(place);
            frWords.push(place);
          } else if (roll < 0.43) {
            const number = String(10 + Math.floor(next() * 990));
            enWords.push(number);
            frWords.push(number);
          } else {
            const rank = draw();
            enWords.push(words.en[rank]!);
            frWords.push(words.fr[rank]!);
          }
        }
        en.push(`${capitalize(enWords.join(' '))}.`);
        fr.push(`${capitalize(frWords.join(' '))}.`);
      }
      const delivered = p <= frenchUntil ? 'fr' : 'en';
      const text = (delivered === 'fr' ? fr : en).join(' ');
      const counterpart = (delivered === 'fr' ? en : fr).join(' ');
      paragraphs.push({ n: p, delivered, text, counterpart: { origin: 'translation', text: counterpart } });
    }
    out.push({
      id: `bench-${String(s + 1).padStart(5, '0')}-${date}`,
      country: { en: 'Canada', fr: 'Canada' },
      date,
      title: {
        en: `Statement on ${topic} (${s + 1})`,
        fr: `Déclaration sur ${words.fr[words.en.indexOf(topic)]} (${s + 1})`,
      },
      forum,
      place: { en: 'New York', fr: 'New York' },
      speaker: {
        name: { en: 'Delegation of Canada', fr: 'Délégation du Canada' },
        role: { en: 'Benchmark', fr: 'Banc d’essai' },
      },
      paragraphs,
    });
  }
  return out;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Writes the statements as data files, with the real glossary and themes beside them. */
export function writeCorpus(dir: string, statements: readonly Statement[]) {
  mkdirSync(join(dir, 'statements'), { recursive: true });
  for (const statement of statements) {
    writeFileSync(
      join(dir, 'statements', `${statement.id}.yml`),
      toStatementYaml(statement, 'A synthetic statement for benchmarks (npm run bench:corpus).'),
    );
  }
  copyFileSync('data/glossary.yml', join(dir, 'glossary.yml'));
  copyFileSync('data/themes.yml', join(dir, 'themes.yml'));
}

function flag(name: string, fallback?: string) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

if (process.argv[1]?.endsWith('corpus.ts')) {
  const count = Number(flag('statements', '100'));
  const out = flag('out');
  const seed = Number(flag('seed', String(defaultCorpusOptions.seed)));
  if (!out || !Number.isInteger(count) || count < 1) {
    process.stderr.write('Usage: npm run bench:corpus -- --statements N --out DIR [--seed S]\n');
    process.exit(2);
  }
  const started = performance.now();
  const statements = generateStatements({ statements: count, seed });
  writeCorpus(out, statements);
  const paragraphs = statements.reduce((sum, statement) => sum + statement.paragraphs.length, 0);
  process.stderr.write(
    `Wrote ${count} statements (${paragraphs} paragraph pairs) to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
