import type { App, Logger, types, webApi } from '@slack/bolt';
import type { Language, Statement } from '../../core/corpus.ts';
import type { StatementOverrides } from '../../core/ingest/build-statement.ts';
import type { IngestLimits } from '../../core/ingest/limits.ts';
import type { Knowledge } from '../../core/knowledge-base.ts';
import type { ArchiveStore } from '../../ports/archive.ts';
import type { AuditLog } from '../../ports/audit.ts';
import type { PendingReview, ReviewStore } from '../../ports/reviews.ts';
import {
  type Actor,
  createReviewService,
  type IncomingFile,
  type ReviewNotice,
  type ReviewSurface,
} from '../../service/reviews.ts';
import { openAddAction } from '../home.ts';
import { errorCode } from '../logger.ts';
import { teamOf, type Workspace, workspaceOf } from '../team.ts';
import { describeFile, downloadFile, type SlackFile } from './download.ts';
import type { Editors } from './editors.ts';
import { addModal, editModal, modalIds, readEditForm, readSubmission } from './modals.ts';
import { noticeText, reviewActions, toReviewMessage } from './review-message.ts';
import { offerActions, otherVersionModal, readOtherVersion } from './review-offers.ts';

/** What adding statements from Slack needs; built once by the app and passed in. */
export interface ArchiveDeps {
  editors: Editors;
  reviews: ReviewStore;
  audit: AuditLog;
  knowledge: () => Knowledge;
  /** Where statements are added and removed: the folder the live reload watches, or the shared database. */
  archive: ArchiveStore;
  /** Tells every instance that the archive changed. */
  announce: () => Promise<void>;
  limits: IngestLimits;
  /** Largest statement file, in bytes (`STATEMENT_MAX_MB`): an Add is held to the loader's rules. */
  maxStatementBytes: number;
  /** The Web API base URL when it is not Slack's own: files may be downloaded from its host. */
  apiUrl?: string;
  userLanguage: (user: string | undefined, workspace: Workspace) => Promise<Language | undefined>;
  log: Logger;
  now: () => Date;
}

/** Files received in a direct message, to read and show for review. */
export interface ReceivedFiles {
  client: webApi.WebClient;
  /** The workspace's bot token: files are downloaded with it. */
  token: string | undefined;
  team: string;
  user: string;
  channel: string;
  /** The message the files came in: the review answers in its thread. */
  threadTs?: string;
  files: SharedFile[];
  overrides?: StatementOverrides;
  language: Language;
  /** The review these files are the other version of ("Add the other version"). */
  join?: string;
}

export interface ArchiveListeners {
  /** Reads files an editor sent and posts their review; refuses anyone else politely, without downloading. */
  receive(input: ReceivedFiles): Promise<void>;
  close(): void;
}

/** A file in a message event, as Slack sends it. */
export interface SharedFile {
  id: string;
  name?: string;
}

/**
 * Adding a statement from Slack: Slack's side of the review workflow (src/service/reviews.ts).
 * Each listener acknowledges, translates the payload (who, which review, the form's
 * values), and hands the service a surface: the review message to update, the person to
 * tell privately, both worded in their language.
 */
