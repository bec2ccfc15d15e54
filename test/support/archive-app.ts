import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { fileAuditLog } from '../../src/adapters/local/audit.ts';
import { fileReviewStore } from '../../src/adapters/local/reviews.ts';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import { loadKnowledge } from '../../src/service/knowledge/load.ts';
import { type KnowledgeStore, watchKnowledge } from '../../src/service/knowledge/watch.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { silentLogger } from './logger.ts';
import { eventEnvelope } from './payloads.ts';
import { postForm, postJson, signingSecret } from './slack-requests.ts';

/**
 * The Slack app over HTTP with adding statements on: a copy of data/ watched live, reviews
 * and the audit log in a state folder, a clock the test moves, and the fake Slack.
 */
export interface ArchiveApp {
  slack: FakeSlack;
  running: RunningSlackApp;
  store: KnowledgeStore;
  dataDir: string;
  stateDir: string;
  /** Moves the app's clock on. */
  advance(ms: number): void;
  /** Sends an event (signed) and checks Slack would see a 200. */
  send(event: Record<string, unknown>): Promise<void>;
  /** Sends an interaction (signed); returns its JSON answer ({} when empty). */
  interact(payload: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startArchiveApp(options: {
  editors: string[];
  /** Slack locales of users (fr-CA for a French editor). */
  locales?: Record<string, string>;
}): Promise<ArchiveApp> {
  const slack = await startFakeSlack();
  for (const [user, locale] of Object.entries(options.locales ?? {})) slack.locales.set(user, locale);
  const dataDir = mkdtempSync(join(tmpdir(), 'quotes-archive-app-data-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'quotes-archive-app-state-'));
  cpSync('data', dataDir, { recursive: true });
  const store = watchKnowledge(dataDir, await loadKnowledge(dataDir), { debounceMs: 50, checkEveryMs: 200 });
  let clock = new Date('2026-11-30T09:00:00.000Z');
  const running = await startSlackApp({
    config: parseSlackEnv({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '1000',
      DATA_DIR: dataDir,
      STATE_DIR: stateDir,
      ARCHIVE_EDITORS: options.editors.join(', '),
    }),
    knowledge: store.get,
    retries: 0,
    logger: silentLogger(),
    reviews: await fileReviewStore(join(stateDir, 'reviews')),
    audit: fileAuditLog(join(stateDir, 'audit.log')),
    now: () => clock,
  });
  const events = `http://127.0.0.1:${running.port}/slack/events`;
  return {
    slack,
    running,
    store,
    dataDir,
    stateDir,
    advance(ms) {
      clock = new Date(clock.getTime() + ms);
    },
    async send(event) {
      expect((await postJson(events, eventEnvelope(event))).status).toBe(200);
    },
    async interact(payload) {
      const res = await postForm(events, { payload: JSON.stringify(payload) });
      expect(res.status).toBe(200);
      const body = await res.text();
      return body ? (JSON.parse(body) as Record<string, unknown>) : {};
    },
    async close() {
      await running.stop();
      store.close();
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
