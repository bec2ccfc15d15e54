/** The limits every document read by the ingest (from a terminal or from Slack) is held to. */
export interface IngestLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total a Word file may unpack to, in bytes (a zip bomb is refused before it is opened). */
  maxUnpackedBytes: number;
  /** Most entries a Word file's zip may hold. */
  maxZipEntries: number;
  /** How long reading one document may take, in milliseconds. */
  timeoutMs: number;
  /** Heap given to the worker that reads one document, in megabytes (part of `readMemoryMb`). */
  workerHeapMb: number;
  /**
   * All the memory one read may take, in megabytes: heap, buffers, decoded streams and
   * fonts, native allocations; measured as the growth of the reading process's resident
   * memory, whatever a file declares. Two reads may run at once: budget twice this.
   */
  readMemoryMb: number;
  /** Most pages a PDF may have (checked before any page is read). */
  maxPdfPages: number;
}

export const defaultIngestLimits: IngestLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxZipEntries: 5000,
  timeoutMs: 30_000,
  workerHeapMb: 512,
  readMemoryMb: 768,
  maxPdfPages: 500,
};

/**
 * A size for people: "20 MB", "512 KB".
 * @example formatBytes(20 * 1024 * 1024) // => '20 MB'
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * What a file over a size limit is told, in one place.
 * @example tooLarge(21 * 1024 * 1024, 20 * 1024 * 1024) // => 'is 21 MB, over the 20 MB limit'
 */
export const tooLarge = (size: number, limit: number) =>
  `is ${formatBytes(size)}, over the ${formatBytes(limit)} limit`;

/** What a file that needs more memory than any statement is told, in one place (Slack says it with `too_complex`). */
export const tooComplex =
  'needed more memory to read than any statement does (far too deep or too large once opened): it was not read';
