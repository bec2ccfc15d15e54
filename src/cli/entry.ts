import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

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
