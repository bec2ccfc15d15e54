import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/**
 * Whether the app can answer (readiness): `/readyz` says exactly this, so that a load
 * balancer sends requests only where they can be answered. Liveness is the process itself.
 */
export interface Health {
  readonly state: 'starting' | 'ready' | 'failing';
  readonly reason: string | undefined;
  /** The outside dependencies that are down, and what the app does meanwhile (it still answers). */
  readonly dependencies: Readonly<Record<string, string>>;
  ready(): void;
  failing(reason: string): void;
  /** Says a dependency is down (with what the app does meanwhile), or back (undefined). */
  dependency(name: string, problem: string | undefined): void;
}

export function createHealth(): Health {
  let state: Health['state'] = 'starting';
  let reason: string | undefined = 'checking the Slack token';
  const dependencies: Record<string, string> = {};
  return {
    get state() {
      return state;
    },
    get reason() {
      return reason;
    },
    dependencies,
    dependency(name, problem) {
      if (problem) dependencies[name] = problem;
      else delete dependencies[name];
    },
    ready() {
      state = 'ready';
      reason = undefined;
    },
    failing(why) {
      state = 'failing';
      reason = why;
    },
  };
}

/** What the operations endpoints report. */
export interface Ops {
  health: Health;
  /** Statements answering now. */
  statements: () => number;
  /** Statement files the last load left out (each breaks a rule), with why. */
  skipped?: () => ReadonlyArray<{ file: string; problems: readonly string[] }>;
  /** The app's metrics, for `/metrics`. */
  metrics?: Registry;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * Answers the operations endpoints and says whether it did: `GET /livez` (the process is
 * up: 200 while it runs, whatever Slack says, so that an orchestrator restarts only what a
 * restart can mend), `GET /readyz` and its older name `/healthz` (200 when the app can
 * answer; 503 with the reason while starting or when Slack refused the token), and
 * `GET /metrics` (Prometheus' text format).
 */
export function serveOpsRequest(req: IncomingMessage, res: ServerResponse, ops: Ops): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/livez') {
    json(res, 200, { ok: true });
    return true;
  }
  if (path === '/readyz' || path === '/healthz') {
    const { state, reason, dependencies } = ops.health;
    // A dependency down is reported, not fatal: the app answers on its own meanwhile.
    const down = Object.keys(dependencies).length > 0 ? { dependencies } : {};
    // So are statement files left out of the load: the others answer.
    const skipped = ops.skipped?.() ?? [];
    const left = skipped.length > 0 ? { skipped } : {};
    if (state === 'ready') json(res, 200, { ok: true, statements: ops.statements(), ...left, ...down });
    else json(res, 503, { ok: false, status: state, reason, ...down });
    return true;
  }
  if (path === '/metrics' && ops.metrics) {
    const registry = ops.metrics;
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
      },
      () => {
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
    return true;
  }
  return false;
}

/**
 * A server for the operations endpoints alone: in Socket Mode, where no HTTP server
 * receives Slack's requests, or on a port of their own (`HEALTH_PORT`). Everything else
 * is 404.
 */
export async function serveOps(port: number, ops: Ops): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (!serveOpsRequest(req, res, ops))
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  server.headersTimeout = 5000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5000;
  server.maxConnections = 100;
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve((server.address() as AddressInfo).port));
  });
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
