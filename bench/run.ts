/**
 * `npm run bench [-- --sizes 1,1000,10000] [--json] [--duration 10] [--connections 50]`
 *
 * At each size (number of statements; 1 is the real seed statement, larger sizes are
 * synthetic, see corpus.ts): index build time, snapshot save and load times, cold start
 * with and without the snapshot in a fresh process, heap and RSS after load, and query
 * latency over a fixed mixed query set through `answer`, next to the same queries through
 * plain MiniSearch (default options) over the same texts, measured in the same run.
 * Then the HTTP ack latency of a signed slash command through the real Bolt app under
 * load on loopback, next to its floor: a bare node:http server with a fixed JSON body.
 * Progress goes to stderr; figures to stdout (JSON with --json).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { answer } from '../src/core/answer.ts';
import { buildKnowledge, type Knowledge } from '../src/core/knowledge-base.ts';
import {
  loadKnowledge,
  loadKnowledgeInWorker,
  loadKnowledgeWithReport,
  snapshotContentsOf,
} from '../src/service/knowledge/load.ts';
import { writeSnapshot } from '../src/service/knowledge/snapshot.ts';
import {
  loadRelevanceQueries,
  rankWithAnswer,
  rankWithPlainMiniSearch,
  score,
} from '../test/relevance/evaluate.ts';
import { redisAvailable, startRedis } from '../test/support/servers.ts';
import { generateStatements, random, writeCorpus } from './corpus.ts';
import { peers } from './peers.ts';
import { loadTexts, signedPost } from './signed-post.ts';

export interface BenchOptions {
  sizes: number[];
  durationSeconds: number;
  connections: number;
  queryRounds: number;
  log: (message: string) => void;
}

const defaults: BenchOptions = {
  sizes: [1, 1000, 10000],
  durationSeconds: 10,
  connections: 50,
  queryRounds: 5,
  log: (message) => process.stderr.write(`${message}\n`),
};

interface Latency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface SizeResult {
  statements: number;
  paragraphs: number;
  buildMs: number;
  snapshotSaveMs: number;
  snapshotLoadMs: number;
  coldStartMs: { withSnapshot: number; withoutSnapshot: number };
  heapMB: number;
  rssMB: number;
  /** A fresh process, from the start of the load (with the snapshot) to its first answer. */
  readyMs: number;
  /** The same, to everything searchable. */
  loadedMs: number;
  /** The longest the thread that answers was held during a reload (read and indexed in a worker). */
  reloadStallMs: number;
  query: Latency & { queries: number };
  baseline: Latency;
  ratioP99: number;
  /** Other engines over the same texts and queries; `top1` on the evaluation set (the seed). */
  peers: PeerResult[];
}

export interface PeerResult extends Latency {
  name: string;
  top1: number;
}

/** What one load measured. */
export interface Load {
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

export interface BenchResult {
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string };
  /** Top-1 on the evaluation set (both query files, the seed), ours and the baselines, in the same run. */
  relevance: { queries: number; top1: Record<string, number> };
  sizes: SizeResult[];
  http: {
    requests: number;
    errors: number;
    p50Ms: number;
    p99Ms: number;
    connections: number;
    durationSeconds: number;
    floor: { requests: number; errors: number; p50Ms: number; p99Ms: number };
    /** Mentions (events, acknowledged at once, then deduplicated and answered in the thread) on the same app. */
    mentions: Load;
    /**
     * The same two loads on an app whose deliveries and rate limits are on Redis, as
     * several instances run it; null when no redis-server could be started.
     */
    redis: { commands: Load; mentions: Load } | null;
  };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const latency = (samples: number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), p99Ms: percentile(sorted, 99) };
};
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * A fixed, mixed query set for a corpus: English and French words from its own texts,
 * typos, prefixes, phrases, acronyms and filters. Deterministic.
 */
export function buildQuerySet(knowledge: Knowledge): string[] {
  const next = random(42);
  const paragraphs = [...knowledge.paragraphs.values()];
  const pick = () => paragraphs[Math.floor(next() * paragraphs.length)]!;
  const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 4);
  const queries = [
    'veto',
    'R2P reality',
    'CSNU',
    'PSOPs',
    'Kigalli',
    'operations de paix',
    '"political divisiveness"',
  ];
  for (let i = 0; queries.length < 60; i++) {
    const paragraph = pick();
    const en = wordsOf(paragraph.text.en?.text ?? '');
    const fr = wordsOf(paragraph.text.fr?.text ?? '');
    if (en.length < 3 || fr.length < 3) continue;
    const at = Math.floor(next() * (en.length - 2));
    switch (i % 8) {
      case 0:
        queries.push(`${en[at]} ${en[at + 1]}`);
        break;
      case 1:
        queries.push(`${fr[at % fr.length]} ${fr[(at + 2) % fr.length]}`);
        break;
      case 2: {
        const word = en[at]!;
        queries.push(`${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}`); // a transposition
        break;
      }
      case 3:
        queries.push(en[at]!.slice(0, 4)); // a half-typed word
        break;
      case 4:
        queries.push(`"${en[at]} ${en[at + 1]}"`);
        break;
      case 5:
        queries.push(`UNSC ${en[at]}`);
        break;
      case 6:
        queries.push(`${en[at]} from:2010 to:2020`);
        break;
      default:
        queries.push(
          `${en[at]} ${en[at + 1]} ${en[at + 2]} ${fr[at % fr.length]} ${en[(at + 5) % en.length]}`,
        );
    }
  }
  return queries;
}

