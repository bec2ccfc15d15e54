import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { parseArgs } from 'node:util';
import { type DataConfig, parseDataEnv } from '../config/data-env.ts';
import {
  type Bilingual,
  type Language,
  otherLanguage,
  type Sources,
  type Statement,
} from '../core/corpus.ts';
import { parseDataFile } from '../core/data-file.ts';
import { DataError, DocumentError } from '../core/errors.ts';
import { buildGlossary, type Glossary, GlossaryFile } from '../core/glossary.ts';
import {
  type Assumption,
  type BuildResult,
  buildBilingualStatement,
  buildSingleStatement,
  citationsOf,
  IngestError,
  type MetadataField,
  type ReadVersion,
  type StatementOverrides,
  sourceOf,
} from '../core/ingest/build-statement.ts';
import type { Doubt } from '../core/ingest/document.ts';
import { either, fileExtensions, formatNames, formatOfFileName } from '../core/ingest/formats/index.ts';
import { sameSpeech } from '../core/ingest/merge.ts';
import { readStatementDocument } from '../core/ingest/plain-text.ts';
import { messages } from '../core/messages.ts';
import type { StatementRules } from '../core/statement-rules.ts';
import type { ArchiveStore } from '../ports/archive.ts';
import { addStatement } from '../service/add-statement.ts';
import { archiveProblem, type OpenArchive, openArchive } from '../service/archive.ts';
import { readDocumentFile } from '../service/documents/read-document.ts';
import { statementRulesFor } from '../service/knowledge/sources.ts';
import { parseCommandLine, runAsCommand } from './entry.ts';

const USAGE = `Usage:
  npm run ingest -- --en EN.docx --fr FR.docx [--delivered DELIVERED.txt] [options]
      one statement from its English and French versions, paragraphs aligned
  npm run ingest -- STATEMENT.pdf [options]
      one statement delivered in French and English, counterparts marked missing
  npm run ingest -- --batch FOLDER [options]
      every statement of a folder: NAME.en.EXT + NAME.fr.EXT (+ NAME.delivered.EXT), or NAME.EXT

Each file may be ${either(formatNames('en', 'one'), 'en')};
the format is read from its content. Each starts with a title block (title, "Statement by …",
"New York, 6 September 2016"), then the paragraphs.
Options:
  --out DIR                where to write (default: DATA_DIR/statements)
  --update                 re-align an existing statement, keeping what was edited by hand
  --force                  replace an existing statement file entirely
  --id ID   --date YYYY-MM-DD   --country NAME   --place NAME   --speaker NAME
  --title-en TEXT   --title-fr TEXT   --forum-en TEXT   --forum-fr TEXT
  --delivered-in fr|en     the language spoken, when no delivered text is given (default en)
  --confirm                write even when the title or date read is in doubt (listed first)
Exit codes: 0 every statement written, 1 something was refused (nothing written for it), 2 bad options.`;

const OPTIONS = {
  en: { type: 'string' },
  fr: { type: 'string' },
  delivered: { type: 'string' },
  batch: { type: 'string' },
  out: { type: 'string' },
  id: { type: 'string' },
  date: { type: 'string' },
  country: { type: 'string' },
  place: { type: 'string' },
  speaker: { type: 'string' },
  'title-en': { type: 'string' },
  'title-fr': { type: 'string' },
  'forum-en': { type: 'string' },
  'forum-fr': { type: 'string' },
  'delivered-in': { type: 'string' },
  force: { type: 'boolean' },
  update: { type: 'boolean' },
  confirm: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Where the ingest writes its report; tests pass their own. */
export interface IngestIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Today, as YYYY-MM-DD: when the sources were taken. */
  today?: string;
}

/** How an existing file is treated. */
type Mode = 'new' | 'force' | 'update';

interface Outcome {
  file: string;
  action: 'added' | 'replaced' | 'updated';
  statement: Statement;
  pairs: number;
  doubtful: number;
}

/** A refusal: nothing was written; the message says why and what to do. */
class Refusal extends Error {
  override readonly name = 'Refusal';
}

/** A statement a batch already wrote from another file: nothing is written again, and it is no failure. */
class SameSpeech extends Refusal {}

/**
 * The `npm run ingest` command: reads documents, builds statements and writes them,
 * never replacing a file unless told to. Returns the exit code.
 */
