import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { postgresArchive } from '../../../src/adapters/postgres-archive.ts';
import { postgresReviewStore } from '../../../src/adapters/postgres-reviews.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';
import {
  fileReviewStore,
  memoryReviewStore,
  newReviewId,
  type PendingReview,
  type ReviewStore,
} from '../../../src/slack/archive/reviews.ts';
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
});

const postgresUrl = inject('postgresUrl');
const pools: pg.Pool[] = [];
afterAll(async () => {
  for (const pool of pools) await pool.end();
});

const stores: Array<[string, (claimTtlMs?: number) => Promise<ReviewStore>]> = [
  ['in memory', async (ttl) => memoryReviewStore(ttl)],
  ['in files', async (ttl) => fileReviewStore(folder(), ttl)],
  ...(postgresUrl
    ? ([
        [
          'in the archive database',
          async (ttl?: number) => {
            const archive = await postgresArchive(await freshDatabase(postgresUrl));
            pools.push(archive.pool);
            return postgresReviewStore(archive.pool, ttl);
          },
        ],
      ] as Array<[string, (claimTtlMs?: number) => Promise<ReviewStore>]>)
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
    await store.delete(discarded.id);
    expect(await store.get(discarded.id)).toBeUndefined();
  });

  it('lets one caller claim a review at a time', async () => {
    const store = await make();
    const open = review('2026-12-01T09:00:00.000Z');
    await store.put(open);
    const claims = await Promise.all([store.claim(open.id), store.claim(open.id), store.claim(open.id)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await store.release(open.id);
    expect(await store.claim(open.id)).toBe(true);
  });

  it('lets a claim left by an Add that crashed expire, so that its review is never locked', async () => {
    const store = await make(200);
    const open = review('2026-12-01T09:00:00.000Z');
    await store.put(open);
    expect(await store.claim(open.id)).toBe(true);
    expect(await store.claim(open.id)).toBe(false);
    // Nobody releases it (the instance crashed); past the claim's time, one caller takes it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const retaken = await Promise.all([store.claim(open.id), store.claim(open.id)]);
    expect(retaken.filter(Boolean)).toHaveLength(1);
  });
});

describe('pending reviews in files', () => {
  it('share claims between two stores on one folder (two instances), and leave no temporary file', async () => {
    const dir = folder();
    const a = await fileReviewStore(dir);
    const b = await fileReviewStore(dir);
    const open = review('2026-12-01T09:00:00.000Z');
    await a.put(open);
    expect(await b.get(open.id)).toEqual(open);
    const [first, second] = await Promise.all([a.claim(open.id), b.claim(open.id)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('never reads a path from an id that is not one', async () => {
    const store = await fileReviewStore(folder());
    expect(await store.get('../../etc/passwd')).toBeUndefined();
    expect(await store.claim('../x')).toBe(false);
  });
});