export function registerArchiveListeners(app: App, deps: ArchiveDeps): ArchiveListeners {
  const { editors, log } = deps;
  const service = createReviewService({
    reviews: deps.reviews,
    audit: deps.audit,
    archive: deps.archive,
    knowledge: deps.knowledge,
    announce: deps.announce,
    limits: deps.limits,
    maxStatementBytes: deps.maxStatementBytes,
    log,
    now: deps.now,
  });
  void service.sweep();
  const sweeper = setInterval(service.sweep, 60 * 60 * 1000);
  sweeper.unref();

  const actorOf = (user: string, team: string, client: webApi.WebClient): Actor => ({
    user,
    team,
    mayAdd: () => editors.mayAdd(user, client),
    editors: editors.mentions,
    configured: editors.configured,
  });

  /** The review message updated in place, and the presser told through `respond` (or not at all). */
  const surfaceOf = (
    client: webApi.WebClient,
    workspace: Workspace,
    user: string,
    respond?: (message: Record<string, unknown>) => Promise<unknown>,
  ): ReviewSurface => ({
    show: (view, place, language) => client.chat.update({ ...place, ...toReviewMessage(view, language) }),
    tell: async (notice: ReviewNotice, language: Language) =>
      respond?.({
        response_type: 'ephemeral',
        replace_original: false,
        text: noticeText(notice, language),
      }).catch((error: unknown) => log.warn(`response_url failed: ${errorCode(error)}`)),
    language: async () => (await deps.userLanguage(user, workspace)) ?? 'en',
  });

  /** A file from Slack: downloaded with the bot token from Slack's own file hosts only. */
  const incoming = (file: SlackFile, token: string): IncomingFile => ({
    name: file.name,
    bytes: () =>
      downloadFile(file, token, {
        maxBytes: deps.limits.maxFileBytes,
        ...(deps.apiUrl ? { apiUrl: deps.apiUrl } : {}),
      }),
  });

  /**
   * The files an editor sent: who and how many checked before anything is fetched, then
   * described, and a "Reading…" message posted in the thread for the review to take over.
   */
  const receive = async (input: ReceivedFiles): Promise<void> => {
    const { client, team, user, channel, language } = input;
    const thread = input.threadTs ? { thread_ts: input.threadTs } : {};
    const actor = actorOf(user, team, client);
    const refused = await service.admit(actor, input.files.length);
    if (refused) {
      const message = toReviewMessage({ kind: 'problems', problems: [refused] }, language);
      await client.chat.postMessage({
        channel,
        ...thread,
        text: noticeText(refused, language),
        blocks: message.blocks,
      });
      return;
    }
    const described: SlackFile[] = [];
    const problems: ReviewNotice[] = [];
    for (const file of input.files) {
      try {
        described.push(await describeFile(client, file.id));
      } catch (error) {
        problems.push(service.fileNotice(error, file.name ?? file.id));
      }
    }
    const posted = await client.chat.postMessage({
      channel,
      ...thread,
      ...toReviewMessage({ kind: 'reading', names: described.map((f) => f.name) }, language),
    });
    const place = { channel: String(posted.channel ?? channel), ts: String(posted.ts) };
    const surface = surfaceOf(client, { client, team, token: input.token }, user);
    if (problems.length > 0)
      return void (await surface.show({ kind: 'problems', problems }, place, language));
    await service.open(
      {
        actor,
        language,
        files: described.map((file) => incoming(file, input.token ?? '')),
        ...(input.overrides ? { overrides: input.overrides } : {}),
        ...(input.join ? { join: input.join } : {}),
        place,
      },
      surface,
    );
  };

  const buttonValue = (action: unknown) => (action as { value?: string }).value;

  /** What a button press gives the service: its value, the presser as an actor, their surface. */
  type Press = {
    value: unknown;
    actor: Actor;
    surface: ReviewSurface;
    trigger?: string;
    client: webApi.WebClient;
  };

  /** A review button: acknowledged at once, then `run` with the press. */
  const onPress =
    (run: (press: Press) => Promise<void>) =>
    async ({
      ack,
      action,
      body,
      client,
      respond,
      context: bolt,
    }: {
      ack: () => Promise<void>;
      action: unknown;
      body: { user: { id: string }; trigger_id?: string };
      client: webApi.WebClient;
      respond: unknown;
      context: { botToken?: string };
    }) => {
      const workspace = workspaceOf(body, bolt, client);
      await ack();
      const user = body.user.id;
      await run({
        value: buttonValue(action),
        actor: actorOf(user, teamOf(body), client),
        surface: surfaceOf(client, workspace, user, respond as never),
        ...(body.trigger_id ? { trigger: body.trigger_id } : {}),
        client,
      });
    };

  /** A review button the service decides on, with this presser and surface. */
  const button = (run: (id: unknown, actor: Actor, surface: ReviewSurface) => Promise<void>) =>
    onPress(({ value, actor, surface }) => run(value, actor, surface));

  /** A button that opens a form on a review: shown only if the service finds the review open to this person. */
  const formOn = (form: (open: { review: PendingReview; statement: Statement }) => types.ModalView) =>
    onPress(async ({ value, actor, surface, trigger, client }) => {
      const open = await service.editable(value, actor, surface);
      if (!open || !trigger) return;
      await client.views.open({ trigger_id: trigger, view: form(open) });
    });

  app.action(reviewActions.add, button(service.add));
  app.action(reviewActions.discard, button(service.discard));

  app.action(
    reviewActions.edit,
    formOn(({ review, statement }) =>
      editModal(
        review.id,
        statement,
        review.language,
        review.documents.length === 2 ? (review.overrides.deliveredIn ?? 'en') : undefined,
        review.overrides,
      ),
    ),
  );

  app.view(modalIds.edit, async ({ ack, view, body, client, context: bolt }) => {
    const workspace = workspaceOf(body, bolt, client);
    const user = body.user.id;
    const surface = surfaceOf(client, workspace, user);
    // The form says its review, its language, and which values it showed that nothing had set.
    const form = readEditForm(view.private_metadata);
    const language = form.language ?? (await surface.language());
    const submitted = readSubmission(view.state.values, language, false, form.shown);
    if (!submitted.ok) return void (await ack({ response_action: 'errors', errors: submitted.errors }));
    const outcome = await service.edit(
      form.review,
      actorOf(user, teamOf(body), client),
      submitted.overrides,
      surface,
    );
    if (outcome.ok) return void (await ack());
    await ack({
      response_action: 'errors',
      errors: {
        [`title_${outcome.language}`]: noticeText(outcome.notice, outcome.language, { plain: true }),
      },
    });
  });

  app.action(reviewActions.remove, async ({ ack, action, body, client, respond, context: bolt }) => {
    const workspace = workspaceOf(body, bolt, client);
    await ack();
    const user = body.user.id;
    let value: { r?: unknown; s?: unknown; f?: unknown } = {};
    try {
      value = JSON.parse(buttonValue(action) ?? '{}');
    } catch {
      // An unreadable value is answered as a review that is gone.
    }
    const container = (body as { container?: { channel_id?: string; message_ts?: string } }).container;
    await service.remove(
      { review: value.r, statement: value.s, fingerprint: value.f },
      actorOf(user, teamOf(body), client),
      surfaceOf(client, workspace, user, respond as never),
      container?.channel_id && container.message_ts
        ? { channel: container.channel_id, ts: container.message_ts }
        : undefined,
    );
  });

  app.action(openAddAction, async ({ ack, body, client, context: bolt }) => {
    await ack();
    const user = body.user.id;
    const language = (await deps.userLanguage(user, workspaceOf(body, bolt, client))) ?? 'en';
    const trigger = (body as { trigger_id?: string }).trigger_id;
    if (!trigger || !(await editors.mayAdd(user, client))) return;
    await client.views.open({ trigger_id: trigger, view: addModal(language) });
  });

  app.view(modalIds.add, async ({ ack, view, body, client, context: bolt }) => {
    const user = body.user.id;
    const language: Language = view.private_metadata === 'fr' ? 'fr' : 'en';
    const submitted = readSubmission(view.state.values, language, true);
    if (!submitted.ok) return void (await ack({ response_action: 'errors', errors: submitted.errors }));
    await ack();
    try {
      // The review goes to the editor's direct message with the app.
      await receive({
        client,
        token: bolt.botToken,
        team: teamOf(body),
        user,
        channel: user,
        files: submitted.files.map((id) => ({ id })),
        overrides: submitted.overrides,
        language,
      });
    } catch (error) {
      log.error(`files from the Add a statement modal could not be read: ${errorCode(error)}`);
    }
  });

  app.action(offerActions.complete, button(service.complete));
  app.action(offerActions.replace, button(service.replace));

  // "Add the other version": a modal with a file input, whose file joins the review.
  app.action(
    offerActions.other,
    formOn(({ review }) =>
      otherVersionModal(review.id, review.language, review.documents[0]!.version.language),
    ),
  );

  app.view(offerActions.otherModal, async ({ ack, view, body, client, context: bolt }) => {
    const user = body.user.id;
    const submitted = readOtherVersion(
      view.private_metadata,
      view.state.values as Record<string, Record<string, { files?: unknown }>>,
    );
    await ack();
    if (!submitted) return;
    try {
      // The file is read in the editor's direct message, where the review moves as a pair.
      await receive({
        client,
        token: bolt.botToken,
        team: teamOf(body),
        user,
        channel: user,
        files: [{ id: submitted.file }],
        language: submitted.language,
        join: submitted.review,
      });
    } catch (error) {
      log.error(`the other version could not be read: ${errorCode(error)}`);
    }
  });

  return { receive, close: () => clearInterval(sweeper) };
}
