import type { Installation, InstallationStore } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import { Statement } from '../../src/core/corpus.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { toUnfurl } from '../../src/slack/unfurl.ts';
import { loadArchiveKnowledge } from '../relevance/evaluate.ts';
import { botUserId, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { seedKnowledge, seedStatementId } from '../support/knowledge.ts';
import { silentLogger } from '../support/logger.ts';
import { blockActions, eventEnvelope, linkShared } from '../support/payloads.ts';
import { postForm, postJson, signingSecret } from '../support/slack-requests.ts';

/** The seed statement's English page, as its `sources.en.url` names it. */
const seedPage =
  'https://international.gc.ca/world-monde/international_relations-relations_internationales/un-onu/statements-declarations/2016-09-06-protect-proteger.aspx?lang=eng';
/** The Secretary-General's message for the International Day of Peace 2020: its English and French pages. */
const peaceDay = {
  id: 'sg-peace-day-2020-09-21',
  en: 'https://www.un.org/press/en/2020/sgsm20257.doc.htm',
  fr: 'https://press.un.org/fr/2020/sgsm20257.doc.htm',
};
/** A Prime Minister's statement whose pages are on newswire.ca, a domain not unfurled by default. */
const newswirePage =
  'https://www.newswire.ca/news-releases/statement-by-the-prime-minister-on-the-international-day-of-peace-891557284.html';

type Block = { type: string; text?: { text: string }; elements?: Array<Record<string, unknown>> };
type Unfurls = Record<string, { blocks: Block[] }>;
type Button = { action_id: string; value: string; text: { text: string } };
type Message = { response_type?: string; replace_original?: boolean; text: string; blocks: Block[] };

const shown = (value: unknown) => JSON.stringify(value);
/** Every button of these blocks, in order. */
const buttonsOf = (blocks: Block[]) =>
  blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? []) as unknown as Button[];

/** Sends a link_shared event, waits until the app has handled it (its log line), and returns its chat.unfurl, if any. */
async function shareWith(
  app: {
    slack: FakeSlack;
    lines: string[];
    send: (envelope: ReturnType<typeof eventEnvelope>) => Promise<void>;
  },
  links: string[],
  overrides: Record<string, unknown> = {},
  envelope: Record<string, unknown> = {},
) {
  const event = linkShared(
    links.map((url) => ({ url })),
    overrides,
  );
  const sent = eventEnvelope(event, envelope);
  await app.send(sent);
  await app.slack.waitFor(() => app.lines.find((line) => line.includes(`[${sent.event_id}] link_shared (`)));
  const call = app.slack.calls.find(
    (c) =>
      c.method === 'chat.unfurl' && (c.args.ts === event.message_ts || c.args.unfurl_id === event.unfurl_id),
  );
  return call && { ...call, unfurls: call.args.unfurls as Unfurls };
}

