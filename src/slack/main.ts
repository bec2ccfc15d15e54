import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { parseSlackEnv } from '../config/slack-env';
import { ConfigError, DataError } from '../core/errors';
import type { Knowledge } from '../core/knowledge-base';
import { type LoadReport, loadKnowledgeWithReport, loadOptionsFrom } from '../knowledge';
import { watchKnowledge } from '../watch';
import { startSlackApp } from './app';
import { fileAuditLog } from './archive/audit';
import { fileReviewStore, memoryReviewStore, type ReviewStore } from './archive/reviews';
import { type DeliveryLog, fileDeliveryLog, memoryDeliveryLog } from './delivery-log';
import { StartError } from './start-auth';

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
  let knowledge: Knowledge;
  let loadReport: LoadReport;
  try {
    const loaded = await loadKnowledgeWithReport(config.dataDir, {
      ...loadOptionsFrom(),
      log: (message) => process.stderr.write(`${message}\n`),
    });
    knowledge = loaded.knowledge;
    loadReport = loaded.report;
  } catch (error) {
    if (error instanceof DataError) {
      process.stderr.write(`Cannot load the data:\n  ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const store = watchKnowledge(config.dataDir, knowledge, {
    ...loadOptionsFrom(),
    log: (message) => process.stderr.write(`${message}\n`),
  });
  if (config.logLevel === 'debug')
    process.stderr.write(
      'LOG_LEVEL=debug: logs may show what users typed (never tokens, signatures or response URLs). Use it only to diagnose, then set it back to info.\n',
    );
  let deliveryLog: DeliveryLog;
  try {
    deliveryLog = await fileDeliveryLog(config.stateDir);
  } catch (error) {
    process.stderr.write(
      `STATE_DIR ${config.stateDir} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}): deliveries are remembered in memory only, so a retry after a restart may be answered twice\n`,
    );
    deliveryLog = memoryDeliveryLog();
  }
  // Reviews of statements sent from Slack, and the audit log, live in STATE_DIR with the deliveries.
  let reviews: ReviewStore;
  try {
    reviews = await fileReviewStore(join(config.stateDir, 'reviews'));
  } catch (error) {
    process.stderr.write(
      `STATE_DIR ${config.stateDir} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}): statements sent for review are kept in memory only, and lost at a restart\n`,
    );
    reviews = memoryReviewStore();
  }
  let running: Awaited<ReturnType<typeof startSlackApp>>;
  try {
    running = await startSlackApp({
      config,
      knowledge: store.get,
      deliveryLog,
      reviews,
      audit: fileAuditLog(join(config.stateDir, 'audit.log'), (line) =>
        running?.app.logger.info(`audit ${line}`),
      ),
    });
  } catch (error) {
    store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof StartError) process.stderr.write(`Cannot start: ${error.message}\n`);
    else if (code === 'EADDRINUSE')
      process.stderr.write(
        `Cannot start: port ${config.port} is already in use: stop what uses it, or set PORT to a free port\n`,
      );
    else if (code === 'EACCES')
      process.stderr.write(`Cannot start: port ${config.port} needs privileges: set PORT to 1024 or above\n`);
    else throw error;
    return 1;
  }
  running.app.logger.info(
    config.mode === 'socket'
      ? `Quotes is running in Socket Mode with ${knowledge.statements.length} statement(s)`
      : `Quotes is listening on port ${running.port} (/slack/events, /healthz) with ${knowledge.statements.length} statement(s)`,
  );
  if (config.editors.users.length + config.editors.groups.length > 0)
    running.app.logger.info(
      `adding statements from Slack is on for ${config.editors.users.length} editor(s) and ${config.editors.groups.length} user group(s)`,
    );
  running.app.logger.info(
    `index ${loadReport.source === 'snapshot' ? 'loaded from its snapshot' : 'built'} in ${Math.round(loadReport.ms)} ms`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      running.app.logger.info(`${signal} received: stopping`);
      store.close();
      running
        .stop()
        .then(() => deliveryLog.close())
        .then(resolve, resolve);
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
