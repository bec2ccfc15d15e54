import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript file under a folder. */
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

/** The files of `src/` a file imports (relative imports, resolved). */
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(([, path]) =>
    normalize(join(dirname(file), path!)),
  );

/** The layers, top to bottom: a file may import its own layer and those below, never one above. */
const layers: Array<{ name: string; mayNotImport: string[] }> = [
  {
    name: 'src/core',
    mayNotImport: [
      'src/ports',
      'src/adapters',
      'src/service',
      'src/slack',
      'src/cli',
      'src/ops',
      'src/config',
    ],
  },
  { name: 'src/ports', mayNotImport: ['src/adapters', 'src/service', 'src/slack', 'src/cli'] },
  { name: 'src/adapters', mayNotImport: ['src/service', 'src/slack', 'src/cli'] },
  { name: 'src/service', mayNotImport: ['src/slack', 'src/cli'] },
];

describe('the house', () => {
  it.each(layers.map((layer) => [layer.name, layer] as const))(
    '%s imports no layer above it',
    (_name, layer) => {
      const offenders = files(layer.name).flatMap((file) =>
        importsOf(file)
          .filter((target) => layer.mayNotImport.some((above) => target.startsWith(`${above}/`)))
          .map((target) => `${file} → ${target}`),
      );
      expect(offenders).toEqual([]);
    },
  );

  it('can tell an arrow running back up', () => {
    expect(importsOf('test/layers.test.ts')).toEqual([]);
    expect(normalize(join('src/adapters/local', '../../slack/app.ts')).startsWith('src/slack/')).toBe(true);
  });
});
