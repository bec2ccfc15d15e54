/**
 * A memo that holds at most `capacity` entries, forgetting the least recently used first:
 * its keys come from what users type, so a plain Map would grow with every new word.
 * @example
 * const squares = new BoundedCache<number, number>(2);
 * squares.get(3, (n) => n * n); // => 9, computed
 * squares.get(3, (n) => n * n); // => 9, remembered
 */
export class BoundedCache<K, V> {
  readonly capacity: number;
  readonly #entries = new Map<K, V>();

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity ${capacity}: expected ≥ 1`);
    this.capacity = capacity;
  }

  /** How many entries it holds now (never more than its capacity). */
  get size(): number {
    return this.#entries.size;
  }

  /** The value remembered for a key, or computed now and remembered. */
  get(key: K, compute: (key: K) => V): V {
    const entries = this.#entries;
    let value = entries.get(key);
    if (value !== undefined || entries.has(key)) {
      // A Map iterates in insertion order: set again, the key becomes the newest.
      entries.delete(key);
      entries.set(key, value as V);
      return value as V;
    }
    value = compute(key);
    if (entries.size >= this.capacity) entries.delete(entries.keys().next().value as K);
    entries.set(key, value);
    return value;
  }
}
