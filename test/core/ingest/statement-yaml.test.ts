import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../../src/core/corpus.ts';
import { parseStatementFile } from '../../../src/core/data-file.ts';
import {
  buildFromDocuments,
  buildSingleStatement,
  type ReadVersion,
  sourceOf,
} from '../../../src/core/ingest/build-statement.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';
import { toStatementYaml } from '../../../src/core/ingest/statement-yaml.ts';

const seedFiles = readdirSync('data/statements')
  .filter((name) => name.endsWith('.yml'))
  .map((name) => `data/statements/${name}`);
const readSeed = (file: string) => parseStatementFile(readFileSync(file, 'utf8'), file);

const version = (file: string, name: string): ReadVersion => {
  const plain = parsePlainStatement(readFileSync(file, 'utf8'));
  return { version: plain, source: sourceOf(plain, name, '2026-11-30') };
};
const seedEn = () => version('test/fixtures/align/seed.en.txt', 'seed.en.txt');
const seedFr = () => version('test/fixtures/align/seed.fr.txt', 'seed.fr.txt');
const delivered = () => version('test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt', 'delivered.txt');
const london = (language: 'en' | 'fr') =>
  version(`test/fixtures/align/published/pm-london-2017-06-04.${language}.txt`, `london.${language}.txt`);

/** Statements as the ingest and Add build them: one version, two versions, forum taken from the title. */
const built: Record<string, () => Statement> = {
  'one version (delivered in French and English)': () =>
    buildFromDocuments([delivered()], undefined).statement,
  'one version, with its source': () =>
    buildSingleStatement(delivered().version, {}, { delivered: delivered().source }).statement,
  'two versions': () => buildFromDocuments([seedFr(), seedEn()], undefined).statement,
  'two versions whose forum is their title': () =>
    buildFromDocuments([london('en'), london('fr')], undefined).statement,
  'two versions, added from Slack, with themes and summaries set by hand': () => {
    const { statement } = buildFromDocuments([seedEn(), seedFr()], undefined);
    const [first, ...rest] = statement.paragraphs;
    return {
      ...statement,
      added: { from: 'slack', by: 'U012ABCDEF', at: '2026-11-30T08:15:00.000Z' },
      summaries: {
        'veto-restraint': { en: 'Canada supports veto restraint.', fr: 'Le Canada appuie la retenue.' },
      },
      paragraphs: [{ ...first!, themes: ['veto-restraint', 'atrocity-crimes'] }, ...rest],
    };
  },
};

/** Writes, reads back with the loader's own parser, and writes again. */
const roundTrip = (statement: Statement) => {
  const written = toStatementYaml(statement);
  const read = parseStatementFile(written, 'x.yml');
  return { written, read, again: toStatementYaml(read) };
};

