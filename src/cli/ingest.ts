import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Bilingual, Language, Statement } from '../core/corpus';
import { parseDataFile, parseStatementFile } from '../core/data-file';
import { DataError } from '../core/errors';
import { buildGlossary, type Glossary, GlossaryFile } from '../core/glossary';
import { buildBilingualStatement, type StatementOverrides } from '../core/ingest/bilingual';
import { parsePlainStatement } from '../core/ingest/plain-text';
import { deriveStatementId, toStatementYaml } from '../core/ingest/statement-yaml';
import { dataDirFrom } from '../knowledge';

const USAGE = `Usage:
  npm run ingest -- --en EN.txt --fr FR.txt [--delivered MIXED.txt] [--out DIR] [options]
      one statement from its English and French versions, paragraphs aligned
  npm run ingest -- STATEMENT.txt [--out DIR] [options]
      one statement delivered in French and English, counterparts marked missing
  npm run ingest -- --batch FOLDER [--out DIR]
      every statement of a folder: NAME.en.txt + NAME.fr.txt (+ NAME.delivered.txt), or NAME.txt

Each text file: a title block (title, "Statement by …", "New York, 6 September 2016"),
then the paragraphs, one per line or separated by blank lines.
Options (each overrides what the title blocks say):
  --out DIR                where to write (default: DATA_DIR/statements)
  --id ID   --date YYYY-MM-DD   --country NAME   --place NAME   --speaker NAME
  --title-en TEXT   --title-fr TEXT   --forum-en TEXT   --forum-fr TEXT
  --delivered-in fr|en     the language spoken, when no delivered text is given (default en)`;

const FLAGS = [
  'en',
  'fr',
  'delivered',
  'batch',
  'out',
  'id',
  'date',
  'country',
  'place',
  'speaker',
  'title-en',
  'title-fr',
  'forum-en',
  'forum-fr',
  'delivered-in',
] as const;
type Flag = (typeof FLAGS)[number];

interface Outcome {
  file: string;
  statement: Statement;
  pairs: number;
  doubtful: number;
}

async function main(argv: string[]): Promise<number> {
  const flags: Partial<Record<Flag, string>> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (arg.startsWith('--')) {
      const name = arg.slice(2) as Flag;
      const value = argv[i + 1];
      if (!FLAGS.includes(name) || value === undefined || value.startsWith('--')) {
        process.stderr.write(`Unknown option or missing value: ${arg}\n\n${USAGE}\n`);
        return 2;
      }
      flags[name] = value;
      i++;
    } else files.push(arg);
  }
  if (flags['delivered-in'] && flags['delivered-in'] !== 'fr' && flags['delivered-in'] !== 'en') {
    process.stderr.write('--delivered-in takes fr or en\n');
    return 2;
  }
  const outDir = flags.out ?? join(dataDirFrom(), 'statements');
  const glossary = await loadGlossary();
  const overrides = toOverrides(flags);

  if (flags.batch) return batch(flags.batch, outDir, glossary);
  if (flags.en || flags.fr) {
    if (!flags.en || !flags.fr || files.length > 0) {
      process.stderr.write(`Give both --en and --fr (and no other file).\n\n${USAGE}\n`);
      return 2;
    }
    const outcome = await ingestVersions(
      { en: flags.en, fr: flags.fr, ...(flags.delivered ? { delivered: flags.delivered } : {}) },
      outDir,
      glossary,
      overrides,
      true,
    );
    return outcome ? 0 : 1;
  }
  if (files.length !== 1) {
    process.stderr.write(`Give one statement file, or --en and --fr.\n\n${USAGE}\n`);
    return 2;
  }
  return (await ingestSingle(files[0]!, outDir, overrides, true)) ? 0 : 1;
}

function toOverrides(flags: Partial<Record<Flag, string>>): StatementOverrides {
  const overrides: StatementOverrides = {};
  if (flags.id) overrides.id = flags.id;
  if (flags.date) overrides.date = flags.date;
  if (flags.country) overrides.country = flags.country;
  if (flags.place) overrides.place = flags.place;
  if (flags.speaker) overrides.speaker = flags.speaker;
  if (flags['delivered-in']) overrides.deliveredIn = flags['delivered-in'] as Language;
  const pair = (en?: string, fr?: string): Bilingual | undefined =>
    en || fr ? { en: en ?? fr!, fr: fr ?? en! } : undefined;
  const title = pair(flags['title-en'], flags['title-fr']);
  const forum = pair(flags['forum-en'], flags['forum-fr']);
  if (title) overrides.title = title;
  if (forum) overrides.forum = forum;
  return overrides;
}

