import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAuditLog } from '../../../src/adapters/local/audit.ts';
import { fileReviewStore } from '../../../src/adapters/local/reviews.ts';
import { parseSlackEnv } from '../../../src/config/slack-env.ts';
import { parseStatementFile } from '../../../src/core/data-file.ts';
import { loadKnowledge } from '../../../src/service/knowledge/load.ts';
import { type KnowledgeStore, watchKnowledge } from '../../../src/service/knowledge/watch.ts';
import { type RunningSlackApp, startSlackApp } from '../../../src/slack/app.ts';
import { layoutOf, wordFile } from '../../support/documents.ts';
import { type ApiCall, type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';
import { silentLogger } from '../../support/logger.ts';
import {
  appHomeOpened,
  blockActions,
  directMessage,
  eventEnvelope,
  slashCommand,
  viewSubmission,
} from '../../support/payloads.ts';
import { postForm, postJson, signingSecret } from '../../support/slack-requests.ts';

const editor = 'U0EDITOR';
const groupEditor = 'U0GROUPED';
const stranger = 'U0STRANGER';
const published = 'test/fixtures/align/published';

type Message = { text: string; blocks: Array<Record<string, unknown>> };
type Button = { action_id: string; value: string; text: { text: string } };

/** How a test reaches the app: signed HTTP requests, or envelopes over the Socket Mode connection. */
interface Transport {
  event(event: Record<string, unknown>): Promise<void>;
  interact(payload: Record<string, unknown>): Promise<Record<string, unknown>>;
  command(text: string): Promise<Message>;
}

for (const mode of ['http', 'socket'] as const) {
  describe(`adding a statement from Slack (${mode === 'http' ? 'HTTP' : 'Socket Mode'})`, () => {
    let slack: FakeSlack;
    let running: RunningSlackApp;
    let store: KnowledgeStore;
    let dataDir: string;
    let stateDir: string;
    let transport: Transport;
    let clock = new Date('2026-11-30T09:00:00.000Z');
    let fileCount = 0;
    let responses = 0;

    beforeAll(async () => {
      slack = await startFakeSlack();
      slack.userGroups.set('S0EDITORS', [groupEditor]);
      slack.locales.set(groupEditor, 'fr-CA');
      dataDir = mkdtempSync(join(tmpdir(), 'quotes-archive-data-'));
      stateDir = mkdtempSync(join(tmpdir(), 'quotes-archive-state-'));
      cpSync('data', dataDir, { recursive: true });
      store = watchKnowledge(dataDir, await loadKnowledge(dataDir), { debounceMs: 50, checkEveryMs: 200 });
      const config = parseSlackEnv({
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        ...(mode === 'http'
          ? { SLACK_SIGNING_SECRET: signingSecret, PORT: '0' }
          : { SLACK_APP_TOKEN: 'xapp-test-token', HEALTH_PORT: '0' }),
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'error',
        RATE_LIMIT_PER_MINUTE: '1000',
        DATA_DIR: dataDir,
        STATE_DIR: stateDir,
        ARCHIVE_EDITORS: `${editor}, S0EDITORS`,
      });
      running = await startSlackApp({
        config,
        knowledge: store.get,
        retries: 0,
        logger: silentLogger(),
        reviews: await fileReviewStore(join(stateDir, 'reviews')),
        audit: fileAuditLog(join(stateDir, 'audit.log')),
        now: () => clock,
      });
      if (mode === 'http') {
        const events = `http://127.0.0.1:${running.port}/slack/events`;
        transport = {
          async event(event) {
            const res = await postJson(events, eventEnvelope(event));
            expect(res.status).toBe(200);
          },
          async interact(payload) {
            const res = await postForm(events, { payload: JSON.stringify(payload) });
            expect(res.status).toBe(200);
            const text = await res.text();
            return text ? JSON.parse(text) : {};
          },
          async command(text) {
            const res = await postForm(
              events,
              slashCommand({ response_url: slack.responseUrl(`q${++responses}`), text }),
            );
            return (await res.json()) as Message;
          },
        };
      } else {
        await slack.waitFor(() => slack.socket.connections.length > 0 || undefined);
        let envelopes = 0;
        const send = async (type: string, payload: unknown, acceptsResponse: boolean) => {
          const id = `env-${++envelopes}`;
          slack.sendEnvelope({ envelope_id: id, type, payload, accepts_response_payload: acceptsResponse });
          const ack = await slack.waitFor(
            () => slack.socket.received.find((message) => message.envelope_id === id),
            10_000,
          );
          return (ack.payload ?? {}) as Record<string, unknown>;
        };
        transport = {
          event: async (event) => void (await send('events_api', eventEnvelope(event), false)),
          interact: (payload) => send('interactive', payload, true),
          command: async (text) =>
            (await send(
              'slash_commands',
              slashCommand({ response_url: slack.responseUrl(`q${++responses}`), text }),
              true,
            )) as unknown as Message,
        };
      }
    });

    afterAll(async () => {
      await running?.stop();
      store?.close();
      await slack?.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    });

    /** Shares a file in the fake Slack and returns its id. */
    const share = (name: string, bytes: Uint8Array, filetype: string, size?: number) => {
      const id = `F0${mode.toUpperCase()}${++fileCount}`;
      slack.files.set(id, { name, bytes, filetype, ...(size ? { size } : {}) });
      return { id, name };
    };
    const shareText = (name: string, fixture: string) =>
      share(name, new Uint8Array(readFileSync(join(published, fixture))), 'text');
    const wordVersions = async (stem: string) => ({
      en: share(
        `${stem}.en.docx`,
        await wordFile(layoutOf(readFileSync(join(published, `${stem}.en.txt`), 'utf8'), 'en', 1), ''),
        'docx',
      ),
      fr: share(
        `${stem}.fr.docx`,
        await wordFile(layoutOf(readFileSync(join(published, `${stem}.fr.txt`), 'utf8'), 'fr', 1), ''),
        'docx',
      ),
    });
    const statementFiles = () => readdirSync(join(dataDir, 'statements')).filter((n) => n.endsWith('.yml'));
    const callsAfter = (count: number, method: string) =>
      slack.calls.slice(count).filter((call) => call.method === method);
    /** The last version of the message the app posted in reply to `ts`: the review, once read. */
    const reviewOf = async (threadTs: string, done: (message: ApiCall) => boolean = () => true) => {
      const posted = await slack.waitFor(
        () =>
          slack.calls.find((call) => call.method === 'chat.postMessage' && call.args.thread_ts === threadTs),
        10_000,
      );
      const ts = posted.result?.ts;
      return slack.waitFor(() => {
        const last = slack.calls
          .filter((call) => call.method === 'chat.update' && call.args.ts === ts)
          .at(-1);
        return last && done(last) ? last : undefined;
      }, 15_000);
    };
    const text = (call: ApiCall) => JSON.stringify(call.args.blocks);
    /** Each section's fields side by side: a pair's labels ("*EN* ¶1"), or a version's column as it is. */
    const sideBySide = (call: ApiCall) =>
      (call.args.blocks as Array<{ fields?: Array<{ text: string }> }>)
        .filter((block) => block.fields)
        .map((block) =>
          block.fields!.map((field) => /^\*(EN|FR)\* ¶\d+/.exec(field.text)?.[0] ?? field.text),
        );
    const buttonsOf = (call: ApiCall) =>
      ((call.args.blocks as Array<{ type: string; elements?: Button[] }>).find((b) => b.type === 'actions')
        ?.elements ?? []) as Button[];
    const press = (button: Button, user = editor) =>
      transport.interact(blockActions(button, slack.responseUrl(`a${++responses}`), user));
    /** What /quote answers, as text: the citations of the passages found. */
    const found = async (query: string) => JSON.stringify((await transport.command(query)).blocks ?? []);
    const syria = 'airstrikes in Syria';
    const auditLines = () =>
      existsSync(join(stateDir, 'audit.log'))
        ? readFileSync(join(stateDir, 'audit.log'), 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Record<string, string>)
        : [];

    it('refuses a file from someone who is not an editor, politely and without downloading it', async () => {
      const before = slack.calls.length;
      const file = share('statement.docx', new Uint8Array([1, 2, 3]), 'docx');
      const message = directMessage(stranger, { files: [file] });
      await transport.event(message);
      const refusal = await slack.waitFor(() =>
        callsAfter(before, 'chat.postMessage').find((call) => call.args.thread_ts === message.ts),
      );
      expect(String(refusal.args.text)).toContain('Only the archive’s editors can add statements');
      expect(String(refusal.args.text)).toContain(`<@${editor}>`);
      expect(callsAfter(before, 'files.info')).toEqual([]);
      expect(slack.downloads.filter((d) => d.id === file.id)).toEqual([]);
      expect(auditLines().at(-1)).toMatchObject({ user: stranger, action: 'refuse' });
    });

    it('reviews an editor’s two Word files, takes an edit, adds once on a double click, and /quote finds it', async () => {
      expect(await found('Ghouta')).not.toContain(syria);
      const before = statementFiles();
      const files = await wordVersions('pm-syria-2018-04-13');
      const message = directMessage(editor, { files: [files.fr, files.en] });
      await transport.event(message);
      const review = await reviewOf(message.ts, (call) => buttonsOf(call).length > 0);
      const shown = text(review);
      expect(shown).toContain('Check before adding');
      expect(shown).toContain('Statement by the Prime Minister on airstrikes in Syria');
      expect(shown).toContain('Déclaration du premier ministre concernant les frappes aériennes en Syrie');
      expect(shown).toContain('13 April 2018');
      expect(shown).toMatch(/\d+ English and \d+ French paragraphs → \d+ pairs/);
      expect(shown).toContain('Citations, as answers will give them');
      // The first and last pairs side by side, English first as the columns are, and the citations in that order.
      const pairs = Number(/→ (\d+) pairs/.exec(shown)?.[1]);
      expect(sideBySide(review).slice(1, 3)).toEqual([
        ['*EN* ¶1', '*FR* ¶1'],
        [`*EN* ¶${pairs}`, `*FR* ¶${pairs}`],
      ]);
      // The citations in the columns' order: English first for an English editor.
      expect(shown).toMatch(
        /EN: Canada, Statement by the Prime Minister on airstrikes in Syria.*FR: Canada, Déclaration du premier ministre/s,
      );
      // The time as Slack's date token: each reader sees their own time zone.
      expect(shown).toMatch(
        /This review expires <!date\^\d+\^\{date_long_pretty\} \{time\}\|\d+ \w+ \d{4}, \d\d:\d\d UTC>/,
      );
      expect(buttonsOf(review).map((b) => b.text.text)).toEqual([
        'Add to the archive',
        'Edit details',
        'Discard',
      ]);
      // Every download carried the bot token; nothing is in the archive yet.
      expect(slack.downloads.filter((d) => d.id === files.en.id || d.id === files.fr.id)).toEqual([
        { id: files.fr.id, authorized: true },
        { id: files.en.id, authorized: true },
      ]);
      expect(statementFiles()).toEqual(before);

      // Edit details: the modal opens filled in; a bad date is refused next to its field; a good edit refreshes the review.
      const [add, edit] = buttonsOf(review);
      const opened = slack.calls.length;
      await press(edit!);
      const modal = await slack.waitFor(() => callsAfter(opened, 'views.open')[0]);
      const view = modal.args.view as {
        callback_id: string;
        private_metadata: string;
        blocks: Array<{ block_id: string }>;
      };
      expect(view.callback_id).toBe('archive_edit');
      expect(view.blocks.map((b) => b.block_id)).toEqual([
        'title_en',
        'title_fr',
        'date',
        'forum_en',
        'forum_fr',
        'place_en',
        'place_fr',
        'speaker_en',
        'speaker_fr',
        'role_en',
        'role_fr',
        'country_en',
        'country_fr',
        'delivered_in',
      ]);
      const values = (overrides: Record<string, unknown>) => ({
        title_en: {
          value: {
            type: 'plain_text_input',
            value: 'Statement by the Prime Minister on airstrikes in Syria',
          },
        },
        title_fr: {
          value: {
            type: 'plain_text_input',
            value: 'Déclaration du premier ministre concernant les frappes aériennes en Syrie',
          },
        },
        date: { value: { type: 'datepicker', selected_date: '2018-04-13' } },
        place_en: { value: { type: 'plain_text_input', value: 'Ottawa' } },
        place_fr: { value: { type: 'plain_text_input', value: 'Ottawa' } },
        speaker_en: { value: { type: 'plain_text_input', value: 'Justin Trudeau' } },
        speaker_fr: { value: { type: 'plain_text_input', value: 'Justin Trudeau' } },
        delivered_in: { value: { type: 'static_select', selected_option: { value: 'en' } } },
        ...overrides,
      });
      /** The edit submitted with this date picked. */
      const withDate = (date: string) =>
        transport.interact(
          viewSubmission(
            {
              callback_id: 'archive_edit',
              private_metadata: view.private_metadata,
              values: values({ date: { value: { type: 'datepicker', selected_date: date } } }),
            },
            editor,
          ),
        );
      const refusal = { response_action: 'errors', errors: { date: 'Please pick a date.' } };
      expect(await withDate('2018-02-31')).toEqual(refusal);
      // A month that does not exist is a field error too, never an exception that drops the edit.
      expect(await withDate('2016-13-01')).toEqual(refusal);
      const updates = slack.calls.length;
      const accepted = await transport.interact(
        viewSubmission(
          { callback_id: 'archive_edit', private_metadata: view.private_metadata, values: values({}) },
          editor,
        ),
      );
      expect(accepted.response_action).toBeUndefined();
      const edited = await slack.waitFor(() =>
        callsAfter(updates, 'chat.update').find((call) => call.args.ts === review.args.ts),
      );
      expect(text(edited)).toContain('Justin Trudeau');

      // A double click on Add: both clicks arrive together; one statement is written.
      const clicked = slack.calls.length;
      await Promise.all([press(add!), press(add!)]);
      const added = await slack.waitFor(() =>
        callsAfter(clicked, 'chat.update').find((call) => text(call).includes('Added to the archive')),
      );
      expect(String(added.args.text)).toContain(`Added to the archive by <@${editor}>`);
      const written = statementFiles().filter((name) => !before.includes(name));
      expect(written).toEqual(['canada-prime-minister-airstrikes-2018-04-13.yml']);
      const statement = parseStatementFile(
        readFileSync(join(dataDir, 'statements', written[0]!), 'utf8'),
        written[0]!,
      );
      expect(statement.added).toEqual({ from: 'slack', by: editor, at: clock.toISOString() });
      expect(statement.speaker?.name.en).toBe('Justin Trudeau');
      expect(statement.sources?.en?.file).toBe(files.en.name);
      expect(auditLines().filter((line) => line.action === 'add')).toEqual([
        expect.objectContaining({
          user: editor,
          statement: 'canada-prime-minister-airstrikes-2018-04-13',
        }),
      ]);
      // The audit log never holds the statement's text.
      expect(readFileSync(join(stateDir, 'audit.log'), 'utf8')).not.toContain('Ghouta');

      // Answerable within seconds, through the live reload.
      const deadline = Date.now() + 10_000;
      let answer = '';
      while (Date.now() < deadline && !answer.includes(syria)) {
        answer = await found('Ghouta');
        if (!answer.includes(syria)) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(answer).toContain(syria);
      expect(answer).toContain('*Ghouta*');
    });

    it('recognises a statement already in the archive and offers no Add', async () => {
      const files = await wordVersions('pm-syria-2018-04-13');
      const message = directMessage(editor, { files: [files.en, files.fr] });
      await transport.event(message);
      const review = await reviewOf(message.ts, (call) => buttonsOf(call).length > 0);
      expect(text(review)).toContain('Already in the archive');
      expect(text(review)).toContain('canada-prime-minister-airstrikes-2018-04-13');
      expect(buttonsOf(review).map((b) => b.action_id)).toEqual(['archive_edit', 'archive_discard']);
    });

    it('lets the editor who added a statement remove it, keeping its file', async () => {
      const id = 'canada-prime-minister-airstrikes-2018-04-13';
      const added = slack.calls
        .filter((call) => call.method === 'chat.update' && text(call).includes('archive_remove'))
        .at(-1)!;
      const remove = buttonsOf(added).find((b) => b.action_id === 'archive_remove')!;
      expect((remove as unknown as { confirm: { title: { text: string } } }).confirm.title.text).toBe(
        'Remove this statement?',
      );
      // Another editor may not remove it.
      await press(remove, groupEditor);
      expect(existsSync(join(dataDir, 'statements', `${id}.yml`))).toBe(true);
      const before = slack.calls.length;
      await press(remove);
      await slack.waitFor(() =>
        callsAfter(before, 'chat.update').find((call) => String(call.args.text).includes('Removed')),
      );
      expect(existsSync(join(dataDir, 'statements', `${id}.yml`))).toBe(false);
      expect(readdirSync(join(stateDir, 'removed')).some((name) => name.startsWith(id))).toBe(true);
      expect(auditLines().at(-1)).toMatchObject({ user: editor, action: 'remove', statement: id });
    });

    it('answers an oversized and a corrupt file clearly, downloading neither the oversized one nor adding anything', async () => {
      const before = statementFiles();
      const big = share('huge.docx', new Uint8Array([80, 75, 3, 4]), 'docx', 25 * 1024 * 1024);
      const message = directMessage(editor, { files: [big] });
      await transport.event(message);
      const tooBig = await reviewOf(message.ts);
      expect(String(tooBig.args.text)).toContain('huge.docx is 25 MB: statements are read up to 20 MB');
      expect(slack.downloads.filter((d) => d.id === big.id)).toEqual([]);

      const corrupt = share('broken.docx', new Uint8Array([80, 75, 3, 4, 9, 9, 9, 9, 9, 9]), 'docx');
      const second = directMessage(editor, { files: [corrupt] });
      await transport.event(second);
      const damaged = await reviewOf(second.ts);
      expect(String(damaged.args.text)).toContain('broken.docx is damaged');
      expect(statementFiles()).toEqual(before);

      // A file's name is the sender's text: escaped, so it pings no one and formats nothing.
      const named = share('<!channel> *notes*.docx', new Uint8Array([80, 75, 3, 4, 1]), 'docx');
      const third = directMessage(editor, { files: [named] });
      await transport.event(third);
      const escaped = text(await reviewOf(third.ts));
      expect(escaped).toContain('&lt;!channel&gt; ∗notes∗.docx is damaged');
      expect(escaped).not.toContain('<!channel>');

      // A remote file is a link to anywhere: never downloaded, and the editor is told what to do.
      const remote = `F0${mode.toUpperCase()}${++fileCount}`;
      slack.files.set(remote, {
        name: 'drive.docx',
        filetype: 'docx',
        bytes: new Uint8Array(0),
        external: `${slack.apiUrl}chat.postMessage?channel=C0MEETING&text=%3C!channel%3E`,
      });
      const posts = slack.calls.filter((call) => call.method === 'chat.postMessage').length;
      const fourth = directMessage(editor, { files: [{ id: remote, name: 'drive.docx' }] });
      await transport.event(fourth);
      expect(String((await reviewOf(fourth.ts)).args.text)).toContain(
        'drive.docx is a link to a file kept outside Slack',
      );
      expect(slack.downloads.filter((d) => d.id === remote)).toEqual([]);
      expect(
        slack.calls
          .filter((call) => call.method === 'chat.postMessage')
          .slice(posts)
          .some((call) => String(call.args.text).includes('<!channel>')),
      ).toBe(false);
      expect(statementFiles()).toEqual(before);
    });

    it('leaves nothing behind when a review is discarded, and answers a French editor in French', async () => {
      const before = statementFiles();
      const plain = shareText('londres.fr.txt', 'pm-london-2017-06-04.fr.txt');
      const message = directMessage(groupEditor, { files: [plain] });
      await transport.event(message);
      const review = await reviewOf(message.ts, (call) => buttonsOf(call).length > 0);
      expect(text(review)).toContain('À vérifier avant l’ajout');
      // One French file: the English column says it was not sent, never the French title as if it were English.
      const [french, english] = sideBySide(review)[0]!;
      expect(french).toContain('Déclaration du premier ministre du Canada');
      expect(english).toContain('*Version anglaise*\n_Pas encore envoyée');
      expect(english).not.toContain('Déclaration');
      // Its first and last paragraphs, side by side.
      const paragraphs = Number(/(\d+) paragraphes \(/.exec(text(review))?.[1]);
      expect(sideBySide(review)[1]).toEqual(['*FR* ¶1', `*FR* ¶${paragraphs}`]);
      // One version: the other can be sent from the review itself.
      expect(buttonsOf(review).map((b) => b.text.text)).toEqual([
        'Ajouter aux archives',
        'Ajouter l’autre version',
        'Modifier',
        'Abandonner',
      ]);
      const discard = buttonsOf(review).find((b) => b.action_id === 'archive_discard')!;
      const count = slack.calls.length;
      await press(discard, groupEditor);
      const discarded = await slack.waitFor(() =>
        callsAfter(count, 'chat.update').find((call) => call.args.ts === review.args.ts),
      );
      expect(String(discarded.args.text)).toContain(`Abandonnée par <@${groupEditor}>`);
      // Add after Discard does nothing, and nothing of the review is kept.
      await press(buttonsOf(review)[0]!, groupEditor);
      expect(statementFiles()).toEqual(before);
      expect(readdirSync(join(stateDir, 'reviews')).filter((name) => name.startsWith(discard.value))).toEqual(
        [],
      );
    });

    it('expires a review after 24 hours', async () => {
      const plain = shareText('london.en.txt', 'pm-london-2017-06-04.en.txt');
      const message = directMessage(editor, { files: [plain] });
      await transport.event(message);
      const review = await reviewOf(message.ts, (call) => buttonsOf(call).length > 0);
      const before = statementFiles();
      clock = new Date(clock.getTime() + 25 * 60 * 60 * 1000);
      const count = slack.calls.length;
      await press(buttonsOf(review)[0]!);
      const expired = await slack.waitFor(() =>
        callsAfter(count, 'chat.update').find((call) => call.args.ts === review.args.ts),
      );
      expect(String(expired.args.text)).toContain('This review expired after 24 hours');
      expect(statementFiles()).toEqual(before);
    });

    it('offers editors Add a statement in the App Home, whose modal reads the files into a review', async () => {
      const count = slack.calls.length;
      await transport.event(appHomeOpened(editor));
      const home = await slack.waitFor(() => callsAfter(count, 'views.publish')[0]);
      expect(JSON.stringify(home.args.view)).toContain('archive_open_add');
      await transport.event(appHomeOpened(stranger));
      const other = await slack.waitFor(() => callsAfter(count, 'views.publish')[1]);
      expect(JSON.stringify(other.args.view)).not.toContain('archive_open_add');
      expect(JSON.stringify(other.args.view)).toContain('Statements are added to the archive by its editors');

      await press({ action_id: 'archive_open_add', value: '', text: { text: 'Add a statement' } });
      const modal = await slack.waitFor(() => callsAfter(count, 'views.open')[0]);
      expect((modal.args.view as { callback_id: string }).callback_id).toBe('archive_add_files');
      const empty = await transport.interact(
        viewSubmission({ callback_id: 'archive_add_files', private_metadata: 'en', values: {} }, editor),
      );
      expect(empty).toEqual({ response_action: 'errors', errors: { file_en: 'Attach at least one file.' } });
      const files = await wordVersions('pm-uk-new-pm-2019-07-24');
      const posted = slack.calls.length;
      await transport.interact(
        viewSubmission(
          {
            callback_id: 'archive_add_files',
            private_metadata: 'en',
            values: {
              file_en: { value: { type: 'file_input', files: [{ id: files.en.id, name: files.en.name }] } },
              file_fr: { value: { type: 'file_input', files: [{ id: files.fr.id, name: files.fr.name }] } },
            },
          },
          editor,
        ),
      );
      const placeholder = await slack.waitFor(() => callsAfter(posted, 'chat.postMessage')[0]);
      expect(placeholder.args.channel).toBe(editor);
      const review = await slack.waitFor(
        () =>
          callsAfter(posted, 'chat.update').find(
            (call) => call.args.ts === placeholder.result?.ts && buttonsOf(call).length > 0,
          ),
        15_000,
      );
      expect(text(review)).toContain('Check before adding');
    });
  });
}
