import { createInterface } from 'node:readline';
import { answer } from '../core/answer';
import { DataError } from '../core/errors';
import type { Knowledge } from '../core/knowledge-base';
import type { Reply } from '../core/reply';
import { dataDirFrom, type LoadOptions, loadKnowledge, loadOptionsFrom } from '../knowledge';
import { watchKnowledge } from '../watch';
import { toText } from './render-text';

const USAGE = `Usage:
  npm run -s ask -- "<command>"            answer one command (e.g. "veto", "para 14", "help")
  npm run -s ask -- --json "<command>"     the same, as one JSON object
  npm run -s ask -- --json --batch         one command per line on stdin, one JSON object per line
  npm run ask                              an interactive console
Options: --json, --batch, --limit N (results per answer, default 5), --help
Environment: DATA_DIR (default: data), NO_COLOR`;

interface Args {
  json: boolean;
  batch: boolean;
  limit: number;
  help: boolean;
  text: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { json: false, batch: false, limit: 5, help: false, text: '' };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--batch') args.batch = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--limit') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 100) return '--limit takes a whole number from 1 to 100';
      args.limit = n;
    } else if (arg === '--') continue;
    else words.push(arg);
  }
  args.text = words.join(' ');
  return args;
}

function cacheOptions(): LoadOptions {
  return loadOptionsFrom();
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let knowledge: Knowledge;
  try {
    knowledge = await loadKnowledge(dataDirFrom(), cacheOptions());
  } catch (error) {
    if (error instanceof DataError) {
      process.stderr.write(`Cannot load the data:\n  ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const render = (reply: Reply) => (args.json ? JSON.stringify(reply) : toText(reply, { color, width: 80 }));
  const reply = (text: string, current: Knowledge = knowledge) =>
    render(answer(text, current, { limit: args.limit }));

  if (args.batch) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) process.stdout.write(`${reply(line)}\n${args.json ? '' : '\n'}`);
    return 0;
  }
  if (args.text.trim() || !process.stdin.isTTY) {
    process.stdout.write(`${reply(args.text)}\n`);
    return 0;
  }
  // The console stays open for a while: it picks up changes to the data as they are saved.
  const store = watchKnowledge(dataDirFrom(), knowledge, {
    ...cacheOptions(),
    log: (message) => process.stderr.write(`${message}\n`),
  });
  try {
    return await runConsole((text) => reply(text, store.get()));
  } finally {
    store.close();
  }
}

/** The interactive console: one command per line, `quit` or Ctrl-D to leave. */
async function runConsole(reply: (text: string) => string): Promise<number> {
  const console = createInterface({ input: process.stdin, output: process.stdout, prompt: '› ' });
  process.stdout.write(
    'Type a search ("veto", "operations de paix"), "para 14" or "help". Ctrl-D or "quit" to leave.\n',
  );
  console.prompt();
  for await (const line of console) {
    if (/^\s*(quit|exit|quitter|q)\s*$/i.test(line)) break;
    if (line.trim()) process.stdout.write(`${reply(line)}\n\n`);
    console.prompt();
  }
  console.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