export async function main(argv: readonly string[], io: IngestIo): Promise<number> {
  const parsed = parseCommandLine(argv, OPTIONS, USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const usage = (message: string) => {
    io.stderr(`${message}\n\n${USAGE}\n`);
    return 2;
  };
  const deliveredIn = values['delivered-in'];
  if (deliveredIn !== undefined && deliveredIn !== 'fr' && deliveredIn !== 'en')
    return usage('--delivered-in takes fr or en');
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date))
    return usage('--date takes a date as YYYY-MM-DD');
  if (values.force && values.update) return usage('Give --force or --update, not both.');
  const mode: Mode = values.force ? 'force' : values.update ? 'update' : 'new';
  const today = io.today ?? new Date().toISOString().slice(0, 10);
  // The environment, parsed once for this command.
  const config = parseDataEnv(io.env);
  let archive: OpenArchive;
  try {
    archive = await openArchive({ ...config, ...(values.out !== undefined ? { folder: values.out } : {}) });
  } catch (error) {
    io.stderr(`Cannot open the archive: ${archiveProblem(error)}\n`);
    return 1;
  }
  try {
    return await run(values, positionals, {
      io,
      store: archive.store,
      mode,
      today,
      glossary: await loadGlossary(config),
      rules: await statementRulesFor(config),
      overrides: toOverrides(values),
      confirm: values.confirm === true,
    });
  } finally {
    await archive.announce().catch(() => undefined);
    await archive.close();
  }
}

/** Ingests what the options name, into the context's archive. Returns the exit code. */
async function run(values: Values, positionals: string[], context: Context): Promise<number> {
  const { io } = context;
  const usage = (message: string) => {
    io.stderr(`${message}\n\n${USAGE}\n`);
    return 2;
  };
  if (values.batch !== undefined) {
    if (values.en || values.fr || positionals.length > 0) return usage('Give --batch FOLDER alone.');
    return batch(values.batch, context);
  }
  try {
    if (values.en !== undefined || values.fr !== undefined) {
      if (!values.en || !values.fr || positionals.length > 0)
        return usage('Give both --en and --fr (and no other file).');
      await ingestVersions(
        { en: values.en, fr: values.fr, ...(values.delivered ? { delivered: values.delivered } : {}) },
        context,
        true,
      );
      return 0;
    }
    if (positionals.length !== 1) return usage('Give one statement file, or --en and --fr.');
    await ingestSingle(positionals[0]!, context, true);
    return 0;
  } catch (error) {
    io.stderr(`${describe(error)}\n`);
    return 1;
  }
}

interface Context {
  io: IngestIo;
  store: ArchiveStore;
  mode: Mode;
  today: string;
  glossary: Glossary | undefined;
  /** The loader's rules: what no instance would load is refused here, and nothing is written. */
  rules: StatementRules;
  /** Write even when the title or the date read is in doubt. */
  confirm: boolean;
  /** What this run wrote so far (a batch): one speech found in two formats is written once. */
  written?: Array<{ statement: Statement; label: string }>;
  overrides: StatementOverrides;
}

function toOverrides(values: Values): StatementOverrides {
  const overrides: StatementOverrides = {};
  if (values.id) overrides.id = values.id;
  if (values.date) overrides.date = values.date;
  if (values.country) overrides.country = values.country;
  if (values.place) overrides.place = { en: values.place, fr: values.place };
  if (values.speaker) overrides.speaker = values.speaker;
  if (values['delivered-in']) overrides.deliveredIn = values['delivered-in'] as Language;
  const pair = (en?: string, fr?: string): Partial<Bilingual> | undefined =>
    en || fr ? { ...(en ? { en } : {}), ...(fr ? { fr } : {}) } : undefined;
  const title = pair(values['title-en'], values['title-fr']);
  const forum = pair(values['forum-en'], values['forum-fr']);
  if (title) overrides.title = title;
  if (forum) overrides.forum = forum;
  return overrides;
}

/** The fields set on the command line, which an update takes over the file's. */
function givenFields(overrides: StatementOverrides): Set<string> {
  const given = new Set<string>();
  for (const field of ['date', 'country', 'place', 'title', 'forum', 'speaker'] as const)
    if (overrides[field] !== undefined) given.add(field);
  return given;
}

async function loadGlossary(config: DataConfig): Promise<Glossary | undefined> {
  const file = join(config.dataDir, 'glossary.yml');
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  return buildGlossary(parseDataFile(source, file, GlossaryFile));
}

/** Reads one document and records where it came from. */
async function readVersion(file: string, today: string): Promise<ReadVersion> {
  const version = readStatementDocument(await readDocumentFile(file));
  return { version, source: sourceOf(version, basename(file), today) };
}