/** Top-1 on both evaluation files over the seed: ours, plain MiniSearch and each peer. */
async function measureRelevance(): Promise<BenchResult['relevance']> {
  const knowledge = await loadKnowledge('data');
  const queries = [
    ...loadRelevanceQueries('test/relevance/queries.yml'),
    ...loadRelevanceQueries('test/relevance/holdout.yml'),
  ];
  const ranked = (id: string) => {
    const paragraph = knowledge.paragraphs.get(id)!;
    return { statement: paragraph.statement.id, n: paragraph.n, score: 0 };
  };
  const top1: Record<string, number> = {
    ours: score(queries, rankWithAnswer(knowledge)).top1,
    miniSearch: score(queries, rankWithPlainMiniSearch(knowledge)).top1,
  };
  for (const peer of peers) {
    const run = peer.build(knowledge);
    top1[peer.name] = score(queries, (query) => run(query).map(ranked)).top1;
  }
  for (const name of Object.keys(top1)) top1[name] = round(top1[name]!, 3);
  return { queries: queries.length, top1 };
}

/** Plain MiniSearch with its default options over the same texts: the baseline. */
function plainMiniSearch(knowledge: Knowledge) {
  const index = new MiniSearch<{ id: string; fr: string; en: string }>({ fields: ['fr', 'en'] });
  for (const paragraph of knowledge.paragraphs.values()) {
    index.add({ id: paragraph.id, fr: paragraph.text.fr?.text ?? '', en: paragraph.text.en?.text ?? '' });
  }
  return index;
}

function timeQueries(run: (query: string) => unknown, queries: readonly string[], rounds: number) {
  for (const query of queries) run(query); // warm up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const started = performance.now();
      run(query);
      samples.push(performance.now() - started);
    }
  }
  return samples;
}

/** A reload as the app does it (in a worker), and the longest gap between ticks of a 5 ms timer meanwhile. */
async function reloadStall(dataDir: string, cacheDir: string): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await loadKnowledgeInWorker(dataDir, { cacheDir });
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    clearInterval(timer);
  }
  return longest;
}

function coldStart(dataDir: string, cacheDir?: string) {
  const output = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=4096',
      'bench/cold-start.ts',
      dataDir,
      ...(cacheDir ? [cacheDir] : []),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!) as {
    ms: number;
    readyMs: number;
    source: string;
    heapMB: number;
    rssMB: number;
  };
}

