import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateVersions } from '../../../bench/align.ts';
import { parseDataFile } from '../../../src/core/data-file.ts';
import { buildGlossary, type Glossary, GlossaryFile } from '../../../src/core/glossary.ts';
import { alignParagraphs, maxAlignedParagraphs } from '../../../src/core/ingest/align.ts';
import {
  alignUnitsOf,
  buildFromDocuments,
  IngestError,
  type ReadVersion,
} from '../../../src/core/ingest/build-statement.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';
import {
  AlignmentError,
  alignmentsUnderWay,
  alignOffThread,
  defaultAlignLimits,
} from '../../../src/service/documents/align-off-thread.ts';
import { notices } from '../../../src/slack/notices.ts';

let glossary: Glossary;
beforeAll(() => {
  glossary = buildGlossary(
    parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
  );
});

describe('aligning off the thread that answers', () => {
  it('gives the very beads alignParagraphs gives in the thread, the glossary included', async () => {
    const versions = generateVersions({ passages: 400, seed: 21, edits: 20 });
    const inThread = alignParagraphs(versions.en, versions.fr, glossary);
    expect(await alignOffThread(versions.en, versions.fr, glossary)).toEqual(inThread);
    // The glossary reached the worker: without it, the same versions align otherwise.
    expect(alignParagraphs(versions.en, versions.fr)).not.toEqual(inThread);
    expect(alignmentsUnderWay()).toEqual({ running: 0, waiting: 0 });
  });

  it('builds the same statement from documents with beads aligned off thread as aligning in it', async () => {
    const read = (language: string): ReadVersion => ({
      version: parsePlainStatement(readFileSync(`test/fixtures/align/seed.${language}.txt`, 'utf8')),
      source: { file: `seed.${language}.txt`, format: 'txt', taken: '2024-09-22' },
    });
    const documents = [read('fr'), read('en')];
    const passages = alignUnitsOf(documents)!;
    const beads = await alignOffThread(passages.en, passages.fr, glossary);
    expect(buildFromDocuments(documents, glossary, {}, { beads })).toEqual(
      buildFromDocuments(documents, glossary),
    );
  });

  it('refuses 20,000 one-line paragraphs a side at once, starting no worker, in words for the ingest and for Slack', async () => {
    const en = Array.from({ length: 20_000 }, (_, k) => `Canada supports decision ${k + 1}.`);
    const fr = Array.from({ length: 20_000 }, (_, k) => `Le Canada appuie la décision ${k + 1}.`);
    const refusal = alignOffThread(en, fr, glossary);
    expect(alignmentsUnderWay()).toEqual({ running: 0, waiting: 0 });
    const error = await refusal.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IngestError);
    const { problem } = error as IngestError;
    expect(problem).toEqual({
      kind: 'too_many_paragraphs',
      en: 20_000,
      fr: 20_000,
      limit: maxAlignedParagraphs,
    });
    expect((error as IngestError).message).toMatch(/20,000 paragraphs .* 20,000: at most 5,000 .* not added/);
    expect(notices.en.archive.problem(problem)).toBe(
      'The English version has 20,000 paragraphs and the French version 20,000: I can align at most 5,000 a version, so the statement was not added. Please check that each file holds one statement.',
    );
    expect(notices.fr.archive.problem(problem)).toBe(
      'La version anglaise compte 20\u00a0000 paragraphes et la version française 20\u00a0000\u202f: je peux en aligner au plus 5\u00a0000 par version, la déclaration n’a donc pas été ajoutée. Veuillez vérifier que chaque fichier contient une seule déclaration.',
    );
  });

  it('stops a worker that takes longer than the time limit, with a clear error', async () => {
    const versions = generateVersions({ passages: 2000, seed: 5 });
    const error = await alignOffThread(versions.en, versions.fr, glossary, {
      ...defaultAlignLimits,
      timeoutMs: 1,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AlignmentError);
    expect((error as AlignmentError).code).toBe('timeout');
    expect((error as AlignmentError).message).toMatch(/took longer than 0.001 s: it was stopped$/);
    expect(alignmentsUnderWay()).toEqual({ running: 0, waiting: 0 });
  });

  it('reports a worker out of memory as too complex, and the process carries on', async () => {
    const versions = generateVersions({ passages: maxAlignedParagraphs, seed: 6 });
    const error = await alignOffThread(versions.en, versions.fr, glossary, {
      ...defaultAlignLimits,
      workerHeapMb: 8,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AlignmentError);
    expect((error as AlignmentError).code).toBe('too_complex');
    expect(await alignOffThread(['Thank you.'], ['Merci.'])).toHaveLength(1);
  });

  it('runs two alignments at once at most: the others wait their turn, and every one is answered', async () => {
    const versions = generateVersions({ passages: 200, seed: 8 });
    const all = Array.from({ length: 4 }, () => alignOffThread(versions.en, versions.fr, glossary));
    await Promise.resolve();
    expect(alignmentsUnderWay()).toEqual({ running: 2, waiting: 2 });
    const answers = await Promise.all(all);
    expect(answers.every((beads) => JSON.stringify(beads) === JSON.stringify(answers[0]))).toBe(true);
    expect(alignmentsUnderWay()).toEqual({ running: 0, waiting: 0 });
  });
});
