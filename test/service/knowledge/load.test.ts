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
import { answer } from '../../../src/core/answer.ts';
import type { Knowledge } from '../../../src/core/knowledge-base.ts';
import { loadKnowledgeInWorker, loadKnowledgeWithReport } from '../../../src/service/knowledge/load.ts';

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

describe('a statement file that breaks a rule', () => {
  it('is left out of the load, with why, and the others answer: built, from the snapshot, and in the worker', async () => {
    const seed = readFileSync(statementFile(), 'utf8');
    const other = (id: string) => seed.replace(/^id: .*$/m, `id: ${id}`);
    writeFileSync(
      join(dataDir, 'statements', 'b-theme.yml'),
      other('b-theme').replace(/^(\s+)delivered: (fr|en)$/m, '$1delivered: $2\n$1themes: [no-such-theme]'),
    );
    writeFileSync(
      join(dataDir, 'statements', 'c-large.yml'),
      `${other('c-large')}\n# ${'x'.repeat(70_000)}\n`,
    );
    writeFileSync(join(dataDir, 'statements', 'd-same-id.yml'), seed);
    const options = { cacheDir, maxFileBytes: 64 * 1024 };
    const expected = [
      {
        file: expect.stringMatching(/b-theme\.yml$/),
        problems: [expect.stringMatching(/\.themes: unknown theme "no-such-theme"/)],
      },
      {
        file: expect.stringMatching(/c-large\.yml$/),
        problems: [
          expect.stringMatching(/^is \d+ KB, over the 64 KB limit for a data file \(STATEMENT_MAX_MB\)$/),
        ],
      },
      {
        file: expect.stringMatching(/d-same-id\.yml$/),
        problems: [
          expect.stringMatching(/^id: "canada-r2p-dialogue-2016-09-06" is already used by .*canada-r2p/),
        ],
      },
    ];
    const built = await loadKnowledgeWithReport(dataDir, options);
    expect(built.report.source).toBe('built');
    expect(built.knowledge.skipped).toEqual(expected);
    expect(built.knowledge.statements.map((s) => s.id)).toEqual(['canada-r2p-dialogue-2016-09-06']);
    const again = await loadKnowledgeWithReport(dataDir, options);
    expect(again.report.source).toBe('snapshot');
    expect(again.knowledge.skipped).toEqual(expected);
    const worker = await loadKnowledgeInWorker(dataDir, options);
    expect(worker.knowledge.skipped).toEqual(expected);
    expect(shown(worker.knowledge)).toEqual(shown(built.knowledge));
  });
});

describe('a cache folder shared by instances of different data', () => {
  it('prunes only the snapshots of its own data, never another instance’s', async () => {
    const otherDir = join(dir, 'other');
    cpSync('data', otherDir, { recursive: true });
    const options = { cacheDir };
    await loadKnowledgeWithReport(otherDir, options);
    const theirs = readdirSync(cacheDir);
    expect(theirs).toHaveLength(1);
    // This instance's data changes five times: it keeps its own newest snapshots only.
    for (let k = 0; k < 5; k++) {
      writeFileSync(statementFile(), `${readFileSync(statementFile(), 'utf8')}\n# change ${k}\n`);
      await loadKnowledgeWithReport(dataDir, options);
    }
    const left = readdirSync(cacheDir).filter((name) => !name.startsWith('.tmp-'));
    expect(left).toContain(theirs[0]);
    expect(left).toHaveLength(4);
    expect((await loadKnowledgeWithReport(otherDir, options)).report.source).toBe('snapshot');
  });
});
