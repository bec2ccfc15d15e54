import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toText } from '../../../src/cli/render-text.ts';
import { answer } from '../../../src/core/answer.ts';
import type { Knowledge } from '../../../src/core/knowledge-base.ts';
import {
  loadKnowledge,
  loadKnowledgeInWorker,
  loadKnowledgeWithReport,
} from '../../../src/service/knowledge/load.ts';
import {
  type KnowledgeStore,
  type WatchOptions,
  watchKnowledge,
} from '../../../src/service/knowledge/watch.ts';

const second = 'test/fixtures/statements/test-poc-open-debate-2019-05-23.yml';
let store: KnowledgeStore | undefined;
let dir = '';

afterEach(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function watched(
  options: { maxFileBytes?: number; prepare?: (dir: string) => void; load?: WatchOptions['load'] } = {},
) {
  dir = mkdtempSync(join(tmpdir(), 'quotes-watch-'));
  cpSync('data', dir, { recursive: true });
  options.prepare?.(dir);
  const knowledge = await loadKnowledge(dir);
  const outcomes: Array<{ ok: boolean; error?: string }> = [];
  const log: string[] = [];
  store = watchKnowledge(dir, knowledge, {
    debounceMs: 50,
    checkEveryMs: 200,
    ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
    ...(options.load ? { load: options.load } : {}),
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

  it('leaves out a statement file that does not load, says which and why, and answers from the others', async () => {
    const { store, outcomes, log } = await watched();
    writeFileSync(join(dir, 'statements', 'broken.yml'), 'id: broken\nparagraphs: []\n');
    cpSync(second, join(dir, 'statements', 'second.yml'));
    await until(() => store.get().statements.length === 2);
    expect(outcomes.at(-1)).toEqual({ ok: true });
    expect(store.get().skipped).toEqual([
      { file: expect.stringMatching(/broken\.yml$/), problems: expect.arrayContaining([expect.any(String)]) },
    ]);
    expect(log.join('\n')).toMatch(/broken\.yml skipped: /);
    const statements = answer('statements', store.get());
    if (statements.kind !== 'statements') throw new Error(statements.kind);
    expect(statements.skipped).toEqual(['broken.yml']);
    expect(toText(statements)).toContain(
      "Not loaded, so not answering: broken.yml (the app's log says why).",
    );
    expect(hits(store.get(), 'veto')).toContain('canada-r2p-dialogue-2016-09-06');
    expect(hits(store.get(), 'hospitals schools')).toEqual(['test-poc-open-debate-2019-05-23']);
  });

  it('keeps answering from the last good data when the themes file is bad, and says which file', async () => {
    const { store, outcomes, log, knowledge } = await watched();
    writeFileSync(join(dir, 'themes.yml'), 'themes: 3\n');
    await until(() => outcomes.length > 0);
    expect(outcomes[0]).toMatchObject({ ok: false });
    expect(outcomes[0]!.error).toContain('themes.yml');
    expect(log.join('\n')).toContain('previous data keeps answering');
    expect(store.get().index).toBe(knowledge.index);
    const statements = answer('statements', store.get());
    if (statements.kind !== 'statements') throw new Error(statements.kind);
    expect(statements.reloadProblem?.message).toContain('themes.yml');
    expect(toText(statements)).toMatch(
      /The last change to the data could not be loaded \(\d+ \w+ \d{4}, \d\d:\d\d UTC\)/,
    );
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

  it('leaves out a statement file over the size cap unread, naming it, and keeps reloading the others', async () => {
    const { store, log } = await watched({ maxFileBytes: 64 * 1024 });
    writeFileSync(join(dir, 'statements', 'huge.yml'), `# ${'x'.repeat(70 * 1024)}\n`);
    await until(() => store.get().skipped.length > 0);
    expect(store.get().skipped[0]!.problems).toEqual([
      'is 70 KB, over the 64 KB limit for a data file (STATEMENT_MAX_MB)',
    ]);
    expect(log.join('\n')).toMatch(/huge\.yml skipped: is 70 KB, over the 64 KB limit/);
    cpSync(second, join(dir, 'statements', 'second.yml'));
    await until(() => store.get().statements.length === 2);
    expect(store.get().skipped.map((file) => file.file)).toEqual([expect.stringMatching(/huge\.yml$/)]);
  });

  it('never reads a statement that a link puts outside the data folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'quotes-outside-'));
    cpSync(second, join(outside, 'second.yml'));
    const { store, log } = await watched({
      prepare: (data) => symlinkSync(join(outside, 'second.yml'), join(data, 'statements', 'second.yml')),
    });
    expect(store.get().statements.map((s) => s.id)).toEqual(['canada-r2p-dialogue-2016-09-06']);
    writeFileSync(join(dir, 'statements', 'touch.yml.tmp'), 'x');
    cpSync(second, join(outside, 'third.yml'));
    symlinkSync(join(outside, 'third.yml'), join(dir, 'statements', 'third.yml'));
    await until(() => log.some((line) => /third\.yml ignored: it points outside the data folder/.test(line)));
    expect(store.get().statements).toHaveLength(1);
    rmSync(outside, { recursive: true, force: true });
  });

  it('keeps watching after the statements folder is deleted and restored', async () => {
    const { store, log } = await watched();
    const saved = `${dir}-saved`;
    cpSync(join(dir, 'statements'), saved, { recursive: true });
    rmSync(join(dir, 'statements'), { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    cpSync(saved, join(dir, 'statements'), { recursive: true });
    rmSync(saved, { recursive: true, force: true });
    await until(() => log.some((line) => line.includes('watching it again')));
    cpSync(second, join(dir, 'statements', 'second.yml'));
    await until(() => store.get().statements.length === 2);
  });

  it('follows a statements folder swapped by a symlink, as atomic deploys and ConfigMaps do', async () => {
    const { store, log } = await watched({
      prepare: (data) => {
        renameSync(join(data, 'statements'), join(data, 'v1'));
        symlinkSync('v1', join(data, 'statements'));
      },
    });
    mkdirSync(join(dir, 'v2'));
    cpSync(join(dir, 'v1'), join(dir, 'v2'), { recursive: true });
    cpSync(second, join(dir, 'v2', 'second.yml'));
    symlinkSync('v2', join(dir, 'statements.next'));
    renameSync(join(dir, 'statements.next'), join(dir, 'statements'));
    await until(() => store.get().statements.length === 2).catch((error) => {
      throw new Error(`${error}: ${log.join(' | ')}`);
    });
    writeFileSync(
      join(dir, 'v2', 'third.yml'),
      (await import('node:fs'))
        .readFileSync(second, 'utf8')
        .replace('id: test-poc-open-debate-2019-05-23', 'id: test-poc-third-2019-05-23'),
    );
    await until(() => store.get().statements.length === 3).catch((error) => {
      throw new Error(`${error}: ${log.join(' | ')}`);
    });
  }, 45_000);

  it('reloads a 6,000-paragraph statement while answers keep being served, and right', async () => {
    // The real loader (in a worker), wrapped to know when a reload is in progress.
    let loading = 0;
    const { store } = await watched({
      load: async (data, options) => {
        loading++;
        try {
          return await loadKnowledgeInWorker(data, options);
        } finally {
          loading--;
        }
      },
    });
    const paragraphs = Array.from(
      { length: 6000 },
      (_, k) =>
        `  - n: ${k + 1}\n    delivered: en\n    text: Paragraph ${k + 1} on peace operations, mandates, civilians and the Council number ${k}.\n    counterpart:\n      origin: missing\n`,
    ).join('');
    const big = `id: big-statement-2020-01-01\ncountry: { en: Canada, fr: Canada }\ndate: "2020-01-01"\ntitle: { en: Big, fr: Grande }\nforum: { en: Big, fr: Grande }\nparagraphs:\n${paragraphs}`;
    /** Probes answered while a reload was loading, before the new data was swapped in. */
    let duringReload = 0;
    const wrong: string[] = [];
    const probe = setInterval(() => {
      const current = store.get();
      const found = hits(current, 'veto');
      if (!found.includes('canada-r2p-dialogue-2016-09-06')) wrong.push(found.join(', ') || 'nothing');
      if (loading > 0 && current.statements.length === 1) duringReload++;
    }, 10);
    writeFileSync(join(dir, 'statements', 'big.yml'), big);
    try {
      await until(() => store.get().statements.length === 2, 30_000);
    } finally {
      clearInterval(probe);
    }
    expect(wrong).toEqual([]);
    expect(duringReload).toBeGreaterThan(0);
    expect(hits(store.get(), 'veto')).toContain('canada-r2p-dialogue-2016-09-06');
    expect(store.get().statements.map((s) => s.id)).toContain('big-statement-2020-01-01');
  }, 40_000);
});

describe('a stream of change signals', () => {
  it('never postpones a reload past its ceiling: a change is picked up while the signals go on', async () => {
    dir = mkdtempSync(join(tmpdir(), 'quotes-storm-'));
    cpSync('data', dir, { recursive: true });
    const knowledge = await loadKnowledge(dir);
    const listeners: Array<() => void> = [];
    const signal = {
      subscribe(onChange: () => void) {
        listeners.push(onChange);
        return () => undefined;
      },
    };
    let loads = 0;
    let storming = true;
    const duringStorm: boolean[] = [];
    store = watchKnowledge(dir, knowledge, {
      debounceMs: 300,
      maxWaitMs: 400,
      checkEveryMs: 60_000,
      signals: [signal],
      load: async () => {
        loads += 1;
        duringStorm.push(storming);
        return { knowledge, report: { source: 'built', ms: 0 } as never };
      },
    });
    // A signal every 50 ms for 3 s: a debounce without a ceiling would wait for the end.
    const storm = setInterval(() => {
      for (const listener of listeners) listener();
    }, 50);
    try {
      await until(() => loads > 0, 3000);
    } finally {
      storming = false;
      clearInterval(storm);
    }
    expect(duringStorm[0]).toBe(true);
  });
});

describe('one change heard twice', () => {
  it('rebuilds once: the file event reloads, the signal that follows finds the data unchanged', async () => {
    dir = mkdtempSync(join(tmpdir(), 'quotes-watch-'));
    cpSync('data', dir, { recursive: true });
    const { knowledge, report } = await loadKnowledgeWithReport(dir);
    expect(report.stamp).toMatch(/^[0-9a-f]{32}$/);
    // The archive's change signal, as an instance hears it (in this process).
    const listeners = new Set<() => void>();
    const signal = {
      subscribe(on: () => void) {
        listeners.add(on);
        return () => listeners.delete(on);
      },
    };
    let reloads = 0;
    let unchanged = 0;
    store = watchKnowledge(dir, knowledge, {
      debounceMs: 50,
      checkEveryMs: 200,
      stamp: report.stamp!,
      signals: [signal],
      onReload: () => reloads++,
      onUnchanged: () => unchanged++,
    });
    // A signal with nothing changed: nothing is rebuilt.
    for (const on of listeners) on();
    await until(() => unchanged === 1);
    expect(reloads).toBe(0);
    // An Add: its file, then its signal once the first reload is done.
    cpSync(second, join(dir, 'statements', 'second.yml'));
    await until(() => reloads === 1);
    expect(store.get().statements).toHaveLength(2);
    const swapped = store.get();
    for (const on of listeners) on();
    await until(() => unchanged === 2);
    expect(reloads).toBe(1);
    expect(store.get()).toBe(swapped);
    // A later change still reloads.
    rmSync(join(dir, 'statements', 'second.yml'));
    await until(() => reloads === 2);
    expect(store.get().statements).toHaveLength(1);
  });
});
