import { config as loadDotenv } from 'dotenv';
import { parseSlackEnv } from '../config/slack-env.ts';
import { ConfigError, DataError } from '../core/errors.ts';
import { boltLogger, createLog, defaultLogFormat, type Log } from '../ops/log.ts';
import { createMetrics } from '../ops/metrics.ts';
import { loadOptionsFor } from '../service/knowledge/load.ts';
import { type RunningService, startService } from './service.ts';
import { StartError } from './start-auth.ts';

/** The log format before the configuration is read: LOG_FORMAT when it is valid, else the terminal's. */
const earlyFormat = () => {
  const format = process.env.LOG_FORMAT?.trim();
  return format === 'json' || format === 'pretty' ? format : defaultLogFormat(process.stderr.isTTY);
};

let log: Log = createLog({ level: 'info', format: 'json' });

/**
 * `npm start`: reads .env, checks the configuration and the data, then serves Slack until
 * SIGTERM. Every line goes to standard error through one logger: JSON lines, or readable
 * lines on a terminal (LOG_FORMAT).
 */
async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  log = createLog({ level: 'info', format: earlyFormat() });
  let config: ReturnType<typeof parseSlackEnv>;
  try {
    config = parseSlackEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error(error.message);
      return 1;
    }
    throw error;
  }
  log = createLog({
    level: config.logLevel,
    format: config.logFormat ?? defaultLogFormat(process.stderr.isTTY),
  });
  if (config.logLevel === 'debug')
    log.warn(
      'LOG_LEVEL=debug: logs may show what users typed (never tokens, signatures or response URLs). Use it only to diagnose, then set it back to info.',
    );
  let service: RunningService;
  try {
    service = await startService(config, {
      load: loadOptionsFor(config),
      note: (message, level) => (level === 'warn' ? log.warn(message) : log.info(message)),
      logger: boltLogger(log),
      metrics: createMetrics(),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The port that could not be opened: Slack's (PORT) or the operations endpoints' (HEALTH_PORT).
    const port =
      (error as { port?: number }).port ?? (config.mode === 'socket' ? config.healthPort : config.port);
    if (error instanceof DataError) log.error(`Cannot load the data:\n  ${error.message}`);
    else if (error instanceof StartError) log.error(`Cannot start: ${error.message}`);
    else if (code === 'EADDRINUSE')
      log.error(
        `Cannot start: port ${port} is already in use: stop what uses it, or set PORT (HEALTH_PORT in Socket Mode) to a free port`,
      );
    else if (code === 'EACCES')
      log.error(
        `Cannot start: port ${port} needs privileges: set PORT (HEALTH_PORT in Socket Mode) to 1024 or above`,
      );
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
      ? `Quotes is running in Socket Mode with ${service.statements()} statement(s) from ${where}; /livez, /readyz and /metrics on port ${app.healthPort}`
      : `Quotes is listening on port ${app.port} (/slack/events) with ${service.statements()} statement(s) from ${where}; /livez, /readyz and /metrics on port ${app.healthPort}`,
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
    log.fatal({ error: error instanceof Error ? error.name : 'error' }, 'The Slack app stopped');
    process.exit(1);
  },
);
