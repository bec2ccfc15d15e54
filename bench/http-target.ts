/**
 * A server for the HTTP ack benchmark, in its own process: `app` runs the real Bolt app
 * (HTTP mode, seed data, a fake Slack Web API on loopback); `floor` is a bare node:http
 * server answering a fixed JSON body. Prints {"port"} when ready; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSlackEnv } from '../src/config/slack-env';
import { loadKnowledge } from '../src/knowledge';
import { startSlackApp } from '../src/slack/app';
import { startFakeSlack } from '../test/support/fake-slack';
import { silentLogger } from '../test/support/logger';
import { signingSecret } from '../test/support/slack-requests';

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
  });
  const running = await startSlackApp({
    config,
    knowledge: () => knowledge,
    retries: 0,
    logger: silentLogger(),
  });
  process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);
  process.once('SIGTERM', () => {
    void running
      .stop()
      .then(() => slack.close())
      .then(() => process.exit(0));
  });
}
