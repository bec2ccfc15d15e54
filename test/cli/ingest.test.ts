import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../src/core/data-file.ts';
import { runScript } from '../support/cli.ts';
import { layoutOf, wordFile } from '../support/documents.ts';

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
    const folder = await mkdtemp(join(tmpdir(), 'ingest-nodate-'));
    const file = join(folder, 'undated.txt');
    await writeFile(file, 'A statement with no date\n\nMr. President,\n\nWe are here today.\n');
    const { code, stderr } = await runScript('src/cli/ingest.ts', [file, '--out', folder]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      "no date found in the title block or the file's properties: give one with --date YYYY-MM-DD",
    );
    expect(await readdir(folder)).toEqual(['undated.txt']);
  });

  it('refuses a statement larger than the loader reads (STATEMENT_MAX_MB), and writes nothing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ingest-large-'));
    const file = join(folder, 'long.txt');
    const paragraphs = Array.from(
      { length: 40 },
      (_, k) => `Paragraph ${k + 1} of a long statement on peace.`,
    );
    await writeFile(file, `A long statement\nOttawa, 1 December 2026\n\n${paragraphs.join('\n\n')}\n`);
    const { code, stderr } = await runScript('src/cli/ingest.ts', [file, '--out', folder], {
      env: { STATEMENT_MAX_MB: '0.002' },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/\.yml: is \d+ KB, over the 2 KB limit for a data file \(STATEMENT_MAX_MB\)/);
    expect(await readdir(folder)).toEqual(['long.txt']);
  });

  it('writes nothing when the versions disagree on the date, unless it is given or confirmed', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ingest-doubt-'));
    const en = join(folder, 'london.en.txt');
    const fr = join(folder, 'london.fr.txt');
    await copyFile('test/fixtures/align/published/pm-london-2017-06-04.en.txt', en);
    await writeFile(
      fr,
      (await readFile('test/fixtures/align/published/pm-london-2017-06-04.fr.txt', 'utf8')).replace(
        /4 juin 2017/,
        '5 juin 2017',
      ),
    );
    const args = ['--en', en, '--fr', fr, '--out', folder];
    const refused = await runScript('src/cli/ingest.ts', args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing was written, the date read is not sure:');
    expect(refused.stderr).toContain(
      '  - date: the versions disagree on the date (2017-06-04, 2017-06-05); 2017-06-04 is used; read as "2017-06-04"; also found: "2017-06-05" (the French version) (--date)',
    );
    expect(refused.stderr).toContain(
      'Give it (--title-en, --title-fr, --date), or write it as read with --confirm.',
    );
    expect((await readdir(folder)).sort()).toEqual(['london.en.txt', 'london.fr.txt']);
    const confirmed = await runScript('src/cli/ingest.ts', [...args, '--confirm']);
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/ {2}- ⚠ date: the versions disagree on the date .* \(confirmed\)/);
    const given = await runScript('src/cli/ingest.ts', [...args, '--date', '2017-06-04', '--force']);
    expect(given.code).toBe(0);
    expect(given.stdout).not.toContain('⚠');
  });

  it('builds one statement from its English and French versions, printing the alignment and the pairs to review', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ingest-'));
    const { code, stdout } = await runScript('src/cli/ingest.ts', [
      '--en',
      'test/fixtures/align/seed.en.txt',
      '--fr',
      'test/fixtures/align/seed.fr.txt',
      '--delivered',
      'test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt',
      '--out',
      out,
      '--id',
      'canada-r2p-two-versions',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/23 English and 20 French paragraphs → 20 pairs/);
    expect(stdout).toMatch(/ 3 {2}2-1 {2}0\.\d\d {2}fr /);
    const file = join(out, 'canada-r2p-two-versions.yml');
    const statement = parseStatementFile(await readFile(file, 'utf8'), file);
    expect(statement.paragraphs).toHaveLength(20);
    expect(statement.paragraphs[0]).toMatchObject({ delivered: 'fr', counterpart: { origin: 'official' } });
    expect(statement.paragraphs.at(-1)).toMatchObject({ delivered: 'en', text: 'Thank you, Mr. President.' });
  });

  it('ingests a folder with a progress bar and a summary', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ingest-batch-'));
    const out = await mkdtemp(join(tmpdir(), 'ingest-out-'));
    await copyFile('test/fixtures/align/poc.en.txt', join(folder, 'poc.en.txt'));
    await copyFile('test/fixtures/align/poc.fr.txt', join(folder, 'poc.fr.txt'));
    await copyFile('test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt', join(folder, 'seed.txt'));
    const { code, stdout, stderr } = await runScript('src/cli/ingest.ts', ['--batch', folder, '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('[########################] 2/2');
    expect(stdout).toContain('Statements added: 2 of 2');
    expect(stdout).toMatch(/Pairs: \d+ {3}doubtful pairs: \d+/);
    expect((await readdir(out)).length).toBe(2);
  });

  it('adds a speech found in a batch in two forms once, and says so', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ingest-twins-'));
    const out = await mkdtemp(join(tmpdir(), 'ingest-out-'));
    const seed = await readFile('test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt', 'utf8');
    await writeFile(join(folder, 'r2p-statement.txt'), seed);
    await writeFile(join(folder, 'R2P statement (Word).docx'), await wordFile(layoutOf(seed, 'fr', 2), ''));
    const { code, stdout } = await runScript('src/cli/ingest.ts', ['--batch', folder, '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('Statements added: 1 of 2');
    expect(stdout).toMatch(
      /One statement in two forms, added once \(1\):\n {2}.*r2p-statement\.txt: the same statement as .*R2P statement \(Word\)\.docx, in another form: added once/,
    );
    expect(await readdir(out)).toHaveLength(1);
  });
});
