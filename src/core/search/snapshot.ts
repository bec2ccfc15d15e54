import { type Language, languages } from '../corpus.ts';
import { perLanguage } from './per-language.ts';
import {
  joinStrings,
  type LanguagePostings,
  type PostingsData,
  postingsFromData,
  postingsToData,
  splitStrings,
} from './postings.ts';
import { assembleQuoteIndex, type QuoteIndex } from './quote-index.ts';

/**
 * The index's own data format: what a snapshot keeps and what a reload worker sends, as the
 * engine writes and reads it (MiniSearch's `toJSON`/`loadJS`). Nothing outside the engine
 * needs to know what is inside.
 */

/** Bump when the analysis, the index or its snapshot change: snapshots made before are then rebuilt. */
export const indexVersion = 'quote-index-5';

/** One language's vocabulary as saved: folded words and how they are written, each list joined. */
interface SavedWords {
  folded: string;
  written: string;
}

/**
 * The index as plain data: typed arrays and joined strings (one long string deserializes
 * far faster than many), each language's postings under its own key.
 */
export type QuoteIndexData = { ids: string } & Record<Language, PostingsData> & {
    words: Record<Language, SavedWords>;
  };

/** The index as plain data (typed arrays and strings), for a snapshot. */
export function quoteIndexToData(index: QuoteIndex): QuoteIndexData {
  return {
    ids: joinStrings(index.ids),
    ...perLanguage((language) => postingsToData(index.postings[language])),
    words: perLanguage((language) => ({
      folded: joinStrings([...index.words[language].keys()]),
      written: joinStrings([...index.words[language].values()]),
    })),
  };
}

/** Restores an index saved by `quoteIndexToData`. */
export function loadQuoteIndex(data: QuoteIndexData): QuoteIndex {
  return assembleQuoteIndex(
    perLanguage((language) => postingsFromData(data[language])),
    splitStrings(data.ids),
    perLanguage((language) => wordsOf(data.words[language])),
  );
}

/**
 * Restores an index saved by `quoteIndexToData` one language at a time, awaiting `pause`
 * between the steps (the caller lets other work run there).
 */
export async function loadQuoteIndexInSteps(
  data: QuoteIndexData,
  pause: () => Promise<void>,
): Promise<QuoteIndex> {
  const postings: Partial<Record<Language, LanguagePostings>> = {};
  for (const language of languages) {
    postings[language] = postingsFromData(data[language]);
    await pause();
  }
  return assembleQuoteIndex(
    postings as Record<Language, LanguagePostings>,
    splitStrings(data.ids),
    perLanguage((language) => wordsOf(data.words[language])),
  );
}

const wordsOf = (saved: SavedWords) => {
  const written = splitStrings(saved.written);
  return new Map(splitStrings(saved.folded).map((folded, i) => [folded, written[i]!]));
};

type OwnedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/**
 * Index data ready to be posted to another thread with its typed arrays moved, not copied:
 * the data (each array owning its buffer) and the buffers to list as the message's transfer.
 * `isUntransferable` is the host's check (Node's `isMarkedAsUntransferable`), as the core
 * knows no thread API.
 */
export function indexDataTransfer(
  data: QuoteIndexData,
  isUntransferable: (buffer: ArrayBuffer) => boolean,
): { data: QuoteIndexData; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const movable = (value: unknown) => {
    if (!ArrayBuffer.isView(value) || value instanceof DataView) return value;
    const owned = ownedArray(value as OwnedArray, isUntransferable);
    transfer.push(owned.buffer as ArrayBuffer);
    return owned;
  };
  const moved = perLanguage(
    (language) =>
      Object.fromEntries(
        Object.entries(data[language]).map(([key, value]) => [key, movable(value)]),
      ) as PostingsData,
  );
  return { data: { ...data, ...moved }, transfer };
}

/**
 * The array itself when it alone holds its buffer, else a copy that does. An index read
 * from a snapshot is made of views into the file's bytes, and `v8.deserialize` copies an
 * unaligned one into Node's shared Buffer pool, which Node 22 and later refuse to transfer
 * (`DataCloneError`); moving the file's whole buffer would also detach its other views.
 */
function ownedArray<T extends OwnedArray>(value: T, isUntransferable: (buffer: ArrayBuffer) => boolean): T {
  const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
  if (whole && value.buffer instanceof ArrayBuffer && !isUntransferable(value.buffer)) return value;
  return value.slice() as T;
}
