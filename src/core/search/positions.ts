import { type LanguagePostings, tokenFlags } from './postings.ts';

/**
 * Phrases and word distances from the forward index: each paragraph's words as numbers,
 * in text order, so that nothing is read or analysed again at query time.
 */

/**
 * A check of one phrase in one language: true when its folded words stand together, in
 * order, in a document's text (joined forms aside, as the phrase was typed).
 */
export function phraseMatcher(
  postings: LanguagePostings,
  phrase: readonly string[],
): (doc: number) => boolean {
  // Each word of the phrase as the forward index writes it: a term number, or a stop word's number.
  const wanted = phrase.map((word) => {
    const stop = postings.stopWords.indexOf(word);
    return stop >= 0 ? { stop: true, n: stop } : { stop: false, n: postings.ids.get(word) ?? -1 };
  });
  if (wanted.some((word) => word.n < 0)) return () => false;
  return (doc) => holds(postings, doc, wanted);
}

function holds(
  postings: LanguagePostings,
  doc: number,
  wanted: ReadonlyArray<{ stop: boolean; n: number }>,
): boolean {
  const { tokenOffsets, tokenWords, tokenFlags: flags } = postings;
  const words: number[] = [];
  const stops: boolean[] = [];
  for (let i = tokenOffsets[doc]!; i < tokenOffsets[doc + 1]!; i++) {
    if (flags[i]! & tokenFlags.joined) continue;
    words.push(tokenWords[i]!);
    stops.push((flags[i]! & tokenFlags.stop) !== 0);
  }
  outer: for (let i = 0; i + wanted.length <= words.length; i++) {
    for (let k = 0; k < wanted.length; k++) {
      const word = wanted[k]!;
      if (words[i + k] !== word.n || stops[i + k] !== word.stop) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * The positions (among the content words, joined forms included) where the document holds
 * a term of each set, as {at, set} in text order: the input of the tightest window.
 */
export function termPositions(
  postings: LanguagePostings,
  doc: number,
  sets: ReadonlyArray<ReadonlySet<number>>,
): Array<{ at: number; concept: number }> {
  const { tokenOffsets, tokenWords, tokenStems, tokenFlags: flags } = postings;
  const positions: Array<{ at: number; concept: number }> = [];
  let at = 0;
  for (let i = tokenOffsets[doc]!; i < tokenOffsets[doc + 1]!; i++) {
    if (flags[i]! & tokenFlags.stop) continue;
    const word = tokenWords[i]!;
    const stem = tokenStems[i]!;
    sets.forEach((set, concept) => {
      if (set.has(word) || set.has(stem)) positions.push({ at, concept });
    });
    at += 1;
  }
  return positions;
}
