import type { TestProject } from 'vitest/node';
import {
  postgresAvailable,
  type RunningServer,
  redisAvailable,
  startPostgres,
  startRedis,
} from './servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared test Redis, or '' when it cannot be had. */
    redisUrl: string;
    /** The shared test PostgreSQL (its maintenance database), or '' when it cannot be had. */
    postgresUrl: string;
  }
}

/**
 * Starts one real Redis and one real PostgreSQL for the whole run. Where they cannot be
 * had, the tests that need them are skipped with a loud notice, except in CI, which must
 * have them (`.ci/run` installs them).
 */
export default async function setup(project: TestProject) {
  const running: RunningServer[] = [];
  const missing: string[] = [];
  const start = async (available: () => boolean, launch: () => Promise<RunningServer>, name: string) => {
    if (!available()) {
      missing.push(`${name} is not installed`);
      return '';
    }
    try {
      const server = await launch();
      running.push(server);
      return server.url;
    } catch (error) {
      missing.push(`${name} did not start (${error instanceof Error ? error.message : String(error)})`);
      return '';
    }
  };
  project.provide('redisUrl', await start(redisAvailable, startRedis, 'redis-server'));
  project.provide('postgresUrl', await start(postgresAvailable, startPostgres, 'PostgreSQL'));
  if (missing.length > 0) {
    const notice = `\n${'!'.repeat(72)}\n! Tests that need real servers are SKIPPED: ${missing.join('; ')}.\n! Install them (apt-get install redis-server postgresql), as .ci/run does.\n${'!'.repeat(72)}\n`;
    if (process.env.CI) throw new Error(`CI must run every test: ${missing.join('; ')}`);
    process.stderr.write(notice);
  }
  return async () => {
    await Promise.all(running.map((server) => server.stop()));
  };
}
