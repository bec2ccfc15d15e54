import { type FSWatcher, realpathSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { Knowledge } from '../../core/knowledge-base.ts';
import { type Loaded, type LoadOptions, loadKnowledgeInWorker } from './load.ts';

export interface WatchOptions extends LoadOptions {
  /** Quiet time after the last change before reloading, in milliseconds. */
  debounceMs?: number;
  /**
   * The longest a change waits for quiet (default 3 s): under a stream of changes or
   * signals, the reload starts anyway, so a change is picked up within seconds.
   */
  maxWaitMs?: number;
  /** How often the folders' identity is checked, to re-arm the watchers after a swap (default 2 s). */
  checkEveryMs?: number;
  /** Called when a reload found the data unchanged since the last load (tests). */
  onUnchanged?: () => void;
  /** Called after each reload attempt (tests and logs). */
  onReload?: (
    outcome: { ok: true; knowledge: Knowledge; ms: number } | { ok: false; error: string; ms: number },
  ) => void;
  /** Other ways to hear that the archive changed: PostgreSQL's notices, the Redis channel. */
  signals?: ReadonlyArray<{ subscribe(onChange: () => void): () => void }>;
  /**
   * A safety net for missed signals: the archive's version, checked every `everyMs`
   * (default 3 s); a new version reloads.
   */
  version?: { read: () => Promise<string>; everyMs?: number };
  /** How a reload loads the data (default: in a worker thread, so that answers never wait). */
  load?: (dataDir: string, options: LoadOptions) => Promise<Loaded>;
  /**
   * The stamp of the data `initial` was loaded from (its load report's): a reload finds the
   * data unchanged and builds nothing, so that one change heard twice (its file event, then
   * its signal or the version check) rebuilds the index once.
   */
  stamp?: string;
}

export interface KnowledgeStore {
  /** The current knowledge: always a complete, valid one. */
  get(): Knowledge;
  close(): void;
}

/** What a folder is and when it last changed: its real path, inode and modification time. */
interface Identity {
  key: string;
  mtimeMs: number;
}

const missing: Identity = { key: 'missing', mtimeMs: 0 };

/**
 * A folder's identity. The path and inode change when it is swapped by a link; the
 * modification time changes when it is deleted and restored even if the inode is reused,
 * and whenever a file is added or removed. Taken when the watchers are armed, so that it
 * is what they watch.
 */
function identityOf(dir: string): Identity {
  try {
    const real = realpathSync(dir);
    const info = statSync(real);
    return { key: `${real}:${info.dev}:${info.ino}:${info.mtimeMs}`, mtimeMs: info.mtimeMs };
  } catch {
    return missing;
  }
}

/**
 * Keeps the knowledge in step with the data folder: added, changed and removed statement
 * files (and the glossary and themes) are picked up without a restart. Changes are
 * debounced; the data is read, parsed and indexed in a worker and the result swapped in at
 * once, so answers neither wait nor see a half-built index. A bad file is logged and the
 * last good knowledge keeps answering. The watchers survive the folder being deleted and
 * restored or swapped by rename or symlink (atomic deploys, Kubernetes ConfigMaps): the
 * folders' identity is checked every few seconds, and the watchers re-armed when it changes.
 */
export function watchKnowledge(
  dataDir: string,
  initial: Knowledge,
  options: WatchOptions = {},
): KnowledgeStore {
  let current = initial;
  let stamp = options.stamp;
  let timer: NodeJS.Timeout | undefined;
  let loading = false;
  let again = false;
  let closed = false;
  const debounceMs = options.debounceMs ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 3000;
  /** When the first change not yet reloaded came: the debounce never postpones past `maxWaitMs` from it. */
  let pendingSince: number | undefined;
  const load = options.load ?? loadKnowledgeInWorker;
  const loadOptions: LoadOptions = {
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  };

  const reload = async () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    loadStartedAt = Date.now();
    const started = performance.now();
    try {
      const loaded = await load(dataDir, { ...loadOptions, ...(stamp ? { unchangedSince: stamp } : {}) });
      if (closed) return;
      if (loaded.report.stamp) stamp = loaded.report.stamp;
      if (!loaded.knowledge) {
        // Already the data answering (heard once more): nothing rebuilt, nothing swapped.
        options.onUnchanged?.();
        return;
      }
      const { knowledge, report } = loaded;
      current = knowledge;
      options.log?.(
        `data reloaded: ${knowledge.statements.length} statement(s), index ${report.source} in ${Math.round(report.ms)} ms`,
      );
      options.onReload?.({ ok: true, knowledge, ms: performance.now() - started });
    } catch (error) {
      const message = reasonOf(error);
      options.log?.(`data not reloaded, the previous data keeps answering: ${message}`, 'warn');
      // The knowledge answering says so, for `statements` to show.
      if (!closed)
        current = {
          ...current,
          reloadProblem: { at: new Date().toISOString(), message: message.split('\n')[0]! },
        };
      options.onReload?.({ ok: false, error: message, ms: performance.now() - started });
    } finally {
      loading = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    const now = Date.now();
    pendingSince ??= now;
    const wait = Math.max(0, Math.min(debounceMs, pendingSince + maxWaitMs - now));
    timer = setTimeout(() => {
      pendingSince = undefined;
      void reload();
    }, wait);
  };

  const folders = [dataDir, join(dataDir, 'statements')];
  let watchers: FSWatcher[] = [];
  /** The folders' identity when the watchers were armed. */
  let armed: Identity[] = [];
  /** When the last reload began: a change older than that is already in the knowledge. */
  let loadStartedAt = 0;
  const arm = () => {
    for (const watcher of watchers) watcher.close();
    watchers = [];
    armed = folders.map(identityOf);
    for (const dir of folders) {
      try {
        const watcher = watch(dir, (_event, name) => {
          if (!name || /\.ya?ml$/i.test(String(name)) || String(name) === 'statements') schedule();
        });
        watcher.on('error', (error) => options.log?.(`watching ${dir} failed: ${error.message}`, 'warn'));
        watchers.push(watcher);
      } catch (error) {
        options.log?.(
          `cannot watch ${dir} for now: ${error instanceof Error ? error.message : String(error)}`,
          'warn',
        );
      }
    }
  };
  arm();

  // A safety net for what events miss: a folder deleted and restored or swapped by a link
  // leaves its watcher watching nothing. Re-armed when the identity changes; reloaded too
  // when the change is newer than the last reload.
  const check = setInterval(() => {
    const found = folders.map(identityOf);
    if (closed || found.every((identity, k) => identity.key === armed[k]?.key)) return;
    if (found.some((identity) => identity === missing)) {
      armed = found;
      return;
    }
    const swapped = found.some(
      (identity, k) => identity.key.split(':')[0] !== armed[k]?.key.split(':')[0] || armed[k] === missing,
    );
    if (swapped) options.log?.('the data folder was replaced: watching it again');
    arm();
    if (found.some((identity) => identity.mtimeMs >= loadStartedAt - 1000)) schedule();
  }, options.checkEveryMs ?? 2000);
  check.unref();

  const unsubscribe = (options.signals ?? []).map((signal) => signal.subscribe(schedule));
  let known: string | undefined;
  let reading = false;
  const versionCheck = options.version
    ? setInterval(async () => {
        if (reading || closed) return;
        reading = true;
        try {
          const version = await options.version!.read();
          if (known !== undefined && version !== known) schedule();
          known = version;
        } catch {
          // Out of reach for now: the next check tries again; the data answering stays.
        } finally {
          reading = false;
        }
      }, options.version.everyMs ?? 3000)
    : undefined;
  versionCheck?.unref();

  return {
    get: () => current,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      clearInterval(check);
      if (versionCheck) clearInterval(versionCheck);
      for (const stop of unsubscribe) stop();
      for (const watcher of watchers) watcher.close();
    },
  };
}

/** Why a reload failed, never empty: the message, else the error's name or code. */
function reasonOf(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null)) {
    const { message, name, code } = error as { message?: unknown; name?: unknown; code?: unknown };
    if (typeof message === 'string' && message.trim()) return message;
    const label = [name, code].filter((part) => typeof part === 'string' && part).join(' ');
    if (label) return label;
  }
  const text = String(error ?? '').trim();
  return text && text !== '[object Object]' ? text : 'unknown error';
}
