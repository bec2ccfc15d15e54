import { describe, expect, it } from 'vitest';
import { generateStatements } from '../../bench/corpus.ts';
import { runScript } from '../support/cli.ts';

describe('the benchmark corpus', () => {
  it('generates the same corpus from the same seed, with a Zipf-like vocabulary', () => {
    const a = generateStatements({ statements: 20, seed: 7 });
    const b = generateStatements({ statements: 20, seed: 7 });
    expect(a).toEqual(b);
    expect(generateStatements({ statements: 20, seed: 8 })).not.toEqual(a);
    const counts = new Map<string, number>();
    for (const statement of a) {
      for (const paragraph of statement.paragraphs) {
        for (const word of paragraph.text.toLowerCase().split(/[^\p{L}]+/u))
          counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    const sorted = [...counts.values()].sort((x, y) => y - x);
    expect(counts.size).toBeGreaterThan(1000);
    expect(sorted[0]!).toBeGreaterThan(sorted[100]! * 10);
  });
});

describe('npm run soak', () => {
  it('prints its usage for --help without starting a soak, and refuses an unknown option with exit 2', async () => {
    const help = await runScript('bench/soak.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run soak/);
    const bogus = await runScript('bench/soak.ts', ['--bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain("Unknown option '--bogus'");
  });
});
