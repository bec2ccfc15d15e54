import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

describe('the core', () => {
  it('knows nothing of Slack, the file system, the process or the console', () => {
    const offenders = files('src/core').filter((file) => {
      const source = readFileSync(file, 'utf8');
      return (
        /from ['"](@slack\/|node:|fs|path|process)/.test(source) || /\b(process\.|console\.)/.test(source)
      );
    });
    expect(offenders).toEqual([]);
  });
});
