import { copyFile, mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Statement, statementIdPattern } from '../../core/corpus.ts';
import { parseStatementFile } from '../../core/data-file.ts';
import type { ArchiveStore, Removal, StoredStatement } from '../../ports/archive.ts';
import { writeStatementFile } from './statement-files.ts';

const statementFile = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.ya?ml$/;

/**
 * The archive as a folder of statement files (DATA_DIR/statements), the default: files
 * written atomically and never over another unless told to; a removed statement's file
 * is moved to `keepDir`, not deleted.
 */
export function filesArchive(dir: string, keepDir: string): ArchiveStore {
  const names = async () => {
    try {
      return (await readdir(dir)).filter((name) => statementFile.test(name)).sort();
    } catch {
      return [];
    }
  };
  const fileOf = (id: string) => join(dir, `${id}.yml`);
  return {
    kind: 'files',
    where: dir,
    locate: fileOf,
    async list(): Promise<StoredStatement[]> {
      const found: StoredStatement[] = [];
      for (const name of await names())
        found.push({ id: name.replace(/\.ya?ml$/, ''), source: await readFile(join(dir, name), 'utf8') });
      return found;
    },
    async ids() {
      return (await names()).map((name) => name.replace(/\.ya?ml$/, ''));
    },
    async get(id) {
      if (!statementFile.test(`${id}.yml`)) return undefined;
      let text: string;
      try {
        text = await readFile(fileOf(id), 'utf8');
      } catch {
        return undefined;
      }
      try {
        return parseStatementFile(text, fileOf(id));
      } catch {
        return 'unreadable';
      }
    },
    write: (id, source, replace) => writeStatementFile(dir, id, source, replace),
    async remove(id, allowed, _by, now): Promise<Removal> {
      if (!statementIdPattern.test(id)) return { kind: 'missing' };
      const file = fileOf(id);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return { kind: 'missing' };
      }
      let statement: Statement;
      try {
        statement = parseStatementFile(text, file);
      } catch {
        return { kind: 'refused', reason: 'unreadable' };
      }
      const refusal = allowed(statement);
      if (refusal) return { kind: 'refused', reason: refusal };
      await mkdir(keepDir, { recursive: true });
      const kept = join(keepDir, `${id}.${now.toISOString().replace(/[:.]/g, '-')}.yml`);
      try {
        await rename(file, kept);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        // Another file system: copy, then remove.
        await copyFile(file, kept);
        await unlink(file);
      }
      return { kind: 'removed', statement };
    },
    async version() {
      // Every write is a new name in the folder (a temporary file, then a rename or a link),
      // so the folder's own modification time moves with every change: one stat, whatever the size.
      const info = await stat(dir).catch(() => undefined);
      return info ? `${info.ino}:${info.mtimeMs}` : 'missing';
    },
    close: async () => undefined,
  };
}
