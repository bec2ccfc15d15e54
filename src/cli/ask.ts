import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDataEnv } from '../config/data-env.ts';
import { type AnswerOptions, answer } from '../core/answer.ts';
import { DataError } from '../core/errors.ts';
import type { Knowledge } from '../core/knowledge-base.ts';
import { localeLanguage } from '../core/language.ts';
import type { Reply } from '../core/reply.ts';
import { loadKnowledge, loadOptionsFor } from '../service/knowledge/load.ts';
import { watchKnowledge } from '../service/knowledge/watch.ts';
import { toText } from './render-text.ts';

const USAGE = `Usage:
  npm run -s ask -- "<command>"            answer one command (e.g. "veto", "para 14", "help")
  npm run -s ask -- --json "<command>"     the same, as one JSON object
  npm run -s ask -- --json --batch         one command per line on stdin, one JSON object per line
  npm run -s ask < questions.txt           one command per line on stdin, answered one by one
  npm run ask                              an interactive console ("more" shows the next results)
Options: --json, --batch, --limit N (results per answer, default 5), --offset N (results to skip), --help
Environment: DATA_DIR (default: data), NO_COLOR, LANG (fr_CA… answers in French when the text does not say)`;

const OPTIONS = {
  json: { type: 'boolean' },
  batch: { type: 'boolean' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where the command reads and writes; `process` in the bin, fakes in tests. */
export interface AskIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

const whole = (value: string | undefined, name: string, min: number, max: number, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}`);
  return n;
};

class UsageError extends Error {}

/**
 * `npm run ask`: answers commands from the arguments, from piped lines, or in a console.
 * Returns the exit code: 0 when every command was answered (errors included), 1 when the
 * data cannot be loaded, 2 for bad options.
 */
export async function main(argv: readonly string[], io: AskIo): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];
  let positionals: string[];
  let limit: number;
  let offset: number;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }));
    limit = whole(values.limit, 'limit', 1, 100, 5);
    offset = whole(values.offset, 'offset', 0, 100_000, 0);
  } catch (error) {
    io.stderr.write(
      `${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n\n${USAGE}\n`,
    );
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The environment, parsed once for this command.
  const config = parseDataEnv(io.env);
  let knowledge: Knowledge;
  try {
    knowledge = await loadKnowledge(config.dataDir, loadOptionsFor(config));
    // A statement file that does not load is left out and named; the others answer.
    for (const { file, problems } of knowledge.skipped)
      io.stderr.write(`Skipped, it does not load: ${file}: ${problems.join('\n  ')}\n`);
  } catch (error) {
    if (error instanceof DataError) {
      io.stderr.write(`Cannot load the data:\n  ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const locale = localeLanguage(io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG);
  const settings: Partial<AnswerOptions> = { limit, ...(locale ? { locale } : {}) };
  const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
  const render = (reply: Reply) =>
    values.json ? JSON.stringify(reply) : toText(reply, { color, width: 80 });
  const text = positionals.join(' ');

  if (values.batch || (!text.trim() && !io.stdin.isTTY)) {
    // One command per line: JSON objects one per line, or answers separated by a blank line.
    const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    let first = true;
    for await (const line of lines) {
      if (!values.batch && !line.trim()) continue;
      const rendered = render(answer(line, knowledge, settings));
      io.stdout.write(values.json ? `${rendered}\n` : `${first ? '' : '\n'}${rendered}\n`);
      first = false;
    }
    return 0;
  }
  if (text.trim()) {
    io.stdout.write(`${render(answer(text, knowledge, { ...settings, offset }))}\n`);
    return 0;
  }
  // The console stays open for a while: it picks up changes to the data as they are saved.
  const store = watchKnowledge(config.dataDir, knowledge, {
    ...loadOptionsFor(config),
    log: (message) => io.stderr.write(`${message}\n`),
  });
  try {
    return await runConsole(io, (line, page) =>
      render(answer(line, store.get(), { ...settings, offset: page * limit })),
    );
  } finally {
    store.close();
  }
}

/** The interactive console: one command per line, `more` for the next results, `quit` or Ctrl-D to leave. */
async function runConsole(io: AskIo, reply: (text: string, page: number) => string): Promise<number> {
  const console = createInterface({
    input: io.stdin,
    output: io.stdout as NodeJS.WritableStream,
    prompt: '› ',
  });
  io.stdout.write(
    'Type a search ("veto", "operations de paix"), "para 14" or "help"; "more" (or "plus") for the next results. Ctrl-D or "quit" to leave.\n',
  );
  console.prompt();
  let last: string | undefined;
  let page = 0;
  for await (const line of console) {
    if (/^\s*(quit|exit|quitter|q)\s*$/i.test(line)) break;
    if (/^\s*(more|plus|suite|next)\s*$/i.test(line) && last !== undefined) {
      page += 1;
      io.stdout.write(`${reply(last, page)}\n\n`);
    } else if (line.trim()) {
      last = line;
      page = 0;
      io.stdout.write(`${reply(line, 0)}\n\n`);
    }
    console.prompt();
  }
  console.close();
  return 0;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  // A closed pipe (`ask … | head -1`) ends the command quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main(process.argv.slice(2), process).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
