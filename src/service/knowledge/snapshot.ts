import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import type { Statement } from '../../core/corpus.ts';
import type { QuoteIndexData } from '../../core/search/index.ts';
import type { SkippedFile } from '../../core/statement-rules.ts';

/**
 * The index snapshot folder: one folder per snapshot, named by its content key, holding
 * the statements, the engine's index data (its format and version are the engine's, in
 * `core/search/snapshot.ts`) and a meta file. Written atomically; pruned by origin, so
 * instances that share a cache folder never delete each other's.
 */

/** What a snapshot holds: the statements as loaded, the index as data, the tags, and what was left out. */
export interface SnapshotContents {
  statements: Statement[];
  index: QuoteIndexData;
  tags: Array<[string, string[]]>;
  skipped: SkippedFile[];
}

/** Who a snapshot is: its content key, the files' identities when it was made, and where its data comes from. */
export interface SnapshotLabel {
  key: string;
  identities?: string;
  origin?: string;
}

const SnapshotMeta = z.strictObject({
  format: z.literal(2),
  key: z.string(),
  /** The data files' identities when it was made (name, inode, size, times). */
  identities: z.string().optional(),
  /** Where its data came from (a hash of the data folder or the archive database): snapshots of others are left alone. */
  origin: z.string().optional(),
  statements: z.number().int().nonnegative(),
  paragraphs: z.number().int().nonnegative(),
  /** Statement files this data leaves out, with why. */
  skipped: z.array(z.strictObject({ file: z.string(), problems: z.array(z.string()) })).default([]),
});

const readMeta = async (cacheDir: string, name: string) =>
  SnapshotMeta.parse(JSON.parse(await readFile(join(cacheDir, name, 'meta.json'), 'utf8')));

/**
 * The snapshot of `key`, or undefined when there is none; throws when it exists but is
 * unusable. Its index is typed arrays in V8's serialization, read back without parsing.
 */
export async function readSnapshot(cacheDir: string, key: string): Promise<SnapshotContents | undefined> {
  const dir = join(cacheDir, key);
  let metaSource: string;
  try {
    metaSource = await readFile(join(dir, 'meta.json'), 'utf8');
  } catch {
    return undefined;
  }
  const meta = SnapshotMeta.parse(JSON.parse(metaSource));
  if (meta.key !== key) throw new Error('snapshot key mismatch');
  // Read whole, at once: decoding 60 MB in chunks as a stream would cost twice as much.
  const statements = JSON.parse(readFileSync(join(dir, 'statements.json'), 'utf8')) as Statement[];
  const { index, tags } = deserialize(readFileSync(join(dir, 'index.bin'))) as {
    index: QuoteIndexData;
    tags: Array<[string, string[]]>;
  };
  if (!Array.isArray(statements) || statements.length !== meta.statements)
    throw new Error('statements do not match');
  const paragraphs = statements.reduce((sum, statement) => sum + statement.paragraphs.length, 0);
  if (
    paragraphs !== meta.paragraphs ||
    tags?.length !== paragraphs ||
    typeof index?.ids !== 'string' ||
    index.fr?.field?.length !== paragraphs ||
    index.en?.field?.length !== paragraphs
  )
    throw new Error('paragraphs do not match');
  if (!(index.fr?.docs instanceof Uint32Array) || !(index.en?.docs instanceof Uint32Array))
    throw new Error('unknown index format');
  return { statements, index, tags, skipped: meta.skipped };
}

/** The key of the snapshot made from files of these identities, if there is one. */
export async function snapshotKeyOf(cacheDir: string, identities: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return undefined;
  }
  for (const name of names) {
    if (name.startsWith('.tmp-')) continue;
    try {
      const meta = await readMeta(cacheDir, name);
      if (meta.identities === identities && meta.key === name) return meta.key;
    } catch {
      // Not a snapshot, or an unreadable one: the content key decides.
    }
  }
  return undefined;
}

/** Saves the snapshot atomically (a temporary folder, then a rename), and drops this origin's older ones. */
export async function writeSnapshot(cacheDir: string, label: SnapshotLabel, contents: SnapshotContents) {
  const { key, identities, origin } = label;
  await mkdir(cacheDir, { recursive: true });
  const temporary = join(cacheDir, `.tmp-${key}-${process.pid}-${Date.now()}`);
  await mkdir(temporary);
  const meta = {
    format: 2,
    key,
    ...(identities ? { identities } : {}),
    ...(origin ? { origin } : {}),
    statements: contents.statements.length,
    paragraphs: contents.tags.length,
    skipped: contents.skipped,
  };
  await writeFile(join(temporary, 'statements.json'), JSON.stringify(contents.statements));
  await writeFile(join(temporary, 'index.bin'), serialize({ index: contents.index, tags: contents.tags }));
  await writeFile(join(temporary, 'meta.json'), JSON.stringify(meta));
  const target = join(cacheDir, key);
  await rm(target, { recursive: true, force: true });
  await rename(temporary, target);
  await pruneSnapshots(cacheDir, key, origin);
}

/**
 * Where a load's data comes from, as a short hash (never the URL itself): instances that
 * share a cache folder but not their data prune only their own snapshots.
 */
export const originOf = (source: { folder: string } | { databaseUrl: string }) =>
  createHash('sha256')
    .update('databaseUrl' in source ? `database:${source.databaseUrl}` : `folder:${source.folder}`)
    .digest('hex')
    .slice(0, 16);

/** Snapshots kept besides the newest: an undone change, or another instance's data, loads from its own. */
const snapshotsKept = 3;

/**
 * Drops all but the newest snapshots of this origin (by the time they were written); never
 * the one just written, and never another origin's (another instance's data in a shared cache).
 */
async function pruneSnapshots(cacheDir: string, key: string, origin?: string) {
  const own: Array<{ name: string; at: number }> = [];
  for (const name of await readdir(cacheDir)) {
    if (name === key || name.startsWith('.tmp-')) continue;
    let theirs: string | undefined;
    try {
      theirs = SnapshotMeta.safeParse(JSON.parse(await readFile(join(cacheDir, name, 'meta.json'), 'utf8')))
        .data?.origin;
    } catch {
      // Not a snapshot that says where it came from: an older release's, pruned as before.
    }
    if (origin && theirs && theirs !== origin) continue;
    const at = await stat(join(cacheDir, name)).then(
      (info) => info.mtimeMs,
      () => 0,
    );
    own.push({ name, at });
  }
  own.sort((a, b) => b.at - a.at);
  for (const { name } of own.slice(snapshotsKept - 1))
    await rm(join(cacheDir, name), { recursive: true, force: true });
}
