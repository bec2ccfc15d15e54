import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileReviewStore } from '../../../src/adapters/local/reviews.ts';
import { postgresReviewStore } from '../../../src/adapters/postgres/reviews.ts';
import { postgresPool } from '../../../src/adapters/postgres/sql.ts';
import { parseSlackEnv } from '../../../src/config/slack-env.ts';
import type { ReviewStore } from '../../../src/ports/reviews.ts';
import { documentReads, readDocumentInWorker } from '../../../src/service/documents/read-document.ts';
import { loadKnowledge } from '../../../src/service/knowledge/load.ts';
import { type KnowledgeStore, watchKnowledge } from '../../../src/service/knowledge/watch.ts';
import { type RunningSlackApp, startSlackApp } from '../../../src/slack/app.ts';
import { canadaCaPage, layoutOf } from '../../support/documents.ts';
import { type ApiCall, type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';
import { silentLogger } from '../../support/logger.ts';
import { blockActions, directMessage, eventEnvelope, viewSubmission } from '../../support/payloads.ts';
import { postForm, postJson, signingSecret } from '../../support/slack-requests.ts';

const editor = 'U0EDITOR';
const encode = (text: string) => new TextEncoder().encode(text);
const published = 'test/fixtures/align/published';
type Button = { action_id: string; value: string; text: { text: string } };

/**
 * The review's integrity against faults and races: an Add in progress elsewhere, an Add
 * that crashed or failed, a database that does not answer, a statement the loader would
 * refuse, and a Remove of a statement changed by hand since it was added.
 */
describe('adding from Slack when things go wrong', () => {
  let slack: FakeSlack;
  let dataDir: string;
  let stateDir: string;
  let clock = new Date('2026-11-30T09:00:00.000Z');
  let fileCount = 0;
  let responses = 0;
  const apps: Array<{ running: RunningSlackApp; store: KnowledgeStore }> = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    for (const { running, store } of apps.splice(0)) {
      await running.stop();
      store.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await slack?.close();
  });

  /** An app over a fresh copy of the data, with its reviews in `reviews` (files by default). */
  const start = async (env: Record<string, string> = {}, reviews?: ReviewStore) => {
    dataDir = mkdtempSync(join(tmpdir(), 'quotes-integrity-data-'));
    stateDir = mkdtempSync(join(tmpdir(), 'quotes-integrity-state-'));
    cpSync('data', dataDir, { recursive: true });
    const store = watchKnowledge(dataDir, await loadKnowledge(dataDir), {
      debounceMs: 50,
      checkEveryMs: 200,
    });
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
        ARCHIVE_EDITORS: editor,
        ...env,
      }),
      knowledge: store.get,
      retries: 0,
      logger: silentLogger(),
      reviews: reviews ?? (await fileReviewStore(join(stateDir, 'reviews'))),
      now: () => clock,
    });
    apps.push({ running, store });
    const events = `http://127.0.0.1:${running.port}/slack/events`;
    return {
      reviewsDir: join(stateDir, 'reviews'),
      async send(name: string, fixture: string | Uint8Array) {
        const id = `F0INTEGRITY${++fileCount}`;
        slack.files.set(id, {
          name,
          bytes:
            typeof fixture === 'string' ? new Uint8Array(readFileSync(join(published, fixture))) : fixture,
          filetype: typeof fixture === 'string' ? 'text' : 'html',
        });
        const message = directMessage(editor, { files: [{ id, name }] });
        expect((await postJson(events, eventEnvelope(message))).status).toBe(200);
        const posted = await slack.waitFor(() =>
          slack.calls.find(
            (call) => call.method === 'chat.postMessage' && call.args.thread_ts === message.ts,
          ),
        );
        return slack.waitFor(() => {
          const last = slack.calls
            .filter((call) => call.method === 'chat.update' && call.args.ts === posted.result?.ts)
            .at(-1);
          return last && (buttonsOf(last).length > 0 || !String(last.args.text).startsWith('Reading'))
            ? last
            : undefined;
        }, 15_000);
      },
      /** Sends an English and a French version in one message; returns the review once read. */
      async sendPair(en: Uint8Array, fr: Uint8Array) {
        const files = [
          { name: 'long.en.txt', bytes: en },
          { name: 'long.fr.txt', bytes: fr },
        ].map(({ name, bytes }) => {
          const id = `F0INTEGRITY${++fileCount}`;
          slack.files.set(id, { name, bytes, filetype: 'text' });
          return { id, name };
        });
        const message = directMessage(editor, { files });
        expect((await postJson(events, eventEnvelope(message))).status).toBe(200);
        const posted = await slack.waitFor(() =>
          slack.calls.find(
            (call) => call.method === 'chat.postMessage' && call.args.thread_ts === message.ts,
          ),
        );
        return slack.waitFor(() => {
          const last = slack.calls
            .filter((call) => call.method === 'chat.update' && call.args.ts === posted.result?.ts)
            .at(-1);
          return last && !String(last.args.text).startsWith('Reading') ? last : undefined;
        }, 30_000);
      },
      /** Presses a button and returns what the app told the presser privately, if anything. */
      async press(button: Button) {
        const url = `a${++responses}`;
        const before = slack.calls.length;
        const res = await postForm(events, {
          payload: JSON.stringify(blockActions(button, slack.responseUrl(url), editor)),
        });
        expect(res.status).toBe(200);
        return {
          told: () =>
            slack.waitFor(() => slack.responses.find((r) => r.id === url)?.body.text as string | undefined),
          updated: (what: string) =>
            slack.waitFor(() =>
              slack.calls
                .slice(before)
                .find((call) => call.method === 'chat.update' && JSON.stringify(call.args).includes(what)),
            ),
        };
      },
      async edit(reviewId: string) {
        const res = await postForm(events, {
          payload: JSON.stringify(
            viewSubmission(
              {
                callback_id: 'archive_edit',
                private_metadata: reviewId,
                values: {
                  title_en: { value: { type: 'plain_text_input', value: 'Statement on London' } },
                  date: { value: { type: 'datepicker', selected_date: '2017-06-04' } },
                  speaker: { value: { type: 'plain_text_input', value: 'Justin Trudeau' } },
                },
              },
              editor,
            ),
          ),
        });
        const body = await res.text();
        return body ? (JSON.parse(body) as { errors?: Record<string, string> }) : {};
      },
    };
  };

  const buttonsOf = (call: ApiCall) =>
    ((call.args.blocks as Array<{ type: string; elements?: Button[] }>).find((b) => b.type === 'actions')
      ?.elements ?? []) as Button[];
  const button = (call: ApiCall, id: string) => buttonsOf(call).find((b) => b.action_id === id)!;
  const statementFiles = () => readdirSync(join(dataDir, 'statements')).filter((n) => n.endsWith('.yml'));
  /** Marks a review as held by an Add on another instance since `at` (or one that crashed then). */
  const heldSince = (reviewsDir: string, id: string, at: Date) => {
    const file = join(reviewsDir, `${id}.json`);
    const review = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(
      file,
      JSON.stringify({
        ...review,
        status: 'adding',
        version: review.version + 1,
        claim: { by: 'U0OTHER', at: at.toISOString() },
      }),
    );
  };

  it('refuses Edit and Add while another Add holds the review, and opens it again once that Add is gone', async () => {
    const app = await start();
    const review = await app.send('london.en.txt', 'pm-london-2017-06-04.en.txt');
    const add = button(review, 'archive_add');
    heldSince(app.reviewsDir, add.value, clock);
    const before = statementFiles();

    // An Edit saved now would reopen a review being added: it is refused, and nothing changes.
    expect((await app.edit(add.value)).errors).toEqual({
      title_en: 'This review is being added already: its result appears in it in a moment.',
    });
    expect(await (await app.press(add)).told()).toBe(
      'This review is being added already: its result appears in it in a moment.',
    );
    expect(statementFiles()).toEqual(before);

    // The other instance crashed: two minutes later, its claim has expired and Add works, once.
    clock = new Date(clock.getTime() + 3 * 60_000);
    await (await app.press(add)).updated('Added to the archive');
    expect(statementFiles().filter((name) => !before.includes(name))).toHaveLength(1);
    // A later click says it was added, by whom and as what: not a failure.
    const already = /^Already added, by <@U\w+>, .+, as `[a-z0-9-]+`: nothing more to do\.$/;
    expect(await (await app.press(add)).told()).toMatch(already);
    expect((await app.edit(add.value)).errors?.title_en).toMatch(already);
  });

  it('keeps a review open after an Add that failed to write, so that pressing again adds it', async () => {
    const app = await start();
    const review = await app.send('london.en.txt', 'pm-london-2017-06-04.en.txt');
    const before = statementFiles();
    // The statements folder cannot be written (moved away, a file in its place).
    const folder = join(dataDir, 'statements');
    renameSync(folder, `${folder}.away`);
    writeFileSync(folder, '');
    const failed = await app.press(button(review, 'archive_add'));
    expect(await failed.told()).toBe(
      'The archive did not answer, so nothing changed: the review stays open. Please try again in a minute.',
    );
    rmSync(folder);
    renameSync(`${folder}.away`, folder);
    await (await app.press(button(review, 'archive_add'))).updated('Added to the archive');
    expect(statementFiles().filter((name) => !before.includes(name))).toHaveLength(1);
  });

  it('answers at once when the reviews’ database does not answer, and changes nothing', async () => {
    const app = await start();
    const review = await app.send('london.en.txt', 'pm-london-2017-06-04.en.txt');
    apps.splice(0).forEach(({ running, store }) => {
      void running.stop();
      store.close();
    });
    // The same review pressed on an instance whose database refuses connections.
    const pool = postgresPool('postgres://quotes@127.0.0.1:1/quotes');
    const down = await start({}, postgresReviewStore(pool));
    const before = statementFiles();
    expect(await (await down.press(button(review, 'archive_add'))).told()).toBe(
      'The archive did not answer, so nothing changed: the review stays open. Please try again in a minute.',
    );
    expect(await (await down.press(button(review, 'archive_discard'))).told()).toContain(
      'The archive did not answer',
    );
    expect((await down.edit(button(review, 'archive_add').value)).errors?.title_en).toContain(
      'The archive did not answer',
    );
    // New files: said in the message that said "Reading…", never left there.
    expect(String((await down.send('london.en.txt', 'pm-london-2017-06-04.en.txt')).args.text)).toBe(
      'The archive did not answer, so your files could not be kept for review. Please send them again in a minute.',
    );
    expect(statementFiles()).toEqual(before);
    await pool.end();
  });

  it('refuses at the door a statement larger than any instance would load, and writes nothing', async () => {
    const app = await start({ STATEMENT_MAX_MB: '0.001' });
    const before = statementFiles();
    const review = await app.send('london.en.txt', 'pm-london-2017-06-04.en.txt');
    expect(String(review.args.text)).toMatch(
      /Written as a statement file, this would be \d+ KB, over the 1 KB a statement file may be: nothing was added/,
    );
    expect(buttonsOf(review)).toEqual([]);
    expect(statementFiles()).toEqual(before);
    expect(readdirSync(app.reviewsDir)).toEqual([]);
  });

  it('pairs long versions off the thread that answers, and refuses 20,000 paragraphs a version without a crash', async () => {
    const app = await start();
    const versions = (n: number) => ({
      en: encode(
        `A long statement\nOttawa, 1 December 2026\n\n${Array.from({ length: n }, (_, k) => `Paragraph ${k + 1}: the Council must protect civilians in conflict.`).join('\n\n')}\n`,
      ),
      fr: encode(
        `Une longue déclaration\nOttawa, le 1er décembre 2026\n\n${Array.from({ length: n }, (_, k) => `Paragraphe ${k + 1} : le Conseil doit protéger les civils dans les conflits.`).join('\n\n')}\n`,
      ),
    });
    const long = versions(3000);
    const review = await app.sendPair(long.en, long.fr);
    expect(JSON.stringify(review.args.blocks)).toContain(
      '3000 English and 3000 French paragraphs → 3000 pairs',
    );
    expect(buttonsOf(review).map((b) => b.action_id)).toContain('archive_add');
    const huge = versions(20_000);
    const refused = await app.sendPair(huge.en, huge.fr);
    expect(String(refused.args.text)).toContain(
      'The English version has 20,000 paragraphs and the French version 20,000: I can align at most 5,000 a version, so the statement was not added.',
    );
    expect(buttonsOf(refused)).toEqual([]);
  });

  it('asks the editor to confirm a date the two versions disagree on, before Add', async () => {
    const app = await start();
    const en = readFileSync(join(published, 'pm-london-2017-06-04.en.txt'));
    const fr = encode(
      readFileSync(join(published, 'pm-london-2017-06-04.fr.txt'), 'utf8').replace(
        '4 juin 2017',
        '5 juin 2017',
      ),
    );
    const review = await app.sendPair(new Uint8Array(en), fr);
    const shown = JSON.stringify(review.args.blocks);
    expect(shown).toContain(':warning: *Please confirm before adding (or correct it with Edit details)*');
    expect(shown).toContain('• Date “2017-06-04”: the two versions disagree. Also found: “2017-06-05”.');
    const add = button(review, 'archive_add') as Button & { confirm?: { text: { text: string } } };
    expect(add.confirm?.text.text).toBe(
      'Not sure of the date read from the files. Add the statement as shown?',
    );
  });

  it('tells an editor whose file waits for others to be read that theirs is next', async () => {
    const app = await start();
    // Two documents are being read (as for two other editors): every place is taken.
    const others = [1, 2].map(() =>
      readDocumentInWorker(readFileSync(join(published, 'pm-syria-2018-04-13.en.txt'))),
    );
    expect(documentReads().running).toBe(2);
    const review = await app.send('london.en.txt', 'pm-london-2017-06-04.en.txt');
    await Promise.all(others);
    const queued = slack.calls.find(
      (call) =>
        call.method === 'chat.update' &&
        call.args.ts === review.args.ts &&
        String(call.args.text).includes('Other files are being read: yours is next.'),
    );
    expect(queued?.args.text).toBe('Reading london.en.txt… Other files are being read: yours is next.');
    expect(buttonsOf(review).map((b) => b.action_id)).toContain('archive_add');
  });

  it('shows the public link a saved page gives, and never one off the official sites', async () => {
    const app = await start();
    const layout = layoutOf(readFileSync(join(published, 'pm-london-2017-06-04.en.txt'), 'utf8'), 'en', 1);
    const official = 'https://pm.gc.ca/en/news/statements/2017/06/04/statement-prime-minister-canada-london';
    const shown = JSON.stringify(
      (await app.send('london.html', encode(canadaCaPage(layout, official)))).args,
    );
    expect(shown).toContain(
      `Public links: English version: <${official}|pm.gc.ca/en/news/statements/2017/06/04/statement-prime-minister-canada-london>`,
    );
    const spoofed = JSON.stringify(
      (await app.send('london.html', encode(canadaCaPage(layout, 'https://evil.example/login')))).args,
    );
    expect(spoofed).not.toContain('evil.example');
    expect(spoofed).not.toContain('Public links');
  });

  it('refuses to remove a statement whose counterparts were filled in by hand since it was added', async () => {
    const app = await start();
    const before = statementFiles();
    const review = await app.send('london.en.txt', 'pm-london-2017-06-04.en.txt');
    const added = await (await app.press(button(review, 'archive_add'))).updated('archive_remove');
    const [name] = statementFiles().filter((file) => !before.includes(file));
    const file = join(dataDir, 'statements', name!);
    // Staff fill in a counterpart: the time it was added is unchanged, its content is not.
    const source = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      source.replace(
        /counterpart:\n(\s+)origin: missing/,
        'counterpart:\n$1origin: translation\n$1text: "Traduction faite par le personnel."',
      ),
    );
    const remove = button(added, 'archive_remove');
    expect(await (await app.press(remove)).told()).toBe(
      'This statement’s file has changed since it was added, so it was not removed.',
    );
    expect(statementFiles()).toContain(name);
    // Put back as it was added, it may be removed.
    writeFileSync(file, source);
    await (await app.press(remove)).updated('Removed from the archive');
    expect(statementFiles()).not.toContain(name);
  });
});
