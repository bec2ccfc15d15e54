import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesArchive } from '../../../src/adapters/local/files-archive.ts';
import { parseStatementFile } from '../../../src/core/data-file.ts';
import { DataError } from '../../../src/core/errors.ts';
import type { ArchiveReader } from '../../../src/ports/archive.ts';
import { readSources } from '../../../src/service/knowledge/sources.ts';

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sources-'));
  dataDir = join(dir, 'data');
  cpSync('data', dataDir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the sources of a load', () => {
  it('are the data folder’s files, named by their path, with identities that stand for them unread', async () => {
    const sources = await readSources(dataDir);
    const names = readdirSync(join(dataDir, 'statements')).filter((name) => name.endsWith('.yml'));
    expect(sources.statements.map((source) => source.file.split(/[\\/]/).pop())).toEqual(names.sort());
    expect(sources.identities).toMatch(/^[0-9a-f]{32}$/);
    expect(sources.key).toMatch(/^[0-9a-f]{32}$/);
    expect(sources.themes?.file).toMatch(/themes\.yml$/);
  });

  it('come from the archive port when there is one, each named where the archive says it is', async () => {
    // The archive is another folder, read through the port (as the database is): the data
    // folder's own statements are not read, its glossary and themes still are.
    const archiveDir = join(dir, 'archive');
    mkdirSync(archiveDir);
    const seed = readdirSync(join(dataDir, 'statements'))[0]!;
    cpSync(join(dataDir, 'statements', seed), join(archiveDir, seed));
    rmSync(join(dataDir, 'statements'), { recursive: true });
    const archive = filesArchive(archiveDir, join(dir, 'removed'));
    const sources = await readSources(dataDir, { archive });
    expect(sources.statements.map((source) => source.file)).toEqual([
      archive.locate(seed.replace(/\.yml$/, '')),
    ]);
    expect(parseStatementFile(sources.statements[0]!.source, 'x').id).toBe(seed.replace(/\.yml$/, ''));
    // No identities: a database's rows have none; the content key decides the snapshot.
    expect(sources.identities).toBeUndefined();
    expect(sources.glossary?.file).toMatch(/glossary\.yml$/);
  });

  it('may be an empty archive (a first start), but never an empty folder', async () => {
    const empty = filesArchive(join(dir, 'none'), join(dir, 'removed'));
    expect((await readSources(dataDir, { archive: empty })).statements).toEqual([]);
    for (const name of readdirSync(join(dataDir, 'statements'))) rmSync(join(dataDir, 'statements', name));
    await expect(readSources(dataDir)).rejects.toThrow(/no statement files/);
  });

  it('name the archive, never its address, when it cannot be read', async () => {
    const unreachable: ArchiveReader = {
      where: 'the archive database',
      locate: (id) => `archive database: ${id}`,
      list: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    };
    const error = await readSources(dataDir, { archive: unreachable }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataError);
    expect(String((error as Error).message)).toMatch(/the archive.*out of reach \(ECONNREFUSED\)/s);
  });

  it('leave an oversize statement unread, its refusal kept for when it is parsed', async () => {
    writeFileSync(join(dataDir, 'statements', 'huge.yml'), 'x'.repeat(2048));
    const sources = await readSources(dataDir, { maxFileBytes: 1024 });
    const huge = sources.statements.find((source) => source.file.endsWith('huge.yml'))!;
    expect(() => huge.source).toThrow(/huge\.yml/);
  });
});
