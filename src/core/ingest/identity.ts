import { foldText } from '../analysis/normalize.ts';
import type { Statement } from '../corpus.ts';
import { distinctId } from './statement-yaml.ts';
import { titleKey } from './title-block.ts';

/**
 * True when two statements are the same statement (same title, date and speaker), even
 * if one was re-aligned or corrected since: what decides whether an id is this
 * statement's own or another's.
 */
export const isSameStatement = (a: Statement, b: Statement): boolean =>
  a.date === b.date &&
  titleKey(a.title.en) === titleKey(b.title.en) &&
  titleKey(a.speaker?.name.en ?? '') === titleKey(b.speaker?.name.en ?? '');

/**
 * A key of what a statement says: its date and its paragraphs' texts, folded (case,
 * accents, spacing), in order. Two statements with the same key hold the same content,
 * whatever their ids and metadata.
 */
export function contentKey(statement: Statement): string {
  const cached = keys.get(statement);
  if (cached) return cached;
  const text = [
    statement.date,
    ...statement.paragraphs.map((p) => foldText(p.text).replace(/\s+/g, ' ').trim()),
  ].join('\u0000');
  const key = `${hash53(text, 1).toString(16)}${hash53(text, 2).toString(16)}`;
  keys.set(statement, key);
  return key;
}

/** Keys of statements already seen: a loaded archive's statements are not changed in place. */
const keys = new WeakMap<Statement, string>();

/** cyrb53: a fast 53-bit string hash (two seeds give 106 bits, plenty for an archive's keys). */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The id a new statement takes: its own when free or held by the same statement, else a
 * distinct one (the speaker's words, then a number). `holder` tells what holds an id:
 * a statement, `unreadable` for a file that does not load (kept: the write then refuses
 * it, rather than guess whose it is), or undefined when free.
 */
export function chooseId(
  statement: Statement,
  holder: (id: string) => Statement | 'unreadable' | undefined,
): string {
  const takenByAnother = (id: string) => {
    const held = holder(id);
    return held !== undefined && held !== 'unreadable' && !isSameStatement(held, statement);
  };
  return distinctId(statement.id, statement.speaker?.name.en, statement.date, takenByAnother);
}
