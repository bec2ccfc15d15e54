/**
 * Start-up as a user meets it, on this checkout and, with `--baseline DIR`, on another
 * checkout of the project (with its own node_modules) in the same run, alternately:
 * `npm start` until `GET /healthz` answers 200 (and the app process's RSS then), and
 * `npm run -s ask -- veto` to its exit. The app runs against a fake Slack on loopback.
 *
 *   node bench/startup.ts [--runs 5] [--baseline DIR] [--json]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { signingSecret } from '../test/support/slack-requests.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    baseline: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write('usage: node bench/startup.ts [--runs N] [--baseline DIR] [--json]\n');
  process.exit(0);
}
const runs = Math.max(1, Number(values.runs) || 5);
const slack = await startFakeSlack();
slack.record = false;

/** The process npm started for the script (npm → sh → node, or npm → node with `exec`). */
function appProcess(npmPid: number): number | undefined {
  const children = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      return [];
    }
  };
  const queue = children(npmPid);
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (command.includes('src/slack/main.ts')) return Number(pid);
    queue.push(...children(Number(pid)));
  }
  return undefined;
}

const rssMB = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : Number.NaN;
};

/** `npm start` to the first 200 from /healthz, then SIGTERM. */
async function start(dir: string): Promise<{ ms: number; rssMB: number }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const began = performance.now();
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: dir,
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: '',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      HEALTH_PORT: '',
      LOG_LEVEL: 'error',
      STATE_DIR: mkdtempSync(join(tmpdir(), 'quotes-startup-')),
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode} in ${dir}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((done) => setTimeout(done, 10));
    }
    const ms = performance.now() - began;
    const app = appProcess(npm.pid!);
    return { ms, rssMB: app ? rssMB(app) : Number.NaN };
  } finally {
    const app = appProcess(npm.pid!);
    if (app) process.kill(app, 'SIGTERM');
    npm.kill('SIGTERM');
    await new Promise((done) => npm.once('exit', done));
  }
}

/** `npm run -s ask -- veto`, to its exit. */
async function ask(dir: string): Promise<number> {
  const began = performance.now();
  const child = spawn('npm', ['run', '-s', 'ask', '--', 'veto'], { cwd: dir, stdio: 'ignore' });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`npm run ask exited with ${code} in ${dir}`);
  return performance.now() - began;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const checkouts = [
  { name: 'this checkout', dir: resolve('.') },
  ...(values.baseline ? [{ name: 'baseline', dir: resolve(values.baseline) }] : []),
];
const figures = new Map(
  checkouts.map(({ name }) => [
    name,
    { startMs: [] as number[], rssMB: [] as number[], askMs: [] as number[] },
  ]),
);
// One warm-up each (disk caches, the index snapshot), then alternate.
for (const { dir } of checkouts) {
  await start(dir);
  await ask(dir);
}
for (let run = 0; run < runs; run++) {
  for (const { name, dir } of checkouts) {
    const started = await start(dir);
    const figure = figures.get(name)!;
    figure.startMs.push(started.ms);
    figure.rssMB.push(started.rssMB);
    figure.askMs.push(await ask(dir));
  }
}
await slack.close();

const summary = checkouts.map(({ name }) => {
  const figure = figures.get(name)!;
  return {
    name,
    startMs: Math.round(median(figure.startMs)),
    startRssMB: Math.round(median(figure.rssMB)),
    askMs: Math.round(median(figure.askMs)),
  };
});
if (values.json) {
  process.stdout.write(`${JSON.stringify({ node: process.version, runs, summary })}\n`);
} else {
  process.stdout.write(`Start-up on Node ${process.version}, median of ${runs} runs each\n`);
  process.stdout.write('checkout         npm start→/healthz  RSS then   npm run ask -- veto\n');
  for (const row of summary)
    process.stdout.write(
      `${row.name.padEnd(16)} ${`${row.startMs} ms`.padStart(18)} ${`${row.startRssMB} MB`.padStart(9)} ${`${row.askMs} ms`.padStart(20)}\n`,
    );
  if (summary.length === 2) {
    const [now, base] = summary as [(typeof summary)[0], (typeof summary)[0]];
    process.stdout.write(
      `ratio (this/baseline) ${(now.startMs / base.startMs).toFixed(2).padStart(12)} ${(now.startRssMB / base.startRssMB).toFixed(2).padStart(9)} ${(now.askMs / base.askMs).toFixed(2).padStart(20)}\n`,
    );
  }
}
