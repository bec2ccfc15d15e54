import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Statement } from '../core/corpus';
import { parseStatementFile } from '../core/data-file';
import { StatementExistsError } from '../ports/archive';

/** The statements already in a folder, by id; a file that does not parse still holds its id. */
export async function readStatementFolder(dir: string): Promise<Map<string, Statement | undefined>> {
  const found = new Map<string, Statement | undefined>();
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name));
  } catch {
    return found;
  }
  for (const name of names) {
    const id = name.replace(/\.ya?ml$/i, '');
    try {
      const file = join(dir, name);
      found.set(id, parseStatementFile(await readFile(file, 'utf8'), file));
    } catch {
      found.set(id, undefined);
    }
  }
  return found;
}

/**
 * Writes a statement file atomically: the text goes to a temporary file in the same
 * folder, is flushed to disk, then takes the file's name in one step, so that the
 * running app never reads half a file. Without `replace`, an existing file is never
 * touched: the new name is linked only if it is free.
 */
export async function writeStatementFile(
  dir: string,
  id: string,
  text: string,
  replace: boolean,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, `${id}.yml`);
  const temporary = join(dir, `.${id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (replace) await rename(temporary, target);
    else {
      try {
        await link(temporary, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new StatementExistsError(target);
        throw error;
      }
      await unlink(temporary);
    }
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return target;
}
