/** One entry of a zip file's central directory. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  unpackedSize: number;
}

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
    const compressedSize = view.getUint32(offset + 20, true);
    const unpackedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, compressedSize, unpackedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
