import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Statement } from '../core/corpus';
import { parseStatementFile } from '../core/data-file';
import { DataError } from '../core/errors';
import { parsePlainStatement } from '../core/ingest/plain-text';
import { deriveStatementId, toStatementYaml } from '../core/ingest/statement-yaml';
import { dataDirFrom } from '../knowledge';

const USAGE = `Usage: npm run ingest -- <statement.txt> [--out DIR] [options]
Turns a statement in plain text (a title block with its date, then one paragraph per
line, French and English mixed) into a data file. Counterparts are marked missing.
Options:
  --out DIR          where to write (default: DATA_DIR/statements)
  --id ID            the statement id (default: derived from country, title and date)
  --date YYYY-MM-DD  the date, when the title block has none
  --country NAME     default: Canada
  --place NAME       default: New York
  --forum TEXT       default: the title
  --title-fr TEXT    the French title (default: the title as found)`;

type Flags = Record<'out' | 'id' | 'date' | 'country' | 'place' | 'forum' | 'title-fr', string | undefined>;

async function main(argv: string[]): Promise<number> {
  const flags: Flags = {
    out: undefined,
    id: undefined,
    date: undefined,
    country: undefined,
    place: undefined,
    forum: undefined,
    'title-fr': undefined,
  };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (arg.startsWith('--')) {
      const name = arg.slice(2) as keyof Flags;
      const value = argv[i + 1];
      if (!(name in flags) || value === undefined) {
        process.stderr.write(`Unknown option or missing value: ${arg}\n\n${USAGE}\n`);
        return 2;
      }
      flags[name] = value;
      i++;
    } else files.push(arg);
  }
  if (files.length !== 1) {
    process.stderr.write(`Give exactly one statement file.\n\n${USAGE}\n`);
    return 2;
  }
  const file = files[0]!;
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    process.stderr.write(`Cannot read ${file}: check the path.\n`);
    return 1;
  }
  const plain = parsePlainStatement(source);
  const checks: string[] = [];
  const date = flags.date ?? plain.date;
  if (!date) {
    process.stderr.write(`${file}: no date found in the title block; give one with --date YYYY-MM-DD.\n`);
    return 1;
  }
  if (plain.paragraphs.length === 0) {
    process.stderr.write(`${file}: no paragraphs found after the title block.\n`);
    return 1;
  }
  const title = plain.title || basename(file);
  const country = flags.country ?? 'Canada';
  const place = flags.place ?? 'New York';
  const forum = flags.forum ?? title;
  if (!flags.country) checks.push(`country: "${country}" (default; --country)`);
  if (!flags.place) checks.push(`place: "${place}" (default; --place)`);
  if (!flags.forum) checks.push('forum: copied from the title (--forum)');
  if (!flags['title-fr'])
    checks.push('title.fr, forum.fr, speaker: copied or generic, to translate or complete');
  const statement: Statement = {
    id: flags.id ?? deriveStatementId(country, title, date),
    country: { en: country, fr: country },
    date,
    title: { en: title, fr: flags['title-fr'] ?? title },
    forum: { en: forum, fr: forum },
    place: { en: place, fr: place },
    speaker: {
      name: { en: `Delegation of ${country}`, fr: `Délégation : ${country}` },
      role: { en: `Statement on behalf of ${country}`, fr: `Déclaration au nom de : ${country}` },
    },
    paragraphs: plain.paragraphs.map((paragraph) => ({
      n: paragraph.n,
      delivered: paragraph.language,
      text: paragraph.text,
      counterpart: { origin: 'missing' as const },
    })),
  };
  const yaml = toStatementYaml(statement);
  const outDir = flags.out ?? join(dataDirFrom(), 'statements');
  const target = join(outDir, `${statement.id}.yml`);
  parseStatementFile(yaml, target);
  await mkdir(outDir, { recursive: true });
  await writeFile(target, yaml, 'utf8');

  const count = (language: string) => statement.paragraphs.filter((p) => p.delivered === language).length;
  process.stdout.write(
    [
      `Wrote ${target}`,
      `  id: ${statement.id}`,
      `  title: ${title}`,
      `  date: ${date}${flags.date ? ' (from --date)' : ' (from the title block)'}`,
      `  paragraphs: ${statement.paragraphs.length} (${count('fr')} French, ${count('en')} English)`,
      ...statement.paragraphs.map(
        (p) => `    ¶${p.n} ${p.delivered}  ${p.text.slice(0, 60)}${p.text.length > 60 ? '…' : ''}`,
      ),
      `  counterparts: all ${statement.paragraphs.length} marked missing; fill them in before publishing`,
      ...(checks.length > 0 ? ['Check:', ...checks.map((check) => `  - ${check}`)] : []),
      '',
    ].join('\n'),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof DataError ? error.message : `Unexpected error: ${String(error)}`}\n`,
    );
    process.exitCode = 1;
  },
);
