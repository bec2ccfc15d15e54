import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Health } from '../ops/health.ts';
import { type Ops, serveOpsRequest } from '../ops/health.ts';

export { createHealth, type Health } from '../ops/health.ts';

/** Timeouts and limits of the HTTP server, against slow clients and connection floods. */
export interface ServerLimits {
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Open connections at most, kept below the usual 1,024 file descriptors. */
  maxConnections: number;
}

export const defaultServerLimits: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 800,
};

/** Slack's clock rule: a request's timestamp is an integer within five minutes of now. */
const maxClockSkewSeconds = 5 * 60;

/**
 * Checks the form of Slack's signature headers exactly as Slack specifies them, before
 * Bolt checks the signature itself: the timestamp an integer within ±300 s of now, the
 * signature `v0=` and 64 hex digits, nothing more.
 */
export function hasWellFormedSignature(req: IncomingMessage, now = Date.now()): boolean {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? undefined : value;
  };
  const timestamp = header('x-slack-request-timestamp');
  const signature = header('x-slack-signature');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(Number(timestamp) - now / 1000) > maxClockSkewSeconds) return false;
  return signature !== undefined && /^v0=[0-9a-f]{64}$/.test(signature);
}

/**
 * Serves Slack over HTTP: the operations endpoints (`/livez`, `/readyz`, `/healthz`,
 * `/metrics`) when `ops` is given, `/slack/events` once the app is ready and the request
 * is well signed, and, with OAuth, `GET /slack/install` and
 * `GET /slack/oauth_redirect` (a browser's, so not signed), with timeouts and a connection
 * cap. Transport only: what a request means is the receiver's business.
 */
export async function serveHttp(options: {
  port: number;
  health: Health;
  /** The operations endpoints, when they are served on this port. */
  ops?: Ops;
  limits?: Partial<ServerLimits>;
  /** Serve the OAuth install pages (many workspaces). */
  oauth?: boolean;
  /** Told how long each request to `/slack/events` took to be acknowledged, in seconds. */
  onAck?: (seconds: number) => void;
}): Promise<{
  server: Server;
  port: number;
  route(listener: RequestListener): void;
  close(): Promise<void>;
}> {
  const limits = { ...defaultServerLimits, ...options.limits };
  let route: RequestListener | undefined;
  // Timeouts are enforced by a periodic check: run it often enough to matter.
  const checkEvery = Math.max(250, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2)));
  const server = createServer({ connectionsCheckingInterval: checkEvery }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (options.ops && serveOpsRequest(req, res, options.ops)) return;
    const installing =
      options.oauth === true &&
      (path === '/slack/install' || path === '/slack/oauth_redirect') &&
      (req.method === 'GET' || req.method === 'HEAD');
    if (installing) {
      if (!route || options.health.state === 'starting') {
        res
          .writeHead(503, { 'retry-after': '5', 'content-type': 'text/plain' })
          .end('Starting: try again in a moment');
        return;
      }
      try {
        route(req, res);
      } catch {
        if (!res.headersSent) res.writeHead(500).end();
      }
      return;
    }
    if (path !== '/slack/events') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    if (!hasWellFormedSignature(req)) {
      req.resume();
      res.writeHead(401).end();
      return;
    }
    if (!route || options.health.state === 'starting') {
      req.resume();
      res.writeHead(503, { 'retry-after': '5' }).end();
      return;
    }
    const arrived = performance.now();
    res.once('finish', () => options.onAck?.((performance.now() - arrived) / 1000));
    try {
      route(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve((server.address() as AddressInfo).port));
  });
  return {
    server,
    port,
    route(listener) {
      route = listener;
    },
    // Requests in flight are finished (idle connections closed at once); whatever is still
    // open after a few seconds is cut, so that a stop never takes more than 10 s.
    close: (graceMs = 5000) =>
      new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        cut.unref();
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