async function ingestVersions(
  paths: { en: string; fr: string; delivered?: string },
  context: Context,
  verbose: boolean,
): Promise<Outcome> {
  const en = await readVersion(paths.en, context.today);
  const fr = await readVersion(paths.fr, context.today);
  const delivered = paths.delivered ? await readVersion(paths.delivered, context.today) : undefined;
  const sources: Sources = {
    en: en.source,
    fr: fr.source,
    ...(delivered ? { delivered: delivered.source } : {}),
  };
  const result = build(`${paths.en} + ${paths.fr}`, () =>
    buildBilingualStatement(
      { en: en.version, fr: fr.version, ...(delivered ? { delivered: delivered.version } : {}) },
      context.glossary,
      context.overrides,
      sources,
    ),
  );
  return save(result, context, verbose, {
    note: 'Built by npm run ingest from its English and French versions: counterparts are official.\n# Pairs flagged for review in the ingest output deserve a look.',
    summary: `${en.version.paragraphs.length} English and ${fr.version.paragraphs.length} French paragraphs → ${result.pairs.length} pairs${delivered ? `, delivered text matched (${delivered.version.paragraphs.length} paragraphs)` : ''}`,
    table: true,
    label: `${paths.en} + ${paths.fr}`,
  });
}

async function ingestSingle(file: string, context: Context, verbose: boolean): Promise<Outcome> {
  const { version, source } = await readVersion(file, context.today);
  const result = build(file, () => buildSingleStatement(version, context.overrides, { delivered: source }));
  const count = (language: Language) =>
    result.statement.paragraphs.filter((p) => p.delivered === language).length;
  return save(result, context, verbose, {
    summary: `paragraphs: ${result.statement.paragraphs.length} (${count('fr')} French, ${count('en')} English); counterparts marked missing: fill them in before publishing`,
    table: false,
    label: file,
  });
}

function build(label: string, run: () => BuildResult): BuildResult {
  try {
    return run();
  } catch (error) {
    if (error instanceof IngestError) throw new Refusal(`${label}: ${error.message}`);
    throw error;
  }
}

/**
 * Writes the statement: a new id is never written over another statement (a distinct id
 * is derived), and the same statement is written again only with --force or --update.
 */
async function save(
  result: BuildResult,
  context: Context,
  verbose: boolean,
  report: { note?: string; summary: string; table: boolean; label: string },
): Promise<Outcome> {
  const { mode } = context;
  // A title or a date the reading doubts is never written unless someone confirms it.
  if (result.doubts.length > 0 && !context.confirm)
    throw new Refusal(
      [
        `${report.label}: nothing was written, the ${[...new Set(result.doubts.map((d) => d.field))].join(' and ')} read is not sure:`,
        ...result.doubts.map((doubt) => `  - ${describeDoubt(doubt)}`),
        '  Give it (--title-en, --title-fr, --date), or write it as read with --confirm.',
      ].join('\n'),
    );
  const twin = context.written?.find((earlier) => sameSpeech(earlier.statement, result.statement));
  if (twin)
    throw new SameSpeech(`${report.label}: the same statement as ${twin.label}, in another form: added once`);
  const outcome = await addStatement(context.store, {
    statement: result.statement,
    mode: mode === 'force' ? 'replace' : mode,
    known: [],
    ...(report.note ? { note: report.note } : {}),
    rules: context.rules,
    idGiven: context.overrides.id !== undefined,
    given: givenFields(context.overrides),
  });
  switch (outcome.kind) {
    case 'duplicate':
    case 'exists':
      throw new Refusal(
        `${outcome.where} already exists: nothing was written.\n  To re-align it and keep what was edited by hand (counterparts, themes, summaries, metadata): add --update\n  To replace it entirely: add --force`,
      );
    case 'unreadable':
      throw new Refusal(
        `${outcome.where} does not load, so it cannot be updated: fix it, or replace it with --force`,
      );
    case 'would_lose':
      throw new Refusal(
        `${outcome.where}: --update would lose work, so nothing was written:\n${outcome.orphaned.map((line) => `  - ${line}`).join('\n')}\n  Move that work by hand, or replace the file with --force.`,
      );
    case 'raced':
      throw new Refusal(
        `${outcome.where} appeared while ingesting: nothing was written; run the ingest again`,
      );
  }
  if (outcome.idTaken) result.assumptions.push({ kind: 'id_taken', taken: outcome.idTaken, id: outcome.id });
  const { statement, kept, where: file, action } = outcome;
  context.written?.push({ statement, label: report.label });
  const doubtful = result.pairs.filter((pair) => pair.bead.doubtful).length;
  if (verbose) context.io.stdout(`${describeOutcome(result, statement, file, action, kept, report)}\n`);
  return { file, action, statement, pairs: result.pairs.length, doubtful };
}

