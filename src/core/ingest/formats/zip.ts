import { DocumentError } from '../../errors.ts';
import { formatBytes } from '../limits.ts';

/** One entry of a zip file's central directory. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** As declared: a zip bomb declares what it likes, so nothing read relies on it. */
  unpackedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  /** General purpose flags (bit 0: encrypted). */
  flags: number;
  /** Where its local header starts. */
  offset: number;
}

const ZIP64 = 0xffffffff;

/**
 * Lists a zip file's entries from its central directory, without unpacking anything, so
 * that a zip bomb can be refused from its declared sizes. Undefined when it is not a
 * readable zip file.
 * @example listZipEntries(new Uint8Array([1, 2, 3])) // => undefined
 */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 64 KB + 22 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    let compressedSize = view.getUint32(offset + 20, true);
    let unpackedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    let localOffset = view.getUint32(offset + 42, true);
    if (offset + 46 + nameLength + extraLength > bytes.length) return undefined;
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    // Sizes and offsets too large for 32 bits are in the ZIP64 extra field, in this order.
    if (unpackedSize === ZIP64 || compressedSize === ZIP64 || localOffset === ZIP64) {
      const zip64 = zip64Fields(view, offset + 46 + nameLength, extraLength) ?? [];
      if (unpackedSize === ZIP64) unpackedSize = zip64.shift() ?? unpackedSize;
      if (compressedSize === ZIP64) compressedSize = zip64.shift() ?? compressedSize;
      if (localOffset === ZIP64) localOffset = zip64.shift() ?? localOffset;
    }
    entries.push({ name, compressedSize, unpackedSize, method, flags, offset: localOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The 64-bit values of an entry's ZIP64 extra field (id 1), as numbers. */
function zip64Fields(view: DataView, start: number, length: number): number[] | undefined {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (at + 4 + size > start + length) return undefined;
    if (id === 1) {
      const values: number[] = [];
      for (let k = 0; k + 8 <= size; k += 8) values.push(Number(view.getBigUint64(at + 4 + k, true)));
      return values;
    }
    at += 4 + size;
  }
  return undefined;
}

/** A zip file opened for reading its entries one at a time, as mammoth reads a Word file. */
export interface ZipReader {
  exists(name: string): boolean;
  /** An entry's bytes, or its text in `encoding` ('utf-8', or 'base64'). */
  read(name: string, encoding?: string): Promise<Uint8Array | string>;
}

/** Compressed bytes fed to the inflater at a time: at most ~1,000 times as much comes out of each. */
const FEED = 16 * 1024;

/**
 * Opens a zip file whose entries are inflated only when read, counting the bytes that
 * really come out: once they pass `maxUnpackedBytes` in all, reading stops and the file
 * is refused as a zip bomb, whatever sizes its central directory or local headers declare.
 * Undefined when it is not a readable zip file.
 */
export function openZip(bytes: Uint8Array, maxUnpackedBytes: number): ZipReader | undefined {
  const entries = listZipEntries(bytes);
  if (!entries) return undefined;
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  // Shared by every read, as it goes: mammoth reads several parts at once.
  let unpacked = 0;
  const take = (size: number) => {
    unpacked += size;
    return unpacked <= maxUnpackedBytes;
  };
  const damaged = () => new DocumentError('corrupt', 'is damaged: Word could not be read from it');
  const tooMuch = () =>
    new DocumentError(
      'zip_bomb',
      `unpacks to more than ${formatBytes(maxUnpackedBytes)}, whatever its zip declares: it was not read`,
    );
  return {
    exists: (name) => byName.has(name),
    async read(name, encoding) {
      const entry = byName.get(name);
      if (!entry) throw damaged();
      if (entry.flags & 1)
        throw new DocumentError(
          'encrypted',
          'is protected by a password: save an unprotected copy and try again',
        );
      const data = entryData(bytes, entry);
      if (!data) throw damaged();
      let chunks: Uint8Array[];
      if (entry.method === 0) {
        if (!take(data.length)) throw tooMuch();
        chunks = [data];
      } else if (entry.method === 8) {
        const inflated = await inflateRaw(data, take);
        if (inflated === 'damaged') throw damaged();
        if (inflated === 'too_much') throw tooMuch();
        chunks = inflated;
      } else throw damaged();
      const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      if (encoding === 'base64') return Buffer.from(concat(chunks, size)).toString('base64');
      if (encoding) {
        const decoder = new TextDecoder(encoding);
        return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
      }
      return concat(chunks, size);
    },
  };
}

/** An entry's stored bytes, from its local header; undefined when they are not inside the file. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== 0x04034b50) return undefined;
  const start =
    entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  if (start + entry.compressedSize > bytes.length) return undefined;
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * Inflates raw deflate data a little at a time, each piece that comes out counted by
 * `take`, and stops as soon as it says no more (what a deflate stream unpacks to is known
 * only by unpacking it).
 */
async function inflateRaw(
  data: Uint8Array,
  take: (size: number) => boolean,
): Promise<Uint8Array[] | 'damaged' | 'too_much'> {
  const inflater = new DecompressionStream('deflate-raw');
  const writer = inflater.writable.getWriter();
  const reader = inflater.readable.getReader();
  const feeding = (async () => {
    for (let at = 0; at < data.length; at += FEED)
      await writer.write(data.slice(at, Math.min(at + FEED, data.length)));
    await writer.close();
  })();
  // A stream stopped early or damaged fails its writes too; the reader below says which.
  feeding.catch(() => {});
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!take(value.length)) {
        await reader.cancel().catch(() => {});
        return 'too_much';
      }
      chunks.push(value);
    }
    await feeding;
  } catch {
    return 'damaged';
  }
  return chunks;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}
