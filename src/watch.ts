import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import { DataError } from './core/errors';
import type { Knowledge } from './core/knowledge-base';
import { type LoadOptions, loadKnowledgeWithReport } from './knowledge';

export interface WatchOptions extends LoadOptions {
  /** Quiet time after the last change before reloading, in milliseconds. */
  debounceMs?: number;
  /** Called after each reload attempt (tests and logs). */
  onReload?: (outcome: { ok: true; knowledge: Knowledge } | { ok: false; error: string }) => void;
}

export interface KnowledgeStore {
  /** The current knowledge: always a complete, valid one. */
  get(): Knowledge;
  close(): void;
}

/**
 * Keeps the knowledge in step with the data folder: added, changed and removed statement
 * files (and the glossary and themes) are picked up without a restart. Changes are
 * debounced; the new index is built aside and swapped in at once, so answers never see
 * a half-built one. A bad file is logged and the last good knowledge keeps answering.
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
  const debounceMs = options.debounceMs ?? 300;

  const reload = async () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const { knowledge, report } = await loadKnowledgeWithReport(dataDir, options);
      current = knowledge;
      options.log?.(
        `data reloaded: ${knowledge.statements.length} statement(s), index ${report.source} in ${Math.round(report.ms)} ms`,
      );
      options.onReload?.({ ok: true, knowledge });
    } catch (error) {
      const message =
        error instanceof DataError ? error.message : error instanceof Error ? error.message : String(error);
      options.log?.(`data not reloaded, the previous data keeps answering: ${message}`);
      options.onReload?.({ ok: false, error: message });
    } finally {
      loading = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  };

  const watchers: FSWatcher[] = [];
  for (const dir of [dataDir, join(dataDir, 'statements')]) {
    try {
      const watcher = watch(dir, (_event, name) => {
        if (!name || /\.ya?ml$/i.test(String(name)) || String(name) === 'statements') schedule();
      });
      watcher.on('error', (error) => options.log?.(`watching ${dir} failed: ${error.message}`));
      watchers.push(watcher);
    } catch (error) {
      options.log?.(`cannot watch ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    get: () => current,
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
