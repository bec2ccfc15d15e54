import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/cli';

const ask = (args: string[], options?: Parameters<typeof runScript>[2]) =>
  runScript('src/cli/ask.ts', args, options);

describe('npm run ask', () => {
  it('prints ¶14 with its French counterpart and citation for "veto", within 80 columns', async () => {
    const { code, stdout } = await ask(['veto']);
    expect(code).toBe(0);
    expect(stdout).toContain('¶14 · delivered in English');
    expect(stdout).toContain('suspension of the veto');
    expect(stdout).toContain('FR (translation)');
    expect(stdout).toContain('6 September 2016, ¶14');
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(stdout).not.toContain('\u001b[');
  });

  it('prints exactly one JSON object with --json', async () => {
    const { code, stdout } = await ask(['--json', 'para 14']);
    expect(code).toBe(0);
    const reply = JSON.parse(stdout);
    expect(reply).toMatchObject({
      kind: 'paragraph',
      paragraph: 14,
      delivered: 'en',
      fr: { origin: 'translation' },
    });
  });

  it('answers one JSON line per input line in --batch mode, in order, errors and blanks included', async () => {
    const input = ['veto', '', 'para 99', 'help', 'operations de paix', 'colour:blue'].join('\n');
    const { code, stdout } = await ask(['--json', '--batch'], { input });
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((reply) => reply.kind)).toEqual(['quotes', 'help', 'error', 'help', 'quotes', 'error']);
    expect(lines[0].results[0].paragraph).toBe(14);
  });

  it('reads DATA_DIR, and refuses a bad data file with the file and the place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quotes-data-'));
    await mkdir(join(dir, 'statements'));
    await writeFile(join(dir, 'statements', 'bad.yml'), 'id: bad\ncountry: {en: Canada}\n');
    const { code, stderr, stdout } = await ask(['veto'], { env: { DATA_DIR: dir } });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad\.yml: country\.fr: is missing/);
  });

  it('treats an empty DATA_DIR as unset', async () => {
    const { code, stdout } = await ask(['--json', 'veto'], { env: { DATA_DIR: '' } });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results[0].paragraph).toBe(14);
  });
});
