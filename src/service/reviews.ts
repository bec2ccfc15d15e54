import { type Language, otherLanguage, type Statement } from '../core/corpus.ts';
import { DataError, DocumentError, type DocumentProblem, errorCode } from '../core/errors.ts';
import {
  alignUnitsOf,
  type BuildResult,
  buildFromDocuments,
  IngestError,
  type IngestProblem,
  type ReadVersion,
  type StatementOverrides,
  sourceOf,
} from '../core/ingest/build-statement.ts';
import { halfFor, halfLanguage, versionOfHalf } from '../core/ingest/halves.ts';
import { contentKey, isSameStatement } from '../core/ingest/identity.ts';
import type { IngestLimits } from '../core/ingest/limits.ts';
import { readStatementDocument } from '../core/ingest/plain-text.ts';
import { toStatementYaml } from '../core/ingest/statement-yaml.ts';
import type { Knowledge } from '../core/knowledge-base.ts';
import { checkStatementSource, type StatementRules } from '../core/statement-rules.ts';
import type { ArchiveStore } from '../ports/archive.ts';
import type { AuditLog } from '../ports/audit.ts';
import {
  isReviewId,
  newReviewId,
  type PendingReview,
  type ReviewStore,
  reviewLifetimeMs,
  reviewState,
} from '../ports/reviews.ts';
import { type AddOutcome, addStatement, fingerprintOf } from './add-statement.ts';
import { AlignmentError, alignOffThread } from './documents/align-off-thread.ts';
import { readDocumentInWorker } from './documents/read-document.ts';

/**
 * The review workflow of adding a statement, whatever the front end: files sent by an
 * editor are read, built and kept for review; Edit, Add, Discard and Remove act on it.
 * It knows nothing of Slack: a front end gives it the files, the person acting, and a
 * surface where the review is shown and the person told; it words nothing itself (every
 * answer is a `ReviewNotice` or a `ReviewView`, as data).
 */

/** What the service needs; chosen once by the composition and passed in. */
export interface ReviewDeps {
  reviews: ReviewStore;
  audit: AuditLog;
  /** Where statements are added and removed. */
  archive: ArchiveStore;
  knowledge: () => Knowledge;
  /** Tells every instance that the archive changed. */
  announce: () => Promise<void>;
  limits: IngestLimits;
  /** Largest statement file, in bytes (`STATEMENT_MAX_MB`): an Add is held to the loader's rules. */
  maxStatementBytes: number;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  now: () => Date;
}

/** The person acting: who, in which workspace, whether they may edit the archive, and who may. */
export interface Actor {
  user: string;
  team: string;
  mayAdd(): Promise<boolean>;
  /** The editors, as the front end names them, for a refusal. */
  editors: string;
  /** False when no editor is set: adding is off. */
  configured: boolean;
}

/** Where a review message is (a channel and a message, for Slack). */
export interface Place {
  channel: string;
  ts: string;
}

/** The front end's side: where a review is shown, and how the person acting is told privately. */
export interface ReviewSurface {
  show(view: ReviewView, place: Place, language: Language): Promise<unknown>;
  tell(notice: ReviewNotice, language: Language): Promise<unknown>;
  /** The language of the person acting, when no review says it. */
  language(): Promise<Language>;
}

/** A file someone sent: its name, and how to get its bytes (which may fail with a `FileUnavailable`). */
export interface IncomingFile {
  name: string;
  bytes(): Promise<Uint8Array>;
}

/** Why a file could not be had from where it was sent (a front end's download). */
export class FileUnavailable extends Error {
  override readonly name = 'FileUnavailable';
  readonly code: string;
  readonly size?: number;
  constructor(code: string, size?: number) {
    super(code);
    this.code = code;
    if (size !== undefined) this.size = size;
  }
}

