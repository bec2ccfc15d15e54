import { createDeflate } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../src/core/errors.ts';
import { defaultIngestLimits, tooComplex } from '../../../src/core/ingest/limits.ts';
import {
  concurrentReads,
  documentReads,
  readDocumentInWorker,
  watchMemory,
} from '../../../src/service/documents/read-document.ts';
import { layoutOf, pdfFile } from '../../support/documents.ts';

const MB = 1024 * 1024;

/**
 * A PDF whose page's content stream is `mb` MB of spaces deflated into a few hundred KB:
 * pdf.js decodes a stream whole, in buffers outside the JavaScript heap.
 */
async function pdfWithDecodedSize(mb: number): Promise<Uint8Array> {
  const deflater = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (piece: Buffer) => out.push(piece));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  const spaces = Buffer.alloc(MB, 0x20);
  for (let k = 0; k < mb; k++)
    if (!deflater.write(spaces)) await new Promise((resolve) => deflater.once('drain', resolve));
  deflater.end();
  await done;
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  page.drawText('Mr. President,', { x: 72, y: 650, size: 11, font });
  const data = Buffer.concat(out);
  page.node.addContentStream(
    pdf.context.register(
      PDFRawStream.of(pdf.context.obj({ Filter: PDFName.of('FlateDecode'), Length: data.length }), data),
    ),
  );
  return pdf.save();
}

describe('reading an untrusted document in a worker', () => {
  it('reads a document off the main thread', async () => {
    const document = await readDocumentInWorker(
      new TextEncoder().encode('A title\n6 September 2016\n\nMr. President,\n'),
    );
    expect(document.format).toBe('txt');
    expect(document.blocks.map((block) => block.lines)).toEqual([
      ['A title', '6 September 2016'],
      ['Mr. President,'],
    ]);
  });

  it('gives up on a document that takes longer than the time limit, with a clear error', async () => {
    const pdf = await pdfFile(layoutOf('Title\n6 September 2016\n\nMr. President,\n', 'en'), 'Header');
    const error = await readDocumentInWorker(pdf, { ...defaultIngestLimits, timeoutMs: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe('timeout');
    expect((error as DocumentError).message).toMatch(/took longer than .* to read/);
  });

  it('refuses a page nested far too deeply as too complex, not as damaged nor as a zip bomb', async () => {
    const depth = 200_000;
    const page = `<!doctype html><html><body><main><h1>T</h1>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</main></body></html>`;
    const error = await readDocumentInWorker(new TextEncoder().encode(page)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe('too_complex');
  });

  it('refuses a document over the size limit without starting a worker', async () => {
    const error = await readDocumentInWorker(new Uint8Array(2048), {
      ...defaultIngestLimits,
      maxFileBytes: 1024,
    }).catch((e: unknown) => e);
    expect((error as DocumentError).message).toBe('is 2 KB, over the 1 KB limit');
  });
});

describe('the memory of a read', () => {
  it('is all counted, buffers included: a read that grows past its cap is stopped as too complex', async () => {
    // 256 MB once decoded, from 250 KB: far past a 192 MB cap, though the heap barely grows.
    const bomb = await pdfWithDecodedSize(256);
    expect(bomb.length).toBeLessThan(MB);
    const limits = { ...defaultIngestLimits, readMemoryMb: 192 };
    const error = await readDocumentInWorker(bomb, limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe('too_complex');
    // The wording of the heap cap's refusal: one reason, one sentence.
    expect((error as DocumentError).message).toBe(tooComplex);
    // A sound file is read within the same cap.
    const pdf = await pdfFile(layoutOf('Title\n6 September 2016\n\nMr. President,\n', 'en'), 'Header');
    expect((await readDocumentInWorker(pdf, limits)).format).toBe('pdf');
  });

  it('is watched for its growth since the read started, and the watch calls once then stops', async () => {
    let rss = 500 * MB;
    const over: number[] = [];
    const stop = watchMemory({
      limitBytes: 100 * MB,
      onOver: (grown) => over.push(grown),
      everyMs: 1,
      rss: () => rss,
    });
    rss = 590 * MB;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(over).toEqual([]);
    rss = 700 * MB;
    await new Promise((resolve) => setTimeout(resolve, 20));
    rss = 900 * MB;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(over).toEqual([200 * MB]);
    stop();
  });

  it('is no longer watched once the watch is stopped', async () => {
    let rss = 0;
    const over: number[] = [];
    const stop = watchMemory({
      limitBytes: MB,
      onOver: (grown) => over.push(grown),
      everyMs: 1,
      rss: () => rss,
    });
    stop();
    rss = 10 * MB;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(over).toEqual([]);
  });
});

describe('documents read at once', () => {
  it('are at most two: the others wait their turn, and every one is read', async () => {
    const pdf = await pdfFile(layoutOf('Title\n6 September 2016\n\nMr. President,\n', 'en'), 'Header');
    let most = 0;
    const watch = setInterval(() => {
      most = Math.max(most, documentReads().running);
    }, 1);
    try {
      const all = Array.from({ length: 5 }, () => readDocumentInWorker(pdf));
      // The first two are under way at once; the other three wait.
      expect(documentReads()).toEqual({ running: concurrentReads, waiting: 3 });
      const documents = await Promise.all(all);
      expect(documents.every((document) => document.format === 'pdf')).toBe(true);
    } finally {
      clearInterval(watch);
    }
    expect(most).toBeLessThanOrEqual(concurrentReads);
    expect(documentReads()).toEqual({ running: 0, waiting: 0 });
  });

  it('tell a read that must wait its place in line, 1 when it is next, and read it in turn', async () => {
    const text = new TextEncoder().encode('A title\n6 September 2016\n\nMr. President,\n');
    const places: Array<number[]> = [[], [], [], [], []];
    const all = places.map((told) =>
      readDocumentInWorker(text, defaultIngestLimits, { onQueued: (position) => told.push(position) }),
    );
    expect(places).toEqual([[], [], [1], [2], [3]]);
    expect((await Promise.all(all)).map((document) => document.format)).toEqual(Array(5).fill('txt'));
    expect(documentReads()).toEqual({ running: 0, waiting: 0 });
  });
});
