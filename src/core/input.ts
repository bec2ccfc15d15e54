/** Longest command text we read; the rest is ignored (a pasted document is not a query). */
export const maxCommandLength = 500;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control, zero-width and bidi characters are what this removes.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts a text to at most `max` code units without splitting a character: an emoji, a
 * flag or a letter with its accent stays whole or goes whole.
 * @example cutText('ab😀', 3) // => 'ab'
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  // Segment only a window past the cut: a boundary depends on nearby characters alone, and
  // segmenting a whole long text would take seconds.
  for (const { segment, index } of graphemes.segment(text.slice(0, max + 64))) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/**
 * What any surface makes of typed text before anything reads it: control, zero-width and
 * bidi characters become spaces, runs of space one, and the text is cut to
 * `maxCommandLength` on a character boundary.
 * @example cleanInput('veto\u0000\u202e  lang:fr') // => 'veto lang:fr'
 */
export const cleanInput = (text: string, max = maxCommandLength): string =>
  cutText(text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim(), max);
