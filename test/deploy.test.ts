import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);
const dockerfile = readFileSync('Dockerfile', 'utf8');
const instructions = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .filter((line) => line.trim() && !line.trim().startsWith('#'));
const compose = parse(readFileSync('compose.yaml', 'utf8'), { merge: true });

describe('the Dockerfile', () => {
  it('is on an even (LTS) Node.js line newer than 20, with no build step beyond npm ci --omit=dev', () => {
    const from = instructions.find((line) => line.startsWith('FROM '))!;
    const major = Number(/node:(\d+)/.exec(from)?.[1]);
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThan(20);
    const runs = instructions.filter((line) => line.startsWith('RUN '));
    expect(runs.some((line) => line.includes('npm ci --omit=dev'))).toBe(true);
    expect(runs.some((line) => /npm run build|tsc/.test(line))).toBe(false);
  });

  it('runs as a non-root user, under an init process, with a Node health check', () => {
    const user = instructions.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
    expect(instructions.find((line) => line.startsWith('ENTRYPOINT '))).toContain('tini');
    expect(instructions.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(
      /CMD \["node", "scripts\/healthcheck\.mjs"\]/,
    );
    // The app is started by node itself, so that tini's SIGTERM reaches it.
    expect(instructions.find((line) => line.startsWith('CMD '))).toContain('"node", "--import", "tsx"');
  });

  it('copies what the app reads at run time', () => {
    for (const path of ['src', 'data', 'scripts/healthcheck.mjs', 'package-lock.json'])
      expect(instructions.some((line) => line.startsWith('COPY ') && line.includes(path))).toBe(true);
  });
});

describe('the health check script', () => {
  const check = async (status: number) => {
    const server = createServer((_req, res) => res.writeHead(status).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      await run(process.execPath, ['scripts/healthcheck.mjs'], {
        env: { ...process.env, PORT: String(port) },
      });
      return 0;
    } catch (error) {
      return (error as { code?: number }).code ?? -1;
    } finally {
      server.close();
    }
  };

  it('exits 0 when /healthz says 200, and 1 on 503 or no answer', async () => {
    expect(await check(200)).toBe(0);
    expect(await check(503)).toBe(1);
    const nobody = await run(process.execPath, ['scripts/healthcheck.mjs'], {
      env: { ...process.env, PORT: '1' },
    }).then(
      () => 0,
      (error: { code?: number }) => error.code,
    );
    expect(nobody).toBe(1);
  });
});

describe('compose.yaml', () => {
  it('runs two app instances, Redis, PostgreSQL and a load balancer, gated on health checks', () => {
    const services = compose.services as Record<string, Record<string, unknown>>;
    expect(Object.keys(services).sort()).toEqual(['app-a', 'app-b', 'lb', 'postgres', 'redis']);
    for (const name of ['redis', 'postgres', 'app-a', 'app-b', 'lb'])
      expect(services[name]!.healthcheck).toBeDefined();
    for (const app of ['app-a', 'app-b']) {
      const env = services[app]!.environment as Record<string, string>;
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/quotes:.*@postgres:5432\/quotes$/);
      // Behind a load balancer the app runs in HTTP mode.
      expect(env.SLACK_APP_TOKEN).toBe('');
      expect(services[app]!.depends_on).toEqual({
        redis: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
    }
    expect(services.lb!.depends_on).toEqual({
      'app-a': { condition: 'service_healthy' },
      'app-b': { condition: 'service_healthy' },
    });
  });

  it('balances over both instances', () => {
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    expect(nginx).toContain('server app-a:3000');
    expect(nginx).toContain('server app-b:3000');
  });
});