describe('link unfurls over HTTP', () => {
  let slack: FakeSlack;
  let running: RunningSlackApp;
  let archive: Knowledge;
  let knowledge: Knowledge;
  let events: string;
  const lines: string[] = [];
  let responses = 0;
  const app = {
    get slack() {
      return slack;
    },
    lines,
    send: async (envelope: unknown) => {
      const res = await postJson(events, envelope);
      expect(res.status).toBe(200);
    },
  };
  const share = (links: string[], overrides: Record<string, unknown> = {}) =>
    shareWith(app, links, overrides);

  /** Presses a button of an unfurl, as Slack sends it (the unfurl is an attachment of someone's message). */
  const press = async (button: Button, link: string) => {
    const url = slack.responseUrl(`unfurl-${++responses}`);
    const payload = {
      ...blockActions(button, url),
      container: {
        type: 'message_attachment',
        message_ts: '1700000400.000100',
        attachment_id: 1,
        channel_id: 'C0MEETING',
        is_ephemeral: false,
        is_app_unfurl: true,
        app_unfurl_url: link,
      },
    };
    const res = await postForm(events, { payload: JSON.stringify(payload) });
    expect(res.status).toBe(200);
    const posted = await slack.waitFor(() => slack.responses.find((r) => url.endsWith(r.id)));
    return posted.body as unknown as Message;
  };

  beforeAll(async () => {
    slack = await startFakeSlack();
    archive = await loadArchiveKnowledge();
    knowledge = archive;
    const config = parseSlackEnv({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000',
    });
    running = await startSlackApp({
      config,
      knowledge: () => knowledge,
      retries: 0,
      logger: silentLogger(lines),
    });
    events = `http://127.0.0.1:${running.port}/slack/events`;
  });

  afterAll(async () => {
    await running?.stop();
    await slack?.close();
  });

  it('unfurls the page of a statement of the archive: title, date, speaker and paragraphs in both languages, and the two buttons', async () => {
    const call = await share([seedPage]);
    expect(call).toBeDefined();
    expect(call!.args).toMatchObject({ channel: 'C0MEETING', ts: expect.any(String) });
    expect(call!.token).toBe('xoxb-test-token');
    expect(Object.keys(call!.unfurls)).toEqual([seedPage]);
    const { blocks } = call!.unfurls[seedPage]!;
    expect(blocks).toMatchInlineSnapshot(`
      [
        {
          "text": {
            "text": "*Canadian Statement at the United Nations General Assembly Interactive Dialogue on the Responsibility to Protect*",
            "type": "mrkdwn",
          },
          "type": "section",
        },
        {
          "elements": [
            {
              "text": "6 September 2016 · Ambassador Michael Grant · 22 paragraphs",
              "type": "mrkdwn",
            },
          ],
          "type": "context",
        },
        {
          "text": {
            "text": "*Déclaration du Canada au Dialogue interactif de l'Assemblée générale des Nations Unies sur la responsabilité de protéger*",
            "type": "mrkdwn",
          },
          "type": "section",
        },
        {
          "elements": [
            {
              "text": "6 septembre 2016 · Ambassadeur Michael Grant · 22 paragraphes",
              "type": "mrkdwn",
            },
          ],
          "type": "context",
        },
        {
          "block_id": "unfurl_actions",
          "elements": [
            {
              "action_id": "quote_from_it",
              "text": {
                "emoji": false,
                "text": "Quote from it",
                "type": "plain_text",
              },
              "type": "button",
              "value": "canada-r2p-dialogue-2016-09-06",
            },
            {
              "action_id": "en_citer",
              "text": {
                "emoji": false,
                "text": "En citer",
                "type": "plain_text",
              },
              "type": "button",
              "value": "canada-r2p-dialogue-2016-09-06",
            },
          ],
          "type": "actions",
        },
      ]
    `);
    const text = shown(blocks);
    expect(text.indexOf('Canadian Statement')).toBeLessThan(text.indexOf('Déclaration du Canada'));
    expect(buttonsOf(blocks).map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      ['quote_from_it', 'Quote from it', seedStatementId],
      ['en_citer', 'En citer', seedStatementId],
    ]);
  });

  it('unfurls the same statement from the forms people paste: ?lang=fra (French first), www., a trailing slash, http, the host’s case', async () => {
    const french = seedPage.replace('lang=eng', 'lang=fra');
    const forms = [
      french,
      seedPage.replace('https://', 'https://www.'),
      seedPage.replace('.aspx?lang=eng', '.aspx/'),
      seedPage.replace('https://international.gc.ca', 'http://WWW.International.GC.ca'),
    ];
    for (const form of forms) {
      const call = await share([form]);
      expect(Object.keys(call?.unfurls ?? {}), form).toEqual([form]);
      expect(buttonsOf(call!.unfurls[form]!.blocks)[0]!.value).toBe(seedStatementId);
    }
    const call = await share([french]);
    const text = shown(call!.unfurls[french]!.blocks);
    expect(text.indexOf('Déclaration du Canada')).toBeLessThan(text.indexOf('Canadian Statement'));
    expect(buttonsOf(call!.unfurls[french]!.blocks).map((b) => b.text.text)).toEqual([
      'En citer',
      'Quote from it',
    ]);
  });

  it('unfurls each known link of a message, from the English page and from the French page, each in its language first', async () => {
    const unknown = 'https://press.un.org/en/2020/sgsm20999.doc.htm';
    const call = await share([peaceDay.en, unknown, peaceDay.fr]);
    expect(Object.keys(call!.unfurls).sort()).toEqual([peaceDay.fr, peaceDay.en].sort());
    const statement = archive.statements.find((s) => s.id === peaceDay.id)!;
    for (const [url, first, second] of [
      [peaceDay.en, statement.title.en, statement.title.fr],
      [peaceDay.fr, statement.title.fr, statement.title.en],
    ] as const) {
      const text = shown(call!.unfurls[url]!.blocks);
      expect(text, url).toContain('21 September 2020');
      expect(text, url).toContain('21 septembre 2020');
      expect(text.indexOf(first.slice(0, 30)), url).toBeLessThan(text.indexOf(second.slice(0, 30)));
      expect(buttonsOf(call!.unfurls[url]!.blocks)[0]!.value).toBe(peaceDay.id);
    }
  });

  it('leaves alone a page the archive does not hold: no chat.unfurl at all', async () => {
    expect(await share(['https://press.un.org/en/2020/sgsm20999.doc.htm'])).toBeUndefined();
    expect(await share(['https://www.canada.ca/en/news.html', 'https://un.org/'])).toBeUndefined();
  });

  it('leaves alone a domain UNFURL_DOMAINS does not name, even for a page the archive holds', async () => {
    expect(archive.statements.some((s) => s.sources?.en?.url === newswirePage)).toBe(true);
    expect(await share([newswirePage], {})).toBeUndefined();
  });

  it('unfurls a link still in the message composer by its unfurl id', async () => {
    const call = await share([seedPage], { source: 'composer', channel: 'COMPOSER' });
    expect(call!.args).toMatchObject({ source: 'composer', unfurl_id: expect.any(String) });
    expect(call!.args.channel).toBeUndefined();
    expect(Object.keys(call!.unfurls)).toEqual([seedPage]);
  });

  it('answers "Quote from it" privately with the statement’s passages, in order, in English; "En citer" in French', async () => {
    const call = await share([seedPage]);
    const [quote, cite] = buttonsOf(call!.unfurls[seedPage]!.blocks);
    const english = await press(quote!, seedPage);
    expect(english.response_type).toBe('ephemeral');
    expect(english.replace_original).not.toBe(true);
    const text = shown(english.blocks);
    expect(text).toContain('Mr. President');
    expect(text.indexOf('Mr. President')).toBeLessThan(text.indexOf('Monsieur le Président'));
    expect(text).toContain('6 September 2016, ¶1');
    expect(text).toContain('6 September 2016, ¶3');
    expect(text).not.toContain('6 September 2016, ¶4');
    const buttons = buttonsOf(english.blocks);
    const more = buttons.find((b) => b.action_id === 'more_results');
    expect(more?.text.text).toBe('More results (19)');
    expect(JSON.parse(more!.value)).toMatchObject({ t: `in:${seedStatementId} ¶1-22`, i: 'en', o: 3, n: 3 });
    const french = await press(cite!, seedPage);
    const texte = shown(french.blocks);
    expect(texte.indexOf('Monsieur le Président')).toBeLessThan(texte.indexOf('Mr. President'));
    expect(texte).toContain('6 septembre 2016, ¶1');
    expect(buttonsOf(french.blocks).map((b) => b.text.text)).toContain('Plus de résultats (19)');
  });

  it('follows a reload: a statement no longer loaded unfurls no more, and its button says so', async () => {
    const statement = archive.statements.find((s) => s.id === peaceDay.id)!;
    const [quote] = buttonsOf(toUnfurl(statement).blocks as unknown as Block[]);
    knowledge = await seedKnowledge();
    try {
      expect(await share([peaceDay.en])).toBeUndefined();
      expect((await press(quote!, peaceDay.en)).text).toBe('This statement is no longer in the archive.');
      expect(Object.keys((await share([seedPage]))!.unfurls)).toEqual([seedPage]);
    } finally {
      knowledge = archive;
    }
    expect(Object.keys((await share([peaceDay.en]))!.unfurls)).toEqual([peaceDay.en]);
  });
});

