/**
 * The embedded installation store's two engines compared: PGlite (PostgreSQL compiled to
 * WebAssembly, what the store ran on before; a devDependency kept for this comparison only)
 * and `node:sqlite` (what it runs on now).
 *
 *   node --expose-gc bench/embedded-store.ts [--json] [--runs N]
 *
 * Each run is a fresh process (this script again, `child ENGINE`), so that every open is a
 * first open: it loads the store's modules (common to both engines, not timed), then times
 * the engine's module, the database opened in a new folder, the schema migrated, one
 * installation saved and fetched back; after a garbage collection it reports the process's
 * RSS and heap. `open+migrate ms` is the engine's module, open and migrate; `open→fetch ms`
 * adds the save and the fetch. The engines alternate, `--runs` times each (3 by default);
 * the table gives each run, the medians, and the ratio sqlite/PGlite of the medians.
 * `--json` prints the same as JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { Installation } from '@slack/bolt';
import type { Query, Sql } from '../src/adapters/postgres/sql.ts';

const engines = { pglite: 'PGlite', sqlite: 'node:sqlite' } as const;
type Engine = keyof typeof engines;

interface Run {
  engine: Engine;
  /** Module, open and migrate, in ms. */
  openMs: number;
  /** Module, open, migrate, one save and one fetch, in ms. */
  ms: number;
  /** After a garbage collection, with the store open, in MB. */
  rssMB: number;
  heapMB: number;
  /** RSS before the engine was loaded (the store's modules only), in MB. */
  rssBeforeMB: number;
}

/** The store on PGlite, as `embeddedSql` was before node:sqlite: PostgreSQL's dialect. */
async function pgliteSql(dir: string): Promise<Sql> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dir);
  const over =
    (target: Pick<PGlite, 'query'>): Query =>
    async (text, params) => {
      const result = await target.query(text, params as unknown[]);
      return { rows: result.rows as never[], count: result.affectedRows ?? 0 };
    };
  return {
    engine: 'postgres',
    query: over(db),
    transaction: (run) => db.transaction((tx) => run(over(tx))),
    close: () => db.close(),
  };
}

const installation = {
  team: { id: 'T0BENCH', name: 'Bench' },
  enterprise: undefined,
  isEnterpriseInstall: false,
  bot: { token: 'xoxb-bench', scopes: ['chat:write'], id: 'B0BOT', userId: 'U0BOT' },
  user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
  tokenType: 'bot',
  appId: 'A0APP',
  authVersion: 'v2',
} as Installation;

const mb = (bytes: number) => bytes / 1e6;

/** One run, in this process: prints its `Run` as JSON. */
async function child(engine: Engine) {
  if (!(engine in engines)) throw new Error(`no engine ${engine}`);
  const { sqlInstallationStore } = await import('../src/adapters/postgres/installations.ts');
  const { embeddedSql } = await import('../src/adapters/postgres/sql.ts');
  const dir = mkdtempSync(join(tmpdir(), `quotes-bench-${engine}-`));
  globalThis.gc?.();
  const rssBeforeMB = mb(process.memoryUsage().rss);
  const started = performance.now();
  const sql = engine === 'pglite' ? await pgliteSql(dir) : await embeddedSql(dir);
  const store = await sqlInstallationStore(sql, () => undefined);
  const openMs = performance.now() - started;
  await store.storeInstallation(installation);
  const got = await store.fetchInstallation({
    teamId: 'T0BENCH',
    enterpriseId: undefined,
    isEnterpriseInstall: false,
  });
  const ms = performance.now() - started;
  if (got.bot?.token !== 'xoxb-bench') throw new Error('the installation fetched is not the one saved');
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const run: Run = { engine, openMs, ms, rssMB: mb(memory.rss), heapMB: mb(memory.heapUsed), rssBeforeMB };
  await sql.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const metrics = ['openMs', 'ms', 'rssMB', 'heapMB', 'rssBeforeMB'] as const;

function parent(args: string[]) {
  const json = args.includes('--json');
  const runsAt = args.indexOf('--runs');
  const count = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  if (!Number.isInteger(count) || count < 1) throw new Error('--runs takes a whole number of runs');
  const script = fileURLToPath(import.meta.url);
  const runs: Run[] = [];
  for (let k = 0; k < count; k++)
    for (const engine of Object.keys(engines) as Engine[]) {
      const result = spawnSync(process.execPath, ['--expose-gc', script, 'child', engine], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (result.status !== 0) throw new Error(`the ${engine} run ended with status ${result.status}`);
      runs.push(JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Run);
    }
  const medians = Object.fromEntries(
    (Object.keys(engines) as Engine[]).map((engine) => {
      const mine = runs.filter((run) => run.engine === engine);
      return [engine, Object.fromEntries(metrics.map((m) => [m, median(mine.map((run) => run[m]))]))];
    }),
  ) as Record<Engine, Record<(typeof metrics)[number], number>>;
  const ratio = Object.fromEntries(metrics.map((m) => [m, medians.sqlite[m] / medians.pglite[m]])) as Record<
    (typeof metrics)[number],
    number
  >;
  if (json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, runs, medians, ratio }, null, 2)}\n`);
    return;
  }
  const header = ['engine', 'run', 'open+migrate ms', 'open→fetch ms', 'RSS MB', 'heap MB', 'RSS before MB'];
  const rows: string[][] = [
    ...runs.map((run, k) => [
      engines[run.engine],
      String(Math.floor(k / 2) + 1),
      run.openMs.toFixed(1),
      run.ms.toFixed(1),
      run.rssMB.toFixed(1),
      run.heapMB.toFixed(1),
      run.rssBeforeMB.toFixed(1),
    ]),
    ...(Object.keys(engines) as Engine[]).map((engine) => [
      engines[engine],
      'median',
      ...metrics.map((m) => medians[engine][m].toFixed(1)),
    ]),
    ['sqlite/PGlite', 'ratio', ...metrics.map((m) => ratio[m].toFixed(3))],
  ];
  const widths = header.map((title, k) => Math.max(title.length, ...rows.map((row) => row[k]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, k) => (k < 2 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ');
  process.stdout.write(
    `Embedded installation store, first open in a fresh process, Node ${process.version}, ${count} runs each\n` +
      `${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`,
  );
}

if (process.argv[2] === 'child') await child(process.argv[3] as Engine);
else parent(process.argv.slice(2));
