import { config as loadDotenv } from 'dotenv';
import { parseSlackEnv } from '../config/slack-env.ts';
import { ConfigError, DataError } from '../core/errors.ts';
import { loadOptionsFrom } from '../knowledge.ts';
import { type RunningService, startService } from './service.ts';
import { StartError } from './start-auth.ts';

/** `npm start`: reads .env, checks the configuration and the data, then serves Slack until SIGTERM. */
async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  let config: ReturnType<typeof parseSlackEnv>;
  try {
    config = parseSlackEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (config.logLevel === 'debug')
    process.stderr.write(
      'LOG_LEVEL=debug: logs may show what users typed (never tokens, signatures or response URLs). Use it only to diagnose, then set it back to info.\n',
    );
  let service: RunningService;
  try {
    service = await startService(config, {
      load: loadOptionsFrom(),
      note: (message) => process.stderr.write(`${message}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof DataError) process.stderr.write(`Cannot load the data:\n  ${error.message}\n`);
    else if (error instanceof StartError) process.stderr.write(`Cannot start: ${error.message}\n`);
    else if (code === 'EADDRINUSE')
      process.stderr.write(
        `Cannot start: port ${config.port} is already in use: stop what uses it, or set PORT to a free port\n`,
      );
    else if (code === 'EACCES')
      process.stderr.write(`Cannot start: port ${config.port} needs privileges: set PORT to 1024 or above\n`);
    else throw error;
    return 1;
  }
  const { app, report } = service;
  const where = [
    config.databaseUrl ? 'the archive database' : 'the data folder',
    config.redisUrl ? 'Redis for several instances' : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  app.app.logger.info(
    config.mode === 'socket'
      ? `Quotes is running in Socket Mode with ${service.statements()} statement(s) from ${where}`
      : `Quotes is listening on port ${app.port} (/slack/events, /healthz) with ${service.statements()} statement(s) from ${where}`,
  );
  if (config.oauth)
    app.app.logger.info(
      'many workspaces: each installs the app at /slack/install and is answered with its own token',
    );
  if (config.editors.users.length + config.editors.groups.length > 0)
    app.app.logger.info(
      `adding statements from Slack is on for ${config.editors.users.length} editor(s) and ${config.editors.groups.length} user group(s)`,
    );
  app.app.logger.info(
    `index ${report.source === 'snapshot' ? 'loaded from its snapshot' : 'built'} in ${Math.round(report.ms)} ms`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      app.app.logger.info(`${signal} received: stopping`);
      service.stop().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

main().then(
  (code) => {
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`The Slack app stopped: ${error instanceof Error ? error.name : 'error'}\n`);
    process.exit(1);
  },
);
