import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Statement } from '../../../src/core/corpus.ts';
import { parseStatementFile } from '../../../src/core/data-file.ts';
import type { KnowledgeStore } from '../../../src/service/knowledge/watch.ts';
import { type ArchiveApp, startArchiveApp } from '../../support/archive-app.ts';
import { layoutOf, wordFile } from '../../support/documents.ts';
import type { ApiCall, FakeSlack } from '../../support/fake-slack.ts';
import { blockActions, directMessage, viewSubmission } from '../../support/payloads.ts';

/**
 * Editors send files as they really do: the English file, then the French one a minute
 * later in another message; one version now and the other next week; or the pair of a
 * statement whose one half is already in the archive.
 */

const editor = 'U0EDITOR';
const other = 'U0OTHEREDITOR';
const published = 'test/fixtures/align/published';
type Button = { action_id: string; value: string; text: { text: string } };

let app: ArchiveApp;
let slack: FakeSlack;
let store: KnowledgeStore;
let dataDir: string;
let fileCount = 0;
let responses = 0;

beforeAll(async () => {
  app = await startArchiveApp({ editors: [editor, other] });
  ({ slack, store, dataDir } = app);
});
afterAll(() => app?.close());

const send = (event: Record<string, unknown>) => app.send(event);
const interact = (payload: Record<string, unknown>) => app.interact(payload);
const word = async (stem: string, language: 'en' | 'fr') => {
  const id = `F0HALF${++fileCount}`;
  const name = `${stem}.${language}.docx`;
  const text = readFileSync(join(published, `${stem}.${language}.txt`), 'utf8');
  slack.files.set(id, { name, bytes: await wordFile(layoutOf(text, language, 1), ''), filetype: 'docx' });
  return { id, name };
};
const statementFiles = () => readdirSync(join(dataDir, 'statements')).filter((n) => n.endsWith('.yml'));
const statementOf = (name: string): Statement =>
  parseStatementFile(readFileSync(join(dataDir, 'statements', name), 'utf8'), name);
const blocksOf = (call: ApiCall) => JSON.stringify(call.args.blocks);
const buttonsOf = (call: ApiCall) =>
  (call.args.blocks as Array<{ type: string; elements?: Button[] }>)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []) as Button[];
const labels = (call: ApiCall) => buttonsOf(call).map((b) => b.action_id);
const button = (call: ApiCall, actionId: string) => {
  const found = buttonsOf(call).find((b) => b.action_id === actionId);
  if (!found) throw new Error(`no ${actionId} in ${labels(call).join(', ')}`);
  return found;
};
const press = (pressed: Button, user = editor) =>
  interact(blockActions(pressed, slack.responseUrl(`h${++responses}`), user));

/** The latest form of the message the app posted for `message`, once `done` says it is. */
const answerTo = async (message: { ts: string }, done: (call: ApiCall) => boolean) => {
  const posted = await slack.waitFor(
    () =>
      slack.calls.find((call) => call.method === 'chat.postMessage' && call.args.thread_ts === message.ts),
    10_000,
  );
  return latest(String(posted.result?.ts), done);
};
const latest = (ts: string, done: (call: ApiCall) => boolean = () => true) =>
  slack.waitFor(() => {
    const last = slack.calls.filter((call) => call.method === 'chat.update' && call.args.ts === ts).at(-1);
    return last && done(last) ? last : undefined;
  }, 15_000);
const reviewed = (call: ApiCall) => buttonsOf(call).length > 0;
const added = (call: ApiCall) => blocksOf(call).includes('Added to the archive');
/** Waits for the live reload to show `n` statements. */
const loaded = (n: number) => slack.waitFor(() => store.get().statements.length === n || undefined, 10_000);

