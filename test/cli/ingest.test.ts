import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../src/core/data-file';
import { runScript } from '../support/cli';

describe('npm run ingest', () => {
  it('reproduces the delivered texts and languages of the seed data file from the seed text', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ingest-'));
    const { code, stdout } = await runScript('src/cli/ingest.ts', [
      'test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('paragraphs: 22 (10 French, 12 English)');
    const file = stdout.match(/Wrote (\S+)/)![1]!;
    const ingested = parseStatementFile(await readFile(file, 'utf8'), file);
    const seedFile = 'data/statements/canada-r2p-dialogue-2016-09-06.yml';
    const seed = parseStatementFile(await readFile(seedFile, 'utf8'), seedFile);
    expect(ingested.date).toBe('2016-09-06');
    expect(ingested.title.en).toBe(seed.title.en);
    expect(ingested.paragraphs.map(({ n, delivered, text }) => ({ n, delivered, text }))).toEqual(
      seed.paragraphs.map(({ n, delivered, text }) => ({ n, delivered, text })),
    );
    expect(ingested.paragraphs.every((p) => p.counterpart.origin === 'missing')).toBe(true);
  });

  it('refuses a file without a date, saying how to give one', async () => {
    const { code, stderr } = await runScript('src/cli/ingest.ts', ['package.json', '--out', tmpdir()]);
    expect(code).toBe(1);
    expect(stderr).toContain('--date');
  });
});
