import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../src/core/answer.ts';
import type { Knowledge } from '../src/core/knowledge-base.ts';
import { loadKnowledgeInWorker, loadKnowledgeWithReport } from '../src/knowledge.ts';

let dir: string;
let dataDir: string;
let cacheDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  dataDir = join(dir, 'data');
  cacheDir = join(dir, 'cache');
  cpSync('data', dataDir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What a delegate sees first for a few queries: paragraph numbers and totals. */
const shown = (knowledge: Knowledge) =>
  ['veto', 'opérations de paix', 'Kigali principles', '"political divisiveness"', 'prot'].map((query) => {
    const reply = answer(query, knowledge);
    return reply.kind === 'quotes'
      ? [reply.total, reply.results.map((result) => result.paragraph)]
      : reply.kind;
  });

const statementFile = () => join(dataDir, 'statements', readdirSync(join(dataDir, 'statements'))[0]!);

describe('the index snapshot', () => {
  it('is written on the first load and used on the next, with the same answers', async () => {
    const built = await loadKnowledgeWithReport(dataDir, { cacheDir });
    expect(built.report.source).toBe('built');
    const again = await loadKnowledgeWithReport(dataDir, { cacheDir });
    expect(again.report.source).toBe('snapshot');
    expect(shown(again.knowledge)).toEqual(shown(built.knowledge));
  });

  it('notices a file edited in place even when its size and modification time are put back', async () => {
    await loadKnowledgeWithReport(dataDir, { cacheDir });
    const file = statementFile();
    const before = statSync(file);
    const source = readFileSync(file, 'utf8');
    // Same length, one word changed: only the file's change time (and contents) tell.
    const edited = source.replace('Kigali', 'Kigalo');
    expect(edited.length).toBe(source.length);
    writeFileSync(file, edited);
    utimesSync(file, before.atime, before.mtime);
    const reloaded = await loadKnowledgeWithReport(dataDir, { cacheDir });
    expect(reloaded.report.source).toBe('built');
    const reply = answer('Kigalo', reloaded.knowledge);
    expect(reply.kind === 'quotes' && reply.total).toBeGreaterThan(0);
  });

  it('rebuilds from the files when the snapshot is damaged, and says why', async () => {
    await loadKnowledgeWithReport(dataDir, { cacheDir });
    const [key] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, key!, 'index.bin'), Buffer.from('not a snapshot'));
    const logs: string[] = [];
    const reloaded = await loadKnowledgeWithReport(dataDir, { cacheDir, log: (line) => logs.push(line) });
    expect(reloaded.report.source).toBe('built');
    expect(reloaded.report.snapshotProblem).toBeDefined();
    expect(logs.join('\n')).toContain('index snapshot unusable');
    expect(shown(reloaded.knowledge)[0]).toEqual(
      shown((await loadKnowledgeWithReport(dataDir)).knowledge)[0],
    );
  });

  it('gives the same knowledge through the reload worker (moved arrays, assembled in slices)', async () => {
    const direct = await loadKnowledgeWithReport(dataDir, { cacheDir });
    for (const source of ['snapshot', 'built'] as const) {
      if (source === 'built') rmSync(cacheDir, { recursive: true, force: true });
      const reloaded = await loadKnowledgeInWorker(dataDir, { cacheDir });
      expect(reloaded.report.source).toBe(source);
      expect(reloaded.knowledge.paragraphs.size).toBe(direct.knowledge.paragraphs.size);
      expect(shown(reloaded.knowledge)).toEqual(shown(direct.knowledge));
    }
  }, 30_000);
});