function describeOutcome(
  result: BuildResult,
  statement: Statement,
  file: string,
  action: Outcome['action'],
  kept: string[],
  report: { summary: string; table: boolean },
): string {
  const verb = { added: 'Wrote', replaced: 'Replaced', updated: 'Updated' }[action];
  const lines = [
    `${verb} ${file}`,
    `  id: ${statement.id}   date: ${statement.date}   place: ${statement.place?.en ?? '(unknown)'}`,
    `  title (EN): ${statement.title.en}`,
    `  title (FR): ${statement.title.fr}`,
    `  speaker: ${statement.speaker ? `${statement.speaker.name.en}${statement.speaker.role ? `, ${statement.speaker.role.en}` : ''}` : '(unknown)'}`,
    `  ${report.summary}`,
  ];
  if (report.table) {
    lines.push('', '   ¶  pair  conf  delivered  English → French');
    for (const pair of result.pairs) {
      const flag = pair.bead.doubtful ? '  ⚠ review' : '';
      lines.push(
        `  ${String(pair.n).padStart(2)}  ${pair.bead.kind}  ${pair.bead.confidence.toFixed(2)}  ${pair.delivered}         ${clip(pair.en || '(none)')} → ${clip(pair.fr || '(none)')}${flag}`,
      );
    }
    const doubtful = result.pairs.filter((pair) => pair.bead.doubtful).length;
    lines.push(
      '',
      doubtful > 0 ? `${doubtful} pair(s) flagged for review (⚠).` : 'No pair flagged for review.',
    );
  } else {
    lines.push(...statement.paragraphs.map((p) => `    ¶${p.n} ${p.delivered}  ${clip(p.text, 60)}`));
  }
  if (kept.length > 0)
    lines.push('Kept from the file (edited by hand):', ...kept.map((line) => `  - ${line}`));
  if (result.assumptions.length + result.doubts.length > 0)
    lines.push(
      'Check (override with the option named):',
      // Written with --confirm: the doubts first.
      ...result.doubts.map((doubt) => `  - ⚠ ${describeDoubt(doubt)} (confirmed)`),
      ...result.assumptions.map((a) => `  - ${describeAssumption(a)}`),
    );
  // From the statement as written: an update may have kept metadata from the file.
  const citations = citationsOf(statement);
  lines.push('Citations, as answers will give them:', `  EN: ${citations.en}`, `  FR: ${citations.fr}`);
  return lines.join('\n');
}

const languageName = messages.en.languageNames;
const flags: Record<MetadataField, (language: Language) => string> = {
  title: (l) => `--title-${l}`,
  forum: (l) => `--forum-${l}`,
  place: () => '--place',
  speaker: () => '--speaker',
  // No option gives a role: it comes from each version's title block, or is set in the file.
  role: () => 'set it in the file',
  country: () => '--country',
};

/** A doubt as the ingest prints it: the field, why, what was chosen and the other candidates, and the option that settles it. */
function describeDoubt(doubt: Doubt): string {
  const option = doubt.field === 'date' ? '--date' : '--title-en, --title-fr';
  const chosen = doubt.chosen ? `; read as "${doubt.chosen}"` : '';
  const others =
    doubt.candidates.length > 0
      ? `; also found: ${doubt.candidates.map((c) => `"${c.value}" (${c.from})`).join(', ')}`
      : '';
  return `${doubt.field}: ${doubt.reason}${chosen}${others} (${option})`;
}

/** An assumption as the ingest prints it, with the option that overrides it. */
function describeAssumption(assumption: Assumption): string {
  switch (assumption.kind) {
    case 'from_delivered':
      return `${assumption.field}: the same in both languages, from the delivered text (${flags[assumption.field]('en')}, ${flags[assumption.field]('fr')})`;
    case 'copied': {
      const { field, language } = assumption;
      return `${field}.${language}: not given in ${languageName[language]}; copied from the ${languageName[otherLanguage(language)]} (${flags[field](language)})`;
    }
    case 'left_out':
      return `${assumption.field}: not found in the title block, left out (--${assumption.field})`;
    case 'forum_is_title':
      return 'forum: the title (--forum-en, --forum-fr)';
    case 'country':
      return `country: ${assumption.country} (--country)`;
    case 'notes':
      return `notes dropped from the text and recorded: ${assumption.notes.map((n) => `"${n}"`).join(', ')}`;
    case 'delivered_language':
      return `delivered language: ${assumption.language} (no delivered text given; --delivered or --delivered-in)`;
    case 'id_taken':
      return `id: ${assumption.taken} is another statement's; this one is ${assumption.id} (--id)`;
    case 'delivered_wording':
      return `${assumption.paragraphs.map((n) => `¶${n}`).join(', ')}: said otherwise than the official version; the words as delivered are kept`;
  }
}

