import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { fileReviewStore, memoryReviewStore } from '../../../src/adapters/local/reviews.ts';
import { postgresArchive } from '../../../src/adapters/postgres/archive.ts';
import { postgresReviewStore } from '../../../src/adapters/postgres/reviews.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';
import {
  newReviewId,
  type PendingReview,
  type ReviewStore,
  reviewState,
} from '../../../src/ports/reviews.ts';
import { freshDatabase } from '../../support/databases.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'quotes-reviews-'));
  dirs.push(dir);
  return dir;
};

const review = (expiresAt: string): PendingReview => ({
  id: newReviewId(),
  team: 'T0MISSION',
  user: 'U0EDITOR',
  language: 'en',
  createdAt: '2026-11-30T09:00:00.000Z',
  expiresAt,
  channel: 'D0EDITOR',
  ts: '1700000000.000100',
  documents: [
    {
      version: parsePlainStatement('A statement\nOttawa, 1 December 2026\n\nThe first paragraph.'),
      source: { file: 'a.txt', format: 'txt', taken: '2026-11-30' },
    },
  ],
  overrides: {},
  status: 'pending',
  version: 0,
});

const postgresUrl = inject('postgresUrl');
const pools: pg.Pool[] = [];
afterAll(async () => {
  for (const pool of pools) await pool.end();
});

const stores: Array<[string, () => Promise<ReviewStore>]> = [
  ['in memory', async () => memoryReviewStore()],
  ['in files', async () => fileReviewStore(folder())],
  ...(postgresUrl
    ? ([
        [
          'in the archive database',
          async () => {
            const archive = await postgresArchive(await freshDatabase(postgresUrl));
            pools.push(archive.pool);
            return postgresReviewStore(archive.pool);
          },
        ],
      ] as Array<[string, () => Promise<ReviewStore>]>)
    : []),
];

describe.each(stores)('pending reviews %s', (_name, make) => {
  it('keeps a review as it was put, and forgets it once expired', async () => {
    const store = await make();
    const open = review('2026-12-01T09:00:00.000Z');
    await store.put(open);
    expect(await store.get(open.id)).toEqual(open);
    expect(await store.sweep(new Date('2026-12-01T08:59:59.000Z'))).toBe(0);
    expect(await store.sweep(new Date('2026-12-01T09:00:00.000Z'))).toBe(1);
    expect(await store.get(open.id)).toBeUndefined();
    const discarded = review('2026-12-01T09:00:00.000Z');
    await store.put(discarded);
    expect(await store.delete(discarded.id, 0)).toBe(true);
    expect(await store.get(discarded.id)).toBeUndefined();
  });

  it('writes a change only over the version it was made from: of racing changes, one wins', async () => {
    const store = await make();
    const open = review('2026-12-01T09:00:00.000Z');
    await store.put(open);
    const claim = { by: 'U0EDITOR', at: '2026-11-30T10:00:00.000Z' };
    // Three Adds and an Edit of the same version at once: exactly one is written.
    const outcomes = await Promise.all([
      store.update({ ...open, status: 'adding', claim }),
      store.update({ ...open, status: 'adding', claim }),
      store.update({ ...open, overrides: { date: '2016-09-07' } }),
      store.update({ ...open, status: 'adding', claim }),
    ]);
    const won = outcomes.filter((outcome) => outcome !== undefined);
    expect(won).toHaveLength(1);
    expect(won[0]!.version).toBe(1);
    expect(await store.get(open.id)).toEqual(won[0]);
    // A change made from the old version, and a discard of it, are refused; from the new one, taken.
    expect(await store.update({ ...open, overrides: { date: '2016-09-08' } })).toBeUndefined();
    expect(await store.delete(open.id, 0)).toBe(false);
    expect(await store.update({ ...won[0]!, status: 'pending', claim: undefined })).toMatchObject({
      version: 2,
      status: 'pending',
    });
    expect(await store.delete(open.id, 2)).toBe(true);
    expect(await store.update({ ...open, version: 2 })).toBeUndefined();
  });

  it('finds the reviews an editor opened lately, newest first, and no one else’s', async () => {
    const store = await make();
    const at = (createdAt: string, user = 'U0EDITOR', team = 'T0MISSION') => ({
      ...review('2026-12-01T09:00:00.000Z'),
      createdAt,
      user,
      team,
    });
    const older = at('2026-11-30T08:50:00.000Z');
    const first = at('2026-11-30T09:01:00.000Z');
    const second = at('2026-11-30T09:02:00.000Z');
    for (const r of [
      older,
      second,
      first,
      at('2026-11-30T09:03:00.000Z', 'U0OTHER'),
      at('2026-11-30T09:04:00.000Z', 'U0EDITOR', 'T0OTHER'),
    ])
      await store.put(r);
    const found = await store.recentBy('T0MISSION', 'U0EDITOR', new Date('2026-11-30T09:00:00.000Z'));
    expect(found.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(await store.recentBy('T0MISSION', 'U0NOBODY', new Date(0))).toEqual([]);
  });

  it('reads a review kept before versions existed as version 0', async () => {
    const store = await make();
    const { version: _, ...old } = review('2026-12-01T09:00:00.000Z');
    await store.put(old as PendingReview);
    expect((await store.get(old.id))?.version).toBe(0);
    expect(await store.update({ ...(old as PendingReview), version: 0 })).toMatchObject({ version: 1 });
  });
});

describe('where a review stands', () => {
  const now = new Date('2026-11-30T10:00:00.000Z');
  it('is open, being added for two minutes at most, added, or expired', () => {
    const open = review('2026-12-01T09:00:00.000Z');
    expect(reviewState(open, now)).toBe('open');
    const adding = { ...open, status: 'adding' as const, claim: { by: 'U', at: '2026-11-30T09:59:00.000Z' } };
    expect(reviewState(adding, now)).toBe('adding');
    // An Add that crashed or lost its database leaves a claim that expires: the review is open again.
    expect(reviewState(adding, new Date('2026-11-30T10:01:00.000Z'))).toBe('open');
    expect(reviewState({ ...open, status: 'added' }, now)).toBe('added');
    expect(reviewState(open, new Date('2026-12-01T09:00:00.000Z'))).toBe('expired');
  });
});

describe('pending reviews in files', () => {
  it('share changes between two stores on one folder (two instances), and leave no temporary file', async () => {
    const dir = folder();
    const a = await fileReviewStore(dir);
    const b = await fileReviewStore(dir);
    const open = review('2026-12-01T09:00:00.000Z');
    await a.put(open);
    expect(await b.get(open.id)).toEqual(open);
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, k) => (k % 2 ? a : b).update({ ...open, status: 'adding' })),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => !name.endsWith('.json'))).toEqual([]);
  });

  it('breaks a lock left by a process that crashed while changing a review', async () => {
    const dir = folder();
    const store = await fileReviewStore(dir);
    const open = review('2026-12-01T09:00:00.000Z');
    await store.put(open);
    writeFileSync(join(dir, `${open.id}.lock`), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, `${open.id}.lock`), old, old);
    expect(await store.update({ ...open, status: 'adding' })).toMatchObject({ version: 1 });
  });

  it('never reads a path from an id that is not one', async () => {
    const store = await fileReviewStore(folder());
    expect(await store.get('../../etc/passwd')).toBeUndefined();
    expect(await store.update({ ...review('2026-12-01T09:00:00.000Z'), id: '../x' })).toBeUndefined();
    expect(await store.delete('../x', 0)).toBe(false);
  });
});
