import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postgresArchive, postgresChangeSignal } from '../../../src/adapters/postgres/archive.ts';
import { answer } from '../../../src/core/answer.ts';
import { parseStatementFile } from '../../../src/core/data-file.ts';
import { DataError } from '../../../src/core/errors.ts';
import { StatementExistsError } from '../../../src/ports/archive.ts';
import { loadKnowledge } from '../../../src/service/knowledge/load.ts';
import { freshDatabase } from '../../support/databases.ts';
import { seedStatementId } from '../../support/knowledge.ts';

const postgresUrl = inject('postgresUrl');
const seedSource = readFileSync(`data/statements/${seedStatementId}.yml`, 'utf8');
const secondSource = readFileSync('test/fixtures/statements/test-poc-open-debate-2019-05-23.yml', 'utf8');
const secondId = parseStatementFile(secondSource, 'second.yml').id;

describe.skipIf(!postgresUrl)('the archive in PostgreSQL', () => {
  let url: string;
  let store: Awaited<ReturnType<typeof postgresArchive>>;
  beforeAll(async () => {
    url = await freshDatabase(postgresUrl);
    // Two instances starting at once migrate once.
    const [a, b] = await Promise.all([postgresArchive(url), postgresArchive(url)]);
    await b.close();
    store = a;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('writes a statement once, refuses to write over it, replaces it only when told, and moves its version on', async () => {
    const before = await store.version();
    expect(await store.write(seedStatementId, seedSource, false)).toBe(
      `archive database: ${seedStatementId}`,
    );
    await expect(store.write(seedStatementId, seedSource, false)).rejects.toBeInstanceOf(
      StatementExistsError,
    );
    await store.write(seedStatementId, seedSource.replace('# ', '# Edited: '), true);
    expect(Number(await store.version())).toBe(Number(before) + 2);
    expect(await store.ids()).toEqual([seedStatementId]);
    const got = await store.get(seedStatementId);
    expect(got !== 'unreadable' && got?.paragraphs).toHaveLength(22);
    expect((await store.list())[0]!.source).toContain('# Edited: ');
  });

  it('refuses a statement that does not validate, naming it, and writes nothing', async () => {
    const count = (await store.ids()).length;
    await expect(store.write('broken', 'id: broken\ncountry: 3\n', false)).rejects.toBeInstanceOf(DataError);
    expect(await store.ids()).toHaveLength(count);
  });

  it('notifies every listener of a change, through LISTEN/NOTIFY', async () => {
    const signal = postgresChangeSignal(url, () => undefined);
    let heard = 0;
    signal.subscribe(() => heard++);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await store.write(secondId, secondSource, false);
    const deadline = Date.now() + 5000;
    while (heard === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toBeGreaterThanOrEqual(1);
    await signal.close();
  });

  it('serves the knowledge from the database: the statements there are the ones answered', async () => {
    const knowledge = await loadKnowledge('data', { databaseUrl: url });
    expect(knowledge.statements.map((s) => s.id).sort()).toEqual([seedStatementId, secondId].sort());
    const reply = answer('veto', knowledge);
    expect(reply.kind).toBe('quotes');
  });

  it('keeps a removed statement in its table, and refuses what `allowed` refuses', async () => {
    const refused = await store.remove(secondId, () => 'not_yours', 'U0EDITOR', new Date());
    expect(refused).toEqual({ kind: 'refused', reason: 'not_yours' });
    const removed = await store.remove(
      secondId,
      () => undefined,
      'U0EDITOR',
      new Date('2026-11-30T10:00:00Z'),
    );
    expect(removed.kind).toBe('removed');
    expect(await store.get(secondId)).toBeUndefined();
    const kept = await store.pool.query('SELECT id, removed_by FROM quotes_removed');
    expect(kept.rows).toEqual([{ id: secondId, removed_by: 'U0EDITOR' }]);
    expect(await store.remove(secondId, () => undefined, 'U0EDITOR', new Date())).toEqual({
      kind: 'missing',
    });
  });
});
