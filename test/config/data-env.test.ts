import { describe, expect, it } from 'vitest';
import { parseDataEnv } from '../../src/config/data-env.ts';
import { parseSlackEnv } from '../../src/config/slack-env.ts';

describe('the data configuration, parsed once per entry point', () => {
  it('reads the defaults, trims, treats empty as unset, and turns the snapshot off', () => {
    expect(parseDataEnv({})).toEqual({
      dataDir: 'data',
      stateDir: 'var',
      cacheDir: '.cache/index',
      maxStatementBytes: 5 * 1024 * 1024,
    });
    expect(
      parseDataEnv({
        DATA_DIR: ' archive ',
        STATE_DIR: '',
        INDEX_CACHE_DIR: 'off',
        STATEMENT_MAX_MB: '2',
        DATABASE_URL: 'postgres://quotes@db/quotes',
        REDIS_URL: ' ',
      }),
    ).toEqual({
      dataDir: 'archive',
      stateDir: 'var',
      maxStatementBytes: 2 * 1024 * 1024,
      databaseUrl: 'postgres://quotes@db/quotes',
    });
  });

  it('is what the Slack app reads too', () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
      INDEX_CACHE_DIR: '/srv/cache',
      STATEMENT_MAX_MB: '3',
    };
    const slack = parseSlackEnv(env);
    const data = parseDataEnv(env);
    expect(slack).toMatchObject(data);
  });
});
