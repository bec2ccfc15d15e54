import { copyFile, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as ingest } from '../src/cli/ingest.ts';
import { runScript } from './support/cli.ts';

/** Every `$ command` line of the README's code blocks, with the output shown under it. */
async function examples(prefix: string) {
  const readme = await readFile('README.md', 'utf8');
  const found: Array<{ command: string; expected: string[] }> = [];
  for (const block of readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    const lines = block[1]!.replace(/\n$/, '').split('\n');
    lines.forEach((line, k) => {
      if (!line.startsWith(`$ ${prefix}`)) return;
      const end = lines.findIndex((next, j) => j > k && next.startsWith('$ '));
      const expected = lines.slice(k + 1, end < 0 ? undefined : end);
      while (expected.at(-1) === '') expected.pop();
      found.push({ command: line.slice(2), expected });
    });
  }
  return found;
}

/** The words of a command line, with its quotes removed. */
const words = (command: string) => [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

/** True when the actual lines match the README's, where a line "…" stands for any number of lines. */
function matches(expected: readonly string[], actual: readonly string[]): boolean {
  if (expected.length === 0) return actual.length === 0 || actual.every((line) => line === '');
  const [first, ...rest] = expected;
  if (first === '…') return actual.some((_, k) => matches(rest, actual.slice(k))) || matches(rest, []);
  return actual[0] === first && matches(rest, actual.slice(1));
}

describe('the README', () => {
  it('shows real output for every `npm run -s ask` example', async () => {
    const asks = await examples('npm run -s ask -- ');
    expect(asks.length).toBeGreaterThanOrEqual(4);
    for (const { command, expected } of asks) {
      const args = words(command).slice(5);
      const { stdout, code } = await runScript('src/cli/ask.ts', args);
      expect(code, command).toBe(0);
      const actual = stdout.replace(/\n$/, '').split('\n');
      expect(
        matches(expected, actual),
        `${command}\n--- README\n${expected.join('\n')}\n--- actual\n${actual.join('\n')}`,
      ).toBe(true);
    }
  });

  it('shows the real line for a statement file that is left out', async () => {
    const readme = await readFile('README.md', 'utf8');
    const shown = /\n(Skipped, it does not load: data\/statements\/x\.yml: .*)\n/.exec(readme)?.[1];
    const dir = await mkdtemp(join(tmpdir(), 'quotes-readme-'));
    await cp('data', join(dir, 'data'), { recursive: true });
    await copyFile('test/fixtures/broken/absent-counterpart.yml', join(dir, 'data', 'statements', 'x.yml'));
    const { stderr, code } = await runScript('src/cli/ask.ts', ['veto'], {
      env: { DATA_DIR: join(dir, 'data'), INDEX_CACHE_DIR: 'off' },
    });
    expect(code).toBe(0);
    expect(stderr.replace(`${dir}/`, '')).toBe(`${shown}\n`);
  });

  it('shows the real refusal of a date the two versions disagree on', async () => {
    const readme = await readFile('README.md', 'utf8');
    const shown = /```\n(london\.en\.txt \+ london\.fr\.txt: nothing was written[\s\S]*?)```/.exec(
      readme,
    )?.[1];
    const dir = await mkdtemp(join(tmpdir(), 'readme-doubt-'));
    await copyFile('test/fixtures/align/published/pm-london-2017-06-04.en.txt', join(dir, 'london.en.txt'));
    const french = await readFile('test/fixtures/align/published/pm-london-2017-06-04.fr.txt', 'utf8');
    await writeFile(join(dir, 'london.fr.txt'), french.replace('4 juin 2017', '5 juin 2017'));
    let output = '';
    const code = await ingest(
      ['--en', join(dir, 'london.en.txt'), '--fr', join(dir, 'london.fr.txt'), '--out', dir],
      {
        stdout: (text) => {
          output += text;
        },
        stderr: (text) => {
          output += text;
        },
        env: { DATA_DIR: 'data' },
      },
    );
    expect(code).toBe(1);
    expect(output.replaceAll(`${dir}/`, '')).toBe(shown);
  });

  it('shows the marks that the JSON of "veto" really has', async () => {
    const readme = await readFile('README.md', 'utf8');
    const { stdout } = await runScript('src/cli/ask.ts', ['--json', 'veto']);
    const [result] = JSON.parse(stdout).results;
    expect(readme).toContain(`"origin":"delivered","marks":${JSON.stringify(result.quote.marks)}}`);
    expect(readme).toContain(`"origin":"translation","marks":${JSON.stringify(result.counterpart.marks)}}`);
  });

  it('shows the real figures of `npm run eval`', async () => {
    const [run] = await examples('npm run eval');
    const { stdout, code } = await runScript('test/relevance/run-eval.ts', []);
    expect(code).toBe(0);
    expect(matches(run!.expected, stdout.replace(/\n$/, '').split('\n')), stdout).toBe(true);
  });

  it('shows real output for the `npm run ingest` examples, in order', async () => {
    const runs = await examples('npm run ingest -- ');
    expect(runs.length).toBe(2);
    const dir = await mkdtemp(join(tmpdir(), 'readme-ingest-'));
    await copyFile('test/fixtures/align/seed.en.txt', join(dir, 'statement.en.txt'));
    await copyFile('test/fixtures/align/seed.fr.txt', join(dir, 'statement.fr.txt'));
    await copyFile('test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt', join(dir, 'delivered.txt'));
    for (const { command, expected } of runs) {
      const args = words(command)
        .slice(4)
        .map((word) =>
          /^(?:statement\.(?:en|fr)\.txt|delivered\.txt|statements)$/.test(word) ? join(dir, word) : word,
        );
      let output = '';
      const write = (text: string) => {
        output += text;
      };
      await ingest(args, { stdout: write, stderr: write, env: { DATA_DIR: 'data' } });
      const actual = output.replaceAll(`${dir}/`, '').replace(/\n$/, '').split('\n');
      expect(
        matches(expected, actual),
        `${command}\n--- README\n${expected.join('\n')}\n--- actual\n${actual.join('\n')}`,
      ).toBe(true);
    }
  });
});
