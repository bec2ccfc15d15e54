import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answer } from '../src/core/answer';
import type { Knowledge } from '../src/core/knowledge-base';
import { loadKnowledge } from '../src/knowledge';
import { type KnowledgeStore, watchKnowledge } from '../src/watch';

const second = 'test/fixtures/statements/test-poc-open-debate-2019-05-23.yml';
let store: KnowledgeStore | undefined;
let dir = '';

afterEach(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function watched() {
  dir = mkdtempSync(join(tmpdir(), 'quotes-watch-'));
  cpSync('data', dir, { recursive: true });
  const knowledge = await loadKnowledge(dir);
  const outcomes: Array<{ ok: boolean; error?: string }> = [];
  const log: string[] = [];
  store = watchKnowledge(dir, knowledge, {
    debounceMs: 50,
    log: (message) => log.push(message),
    onReload: (outcome) => outcomes.push(outcome.ok ? { ok: true } : { ok: false, error: outcome.error }),
  });
  return { knowledge, outcomes, log, store };
}

const hits = (knowledge: Knowledge, query: string) => {
  const reply = answer(query, knowledge);
  return reply.kind === 'quotes' ? reply.results.map((r) => r.statement) : [];
};

describe('live reload of the data folder', () => {
  it('picks up an added statement, then its removal, without a restart', async () => {
    const { store } = await watched();
    expect(hits(store.get(), 'hospitals schools')).toEqual([]);
    cpSync(second, join(dir, 'statements', 'second.yml'));
    await until(() => store.get().statements.length === 2);
    expect(hits(store.get(), 'hospitals schools')).toEqual(['test-poc-open-debate-2019-05-23']);
    rmSync(join(dir, 'statements', 'second.yml'));
    await until(() => store.get().statements.length === 1);
  });

  it('keeps answering from the last good data when a changed file is bad, and says which file', async () => {
    const { store, outcomes, log, knowledge } = await watched();
    writeFileSync(join(dir, 'statements', 'broken.yml'), 'id: broken\nparagraphs: []\n');
    await until(() => outcomes.length > 0);
    expect(outcomes[0]).toMatchObject({ ok: false });
    expect(outcomes[0]!.error).toContain('broken.yml');
    expect(log.join('\n')).toContain('previous data keeps answering');
    expect(store.get()).toBe(knowledge);
    expect(hits(store.get(), 'veto')).toEqual(['canada-r2p-dialogue-2016-09-06']);
  });

  it('answers during a reload with a complete index (the swap is atomic)', async () => {
    const { store, outcomes } = await watched();
    cpSync(second, join(dir, 'statements', 'second.yml'));
    const seen = new Set<number>();
    while (outcomes.length === 0) {
      const current = store.get();
      seen.add(current.statements.length);
      expect(hits(current, 'veto')).toContain('canada-r2p-dialogue-2016-09-06');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(store.get().statements.length).toBe(2);
  });
});
