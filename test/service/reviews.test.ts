import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryAuditLog } from '../../src/adapters/local/audit.ts';
import { filesArchive } from '../../src/adapters/local/files-archive.ts';
import { memoryReviewStore } from '../../src/adapters/local/reviews.ts';
import type { Language } from '../../src/core/corpus.ts';
import { defaultIngestLimits } from '../../src/core/ingest/limits.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../src/service/knowledge/load.ts';
import {
  type Actor,
  createReviewService,
  FileUnavailable,
  type ReviewNotice,
  type ReviewSurface,
  type ReviewView,
} from '../../src/service/reviews.ts';

/** The review workflow driven without Slack: files in, views shown, notices told. */
const published = 'test/fixtures/align/published';
let dataDir: string;
let knowledge: Knowledge;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'quotes-service-'));
  cpSync('data', dataDir, { recursive: true });
  knowledge = await loadKnowledge(dataDir);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function harness(mayAdd = true) {
  const shown: ReviewView[] = [];
  const told: ReviewNotice[] = [];
  const audit = memoryAuditLog();
  const service = createReviewService({
    reviews: memoryReviewStore(),
    audit,
    archive: filesArchive(join(dataDir, 'statements'), join(dataDir, 'removed')),
    knowledge: () => knowledge,
    announce: async () => undefined,
    limits: defaultIngestLimits,
    maxStatementBytes: 5 * 1024 * 1024,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    now: () => new Date('2026-11-30T09:00:00.000Z'),
  });
  const surface: ReviewSurface = {
    show: async (view) => void shown.push(view),
    tell: async (notice) => void told.push(notice),
    language: async (): Promise<Language> => 'en',
  };
  const actor: Actor = {
    user: 'U0EDITOR',
    team: 'T0MISSION',
    mayAdd: async () => mayAdd,
    editors: '<@U0EDITOR>',
    configured: true,
  };
  const file = (name: string, fixture: string) => ({
    name,
    bytes: async () => new Uint8Array(readFileSync(join(published, fixture))),
  });
  return { service, surface, actor, shown, told, audit, file };
}

const statements = () => readdirSync(join(dataDir, 'statements')).filter((name) => name.endsWith('.yml'));

describe('the review workflow, without any front end', () => {
  it('reads two versions into a review, adds it once, and then refuses a second Add', async () => {
    const { service, surface, actor, shown, told, audit, file } = harness();
    const before = statements();
    await service.open(
      {
        actor,
        language: 'en',
        files: [
          file('london.en.txt', 'pm-london-2017-06-04.en.txt'),
          file('london.fr.txt', 'pm-london-2017-06-04.fr.txt'),
        ],
        place: { channel: 'D0EDITOR', ts: '1.000' },
      },
      surface,
    );
    const review = shown.at(-1);
    if (review?.kind !== 'review') throw new Error(`shown ${review?.kind}`);
    expect(review.result.statement.title.en).toBe(
      'Statement by the Prime Minister of Canada on the terrorist attack in London',
    );
    expect(review.review.beads?.length).toBe(review.result.pairs.length);
    await Promise.all([
      service.add(review.review.id, actor, surface),
      service.add(review.review.id, actor, surface),
    ]);
    expect(shown.filter((view) => view.kind === 'added')).toHaveLength(1);
    // The second click saw the review open, then lost the compare-and-set (or found it being added).
    expect(told).toHaveLength(1);
    expect(['busy', 'changed']).toContain(told[0]!.kind);
    expect(statements().filter((name) => !before.includes(name))).toHaveLength(1);
    expect(audit.entries.map((entry) => entry.action)).toEqual(['review', 'add']);
    // A third click, well after: it was added, by whom, when and as what, not a failure.
    await service.add(review.review.id, actor, surface);
    const added = shown.find((view) => view.kind === 'added');
    expect(told.at(-1)).toEqual({
      kind: 'alreadyAdded',
      by: 'U0EDITOR',
      at: added?.kind === 'added' ? added.at : '?',
      id: added?.kind === 'added' ? added.statement.id : '?',
    });
  });

  it('refuses a non-editor before any file is read, and words nothing itself', async () => {
    const { service, actor, audit } = harness(false);
    expect(await service.admit(actor, 1)).toEqual({ kind: 'notEditor', editors: '<@U0EDITOR>' });
    expect(await service.admit({ ...actor, mayAdd: async () => true }, 3)).toEqual({
      kind: 'tooManyFiles',
      count: 3,
    });
    expect(audit.entries).toEqual([{ team: 'T0MISSION', user: 'U0EDITOR', action: 'refuse' }]);
  });

  it('shows a file that could not be had as a problem, and keeps no review', async () => {
    const { service, surface, actor, shown } = harness();
    await service.open(
      {
        actor,
        language: 'en',
        files: [
          {
            name: 'drive.docx',
            bytes: async () => {
              throw new FileUnavailable('external');
            },
          },
        ],
        place: { channel: 'D0EDITOR', ts: '2.000' },
      },
      surface,
    );
    expect(shown).toEqual([
      {
        kind: 'problems',
        problems: [
          { kind: 'file', name: 'drive.docx', code: 'external', limit: defaultIngestLimits.maxFileBytes },
        ],
      },
    ]);
  });

  it('takes an edit over the version it was made from, and discards', async () => {
    const { service, surface, actor, shown, told, file } = harness();
    await service.open(
      {
        actor,
        language: 'en',
        files: [file('syria.en.txt', 'pm-syria-2018-04-13.en.txt')],
        place: { channel: 'D0EDITOR', ts: '3.000' },
      },
      surface,
    );
    const review = shown.at(-1);
    if (review?.kind !== 'review') throw new Error(`shown ${review?.kind}`);
    expect(await service.edit(review.review.id, actor, { speaker: 'Justin Trudeau' }, surface)).toEqual({
      ok: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const redrawn = shown.at(-1);
    expect(redrawn?.kind === 'review' && redrawn.result.statement.speaker?.name.en).toBe('Justin Trudeau');
    await service.discard(review.review.id, actor, surface);
    // The titles stay with who discarded it and when: the conversation still says what it was.
    expect(shown.at(-1)).toEqual({
      kind: 'discarded',
      by: 'U0EDITOR',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      title: redrawn?.kind === 'review' ? redrawn.result.statement.title : undefined,
    });
    await service.add(review.review.id, actor, surface);
    expect(told.at(-1)).toEqual({ kind: 'gone' });
  });
});
