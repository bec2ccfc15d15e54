import { languages, type ParagraphRecord, paragraphId } from '../corpus.ts';
import type { Knowledge } from '../knowledge-base.ts';
import { stripFrame } from './frames.ts';
import { perLanguage } from './per-language.ts';
import { buildQueryPlan, type QueryPlan } from './query-plan.ts';
import {
  conceptsOf,
  defaultRankingOptions,
  type Hit,
  type RankingOptions,
  type SearchOutcome,
  searchPlanned,
  searchQuotes,
} from './search.ts';
import { namingGroups, type Period, statementMetadata, takePeriod } from './selectors.ts';

/** What a search of the archive preferred, to say so in the answer. */
export interface Focus {
  /** The period the query named. */
  period?: Period;
  /** The words of the query that named statements (an occasion, a speaker, a title). */
  words: string[];
  /** The statements preferred, best first (ids). */
  statements: string[];
}

export interface ArchiveOutcome extends SearchOutcome {
  /** What was searched for, when it differs from what was typed (a question frame, a year dropped). */
  searched?: string;
  focus?: Focus;
}

/**
 * How much more a paragraph weighs when the query names its statement wholly (its period,
 * its occasion, its speaker): a look-alike named in part gets a quarter of it (m²).
 */
const namedWeight = 2;
/** The weight of a paragraph that only introduces the statement or thanks the chair. */
const leadWeight = 0.55;

/**
 * Searches an archive as delegates remember it: a question frame is dropped ("what did we
 * say about …"), a year or a month prefers the statements of that period, and words that
 * name statements (an occasion, a speaker, a title) prefer those statements without having
 * to be in the paragraph. The text still decides within them: a paragraph holding every
 * word outranks one that holds some, and an introduction ranks below what has substance.
 */
export function searchArchive(
  query: string,
  knowledge: Knowledge,
  accept: ((paragraph: ParagraphRecord) => boolean) | undefined,
  ranking: RankingOptions = defaultRankingOptions,
  want = 10,
): ArchiveOutcome {
  const framed = stripFrame(query);
  const metadata = statementMetadata(knowledge.statements);
  const { period, rest } = takePeriod(framed, metadata);
  const text = rest.trim();
  const searched = text !== query.trim() ? text : undefined;
  const plan = buildQueryPlan(text, knowledge.index, knowledge.glossary);
  const count = knowledge.statements.length;
  // Which statements the query's words name (an occasion, a speaker, a title).
  const selectors = namingGroups(plan.concepts, metadata);
  const periodStatements = period
    ? knowledge.statements.flatMap((statement, s) => (statement.date.startsWith(period.prefix) ? [s] : []))
    : [];
  const periodPicks = periodStatements.length > 0 && periodStatements.length < count;
  const parts = selectors.length + (periodPicks ? 1 : 0);
  const weights = new Map<string, number>();
  if (parts > 0) {
    knowledge.statements.forEach((statement, s) => {
      const named =
        selectors.filter((selector) => selector.statements.has(s)).length +
        (periodPicks && statement.date.startsWith(period!.prefix) ? 1 : 0);
      if (named > 0) weights.set(statement.id, named / parts);
    });
  }
  const weightOf = (paragraph: ParagraphRecord) =>
    1 + namedWeight * (weights.get(paragraph.statement.id) ?? 0) ** 2;
  const deep = Math.max(want, ranking.rerankDepth);
  const outcomes: SearchOutcome[] = [];
  if (plan.concepts.length > 0) outcomes.push(searchQuotes(text, knowledge, { accept, ranking, want: deep }));
  const selectorIndexes = new Set(selectors.flatMap((selector) => selector.concepts));
  const textPlan: QueryPlan = { ...plan, concepts: plan.concepts.filter((_, i) => !selectorIndexes.has(i)) };
  if (weights.size > 0 && textPlan.concepts.length > 0) {
    // The words that are not names of statements, within the statements named.
    const named = (paragraph: ParagraphRecord) =>
      weights.has(paragraph.statement.id) && (!accept || accept(paragraph));
    outcomes.push(searchPlanned(textPlan, knowledge, { accept: named, ranking, want: deep }));
  }
  // Hits holding every word (every word that is not a name of statements, within the
  // statements named) come first; then those holding some. Within each, the text's score
  // (scaled to 1 per concept) times how fully the query names the paragraph's statement.
  const merged = new Map<string, { hit: Hit; all: boolean }>();
  for (const outcome of outcomes) {
    if (outcome.mode === 'none') continue;
    const concepts = Math.max(1, outcome.concepts.length);
    const all = outcome.mode === 'all';
    for (const hit of outcome.hits) {
      const score = (hit.score / (concepts * concepts)) * weightOf(hit.paragraph) * substance(hit.paragraph);
      const known = merged.get(hit.paragraph.id);
      const better = !known || (all && !known.all) || (all === known.all && score > known.hit.score);
      const kept = better ? { hit: { ...hit, score }, all } : known;
      const other = better ? known?.hit : hit;
      if (other)
        for (const language of languages)
          for (const term of other.matched[language]) kept.hit.matched[language].add(term);
      merged.set(hit.paragraph.id, kept);
    }
  }
  const ranked = [...merged.values()].sort(
    (a, b) =>
      Number(b.all) - Number(a.all) ||
      b.hit.score - a.hit.score ||
      a.hit.paragraph.id.localeCompare(b.hit.paragraph.id),
  );
  const hits = ranked.map((entry) => entry.hit);
  const bestMode: SearchOutcome['mode'] = ranked[0] ? (ranked[0].all ? 'all' : 'some') : 'none';
  const focus =
    weights.size > 0
      ? {
          ...(periodPicks ? { period: period! } : {}),
          words: selectors.map((selector) => selector.concepts.map((i) => plan.concepts[i]!.text).join(' ')),
          statements: [...weights.entries()]
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))
            .map(([id]) => id),
        }
      : undefined;
  const { language } = plan;
  if (hits.length === 0 && focus) {
    // Nothing but names ("guterres", "UN Day 2019"): the statements named, their substance first.
    const listed = listNamed(knowledge, weights, accept, want);
    return {
      hits: listed.hits,
      total: listed.total,
      mode: listed.total > 0 ? 'all' : 'none',
      language,
      concepts: conceptsOf(plan),
      ...(searched !== undefined ? { searched } : {}),
      focus,
    };
  }
  const total = Math.max(hits.length, ...outcomes.map((outcome) => outcome.total));
  return {
    hits,
    total,
    ...(outcomes.some((outcome) => outcome.estimated) ? { estimated: true } : {}),
    mode: hits.length === 0 ? 'none' : bestMode,
    language,
    concepts: conceptsOf(plan),
    ...(searched !== undefined ? { searched } : {}),
    ...(focus ? { focus } : {}),
  };
}