describe('link unfurls in Socket Mode, with UNFURL_DOMAINS of one’s own', () => {
  let slack: FakeSlack;
  let running: RunningSlackApp;
  const lines: string[] = [];
  let envelopes = 0;
  const app = {
    get slack() {
      return slack;
    },
    lines,
    send: async (payload: unknown) => {
      const id = `env-unfurl-${++envelopes}`;
      slack.sendEnvelope({
        envelope_id: id,
        type: 'events_api',
        payload,
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
      });
      await slack.waitFor(() => slack.socket.received.find((message) => message.envelope_id === id));
    },
  };

  beforeAll(async () => {
    slack = await startFakeSlack();
    const knowledge = await loadArchiveKnowledge();
    const config = parseSlackEnv({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-test-token',
      HEALTH_PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'info',
      UNFURL_DOMAINS: 'newswire.ca, unic-ir.org',
    });
    running = await startSlackApp({
      config,
      knowledge: () => knowledge,
      retries: 0,
      logger: silentLogger(lines),
    });
    await slack.waitFor(() => slack.socket.connections.length > 0 || undefined);
  });

  afterAll(async () => {
    await running?.stop();
    await slack?.close();
  });

  it('unfurls the domains it names, and no other', async () => {
    const call = await shareWith(app, [newswirePage, seedPage]);
    expect(Object.keys(call!.unfurls)).toEqual([newswirePage]);
    expect(shown(call!.unfurls[newswirePage]!.blocks)).toContain('21 September 2024');
  });

  it('reads a link as Slack sends it, "&" as "&amp;", and answers under the link as sent', async () => {
    const sent =
      'https://www.unic-ir.org/index.php?option=com_content&amp;view=article&amp;id=3408:on-un-day-guterres-calls-for-upholding-dignity-for-all-as-united-nations&amp;catid=9:eventenglish&amp;Itemid=228';
    const call = await shareWith(app, [sent]);
    expect(Object.keys(call!.unfurls)).toEqual([sent]);
    expect(buttonsOf(call!.unfurls[sent]!.blocks)[0]!.value).toBe('sg-un-day-2018-10-24');
  });
});

