import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../../src/core/data-file.ts';
import { notices } from '../../../src/slack/notices.ts';
import { type ArchiveApp, startArchiveApp } from '../../support/archive-app.ts';
import type { ApiCall, FakeSlack } from '../../support/fake-slack.ts';
import { blockActions, directMessage, viewSubmission } from '../../support/payloads.ts';

const editor = 'U0EDITOR';
const frenchEditor = 'U0FRENCH';
const published = 'test/fixtures/align/published';

type Button = { action_id: string; value: string; text: { text: string } };
type Input = {
  type: string;
  block_id: string;
  optional?: boolean;
  label: { text: string };
  hint?: { text: string };
  element: { type: string; max_length?: number; initial_value?: string; initial_date?: string };
};
type Modal = { callback_id: string; private_metadata: string; blocks: Input[] };

/**
 * Edit details covers what a review assumes: the titles, forum, country, date, place,
 * speaker and role in both languages, prefilled with the statement as built, checked like
 * a statement file with each error beside its field, and what was given carried into the
 * statement added.
 */
describe('Edit details', () => {
  let app: ArchiveApp;
  let slack: FakeSlack;
  let dataDir: string;
  let stateDir: string;
  let fileCount = 0;
  let responses = 0;

  beforeAll(async () => {
    app = await startArchiveApp({ editors: [editor, frenchEditor], locales: { [frenchEditor]: 'fr-CA' } });
    ({ slack, dataDir, stateDir } = app);
  });
  afterAll(() => app?.close());

  const interact = async (payload: Record<string, unknown>) =>
    (await app.interact(payload)) as { response_action?: string; errors?: Record<string, string> };
  const callsAfter = (count: number, method: string) =>
    slack.calls.slice(count).filter((call) => call.method === method);
  const text = (call: ApiCall) => JSON.stringify(call.args.blocks);
  const buttonsOf = (call: ApiCall) =>
    ((call.args.blocks as Array<{ type: string; elements?: Button[] }>).find((b) => b.type === 'actions')
      ?.elements ?? []) as Button[];
  const button = (call: ApiCall, id: string) => buttonsOf(call).find((b) => b.action_id === id)!;
  const statementFiles = () => readdirSync(join(dataDir, 'statements')).filter((n) => n.endsWith('.yml'));
  const reviewFile = (id: string) => readFileSync(join(stateDir, 'reviews', `${id}.json`), 'utf8');

  /** Sends these fixtures in one direct message; returns the review once read. */
  const send = async (user: string, fixtures: string[]) => {
    const files = fixtures.map((fixture) => {
      const id = `F0EDIT${++fileCount}`;
      slack.files.set(id, {
        name: fixture,
        bytes: new Uint8Array(readFileSync(join(published, fixture))),
        filetype: 'text',
      });
      return { id, name: fixture };
    });
    const message = directMessage(user, { files });
    await app.send(message);
    const posted = await slack.waitFor(() =>
      slack.calls.find((call) => call.method === 'chat.postMessage' && call.args.thread_ts === message.ts),
    );
    return slack.waitFor(() => {
      const last = slack.calls
        .filter((call) => call.method === 'chat.update' && call.args.ts === posted.result?.ts)
        .at(-1);
      return last && buttonsOf(last).length > 0 ? last : undefined;
    }, 30_000);
  };

  /** Presses Edit details on a review; returns the modal it opened. */
  const openEdit = async (review: ApiCall, user: string) => {
    const before = slack.calls.length;
    await interact(blockActions(button(review, 'archive_edit'), slack.responseUrl(`a${++responses}`), user));
    const opened = await slack.waitFor(() => callsAfter(before, 'views.open')[0]);
    return opened.args.view as Modal;
  };

  /** The modal's state as Slack sends it when submitted as shown, with `changes` typed over it. */
  const asShown = (modal: Modal, changes: Record<string, string> = {}) =>
    Object.fromEntries(
      modal.blocks.map((block) => {
        const changed = changes[block.block_id];
        if (block.element.type === 'datepicker')
          return [
            block.block_id,
            { value: { type: 'datepicker', selected_date: changed ?? block.element.initial_date } },
          ];
        if (block.element.type === 'static_select')
          return [
            block.block_id,
            {
              value: {
                type: 'static_select',
                selected_option: {
                  value:
                    changed ??
                    (block.element as { initial_option?: { value: string } }).initial_option?.value,
                },
              },
            },
          ];
        return [
          block.block_id,
          { value: { type: 'plain_text_input', value: changed ?? block.element.initial_value ?? null } },
        ];
      }),
    );
  const submit = (modal: Modal, values: Record<string, unknown>, user: string) =>
    interact(
      viewSubmission(
        {
          callback_id: modal.callback_id,
          private_metadata: modal.private_metadata,
          values: values as Record<string, Record<string, unknown>>,
        },
        user,
      ),
    );

  it('covers the forum, country and role in both languages, prefilled, checked beside each field, and carried into the statement added', async () => {
    const review = await send(editor, ['pm-london-2017-06-04.en.txt', 'pm-london-2017-06-04.fr.txt']);
    const reviewId = button(review, 'archive_add').value;
    const t = notices.en.archive;
    // What the documents do not say is assumed, and said to be.
    expect(text(review)).toContain(t.assumption({ kind: 'forum_is_title' }));
    expect(text(review)).toContain(t.assumption({ kind: 'country', country: 'Canada' }));

    const modal = await openEdit(review, editor);
    expect(modal.callback_id).toBe('archive_edit');
    expect(modal.blocks.map((b) => b.block_id)).toEqual([
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
    const block = (id: string) => modal.blocks.find((b) => b.block_id === id)!;
    const title = {
      en: 'Statement by the Prime Minister of Canada on the terrorist attack in London',
      fr: "Déclaration du premier ministre du Canada au sujet de l'attentat terroriste survenu à Londres",
    };
    // Prefilled with the statement as built: the forum is the title, the country Canada, no role yet.
    expect(block('forum_en').element.initial_value).toBe(title.en);
    expect(block('forum_fr').element.initial_value).toBe(title.fr);
    expect(block('country_en').element.initial_value).toBe('Canada');
    expect(block('country_fr').element.initial_value).toBe('Canada');
    expect(block('speaker_en').element.initial_value).toBe('Prime Minister of Canada');
    expect(block('speaker_fr').element.initial_value).toBe('Premier ministre du Canada');
    expect(block('role_en').element.initial_value).toBeUndefined();
    expect(block('date').element.initial_date).toBe('2017-06-04');
    expect(
      ['forum_en', 'forum_fr', 'country_en', 'role_en', 'role_fr'].map((id) => block(id).label.text),
    ).toEqual(['Forum (English)', 'Forum (French)', 'Country (English)', 'Role (English)', 'Role (French)']);
    expect(block('forum_en').hint?.text).toBe(t.modal.forumHint);
    expect(block('forum_fr').hint).toBeUndefined();
    // Within Slack's limits for a modal.
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    expect(modal.private_metadata.length).toBeLessThanOrEqual(3000);
    for (const input of modal.blocks) {
      expect(input.label.text.length).toBeLessThanOrEqual(2000);
      expect(input.block_id.length).toBeLessThanOrEqual(255);
      if (input.element.type !== 'plain_text_input') continue;
      expect(input.element.max_length).toBeLessThanOrEqual(3000);
      expect((input.element.initial_value ?? '').length).toBeLessThanOrEqual(input.element.max_length!);
    }

    // A date that does not exist and an over-long forum: each error beside its field, nothing changed.
    const stored = reviewFile(reviewId);
    const updates = slack.calls.length;
    expect(
      await submit(modal, asShown(modal, { date: '2017-02-30', forum_en: 'F'.repeat(301) }), editor),
    ).toEqual({
      response_action: 'errors',
      errors: { date: t.modal.badDate, forum_en: t.modal.tooLong(300) },
    });
    expect(await submit(modal, asShown(modal, { country_fr: '42' }), editor)).toEqual({
      response_action: 'errors',
      errors: { country_fr: t.modal.noLetters },
    });
    expect(reviewFile(reviewId)).toBe(stored);
    expect(callsAfter(updates, 'chat.update')).toEqual([]);

    // A good forum, country and role: taken, and only they (what comes back as shown settles nothing).
    const given = {
      forum_en: 'UN Security Council',
      forum_fr: 'Conseil de sécurité des Nations Unies',
      country_en: 'Canada, Australia and New Zealand',
      country_fr: 'Canada, Australie et Nouvelle-Zélande',
      role_en: 'Head of Government',
      role_fr: 'Chef du gouvernement',
    };
    expect(await submit(modal, asShown(modal, given), editor)).toEqual({});
    expect(JSON.parse(reviewFile(reviewId)).overrides).toEqual({
      forum: { en: given.forum_en, fr: given.forum_fr },
      country: { en: given.country_en, fr: given.country_fr },
      role: { en: given.role_en, fr: given.role_fr },
    });
    const redrawn = await slack.waitFor(() =>
      callsAfter(updates, 'chat.update').find((call) => call.args.ts === review.args.ts),
    );
    const shown = text(redrawn);
    expect(shown).toContain(`${given.country_en}, ${given.forum_en}, Ottawa, 4 June 2017`);
    expect(shown).toContain(`${given.country_fr}, ${given.forum_fr}, Ottawa, 4 juin 2017`);
    expect(shown).toContain(given.role_en);
    expect(shown).toContain(given.role_fr);
    expect(shown).not.toContain(t.assumption({ kind: 'forum_is_title' }));
    expect(shown).not.toContain(t.assumption({ kind: 'country', country: 'Canada' }));
    // The language delivered came back as shown: still assumed.
    expect(shown).toContain(t.assumption({ kind: 'delivered_language', language: 'en' }));

    // The form opened again shows what was given, and keeps it when sent back as shown.
    const again = await openEdit(redrawn, editor);
    expect(again.blocks.find((b) => b.block_id === 'role_fr')!.element.initial_value).toBe(given.role_fr);
    expect(await submit(again, asShown(again), editor)).toEqual({});
    expect(JSON.parse(reviewFile(reviewId)).overrides).toEqual({
      forum: { en: given.forum_en, fr: given.forum_fr },
      country: { en: given.country_en, fr: given.country_fr },
      role: { en: given.role_en, fr: given.role_fr },
    });

    // Add: the statement written carries them.
    const before = statementFiles();
    const clicked = slack.calls.length;
    await interact(
      blockActions(button(redrawn, 'archive_add'), slack.responseUrl(`a${++responses}`), editor),
    );
    await slack.waitFor(
      () => callsAfter(clicked, 'chat.update').find((call) => text(call).includes('Added to the archive')),
      15_000,
    );
    const written = statementFiles().filter((name) => !before.includes(name));
    expect(written).toHaveLength(1);
    const statement = parseStatementFile(
      readFileSync(join(dataDir, 'statements', written[0]!), 'utf8'),
      written[0]!,
    );
    expect(statement.forum).toEqual({ en: given.forum_en, fr: given.forum_fr });
    expect(statement.country).toEqual({ en: given.country_en, fr: given.country_fr });
    expect(statement.speaker).toEqual({
      name: { en: 'Prime Minister of Canada', fr: 'Premier ministre du Canada' },
      role: { en: given.role_en, fr: given.role_fr },
    });
    expect(statement.title).toEqual(title);
    expect(statement.id).toMatch(/^canada-australia-and-new-zealand-.*-2017-06-04$/);
  });

  it('speaks French to a French editor, labels and errors, and copies one language given to the other', async () => {
    const review = await send(frenchEditor, ['pm-london-2017-06-04.fr.txt']);
    const reviewId = button(review, 'archive_add').value;
    const t = notices.fr.archive.modal;
    const modal = await openEdit(review, frenchEditor);
    const block = (id: string) => modal.blocks.find((b) => b.block_id === id)!;
    // The reader's language first.
    expect(modal.blocks.slice(0, 2).map((b) => b.label.text)).toEqual([
      'Titre (français)',
      'Titre (anglais)',
    ]);
    expect(block('forum_fr').label.text).toBe('Instance (français)');
    expect(block('role_en').label.text).toBe('Fonction (anglais)');
    expect(block('country_fr').label.text).toBe('Pays (français)');
    expect(modal.blocks.some((b) => b.block_id === 'delivered_in')).toBe(false);

    expect(
      await submit(
        modal,
        asShown(modal, { date: '2017-13-01', role_en: 'R'.repeat(301), speaker_fr: '…' }),
        frenchEditor,
      ),
    ).toEqual({
      response_action: 'errors',
      errors: { date: t.badDate, role_en: t.tooLong(300), speaker_fr: t.noLetters },
    });

    // The forum in French only: the English is copied from it, and said to be.
    const updates = slack.calls.length;
    expect(
      await submit(modal, asShown(modal, { forum_fr: 'Assemblée générale des Nations Unies' }), frenchEditor),
    ).toEqual({});
    expect(JSON.parse(reviewFile(reviewId)).overrides).toEqual({
      forum: { fr: 'Assemblée générale des Nations Unies' },
    });
    const redrawn = await slack.waitFor(() =>
      callsAfter(updates, 'chat.update').find((call) => call.args.ts === review.args.ts),
    );
    expect(text(redrawn)).toContain(
      notices.fr.archive.assumption({ kind: 'copied', field: 'forum', language: 'en' }),
    );
    expect(text(redrawn)).not.toContain(notices.fr.archive.assumption({ kind: 'forum_is_title' }));
  });
});
