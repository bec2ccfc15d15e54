import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { statementIdPattern } from '../../core/corpus.ts';
import { DataError } from '../../core/errors.ts';
import { StatementExistsError } from '../../ports/archive.ts';

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
  // The id names the file: anything but a statement id ("../../x") could write outside `dir`.
  if (!statementIdPattern.test(id)) throw new DataError(id, ['not a statement id: nothing was written']);
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