describe('files sent as editors send them', () => {
  it('makes one review of two files sent in two messages a minute apart, and one bilingual statement', async () => {
    const before = statementFiles();
    const en = directMessage(editor, { files: [await word('pm-syria-2018-04-13', 'en')] });
    await send(en);
    const first = await answerTo(en, reviewed);
    expect(blocksOf(first)).toContain('Statement by the Prime Minister on airstrikes in Syria');
    expect(labels(first)).toContain('archive_other');

    app.advance(60_000);
    const fr = directMessage(editor, { files: [await word('pm-syria-2018-04-13', 'fr')] });
    await send(fr);
    const pair = await answerTo(fr, reviewed);
    const shown = blocksOf(pair);
    expect(shown).toContain('The French version you sent since joined this review');
    expect(shown).toMatch(/\d+ English and \d+ French paragraphs → \d+ pairs/);
    expect(shown).toContain('Déclaration du premier ministre concernant les frappes aériennes en Syrie');
    // The first message says where its review went, and offers nothing any more.
    const moved = await latest(String(first.args.ts), (call) => !reviewed(call));
    expect(blocksOf(moved)).toContain('This review continues below, with both versions.');

    await press(button(pair, 'archive_add'));
    await latest(String(pair.args.ts), added);
    const written = statementFiles().filter((name) => !before.includes(name));
    expect(written).toHaveLength(1);
    const statement = statementOf(written[0]!);
    expect(statement.title.fr).toBe(
      'Déclaration du premier ministre concernant les frappes aériennes en Syrie',
    );
    expect(statement.paragraphs.every((p) => p.counterpart.origin === 'official')).toBe(true);
    await loaded(before.length + 1);
  });

  it('completes a statement added in one language when its other version comes later, instead of a second one', async () => {
    const before = statementFiles();
    const en = directMessage(editor, { files: [await word('pm-london-2017-06-04', 'en')] });
    await send(en);
    const half = await answerTo(en, reviewed);
    await press(button(half, 'archive_add'));
    await latest(String(half.args.ts), added);
    const [name] = statementFiles().filter((n) => !before.includes(n));
    expect(statementOf(name!).paragraphs.every((p) => p.counterpart.origin === 'missing')).toBe(true);
    await loaded(before.length + 1);

    // Next week, the French version: the review recognises the half and offers to complete it.
    app.advance(7 * 24 * 60 * 60_000);
    const fr = directMessage(editor, { files: [await word('pm-london-2017-06-04', 'fr')] });
    await send(fr);
    const offer = await answerTo(fr, reviewed);
    const id = name!.replace(/\.yml$/, '');
    expect(blocksOf(offer)).toContain(`This looks like the other version of`);
    expect(blocksOf(offer)).toContain(`\`${id}\``);
    await press(button(offer, 'archive_complete'));
    const completing = await latest(String(offer.args.ts), (call) =>
      blocksOf(call).includes('Add completes'),
    );
    expect(blocksOf(completing)).toMatch(/\d+ English and \d+ French paragraphs → \d+ pairs/);
    await press(button(completing, 'archive_add'));
    await latest(String(offer.args.ts), added);
    // Still one statement, now with its French counterparts; the paragraphs answer in French.
    expect(statementFiles().filter((n) => !before.includes(n))).toEqual([name]);
    const completed = statementOf(name!);
    expect(completed.title.fr).toMatch(/Londres/);
    expect(
      completed.paragraphs.every((p) => p.delivered === 'en' && p.counterpart.origin === 'official'),
    ).toBe(true);
    expect(completed.added?.by).toBe(editor);
  });

  it('offers to complete or replace a half when its pair is sent, to the editor who added it only', async () => {
    const before = statementFiles();
    const en = directMessage(editor, { files: [await word('pm-uk-election-2019-12-13', 'en')] });
    await send(en);
    const half = await answerTo(en, reviewed);
    await press(button(half, 'archive_add'));
    await latest(String(half.args.ts), added);
    await loaded(before.length + 1);
    const [name] = statementFiles().filter((n) => !before.includes(n));
    const id = name!.replace(/\.yml$/, '');

    app.advance(60 * 60_000);
    const files = [
      await word('pm-uk-election-2019-12-13', 'en'),
      await word('pm-uk-election-2019-12-13', 'fr'),
    ];
    // Another editor sends the pair: told whose half it is, offered no change to it.
    const theirs = directMessage(other, { files });
    await send(theirs);
    const asked = await answerTo(theirs, reviewed);
    expect(blocksOf(asked)).toContain(`(\`${id}\`) is in the archive in English only`);
    expect(blocksOf(asked)).toContain(`Only <@${editor}>, who added it, can complete or replace it`);
    expect(labels(asked)).not.toContain('archive_complete');
    expect(labels(asked)).not.toContain('archive_add');
    // The editor who added it is offered both.
    const mine = directMessage(editor, { files });
    await send(mine);
    const offered = await answerTo(mine, reviewed);
    expect(labels(offered)).toEqual(expect.arrayContaining(['archive_complete', 'archive_replace']));
    await press(button(offered, 'archive_replace'));
    const replacing = await latest(String(offered.args.ts), (call) =>
      blocksOf(call).includes('Add replaces'),
    );
    await press(button(replacing, 'archive_add'));
    await latest(String(offered.args.ts), added);
    expect(statementFiles().filter((n) => !before.includes(n))).toEqual([name]);
    expect(statementOf(name!).paragraphs.every((p) => p.counterpart.origin === 'official')).toBe(true);
  });

  it('takes the other version from the review’s own button (a file input)', async () => {
    const en = directMessage(editor, { files: [await word('pm-uk-new-pm-2019-07-24', 'en')] });
    app.advance(60 * 60_000);
    await send(en);
    const single = await answerTo(en, reviewed);
    const opened = slack.calls.length;
    await press(button(single, 'archive_other'));
    const modal = await slack.waitFor(() =>
      slack.calls.slice(opened).find((call) => call.method === 'views.open'),
    );
    const view = modal.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(JSON.stringify(view.blocks)).toContain('"type":"file_input"');
    expect(JSON.stringify(view.blocks)).toContain('The French file');
    const fr = await word('pm-uk-new-pm-2019-07-24', 'fr');
    const posted = slack.calls.length;
    await interact(
      viewSubmission(
        {
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          values: { other_file: { value: { type: 'file_input', files: [{ id: fr.id, name: fr.name }] } } },
        },
        editor,
      ),
    );
    const reading = await slack.waitFor(() =>
      slack.calls.slice(posted).find((call) => call.method === 'chat.postMessage'),
    );
    const pair = await latest(String(reading.result?.ts), reviewed);
    expect(blocksOf(pair)).toContain('The French version you sent since joined this review');
    expect(blocksOf(pair)).toMatch(/\d+ English and \d+ French paragraphs → \d+ pairs/);
  });

  it('after completing one half, offers to remove the other version added on its own', async () => {
    const stem = 'pm-uk-new-pm-2019-07-24';
    const before = statementFiles();
    const addAlone = async (language: 'en' | 'fr') => {
      app.advance(60 * 60_000);
      const message = directMessage(editor, { files: [await word(stem, language)] });
      await send(message);
      const review = await answerTo(message, reviewed);
      await press(button(review, 'archive_add'));
      await latest(String(review.args.ts), added);
    };
    // The reported mistake: each version added on its own, as two half statements.
    await addAlone('en');
    await loaded(before.length + 1);
    await addAlone('fr');
    await loaded(before.length + 2);
    const halves = statementFiles().filter((n) => !before.includes(n));
    expect(halves).toHaveLength(2);
    const english = halves.find((n) => statementOf(n).paragraphs[0]!.delivered === 'en')!;
    const french = halves.find((n) => n !== english)!;

    app.advance(60 * 60_000);
    const pair = directMessage(editor, { files: [await word(stem, 'en'), await word(stem, 'fr')] });
    await send(pair);
    const offered = await answerTo(pair, reviewed);
    expect(blocksOf(offered)).toContain('is in the archive in English only');
    expect(blocksOf(offered)).toContain(`The French version is also in the archive on its own`);
    await press(button(offered, 'archive_complete'));
    const completing = await latest(String(offered.args.ts), (call) =>
      blocksOf(call).includes('Add completes'),
    );
    await press(button(completing, 'archive_add'));
    const done = await latest(String(offered.args.ts), added);
    const id = french.replace(/\.yml$/, '');
    expect(blocksOf(done)).toContain(`(\`${id}\`)`);
    // Two Remove buttons: the statement just completed, and the other version (this one).
    const removeAlone = buttonsOf(done).find((b) => b.action_id === 'archive_remove' && b.value.includes(id));
    expect(removeAlone?.text.text).toBe('Remove it');
    await press(removeAlone!);
    await slack.waitFor(() => !statementFiles().includes(french) || undefined, 10_000);
    expect(statementFiles().filter((n) => !before.includes(n))).toEqual([english]);
    expect(statementOf(english).paragraphs.every((p) => p.counterpart.origin === 'official')).toBe(true);
  });
});
