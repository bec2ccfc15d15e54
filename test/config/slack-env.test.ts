import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUnfurlDomains, parseSlackEnv, SlackEnv } from '../../src/config/slack-env.ts';
import { ConfigError } from '../../src/core/errors.ts';

const fail = (env: Record<string, string>) => {
  try {
    parseSlackEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('the Slack configuration', () => {
  it('chooses Socket Mode when an app token is set, HTTP otherwise', () => {
    expect(parseSlackEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).mode).toBe('socket');
    const http = parseSlackEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-secret' });
    expect(http).toMatchObject({ mode: 'http', port: 3000, logLevel: 'info', dataDir: 'data' });
  });

  it('treats empty values as unset', () => {
    const config = parseSlackEnv({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      PORT: '',
      LOG_LEVEL: ' ',
      DATA_DIR: '',
    });
    expect(config).toMatchObject({ port: 3000, logLevel: 'info', dataDir: 'data' });
    expect(fail({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: 'xapp-1' })).toContain('SLACK_BOT_TOKEN is required');
  });

  it('names every bad variable and how to fix it, never its value', () => {
    const message = fail({
      SLACK_BOT_TOKEN: 'xoxp-user-token-VALUE1',
      SLACK_APP_TOKEN: 'oops-VALUE2',
      PORT: 'eighty',
      SLACK_API_URL: 'ftp://VALUE3',
      LOG_LEVEL: 'loud',
    });
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'PORT', 'SLACK_API_URL', 'LOG_LEVEL'])
      expect(message).toContain(name);
    expect(message).toContain('xoxb-');
    expect(message).toContain('PORT must be a port number from 0 to 65535');
    expect(message).not.toContain('NaN');
    expect(message).not.toMatch(/VALUE\d|eighty|loud/);
  });

  it('reads ARCHIVE_EDITORS as user and user-group ids, and refuses anything else once, by name', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    expect(parseSlackEnv({ ...base, ARCHIVE_EDITORS: 'U012AB, S0ED W9X' }).editors).toEqual({
      users: ['U012AB', 'W9X'],
      groups: ['S0ED'],
    });
    expect(parseSlackEnv(base).editors).toEqual({ users: [], groups: [] });
    let message = '';
    try {
      parseSlackEnv({ ...base, ARCHIVE_EDITORS: 'bob, alice@example.org' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.match(/ARCHIVE_EDITORS must list Slack user ids/g)).toHaveLength(1);
    expect(message).not.toContain('alice@example.org');
  });

  it('reads the three OAuth variables together, in HTTP mode, with no bot token', () => {
    const oauth = {
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret-0123456789',
      SLACK_STATE_SECRET: 'state-secret-0123456789',
      SLACK_SIGNING_SECRET: 'signing-secret-0123',
    };
    const config = parseSlackEnv(oauth);
    expect(config.oauth).toEqual({
      clientId: '1111.2222',
      clientSecret: 'client-secret-0123456789',
      stateSecret: 'state-secret-0123456789',
    });
    expect(config.mode).toBe('http');
    expect(config.botToken).toBeUndefined();
    const problems = (env: Record<string, string>) => {
      try {
        parseSlackEnv(env);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problems({ ...oauth, SLACK_STATE_SECRET: '' })).toContain('SLACK_STATE_SECRET is required with');
    expect(problems({ ...oauth, SLACK_APP_TOKEN: 'xapp-1' })).toContain(
      'SLACK_APP_TOKEN must be empty with OAuth',
    );
    expect(problems({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' })).toContain(
      'SLACK_BOT_TOKEN must be empty with OAuth',
    );
    expect(problems({ ...oauth, SLACK_CLIENT_SECRET: 'x' })).not.toContain('x\n');
  });

  it('unfurls Canada’s and the UN’s sites by default, reads UNFURL_DOMAINS as a list, and refuses more than five', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    expect(parseSlackEnv(base).unfurlDomains).toEqual(defaultUnfurlDomains);
    expect(defaultUnfurlDomains).toEqual([
      'international.gc.ca',
      'canada.ca',
      'pm.gc.ca',
      'un.org',
      'undocs.org',
    ]);
    expect(parseSlackEnv({ ...base, UNFURL_DOMAINS: ' ' }).unfurlDomains).toEqual(defaultUnfurlDomains);
    expect(
      parseSlackEnv({ ...base, UNFURL_DOMAINS: 'UN.org, international.gc.ca un.org' }).unfurlDomains,
    ).toEqual(['un.org', 'international.gc.ca']);
    const six = fail({ ...base, UNFURL_DOMAINS: 'a.ca,b.ca,c.ca,d.ca,e.ca,f.ca' });
    expect(six).toContain('UNFURL_DOMAINS must list at most five domains');
    expect(six).not.toContain('f.ca');
    const bad = fail({ ...base, UNFURL_DOMAINS: 'https://un.org/, -x.ca' });
    expect(bad.match(/UNFURL_DOMAINS must list domains such as un\.org/g)).toHaveLength(1);
    expect(bad).not.toContain('https://un.org/');
    expect(fail({ ...base, UNFURL_DOMAINS: ',,' })).toContain('UNFURL_DOMAINS must list at least one domain');
  });

  it('refuses HTTP mode without a signing secret', () => {
    expect(fail({ SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_SIGNING_SECRET is required in HTTP mode');
  });
});

describe('.env.example', () => {
  it('lists every variable the app reads, each with a comment, and nothing it does not read', () => {
    const source = ['src', 'scripts']
      .flatMap((dir) =>
        readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file)),
      )
      .filter((file) => /\.(ts|mjs)$/.test(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const read = new Set([
      ...[...source.matchAll(/env\??\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!),
      ...Object.keys(SlackEnv.shape),
    ]);
    // The terminal's own: the user's language and colour, and where programs are, never set in .env.
    for (const terminal of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'NO_COLOR', 'PATH']) read.delete(terminal);
    const example = readFileSync('.env.example', 'utf8').split('\n');
    const listed = new Map<string, number>();
    example.forEach((line, k) => {
      const name = /^([A-Z][A-Z0-9_]+)=/.exec(line)?.[1];
      if (name) listed.set(name, k);
    });
    const composeOnly = ['POSTGRES_PASSWORD'];
    expect(new Set([...listed.keys()].filter((name) => !composeOnly.includes(name)))).toEqual(read);
    // Each variable, or the group of variables it stands in, comes right after its comment.
    for (const [name, k] of listed) {
      let above = k - 1;
      while (above > 0 && /^[A-Z][A-Z0-9_]+=/.test(example[above]!)) above--;
      expect(example[above], `${name} has a comment`).toMatch(/^# /);
    }
  });
});