/** What the service answers, as data: each front end words it in the person's language. */
export type ReviewNotice =
  | {
      kind:
        | 'off'
        | 'gone'
        | 'expired'
        | 'busy'
        | 'changed'
        | 'unreachable'
        | 'unreachableRemove'
        | 'notKept'
        | 'alignment'
        | 'failed'
        | 'invalid'
        | 'notYours'
        | 'removeMissing'
        | 'removeChanged'
        | 'noHalf'
        | 'targetChanged'
        | 'wouldLose';
    }
  | { kind: 'notEditor'; editors: string }
  /** A second click after a successful Add: who added it, when, and as which statement. */
  | { kind: 'alreadyAdded'; by: string; at: string; id?: string }
  | { kind: 'tooManyFiles'; count: number }
  | { kind: 'unreadableId'; id: string }
  | { kind: 'statementTooLarge'; size: number; limit: number }
  | { kind: 'problem'; problem: IngestProblem }
  /** A file that could not be had (`code` from the front end's download) or read (a DocumentProblem). */
  | { kind: 'file'; name: string; code: string | DocumentProblem; size?: number; limit: number };

/** What a review message shows, as data. */
export type ReviewView =
  | { kind: 'reading'; names: string[] }
  /** Other files are being read first: this one's place in line (1: next). */
  | { kind: 'queued'; names: string[]; position: number }
  | { kind: 'problems'; problems: ReviewNotice[] }
  | {
      kind: 'review';
      review: PendingReview;
      result: BuildResult;
      /**
       * The statement of the archive that holds the same content, when one does; `half` when
       * it holds one version only, which this review could complete or replace.
       */
      duplicate?: { id: string; title: Statement['title']; half?: HalfOffer };
      /** The version that just joined this review (sent in a second message). */
      joined?: Language;
      /** A one-version review that looks like the other version of a half in the archive. */
      half?: { id: string; title: Statement['title'] } & HalfOffer;
      /** The other version, also in the archive on its own, to take out once this is added. */
      alone?: Alone;
    }
  /** A review that continues in a later message (its other version was sent there). */
  | { kind: 'moved' }
  | { kind: 'added'; review: PendingReview; statement: Statement; by: string; at: string; alone?: Alone }
  | { kind: 'removed'; statement: Statement; by: string; at: string }
  /** The statement's titles stay, so that the conversation still says what was discarded. */
  | { kind: 'discarded'; by: string; at: string; title: Statement['title'] }
  | { kind: 'expired' };

/** A statement in one language that the one just completed makes redundant: its Remove button's value. */
export interface Alone {
  id: string;
  title: Statement['title'];
  language: Language;
  fingerprint: string;
}

/** A half of the archive, and whether the person acting may complete or replace it (only who added it may). */
export interface HalfOffer {
  /** The language the half is in. */
  language: Language;
  /** Who added it from Slack; undefined when it was not added from Slack. */
  addedBy?: string;
  mayChange: boolean;
}

/** What a Remove button carries: the review, the statement, and the statement's fingerprint when added. */
export interface RemoveRequest {
  review?: unknown;
  statement?: unknown;
  fingerprint?: unknown;
}

