import { type FSWatcher, watch } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knowledge } from './core/knowledge-base';
import { type LoadOptions, type LoadReport, loadKnowledgeInWorker } from './knowledge';

export interface WatchOptions extends LoadOptions {
  /** Quiet time after the last change before reloading, in milliseconds. */
  debounceMs?: number;
  /** How often the folders' identity is checked, to re-arm the watchers after a swap (default 2 s). */
  checkEveryMs?: number;
  /** Called after each reload attempt (tests and logs). */
  onReload?: (outcome: { ok: true; knowledge: Knowledge } | { ok: false; error: string }) => void;
  /** How a reload loads the data (default: in a worker thread, so that answers never wait). */
  load?: (dataDir: string, options: LoadOptions) => Promise<{ knowledge: Knowledge; report: LoadReport }>;
}

export interface KnowledgeStore {
  /** The current knowledge: always a complete, valid one. */
  get(): Knowledge;
  close(): void;
}

/** What a folder is: its real path and inode, which change when it is deleted and restored or swapped by a link. */
async function identityOf(dir: string): Promise<string> {
  try {
    const real = await realpath(dir);
    const info = await stat(real);
    return `${real}:${info.dev}:${info.ino}`;
  } catch {
    return 'missing';
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
  let timer: NodeJS.Timeout | undefined;
  let loading = false;
  let again = false;
  let closed = false;
  const debounceMs = options.debounceMs ?? 300;
  const load = options.load ?? loadKnowledgeInWorker;
  const loadOptions: LoadOptions = {
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
    ...(options.log ? { log: options.log } : {}),
  };

  const reload = async () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const { knowledge, report } = await load(dataDir, loadOptions);
      if (closed) return;
      current = knowledge;
      options.log?.(
        `data reloaded: ${knowledge.statements.length} statement(s), index ${report.source} in ${Math.round(report.ms)} ms`,
      );
      options.onReload?.({ ok: true, knowledge });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.log?.(`data not reloaded, the previous data keeps answering: ${message}`);
      options.onReload?.({ ok: false, error: message });
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
    timer = setTimeout(() => void reload(), debounceMs);
  };

  const folders = [dataDir, join(dataDir, 'statements')];
  let watchers: FSWatcher[] = [];
  const arm = () => {
    for (const watcher of watchers) watcher.close();
    watchers = [];
    for (const dir of folders) {
      try {
        const watcher = watch(dir, (_event, name) => {
          if (!name || /\.ya?ml$/i.test(String(name)) || String(name) === 'statements') schedule();
        });
        watcher.on('error', (error) => options.log?.(`watching ${dir} failed: ${error.message}`));
        watchers.push(watcher);
      } catch (error) {
        options.log?.(
          `cannot watch ${dir} for now: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };
  arm();

  let identities: string[] | undefined;
  void Promise.all(folders.map(identityOf)).then((found) => {
    identities = found;
  });
  const check = setInterval(async () => {
    const found = await Promise.all(folders.map(identityOf));
    if (closed || !identities) return;
    if (found.some((identity, k) => identity !== identities![k])) {
      identities = found;
      if (found.every((identity) => identity !== 'missing')) {
        options.log?.('the data folder was replaced: watching it again');
        arm();
        schedule();
      }
    }
  }, options.checkEveryMs ?? 2000);
  check.unref();

  return {
    get: () => current,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      clearInterval(check);
      for (const watcher of watchers) watcher.close();
    },
  };
}
