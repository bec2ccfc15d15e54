import { foldText } from '../analysis/normalize.ts';
import type { Paragraph, Statement } from '../corpus.ts';

/** What an update kept from the file, and what it could not place. */
export interface MergeResult {
  statement: Statement;
  /** Hand-made content kept, one line each, for the ingest to print. */
  kept: string[];
  /** Hand-made content of paragraphs the new documents no longer hold: an update would lose it. */
  orphaned: string[];
}

const normal = (text: string) => foldText(text).replace(/\s+/g, ' ').trim();
/** A text's words of three letters or more, folded: what `similarity` compares. */
export const wordsOf = (text: string) =>
  new Set(
    normal(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2),
  );

/** Share of words two sets have in common (Dice). */
export function overlap(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** How alike two statements' words must be to be one speech read from two files. */
const sameSpeechAlike = 0.85;

/**
 * True when two statements are one speech read from two files (a Word file and its PDF,
 * a page saved twice): the same date and speaker, and nearly the same words, whatever
 * each format's layout did to the paragraphs and the title.
 */
export function sameSpeech(a: Statement, b: Statement): boolean {
  if (a.date !== b.date) return false;
  // Two speakers saying the same words are two statements.
  if (a.speaker && b.speaker && normal(a.speaker.name.en) !== normal(b.speaker.name.en)) return false;
  const said = (statement: Statement) =>
    wordsOf(
      statement.paragraphs
        .map((p) => `${p.text} ${p.counterpart.origin === 'missing' ? '' : p.counterpart.text}`)
        .join(' '),
    );
  return overlap(said(a), said(b)) >= sameSpeechAlike;
}

/** Share of words two texts have in common (Dice). */
const similarity = (a: string, b: string) => overlap(wordsOf(a), wordsOf(b));

/** Equal values, whatever the order of their keys (a file read back writes fr before en, or the other way). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (value: object) =>
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k)
      .sort();
  const ka = keys(a);
  const kb = keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (key, k) =>
        key === kb[k] && same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/**
 * A metadata value in words: a text in both languages as "English" / « French », a
 * speaker as their name and role, a date as it is.
 * @example inWords({ en: 'Geneva', fr: 'Genève' }) // => '"Geneva" / « Genève »'
 */
export function inWords(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value !== 'object') return String(value);
  const record = value as Record<string, unknown>;
  if ('name' in record) {
    const name = inWords(record.name);
    return record.role ? `${name}, ${inWords(record.role)}` : name;
  }
  if ('en' in record || 'fr' in record)
    return record.en === record.fr
      ? `"${String(record.en)}"`
      : `"${String(record.en ?? '')}" / « ${String(record.fr ?? '')} »`;
  return Object.entries(record)
    .map(([key, v]) => `${key} ${inWords(v)}`)
    .join(', ');
}
const hasHandContent = (p: Paragraph) => p.counterpart.origin !== 'missing' || p.themes !== undefined;
const clip = (text: string) => (text.length > 50 ? `${text.slice(0, 49)}…` : text);

/**
 * Re-aligns a statement from new documents while keeping what people made by hand in
 * its file: counterparts written or corrected, corrected texts and languages, theme
 * overrides, curated summaries, and metadata that differs from what the documents say
 * (unless `given` names it as set on the command line). `kept` names only what differs
 * from the documents and was kept; a forum that is the title follows the title.
 */
export function mergeStatement(
  existing: Statement,
  fresh: Statement,
  given: ReadonlySet<string> = new Set(),
): MergeResult {
  const kept: string[] = [];
  const statement: Statement = { ...fresh, id: existing.id };
  // A forum that is the title, in the file as in the documents, follows the title: only the title was edited.
  const forumIsTitle =
    !given.has('forum') && same(existing.forum, existing.title) && same(fresh.forum, fresh.title);
  for (const field of ['country', 'date', 'title', 'forum', 'place', 'speaker', 'delivery'] as const) {
    if (field === 'forum' && forumIsTitle) continue;
    if (given.has(field) || existing[field] === undefined || same(existing[field], fresh[field])) continue;
    (statement as Record<string, unknown>)[field] = existing[field];
    kept.push(
      `${field}: ${inWords(existing[field])}, kept as in the file (the documents say ${inWords(fresh[field])})`,
    );
  }
  if (forumIsTitle) statement.forum = { ...statement.title };
  if (existing.added) statement.added = existing.added;
  if (existing.summaries && Object.keys(existing.summaries).length > 0) {
    statement.summaries = existing.summaries;
    if (!same(existing.summaries, fresh.summaries))
      kept.push(`summaries: kept (${Object.keys(existing.summaries).join(', ')})`);
  }

  const used = new Set<Paragraph>();
  const byText = new Map(existing.paragraphs.map((p) => [normal(p.text), p]));
  const paragraphs = fresh.paragraphs.map((paragraph) => {
    let match = byText.get(normal(paragraph.text));
    if (!match || used.has(match)) {
      const candidate = existing.paragraphs.find((p) => p.n === paragraph.n && !used.has(p));
      match = candidate && similarity(candidate.text, paragraph.text) >= 0.6 ? candidate : undefined;
    }
    if (!match) return paragraph;
    used.add(match);
    const merged: Paragraph = { ...paragraph };
    if (match.text !== paragraph.text) {
      merged.text = match.text;
      kept.push(`¶${paragraph.n}: your corrected text ("${clip(match.text)}")`);
    }
    if (match.delivered !== paragraph.delivered) {
      merged.delivered = match.delivered;
      kept.push(`¶${paragraph.n}: delivered in ${match.delivered}, as set in the file`);
    }
    if (match.counterpart.origin !== 'missing' && !same(match.counterpart, paragraph.counterpart)) {
      merged.counterpart = match.counterpart;
      kept.push(
        `¶${paragraph.n}: your ${match.counterpart.origin} counterpart ("${clip(match.counterpart.text)}")`,
      );
    }
    if (match.themes) {
      merged.themes = match.themes;
      if (!same(match.themes, paragraph.themes))
        kept.push(`¶${paragraph.n}: themes ${match.themes.join(', ')}`);
    }
    return merged;
  });
  const orphaned = existing.paragraphs
    .filter((p) => !used.has(p) && hasHandContent(p))
    .map(
      (p) =>
        `¶${p.n} ("${clip(p.text)}"): not in the new documents, and it has ${p.counterpart.origin !== 'missing' ? `a ${p.counterpart.origin} counterpart` : 'themes set by hand'}`,
    );
  return { statement: { ...statement, paragraphs }, kept, orphaned };
}
