import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge, snapshotContentsOf } from '../../../src/service/knowledge/load.ts';
import {
  originOf,
  readSnapshot,
  type SnapshotContents,
  snapshotKeyOf,
  writeSnapshot,
} from '../../../src/service/knowledge/snapshot.ts';

let cacheDir: string;
let contents: SnapshotContents;
beforeEach(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'snapshots-'));
  contents ??= snapshotContentsOf(await loadKnowledge('data'));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('the snapshot folder', () => {
  it('gives back what was written, found by its key or by the files’ identities', async () => {
    await writeSnapshot(cacheDir, { key: 'k1', identities: 'i1', origin: 'o' }, contents);
    const read = await readSnapshot(cacheDir, 'k1');
    expect(read?.statements.map((statement) => statement.id)).toEqual(contents.statements.map((s) => s.id));
    expect(read?.tags).toEqual(contents.tags);
    expect(read?.index.ids).toBe(contents.index.ids);
    expect(await snapshotKeyOf(cacheDir, 'i1')).toBe('k1');
    expect(await snapshotKeyOf(cacheDir, 'i2')).toBeUndefined();
    expect(await readSnapshot(cacheDir, 'absent')).toBeUndefined();
  });

  it('refuses a snapshot that does not hold what its meta says', async () => {
    await writeSnapshot(cacheDir, { key: 'k1' }, contents);
    writeFileSync(join(cacheDir, 'k1', 'statements.json'), '[]');
    await expect(readSnapshot(cacheDir, 'k1')).rejects.toThrow(/statements do not match/);
    writeFileSync(join(cacheDir, 'k1', 'meta.json'), '{"format":1}');
    await expect(readSnapshot(cacheDir, 'k1')).rejects.toThrow();
  });

  it('keeps the newest three of an origin and never touches another origin’s', async () => {
    const mine = originOf({ folder: '/srv/a' });
    const theirs = originOf({ databaseUrl: 'postgres://x/y' });
    expect(mine).not.toBe(theirs);
    expect(theirs).not.toContain('postgres');
    await writeSnapshot(cacheDir, { key: 'theirs', origin: theirs }, contents);
    for (let k = 0; k < 5; k++) {
      await writeSnapshot(cacheDir, { key: `mine-${k}`, origin: mine }, contents);
      // The time each was written, set apart: the prune goes by it.
      utimesSync(join(cacheDir, `mine-${k}`), 1_000 + k, 1_000 + k);
    }
    expect(readdirSync(cacheDir).sort()).toEqual(['mine-2', 'mine-3', 'mine-4', 'theirs']);
  });
});
