import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main as archiveCli } from '../../src/cli/archive.ts';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import { type RunningService, startService } from '../../src/slack/service.ts';
import { freshDatabase } from '../support/databases.ts';
import { layoutOf, wordFile } from '../support/documents.ts';
import { type ApiCall, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { silentLogger } from '../support/logger.ts';
import { appMention, blockActions, directMessage, eventEnvelope, slashCommand } from '../support/payloads.ts';
import { type RunningServer, redisAvailable, startRedis } from '../support/servers.ts';
import { postForm, postJson, signingSecret } from '../support/slack-requests.ts';

const postgresUrl = inject('postgresUrl');
const editor = 'U0EDITOR';

/**
 * Two instances of the app behind one (imaginary) load balancer, sharing one real Redis and
 * one real PostgreSQL, against the fake Slack: what one does, the other knows.
 */
describe.skipIf(!postgresUrl || !redisAvailable())('two instances on Redis and PostgreSQL', () => {
  let slack: FakeSlack;
  let redis: RunningServer;
  let a: RunningService;
  let b: RunningService;
  const stateDirs: string[] = [];
  let responses = 0;
  let databaseUrl: string;

  beforeAll(async () => {
    slack = await startFakeSlack();
    redis = await startRedis();
    databaseUrl = await freshDatabase(postgresUrl);
    const imported = await archiveCli(['import', 'data/statements'], {
      stdout: () => undefined,
      stderr: () => undefined,
      env: { DATABASE_URL: databaseUrl, DATA_DIR: 'data' },
    });
    expect(imported).toBe(0);
    const instance = async () => {
      const stateDir = mkdtempSync(join(tmpdir(), 'quotes-instance-'));
      stateDirs.push(stateDir);
      const config = parseSlackEnv({
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: signingSecret,
        PORT: '0',
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'error',
        RATE_LIMIT_PER_MINUTE: '3',
        DATA_DIR: 'data',
        STATE_DIR: stateDir,
        REDIS_URL: redis.url,
        DATABASE_URL: databaseUrl,
        ARCHIVE_EDITORS: editor,
      });
      return startService(config, { retries: 0, logger: silentLogger(), versionCheckMs: 1000 });
    };
    [a, b] = [await instance(), await instance()];
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
    await slack?.close();
    for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
  });

  const events = (instance: RunningService) => `http://127.0.0.1:${instance.app.port}/slack/events`;
  const command = async (instance: RunningService, text: string, user: string) => {
    const res = await postForm(
      events(instance),
      slashCommand({ response_url: slack.responseUrl(`i${++responses}`), text, user_id: user }),
    );
    expect(res.status).toBe(200);
    return (await res.json()) as { text: string; blocks?: unknown[] };
  };
  const posts = (from = 0) => slack.calls.slice(from).filter((call) => call.method === 'chat.postMessage');

  it('serves the statements of the archive database from both instances', async () => {
    expect((await command(a, 'veto', 'U0A')).text).toContain('¶14');
    expect((await command(b, 'veto', 'U0B')).text).toContain('¶14');
  });

  it('answers an event delivered to both instances once', async () => {
    const before = slack.calls.length;
    const envelope = eventEnvelope(appMention('Kigali', { user: 'U0TWICE' }));
    // Slack's retry of the same event lands on the other instance, at the same moment.
    await Promise.all([
      postJson(events(a), envelope),
      postJson(events(b), envelope, {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      }),
    ]);
    await slack.waitFor(() => (posts(before).length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(posts(before)).toHaveLength(1);
  });

  it('holds the rate limit across instances', async () => {
    const user = 'U0BUSY';
    const texts = [
      (await command(a, 'veto', user)).text,
      (await command(b, 'veto', user)).text,
      (await command(a, 'veto', user)).text,
      (await command(b, 'veto', user)).text,
    ];
    expect(texts.slice(0, 3).every((text) => text.includes('¶14'))).toBe(true);
    expect(texts[3]).toContain('You have sent many requests');
  });

  it('takes on B the Add of a review posted by A, and answers on B within 5 seconds', async () => {
    const share = async (stem: string, language: 'en' | 'fr') => {
      const id = `F0INST${language.toUpperCase()}`;
      const text = readFileSync(`test/fixtures/align/published/${stem}.${language}.txt`, 'utf8');
      slack.files.set(id, {
        name: `${stem}.${language}.docx`,
        filetype: 'docx',
        bytes: await wordFile(layoutOf(text, language, 1), ''),
      });
      return { id, name: `${stem}.${language}.docx` };
    };
    const files = [await share('pm-syria-2018-04-13', 'en'), await share('pm-syria-2018-04-13', 'fr')];
    const message = directMessage(editor, { files });
    await postJson(events(a), eventEnvelope(message));
    const placeholder = await slack.waitFor(
      () =>
        slack.calls.find((call) => call.method === 'chat.postMessage' && call.args.thread_ts === message.ts),
      10_000,
    );
    const review = await slack.waitFor(
      () =>
        slack.calls.find(
          (call: ApiCall) =>
            call.method === 'chat.update' &&
            call.args.ts === placeholder.result?.ts &&
            JSON.stringify(call.args.blocks).includes('archive_add'),
        ),
      15_000,
    );
    const add = (
      review.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>
    )
      .find((block) => block.type === 'actions')!
      .elements!.find((button) => button.action_id === 'archive_add')!;
    expect(JSON.stringify((await command(b, 'Ghouta', 'U0READER')).blocks)).not.toContain(
      'airstrikes in Syria',
    );
    await postForm(events(a), {
      payload: JSON.stringify(blockActions(add, slack.responseUrl('add'), editor)),
    });
    await slack.waitFor(() =>
      slack.calls.find(
        (call) => call.method === 'chat.update' && String(call.args.text).includes('Added to the archive'),
      ),
    );
    const added = Date.now();
    let answer = '';
    while (Date.now() - added < 20_000 && !answer.includes('airstrikes in Syria')) {
      answer = JSON.stringify((await command(b, 'Ghouta', `U0READ${Date.now() % 1000}`)).blocks);
      if (!answer.includes('airstrikes in Syria')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answer).toContain('airstrikes in Syria');
    // One audit log for every instance, in the database: who did what to which statement.
    const audit = await new pg.Client({ connectionString: databaseUrl });
    await audit.connect();
    const rows = (await audit.query('SELECT user_id, action, statement FROM quotes_audit ORDER BY at')).rows;
    await audit.end();
    expect(rows).toEqual([
      { user_id: editor, action: 'review', statement: null },
      { user_id: editor, action: 'add', statement: 'canada-prime-minister-airstrikes-2018-04-13' },
    ]);
  });

  it('loses no answer and crashes nothing when Redis is killed mid-run, and recovers', async () => {
    redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const [k, instance] of [a, b].entries()) {
      expect((await command(instance, 'veto', `U0NOREDIS${k}`)).text).toContain('¶14');
    }
    const before = slack.calls.length;
    await postJson(events(b), eventEnvelope(appMention('Kigali', { user: 'U0NOREDIS' })));
    await slack.waitFor(() => (posts(before).length > 0 ? true : undefined));
    expect(await fetch(`http://127.0.0.1:${a.app.port}/healthz`).then((r) => r.status)).toBe(200);
    await redis.restart();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await command(a, 'veto', 'U0AFTER')).text).toContain('¶14');
  });

  it('answers /quote while Redis hangs, and says on /readyz that Redis is down until it answers again', async () => {
    type Readiness = { ok: boolean; dependencies?: Record<string, string> };
    const readiness = async () =>
      (await (await fetch(`http://127.0.0.1:${a.app.healthPort}/readyz`)).json()) as Readiness;
    /** Readiness once it satisfies `wanted`, asked every 100 ms for 10 s at most. */
    const readinessWhen = async (wanted: (ready: Readiness) => boolean) => {
      for (let tries = 0; tries < 100; tries++) {
        const ready = await readiness();
        if (wanted(ready)) return ready;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('readiness never said so');
    };
    redis.pause!();
    try {
      expect((await command(a, 'veto', 'U0HUNG')).text).toContain('¶14');
      const down = await readinessWhen((ready) => ready.dependencies?.redis !== undefined);
      expect(down.ok).toBe(true);
      expect(down.dependencies!.redis).toContain('out of reach');
    } finally {
      redis.resume!();
    }
    expect((await readinessWhen((ready) => ready.dependencies === undefined)).ok).toBe(true);
  });
});
