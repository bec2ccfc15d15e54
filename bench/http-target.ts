/**
 * A server for the HTTP ack benchmark, in its own process: `app` runs the real Bolt app
 * (HTTP mode, seed data, a fake Slack Web API on loopback); `app-redis REDIS_URL` the same
 * app with its deliveries and rate limits on Redis, as several instances run it; `floor`
 * is a bare node:http server answering a fixed JSON body. Prints {"port"} when ready;
 * stops on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectRedis, redisDeliveryLog, redisRateLimiter } from '../src/adapters/redis/redis.ts';
import { parseSlackEnv } from '../src/config/slack-env.ts';
import { loadKnowledge } from '../src/service/knowledge/load.ts';
import { startSlackApp } from '../src/slack/app.ts';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { silentLogger } from '../test/support/logger.ts';
import { signingSecret } from '../test/support/slack-requests.ts';

const mode = process.argv[2];
if (mode === 'floor') {
  const body = JSON.stringify({ response_type: 'ephemeral', text: 'ok' });
  const server = createServer((_req, res) => {
    _req.resume();
    _req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const slack = await startFakeSlack();
  const knowledge = await loadKnowledge('data');
  const config = parseSlackEnv({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: signingSecret,
    PORT: '0',
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '10000',
  });
  const redisUrl = mode === 'app-redis' ? process.argv[3] : undefined;
  const link = redisUrl ? connectRedis(redisUrl, () => undefined) : undefined;
  if (link && !(await link.ready(3000))) throw new Error('Redis is out of reach');
  const running = await startSlackApp({
    config,
    knowledge: () => knowledge,
    retries: 0,
    logger: silentLogger(),
    ...(link
      ? {
          deliveryLog: redisDeliveryLog(link),
          rateLimiter: redisRateLimiter(link, config.rateLimitPerMinute),
        }
      : {}),
  });
  process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);
  process.once('SIGTERM', () => {
    void running
      .stop()
      .then(() => slack.close())
      .then(() => link?.close())
      .then(() => process.exit(0));
  });
}
