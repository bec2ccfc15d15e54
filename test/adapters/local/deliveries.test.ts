import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDeliveryLog } from '../../../src/adapters/local/deliveries.ts';
import { parseSlackEnv } from '../../../src/config/slack-env.ts';
import { startSlackApp } from '../../../src/slack/app.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';
import { seedKnowledge } from '../../support/knowledge.ts';
import { silentLogger } from '../../support/logger.ts';
import { appMention, eventEnvelope } from '../../support/payloads.ts';
import { postJson, signingSecret } from '../../support/slack-requests.ts';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack?.close();
});

describe('the delivery log on disk', () => {
  it('remembers a delivery across a restart, for its window only, and stays small', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quotes-state-'));
    let now = 1_000_000;
    const first = await fileDeliveryLog(dir, { now: () => now, ttlMs: 60_000, compactEvery: 3 });
    expect(await first.firstTime('event:T1:Ev1', 'message:T1:C1:1.0')).toBe(true);
    expect(await first.firstTime('event:T1:Ev1')).toBe(false);
    expect(await first.firstTime('event:T1:Ev2')).toBe(true);
    await first.close();
    const restarted = await fileDeliveryLog(dir, { now: () => now, ttlMs: 60_000 });
    expect(await restarted.firstTime('event:T1:Ev9', 'message:T1:C1:1.0')).toBe(false);
    expect(await restarted.firstTime('event:T2:Ev1')).toBe(true);
    now += 61_000;
    const later = await fileDeliveryLog(dir, { now: () => now, ttlMs: 60_000 });
    expect(await later.firstTime('event:T1:Ev1')).toBe(true);
    await later.close();
    // Rewritten at start without the expired entries.
    expect(readFileSync(join(dir, 'deliveries.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('answers a retry that arrives after a restart only once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quotes-state-'));
    const config = parseSlackEnv({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
    });
    const knowledge = await seedKnowledge();
    const start = async () =>
      startSlackApp({
        config,
        knowledge: () => knowledge,
        retries: 0,
        logger: silentLogger([]),
        deliveryLog: await fileDeliveryLog(dir),
      });
    const envelope = eventEnvelope(appMention('veto', { user: 'U0RESTART', channel: 'C0RESTART' }));
    const posts = () =>
      slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === 'C0RESTART');
    const before = await start();
    await postJson(`http://127.0.0.1:${before.port}/slack/events`, envelope);
    await slack.waitFor(() => posts().length === 1);
    await before.stop();
    const after = await start();
    const retry = await postJson(`http://127.0.0.1:${after.port}/slack/events`, envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posts()).toHaveLength(1);
    await after.stop();
  });
});