describe('link unfurls for several workspaces', () => {
  let slack: FakeSlack;
  let running: RunningSlackApp;
  const lines: string[] = [];
  const tokens: Record<string, string> = { T0MISSION: 'xoxb-test-token', T0GENEVA: 'xoxb-geneva-token' };
  const store: InstallationStore = {
    storeInstallation: async () => undefined,
    deleteInstallation: async () => undefined,
    fetchInstallation: async (query) => {
      const token = query.teamId ? tokens[query.teamId] : undefined;
      if (!token) throw new Error('no installation');
      return {
        team: { id: query.teamId },
        enterprise: undefined,
        user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
        bot: { token, scopes: ['links:read', 'links:write'], id: 'B0QUOTES', userId: botUserId },
        isEnterpriseInstall: false,
      } as Installation;
    },
  };

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.tokens.set('xoxb-geneva-token', { teamId: 'T0GENEVA', teamName: 'Mission in Geneva' });
    const knowledge = await seedKnowledge();
    const config = parseSlackEnv({
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'test-client-secret-0123456789',
      SLACK_STATE_SECRET: 'test-state-secret-0123456789abcdef',
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000',
    });
    running = await startSlackApp({
      config,
      knowledge: () => knowledge,
      retries: 0,
      logger: silentLogger(lines),
      installationStore: store,
    });
  });

  afterAll(async () => {
    await running?.stop();
    await slack?.close();
  });

  it('unfurls with the token of the workspace the link was posted in', async () => {
    const events = `http://127.0.0.1:${running.port}/slack/events`;
    const app = {
      slack,
      lines,
      send: async (envelope: unknown) => {
        expect((await postJson(events, envelope)).status).toBe(200);
      },
    };
    const geneva = await shareWith(
      app,
      [seedPage],
      {},
      {
        team_id: 'T0GENEVA',
        authorizations: [
          { team_id: 'T0GENEVA', user_id: botUserId, is_bot: true, is_enterprise_install: false },
        ],
      },
    );
    expect(geneva?.token).toBe('xoxb-geneva-token');
    const mission = await shareWith(app, [seedPage]);
    expect(mission?.token).toBe('xoxb-test-token');
  });
});

describe('toUnfurl', () => {
  it('escapes what the data holds and keeps a long title within a phone’s few lines', () => {
    const statement = Statement.parse({
      id: 'odd-2020-01-01',
      country: { en: 'Canada', fr: 'Canada' },
      date: '2020-01-01',
      title: {
        en: `<!channel> *Bold* & <@U123> ${'word '.repeat(200)}`,
        fr: 'Titre <https://evil.example|ici>',
      },
      forum: { en: 'Forum', fr: 'Instance' },
      speaker: { name: { en: '_Someone_', fr: '~Quelqu’un~' } },
      paragraphs: [{ n: 1, delivered: 'en', text: 'Thank you.', counterpart: { origin: 'missing' } }],
    });
    const text = shown(toUnfurl(statement).blocks);
    expect(text).not.toMatch(/<!channel>|<@U123>|<https:|\*Bold\*|_Someone_|~Quelqu/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('"1 January 2020 · ˍSomeoneˍ · 1 paragraph"');
    expect(text).toContain('"1er janvier 2020 · ∼Quelqu’un∼ · 1 paragraphe"');
    const [title] = toUnfurl(statement).blocks;
    expect(title!.type).toBe('section');
    expect((title as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(310);
  });
});
