/**
 * The soak test's target, in its own process: the real Bolt app (HTTP mode, seed data)
 * and a fake Slack that randomly answers 429, 500 or slowly. GET /stats on the fake Slack
 * reports what the app sent and the memory samples. Prints {"port","slack"} when ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSlackEnv } from '../src/config/slack-env.ts';
import { loadKnowledge } from '../src/service/knowledge/load.ts';
import { startSlackApp } from '../src/slack/app.ts';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { silentLogger } from '../test/support/logger.ts';
import { signingSecret } from '../test/support/slack-requests.ts';
import { random } from './corpus.ts';

const next = random(7);
const slack = await startFakeSlack();
// Counted, not kept: the soak's own bookkeeping must not look like the app's memory.
slack.record = false;
const successfulPosts = new Map<string, number>();
let friendly = 0;
let calls = 0;
slack.onCall = (call) => {
  calls += 1;
  if (call.status !== 200) return;
  if (call.method === 'chat.postMessage') {
    const key = `${call.args.channel}:${call.args.thread_ts}`;
    successfulPosts.set(key, (successfulPosts.get(key) ?? 0) + 1);
  }
  if (call.method === 'chat.postEphemeral') friendly += 1;
};
slack.fault = (method) => {
  if (method === 'auth.test') return undefined;
  const roll = next();
  if (roll < 0.1) return { status: 429, retryAfterSeconds: 0 };
  if (roll < 0.3) return { status: 500 };
  if (roll < 0.35) return { status: 200, delayMs: 200 + Math.floor(next() * 600) };
  return undefined;
};
const lines: string[] = [];
// Error lines only are kept (counted and classified); the app logs at error level here.
const knowledge = await loadKnowledge('data');
const config = parseSlackEnv({
  SLACK_BOT_TOKEN: 'xoxb-soak',
  SLACK_SIGNING_SECRET: signingSecret,
  PORT: '0',
  SLACK_API_URL: slack.apiUrl,
  LOG_LEVEL: 'error',
  RATE_LIMIT_PER_MINUTE: '10000',
});
const running = await startSlackApp({
  config,
  knowledge: () => knowledge,
  retries: 2,
  timeoutMs: 2000,
  logger: silentLogger(lines),
});

const memory: number[] = [];
const sample = () => {
  globalThis.gc?.();
  memory.push(process.memoryUsage().heapUsed / 1e6);
};
sample();
// A full collection before each sample makes samples comparable; every 5 s keeps its pauses rare.
const sampler = setInterval(sample, 5000);

const stats = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      calls,
      threads: successfulPosts.size,
      duplicates: [...successfulPosts.values()].filter((count) => count > 1).length,
      friendly,
      errorsLogged: lines.filter((line) => line.startsWith('error')).length,
      errorKinds: [
        ...new Set(
          lines.filter((line) => line.startsWith('error')).map((line) => line.replace(/\[[^\]]*\]/, '[id]')),
        ),
      ].slice(0, 10),
      memory,
    }),
  );
});
stats.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ port: running.port, stats: (stats.address() as AddressInfo).port, responseUrl: slack.responseUrl('soak') })}\n`,
  );
});
process.once('SIGTERM', () => {
  clearInterval(sampler);
  void running
    .stop()
    .then(() => slack.close())
    .then(() => process.exit(0));
});
