import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEditors } from '../../../src/slack/archive/editors.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack?.close();
});

describe('the editors of the archive', () => {
  it('are the users listed and the members of the groups listed, as Slack says now', async () => {
    const client = new webApi.WebClient('xoxb-test-token', {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
    });
    slack.userGroups.set('S0EDITORS', ['U0MEMBER']);
    const warnings: string[] = [];
    const editors = createEditors({ users: ['U0LISTED'], groups: ['S0EDITORS'] }, (m) => warnings.push(m), 0);
    expect(await editors.mayAdd('U0LISTED', client)).toBe(true);
    expect(await editors.mayAdd('U0MEMBER', client)).toBe(true);
    expect(await editors.mayAdd('U0OTHER', client)).toBe(false);
    // Removed from the group while Slack cannot list it: no editor rights on a stale list.
    slack.fault = (method) => (method === 'usergroups.users.list' ? { status: 500 } : undefined);
    try {
      expect(await editors.mayAdd('U0MEMBER', client)).toBe(false);
      expect(warnings.at(-1)).toContain('none counts as an editor meanwhile');
      // A user listed by id needs no lookup.
      expect(await editors.mayAdd('U0LISTED', client)).toBe(true);
    } finally {
      slack.fault = undefined;
    }
  });
});