async function benchSize(
  size: number,
  options: BenchOptions,
  relevance: BenchResult['relevance'],
): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), `quotes-bench-${size}-`));
  try {
    let dataDir = 'data';
    if (size > 1) {
      options.log(`[${size}] generating ${size} statements…`);
      dataDir = join(dir, 'data');
      writeCorpus(dataDir, generateStatements({ statements: size }));
    }
    options.log(`[${size}] building the index…`);
    const buildStarted = performance.now();
    const knowledge = await loadKnowledge(dataDir);
    const buildMs = performance.now() - buildStarted;
    const cacheDir = join(dir, 'cache');
    const { readSources } = await import('../src/service/knowledge/sources.ts');
    const { key, identities } = await readSources(dataDir);
    options.log(`[${size}] saving and loading the snapshot…`);
    const saveStarted = performance.now();
    await writeSnapshot(
      cacheDir,
      { key, ...(identities ? { identities } : {}) },
      snapshotContentsOf(knowledge),
    );
    const snapshotSaveMs = performance.now() - saveStarted;
    const loaded = await loadKnowledgeWithReport(dataDir, { cacheDir });
    if (loaded.report.source !== 'snapshot') throw new Error('the snapshot was not used');
    const snapshotLoadMs = loaded.report.ms;
    options.log(`[${size}] a reload in the worker, timing the longest stall of this thread…`);
    const reloadStallMs = await reloadStall(dataDir, cacheDir);
    options.log(`[${size}] cold starts in fresh processes…`);
    const withSnapshot = coldStart(dataDir, cacheDir);
    const withoutSnapshot = size >= 10_000 && options.sizes.length > 1 ? { ms: buildMs } : coldStart(dataDir);
    options.log(`[${size}] querying…`);
    const queries = buildQuerySet(knowledge);
    const ours = timeQueries((query) => answer(query, knowledge), queries, options.queryRounds);
    const plain = plainMiniSearch(knowledge);
    const baseline = timeQueries((query) => plain.search(query), queries, options.queryRounds);
    const query = latency(ours);
    const base = latency(baseline);
    const peerResults = peers.map((peer) => {
      options.log(`[${size}] ${peer.name}: indexing and querying…`);
      const run = peer.build(knowledge);
      const timed = latency(timeQueries(run, queries, options.queryRounds));
      return {
        name: peer.name,
        p50Ms: round(timed.p50Ms),
        p95Ms: round(timed.p95Ms),
        p99Ms: round(timed.p99Ms),
        top1: relevance.top1[peer.name]!,
      };
    });
    return {
      statements: knowledge.statements.length,
      paragraphs: knowledge.paragraphs.size,
      buildMs: round(buildMs, 1),
      snapshotSaveMs: round(snapshotSaveMs, 1),
      snapshotLoadMs: round(snapshotLoadMs, 1),
      coldStartMs: { withSnapshot: round(withSnapshot.ms, 1), withoutSnapshot: round(withoutSnapshot.ms, 1) },
      heapMB: round(withSnapshot.heapMB, 1),
      rssMB: round(withSnapshot.rssMB, 1),
      readyMs: round(withSnapshot.readyMs, 1),
      loadedMs: round(withSnapshot.ms, 1),
      reloadStallMs: round(reloadStallMs, 1),
      query: {
        p50Ms: round(query.p50Ms),
        p95Ms: round(query.p95Ms),
        p99Ms: round(query.p99Ms),
        queries: ours.length,
      },
      baseline: { p50Ms: round(base.p50Ms), p95Ms: round(base.p95Ms), p99Ms: round(base.p99Ms) },
      ratioP99: round(query.p99Ms / Math.max(base.p99Ms, 1e-6), 2),
      peers: peerResults,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts bench/http-target.ts in its own process and returns its port. */
async function startTarget(mode: 'app' | 'floor' | 'app-redis', redisUrl?: string) {
  const child = spawn(process.execPath, ['bench/http-target.ts', mode, ...(redisUrl ? [redisUrl] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line).port);
    });
    child.on('exit', (code) => reject(new Error(`http target exited with ${code}`)));
  });
  return {
    port,
    stop: () => new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM')),
  };
}

/**
 * Sends signed slash commands (or app_mention events, each a new delivery, so each is
 * deduplicated and answered) from `connections` concurrent loops for a while; bounded in
 * time and count.
 */
async function load(
  port: number,
  options: BenchOptions,
  kind: 'commands' | 'mentions' = 'commands',
): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const samples: number[] = [];
  let errors = 0;
  const deadline = Date.now() + options.durationSeconds * 1000;
  const maxRequests = 200_000;
  let commands = 0;
  const one = async (text: string) => {
    commands++;
    const body = new URLSearchParams({
      command: '/quote',
      text,
      team_id: 'T0BENCH',
      channel_id: 'C0BENCH',
      // Many users, as in a workspace: the per-user limit never refuses, so every request is answered.
      user_id: `U0BENCH${commands % 1000}`,
      response_url: `http://127.0.0.1:${port}/unused`,
      trigger_id: '1.2.3',
      api_app_id: 'A0BENCH',
    }).toString();
    const { status, ms } = await signedPost(agent, port, body, 'application/x-www-form-urlencoded', {}, 5000);
    if (status === 200) samples.push(ms);
    else errors++;
  };
  let mentions = 0;
  const mention = async (text: string) => {
    mentions++;
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0BENCH',
      api_app_id: 'A0BENCH',
      event_id: `EvBENCH${process.pid}${mentions}`,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'app_mention',
        user: `U0BENCH${mentions % 50}`,
        text: `<@U0QUOTES> ${text}`,
        ts: `${1_700_000_000 + mentions}.000100`,
        channel: 'C0BENCH',
      },
    });
    const { status, ms } = await signedPost(agent, port, body, 'application/json', {}, 5000);
    if (status === 200) samples.push(ms);
    else errors++;
  };
  let sent = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async (_, worker) => {
      while (Date.now() < deadline && sent < maxRequests) {
        sent++;
        const text = loadTexts[(sent + worker) % loadTexts.length]!;
        if (kind === 'mentions') await mention(text);
        else await one(text);
      }
    }),
  );
  agent.destroy();
  const sorted = samples.sort((a, b) => a - b);
  return {
    requests: samples.length + errors,
    errors,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

export async function runBench(partial: Partial<BenchOptions> = {}): Promise<BenchResult> {
  const options = { ...defaults, ...partial };
  options.log('relevance: top-1 on the evaluation set, ours and the other engines…');
  const relevance = await measureRelevance();
  const sizes: SizeResult[] = [];
  for (const size of options.sizes) sizes.push(await benchSize(size, options, relevance));
  options.log(
    `HTTP: ${options.connections} connections for ${options.durationSeconds} s through the Bolt app…`,
  );
  const app = await startTarget('app');
  const appLoad = await load(app.port, options);
  options.log('HTTP: mentions through the Bolt app…');
  const mentionsLoad = await load(app.port, options, 'mentions').finally(() => app.stop());
  options.log('HTTP: the same load on a bare node:http server (the floor)…');
  const floor = await startTarget('floor');
  const floorLoad = await load(floor.port, options).finally(() => floor.stop());
  let redisLoad: BenchResult['http']['redis'] = null;
  if (redisAvailable()) {
    options.log('HTTP: the same loads with deliveries and rate limits on Redis…');
    const redis = await startRedis();
    try {
      const target = await startTarget('app-redis', redis.url);
      try {
        redisLoad = {
          commands: await load(target.port, options),
          mentions: await load(target.port, options, 'mentions'),
        };
      } finally {
        await target.stop();
      }
    } finally {
      await redis.stop();
    }
  } else options.log('HTTP with Redis: skipped, redis-server is not installed');
  return {
    relevance,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
    },
    sizes,
    http: {
      ...appLoad,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      floor: floorLoad,
      mentions: mentionsLoad,
      redis: redisLoad,
    },
  };
}

