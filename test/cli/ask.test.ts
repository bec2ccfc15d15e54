import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/cli.ts';

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

  it('reads DATA_DIR, and leaves out a bad statement file, naming the file and the place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quotes-data-'));
    await mkdir(join(dir, 'statements'));
    await writeFile(join(dir, 'statements', 'bad.yml'), 'id: bad\ncountry: {en: Canada}\n');
    await copyFile(
      'data/statements/canada-r2p-dialogue-2016-09-06.yml',
      join(dir, 'statements', 'canada-r2p-dialogue-2016-09-06.yml'),
    );
    await copyFile('data/themes.yml', join(dir, 'themes.yml'));
    const { code, stderr, stdout } = await ask(['--json', 'veto'], { env: { DATA_DIR: dir } });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results[0].paragraph).toBe(14);
    expect(stderr).toMatch(/Skipped, it does not load: .*bad\.yml: country\.fr: is missing/);
    const listed = await ask(['--json', 'statements'], { env: { DATA_DIR: dir } });
    expect(JSON.parse(listed.stdout)).toMatchObject({ total: 1, skipped: ['bad.yml'] });
  });

  it('refuses a bad themes file with the file and the place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quotes-data-'));
    await mkdir(join(dir, 'statements'));
    await copyFile(
      'data/statements/canada-r2p-dialogue-2016-09-06.yml',
      join(dir, 'statements', 'canada-r2p-dialogue-2016-09-06.yml'),
    );
    await writeFile(join(dir, 'themes.yml'), 'themes: 3\n');
    const { code, stderr, stdout } = await ask(['veto'], { env: { DATA_DIR: dir } });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Cannot load the data:\n {2}.*themes\.yml: themes: /);
  });

  it('treats an empty DATA_DIR as unset', async () => {
    const { code, stdout } = await ask(['--json', 'veto'], { env: { DATA_DIR: '' } });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results[0].paragraph).toBe(14);
  });
});

/** Runs `npm run ask`'s main in this process, with piped input and captured output. */
async function askHere(args: string[], input?: string) {
  const { Readable } = await import('node:stream');
  const { main } = await import('../../src/cli/ask.ts');
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from(input === undefined ? [] : [input]), { isTTY: false });
  const code = await main(args, {
    stdin,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { DATA_DIR: 'data', INDEX_CACHE_DIR: 'off' },
  });
  return { code, stdout, stderr };
}

describe('npm run ask, like the tools people know', () => {
  it('refuses an unknown option with exit 2, one line and the usage, and searches nothing', async () => {
    const { code, stdout, stderr } = await askHere(['--bogus', 'veto']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(
      "Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"",
    );
    expect(stderr).toContain('Usage:');
  });

  it('answers piped lines one by one, as text, when no command is given', async () => {
    const { code, stdout } = await askHere([], 'veto\n\npara 3\n');
    expect(code).toBe(0);
    const answers = stdout.trimEnd().split('\n\n¶3');
    expect(answers[0]).toContain('¶14 · delivered in English');
    expect(stdout).toContain('¶3 · delivered in French');
  });

  it('reaches the results after the first page with --offset', async () => {
    const first = JSON.parse((await askHere(['--json', '--limit', '1', 'peace operations'])).stdout);
    const second = JSON.parse(
      (await askHere(['--json', '--limit', '1', '--offset', '1', 'peace operations'])).stdout,
    );
    expect(first.total).toBeGreaterThan(1);
    expect(second.offset).toBe(1);
    expect(second.results[0].paragraph).not.toBe(first.results[0].paragraph);
    expect((await askHere(['--offset', '-1', 'veto'])).code).toBe(2);
  });

  it('answers in French when the terminal is French and the text does not say', async () => {
    const { Readable } = await import('node:stream');
    const { main } = await import('../../src/cli/ask.ts');
    let stdout = '';
    await main(['veto'], {
      stdin: Object.assign(Readable.from([]), { isTTY: false }),
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      env: { DATA_DIR: 'data', INDEX_CACHE_DIR: 'off', LANG: 'fr_CA.UTF-8' },
    });
    expect(stdout).toContain('¶14 · prononcé en anglais');
  });

  it('ends quietly when the reader of its output goes away (… | head -1)', async () => {
    const { spawn } = await import('node:child_process');
    const input = Array.from({ length: 400 }, () => 'operations de paix').join('\n');
    const result = await new Promise<{ code: number | null; stderr: string; first: string }>((resolve) => {
      const child = spawn(process.execPath, ['src/cli/ask.ts', '--json', '--batch'], {
        env: { ...process.env, INDEX_CACHE_DIR: 'off' },
      });
      let stderr = '';
      let first = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.stdout.once('data', (chunk: Buffer) => {
        first = chunk.toString().split('\n')[0]!;
        child.stdout.destroy();
      });
      child.on('close', (code) => resolve({ code, stderr, first }));
      child.stdin.end(input);
    });
    expect(JSON.parse(result.first).kind).toBe('quotes');
    expect(result.stderr).not.toMatch(/EPIPE|at .*\.ts:\d+/);
    expect(result.code).toBe(0);
  });
});
