import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** What a command's `main` writes to and reads: the process's streams and environment. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs a command's `main(argv, io)` when its module is the one node was started with (not
 * when a test imports it): its exit code becomes the process's, and what it did not
 * catch is said in one line by `describe`, never as a stack.
 */
export function runAsCommand(
  moduleUrl: string,
  main: (argv: readonly string[], io: CommandIo) => Promise<number>,
  describe: (error: unknown) => string,
) {
  if (!process.argv[1] || pathToFileURL(resolve(process.argv[1])).href !== moduleUrl) return;
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${describe(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * A command's options, parsed strictly: the values and positionals, or the exit code
 * already decided (2 with the usage after an unknown option, 0 after printing it for --help).
 */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: O,
  usage: string,
  io: Pick<CommandIo, 'stdout' | 'stderr'>,
):
  | {
      values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
      positionals: string[];
    }
  | number {
  let parsed: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if ((parsed.values as { help?: unknown }).help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  return { values: parsed.values, positionals: parsed.positionals };
}
