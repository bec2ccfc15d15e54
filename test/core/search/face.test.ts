import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === 'node_modules'
        ? []
        : files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

const engine = resolve('src/core/search');
/** Tests of the engine's internals may read them; nothing else does. */
const inside = [engine, resolve('test/core/search')];

describe('the search engine', () => {
  it('is imported through its one face, index.ts, from everywhere outside it', () => {
    const offenders: string[] = [];
    for (const file of ['src', 'test', 'bench', 'scripts'].flatMap(files)) {
      if (inside.some((dir) => resolve(file).startsWith(`${dir}${sep}`))) continue;
      const source = readFileSync(file, 'utf8');
      for (const [, path] of source.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']*)'/g)) {
        const target = resolve(join(file, '..'), path!);
        if (target.startsWith(`${engine}${sep}`) && relative(engine, target) !== 'index.ts')
          offenders.push(`${file}: ${path}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