async function loadGlossary(): Promise<Glossary | undefined> {
  const file = join(dataDirFrom(), 'glossary.yml');
  try {
    return buildGlossary(parseDataFile(await readFile(file, 'utf8'), file, GlossaryFile));
  } catch (error) {
    if (error instanceof DataError) throw error;
    return undefined;
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new DataError(file, ['cannot read this file: check the path']);
  }
}

/** Validates and writes a statement file; returns its path. */
async function write(statement: Statement, outDir: string, note?: string): Promise<string> {
  const yaml = toStatementYaml(statement, note);
  const target = join(outDir, `${statement.id}.yml`);
  parseStatementFile(yaml, target);
  await mkdir(outDir, { recursive: true });
  await writeFile(target, yaml, 'utf8');
  return target;
}

async function ingestVersions(
  paths: { en: string; fr: string; delivered?: string },
  outDir: string,
  glossary: Glossary | undefined,
  overrides: StatementOverrides,
  verbose: boolean,
): Promise<Outcome | undefined> {
  const en = parsePlainStatement(await readText(paths.en));
  const fr = parsePlainStatement(await readText(paths.fr));
  const delivered = paths.delivered ? parsePlainStatement(await readText(paths.delivered)) : undefined;
  for (const [file, version] of [
    [paths.en, en],
    [paths.fr, fr],
  ] as const) {
    if (version.paragraphs.length === 0)
      throw new DataError(file, ['no paragraphs found after the title block']);
  }
  const result = buildBilingualStatement(
    { en, fr, ...(delivered ? { delivered } : {}) },
    glossary,
    overrides,
  );
  const target = await write(
    result.statement,
    outDir,
    'Built by npm run ingest from its English and French versions: counterparts are official.\n# Pairs flagged for review in the ingest output deserve a look.',
  );
  const doubtful = result.pairs.filter((pair) => pair.bead.doubtful).length;
  if (verbose) {
    const lines = [
      `Wrote ${target}`,
      `  id: ${result.statement.id}   date: ${result.statement.date}   place: ${result.statement.place.en}`,
      `  title: ${result.statement.title.en}`,
      `  ${en.paragraphs.length} English and ${fr.paragraphs.length} French paragraphs → ${result.pairs.length} pairs${delivered ? `, delivered text matched (${delivered.paragraphs.length} paragraphs)` : ''}`,
      '',
      '   ¶  pair  conf  delivered  English → French',
    ];
    for (const pair of result.pairs) {
      const flag = pair.bead.doubtful ? '  ⚠ review' : '';
      lines.push(
        `  ${String(pair.n).padStart(2)}  ${pair.bead.kind}  ${pair.bead.confidence.toFixed(2)}  ${pair.delivered}         ${clip(pair.en)} → ${clip(pair.fr)}${flag}`,
      );
    }
    lines.push(
      '',
      doubtful > 0 ? `${doubtful} pair(s) flagged for review (⚠).` : 'No pair flagged for review.',
    );
    if (result.assumptions.length > 0)
      lines.push('Assumed (override with the option named):', ...result.assumptions.map((a) => `  - ${a}`));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return { file: target, statement: result.statement, pairs: result.pairs.length, doubtful };
}

async function ingestSingle(
  file: string,
  outDir: string,
  overrides: StatementOverrides,
  verbose: boolean,
): Promise<Outcome | undefined> {
  const plain = parsePlainStatement(await readText(file));
  const date = overrides.date ?? plain.date;
  if (!date) throw new DataError(file, ['no date found in the title block: give one with --date YYYY-MM-DD']);
  if (plain.paragraphs.length === 0) throw new DataError(file, ['no paragraphs found after the title block']);
  const title = overrides.title ?? { en: plain.title || basename(file), fr: plain.title || basename(file) };
  const country = overrides.country ?? 'Canada';
  const place = overrides.place ?? plain.place ?? 'New York';
  const speaker = overrides.speaker ?? plain.speaker?.name;
  const statement: Statement = {
    id: overrides.id ?? deriveStatementId(country, title.en, date),
    country: { en: country, fr: country },
    date,
    title,
    forum: overrides.forum ?? title,
    place: { en: place, fr: place },
    speaker: {
      name: { en: speaker ?? `Delegation of ${country}`, fr: speaker ?? `Délégation : ${country}` },
      role: {
        en: plain.speaker?.role || `On behalf of ${country}`,
        fr: plain.speaker?.role || `Au nom de : ${country}`,
      },
    },
    paragraphs: plain.paragraphs.map((paragraph) => ({
      n: paragraph.n,
      delivered: paragraph.language,
      text: paragraph.text,
      counterpart: { origin: 'missing' as const },
    })),
  };
  const target = await write(statement, outDir);
  if (verbose) {
    const count = (language: string) => statement.paragraphs.filter((p) => p.delivered === language).length;
    const checks = [
      ...(overrides.country ? [] : [`country: "${country}" (default; --country)`]),
      ...(overrides.place || plain.place ? [] : [`place: "${place}" (default; --place)`]),
      ...(overrides.forum ? [] : ['forum: copied from the title (--forum-en, --forum-fr)']),
      ...(overrides.title ? [] : ['title.fr: copied from the title block (--title-fr)']),
    ];
    process.stdout.write(
      [
        `Wrote ${target}`,
        `  id: ${statement.id}`,
        `  title: ${title.en}`,
        `  date: ${date}${overrides.date ? ' (from --date)' : ' (from the title block)'}`,
        `  paragraphs: ${statement.paragraphs.length} (${count('fr')} French, ${count('en')} English)`,
        ...statement.paragraphs.map((p) => `    ¶${p.n} ${p.delivered}  ${clip(p.text, 60)}`),
        `  counterparts: all ${statement.paragraphs.length} marked missing; fill them in before publishing`,
        ...(checks.length > 0 ? ['Check:', ...checks.map((check) => `  - ${check}`)] : []),
        '',
      ].join('\n'),
    );
  }
  return { file: target, statement, pairs: statement.paragraphs.length, doubtful: 0 };
}

/** Ingests every statement of a folder, with a progress bar on stderr and a summary at the end. */
async function batch(folder: string, outDir: string, glossary: Glossary | undefined): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.txt')).sort();
  } catch {
    process.stderr.write(`Cannot read the folder ${folder}: check the path.\n`);
    return 1;
  }
  const groups = new Map<string, { en?: string; fr?: string; delivered?: string; single?: string }>();
  for (const name of names) {
    const match = /^(.*)\.(en|fr|delivered)\.txt$/.exec(name);
    const key = match ? match[1]! : name.replace(/\.txt$/, '');
    const group = groups.get(key) ?? {};
    if (match) group[match[2] as 'en' | 'fr' | 'delivered'] = join(folder, name);
    else group.single = join(folder, name);
    groups.set(key, group);
  }
  const outcomes: Outcome[] = [];
  const failures: string[] = [];
  let done = 0;
  for (const [key, group] of groups) {
    progress(done, groups.size, key);
    try {
      const outcome =
        group.en && group.fr
          ? await ingestVersions(
              { en: group.en, fr: group.fr, ...(group.delivered ? { delivered: group.delivered } : {}) },
              outDir,
              glossary,
              {},
              false,
            )
          : group.single
            ? await ingestSingle(group.single, outDir, {}, false)
            : undefined;
      if (outcome) outcomes.push(outcome);
      else failures.push(`${key}: needs NAME.en.txt and NAME.fr.txt, or NAME.txt`);
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
    done++;
  }
  progress(done, groups.size, '');
  process.stderr.write('\n');
  const pairs = outcomes.reduce((sum, outcome) => sum + outcome.pairs, 0);
  const doubtful = outcomes.reduce((sum, outcome) => sum + outcome.doubtful, 0);
  process.stdout.write(
    [
      `Statements added: ${outcomes.length} of ${groups.size}`,
      `Pairs: ${pairs}   doubtful pairs: ${doubtful}`,
      ...outcomes.filter((o) => o.doubtful > 0).map((o) => `  ${o.file}: ${o.doubtful} pair(s) to review`),
      ...(failures.length > 0 ? ['Not added:', ...failures.map((failure) => `  ${failure}`)] : []),
      '',
    ].join('\n'),
  );
  return failures.length > 0 ? 1 : 0;
}

function progress(done: number, total: number, current: string) {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${clip(current, 40).padEnd(40)}`,
  );
}

const clip = (text: string, width = 28) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof DataError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
