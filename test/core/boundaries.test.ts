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

describe('the search engine and MiniSearch', () => {
  it('reads none of MiniSearch internals: only its public exports, the radix tree only in core/search', () => {
    const offenders: string[] = [];
    for (const file of files('src')) {
      const source = readFileSync(file, 'utf8');
      if (
        /\._(index|documentIds|fieldLength|avgFieldLength|documentCount|fieldIds|storedFields|tree)\b/.test(
          source,
        )
      )
        offenders.push(`${file}: reads a private field`);
      for (const [, path] of source.matchAll(/from '(minisearch[^']*)'/g)) {
        if (path !== 'minisearch' && path !== 'minisearch/SearchableMap') offenders.push(`${file}: ${path}`);
        if (path === 'minisearch/SearchableMap' && !file.startsWith(join('src', 'core', 'search')))
          offenders.push(`${file}: the radix tree outside core/search`);
      }
    }
    expect(offenders).toEqual([]);
    // The check can fail: a file reading a private field is caught.
    expect(/\._(index|documentIds)\b/.test('mini._index.get(term)')).toBe(true);
  });
});
