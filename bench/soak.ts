/**
 * `npm run soak [-- --requests 3000] [--seconds 60] [--concurrency 20] [--events-per-second 50] [--json]`
 *
 * Sends thousands of signed slash commands, mentions (some delivered twice, as Slack
 * retries do), and button clicks to the real app on loopback, while its fake Slack
 * randomly answers 429, 500 or slowly. Stops by itself (count or time, whichever first)
 * and reports crashes, duplicate replies, friendly errors shown, ack latency, and memory
 * at the start and the end. Not part of npm test.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { encodeState } from '../src/slack/state.ts';
import { appMention, blockActions, eventEnvelope, slashCommand } from '../test/support/payloads.ts';
import { random } from './corpus.ts';
import { loadTexts, signedPost } from './signed-post.ts';

const USAGE = `Usage: npm run soak -- [--requests N] [--seconds N] [--concurrency N] [--events-per-second N] [--json]
  --requests N            requests in all (default 3000)
  --seconds N             longest run (default 60)
  --concurrency N         requests in flight (default 20)
  --events-per-second N   pace of mentions, as Slack delivers them (default 50)
  --json                  one JSON object instead of a table`;

const options = {
  requests: { type: 'string' },
  seconds: { type: 'string' },
  concurrency: { type: 'string' },
  'events-per-second': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
let values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
try {
  ({ values } = parseArgs({ options, strict: true }));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const arg = (name: 'requests' | 'seconds' | 'concurrency' | 'events-per-second', fallback: number) => {
  const value = values[name] === undefined ? fallback : Number(values[name]);
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`--${name} takes a positive number\n\n${USAGE}\n`);
    process.exit(2);
  }
  return value;
};
const maxRequests = arg('requests', 3000);
const seconds = arg('seconds', 60);
const concurrency = arg('concurrency', 20);
// Events come at a pace Slack itself would deliver for one workspace (it rate-limits far
// below this); commands go as fast as the app answers them.
const eventsPerSecond = arg('events-per-second', 50);
let nextEventAt = Date.now();
const eventSlot = async () => {
  const at = Math.max(Date.now(), nextEventAt);
  nextEventAt = at + 1000 / eventsPerSecond;
  if (at > Date.now()) await new Promise((resolve) => setTimeout(resolve, at - Date.now()));
};
const log = (message: string) => process.stderr.write(`${message}\n`);

const child = spawn(process.execPath, ['--expose-gc', 'bench/soak-target.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let crashed = false;
let stopping = false;
child.on('exit', (code, signal) => {
  if (!stopping) crashed = true;
  if (crashed) log(`the app process exited unexpectedly (${code ?? signal})`);
});
const { port, stats, responseUrl } = await new Promise<{ port: number; stats: number; responseUrl: string }>(
  (resolve, reject) => {
    child.once('exit', () => reject(new Error('the app did not start')));
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
  },
);

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const post = (body: string, contentType: string, extra: Record<string, string> = {}) =>
  signedPost(agent, port, body, contentType, extra);

// The load texts, and what a hostile or empty message looks like.
const texts = [...loadTexts, '<!channel> *x*', 'zzzz', ''];
const next = random(11);
const latencies: number[] = [];
let sent = 0;
let failed = 0;
let mentions = 0;
let redelivered = 0;
const deadline = Date.now() + seconds * 1000;
const started = Date.now();
log(
  `soak: up to ${maxRequests} requests or ${seconds} s, ${concurrency} at a time, against a fake Slack answering 429, 500 or slowly at random…`,
);
const progress = setInterval(() => log(`  ${sent} requests sent…`), 5000);

await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (sent < maxRequests && Date.now() < deadline && !crashed) {
      sent++;
      const roll = next();
      const text = texts[Math.floor(next() * texts.length)]!;
      let outcome: { status: number; ms: number };
      if (roll < 0.5) {
        const fields = slashCommand({
          response_url: `${responseUrl}-${sent}`,
          text,
          user_id: `U${sent % 50}`,
        });
        outcome = await post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
      } else if (roll < 0.85) {
        await eventSlot();
        mentions++;
        const envelope = JSON.stringify(eventEnvelope(appMention(text, { user: `U${sent % 50}` })));
        outcome = await post(envelope, 'application/json');
        if (next() < 0.2) {
          redelivered++;
          await post(envelope, 'application/json', {
            'x-slack-retry-num': '1',
            'x-slack-retry-reason': 'http_timeout',
          });
        }
      } else {
        const value = encodeState({ t: text, l: 'fr', i: 'en', o: 0, n: 1, m: 'command' });
        const action = next() < 0.5 ? 'swap_language' : 'more_results';
        const payload = blockActions({ action_id: action, value }, `${responseUrl}-${sent}`);
        outcome = await post(
          new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
          'application/x-www-form-urlencoded',
        );
      }
      latencies.push(outcome.ms);
      if (outcome.status !== 200) failed++;
    }
  }),
);
clearInterval(progress);
log('soak: letting retries settle…');
await new Promise((resolve) => setTimeout(resolve, 4000));
const report = await new Promise<Record<string, unknown>>((resolve) => {
  request({ host: '127.0.0.1', port: stats, path: '/stats' }, (res) => {
    let body = '';
    res.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    res.on('end', () => resolve(JSON.parse(body)));
  }).end();
});
stopping = true;
child.kill('SIGTERM');
agent.destroy();

const sorted = latencies.sort((a, b) => a - b);
const p = (q: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 100) / 100;
const memory = report.memory as number[];
const fifth = Math.max(1, Math.floor(memory.length / 5));
const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const result = {
  seconds: Math.round((Date.now() - started) / 100) / 10,
  requests: sent,
  mentions,
  redelivered,
  httpErrors: failed,
  crashes: crashed ? 1 : 0,
  duplicateReplies: report.duplicates,
  friendlyErrorsShown: report.friendly,
  errorsLogged: report.errorsLogged,
  errorKinds: report.errorKinds,
  ack: { p50Ms: p(0.5), p99Ms: p(0.99) },
  memoryMB: {
    start: Math.round(memory[0]! * 10) / 10,
    end: Math.round(memory.at(-1)! * 10) / 10,
    firstFifthAverage: Math.round(average(memory.slice(0, fifth)) * 10) / 10,
    lastFifthAverage: Math.round(average(memory.slice(-fifth)) * 10) / 10,
    samples: memory.length,
    series: memory.map((value) => Math.round(value)),
  },
};
process.stdout.write(
  values.json
    ? `${JSON.stringify(result)}\n`
    : `${Object.entries(result)
        .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`)
        .join('\n')}\n`,
);
process.exitCode = result.crashes === 0 && result.duplicateReplies === 0 && result.httpErrors === 0 ? 0 : 1;
