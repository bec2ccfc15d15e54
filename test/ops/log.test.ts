import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import { boltLogger, createLog, readableLine } from '../../src/ops/log.ts';
import { startSlackApp } from '../../src/slack/app.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { seedKnowledge } from '../support/knowledge.ts';
import { slashCommand } from '../support/payloads.ts';
import { postForm, signingSecret } from '../support/slack-requests.ts';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack?.close();
});

/** The JSON log line the README shows under "Operations". */
function readmeLogLine() {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('**Logs.**'), readme.indexOf('**Metrics.**'));
  const line = /```\n(\{.*\})\n```/.exec(section)?.[1];
  expect(line, 'a JSON line in the README').toBeDefined();
  return JSON.parse(line!) as Record<string, unknown>;
}

describe('the logs of the app', () => {
  it('are JSON lines like the README shows: time, level, the request id, surface, reply kind and time taken', async () => {
    const lines: string[] = [];
    const log = createLog({ level: 'info', format: 'json', write: (line) => lines.push(line) });
    const running = await startSlackApp({
      config: parseSlackEnv({
        SLACK_BOT_TOKEN: 'xoxb-log-secret-token',
        SLACK_SIGNING_SECRET: signingSecret,
        PORT: '0',
        SLACK_API_URL: slack.apiUrl,
      }),
      knowledge: await seedKnowledge().then((knowledge) => () => knowledge),
      retries: 0,
      logger: boltLogger(log),
    });
    try {
      await postForm(
        `http://127.0.0.1:${running.port}/slack/events`,
        slashCommand({ response_url: slack.responseUrl('log'), text: 'veto' }),
      );
    } finally {
      await running.stop();
    }
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of entries) {
      expect(Number.isNaN(Date.parse(String(entry.time)))).toBe(false);
      expect(['debug', 'info', 'warn', 'error']).toContain(entry.level);
    }
    const answered = entries.find((entry) => entry.surface === 'command');
    expect(answered).toBeDefined();
    const shown = readmeLogLine();
    expect(Object.keys(answered!)).toEqual(Object.keys(shown));
    for (const key of ['level', 'req', 'surface', 'kind']) expect(answered![key]).toBe(shown[key]);
    expect(typeof answered!.ms).toBe('number');
    const withoutTime = (msg: unknown) => String(msg).replace(/[\d.]+ ms$/, 'N ms');
    expect(withoutTime(answered!.msg)).toBe(withoutTime(shown.msg));
    expect(lines.join('')).not.toContain('xoxb-log-secret-token');
  });

  it('redact secrets in messages and in fields, at every level', () => {
    const lines: string[] = [];
    const log = createLog({ level: 'debug', format: 'json', write: (line) => lines.push(line) });
    log.debug('calling with token=xoxb-1-abc and https://hooks.slack.com/actions/T1/2/xyz');
    log.warn({ token: 'xoxb-2-def', nested: { password: 'hunter2' }, req: 'Ev1' }, 'failed');
    const text = lines.join('');
    expect(text).not.toMatch(/xoxb-1-abc|xoxb-2-def|hunter2|actions\/T1/);
    expect(JSON.parse(lines[1]!)).toMatchObject({ token: '[redacted]', req: 'Ev1', level: 'warn' });
  });

  it('read as one line a person can scan on a terminal', () => {
    const line = readableLine(
      '{"level":"info","time":"2026-12-06T17:40:02.113Z","req":"Ev1","ms":3.1,"msg":"answered"}\n',
    );
    expect(line).toBe('17:40:02 INFO  answered  req=Ev1 ms=3.1\n');
    const lines: string[] = [];
    createLog({ level: 'info', format: 'pretty', write: (text) => lines.push(text) }).error('stopped');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d ERROR stopped\n$/);
  });
});