/** The review workflow over the ports of `deps`. */
export function createReviewService(deps: ReviewDeps) {
  const { reviews, audit, log } = deps;

  /** Rebuilds a review's statement from its documents and corrections: deterministic, so Add writes what was shown. */
  const build = (review: PendingReview, overrides = review.overrides): BuildResult =>
    buildFromDocuments(
      review.documents as ReadVersion[],
      deps.knowledge().glossary,
      overrides,
      review.beads ? { beads: review.beads } : {},
    );

  /** The archive's statement with the same content, or the same title, date and speaker. */
  const duplicateOf = (statement: Statement) =>
    deps
      .knowledge()
      .statements.find(
        (s) =>
          contentKey(s) === contentKey(statement) || (s.id === statement.id && isSameStatement(s, statement)),
      );

  /** A half of the archive as offered to this person: only who added it from Slack may change it. */
  const offerOf = (half: Statement, user: string): HalfOffer => ({
    language: halfLanguage(half) ?? half.paragraphs[0]?.delivered ?? 'en',
    ...(half.added?.from === 'slack' ? { addedBy: half.added.by } : {}),
    mayChange: half.added?.from === 'slack' && half.added.by === user,
  });

  /**
   * What a review shows besides itself: the archive's statement it duplicates (and whether
   * it is a half this review can complete), the half a one-version review is the other
   * version of, and the other version left on its own.
   */
  const reviewView = (
    review: PendingReview,
    result: BuildResult,
    user: string,
    joined?: Language,
  ): Extract<ReviewView, { kind: 'review' }> => {
    const view: Extract<ReviewView, { kind: 'review' }> = {
      kind: 'review',
      review,
      result,
      ...(joined ? { joined } : {}),
    };
    const statements = deps.knowledge().statements;
    const target = review.target && statements.find((s) => s.id === review.target!.id);
    if (!review.target) {
      const duplicate = duplicateOf(result.statement);
      if (duplicate) {
        const pair = review.documents.length === 2 && halfLanguage(duplicate) !== undefined;
        view.duplicate = {
          id: duplicate.id,
          title: duplicate.title,
          ...(pair ? { half: offerOf(duplicate, user) } : {}),
        };
      } else if (review.documents.length === 1) {
        const half = halfFor(review.documents[0]!.version, statements);
        if (half) view.half = { id: half.id, title: half.title, ...offerOf(half, user) };
      }
    }
    const completed =
      target ?? (view.duplicate?.half ? statements.find((s) => s.id === view.duplicate!.id) : undefined);
    const alone = completed && aloneBeside(completed);
    if (alone) view.alone = alone;
    return view;
  };

  /** The other version of a half, in the archive on its own (same date, the other language), if it is. */
  const aloneBeside = (half: Statement): Alone | undefined => {
    const language = halfLanguage(half);
    if (!language) return undefined;
    const alone = deps
      .knowledge()
      .statements.find(
        (s) => s.id !== half.id && s.date === half.date && halfLanguage(s) === otherLanguage(language),
      );
    return alone
      ? {
          id: alone.id,
          title: alone.title,
          language: otherLanguage(language),
          fingerprint: fingerprintOf(alone),
        }
      : undefined;
  };

  /** The loader's rules, as they stand: what no instance would load is never added. */
  const rules = (): StatementRules => ({
    maxFileBytes: deps.maxStatementBytes,
    themes: { themes: [...deps.knowledge().themes] },
  });

  /** Why the statement cannot go into the archive as it is (too large once written, or invalid); undefined when it can. */
  const refusal = (statement: Statement): ReviewNotice | undefined => {
    const yaml = toStatementYaml(statement);
    const size = Buffer.byteLength(yaml, 'utf8');
    if (size > deps.maxStatementBytes)
      return { kind: 'statementTooLarge', size, limit: deps.maxStatementBytes };
    try {
      checkStatementSource(yaml, `${statement.id}.yml`, rules());
      return undefined;
    } catch (error) {
      if (error instanceof DataError) return { kind: 'invalid' };
      throw error;
    }
  };

  /** What went wrong with a file, as data. */
  const fileNotice = (error: unknown, name: string): ReviewNotice => {
    const limit = deps.limits.maxFileBytes;
    if (error instanceof FileUnavailable)
      return {
        kind: 'file',
        name,
        code: error.code,
        ...(error.size !== undefined ? { size: error.size } : {}),
        limit,
      };
    if (error instanceof DocumentError) return { kind: 'file', name, code: error.code, limit };
    return { kind: 'failed' };
  };

  /** A review still open for this editor, or undefined once they have been told why not. */
  const openReview = async (
    id: unknown,
    actor: Actor,
    surface: ReviewSurface,
  ): Promise<PendingReview | undefined> => {
    const review = isReviewId(id) ? await reviews.get(id) : undefined;
    const language = review?.language ?? (await surface.language());
    if (!review) return void (await surface.tell({ kind: 'gone' }, language));
    const state = reviewState(review, deps.now());
    if (state === 'expired') {
      if (review.ts) await surface.show({ kind: 'expired' }, placeOf(review)!, language);
      return void (await surface.tell({ kind: 'expired' }, language));
    }
    if (!(await actor.mayAdd()))
      return void (await surface.tell({ kind: 'notEditor', editors: actor.editors }, language));
    if (state === 'adding') return void (await surface.tell({ kind: 'busy' }, language));
    if (state === 'added')
      return void (await surface.tell(
        review.outcome ? alreadyAdded(review.outcome) : { kind: 'gone' },
        language,
      ));
    return review;
  };

  /** Runs a decision on an open review; whatever fails (a store that does not answer) is told at once. */
  const deciding = async (
    id: unknown,
    actor: Actor,
    surface: ReviewSurface,
    decide: (review: PendingReview) => Promise<void>,
  ) => {
    let language: Language | undefined;
    try {
      const review = await openReview(id, actor, surface);
      if (!review) return;
      language = review.language;
      await decide(review);
    } catch (error) {
      log.error(`a review could not be decided: ${errorCode(error)}`);
      language ??= await surface.language().catch(() => 'en' as const);
      await surface.tell({ kind: 'unreachable' }, language);
    }
  };

  /** How long after a review the editor's other version still joins it: the files of one submission. */
  const joinWindowMs = 10 * 60_000;

  /**
   * The open review a version just read joins: the one named (from "Add the other version"),
   * else the editor's newest review of the last minutes that holds one version, in the other
   * language. `same_language` when the one named is in the same language.
   */
  const joinable = async (
    actor: Actor,
    document: ReadVersion,
    named?: string,
  ): Promise<PendingReview | 'same_language' | undefined> => {
    const now = deps.now();
    const open = (review: PendingReview | undefined): review is PendingReview =>
      review !== undefined &&
      review.team === actor.team &&
      reviewState(review, now) === 'open' &&
      review.documents.length === 1 &&
      !review.target;
    if (named !== undefined) {
      const review = isReviewId(named) ? await reviews.get(named) : undefined;
      if (!open(review)) return undefined;
      return review.documents[0]!.version.language === document.version.language ? 'same_language' : review;
    }
    const recent = await reviews.recentBy(actor.team, actor.user, new Date(now.getTime() - joinWindowMs));
    return recent.find(
      (review) => open(review) && review.documents[0]!.version.language !== document.version.language,
    );
  };

  /** The review with these documents, aligned once off the thread that answers, and built; or the problem. */
  const rebuilt = async (
    review: PendingReview,
  ): Promise<{ review: PendingReview; result: BuildResult } | { problem: ReviewNotice }> => {
    const next: PendingReview = { ...review };
    delete next.beads;
    try {
      const units = alignUnitsOf(next.documents as ReadVersion[]);
      if (units) next.beads = await alignOffThread(units.en, units.fr, deps.knowledge().glossary);
      const result = build(next);
      const refused = refusal(result.statement);
      return refused ? { problem: refused } : { review: next, result };
    } catch (error) {
      if (error instanceof IngestError) return { problem: { kind: 'problem', problem: error.problem } };
      if (error instanceof AlignmentError) return { problem: { kind: 'alignment' } };
      throw error;
    }
  };

  /**
   * The other version joins an open review: aligned with the first, the review moves to the
   * new message (where the editor is looking) as a pair, and its old message says so.
   */
  const join = async (
    review: PendingReview,
    document: ReadVersion,
    actor: Actor,
    place: Place,
    surface: ReviewSurface,
  ) => {
    const language = review.language;
    const made = await rebuilt({ ...review, documents: [...review.documents, document], ...place });
    if ('problem' in made)
      return void (await surface.show({ kind: 'problems', problems: [made.problem] }, place, language));
    const saved = await reviews.update(made.review);
    if (!saved)
      return void (await surface.show(
        { kind: 'problems', problems: [{ kind: 'changed' }] },
        place,
        language,
      ));
    await audit.record({ team: actor.team, user: actor.user, action: 'review', review: saved.id });
    const before = placeOf(review);
    if (before && before.ts !== place.ts)
      await surface
        .show({ kind: 'moved' }, before, language)
        .catch((error: unknown) => log.warn(`a moved review could not be marked: ${errorCode(error)}`));
    await surface.show(
      reviewView(saved, made.result, actor.user, document.version.language),
      place,
      language,
    );
  };

  /**
   * Points a review at the half it completes or replaces, for the editor who added that half:
   * a one-version review gets the half's version beside its own; a pair just its target.
   */
  const retarget = (mode: 'update' | 'replace') => (id: unknown, actor: Actor, surface: ReviewSurface) =>
    deciding(id, actor, surface, async (review) => {
      const language = review.language;
      const statements = deps.knowledge().statements;
      const half =
        review.documents.length === 1
          ? halfFor(review.documents[0]!.version, statements)
          : (() => {
              const duplicate = duplicateOf(build(review).statement);
              return duplicate && halfLanguage(duplicate) ? duplicate : undefined;
            })();
      if (!half || (review.documents.length === 1 && mode === 'replace'))
        return void (await surface.tell({ kind: 'noHalf' }, language));
      if (!offerOf(half, actor.user).mayChange)
        return void (await surface.tell({ kind: 'targetChanged' }, language));
      const halfIn = halfLanguage(half)!;
      const next: PendingReview = {
        ...review,
        documents:
          review.documents.length === 1 ? [versionOfHalf(half), review.documents[0]!] : review.documents,
        overrides: { ...review.overrides, id: half.id, deliveredIn: halfIn },
        target: { id: half.id, mode },
      };
      const made = await rebuilt(next);
      if ('problem' in made) return void (await surface.tell(made.problem, language));
      const saved = await reviews.update(made.review);
      if (!saved) return void (await surface.tell({ kind: 'changed' }, language));
      await audit.record({ team: review.team, user: actor.user, action: 'edit', review: saved.id });
      if (saved.ts) await surface.show(reviewView(saved, made.result, actor.user), placeOf(saved)!, language);
    });

  return {
    build,

    /** Complete: the review goes into the half of the archive it is the other version of, keeping hand work. */
    complete: retarget('update'),

    /** Replace: the review's pair takes the place of the half it duplicates, whole. */
    replace: retarget('replace'),

    /** Forgets the reviews whose time has passed. */
    sweep: () =>
      reviews
        .sweep(deps.now())
        .then((n) => n > 0 && log.info(`${n} expired review(s) forgotten`))
        .catch((error: unknown) => log.warn(`reviews could not be swept: ${errorCode(error)}`)),

    /**
     * Whether this person may send files, before anything of theirs is fetched: a refusal
     * (adding off, not an editor, too many files) is recorded and returned; undefined to go on.
     */
    async admit(actor: Actor, files: number): Promise<ReviewNotice | undefined> {
      if (!actor.configured) {
        await audit.record({ team: actor.team, user: actor.user, action: 'refuse' });
        return { kind: 'off' };
      }
      if (!(await actor.mayAdd())) {
        await audit.record({ team: actor.team, user: actor.user, action: 'refuse' });
        return { kind: 'notEditor', editors: actor.editors };
      }
      if (files > 2) return { kind: 'tooManyFiles', count: files };
      return undefined;
    },

    /** The notice for a file that could not be described or had, as data. */
    fileNotice,

    /**
     * Reads the files an editor sent, builds the statement and keeps it for review, shown
     * at `place` (a message that says "Reading…"): problems are shown there instead.
     */
    async open(
      input: {
        actor: Actor;
        language: Language;
        files: IncomingFile[];
        overrides?: StatementOverrides;
        place: Place;
        /** The review this file is the other version of ("Add the other version"); else the editor's latest, if recent. */
        join?: string;
      },
      surface: ReviewSurface,
    ): Promise<void> {
      const { actor, language, place } = input;
      const fail = (problems: ReviewNotice[]) =>
        surface.show({ kind: 'problems', problems }, place, language);
      const names = input.files.map((file) => file.name);
      try {
        const documents: ReadVersion[] = [];
        const problems: ReviewNotice[] = [];
        const today = deps.now().toISOString().slice(0, 10);
        // While other files are read first, the editor is told their place in line.
        const queued = (position: number) =>
          void surface
            .show({ kind: 'queued', position, names }, place, language)
            .catch((error: unknown) => log.warn(`the place in line could not be shown: ${errorCode(error)}`));
        for (const file of input.files) {
          try {
            const bytes = await file.bytes();
            const version = readStatementDocument(
              await readDocumentInWorker(bytes, deps.limits, { onQueued: queued }),
            );
            documents.push({ version, source: sourceOf(version, file.name, today) });
          } catch (error) {
            problems.push(fileNotice(error, file.name));
            if (!(error instanceof FileUnavailable || error instanceof DocumentError))
              log.warn(`a file could not be read: ${errorCode(error)}`);
          }
        }
        if (problems.length > 0) return void (await fail(problems));
        if (documents.length === 0) return void (await fail([{ kind: 'failed' }]));
        // One version sent after the other, in two messages: it joins the editor's open review.
        if (documents.length === 1) {
          const joining = await joinable(actor, documents[0]!, input.join);
          if (joining === 'same_language')
            return void (await fail([
              {
                kind: 'problem',
                problem: { kind: 'same_language', language: documents[0]!.version.language },
              },
            ]));
          if (joining) return void (await join(joining, documents[0]!, actor, place, surface));
        }
        const now = deps.now();
        const review: PendingReview = {
          id: newReviewId(),
          team: actor.team,
          user: actor.user,
          language,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + reviewLifetimeMs).toISOString(),
          channel: place.channel,
          ts: place.ts,
          documents,
          overrides: input.overrides ?? {},
          status: 'pending',
          version: 0,
        };
        let result: BuildResult;
        try {
          // Two versions are aligned in a worker, once: nothing on the answering thread grows with a document.
          const units = alignUnitsOf(documents);
          if (units) review.beads = await alignOffThread(units.en, units.fr, deps.knowledge().glossary);
          result = build(review);
        } catch (error) {
          if (error instanceof IngestError)
            return void (await fail([{ kind: 'problem', problem: error.problem }]));
          if (error instanceof AlignmentError) return void (await fail([{ kind: 'alignment' }]));
          throw error;
        }
        // What the loader would refuse is refused here, before any review is kept.
        const refused = refusal(result.statement);
        if (refused) return void (await fail([refused]));
        await reviews.put(review);
        await audit.record({ team: actor.team, user: actor.user, action: 'review', review: review.id });
        await surface.show(reviewView(review, result, actor.user), place, language);
      } catch (error) {
        // A store that does not answer (or any fault) is said at once, where "Reading…" was.
        log.error(`files could not be reviewed: ${errorCode(error)}`);
        await fail([{ kind: 'notKept' }]);
      }
    },

    /** Add: the review claimed by compare-and-set, its statement written once, the review marked added. */
    add: (id: unknown, actor: Actor, surface: ReviewSurface) =>
      deciding(id, actor, surface, async (review) => {
        const language = review.language;
        // Taken by compare-and-set: an Edit, a Discard or another Add in between wins instead.
        const claimed = await reviews.update({
          ...review,
          status: 'adding',
          claim: { by: actor.user, at: deps.now().toISOString() },
        });
        if (!claimed) return void (await surface.tell({ kind: 'changed' }, language));
        /** Opens the review again after a failed Add; if even that fails, its claim expires on its own. */
        const reopen = () =>
          reviews
            .update({ ...claimed, status: 'pending', claim: undefined })
            .catch((error: unknown) => log.warn(`a review could not be reopened: ${errorCode(error)}`));
        let outcome: AddOutcome;
        let statement: Statement;
        /** The half this Add completes or replaces. */
        let completing: Statement | undefined;
        let result: BuildResult;
        const at = deps.now().toISOString();
        try {
          result = build(claimed);
          statement = { ...result.statement, added: { from: 'slack', by: actor.user, at } };
          const refused = refusal(statement);
          if (refused) {
            await reopen();
            return void (await surface.tell(refused, language));
          }
          const target = claimed.target;
          completing = undefined;
          if (target) {
            // Still the half it was, and still this editor's to change: else nothing is written.
            const held = await deps.archive.get(target.id);
            if (
              held === undefined ||
              held === 'unreadable' ||
              !halfLanguage(held) ||
              !offerOf(held, actor.user).mayChange
            ) {
              await reopen();
              return void (await surface.tell({ kind: 'targetChanged' }, language));
            }
            completing = held;
          }
          outcome = await addStatement(deps.archive, {
            statement: target ? { ...statement, id: target.id } : statement,
            mode: target?.mode ?? 'new',
            known: deps.knowledge().statements,
            note: yamlNote(claimed, actor.user, at),
            rules: rules(),
            // Completing: the other version's own title, forum, place and speaker come in.
            ...(target ? { idGiven: true, given: new Set(['title', 'forum', 'place', 'speaker']) } : {}),
          });
        } catch (error) {
          await reopen();
          log.error(`adding a statement failed: ${errorCode(error)}`);
          return void (await surface.tell({ kind: 'unreachable' }, language));
        }
        if (outcome.kind !== 'written' && outcome.kind !== 'duplicate') {
          await reopen();
          return void (await surface.tell(
            outcome.kind === 'exists' || outcome.kind === 'unreadable'
              ? { kind: 'unreadableId', id: outcome.id }
              : outcome.kind === 'would_lose'
                ? { kind: 'wouldLose' }
                : { kind: 'unreachable' },
            language,
          ));
        }
        const written = outcome;
        const record = (action: 'duplicate' | 'add') =>
          audit.record({
            team: claimed.team,
            user: actor.user,
            action,
            statement: written.id,
            review: claimed.id,
          });
        const redraw = (view: ReviewView) =>
          claimed.ts ? surface.show(view, placeOf(claimed)!, language) : undefined;
        if (outcome.kind === 'duplicate') {
          await reopen();
          await record('duplicate');
          const view = reviewView(claimed, result, actor.user);
          await redraw({ ...view, duplicate: view.duplicate ?? { id: outcome.id, title: outcome.title } });
          return;
        }
        const added = await reviews.update({
          ...claimed,
          status: 'added',
          claim: undefined,
          outcome: { by: actor.user, at, id: outcome.id, fingerprint: outcome.fingerprint },
        });
        if (!added) log.warn('an added review could not be marked added: its claim had expired');
        await deps.announce().catch(() => undefined);
        await record('add');
        const alone = completing && aloneBeside(completing);
        await redraw({
          kind: 'added',
          review: added ?? claimed,
          statement: { ...statement, id: outcome.id },
          by: actor.user,
          at,
          ...(alone ? { alone } : {}),
        });
      }),

    /** Discard: nothing of the review is kept (unless it changed meanwhile). */
    discard: (id: unknown, actor: Actor, surface: ReviewSurface) =>
      deciding(id, actor, surface, async (review) => {
        // The titles as the review showed them, kept in the conversation once the review is gone.
        let title: Statement['title'];
        try {
          title = build(review).statement.title;
        } catch {
          title = {
            en: review.documents[0]!.source.file ?? '?',
            fr: review.documents[0]!.source.file ?? '?',
          };
        }
        if (!(await reviews.delete(review.id, review.version)))
          return void (await surface.tell({ kind: 'changed' }, review.language));
        await audit.record({ team: review.team, user: actor.user, action: 'discard', review: review.id });
        if (review.ts)
          await surface.show(
            { kind: 'discarded', by: actor.user, at: deps.now().toISOString(), title },
            placeOf(review)!,
            review.language,
          );
      }),

    /** The review an Edit form opens on, with its statement as built; undefined once told why not. */
    async editable(
      id: unknown,
      actor: Actor,
      surface: ReviewSurface,
    ): Promise<{ review: PendingReview; statement: Statement } | undefined> {
      const review = await openReview(id, actor, surface);
      return review ? { review, statement: build(review).statement } : undefined;
    },

    /**
     * Saves an Edit, written only over the review that was read (an Add or another Edit in
     * between wins instead): the refusal, or the review redrawn.
     */
    async edit(
      id: unknown,
      actor: Actor,
      edited: StatementOverrides,
      surface: ReviewSurface,
    ): Promise<{ ok: true } | { ok: false; notice: ReviewNotice; language: Language }> {
      let language = await surface.language();
      let review: PendingReview | undefined;
      try {
        review = isReviewId(id) ? await reviews.get(id) : undefined;
      } catch (error) {
        log.error(`a review could not be read: ${errorCode(error)}`);
        return { ok: false, notice: { kind: 'unreachable' }, language };
      }
      language = review?.language ?? language;
      const state = review ? reviewState(review, deps.now()) : 'expired';
      if (!review || state !== 'open' || !(await actor.mayAdd()))
        return {
          ok: false,
          notice:
            state === 'adding'
              ? { kind: 'busy' }
              : state === 'added' && review?.outcome
                ? alreadyAdded(review.outcome)
                : { kind: 'gone' },
          language,
        };
      // What the form does not hold stays: the statement a completion goes into, and its language.
      const overrides: StatementOverrides = {
        ...edited,
        ...(review.target ? { id: review.target.id } : {}),
        ...(review.target && review.overrides.deliveredIn
          ? { deliveredIn: review.overrides.deliveredIn }
          : {}),
      };
      let result: BuildResult;
      try {
        result = build(review, overrides);
      } catch (error) {
        return {
          ok: false,
          notice:
            error instanceof IngestError ? { kind: 'problem', problem: error.problem } : { kind: 'failed' },
          language,
        };
      }
      const refused = refusal(result.statement);
      if (refused) return { ok: false, notice: refused, language };
      let stored: PendingReview | undefined;
      try {
        stored = await reviews.update({ ...review, overrides });
      } catch (error) {
        log.error(`an edited review could not be saved: ${errorCode(error)}`);
        return { ok: false, notice: { kind: 'unreachable' }, language };
      }
      if (!stored) return { ok: false, notice: { kind: 'changed' }, language };
      const saved = stored;
      // Recorded and redrawn after the front end has answered the form.
      queueMicrotask(() => {
        void (async () => {
          await audit.record({ team: saved.team, user: actor.user, action: 'edit', review: saved.id });
          if (saved.ts) await surface.show(reviewView(saved, result, actor.user), placeOf(saved)!, language);
        })().catch((error: unknown) => log.warn(`an edited review could not be shown: ${errorCode(error)}`));
      });
      return { ok: true };
    },

    /**
     * Remove: the statement taken out of the archive by the editor who added it, unless it
     * changed since (by content: its fingerprint; older buttons compare the time it was added).
     */
    async remove(
      request: RemoveRequest,
      actor: Actor,
      surface: ReviewSurface,
      fallback?: Place,
    ): Promise<void> {
      let language: Language | undefined;
      try {
        const review = isReviewId(request.review) ? await reviews.get(request.review) : undefined;
        language = review?.language ?? (await surface.language());
        const statementId = request.statement;
        if (typeof statementId !== 'string' || !/^[a-z0-9-]+$/.test(statementId))
          return void (await surface.tell({ kind: 'gone' }, language));
        if (!(await actor.mayAdd()))
          return void (await surface.tell({ kind: 'notEditor', editors: actor.editors }, language));
        const fingerprint =
          typeof request.fingerprint === 'string' ? request.fingerprint : review?.outcome?.fingerprint;
        const outcome = await deps.archive.remove(
          statementId,
          (statement: Statement) =>
            statement.added?.from !== 'slack'
              ? 'changed'
              : statement.added.by !== actor.user
                ? 'not_yours'
                : fingerprint
                  ? fingerprintOf(statement) !== fingerprint
                    ? 'changed'
                    : undefined
                  : review && review.outcome?.at !== statement.added.at
                    ? 'changed'
                    : undefined,
          actor.user,
          deps.now(),
        );
        if (outcome.kind === 'missing') return void (await surface.tell({ kind: 'removeMissing' }, language));
        if (outcome.kind === 'refused')
          return void (await surface.tell(
            { kind: outcome.reason === 'not_yours' ? 'notYours' : 'removeChanged' },
            language,
          ));
        await deps.announce().catch(() => undefined);
        const at = deps.now().toISOString();
        await audit.record({
          team: actor.team,
          user: actor.user,
          action: 'remove',
          statement: statementId,
          ...(review ? { review: review.id } : {}),
        });
        const place = (review && placeOf(review)) ?? fallback;
        if (place)
          await surface.show(
            { kind: 'removed', statement: outcome.statement, by: actor.user, at },
            place,
            language,
          );
      } catch (error) {
        log.error(`a statement could not be removed: ${errorCode(error)}`);
        language ??= await surface.language().catch(() => 'en' as const);
        await surface.tell({ kind: 'unreachableRemove' }, language);
      }
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;

const alreadyAdded = (outcome: NonNullable<PendingReview['outcome']>): ReviewNotice => ({
  kind: 'alreadyAdded',
  by: outcome.by,
  at: outcome.at,
  ...(outcome.id ? { id: outcome.id } : {}),
});

const placeOf = (review: PendingReview): Place | undefined =>
  review.ts ? { channel: review.channel, ts: review.ts } : undefined;

/** The comment written on top of a statement file added from Slack. */
const yamlNote = (review: PendingReview, user: string, at: string) =>
  review.documents.length === 2
    ? `Added from Slack by ${user}, ${at}, from its English and French versions: counterparts are official.\n# Pairs flagged in the review deserve a look.`
    : `Added from Slack by ${user}, ${at}: fill in each counterpart marked \`origin: missing\`.`;