/** Ingests every statement of a folder, with a progress bar on stderr and a summary that counts what happened. */
async function batch(folder: string, context: Context): Promise<number> {
  const { io } = context;
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  } catch {
    io.stderr(`Cannot read the folder ${folder}: check the path.\n`);
    return 1;
  }
  const skipped: string[] = [];
  const groups = new Map<
    string,
    { en?: string; fr?: string; delivered?: string; single?: string; clash?: string }
  >();
  for (const name of names) {
    if (!formatOfFileName(name)) {
      skipped.push(`${name}: skipped, not a statement format (${fileExtensions().join(', ')})`);
      continue;
    }
    const match = /^(.*)\.(en|fr|delivered)\.[^.]+$/i.exec(name);
    const key = match ? match[1]! : name.replace(/\.[^.]+$/, '');
    const role = (match ? match[2]!.toLowerCase() : 'single') as 'en' | 'fr' | 'delivered' | 'single';
    const group = groups.get(key) ?? {};
    if (group[role])
      group.clash = `${key}: two files for one version (${basename(group[role]!)}, ${name}): keep one`;
    group[role] = join(folder, name);
    groups.set(key, group);
  }
  const outcomes: Outcome[] = [];
  const failures: string[] = [];
  const twins: string[] = [];
  const batchContext: Context = { ...context, written: [] };
  let done = 0;
  for (const [key, group] of groups) {
    progress(io, done, groups.size, key);
    try {
      if (group.clash) throw new Refusal(group.clash);
      if (group.en && group.fr) {
        if (group.single)
          throw new Refusal(`${key}: both ${basename(group.single)} and two versions: keep one form`);
        outcomes.push(
          await ingestVersions(
            { en: group.en, fr: group.fr, ...(group.delivered ? { delivered: group.delivered } : {}) },
            batchContext,
            false,
          ),
        );
      } else if (group.single && !group.en && !group.fr && !group.delivered) {
        outcomes.push(await ingestSingle(group.single, batchContext, false));
      } else {
        const has = group.en ? 'an English version' : group.fr ? 'a French version' : 'a delivered text';
        const needs = group.en ? `${key}.fr.*` : group.fr ? `${key}.en.*` : `${key}.en.* and ${key}.fr.*`;
        throw new Refusal(`${key}: has ${has} only; add ${needs}`);
      }
    } catch (error) {
      if (error instanceof SameSpeech) twins.push(error.message);
      else failures.push(describe(error));
    }
    done++;
  }
  progress(io, done, groups.size, '');
  io.stderr('\n');
  const count = (action: Outcome['action']) => outcomes.filter((o) => o.action === action).length;
  const pairs = outcomes.reduce((sum, outcome) => sum + outcome.pairs, 0);
  const doubtful = outcomes.reduce((sum, outcome) => sum + outcome.doubtful, 0);
  io.stdout(
    [
      `Statements added: ${count('added')} of ${groups.size}${count('updated') ? `   updated: ${count('updated')}` : ''}${count('replaced') ? `   replaced: ${count('replaced')}` : ''}`,
      `Pairs: ${pairs}   doubtful pairs: ${doubtful}`,
      ...outcomes.filter((o) => o.doubtful > 0).map((o) => `  ${o.file}: ${o.doubtful} pair(s) to review`),
      ...(failures.length > 0
        ? [
            `Not added (${failures.length}):`,
            ...failures.map((failure) => `  ${failure.replace(/\n/g, '\n  ')}`),
          ]
        : []),
      ...(twins.length > 0
        ? [`One statement in two forms, added once (${twins.length}):`, ...twins.map((line) => `  ${line}`)]
        : []),
      ...(skipped.length > 0 ? [`Skipped (${skipped.length}):`, ...skipped.map((line) => `  ${line}`)] : []),
      '',
    ].join('\n'),
  );
  return failures.length > 0 ? 1 : 0;
}

function progress(io: IngestIo, done: number, total: number, current: string) {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  io.stderr(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${clip(current, 40).padEnd(40)}`,
  );
}

function describe(error: unknown): string {
  if (error instanceof Refusal || error instanceof DocumentError || error instanceof DataError)
    return error.message;
  return `could not ingest: ${error instanceof Error ? error.message : String(error)}`;
}

const clip = (text: string, width = 28) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

runAsCommand(import.meta.url, main, describe);