/**
 * The paragraphs of the statements a query named most, newest statement first, each in
 * order, substance before introductions: the first `want` of them, and how many there are.
 */
function listNamed(
  knowledge: Knowledge,
  weights: ReadonlyMap<string, number>,
  accept: ((paragraph: ParagraphRecord) => boolean) | undefined,
  want: number,
): { hits: Hit[]; total: number } {
  const best = Math.max(...weights.values());
  const hit = (paragraph: ParagraphRecord): Hit => ({
    paragraph,
    score: substance(paragraph),
    matched: perLanguage(() => new Set<string>()),
  });
  const substantive: Hit[] = [];
  const leads: Hit[] = [];
  let total = 0;
  // Statements are newest first already.
  for (const statement of knowledge.statements) {
    if (weights.get(statement.id) !== best) continue;
    if (!accept && substantive.length >= want) {
      total += statement.paragraphs.length;
      continue;
    }
    for (const { n } of statement.paragraphs) {
      const paragraph = knowledge.paragraphs.get(paragraphId(statement.id, n))!;
      if (accept && !accept(paragraph)) continue;
      total += 1;
      if (substantive.length >= want) continue;
      const listed = hit(paragraph);
      if (listed.score === 1) substantive.push(listed);
      else if (leads.length < want) leads.push(listed);
    }
  }
  return { hits: [...substantive, ...leads].slice(0, want), total };
}

/** A press office's line before a message: "Following is the Secretary-General's message…". */
const INTRODUCTION =
  /^(?:(?:the )?following is|(?:here|below) is the|voici (?:le|la|les)|on trouvera ci-apr[eè]s|ci-apr[eè]s (?:le|la|les))/i;
/** Thanks and salutations, which open many paragraphs but make a paragraph only when alone. */
const SALUTATION =
  /^(?:thank you|thanks|merci|mr\.? (?:president|chair)|madam (?:president|chair)|monsieur le pr[ée]sident|madame la pr[ée]sidente|excellenc|distinguished|ladies and gentlemen|mesdames et messieurs|dear colleagues|chers coll[eè]gues)/i;

/**
 * How much a paragraph says: 1 for substance, less for one that only introduces the
 * statement ("Following is the message of…", « Voici le message… »), only thanks or greets
 * ("Thank you, Mr. President."), or is a bare heading (a few words without a full stop).
 */
export function substance(paragraph: ParagraphRecord): number {
  const text = (paragraph.text[paragraph.delivered]?.text ?? '').trim();
  const words = text.split(/\s+/).filter(Boolean).length;
  if (INTRODUCTION.test(text) && words <= 40) return leadWeight;
  if (SALUTATION.test(text) && words <= 10) return leadWeight;
  if (words <= 8 && !/[.!?…»"”]$/.test(text)) return leadWeight;
  return 1;
}
