import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../../src/core/errors.ts';
import { readDocument } from '../../../../src/core/ingest/formats/detect.ts';
import { listZipEntries, openZip } from '../../../../src/core/ingest/formats/zip.ts';
import { defaultIngestLimits } from '../../../../src/core/ingest/limits.ts';

const MB = 1024 * 1024;

/** Deflates `times` copies of `chunk` as a stream, so a bomb is made without holding what it unpacks to. */
async function deflateRepeated(chunk: Uint8Array, times: number): Promise<Uint8Array> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (piece: Buffer) => out.push(piece));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  for (let k = 0; k < times; k++)
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  deflater.end();
  await done;
  return new Uint8Array(Buffer.concat(out));
}

interface Entry {
  name: string;
  /** What is stored: deflated (method 8) or as is (method 0). */
  data: Uint8Array;
  method: 0 | 8;
  /** The unpacked size its local header and the central directory declare. */
  declaredSize: number;
}

/** A zip written byte by byte, whose headers declare whatever sizes they are given. */
function zipFile(entries: Entry[]): Uint8Array {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(entry.data));
    directory.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const centralDirectory = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, centralDirectory, end]));
}

const deflated = (text: string): Entry => {
  const data = new TextEncoder().encode(text);
  return { name: '', data: new Uint8Array(deflateRawSync(data)), method: 8, declaredSize: data.length };
};
const contentTypes = {
  ...deflated(
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  ),
  name: '[Content_Types].xml',
};
/** Opens a zip the test wrote, which must be readable. */
function opened(bytes: Uint8Array, maxUnpackedBytes: number) {
  const zip = openZip(bytes, maxUnpackedBytes);
  if (!zip) throw new Error('not a readable zip');
  return zip;
}
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('a Word file whose zip lies about its sizes', () => {
  it('is refused as a zip bomb while it unpacks, once the real bytes pass the limit, with bounded memory', async () => {
    // 3 MB of deflate data in the real case; here 256 MB of spaces in 250 KB, declared as 1 KB.
    const bomb = zipFile([
      contentTypes,
      {
        name: 'word/document.xml',
        data: await deflateRepeated(new Uint8Array(MB).fill(0x20), 256),
        method: 8,
        declaredSize: 1000,
      },
    ]);
    expect(bomb.length).toBeLessThan(MB);
    // What it declares passes the check made before opening it.
    expect(listZipEntries(bomb)?.reduce((sum, entry) => sum + entry.unpackedSize, 0)).toBeLessThan(2000);
    const before = process.memoryUsage.rss();
    const error = await refusal(readDocument(bomb, { ...defaultIngestLimits, maxUnpackedBytes: 8 * MB }));
    const grown = process.memoryUsage.rss() - before;
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe('zip_bomb');
    expect((error as DocumentError).message).toBe(
      'unpacks to more than 8 MB, whatever its zip declares: it was not read',
    );
    // A loose guard: unpacking it all would take 256 MB.
    expect(grown).toBeLessThan(100 * MB);
  });

  it('counts what every part really unpacks to, against one limit for the whole file', async () => {
    const sixMb = await deflateRepeated(new Uint8Array(MB).fill(0x61), 6);
    const zip = opened(
      zipFile([
        { name: 'word/document.xml', data: sixMb, method: 8, declaredSize: 10 },
        { name: 'word/styles.xml', data: sixMb, method: 8, declaredSize: 10 },
      ]),
      8 * MB,
    );
    expect(((await zip.read('word/document.xml')) as Uint8Array).length).toBe(6 * MB);
    const error = await refusal(zip.read('word/styles.xml', 'utf-8'));
    expect((error as DocumentError).code).toBe('zip_bomb');
  });

  it('counts parts read at once (as mammoth reads them) against the same limit', async () => {
    const sixMb = await deflateRepeated(new Uint8Array(MB).fill(0x61), 6);
    const zip = opened(
      zipFile([
        { name: 'word/document.xml', data: sixMb, method: 8, declaredSize: 10 },
        { name: 'word/styles.xml', data: sixMb, method: 8, declaredSize: 10 },
      ]),
      8 * MB,
    );
    const [document, styles] = await Promise.allSettled([
      zip.read('word/document.xml', 'utf-8'),
      zip.read('word/styles.xml', 'utf-8'),
    ]);
    const refused = [document, styles].filter((read) => read.status === 'rejected');
    expect(refused.map((read) => (read.reason as DocumentError).code)).toContain('zip_bomb');
  });

  it('counts a stored part by its real length too', async () => {
    const zip = opened(
      zipFile([{ name: 'word/document.xml', data: new Uint8Array(2 * MB), method: 0, declaredSize: 10 }]),
      MB,
    );
    expect(((await refusal(zip.read('word/document.xml'))) as DocumentError).code).toBe('zip_bomb');
  });
});

describe('reading a zip part by part', () => {
  const zip = () =>
    opened(
      zipFile([
        { ...deflated('<w:document>Déclaration</w:document>'), name: 'word/document.xml' },
        {
          name: 'word/media/image1.png',
          data: new Uint8Array([1, 2, 3]),
          method: 0,
          declaredSize: 3,
        },
        { name: 'word/broken.xml', data: new Uint8Array([0xff, 0xff, 0xff]), method: 8, declaredSize: 3 },
      ]),
      MB,
    );

  it('gives a part as text, as bytes or in base64, as mammoth asks for it', async () => {
    expect(zip().exists('word/document.xml')).toBe(true);
    expect(zip().exists('word/styles.xml')).toBe(false);
    expect(await zip().read('word/document.xml', 'utf-8')).toBe('<w:document>Déclaration</w:document>');
    expect(await zip().read('word/media/image1.png')).toEqual(new Uint8Array([1, 2, 3]));
    expect(await zip().read('word/media/image1.png', 'base64')).toBe('AQID');
  });

  it('says a part whose data cannot be unpacked, or that is missing, is damaged', async () => {
    expect(((await refusal(zip().read('word/broken.xml'))) as DocumentError).code).toBe('corrupt');
    expect(((await refusal(zip().read('word/missing.xml'))) as DocumentError).code).toBe('corrupt');
  });

  it('is undefined for what is not a zip', () => {
    expect(openZip(new TextEncoder().encode('not a zip at all, just text'), MB)).toBeUndefined();
  });
});