/** The lines of a YAML file that are not comments, trailing comments removed. */
const withoutComments = (yaml: string) =>
  yaml
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .map((line) => line.replace(/^([^"'#]*?)\s+#\s.*$/, '$1'))
    .join('\n');

/** The key of every mapping line, with its indentation: what the key order is made of. */
const keyLines = (yaml: string) =>
  yaml
    .split('\n')
    .map((line) => /^(\s*(?:- )?)([a-z][\w-]*):/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ indent: match[1]!.length, key: match[2]! }));

describe('a statement file as the writer writes it', () => {
  it.each(seedFiles)('reads back as the same statement and writes again to the same bytes: %s', (file) => {
    const seed = readSeed(file);
    const { read, written, again } = roundTrip(seed);
    expect(read).toEqual(seed);
    expect(again).toBe(written);
  });

  it.each(seedFiles)('is the seed file as written by hand, but for its comments: %s', (file) => {
    const source = readFileSync(file, 'utf8');
    expect(withoutComments(toStatementYaml(readSeed(file)))).toBe(withoutComments(source));
  });

  it.each(Object.keys(built))('reads back and writes again to the same bytes: %s', (name) => {
    const statement = built[name]!();
    const { read, written, again } = roundTrip(statement);
    expect(read).toEqual(JSON.parse(JSON.stringify(statement)));
    expect(again).toBe(written);
  });

  it('never writes an anchor or an alias, even when the forum is the title (one object in memory)', () => {
    const statement = built['two versions whose forum is their title']!();
    expect(statement.forum).toBe(statement.title);
    const written = toStatementYaml(statement);
    expect(written).not.toMatch(/(?:^|[\s:[,-])[&*][A-Za-z0-9]/m);
    // Editing the title by hand leaves the forum as it was.
    const edited = written.replace(`  en: ${statement.title.en}\n`, '  en: A title corrected by hand\n');
    const read = parseStatementFile(edited, 'x.yml');
    expect(read.title.en).toBe('A title corrected by hand');
    expect(read.forum.en).toBe(statement.title.en);
  });

  it('writes the keys in the seed file’s order, English before French in every bilingual map, whatever the order in memory', () => {
    const statement = built['two versions, added from Slack, with themes and summaries set by hand']!();
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, v]) => [key, reversed(v)]),
            )
          : value;
    const written = toStatementYaml(statement);
    expect(toStatementYaml(reversed(statement) as Statement)).toBe(written);

    const lines = keyLines(written);
    const bilingualMaps = lines.filter((line, k) => line.key === 'en' && lines[k + 1]?.key === 'fr');
    // country, title, forum, place, speaker's name, summaries, and the sources' English version.
    expect(bilingualMaps.length).toBeGreaterThanOrEqual(6);
    lines.forEach((line, k) => {
      if (line.key !== 'fr') return;
      const before = lines.slice(0, k).reverse();
      const sibling = before.find((other) => other.indent <= line.indent);
      expect(sibling, `fr at line ${k} has en just before it`).toEqual({ indent: line.indent, key: 'en' });
    });
    expect(lines.filter((line) => line.indent === 0).map((line) => line.key)).toEqual([
      'id',
      'country',
      'date',
      'title',
      'forum',
      'place',
      'speaker',
      'sources',
      'added',
      'summaries',
      'paragraphs',
    ]);
    expect(written).toContain(
      '\nsources:\n  en:\n    file: seed.en.txt\n    format: txt\n    taken: "2026-11-30"\n  fr:\n',
    );
    expect(written).toMatch(/\n {2}- n: 1\n {4}delivered: (?:en|fr)\n {4}text: /);
    expect(written).toContain('    counterpart:\n      origin: official\n      text: ');
    expect(written).toContain('    themes: [veto-restraint, atrocity-crimes]\n');
  });

  it('quotes the date as the seed does, and the days sources were taken and the time of an Add', () => {
    const written = toStatementYaml(
      built['two versions, added from Slack, with themes and summaries set by hand']!(),
    );
    const seed = readFileSync(seedFiles[0]!, 'utf8');
    expect(seed).toMatch(/^date: "\d{4}-\d{2}-\d{2}"$/m);
    expect(written).toMatch(/^date: "2016-09-06"$/m);
    expect(written.match(/^ {4}taken: "2026-11-30"$/gm)).toHaveLength(2);
    expect(written).toContain('  at: "2026-11-30T08:15:00.000Z"\n');
  });

  it('writes each text on one line, however long, as the seed does', () => {
    const statement = built['two versions']!();
    const longest = statement.paragraphs.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    expect(longest.text.length).toBeGreaterThan(150);
    const lines = toStatementYaml(statement).split('\n');
    expect(
      lines.includes(`    text: ${longest.text}`) ||
        lines.includes(`    text: ${JSON.stringify(longest.text)}`),
    ).toBe(true);
    const written = lines.join('\n');
    expect(written).not.toMatch(/: [|>][-+]?$/m);
  });

  it('keeps a title with a line break in its comment on top, on one line', () => {
    const statement = built['two versions']!();
    const title = { ...statement.title, en: 'A title\nid: another-id' };
    const written = toStatementYaml({ ...statement, title });
    expect(written.split('\n')[0]).toBe('# A title id: another-id');
    expect(parseStatementFile(written, 'x.yml')).toMatchObject({ id: statement.id, title });
  });

  it('keeps the note it is given on top, under the title and date', () => {
    const statement = built['two versions']!();
    const written = toStatementYaml(statement, 'Built from two versions.\n# Check the pairs.');
    expect(written.split('\n').slice(0, 4)).toEqual([
      `# ${statement.title.en}`,
      `# ${statement.date}. Built from two versions.`,
      '# Check the pairs.',
      `id: ${statement.id}`,
    ]);
  });
});