const describeLoad = (load: Load, floor: Load) =>
  `${load.requests} requests, ${load.errors} errors, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms (p99 ratio to the floor ${round(load.p99Ms / Math.max(floor.p99Ms, 1e-6), 2)}×)`;

function toTable(result: BenchResult): string {
  const lines = [
    `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGB} GB, Node ${result.machine.node}`,
    '',
    `Top-1 on the evaluation set (${result.relevance.queries} queries, the seed): ${Object.entries(
      result.relevance.top1,
    )
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}`,
    '',
    '| statements | paragraphs | build | snapshot save | snapshot load | cold start (snapshot / none) | first answer / all loaded | heap | RSS | query p50 / p95 / p99 | plain MiniSearch p50 / p95 / p99 | p99 ratio | peers p50 / p99 |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of result.sizes) {
    lines.push(
      `| ${s.statements} | ${s.paragraphs} | ${s.buildMs} ms | ${s.snapshotSaveMs} ms | ${s.snapshotLoadMs} ms | ${s.coldStartMs.withSnapshot} / ${s.coldStartMs.withoutSnapshot} ms | ${s.readyMs} / ${s.loadedMs} ms (reload stall ${s.reloadStallMs} ms) | ${s.heapMB} MB | ${s.rssMB} MB | ${s.query.p50Ms} / ${s.query.p95Ms} / ${s.query.p99Ms} ms | ${s.baseline.p50Ms} / ${s.baseline.p95Ms} / ${s.baseline.p99Ms} ms | ${s.ratioP99}× | ${s.peers.map((peer) => `${peer.name} ${peer.p50Ms} / ${peer.p99Ms} ms`).join(', ')} |`,
    );
  }
  const h = result.http;
  lines.push(
    '',
    `HTTP ack, ${h.connections} connections, ${h.durationSeconds} s: ${h.requests} requests, ${h.errors} errors, p50 ${h.p50Ms} ms, p99 ${h.p99Ms} ms; floor (bare node:http): ${h.floor.requests} requests, p50 ${h.floor.p50Ms} ms, p99 ${h.floor.p99Ms} ms (p99 ratio ${round(h.p99Ms / Math.max(h.floor.p99Ms, 1e-6), 2)}×)`,
    `HTTP ack of mentions: ${describeLoad(h.mentions, h.floor)}`,
    h.redis
      ? `With Redis (rate limits; deliveries deduplicated there): commands ${describeLoad(h.redis.commands, h.floor)}; mentions ${describeLoad(h.redis.mentions, h.floor)}`
      : 'With Redis: not measured (no redis-server)',
  );
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('run.ts')) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const sizes = arg('sizes')?.split(',').map(Number) ?? defaults.sizes;
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    process.stderr.write('--sizes takes whole numbers, e.g. --sizes 1,1000,10000\n');
    process.exit(2);
  }
  const result = await runBench({
    sizes,
    durationSeconds: Number(arg('duration') ?? defaults.durationSeconds),
    connections: Number(arg('connections') ?? defaults.connections),
  });
  process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(result) : toTable(result)}\n`);
}

export { buildKnowledge };
