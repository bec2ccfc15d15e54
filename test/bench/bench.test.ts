import { describe, expect, it } from 'vitest';
import { generateStatements } from '../../bench/corpus.ts';
import { runBench } from '../../bench/run.ts';
import { runScript } from '../support/cli.ts';

describe('the benchmark (smoke run at a tiny size)', () => {
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

  it('prints every figure of the JSON shape, with the baseline and the HTTP floor measured in the same run', async () => {
    const result = await runBench({
      sizes: [1, 20],
      durationSeconds: 1,
      connections: 5,
      queryRounds: 1,
      log: () => undefined,
    });
    expect(result.sizes).toHaveLength(2);
    for (const size of result.sizes) {
      expect(size.paragraphs).toBeGreaterThan(0);
      for (const value of [
        size.buildMs,
        size.snapshotLoadMs,
        size.heapMB,
        size.rssMB,
        size.query.p99Ms,
        size.baseline.p99Ms,
        size.readyMs,
        size.loadedMs,
        size.reloadStallMs,
      ]) {
        expect(value).toBeGreaterThan(0);
      }
      expect(size.query.p50Ms).toBeLessThanOrEqual(size.query.p99Ms);
      // The first answer comes after the load it needs, in the same fresh process.
      expect(size.readyMs).toBeGreaterThanOrEqual(size.loadedMs);
      expect(size.peers.map((peer) => peer.name)).toEqual(['orama']);
      for (const peer of size.peers) {
        expect(peer.p99Ms).toBeGreaterThan(0);
        expect(peer.p50Ms).toBeLessThanOrEqual(peer.p99Ms);
        expect(peer.top1).toBe(result.relevance.top1[peer.name]);
      }
    }
    expect(result.sizes[0]!.statements).toBe(1);
    // Top-1 on the evaluation set, measured in the same run: ours, plain MiniSearch, each peer.
    expect(result.relevance.queries).toBeGreaterThan(200);
    expect(result.relevance.top1.ours).toBeGreaterThanOrEqual(0.97);
    expect(result.relevance.top1.ours).toBeGreaterThan(result.relevance.top1.miniSearch!);
    expect(result.relevance.top1.orama).toBeGreaterThanOrEqual(0);
    expect(result.http.requests).toBeGreaterThan(0);
    expect(result.http.errors).toBe(0);
    expect(result.http.floor.requests).toBeGreaterThan(0);
    // With Redis in the path (CI has redis-server): measured in the same run, without errors.
    if (process.env.CI) expect(result.http.redis).not.toBeNull();
    expect(result.http.mentions.requests).toBeGreaterThan(0);
    if (result.http.redis) {
      for (const load of [result.http.redis.commands, result.http.redis.mentions]) {
        expect(load.requests).toBeGreaterThan(0);
        expect(load.errors).toBe(0);
      }
    }
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  }, 60_000);
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
