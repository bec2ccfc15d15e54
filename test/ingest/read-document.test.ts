import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/core/errors.ts';
import { defaultIngestLimits } from '../../src/core/ingest/limits.ts';
import { concurrentReads, documentReads, readDocumentInWorker } from '../../src/ingest/read-document.ts';
import { layoutOf, pdfFile } from '../support/documents.ts';

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
});
