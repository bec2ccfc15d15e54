import type { App, Logger, webApi } from '@slack/bolt';
import type { Language, Statement } from '../../core/corpus.ts';
import { DataError, DocumentError } from '../../core/errors.ts';
import {
  alignUnitsOf,
  type BuildResult,
  buildFromDocuments,
  IngestError,
  type ReadVersion,
  type StatementOverrides,
  sourceOf,
} from '../../core/ingest/build-statement.ts';
import { contentKey, isSameStatement } from '../../core/ingest/identity.ts';
import { formatBytes, type IngestLimits } from '../../core/ingest/limits.ts';
import { readStatementDocument } from '../../core/ingest/plain-text.ts';
import { toStatementYaml } from '../../core/ingest/statement-yaml.ts';
import type { Knowledge } from '../../core/knowledge-base.ts';
import { checkStatementSource, type StatementRules } from '../../core/statement-rules.ts';
import { AlignmentError, alignOffThread } from '../../ingest/align-off-thread.ts';
import { addToArchive, fingerprintOf } from '../../ingest/archive.ts';
import { readDocumentInWorker } from '../../ingest/read-document.ts';
import { type ArchiveStore, StatementExistsError } from '../../ports/archive.ts';
import type { AuditLog } from '../../ports/audit.ts';
import {
  isReviewId,
  newReviewId,
  type PendingReview,
  type ReviewStore,
  reviewLifetimeMs,
  reviewState,
} from '../../ports/reviews.ts';
import { escapeMrkdwn } from '../escape.ts';
import { openAddAction } from '../home.ts';
import { errorCode } from '../logger.ts';
import { notices } from '../notices.ts';
import { teamOf, type Workspace, workspaceOf } from '../team.ts';
import { describeFile, downloadFile, FileFetchError, type SlackFile } from './download.ts';
import type { Editors } from './editors.ts';
import { addModal, editModal, modalIds, readSubmission } from './modals.ts';
import { type ReviewView, reviewActions, toReviewMessage } from './review-message.ts';

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
 * Adding a statement from Slack: files sent to the bot in a direct message (or through
 * the App Home's modal) are read, built and shown for review; only Add writes them to the
 * archive, which the live reload then serves. Everything is checked again at each step:
 * who presses, whether the review is still open, and whether the statement is already in.
 */
export function registerArchiveListeners(app: App, deps: ArchiveDeps): ArchiveListeners {
  const { reviews, audit, editors, log } = deps;
  const languageOf = async (user: string, workspace: Workspace) =>
    (await deps.userLanguage(user, workspace)) ?? 'en';

  const sweep = () =>
    reviews
      .sweep(deps.now())
      .then((n) => n > 0 && log.info(`${n} expired review(s) forgotten`))
      .catch((error: unknown) => log.warn(`reviews could not be swept: ${errorCode(error)}`));
  void sweep();
  const sweeper = setInterval(sweep, 60 * 60 * 1000);
  sweeper.unref();

  /** Rebuilds a review's statement from its documents and corrections: deterministic, so Add writes what was shown. */
  const build = (review: PendingReview, overrides = review.overrides): BuildResult =>
    buildFromDocuments(
      review.documents as ReadVersion[],
      deps.knowledge().glossary,
      overrides,
      review.beads ? { beads: review.beads } : {},
    );

  /** The archive's statement with the same content, or the same title, date and speaker. */
  const duplicateOf = (statement: Statement) => {
    const key = contentKey(statement);
    const found = deps
      .knowledge()
      .statements.find(
        (s) => contentKey(s) === key || (s.id === statement.id && isSameStatement(s, statement)),
      );
    return found ? { id: found.id, title: found.title } : undefined;
  };

  /** The loader's rules, as they stand: what no instance would load is never added. */
  const rules = (): StatementRules => ({
    maxFileBytes: deps.maxStatementBytes,
    themes: { themes: [...deps.knowledge().themes] },
  });

  /**
   * Why the statement cannot go into the archive as it is (too large once written, or not a
   * valid statement), in the review's language; undefined when it can.
   */
  const refusal = (statement: Statement, language: Language): string | undefined => {
    const t = notices[language].archive;
    const yaml = toStatementYaml(statement);
    const size = Buffer.byteLength(yaml, 'utf8');
    if (size > deps.maxStatementBytes)
      return t.statementTooLarge(formatBytes(size), formatBytes(deps.maxStatementBytes));
    try {
      checkStatementSource(yaml, `${statement.id}.yml`, rules());
      return undefined;
    } catch (error) {
      if (error instanceof DataError) return t.modal.invalid;
      throw error;
    }
  };

  const show = async (
    client: webApi.WebClient,
    channel: string,
    ts: string,
    view: ReviewView,
    language: Language,
  ) => client.chat.update({ channel, ts, ...toReviewMessage(view, language) });

  /** Reads the files one by one: Slack's description, the download, the document; a list of problems otherwise. */
  const readFiles = async (
    described: SlackFile[],
    language: Language,
    token: string,
    onQueued: (position: number) => void,
  ): Promise<{ documents: ReadVersion[]; problems: string[] }> => {
    const t = notices[language].archive;
    const documents: ReadVersion[] = [];
    const problems: string[] = [];
    const today = deps.now().toISOString().slice(0, 10);
    for (const file of described) {
      try {
        const bytes = await downloadFile(file, token, {
          maxBytes: deps.limits.maxFileBytes,
          ...(deps.apiUrl ? { apiUrl: deps.apiUrl } : {}),
        });
        const version = readStatementDocument(await readDocumentInWorker(bytes, deps.limits, { onQueued }));
        documents.push({ version, source: sourceOf(version, file.name, today) });
      } catch (error) {
        problems.push(fileProblem(error, file.name, language));
        if (!(error instanceof FileFetchError || error instanceof DocumentError))
          log.warn(`a file could not be read: ${errorCode(error)}`);
      }
    }
    return {
      documents,
      problems: problems.length > 0 ? problems : documents.length === 0 ? [escapeMrkdwn(t.failed)] : [],
    };
  };

  /** What went wrong with a file, as mrkdwn: its name escaped (people name files as they like). */
  const fileProblem = (error: unknown, fileName: string, language: Language): string => {
    const t = notices[language].archive.file;
    const name = escapeMrkdwn(fileName);
    if (error instanceof FileFetchError) {
      if (error.code === 'too_large')
        return t.too_large(name, formatBytes(error.size ?? 0), formatBytes(deps.limits.maxFileBytes));
      return t[error.code](name);
    }
    if (error instanceof DocumentError) {
      if (error.code === 'too_large') return t.too_large(name, '?', formatBytes(deps.limits.maxFileBytes));
      return t[error.code](name);
    }
    return escapeMrkdwn(notices[language].archive.failed);
  };

  /**
   * The files an editor sent: checked (who, how many), described, downloaded, read and
   * built, then shown for review in `placeholder` (a message already posted).
   */
  const receive = async (input: ReceivedFiles): Promise<void> => {
    const { client, team, user, channel, language } = input;
    const t = notices[language].archive;
    const say = (text: string) =>
      client.chat.postMessage({
        channel,
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
        text,
        blocks: toReviewMessage({ kind: 'problems', problems: [text] }, language).blocks,
      });
    if (!editors.configured) {
      await audit.record({ team, user, action: 'refuse' });
      await say(t.off);
      return;
    }
    if (!(await editors.mayAdd(user, client))) {
      await audit.record({ team, user, action: 'refuse' });
      await say(t.notEditor(editors.mentions));
      return;
    }
    if (input.files.length > 2) {
      await say(t.tooManyFiles(input.files.length));
      return;
    }
    const described: SlackFile[] = [];
    const problems: string[] = [];
    for (const file of input.files) {
      try {
        described.push(await describeFile(client, file.id));
      } catch (error) {
        problems.push(fileProblem(error, file.name ?? file.id, language));
      }
    }
    const posted = await client.chat.postMessage({
      channel,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      ...toReviewMessage({ kind: 'reading', names: described.map((f) => f.name) }, language),
    });
    const at = { channel: String(posted.channel ?? channel), ts: String(posted.ts) };
    const fail = (lines: string[]) =>
      show(client, at.channel, at.ts, { kind: 'problems', problems: lines }, language);
    if (problems.length > 0) return void (await fail(problems));
    try {
      // While other files are read first, the editor is told their place in line.
      const queued = (position: number) =>
        void client.chat
          .update({
            ...at,
            ...toReviewMessage({ kind: 'queued', position, names: described.map((f) => f.name) }, language),
          })
          .catch((error: unknown) => log.warn(`the place in line could not be shown: ${errorCode(error)}`));
      const read = await readFiles(described, language, input.token ?? '', queued);
      if (read.problems.length > 0) return void (await fail(read.problems));
      const now = deps.now();
      const review: PendingReview = {
        id: newReviewId(),
        team,
        user,
        language,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + reviewLifetimeMs).toISOString(),
        channel: at.channel,
        ts: at.ts,
        documents: read.documents,
        overrides: input.overrides ?? {},
        status: 'pending',
        version: 0,
      };
      let result: BuildResult;
      try {
        // Two versions are aligned in a worker, once: nothing on this thread grows with a document.
        const units = alignUnitsOf(review.documents as ReadVersion[]);
        if (units) review.beads = await alignOffThread(units.en, units.fr, deps.knowledge().glossary);
        result = build(review);
      } catch (error) {
        if (error instanceof IngestError) return void (await fail([escapeMrkdwn(t.problem(error.problem))]));
        if (error instanceof AlignmentError) return void (await fail([escapeMrkdwn(t.alignment)]));
        throw error;
      }
      // What the loader would refuse is refused here, before any review is kept.
      const refused = refusal(result.statement, language);
      if (refused) return void (await fail([escapeMrkdwn(refused)]));
      await reviews.put(review);
      await audit.record({ team, user, action: 'review', review: review.id });
      const duplicate = duplicateOf(result.statement);
      await show(
        client,
        at.channel,
        at.ts,
        { kind: 'review', review, result, ...(duplicate ? { duplicate } : {}) },
        language,
      );
    } catch (error) {
      // A store that does not answer (or any fault) is said at once, in the message that said "Reading…".
      log.error(`files could not be reviewed: ${errorCode(error)}`);
      await fail([escapeMrkdwn(t.notKept)]);
    }
  };

  /** A review still open for this editor, or undefined once they have been told why not. */
  const openReview = async (
    id: unknown,
    user: string,
    workspace: Workspace,
    tell: (text: string) => Promise<unknown>,
  ): Promise<PendingReview | undefined> => {
    const { client } = workspace;
    const review = isReviewId(id) ? await reviews.get(id) : undefined;
    const language = review?.language ?? (await languageOf(user, workspace));
    const t = notices[language].archive;
    if (!review) return void (await tell(t.gone));
    const state = reviewState(review, deps.now());
    if (state === 'expired') {
      if (review.ts) await show(client, review.channel, review.ts, { kind: 'expired' }, language);
      return void (await tell(t.expired));
    }
    if (!(await editors.mayAdd(user, client))) return void (await tell(t.notEditor(editors.mentions)));
    if (state === 'adding') return void (await tell(t.busy));
    if (state === 'added') return void (await tell(t.gone));
    return review;
  };

  const tellWith = (respond: (message: Record<string, unknown>) => Promise<unknown>) => (text: string) =>
    respond({ response_type: 'ephemeral', replace_original: false, text }).catch((error: unknown) =>
      log.warn(`response_url failed: ${errorCode(error)}`),
    );

  const buttonValue = (action: unknown) => (action as { value?: string }).value;

  /**
   * A review button's click, for the review's one decision (Add or Discard): acknowledged,
   * the review checked as still open for this editor, then decided. Whatever fails (a
   * database that does not answer) is answered at once: nothing changed, try again.
   */
  const deciding =
    (
      decide: (
        review: PendingReview,
        user: string,
        tell: (text: string) => Promise<unknown>,
        workspace: Workspace,
      ) => Promise<void>,
    ) =>
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
      body: { user: { id: string } };
      client: webApi.WebClient;
      respond: unknown;
      context: { botToken?: string };
    }) => {
      const workspace = workspaceOf(body, bolt, client);
      await ack();
      const user = body.user.id;
      const tell = tellWith(respond as never);
      let language: Language | undefined;
      try {
        const review = await openReview(buttonValue(action), user, workspace, tell);
        if (!review) return;
        language = review.language;
        await decide(review, user, tell, workspace);
      } catch (error) {
        log.error(`a review could not be decided: ${errorCode(error)}`);
        language ??= await languageOf(user, workspace).catch(() => 'en' as const);
        await tell(notices[language].archive.unreachable);
      }
    };

  app.action(
    reviewActions.add,
    deciding(async (review, user, tell, { client }) => {
      const t = notices[review.language].archive;
      // Taken by compare-and-set: an Edit, a Discard or another Add in between wins instead.
      const claimed = await reviews.update({
        ...review,
        status: 'adding',
        claim: { by: user, at: deps.now().toISOString() },
      });
      if (!claimed) return void (await tell(t.changed));
      /** Opens the review again after a failed Add; if even that fails, its claim expires on its own. */
      const reopen = () =>
        reviews
          .update({ ...claimed, status: 'pending', claim: undefined })
          .catch((error: unknown) => log.warn(`a review could not be reopened: ${errorCode(error)}`));
      let outcome: Awaited<ReturnType<typeof addToArchive>>;
      let statement: Statement;
      let result: BuildResult;
      const at = deps.now().toISOString();
      try {
        result = build(claimed);
        statement = { ...result.statement, added: { from: 'slack', by: user, at } };
        const refused = refusal(statement, claimed.language);
        if (refused) {
          await reopen();
          return void (await tell(refused));
        }
        outcome = await addToArchive(
          deps.archive,
          statement,
          deps.knowledge().statements,
          yamlNote(claimed, user, at),
          rules(),
        );
      } catch (error) {
        await reopen();
        log.error(`adding a statement failed: ${errorCode(error)}`);
        return void (await tell(
          error instanceof StatementExistsError ? t.unreadableId(idOf(error.where)) : t.unreachable,
        ));
      }
      const record = (action: 'duplicate' | 'add') =>
        audit.record({ team: claimed.team, user, action, statement: outcome.id, review: claimed.id });
      const redraw = (view: ReviewView) =>
        claimed.ts ? show(client, claimed.channel, claimed.ts, view, claimed.language) : undefined;
      if (outcome.kind === 'duplicate') {
        await reopen();
        await record('duplicate');
        await redraw({
          kind: 'review',
          review: claimed,
          result,
          duplicate: { id: outcome.id, title: outcome.title },
        });
        return;
      }
      const added = await reviews.update({
        ...claimed,
        status: 'added',
        claim: undefined,
        outcome: { by: user, at, id: outcome.id, fingerprint: outcome.fingerprint },
      });
      if (!added) log.warn('an added review could not be marked added: its claim had expired');
      await deps.announce().catch(() => undefined);
      await record('add');
      await redraw({
        kind: 'added',
        review: added ?? claimed,
        statement: { ...statement, id: outcome.id },
        by: user,
        at,
      });
    }),
  );

  app.action(
    reviewActions.discard,
    deciding(async (review, user, tell, { client }) => {
      // Nothing of a discarded review is kept: its documents go with it (unless it changed meanwhile).
      if (!(await reviews.delete(review.id, review.version)))
        return void (await tell(notices[review.language].archive.changed));
      await audit.record({ team: review.team, user, action: 'discard', review: review.id });
      if (review.ts)
        await show(client, review.channel, review.ts, { kind: 'discarded', by: user }, review.language);
    }),
  );

  app.action(reviewActions.edit, async ({ ack, action, body, client, respond, context: bolt }) => {
    const workspace = workspaceOf(body, bolt, client);
    await ack();
    const user = body.user.id;
    const review = await openReview(buttonValue(action), user, workspace, tellWith(respond as never));
    if (!review) return;
    const result = build(review);
    const trigger = (body as { trigger_id?: string }).trigger_id;
    if (!trigger) return;
    await client.views.open({
      trigger_id: trigger,
      view: editModal(
        review.id,
        result.statement,
        review.language,
        review.documents.length === 2 ? (review.overrides.deliveredIn ?? 'en') : undefined,
      ),
    });
  });

  app.view(modalIds.edit, async ({ ack, view, body, client, context: bolt }) => {
    const workspace = workspaceOf(body, bolt, client);
    const user = body.user.id;
    const id = view.private_metadata;
    const refuse = (message: string) => ack({ response_action: 'errors', errors: { [firstBlock]: message } });
    let language: Language = await languageOf(user, workspace);
    let firstBlock = `title_${language}`;
    let review: PendingReview | undefined;
    try {
      review = isReviewId(id) ? await reviews.get(id) : undefined;
    } catch (error) {
      log.error(`a review could not be read: ${errorCode(error)}`);
      return void (await refuse(notices[language].archive.unreachable));
    }
    language = review?.language ?? language;
    firstBlock = `title_${language}`;
    const t = notices[language].archive;
    const state = review ? reviewState(review, deps.now()) : 'expired';
    if (!review || state !== 'open' || !(await editors.mayAdd(user, client)))
      return void (await refuse(state === 'adding' ? t.busy : t.gone));
    const submitted = readSubmission(view.state.values, language, false);
    if (!submitted.ok) return void (await ack({ response_action: 'errors', errors: submitted.errors }));
    let result: BuildResult;
    try {
      result = build(review, submitted.overrides);
    } catch (error) {
      return void (await refuse(error instanceof IngestError ? t.problem(error.problem) : t.failed));
    }
    const refused = refusal(result.statement, language);
    if (refused) return void (await refuse(refused));
    // Written only over the review that was read: an Add or another Edit in between wins instead.
    let edited: PendingReview | undefined;
    try {
      edited = await reviews.update({ ...review, overrides: submitted.overrides });
    } catch (error) {
      log.error(`an edited review could not be saved: ${errorCode(error)}`);
      return void (await refuse(t.unreachable));
    }
    if (!edited) return void (await refuse(t.changed));
    await ack();
    await audit.record({ team: review.team, user, action: 'edit', review: review.id });
    const duplicate = duplicateOf(result.statement);
    if (review.ts)
      await show(
        client,
        review.channel,
        review.ts,
        {
          kind: 'review',
          review: edited,
          result,
          ...(duplicate ? { duplicate } : {}),
        },
        language,
      );
  });

  app.action(reviewActions.remove, async ({ ack, action, body, client, respond, context: bolt }) => {
    const workspace = workspaceOf(body, bolt, client);
    await ack();
    const user = body.user.id;
    const tell = tellWith(respond as never);
    let value: { r?: unknown; s?: unknown; f?: unknown } = {};
    try {
      value = JSON.parse(buttonValue(action) ?? '{}');
    } catch {
      // An unreadable value is answered as a review that is gone.
    }
    let language: Language | undefined;
    try {
      const review = isReviewId(value.r) ? await reviews.get(value.r) : undefined;
      language = review?.language ?? (await languageOf(user, workspace));
      const t = notices[language].archive;
      if (typeof value.s !== 'string' || !/^[a-z0-9-]+$/.test(value.s)) return void (await tell(t.gone));
      if (!(await editors.mayAdd(user, client))) return void (await tell(t.notEditor(editors.mentions)));
      const statementId = value.s;
      // The statement as it was added, by content: one whose counterparts or details were changed
      // by hand since is kept (older buttons, without a fingerprint, compare the time it was added).
      const fingerprint = typeof value.f === 'string' ? value.f : review?.outcome?.fingerprint;
      const outcome = await deps.archive.remove(
        statementId,
        (statement: Statement) =>
          statement.added?.from !== 'slack'
            ? 'changed'
            : statement.added.by !== user
              ? 'not_yours'
              : fingerprint
                ? fingerprintOf(statement) !== fingerprint
                  ? 'changed'
                  : undefined
                : review && review.outcome?.at !== statement.added.at
                  ? 'changed'
                  : undefined,
        user,
        deps.now(),
      );
      if (outcome.kind === 'missing') return void (await tell(t.removeMissing));
      if (outcome.kind === 'refused')
        return void (await tell(outcome.reason === 'not_yours' ? t.notYours : t.removeChanged));
      await deps.announce().catch(() => undefined);
      const at = deps.now().toISOString();
      await audit.record({
        team: teamOf(body),
        user,
        action: 'remove',
        statement: value.s,
        ...(review ? { review: review.id } : {}),
      });
      const container = (body as { container?: { channel_id?: string; message_ts?: string } }).container;
      const channel = review?.channel ?? container?.channel_id;
      const ts = review?.ts ?? container?.message_ts;
      if (channel && ts)
        await show(
          client,
          channel,
          ts,
          { kind: 'removed', statement: outcome.statement, by: user, at },
          language,
        );
    } catch (error) {
      log.error(`a statement could not be removed: ${errorCode(error)}`);
      language ??= await languageOf(user, workspace).catch(() => 'en' as const);
      await tell(notices[language].archive.unreachableRemove);
    }
  });

  app.action(openAddAction, async ({ ack, body, client, context: bolt }) => {
    await ack();
    const user = body.user.id;
    const language = await languageOf(user, workspaceOf(body, bolt, client));
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

  return { receive, close: () => clearInterval(sweeper) };
}

/** The comment written on top of a statement file added from Slack. */
const yamlNote = (review: PendingReview, user: string, at: string) =>
  review.documents.length === 2
    ? `Added from Slack by ${user}, ${at}, from its English and French versions: counterparts are official.\n# Pairs flagged in the review deserve a look.`
    : `Added from Slack by ${user}, ${at}: fill in each counterpart marked \`origin: missing\`.`;

const idOf = (where: string) => where.replace(/^.*[\\/: ]/, '').replace(/\.yml$/, '');
